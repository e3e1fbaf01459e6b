"""Search indexes behind one interface (``index.base``); engines are chosen by name."""

from __future__ import annotations

from pathlib import Path

from index.base import SearchIndex

ENGINES = ("whoosh",)


def open_index(path: str | Path, engine: str = "whoosh", *, create: bool = True) -> SearchIndex:
    if engine == "whoosh":
        from index.whoosh_engine import WhooshIndex

        return WhooshIndex(Path(path), create=create)
    raise ValueError(f"unknown index engine {engine!r} (known: {', '.join(ENGINES)})")
