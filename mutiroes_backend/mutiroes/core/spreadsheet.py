"""CSV cells that spreadsheet programs open as text, never as a formula."""

import re

# A cell starting with one of these is read as a formula (or a tab/return hides a leading one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Brazilian spreadsheets split on ";" (the decimal separator is ","), others on ",": a value like
# "Ana;=HYPERLINK(...)" becomes a formula cell once split, whatever the file's delimiter.
_AFTER_SEPARATOR = re.compile(r"([;,][\s\"]*)(?=[=+\-@\t\r])")


def csv_cell(value: object) -> str:
    """The text of one CSV cell, defused: an apostrophe keeps every would-be formula from running,
    at the start and after every separator a spreadsheet may split on."""
    text = "" if value is None else str(value)
    text = _AFTER_SEPARATOR.sub(r"\1'", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
