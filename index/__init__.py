"""Search indexes behind one interface (``diarium.index.base``); engines are chosen by name."""

from __future__ import annotations

from pathlib import Path

from diarium.index.base import SearchIndex

ENGINES = ("tantivy", "whoosh")
DEFAULT_ENGINE = "tantivy"
# Every engine writes this file into its index directory: engine and schema version.
MARKER = "diarium-index.json"


def open_index(
    path: str | Path,
    engine: str = DEFAULT_ENGINE,
    *,
    create: bool = True,
    pnr_key: bytes | None = None,
) -> SearchIndex:
    """``pnr_key``: the home's secret for the keyed hashes of identity numbers; without
    it documents are indexed with no such hashes (and stay masked all the same)."""
    if engine == "tantivy":
        from diarium.index.tantivy_engine import TantivyIndex

        return TantivyIndex(Path(path), create=create, pnr_key=pnr_key)
    if engine == "whoosh":
        from diarium.index.whoosh_engine import WhooshIndex

        return WhooshIndex(Path(path), create=create, pnr_key=pnr_key)
    raise ValueError(f"unknown index engine {engine!r} (known: {', '.join(ENGINES)})")
