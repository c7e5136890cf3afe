"""Problems found by the cleaners, turned into the RowIssues users read."""
import numpy as np

from chalicelib.domain.table import RowIssue

Problems = dict[str, np.ndarray]  # message -> bool mask of the rows it applies to


def collect_issues(checks: list[tuple[str, Problems]], rows: np.ndarray) -> list[RowIssue]:
    """RowIssues for every flagged cell, ordered by row, then by the order of `checks`."""
    positions, tags, labels = [], [], []
    for column, problems in checks:
        for message, mask in problems.items():
            hit = np.flatnonzero(mask)
            if hit.size:
                positions.append(hit)
                tags.append(np.full(hit.size, len(labels)))
                labels.append((column, message))
    if not positions:
        return []
    position, tag = np.concatenate(positions), np.concatenate(tags)
    order = np.lexsort((tag, position))
    return [RowIssue(int(rows[p]), *labels[t]) for p, t in zip(position[order], tag[order])]


def any_problem(*problem_sets: Problems, size: int) -> np.ndarray:
    flagged = np.zeros(size, dtype=bool)
    for problems in problem_sets:
        for mask in problems.values():
            flagged |= mask
    return flagged

