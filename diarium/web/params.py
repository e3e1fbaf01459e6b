"""The URL of a search: every state of the search page is in its query string, so a URL
is a saved search. One place reads it into a :class:`SearchQuery` and writes it back,
for the page, its links (facet toggles, pagination) and the JSON API alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import urlencode

from diarium.app.search import SearchQuery
from diarium.corpus.errors import UsageError
from diarium.index.filters import BY_PARAM, FACETS, FILTERS, SORTS

# Filter field → its name in the URL and its label on the page, from the one declaration
# of the filters (the CLI's option names, the API's parameters).
URL_NAMES = {f.field: f.param for f in FILTERS}
LABELS = {f.field: f.label for f in FILTERS}
PER_PAGE = 10  # documents per page unless the URL says ``per=N``
MAX_PER_PAGE = 50
MAX_DEPTH = 500  # documents deep: a longer list wants a narrower query


@dataclass
class SearchState:
    q: str = ""
    dnr: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str = ""
    date_to: str = ""
    page: int = 1
    per: int = PER_PAGE
    sort: str = "relevance"

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> SearchState:
        state = cls()
        for key, value in pairs:
            value = value.strip()
            if key == "q":
                state.q = value
            elif key == "dnr":
                state.dnr = value
            elif key == "page":
                state.page = _number("page", value, MAX_DEPTH)
            elif key == "per":
                state.per = _number("per", value, MAX_PER_PAGE) if value else PER_PAGE
            elif key == "sort":
                if value and value not in SORTS:
                    raise UsageError(f"sort {value!r} is not one of {', '.join(SORTS)}")
                state.sort = value or "relevance"
            elif key in BY_PARAM and value:
                declared = BY_PARAM[key]
                if not declared.many:
                    setattr(state, declared.field, value)  # date_from, date_to
                elif value not in state.filters.get(declared.field, []):
                    state.filters.setdefault(declared.field, []).append(value)
        if state.page * state.per > MAX_DEPTH + state.per:
            raise UsageError(
                f"page {state.page} is beyond the first {MAX_DEPTH} documents; "
                "narrow the search with a filter instead"
            )
        return state

    def is_empty(self) -> bool:
        return not (self.q or self.dnr or self.filters or self.date_from or self.date_to)

    def query(self, *, facets: bool = True, per_page: int | None = None) -> SearchQuery:
        per_page = per_page or self.per
        return SearchQuery.with_filters(
            {**self.filters, "date_from": self.date_from, "date_to": self.date_to},
            text=self.q,
            dnr=self.dnr or None,
            limit=per_page,
            offset=(self.page - 1) * per_page,
            facets=facets,
            sort=self.sort,
        )

    def pairs(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.q:
            out.append(("q", self.q))
        if self.dnr:
            out.append(("dnr", self.dnr))
        for f in FACETS:
            out.extend((f.param, v) for v in self.filters.get(f.field, []))
        if self.date_from:
            out.append((URL_NAMES["date_from"], self.date_from))
        if self.date_to:
            out.append((URL_NAMES["date_to"], self.date_to))
        if self.sort != "relevance":
            out.append(("sort", self.sort))
        if self.per != PER_PAGE:
            out.append(("per", str(self.per)))
        if self.page > 1:
            out.append(("page", str(self.page)))
        return out

    def url(self, path: str = "/") -> str:
        pairs = self.pairs()
        return f"{path}?{'&'.join(_encoded(k, v) for k, v in pairs)}" if pairs else path

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
        active = {k: v for k, v in filters.items() if v}
        return replace(self, filters=active, page=1).url()

    def at_page(self, page: int) -> str:
        return replace(self, page=page).url()

    def with_text(self, q: str) -> str:
        """This search with other words (the "Menade du" link)."""
        return replace(self, q=q, page=1).url()

    def last_page(self, total: int) -> int:
        return max(1, min(-(-total // self.per), MAX_DEPTH // self.per))


@lru_cache(maxsize=4096)
def _encoded(key: str, value: str) -> str:
    """One ``key=value`` of a query string: a facet page writes the same few dozen values
    into every link, so each is encoded once."""
    return urlencode([(key, value)])


def _number(name: str, value: str, highest: int) -> int:
    if not value:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= highest:
        raise UsageError(f"{name} {value!r} is not a number from 1 to {highest}")
    return int(value)
