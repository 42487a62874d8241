"""One colour per removal category, for terminals (ANSI SGR codes) and the HTML report."""

from __future__ import annotations

import os
from typing import TextIO

from ..engine.model import CATEGORIES

__all__ = ["ANSI", "HEX", "use_color", "paint"]

# Distinct hues; neighbours in the category list get contrasting colours.
HEX: dict[str, str] = {
    "ads": "#d62728", "comments": "#9467bd", "author": "#17becf", "player": "#1f77b4",
    "related": "#ff7f0e", "caption": "#2ca02c", "credit": "#8c564b", "navigation": "#3b5bdb",
    "dateline": "#0b7285", "share": "#e377c2", "newsletter": "#bcbd22", "paywall": "#a61e4d",
    "consent": "#7f7f7f", "sources": "#5c940d", "duplicate": "#495057", "other": "#868e96",
}
ANSI: dict[str, str] = {
    "ads": "31", "comments": "35", "author": "36", "player": "34", "related": "33", "caption": "32",
    "credit": "92", "navigation": "94", "dateline": "96", "share": "95", "newsletter": "93",
    "paywall": "91", "consent": "90", "sources": "32;2", "duplicate": "37;2", "other": "90",
}
assert set(HEX) == set(CATEGORIES) == set(ANSI)

RESET = "\x1b[0m"


def use_color(stream: TextIO, mode: str = "auto") -> bool:
    """Colour when asked (`always`), never when told (`never`), else only on a terminal.

    `auto` honours NO_COLOR (https://no-color.org: set and not empty disables colour)
    and TERM=dumb.
    """
    if mode == "always":
        return True
    if mode == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, category: str | None, *, strike: bool = False, bold: bool = False) -> str:
    codes = [ANSI.get(category or "other", "90")]
    if strike:
        codes.append("9")
    if bold:
        codes.append("1")
    return f"\x1b[{';'.join(codes)}m{text}{RESET}"
