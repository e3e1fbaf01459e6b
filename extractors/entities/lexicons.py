"""Data files of the entity rules, loaded once per process."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset(_lines("first_names.txt"))


@lru_cache(maxsize=1)
def body_heads() -> tuple[str, ...]:
    return tuple(_lines("body_heads.txt"))


@lru_cache(maxsize=1)
def agencies() -> tuple[str, ...]:
    return tuple(_lines("agencies.txt"))


@lru_cache(maxsize=1)
def doc_type_words() -> tuple[tuple[str, str], ...]:
    rows = [ln.split("\t") for ln in _lines("doc_types.tsv")]
    return tuple((word, kind) for word, kind in rows)


@lru_cache(maxsize=1)
def municipalities() -> dict[str, str]:
    """Short name ("Huddinge") → official name ("Huddinge kommun")."""
    with open(DATA / "municipalities.csv", encoding="utf-8", newline="") as fh:
        return {
            row["municipality_name_short"]: row["municipality_name"] for row in csv.DictReader(fh)
        }


@lru_cache(maxsize=1)
def municipality_aliases() -> dict[str, str]:
    """Alias ("Falu") → short name ("Falun") for names written another way in practice."""
    return dict(ln.split("\t") for ln in _lines("municipality_aliases.tsv"))


@lru_cache(maxsize=1)
def attendance_labels() -> tuple[str, ...]:
    return tuple(_lines("attendance_labels.txt"))
