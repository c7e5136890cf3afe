"""Each customer's lifetime figures in the table equal an independent pandas computation over the committed
orders of existing customers, after any mix of customer imports, order imports (re-imports, parked orders
attached later) and rollbacks."""
import itertools

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.adapters.customer_table import CustomerTable
from chalicelib.adapters.order_store import OrderStore
from chalicelib.domain.customer_columns import MISSING_DAY, day_texts
from chalicelib.domain.table import Validated
from chalicelib.services import lifetime
from chalicelib.services.imports import customer_file, order_file

TENANTS = (f"t-lifetime-{n}" for n in itertools.count())  # one per example: moto starts once per test
CODES = ["C1", "C2", "C3", "客4"]
STORES = ["", "南店", "北店"]
DAY0 = 1_767_196_800  # 2026-01-01 00:00 UTC
orders_st = st.lists(st.tuples(st.integers(0, 30), st.sampled_from(CODES), st.integers(0, 20 * 86400),
                               st.integers(-5000, 50000), st.sampled_from(STORES)), max_size=8,
                     unique_by=lambda order: order[0])
step = st.one_of(
    st.tuples(st.just("customers"), st.lists(st.tuples(st.sampled_from(CODES), st.sampled_from(STORES)),
                                             min_size=1, max_size=4, unique_by=lambda c: c[0])),
    st.tuples(st.just("orders"), orders_st),
    st.tuples(st.just("rollback"), st.integers(0, 5)))


def _import_customers(tenant, rows, number):
    frame = pd.DataFrame({"customer_code": [code for code, _ in rows], "store": [store for _, store in rows],
                          "row": np.arange(2, len(rows) + 2)})
    customer_file.apply(tenant, f"imp-c{number}", Validated(frame, ("customer_code", "store")), False, lambda _: None)


def _import_orders(tenant, rows, batch):
    frame = pd.DataFrame({"order_id": [f"SO{n}" for n, *_ in rows], "customer_code": [r[1] for r in rows],
                          "ordered_at": np.asarray([DAY0 + r[2] for r in rows], dtype=np.int64),
                          "amount_fen": np.asarray([r[3] for r in rows], dtype=np.int64),
                          "store": [r[4] for r in rows], "row": np.arange(2, len(rows) + 2)})
    order_file.apply(tenant, batch, Validated(frame, ("order_id", "customer_code", "ordered_at", "amount", "store")),
                       False, lambda _: None)


def expected(customers: dict, batches: dict) -> pd.DataFrame:
    """The figures, computed from scratch with pandas (the test's own model of what was committed)."""
    frames = [pd.DataFrame(rows, columns=["n", "code", "at", "amount", "store"]) for rows in batches.values()]
    orders = pd.concat(frames) if frames else pd.DataFrame(columns=["n", "code", "at", "amount", "store"])
    orders = orders[orders["code"].isin(list(customers))].astype({"at": "int64", "amount": "int64"})
    orders["day"] = pd.to_datetime(orders["at"] + DAY0 + 8 * 3600, unit="s").dt.strftime("%Y-%m-%d")
    stats = orders.groupby("code").agg(first=("day", "min"), last=("day", "max"), count=("n", "size"),
                                       total=("amount", "sum"))
    voted = orders[orders["store"] != ""].groupby(["code", "store"]).agg(votes=("n", "size"), latest=("at", "max"))
    main = voted.reset_index().sort_values(["code", "votes", "latest"]).groupby("code").tail(1).set_index("code")
    table = pd.DataFrame(index=sorted(customers))
    table = table.join(stats).join(main["store"].rename("main"))
    table["store"] = [customers[code] or (main_store if isinstance(main_store, str) else "")
                      for code, main_store in zip(table.index, table["main"])]
    return table.fillna({"first": "", "last": "", "count": 0, "total": 0})


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=6))
def test_lifetime_columns_equal_an_independent_computation(aws, steps):
    tenant = next(TENANTS)
    customers, batches, order_batches = {}, {}, []
    for number, (kind, value) in enumerate(steps):
        if kind == "customers":
            _import_customers(tenant, value, number)
            customers.update(dict(value))
        elif kind == "orders":
            batch = f"imp-o{number}"
            _import_orders(tenant, value, batch)
            committed = {n for rows in batches.values() for n, *_ in rows}
            fresh = [row for row in value if row[0] not in committed]
            if fresh:
                batches[batch] = fresh
            order_batches.append(batch)
        elif order_batches:
            batch = order_batches[value % len(order_batches)]
            OrderStore(tenant).remove_batch(batch)  # what imports.rollback does under the lease
            lifetime.refresh(tenant)
            batches.pop(batch, None)

    cols = CustomerTable(tenant).read(["first_order_day", "last_order_day", "order_count", "total_fen", "store"])
    want = expected(customers, batches)
    assert cols["customer_code"].tolist() == want.index.tolist()
    assert day_texts(cols["first_order_day"]).tolist() == want["first"].tolist()
    assert day_texts(cols["last_order_day"]).tolist() == want["last"].tolist()
    assert cols["order_count"].tolist() == want["count"].astype(int).tolist()
    assert cols["total_fen"].tolist() == want["total"].astype(int).tolist()
    assert cols["store"].tolist() == want["store"].tolist()


def test_a_customer_without_orders_has_missing_days_and_zero_figures(aws):
    _import_customers("t-none", [("C1", "")], 0)
    cols = CustomerTable("t-none").read(["first_order_day", "order_count", "store"])
    assert cols["first_order_day"].tolist() == [MISSING_DAY] and cols["order_count"].tolist() == [0]
