"""Page numbers as every list endpoint reads them: page from 1, at most MAX_PAGE_SIZE rows a page."""
MAX_PAGE_SIZE = 100


def page_bounds(page: int, size: int) -> tuple[int, int, slice]:
    """(page, size) clamped to their ranges, and the slice of the rows that page shows."""
    page, size = max(page, 1), min(max(size, 1), MAX_PAGE_SIZE)
    return page, size, slice((page - 1) * size, page * size)
