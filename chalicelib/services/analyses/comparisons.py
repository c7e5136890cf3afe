"""Comparing two saved analyses: the 9x9 transition matrix and the customers who moved up or down."""
import numpy as np
import pandas as pd

from chalicelib.domain.rfm.compare import POSITIONS, direction, matrix, transitions
from chalicelib.domain.rfm.summary import among
from chalicelib.errors import ValidationFailed
from chalicelib.services import stores
from chalicelib.services.analyses import saved
from chalicelib.services.analyses.view import public, yuan
from chalicelib.services.paging import page_bounds

DIRECTIONS = {"up": -1, "same": 0, "down": 1}
FIRST_ITEMS = 100
MEASURES = ("recency_days", "frequency", "monetary")


def compare(tenant_id: str, from_id: str, to_id: str, store: str = "") -> dict:
    before, after, moves = pair(tenant_id, from_id, to_id, store)
    steps = moves["direction"].to_numpy()
    first = {name: _items(tenant_id, moves[steps == value].iloc[:FIRST_ITEMS], before, after)
             for name, value in (("up", -1), ("down", 1))}
    return {"from": public(before["header"], with_grid=False), "to": public(after["header"], with_grid=False),
            "positions": list(POSITIONS), "matrix": matrix(moves),
            "moved_up": first["up"], "moved_down": first["down"], "moved_up_total": int((steps < 0).sum()),
            "moved_down_total": int((steps > 0).sum()), "stayed_total": int((steps == 0).sum())}


# Many arguments, by design: the list route's filters.
def movers(tenant_id: str, from_id: str, to_id: str, move: str = "all", from_class: str = "", to_class: str = "",  # noqa: PLR0913
           page: int = 1, size: int = 20, store: str = "") -> dict:
    page, size, rows = page_bounds(page, size)
    before, after, moves = pair(tenant_id, from_id, to_id, store)
    chosen = np.ones(len(moves), dtype=bool)
    if move != "all":
        if move not in DIRECTIONS:
            raise ValidationFailed("direction 只能是 up、down、same 或 all")
        chosen &= moves["direction"].to_numpy() == DIRECTIONS[move]
    for column, name in (("from_position", from_class), ("to_position", to_class)):
        if name:
            chosen &= moves[column].to_numpy() == _position(name)
    picked = moves[chosen]
    items = _items(tenant_id, picked.iloc[rows], before, after)
    return {"items": items, "total": len(picked), "page": page, "size": size}


def side(tenant_id: str, analysis_id: str) -> dict:
    """One saved analysis: {header, results}."""
    return {"header": saved.saved_header(tenant_id, analysis_id), "results": saved.results(tenant_id, analysis_id)}


def moves_between(before: dict, after: dict) -> pd.DataFrame:
    """Every customer's move (from_position, to_position, direction), by from class, to class, code."""
    moves = transitions(before["results"], after["results"])
    order = np.lexsort((moves["customer_code"].to_numpy(), moves["to_position"].to_numpy(),
                        moves["from_position"].to_numpy()))
    moves = moves.iloc[order].reset_index(drop=True)
    return moves.assign(direction=direction(moves))


def describe(moves: pd.DataFrame, before: dict, after: dict, names: dict) -> list[dict]:
    """Movers as the API shows them."""
    labels = {-1: "up", 0: "same", 1: "down"}
    codes = moves["customer_code"].tolist()
    return [{"customer_code": code, "name": names.get(code, ""), "from_class": POSITIONS[start],
             "to_class": POSITIONS[end], "from": was, "to": now, "direction": labels[int(step)]}
            for code, start, end, step, was, now in zip(codes, moves["from_position"], moves["to_position"],
                                                        moves["direction"], _measures(before["results"], codes),
                                                        _measures(after["results"], codes))]


def pair(tenant_id: str, from_id: str, to_id: str, store: str = "") -> tuple[dict, dict, pd.DataFrame]:
    """Two different saved analyses and the moves between them; with `store`, of that store's customers only."""
    check_pair(from_id, to_id)
    before, after = side(tenant_id, from_id), side(tenant_id, to_id)
    if store:
        codes = stores.members(tenant_id, store)
        before, after = (store_side(one, store, codes) for one in (before, after))
    return before, after, moves_between(before, after)


def check_pair(from_id: str, to_id: str) -> None:
    """Two analyses named, and not the same one."""
    if not from_id or not to_id:
        raise ValidationFailed("请选择要对比的两次分析（from 和 to）")
    if from_id == to_id:
        raise ValidationFailed("请选择两次不同的分析进行对比")


def store_side(one: dict, store: str, codes) -> dict:
    """One analysis as `store` sees it: its header's figures and its results over the store's customers."""
    return {"header": saved.store_header(one["header"], one["results"], store, codes),
            "results": among(one["results"], codes)}


def _items(tenant_id: str, moves: pd.DataFrame, before: dict, after: dict) -> list[dict]:
    return describe(moves, before, after, saved.names_of(tenant_id, moves["customer_code"].tolist()))


def _measures(results: pd.DataFrame, codes: list[str]) -> list[dict | None]:
    """R, F and M (yuan) of each code in one analysis' results; None where it had no purchase."""
    at = pd.Index(results["customer_code"]).get_indexer(codes)
    columns = [results[name].to_numpy() for name in MEASURES]
    return [None if i < 0 else {"recency_days": int(columns[0][i]), "frequency": int(columns[1][i]),
                                "monetary": yuan(columns[2][i])} for i in at]


def _position(name: str) -> int:
    if name not in POSITIONS:
        raise ValidationFailed(f"类别只能是：{'、'.join(POSITIONS)}")
    return POSITIONS.index(name)

