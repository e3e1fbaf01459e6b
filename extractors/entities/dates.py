"""Dates as Swedish documents write them, resolved to ISO ``YYYY-MM-DD``.

ISO dates, "Torsdagen den 19 maj 2022", "7 april 2022", "19/5 2022", "1/1 2020",
two-digit years ("KU § 317 06-12-05") where the document's era makes the century and the
order certain, and ranges ("16-17 augusti 2017", "29 maj–7 juli 2023", "från och med
2007-01-08 till och med 2010-12-31"; a range is its two ends). A day and month without
a year takes the year the text gives it: the year stated once for a list ("under år 2019:
20 februari, 17 april"), the year after the last of a list ("20 februari och 17 april
2019"), a nearby full date it follows closely (a quoted minute's "den 19 december"), else
the document's year, marked inferred. A yearly recurring day ("från 1 juli det år",
"Anhörigdagen (6 oktober)") is no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from diarium.extractors.data_files import data_lines

DATA = Path(__file__).resolve().parent / "data"


def _lines(name: str) -> list[str]:
    return data_lines(DATA / name)


MONTHS = {
    word: int(number) for word, number in (ln.split("\t") for ln in _lines("date_months.tsv"))
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+)?(?:den\s+)?"
_DASH = r"\s*[-–—]\s*"
_RANGE_WORDS = "|".join(sorted(_lines("date_range_words.txt"), key=len, reverse=True))
# Every date starts with a digit, or with a weekday or "den" before one. Saying so first
# lets the regex engine pass over other positions at once (the patterns ran 1.7x faster).
_DIGIT_AHEAD = r"(?=\d)"
_WORDED_AHEAD = r"(?=[\dmtoflsd])"

ISO = re.compile(
    rf"{_DIGIT_AHEAD}(?<![\d-])((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])"
)
# The first end of a range may be glued to its dash ("2019-01-01--2019-12-31").
_ISO_CORE = r"((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
ISO_RANGE = re.compile(
    rf"(?i){_DIGIT_AHEAD}(?<![\d-]){_ISO_CORE}(?:{_RANGE_WORDS}|-{{1,2}}){_ISO_CORE}(?![\d-])"
)
# Day.month.year and year.month.day with dots ("1.1.2020", "01.02.2020", "2020.01.15"):
# never inside a longer dotted number (a section "3.1.2.2020", a version "v2.1.2020").
DOTTED_DMY = re.compile(
    rf"{_DIGIT_AHEAD}(?<![\w.,:/-])([0-3]?\d)\.(1[0-2]|0?[1-9])\.((?:19|20)\d\d)(?!\d|[.,]\d)"
)
DOTTED_YMD = re.compile(
    rf"{_DIGIT_AHEAD}(?<![\w.,:/-])((?:19|20)\d\d)\.(0[1-9]|1[0-2])\.(0[1-9]|[12]\d|3[01])(?!\d|[.,]\d)"
)
# "06-12-05": two-digit year, month, day; only taken where the document's year vouches.
SHORT_ISO = re.compile(
    rf"{_DIGIT_AHEAD}(?<![\d\-/.:])(\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d\-/]|\s?\d)"
)
WORDED = re.compile(
    rf"(?i){_WORDED_AHEAD}(?<!\w){_WEEKDAY}(?P<d1>[0-3]?\d)(?::[ae])?(?:{_DASH}(?P<d2>[0-3]?\d)(?::[ae])?)?\s+(?P<m>{_MONTH})\.?"
    rf"(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)"
)
WORDED_RANGE = re.compile(
    rf"(?i){_DIGIT_AHEAD}(?<!\w)(?P<d1>[0-3]?\d)\s+(?P<m1>{_MONTH}){_DASH}(?P<d2>[0-3]?\d)\s+(?P<m2>{_MONTH})"
    rf"(?:\s+(?P<y>(?:19|20)\d\d))?(?!\w)"
)
# Days before a worded date share its month (and year): "den 5 och 6 juli 2019",
# "den 3, 10 och 17 mars".
DAY_LIST = re.compile(
    rf"(?i){_DIGIT_AHEAD}(?<![\w§.,/-])(?<!§ )"
    rf"(?P<days>[0-3]?\d(?:\s*,\s*[0-3]?\d)*)\s+(?:och|samt)\s+"
    rf"(?=(?:den\s+)?[0-3]?\d\s+(?:{_MONTH})\b)"
)
NUMERIC = re.compile(
    rf"{_DIGIT_AHEAD}(?<![\d/.-])([0-3]?\d)/(1[0-2]|0?[1-9])(?:\s+|-)((?:19|20)\d\d)(?![\d/])"
)
# A year said once for the day-months after it: "under år 2019: 20 februari, 17 april",
# "Sammanträdesdagar 2020: 3 mars".
# Also a sentence ending in "för år 2020." with the list after it.
LIST_YEAR = re.compile(
    # Both forms start with the year's digits: a non-digit position fails at once.
    r"(?=\d)(?:(?<![\d:/-])((?:19|20)\d\d)(?:\s+[^\W\d][^.:\n\d]{0,40})?:(?=\s)"
    r"|(?i:(?<=\bår\s)|(?<=\båret\s))((?:19|20)\d\d)\.(?=\s))"
)
# What may stand between the items of a list of dates, or the ends of a worded range.
_LIST_GAP = re.compile(
    r"(?i)(?:[\s,;:.•*\-–—]|och\b|samt\b|eller\b|den\b|till\b|med\b|t\.?o\.?m\b|"
    r"(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\b|kl\.?\s*\d{1,2}[.:]\d\d)*"
)


@lru_cache(maxsize=1)
def _recurring() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = [
        c.split(":", 1)[1] for c in _lines("date_recurring_cues.txt") if c.startswith("before:")
    ]
    after = [c for c in _lines("date_recurring_cues.txt") if not c.startswith("before:")]
    return (
        re.compile(rf"(?i)\b(?:{'|'.join(before)})\s+(?:den\s+)?$"),
        re.compile(rf"(?i)^[\s,]*(?:{'|'.join(after)})\b"),
    )


# A yearless day this close after a full date on the page is read in that date's year.
_ANCHOR_CHARS = 700
_ANCHOR_DAYS = 62
# Two-digit years are read only this close to the document's year.
_SHORT_YEARS_BEFORE, _SHORT_YEARS_AFTER = 3, 1


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    values: tuple[str, ...]  # the day, or the two ends of a range
    inferred: bool = False


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _ends(first: str, last: str) -> tuple[str, ...]:
    """A range is its written ends; a list of every day between would claim days not named."""
    return (first,) if first == last else (first, last)


@dataclass
class _DayMonth:
    start: int
    end: int
    text: str
    months: tuple[int, int]
    days: tuple[int, int]
    year: int | None
    written: bool
    weak: bool = False  # an abbreviated month without a year: kept only if a list dates it


def _day_months(text: str) -> list[_DayMonth]:
    items: list[_DayMonth] = []
    taken: list[tuple[int, int]] = []
    for m in WORDED_RANGE.finditer(text):
        month1, month2 = MONTHS[m["m1"].lower()], MONTHS[m["m2"].lower()]
        year = int(m["y"]) if m["y"] else None
        days = (int(m["d1"]), int(m["d2"]))
        items.append(_DayMonth(m.start(), m.end(), m[0], (month1, month2), days, year, bool(year)))
        taken.append(m.span())
    for m in WORDED.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        month = MONTHS[m["m"].lower()]
        # "3 jan" without a year is too often something else, unless a list gives it one.
        weak = (
            not m["y"]
            and len(m["m"]) <= 4
            and m["m"].lower() not in {"maj", "mars", "juni", "juli"}
        )
        last = int(m["d2"]) if m["d2"] else int(m["d1"])
        year = int(m["y"]) if m["y"] else None
        days = (int(m["d1"]), last)
        item = _DayMonth(m.start(), m.end(), m[0], (month, month), days, year, bool(year))
        item.weak = weak
        items.append(item)
    items.sort(key=lambda i: i.start)
    by_start = {i.start: i for i in items}
    for m in DAY_LIST.finditer(text):
        head = by_start.get(m.end()) or by_start.get(m.end() + len("den "))
        if head is None or head.months[0] != head.months[1]:
            continue
        for d in re.finditer(r"\d+", m["days"]):
            day, at = int(d[0]), m.start("days") + d.start()
            if 1 <= day < head.days[0]:
                item = _DayMonth(at, at + len(d[0]), d[0], head.months, (day, day), None, False)
                item.year = head.year  # the year comes with the month, after the list
                items.append(item)
    items.sort(key=lambda i: i.start)
    return items


def _gap_is_list(text: str) -> bool:
    return _LIST_GAP.fullmatch(text) is not None


def _years_from_lists(text: str, items: list[_DayMonth]) -> None:
    """Give yearless items the year a list states once, before it or after its last item."""
    # The year after the last item: "20 februari, 17 april och 5 juni 2019".
    for i in range(len(items) - 2, -1, -1):
        item, nxt = items[i], items[i + 1]
        gap = text[item.end : nxt.start]
        if item.year is None and nxt.year is not None and _gap_is_list(gap):
            item.year = nxt.year
    # The year before the list: "under år 2019: 20 februari, 17 april".
    cues = [(m.end(), int(m[1] or m[2])) for m in LIST_YEAR.finditer(text)]
    carry: tuple[int, int] | None = None  # (where the list has reached, its year)
    c = 0
    for item in items:
        start = item.start
        while c < len(cues) and cues[c][0] <= start:
            carry = (cues[c][0], cues[c][1])
            c += 1
        if item.written:
            carry = None
            continue
        if carry and _gap_is_list(text[carry[0] : start]):
            if item.year is None:
                item.year = carry[1]
            carry = (item.end, carry[1])
        else:
            carry = None


def _recurs(text: str, item: _DayMonth) -> bool:
    before, after = _recurring()
    start, end = item.start, item.end
    if before.search(text[max(0, start - 30) : start]) or after.search(text[end : end + 30]):
        return True
    # "Anhörigdagen (6 oktober)": a named day's date in parentheses, every year.
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


def find_dates(text: str, context_year: int | None = None) -> list[DateMatch]:
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(
        span: tuple[int, int, str], values: tuple[str | None, ...], inferred: bool = False
    ) -> None:
        start, end, written = span
        clean = tuple(v for v in values if v)
        if clean and free(start, end):
            found.append(DateMatch(start, end, written, clean, inferred))
            taken.append((start, end))

    for m in ISO_RANGE.finditer(text):
        first = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        last = _iso(int(m.group(4)), int(m.group(5)), int(m.group(6)))
        if first and last and first <= last:
            add((m.start(), m.end(), m[0]), _ends(first, last))
    for m in ISO.finditer(text):
        add((m.start(), m.end(), m[0]), (_iso(int(m.group(1)), int(m.group(2)), int(m.group(3))),))
    if context_year is not None:
        for m in SHORT_ISO.finditer(text):
            year = 2000 + int(m.group(1))
            if year > context_year + _SHORT_YEARS_AFTER:
                year -= 100
            if context_year - _SHORT_YEARS_BEFORE <= year <= context_year + _SHORT_YEARS_AFTER:
                add((m.start(), m.end(), m[0]), (_iso(year, int(m.group(2)), int(m.group(3))),))
    for m in DOTTED_YMD.finditer(text):
        add((m.start(), m.end(), m[0]), (_iso(int(m.group(1)), int(m.group(2)), int(m.group(3))),))
    for m in DOTTED_DMY.finditer(text):
        add((m.start(), m.end(), m[0]), (_iso(int(m.group(3)), int(m.group(2)), int(m.group(1))),))
    for m in NUMERIC.finditer(text):
        add((m.start(), m.end(), m[0]), (_iso(int(m.group(3)), int(m.group(2)), int(m.group(1))),))

    items = _day_months(text)
    _years_from_lists(text, items)
    items = [i for i in items if not (i.weak and i.year is None)]
    for item in items:
        if item.written and item.year is not None:
            _add_day_month(add, item, item.year, inferred=False)
    anchors = sorted((d.start, d.values[-1]) for d in found)
    for item in items:
        if item.written:
            continue
        if item.year is not None:
            _add_day_month(add, item, item.year, inferred=False)
            continue
        if _recurs(text, item):
            continue
        year = _anchor_year(anchors, item) or _year_before(anchors, item) or context_year
        if year is not None:
            _add_day_month(add, item, year, inferred=True)
    found.sort(key=lambda d: d.start)
    return found


def _anchor_year(anchors: list[tuple[int, str]], item: _DayMonth) -> int | None:
    """The year of the full date just before, when the day follows it within weeks."""
    start = item.start
    before = [(s, v) for s, v in anchors if start - _ANCHOR_CHARS <= s < start]
    if not before:
        return None
    anchor = dt.date.fromisoformat(before[-1][1])
    day = _iso(anchor.year, item.months[0], item.days[0])
    if day and 0 <= (dt.date.fromisoformat(day) - anchor).days <= _ANCHOR_DAYS:
        return anchor.year
    return None


def _year_before(anchors: list[tuple[int, str]], item: _DayMonth) -> int | None:
    """The year that puts the day within weeks before the full date just after it:
    "beslutet fattades den 16 december ... överklaga senast den 12 januari 2022"."""
    after = [(s, v) for s, v in anchors if item.end <= s <= item.end + _ANCHOR_CHARS]
    if not after:
        return None
    anchor = dt.date.fromisoformat(after[0][1])
    for year in (anchor.year, anchor.year - 1):
        day = _iso(year, item.months[0], item.days[0])
        if day and 0 <= (anchor - dt.date.fromisoformat(day)).days <= _ANCHOR_DAYS:
            return year
    return None


def _add_day_month(add, item: _DayMonth, year: int, inferred: bool) -> None:  # type: ignore[no-untyped-def]
    first = _iso(year, item.months[0], item.days[0])
    last = _iso(year, item.months[1], item.days[1])
    if first and last and first <= last:
        add((item.start, item.end, item.text), _ends(first, last), inferred)
