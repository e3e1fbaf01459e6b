"""Diarienummer: finding Swedish case numbers and making one key of their variants.

A case number is written many ways (``KS 2019/0643``, ``ks-2019/643``, ``KS2019-643``);
registrars treat them as one. The canonical key is ``BODY-YEAR-SERIAL[.SUFFIX]`` with the
body upper-cased, the year in four digits and zeros stripped from numbers. Lookup keys
add less specific forms so a half-remembered number still finds its document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A body prefix: "KS", "BN", "RÄN", "KS KF"; state agencies write "Ju", "Fi", "UF", "LM".
_UPPER = "A-ZÅÄÖ"
_BODY_CAPS = rf"[{_UPPER}]{{1,6}}(?:[ /][{_UPPER}]{{1,6}})?"
_BODY_TIGHT = rf"[{_UPPER}][{_UPPER}a-zåäö]{{0,3}}"  # glued to the year: Ju2022/…, LM2021/…
_YEAR = r"(?:19|20)\d\d"
_SUFFIX = rf"(?:(?:[./]\d{{1,4}})|(?:/[{_UPPER}]{{1,4}}))*"

# Body, then year, then serial: KS 2019/0643, KS-2022/960.103, KS/2019/0001/0009,
# KS-2024-00011, Ju2022/02173, UF2015/33528/UD/AF.
_BODY_YEAR_SERIAL = (
    rf"(?P<b1>{_BODY_CAPS})[ \-/]?(?P<y1>{_YEAR})[/\-](?P<s1>\d{{1,7}})(?P<x1>{_SUFFIX})"
    rf"|(?P<b2>{_BODY_TIGHT})(?P<y2>{_YEAR})[/\-](?P<s2>\d{{1,7}})(?P<x2>{_SUFFIX})"
)
# Year, then body and serial with an optional filing code: 2019/KS 0260 005.
_YEAR_BODY_SERIAL = (
    rf"(?P<y3>{_YEAR})/(?P<b3>[{_UPPER}]{{1,6}}) (?P<s3>\d{{1,6}})(?: (?P<x3>\d{{3}}))?"
)
# A numbered series: KS KF/2024:8.
_SERIES = rf"(?P<b4>{_BODY_CAPS})/(?P<y4>{_YEAR}):(?P<s4>\d{{1,5}})"
# Forms only trusted after a "Dnr" label or in a query: 2023-00250, 0263/20,
# 511-20118-2020, 8.5-29206/2014.
_BARE = (
    rf"(?P<y5>{_YEAR})-(?P<s5>\d{{3,7}})"
    rf"|(?P<s6>\d{{3,5}})/(?P<y6>\d\d)"
    rf"|(?P<b7>\d{{3}})-(?P<s7>\d{{3,6}})-(?P<y7>{_YEAR})"
    rf"|(?P<b8>\d{{1,2}}(?:\.\d{{1,2}})*)-(?P<s8>\d{{3,6}})/(?P<y8>{_YEAR})"
)

_LEFT = r"(?<![\w/\-.:])"
_RIGHT = r"(?![\w/\-]|[.:]\d)"

STRUCTURED = re.compile(rf"{_LEFT}(?:{_BODY_YEAR_SERIAL}|{_YEAR_BODY_SERIAL}|{_SERIES}){_RIGHT}")
BARE = re.compile(rf"{_LEFT}(?:{_BARE}){_RIGHT}")
# In a query a year and a serial alone are enough: "2022/960".
_QUERY_ONLY = rf"(?P<y9>{_YEAR})/(?P<s9>\d{{3,7}})"
_QUERY = re.compile(
    rf"(?:{_BODY_YEAR_SERIAL}|{_YEAR_BODY_SERIAL}|{_SERIES}|{_BARE}|{_QUERY_ONLY})", re.IGNORECASE
)

# Letter groups that look like a body prefix but never start a case number.
NOT_BODIES = frozenset({"SFS", "SOU", "DS", "PROP", "DNR", "NR", "BET", "TEL", "FAX", "ORG"})


@dataclass(frozen=True)
class DnrParts:
    body: str  # "" when the number carries none
    year: str
    serial: str
    suffix: str  # "" or dot-joined parts: "103", "1.9", "UD.AF"

    def key(self) -> str:
        core = f"{self.year}-{self.serial}"
        if self.body:
            core = f"{self.body}-{core}"
        return f"{core}.{self.suffix}" if self.suffix else core


def _is_common_word(body: str) -> bool:
    """A longer letter group that is an everyday word ("Budget 2022/2023") is no body."""
    if len(body) < 4 or not body.isalpha():
        return False
    from extractors.lexicon import zipf

    return zipf(body.lower()) >= 3.0


def _strip_zeros(number: str) -> str:
    return number.lstrip("0") or "0"


def _full_year(year: str) -> str:
    if len(year) == 4:
        return year
    value = int(year)
    return f"{2000 + value}" if value <= 50 else f"{1900 + value}"


def _suffix(raw: str | None) -> str:
    if not raw:
        return ""
    parts = [p for p in re.split(r"[./ ]", raw) if p]
    return ".".join(_strip_zeros(p) if p.isdigit() else p.upper() for p in parts)


def _body(raw: str | None) -> str:
    return re.sub(r"[ /]", "", raw or "").upper()


def _parts(match: re.Match[str]) -> DnrParts | None:
    g = match.groupdict()
    for n in "123456789":
        if g.get(f"s{n}") is None:
            continue
        if n == "6" and re.fullmatch(_YEAR, g["s6"]):
            return None  # "2021/22" is a season or fiscal year, not serial 2021 of 2022
        body = _body(g.get(f"b{n}"))
        if body in NOT_BODIES or _is_common_word(body):
            return None
        return DnrParts(
            body=body,
            year=_full_year(g[f"y{n}"]),
            serial=_strip_zeros(g[f"s{n}"]),
            suffix=_suffix(g.get(f"x{n}")),
        )
    return None


def parse_dnr(text: str) -> DnrParts | None:
    """The parts of ``text`` if the whole string (trimmed, any case) is one case number."""
    cleaned = re.sub(
        r"^(?:dnr|diarienummer|diarienr|ärendenummer|ärende nr)[.:]?\s*",
        "",
        text.strip(),
        flags=re.IGNORECASE,
    )
    match = _QUERY.fullmatch(cleaned)
    return _parts(match) if match else None


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


def _from_key(key: str) -> DnrParts | None:
    match = re.fullmatch(
        r"(?:(?P<body>[^-]+)-)?(?P<year>\d{4})-(?P<serial>\d+)(?:\.(?P<suffix>.+))?", key
    )
    if not match:
        return None
    return DnrParts(match["body"] or "", match["year"], match["serial"], match["suffix"] or "")


def dnr_lookup_keys(text: str) -> list[str]:
    """Keys to index or look up a case number under, most specific first.

    Full key, then without the classification suffix, then without the body prefix,
    so "ks 2022/960" and "2022/960" both find "KS-2022/960.103". Accepts a number as
    written or an already canonical key.
    """
    parts = parse_dnr(text) or _from_key(text.strip())
    if parts is None:
        return []
    variants = [
        parts,
        DnrParts(parts.body, parts.year, parts.serial, ""),
        DnrParts("", parts.year, parts.serial, parts.suffix),
        DnrParts("", parts.year, parts.serial, ""),
    ]
    keys: list[str] = []
    for variant in variants:
        key = variant.key().lower()
        if key not in keys:
            keys.append(key)
    return keys


def looks_like_dnr(query: str) -> bool:
    """True when a whole search query is a case number, so search looks it up as one."""
    return parse_dnr(query) is not None


@dataclass(frozen=True)
class DnrMatch:
    start: int
    end: int
    text: str
    parts: DnrParts


def find_structured(text: str) -> list[DnrMatch]:
    """Case numbers that carry a body prefix: trusted anywhere in running text."""
    found = []
    for match in STRUCTURED.finditer(text):
        parts = _parts(match)
        if parts is not None:
            found.append(DnrMatch(match.start(), match.end(), match.group(), parts))
    return found


def find_bare(text: str, start: int = 0, end: int | None = None) -> list[DnrMatch]:
    """Prefix-less forms (2023-00250, 0263/20): callers look only where a label says so."""
    found = []
    for match in BARE.finditer(text, start, len(text) if end is None else end):
        parts = _parts(match)
        if parts is not None:
            found.append(DnrMatch(match.start(), match.end(), match.group(), parts))
    return found
