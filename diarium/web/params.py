"""The URL of a search: every state of the search page is in its query string, so a URL
is a saved search. One place reads it into a :class:`SearchQuery` and writes it back,
for the page, its links (facet toggles, pagination) and the JSON API alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from corpus.errors import UsageError
from diarium.app.search import SearchQuery

# Facet field → its name in the URL (the CLI's option names).
URL_NAMES = {
    "year": "year",
    "doc_type": "type",
    "municipality": "municipality",
    "body": "body",
    "person": "person",
}
PER_PAGE = 10
MAX_PAGE = 50  # 500 documents deep: a longer list wants a narrower query


@dataclass
class SearchState:
    q: str = ""
    dnr: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str = ""
    date_to: str = ""
    page: int = 1

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> SearchState:
        state = cls()
        for key, value in pairs:
            value = value.strip()
            if key == "q":
                state.q = value
            elif key == "dnr":
                state.dnr = value
            elif key == "from":
                state.date_from = value
            elif key == "to":
                state.date_to = value
            elif key == "page":
                state.page = _page_number(value)
            else:
                for name, url_name in URL_NAMES.items():
                    if key == url_name and value and value not in state.filters.get(name, []):
                        state.filters.setdefault(name, []).append(value)
        return state

    def is_empty(self) -> bool:
        return not (self.q or self.dnr or self.filters or self.date_from or self.date_to)

    def query(self, *, facets: bool = True, per_page: int = PER_PAGE) -> SearchQuery:
        return SearchQuery(
            text=self.q,
            dnr=self.dnr or None,
            filters={k: list(v) for k, v in self.filters.items()},
            date_from=self.date_from or None,
            date_to=self.date_to or None,
            limit=per_page,
            offset=(self.page - 1) * per_page,
            facets=facets,
        )

    def pairs(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.q:
            out.append(("q", self.q))
        if self.dnr:
            out.append(("dnr", self.dnr))
        for name, url_name in URL_NAMES.items():
            out.extend((url_name, v) for v in self.filters.get(name, []))
        if self.date_from:
            out.append(("from", self.date_from))
        if self.date_to:
            out.append(("to", self.date_to))
        if self.page > 1:
            out.append(("page", str(self.page)))
        return out

    def url(self, path: str = "/") -> str:
        pairs = self.pairs()
        return f"{path}?{urlencode(pairs)}" if pairs else path

    def active(self, name: str, value: str) -> bool:
        return value in self.filters.get(name, [])

    def toggled(self, name: str, value: str) -> str:
        """This search with one facet value switched on or off, from its first page."""
        values = list(self.filters.get(name, []))
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        filters = {**self.filters, name: values}
        return SearchState(
            self.q, self.dnr, {k: v for k, v in filters.items() if v},
            self.date_from, self.date_to, 1,
        ).url()

    def at_page(self, page: int) -> str:
        return SearchState(
            self.q, self.dnr, self.filters, self.date_from, self.date_to, page
        ).url()

    def with_text(self, q: str) -> str:
        """This search with other words (the "Menade du" link)."""
        return SearchState(q, self.dnr, self.filters, self.date_from, self.date_to, 1).url()


def _page_number(value: str) -> int:
    if not value:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise UsageError(f"page {value!r} is not a page number from 1 to {MAX_PAGE}")
    return int(value)
