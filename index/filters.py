"""The search filters, each declared once: the field it filters on, its name on the
command line and in a URL, its label on the page, its help text, and how one typed value
is read and checked.

The CLI derives its options from ``FILTERS``, the web page its URL names and labels, the
JSON API its documented parameters, the engines their facet fields, and the application
checks every value through the filter's ``parse`` — so ``--from 2021``, ``?from=2021``
and ``/api/search?from=2021`` mean the same range, and a bad value is the same error
everywhere. The declaration is plain data in the lowest layer that needs it (the engines
count the facets), so every layer above can import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from diarium.corpus.errors import UsageError
from diarium.index.dates import date_bound

# The year facet's value for a document whose date was not found: counted and
# selectable like a year, so undated documents never vanish silently.
UNDATED = "utan datum"
# How hits may be ordered: by relevance, oldest first, newest first.
SORTS = ("relevance", "date", "-date")


def _as_typed(value: str) -> str:
    """A facet value is matched as it is written (case aside, see index/facets.py)."""
    return value.strip()


def _year(value: str) -> str:
    """Four digits, or ``UNDATED`` for the documents without a found date."""
    text = value.strip()
    if text != UNDATED and not (text.isdigit() and len(text) == 4):
        raise UsageError(f"year {value!r} is not a year (four digits) nor {UNDATED!r}")
    return text


def _date_from(value: str) -> str:
    """A day, a month or a year; a month or year starts on its first day."""
    return date_bound(value, start=True)


def _date_to(value: str) -> str:
    """A day, a month or a year; a month or year ends on its last day."""
    return date_bound(value, start=False)


@dataclass(frozen=True)
class Filter:
    """One filter. ``field``: the key in a query's filters (a facet field of the index)
    or ``date_from``/``date_to``; ``param``: the CLI option ``--param``, the URL and API
    parameter; ``label``: the page's Swedish name; ``help``: the CLI's and the API's
    description; ``parse``: one value as typed → as searched, ``UsageError`` if bad;
    ``many``: repeatable, the values OR'ed; ``facet``: counted per value."""

    field: str
    param: str
    label: str
    help: str
    parse: Callable[[str], str] = _as_typed
    many: bool = True
    facet: bool = True


FILTERS: tuple[Filter, ...] = (
    Filter(
        "year",
        "year",
        "År",
        f"Document year (repeatable: several are OR'ed); '{UNDATED}' for undated documents.",
        parse=_year,
    ),
    Filter(
        "doc_type", "type", "Typ", "Document type, e.g. protokoll, tjänsteutlåtande (repeatable)."
    ),
    Filter("municipality", "municipality", "Kommun", "Municipality, e.g. Huddinge (repeatable)."),
    Filter(
        "organ",
        "organ",
        "Organ",
        "The body that decided or authored the document, e.g. Kommunstyrelsen (repeatable).",
    ),
    Filter(
        "body", "body", "Nämns", "Any body the document names, e.g. Kommunstyrelsen (repeatable)."
    ),
    Filter("person", "person", "Person", "Person named in the document (repeatable)."),
    Filter(
        "date_from",
        "from",
        "Från",
        "Documents dated on or after this day: YYYY-MM-DD, or YYYY-MM or YYYY from its start.",
        parse=_date_from,
        many=False,
        facet=False,
    ),
    Filter(
        "date_to",
        "to",
        "Till",
        "Documents dated on or before this day: YYYY-MM-DD, or YYYY-MM or YYYY to its end.",
        parse=_date_to,
        many=False,
        facet=False,
    ),
)
FACETS = tuple(f for f in FILTERS if f.facet)
# The facet fields every engine indexes and counts, in the order they are shown.
FACET_FIELDS = tuple(f.field for f in FACETS)
BY_FIELD = {f.field: f for f in FILTERS}
BY_PARAM = {f.param: f for f in FILTERS}
