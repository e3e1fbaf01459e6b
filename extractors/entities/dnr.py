"""Diarienummer: finding Swedish case numbers and making one key of their variants.

A case number is written many ways (``KS 2019/0643``, ``ks-2019/643``, ``KS2019-643``,
``2016/KS 0259 10``, ``Ks 97/1155 253``, ``0451/23``); registrars treat the variants of
one number as one. The formats are data (``data/dnr_formats.tsv``): those that carry a
body code are trusted anywhere, digit-only forms only where a label or the document's
structure says a case number stands there. The canonical key is
``BODY-YEAR-SERIAL[.SUFFIX]`` with the body upper-cased, the year in four digits and zeros
stripped from numbers. Lookup keys add less specific forms so a half-remembered number
still finds its document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from diarium.extractors.data_files import data_lines

DATA = Path(__file__).resolve().parent / "data"

_UPPER = "A-ZÅÄÖ"
_PLACEHOLDERS = {
    "{BODY}": rf"[{_UPPER}][{_UPPER}a-zåäö]{{0,5}}",
    "{YEAR}": r"(?:19|20)\d\d",
    "{SUFFIX}": rf"(?:(?:[./]\d{{1,4}})|(?:/[{_UPPER}]{{1,4}}))*",
}
# No case number starts inside a word, a path, a number or a statute reference ("1991:900").
# A code in capitals glued to a lower-case word by a flattened layout ("kommunallagenLS
# 0806-0619") starts a number too.
_LEFT = r"(?:(?<![\w/\-.§])|(?-i:(?<=[a-zåäö])(?=[A-ZÅÄÖ]{2})))(?<!\d:)(?<!§ )"
_RIGHT = r"(?![\w/\-]|[.:]\d)"
_GROUP = re.compile(r"\(\?P<([a-z])>")


@dataclass(frozen=True)
class Format:
    name: str
    scope: str  # "anywhere", "labelled" or "query"
    pattern: str  # with the group names b, y, s, x
    glued: bool
    series: bool  # a labelled number of this form vouches for the same form elsewhere
    inline: bool  # counts only right after its label, not under a heading


def _lines(name: str) -> list[str]:
    return data_lines(DATA / name)


@lru_cache(maxsize=1)
def formats() -> tuple[Format, ...]:
    rows = []
    for line in _lines("dnr_formats.tsv"):
        name, scope, pattern, *flags = line.split("\t")
        for key, value in _PLACEHOLDERS.items():
            pattern = pattern.replace(key, value)
        flag = set(flags[0].split(",")) if flags else set()
        rows.append(
            Format(name, scope, pattern, "glued" in flag, "series" in flag, "inline" in flag)
        )
    return tuple(rows)


@lru_cache(maxsize=1)
def not_bodies() -> frozenset[str]:
    return frozenset(ln.strip().upper() for ln in _lines("dnr_not_bodies.txt"))


@lru_cache(maxsize=1)
def label_pattern() -> str:
    words = sorted((ln.strip() for ln in _lines("dnr_labels.txt")), key=len, reverse=True)
    return r"\b(?:" + "|".join(words) + r")\b"


def _combined(rows: list[Format], flags: int = 0, anchored: bool = True) -> re.Pattern[str]:
    parts = []
    for i, row in enumerate(rows):
        body = _GROUP.sub(lambda m, i=i: f"(?P<{m[1]}_{i}>", row.pattern)
        tail = "" if row.glued or not anchored else _RIGHT
        parts.append(f"(?P<f_{i}>{body}{tail})")
    left = _LEFT if anchored else ""
    return re.compile(rf"{left}(?:{'|'.join(parts)})", flags)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[re.Pattern[str], list[Format]]]:
    anywhere = [f for f in formats() if f.scope == "anywhere"]
    labelled = [f for f in formats() if f.scope == "labelled"]
    query = [f for f in formats() if f.scope != "query"] + [
        f for f in formats() if f.scope == "query"
    ]
    return {
        "anywhere": (_combined(anywhere), anywhere),
        "labelled": (_combined(labelled), labelled),
        "query": (_combined(query, re.IGNORECASE, anchored=False), query),
        # A case number inside a longer query ("detaljplan ks 2023 871"): the same rows,
        # bounded so that a number never starts or ends inside a word.
        "query_part": (_combined(query, re.IGNORECASE), query),
    }


@dataclass(frozen=True)
class DnrParts:
    body: str  # "" when the number carries none
    year: str
    serial: str
    suffix: str  # "" or dot-joined parts: "103", "1.9", "UD.AF"
    # Written with a two-digit year, whose century was guessed (see ``_full_year``).
    short_year: bool = field(default=False, compare=False)

    def key(self) -> str:
        core = f"{self.year}-{self.serial}"
        if self.body:
            core = f"{self.body}-{core}"
        return f"{core}.{self.suffix}" if self.suffix else core


def _is_common_word(body: str, typed: bool = False) -> bool:
    """A letter group that is an everyday word ("Budget 2022/2023", "Se 97/123") is no body.

    A short group in upper case, or any short group typed in a query ("ju 2022/2173"), is
    taken as a code."""
    if not body.isalpha() or (len(body) < 4 and (body.isupper() or typed)):
        return False
    from diarium.extractors.lexicon import zipf

    return zipf(body.lower()) >= (3.0 if len(body) >= 4 else 4.0)


def _strip_zeros(number: str) -> str:
    return number.lstrip("0") or "0"


def _full_year(year: str, reference: int | None = None) -> str:
    """A two-digit year in four digits: the latest year ending so that is not after the
    year following ``reference`` (the document's own year: "Ks 45/12" in a 1946 minute
    is 1945); without a reference, 00-50 are 2000s and 51-99 1900s."""
    if len(year) == 4:
        return year
    value = int(year)
    if reference is None:
        return f"{2000 + value}" if value <= 50 else f"{1900 + value}"
    candidate = (reference + 1) // 100 * 100 + value
    return str(candidate - 100 if candidate > reference + 1 else candidate)


def _suffix(raw: str | None) -> str:
    if not raw:
        return ""
    parts = [p for p in re.split(r"[./ \-]", raw) if p]
    return ".".join(_strip_zeros(p) if p.isdigit() else p.upper() for p in parts)


def _body(raw: str | None) -> str:
    return re.sub(r"[ /]", "", raw or "").upper()


def _is_year_span(year: str, serial: str) -> bool:
    """ "2021/22", "JO 1984/85", "2007-2009", "2026/2030": years, not a serial of a year."""
    y = int(_full_year(year))
    if len(serial) == 2 and len(year) == 4 and int(serial) == (y + 1) % 100:
        return True
    if re.fullmatch(r"(?:19|20)\d\d", serial):
        if len(year) == 2:  # "2021/22"; but "116-2070-18" is serial 2070 of 2018
            return int(year) == (int(serial) + 1) % 100
        return abs(int(serial) - y) <= 40
    return False


def _serial_of_a_year(year: str, serial: str, match: re.Match[str], i: int) -> bool:
    """ "M 97/2020": a two-digit group before a four-digit year is that year's serial, not
    a 1997 case numbered 2020 (whereas "Ks 97/1155" is case 1155 of 1997)."""
    if len(year) != 2 or not re.fullmatch(r"(?:19|20)\d\d", serial):
        return False
    return match.start(f"y_{i}") < match.start(f"s_{i}")


def _parts_of(
    match: re.Match[str], rows: list[Format], typed: bool = False
) -> tuple[DnrParts, Format] | None:
    g = match.groupdict()
    for i, row in enumerate(rows):
        if g.get(f"f_{i}") is None:
            continue
        year, serial = g[f"y_{i}"], g[f"s_{i}"]
        if _is_year_span(year, serial) or _serial_of_a_year(year, serial, match, i):
            return None
        raw_body = g.get(f"b_{i}")
        body = _body(raw_body)
        # Glued to its year ("Ju2022/02173") a short group is a code, not a word.
        glued = (
            raw_body is not None
            and match.string[match.end(f"b_{i}") : match.end(f"b_{i}") + 1].isdigit()
        )
        typed = typed or glued
        if body in not_bodies() or (
            raw_body and not body.isdigit() and _is_common_word(raw_body, typed)
        ):
            return None
        parts = DnrParts(
            body=body,
            year=_full_year(year),
            serial=_strip_zeros(serial),
            suffix=_suffix(g.get(f"x_{i}")),
            short_year=len(year) == 2,
        )
        return parts, row
    return None


def parse_dnr(text: str) -> DnrParts | None:
    """The parts of ``text`` if the whole string (trimmed, any case) is one case number."""
    cleaned = re.sub(rf"(?i)^{label_pattern()}[.:]?\s*", "", text.strip())
    pattern, rows = _patterns()["query"]
    match = pattern.fullmatch(cleaned)
    if match is None:
        return None
    found = _parts_of(match, rows, typed=True)
    return found[0] if found else None


def canonical_dnr(text: str, default_prefix: str | None = None) -> str | None:
    """Canonical key of a case number as written, or None if it is not one.

    ``default_prefix`` is the document's own body prefix, given to numbers written
    without one (an agenda listing "2023-00250" under its "KS" heading).
    """
    parts = parse_dnr(text)
    if parts is None:
        return None
    if not parts.body and default_prefix:
        parts = DnrParts(_body(default_prefix), parts.year, parts.serial, parts.suffix)
    return parts.key()


_KEY = re.compile(
    r"(?:(?P<body>[^-\s]+)-)?(?P<year>(?:19|20)\d\d)-(?P<serial>\d+)(?:\.(?P<suffix>\S+))?"
)


def _from_key(key: str) -> DnrParts | None:
    match = _KEY.fullmatch(key)
    if not match:
        return None
    return DnrParts(
        (match["body"] or "").upper(),
        match["year"],
        _strip_zeros(match["serial"]),
        (match["suffix"] or "").upper(),
    )


def dnr_lookup_keys(text: str, reference_year: int | None = None) -> list[str]:
    """Keys to index or look up a case number under, most specific first.

    Full key, then without the classification suffix, then without the body prefix,
    so "ks 2022/960" and "2022/960" both find "KS-2022/960.103", "ks 97/1155" finds
    "Ks 97/1155 253" and "451/23" finds "0451/23". Accepts a number as written or an
    already canonical key (the index stores keys).

    A two-digit year takes the century of ``reference_year`` (a document's own year,
    when it is indexed); typed in a query, where no year is known, it is read as usual
    and the other century follows as a weaker key when that is not in the future.
    """
    parts = _from_key(text.strip()) or parse_dnr(text)
    if parts is None:
        return []
    readings = [parts]
    if parts.short_year:
        if reference_year is not None:
            readings = [replace(parts, year=_full_year(parts.year[2:], reference_year))]
        else:
            other = int(parts.year) + (100 if int(parts.year) < 2000 else -100)
            if other <= dt.date.today().year + 1:
                readings.append(replace(parts, year=str(other)))
    keys: list[str] = []
    for reading in readings:
        for variant in _less_specific(reading):
            key = variant.key().lower()
            if key not in keys:
                keys.append(key)
    return keys


def _less_specific(parts: DnrParts) -> list[DnrParts]:
    return [
        parts,
        DnrParts(parts.body, parts.year, parts.serial, ""),
        DnrParts("", parts.year, parts.serial, parts.suffix),
        DnrParts("", parts.year, parts.serial, ""),
    ]


def document_dnr_keys(written: str, value: str, reference_year: int | None) -> list[str]:
    """The keys a document's case number (its canonical ``value``) is indexed under; when
    it was ``written`` with a two-digit year, that year takes the century of the
    document's own year ("Ks 45/12" in a 1946 minute is KS-1945-12, not 2045)."""
    parts = _from_key(value)
    if reference_year and parts is not None:
        seen = parse_dnr(written)
        if seen is not None and seen.short_year and seen.year == parts.year:
            fixed = replace(parts, year=_full_year(parts.year[2:], reference_year))
            return dnr_lookup_keys(fixed.key())
    return dnr_lookup_keys(value)


