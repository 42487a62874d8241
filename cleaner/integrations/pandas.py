"""Clean a pandas DataFrame column: `clean_frame(df)` returns a cleaned copy.

    import pandas as pd
    from cleaner.integrations.pandas import clean_frame

    df = pd.read_json("articles.jsonl", lines=True)       # columns text, url, id, ...
    out = clean_frame(df)                                  # text cleaned; title, lang, site,
                                                           # removed_categories added

Rows are cleaned one after the other in this process (cost: see docs/pipelines.md); for
many cores use Spark, datatrove or `datasets.map(num_proc=...)`. Missing texts (None,
NaN) stay missing. Install with `pip install 'cleaner[pandas]'`.
"""

from __future__ import annotations

from typing import Any

from ..api import Cleaner, Config
from ..records import clean_columns
from . import _missing, resolve_cleaner

try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise _missing("pandas", exc) from exc

__all__ = ["clean_frame", "clean_series"]


def clean_frame(df: pd.DataFrame, cleaner: Cleaner | Config | None = None, *, text_col: str = "text",
                url_col: str | None = "url", lang_col: str | None = "lang", removals: bool = False,
                output_col: str | None = None) -> pd.DataFrame:
    """A copy of `df` with `text_col` cleaned (or the cleaned text in `output_col`) and
    columns `title`, `lang`, `site`, `removed_categories` (and `removals`) set.

    url_col / lang_col are used when the frame has them (a URL selects the site pack, a
    language skips detection).
    """
    columns = _clean(df, resolve_cleaner(cleaner), text_col, url_col, lang_col, removals)
    out = df.copy()
    out[output_col or text_col] = pd.Series(columns.pop("text"), index=df.index, dtype=object)
    for key, values in columns.items():
        out[key] = pd.Series(values, index=df.index, dtype=object)
    return out


def clean_series(texts: pd.Series, cleaner: Cleaner | Config | None = None) -> pd.Series:
    """Only the cleaned texts, same index (languages detected, no site packs)."""
    values = clean_columns(resolve_cleaner(cleaner), texts.tolist())["text"]
    return pd.Series(values, index=texts.index, name=texts.name, dtype=object)


def _clean(df: pd.DataFrame, cleaner: Cleaner, text_col: str, url_col: str | None, lang_col: str | None,
           removals: bool) -> dict[str, list[Any]]:
    urls = df[url_col].tolist() if url_col and url_col in df.columns else None
    langs = df[lang_col].tolist() if lang_col and lang_col in df.columns else None
    return clean_columns(cleaner, df[text_col].tolist(), urls, langs, removals=removals)
