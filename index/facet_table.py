"""Documents' facet values as arrays, so that thousands of matched documents are
filtered and counted in a few vectorised steps.

An AND of page words can match thousands of documents whose filters and facet counts
tantivy cannot give exactly (it counts pages, see ``diarium.index.tantivy_engine``). Counting
them value by value in Python cost most of such a search; here every document's values
are turned into integer ids once, kept in growing arrays, and each search counts with
``numpy.bincount``. Rows are keyed by a content hash of the values (the engine's
``facet_key``), so a row never goes stale and the table only grows as new documents
are indexed.

The counting rules are those of ``diarium.index.facets`` (the Whoosh engine's): one filter's
values are alternatives, compared case-folded; every facet is counted with all filters
but its own; most frequent first, then by value.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from diarium.index.base import FACET_FIELDS
from diarium.index.facets import DATE, date_bounds, date_number
from diarium.index.schema import DocFacets

Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


class _Growing:
    """An int64 array that is appended to and read as a prefix: a reader takes
    ``view(n)`` for the ``n`` items it knows are written; growing copies into a new
    array, so a view taken before stays valid."""

    def __init__(self) -> None:
        self._data: Ints = np.zeros(1024, dtype=np.int64)
        self.size = 0

    def append(self, values: Sequence[int]) -> None:
        end = self.size + len(values)
        if end > len(self._data):
            bigger = np.zeros(max(end, 2 * len(self._data)), dtype=np.int64)
            bigger[: self.size] = self._data[: self.size]
            self._data = bigger
        self._data[self.size : end] = values
        self.size = end

    def view(self, n: int) -> Ints:
        return self._data[:n]


class _Column:
    """One facet: the ids of each row's distinct values (row r: ``flat[offsets[r] :
    offsets[r + 1]]``), and id → value."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        self.folded: list[str] = []
        self.flat = _Growing()
        self.offsets = _Growing()
        self.offsets.append([0])

    def add_row(self, values: Iterable[str]) -> None:
        row: list[int] = []
        for value in dict.fromkeys(values):
            found = self.ids.get(value)
            if found is None:
                found = self.ids[value] = len(self.names)
                self.names.append(value)
                self.folded.append(value.casefold())
            row.append(found)
        self.flat.append(row)
        self.offsets.append([self.flat.size])


@dataclass
class _Gathered:
    """One facet's values of a list of documents: ``ids[i]`` belongs to document
    ``owner[i]`` (a position in that list)."""

    ids: Ints
    owner: Ints


class FacetTable:
    """facet key → row, and per row its date and, per facet, the ids of its values.

    Rows are only appended (under a lock), and a key is published when its row is
    complete, so searches in other threads read without the lock."""

    def __init__(self) -> None:
        self._row_of: dict[int, int] = {}
        self._size = 0  # rows complete, readable by any thread
        self._columns = {name: _Column() for name in FACET_FIELDS}
        self._dates = _Growing()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._size

    def rows(self, keys: Iterable[int]) -> list[int | None]:
        """The row of each key; None for a key not added yet."""
        return list(map(self._row_of.get, keys))

    def add(self, key: int, facets: DocFacets) -> int:
        with self._lock:
            row = self._row_of.get(key)
            if row is None:
                row = self._size
                for name, column in self._columns.items():
                    column.add_row(facets.values(name))
                self._dates.append([date_number(facets.date or "")])
                self._size += 1
                self._row_of[key] = row
            return row

    def count(
        self, rows: Sequence[int], filters: dict[str, list[str]], facets: bool, buckets: int
    ) -> tuple[Mask, dict[str, dict[str, int]]]:
        """For documents with these rows (one entry per document, rows may repeat): which
        pass every filter, and, if ``facets``, each facet's counts (at most ``buckets``
        values each, most frequent first)."""
        at = np.asarray(rows, dtype=np.int64)
        n = len(at)
        # Only the facets that are filtered or counted are gathered.
        gathered = {
            name: self._gather(name, at) for name in FACET_FIELDS if facets or name in filters
        }
        passing = {
            name: self._passes(at, gathered.get(name), name, values)
            for name, values in filters.items()
        }
        allowed = np.ones(n, dtype=np.bool_)
        for mask in passing.values():
            allowed &= mask
        counts: dict[str, dict[str, int]] = {}
        if facets:
            for name in FACET_FIELDS:
                counted = np.ones(n, dtype=np.bool_)
                for other, mask in passing.items():
                    if other != name:
                        counted &= mask
                counts[name] = self._counts(name, gathered[name], counted, buckets)
        return allowed, counts

    def _gather(self, name: str, at: Ints) -> _Gathered:
        column = self._columns[name]
        offsets = column.offsets.view(self._size + 1)
        starts = offsets[at]
        lengths = offsets[at + 1] - starts
        total = int(lengths.sum())
        owner = np.repeat(np.arange(len(at), dtype=np.int64), lengths)
        # Position i of the result reads flat[starts[owner[i]] + (i - first i of owner)].
        first = np.cumsum(lengths) - lengths
        index = np.arange(total, dtype=np.int64) - first[owner] + starts[owner]
        return _Gathered(column.flat.view(column.flat.size)[index], owner)

    def _passes(
        self, at: Ints, gathered: _Gathered | None, name: str, values: list[str]
    ) -> Mask:
        if name == DATE:
            low, high = date_bounds(*values)
            dates = self._dates.view(self._size)[at]
            return (dates >= low) & (dates <= high)  # low >= 1: no date, no pass
        assert gathered is not None
        column = self._columns[name]
        wanted = {v.casefold() for v in values}
        hits = [i for i, folded in enumerate(column.folded) if folded in wanted]
        matches = np.isin(gathered.ids, np.asarray(hits, dtype=np.int64))
        return np.bincount(gathered.owner[matches], minlength=len(at)) > 0

    def _counts(
        self, name: str, gathered: _Gathered, counted: Mask, buckets: int
    ) -> dict[str, int]:
        column = self._columns[name]
        ids = gathered.ids[counted[gathered.owner]]
        tally = np.bincount(ids)
        present = np.flatnonzero(tally)
        if not len(present):
            return {}
        names = [column.names[i] for i in present]
        by_name = np.empty(len(names), dtype=np.int64)
        by_name[np.argsort(np.array(names))] = np.arange(len(names))
        order = np.lexsort((by_name, -tally[present]))[:buckets]
        return {names[i]: int(tally[present[i]]) for i in order}