_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE"})


@dataclass(frozen=True)
class QueryDnr:
    """A case number written inside a longer query, with its lookup keys."""

    start: int
    end: int
    text: str
    keys: list[str]


def find_in_query(text: str) -> list[QueryDnr]:
    """The case numbers a query holds among other words ("detaljplan ks 2023 871"),
    read as a whole query is (any case, spacing, separator, compact or long form)."""
    pattern, rows = _patterns()["query_part"]
    found: list[QueryDnr] = []
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        parsed = _parts_of(match, rows, typed=True)
        # Among other words only a number with a body code or a four-digit year reads
        # as a case number: "kl 13-15" is a time.
        if (
            parsed is None
            or parsed[0].body in _OPERATOR_WORDS
            or (not parsed[0].body and parsed[0].short_year)
        ):
            pos = match.start() + 1
            continue
        keys = dnr_lookup_keys(match.group())
        if keys:
            found.append(QueryDnr(match.start(), match.end(), match.group(), keys))
        pos = match.end()
    return found


def looks_like_dnr(query: str) -> bool:
    """True when a whole search query is a case number, so search looks it up as one."""
    return parse_dnr(query) is not None


@dataclass(frozen=True)
class DnrMatch:
    start: int
    end: int
    text: str
    parts: DnrParts
    shape: str  # the format and digit counts: numbers of one series share it
    inline: bool = False  # a form that counts only right after its label
    form: str = ""  # the name of its row in data/dnr_formats.tsv


