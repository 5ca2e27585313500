"""CSV cells that spreadsheet programs open as text, never as a formula."""

# A cell starting with one of these is read as a formula (or a tab/return hides a leading one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """The text of one CSV cell, defused: a leading apostrophe keeps a formula from running."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
