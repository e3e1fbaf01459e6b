"""Filters and facet counts over documents' values, the same for every engine.

A search matches pages, but filters and counts are about documents: a document passes
a filter when one of its values is among the wanted ones (case aside), several values
of one filter are alternatives, different filters all apply, and each facet is counted
with every filter but its own, so the user sees the alternatives to what they chose.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain
from operator import itemgetter

from diarium.index.base import FACET_FIELDS, SearchRequest
from diarium.index.schema import DocFacets

DATE = "date"


def active_filters(request: SearchRequest) -> dict[str, list[str]]:
    """Facet field (or ``date``) → wanted values; ``date`` holds [from, to]."""
    active = {k: list(v) for k, v in request.filters.items() if v}
    if request.date_from or request.date_to:
        active[DATE] = [request.date_from or "", request.date_to or ""]
    return active


def date_number(date: str) -> int:
    """An ISO date (or its year or year-month) as yyyymmdd, for range comparisons."""
    digits = "".join(ch for ch in date if ch.isdigit())[:8]
    return int(digits.ljust(8, "0")) if digits else 0


def date_bounds(low: str, high: str) -> tuple[int, int]:
    """Inclusive yyyymmdd bounds: "--to 2022" takes in all of 2022, "--from 2022-03" the
    first of March."""
    upper = "".join(ch for ch in high if ch.isdigit())[:8]
    return (
        date_number(low) if low else 1,
        int(upper.ljust(8, "9")) if upper else 99_999_999,
    )


def passes(facets: Sequence[DocFacets], name: str, values: list[str]) -> set[int]:
    """Positions in ``facets`` of the documents that pass one filter."""
    if name == DATE:
        low, high = date_bounds(*values)
        return {n for n, f in enumerate(facets) if f.date and low <= date_number(f.date) <= high}
    wanted = {v.casefold() for v in values}
    return {n for n, f in enumerate(facets) if any(v.casefold() in wanted for v in f.values(name))}


def distinct_values(facets: Sequence[DocFacets]) -> dict[str, list[tuple[str, ...]]]:
    """Per facet, each document's distinct values: counting is then one C-level pass."""
    return {name: [tuple(dict.fromkeys(f.values(name))) for f in facets] for name in FACET_FIELDS}


def count_facets(
    values: Mapping[str, Sequence[tuple[str, ...]]],
    docs: set[int],
    passing: Mapping[str, set[int]],
) -> dict[str, dict[str, int]]:
    """Counts per value of each facet among ``docs``, each facet with every filter in
    ``passing`` applied except its own; most frequent first."""
    out: dict[str, dict[str, int]] = {}
    for name in FACET_FIELDS:
        counted = docs
        for key, passed in passing.items():
            if key != name:
                counted = counted & passed
        per_doc = values[name]
        # Indexing and chaining in C: this runs over thousands of documents a search.
        chosen = per_doc if len(counted) == len(per_doc) else map(per_doc.__getitem__, counted)
        counts = Counter(chain.from_iterable(chosen))
        out[name] = sort_counts(counts)
    return out


def sort_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """Most frequent first, then by value: two stable sorts on C-level keys (a facet
    may have a thousand values, sorted on every search)."""
    by_value = sorted(counts.items(), key=itemgetter(0))
    return dict(sorted(by_value, key=itemgetter(1), reverse=True))