def _shape(match: re.Match[str], row: Format, rows: list[Format]) -> str:
    """The form and digit widths numbers of one series share; "" when the form is too
    common to vouch for others (a plain "2019/456" beside an EU act's "2016/679")."""
    i = rows.index(row)
    if not row.series and not (match.group(f"s_{i}") or "").startswith("0"):
        return ""
    lengths = [
        len(match.group(f"{g}_{i}") or "") for g in "ys" if f"{g}_{i}" in match.re.groupindex
    ]
    return f"{row.name}:{'-'.join(map(str, lengths))}"


# Every written case number joins two digits by a separator, or a letter and a digit
# ("2019/0643", "2016/KS", "KNSLI/2001", "RV18", "2016KSM"). Only lines holding such a
# join are run through the formats: most lines of prose hold none, and the formats are
# many alternatives at every capital letter and digit.
_TRIGGER = re.compile(rf"\d[/\-.:][\d{_UPPER}]|[{_UPPER}]/?\d|\d[{_UPPER}]")


def _lines_to_scan(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    while True:
        hit = _TRIGGER.search(text, pos, end)
        if hit is None:
            return spans
        line_start = max(start, text.rfind("\n", start, hit.start()) + 1)
        line_end = text.find("\n", hit.end(), end)
        line_end = end if line_end < 0 else line_end
        spans.append((line_start, line_end))
        pos = line_end


def _find(kind: str, text: str, start: int, end: int) -> list[DnrMatch]:
    pattern, rows = _patterns()[kind]
    found = []
    for line_start, line_end in _lines_to_scan(text, start, end):
        found += _find_in(pattern, rows, text, line_start, line_end)
    return found


def _find_in(
    pattern: re.Pattern[str], rows: list[Format], text: str, start: int, end: int
) -> list[DnrMatch]:
    found = []
    pos = start
    while (match := pattern.search(text, pos, end)) is not None:
        parsed = _parts_of(match, rows)
        # A refused match ("Dnr 2001.653", a label read as a body code) must not hide a
        # number starting inside it: look again one character further on.
        pos = match.end() if parsed is not None else match.start() + 1
        if parsed is not None:
            parts, row = parsed
            found.append(
                DnrMatch(
                    match.start(),
                    match.end(),
                    match.group(),
                    parts,
                    _shape(match, row, rows),
                    row.inline,
                    row.name,
                )
            )
    return found


def find_structured(text: str) -> list[DnrMatch]:
    """Case numbers that carry a body code: trusted anywhere in running text."""
    return _find("anywhere", text, 0, len(text))


def find_bare(text: str, start: int = 0, end: int | None = None) -> list[DnrMatch]:
    """Digit-only forms (2023-00250, 0451/23): callers look only where a label says so."""
    return _find("labelled", text, start, len(text) if end is None else end)
