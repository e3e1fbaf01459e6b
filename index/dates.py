"""Dates as people type them in a search: a day, a month or a year. The reader of the
``from`` and ``to`` filters (``index/filters.py``), so the CLI, the page and the API take
the same forms."""

from __future__ import annotations

import datetime

from diarium.corpus.errors import UsageError

_FORMS = (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4))


def date_bound(value: str, *, start: bool) -> str:
    """``value`` (YYYY-MM-DD, YYYY-MM or YYYY) as the ISO day that bounds a range: a bare
    month or year is widened to its first day for a start (``from``) and its last day
    for an end (``to``), so ``from=2021&to=2021`` is the whole year. ``UsageError`` for
    anything that is not such a calendar date."""
    text = value.strip()
    for fmt, width in _FORMS:
        if len(text) != width:
            continue
        try:
            day = datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            break
        if width == 10 or start:
            return day.isoformat()
        if width == 7:
            following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            return (following - datetime.timedelta(days=1)).isoformat()
        return day.replace(month=12, day=31).isoformat()
    raise UsageError(
        f"{'from' if start else 'to'} {value!r} is not a date; write it as an ISO date "
        "YYYY-MM-DD (e.g. 2024-03-05), YYYY-MM or YYYY"
    )

