"""Case numbers of registries nobody listed: found by where they stand and by their shape.

``data/dnr_formats.tsv`` names the formats of registries we know. Sweden has 290
municipalities, 21 regions and hundreds of state bodies, each free to number its cases
its own way, so a number of an unknown format must still be found. Every registry
writes the same parts: a year (four or two digits) and a serial, joined by some
separator, often with an organ or unit code before or after and a classification
after. This module reads that grammar (``SHAPES``) and trusts a number of such a shape
only where a registrar would: right after a case-number label, under a column headed
by one, in a paragraph heading, in the header block, or — carrying an organ code —
anywhere. Look-alikes (dates, year spans, clock times, statute and report numbers,
phone and organisation numbers) are refused by ``REFUSALS``, each a small named rule.

The key functions of ``dnr`` (``parse_dnr``, ``canonical_dnr``) are not used here: a
number of an unknown format has no format row to parse it with, so its parts are read
from the shape and keyed with ``DnrParts.key``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from diarium.extractors.entities.dnr import (
    DATA,
    DnrMatch,
    DnrParts,
    _is_common_word,
    _is_year_span,
    _lines_to_scan,
    not_bodies,
)
from diarium.extractors.entities.pnr import _phone_cues

_UP = "A-ZÅÄÖ"
_LOW = "a-zåäö"
# An organ or unit code: "KS", "Ks", "SBN", "MK", "BUN"; or a numeric activity code "211", "8.5".
_CODE = rf"[{_UP}](?:[{_UP}]{{1,5}}|[{_LOW}]{{1,2}})"
_NUMCODE = r"\d{1,3}(?:\.\d{1,3})*"
_Y4 = r"(?:19|20)\d\d"
_SUFFIX = r"(?:[-./]\d{1,4})*"
# Not inside a word, a path, a number or a statute reference ("1991:900"); a label glued
# on by a colon ("DNR:KU/2007.9") is allowed, and so is a code in capitals glued to a
# lower-case word by a flattened layout ("kommunallagenLS 0806-0619").
_LEFT = r"(?:(?<![\w/\-.§,])|(?-i:(?<=[a-zåäö])(?=[A-ZÅÄÖ]{2})))(?<!\d:)"
_RIGHT = r"(?![\w/\-]|[.:,]\d)"


@dataclass(frozen=True)
class Shape:
    """One way registries put a year and a serial together; ``example`` is a real form."""

    name: str
    pattern: re.Pattern[str]
    example: str
    coded: bool  # carries an organ code (trusted in running text)


def _shape(name: str, body: str, example: str, coded: bool = False) -> Shape:
    return Shape(name, re.compile(_LEFT + body + _RIGHT), example, coded)


# Tried in this order; at one position the first that is plausible wins.
SHAPES: tuple[Shape, ...] = (
    _shape(
        "year_code_serial",
        rf"(?P<y>{_Y4})[/\-](?P<b>{_CODE})[ \-]?(?P<s>\d{{1,7}})(?P<x>(?: \d{{1,3}})?)",
        "2023/KS 0362, 2021/SBN-0034",
        coded=True,
    ),
    _shape(
        "code_year_serial",
        rf"(?P<b>{_CODE})(?:: ?|[ \-/.])?(?P<y>{_Y4})(?P<sep>[/\-.:])(?P<s>\d{{1,7}})"
        rf"(?P<x>{_SUFFIX})",
        "KS 2019/0643, SBN-2024-00123, MK.2020.456, KFN 2016:12, Son: 2017/2",
        coded=True,
    ),
    _shape(
        "code_serial_year",
        rf"(?P<b>{_CODE})[ \-](?P<s>\d{{1,7}})(?P<sep>[/\-])(?P<y>{_Y4}|\d\d)(?P<x>{_SUFFIX})",
        "RS 1234-2019, MR 406/12, TRV 12345-19",
        coded=True,
    ),
    _shape(
        "code_yymm_serial",
        rf"(?P<b>{_CODE}) (?P<y>\d\d)(?:0[1-9]|1[0-2])(?P<sep>-)(?P<s>\d{{3,5}})",
        "LS 0806-0619, HSN 0812-1168 (a year, its month and a serial)",
        coded=True,
    ),
    _shape(
        "letter_glued_year_serial",
        rf"(?P<b>[{_UP}][{_LOW}]?)(?P<y>{_Y4})(?P<sep>/)(?P<s>\d{{1,7}})(?P<x>{_SUFFIX})",
        "M2020/01159, Ju2022/02173 (Regeringskansliet's departments)",
        coded=True,
    ),
    _shape(
        "letter_serial_year",
        rf"(?P<b>[{_UP}]) (?P<s>\d{{1,6}})(?P<sep>/)(?P<y>{_Y4})(?P<x>{_SUFFIX})",
        "B 6/2020, M 97/2020 (a one-letter register: bygg, miljö)",
    ),
    _shape(
        "code_short_year_serial",
        rf"(?P<b>{_CODE})[ \-/]?(?P<y>\d\d)(?P<sep>[/\-.])(?P<s>\d{{3,7}})(?P<x>{_SUFFIX})",
        "Ks 97/1155, BN-19-0456, SN 18.0098",
        coded=True,
    ),
    _shape(
        "year_serial",
        rf"(?P<y>{_Y4})(?P<sep>[/\-.:])(?P<s>\d{{1,7}})(?P<x>{_SUFFIX})(?: (?P<b>{_CODE})\b)?",
        "2023-00250, 2019/123, 2019.0456-1, 2001.653-543 Ks",
    ),
    _shape(
        "numcode_serial_year",
        rf"(?P<b>{_NUMCODE})-(?P<s>\d{{1,7}})(?P<sep>[/\-])(?P<y>{_Y4}|\d\d)(?P<x>{_SUFFIX})",
        "211-1234-2020, 8.5-29206/2014, 403-123-19",
    ),
    _shape(
        "serial_year",
        rf"(?P<s>\d{{1,7}})(?P<sep>[/\-])(?P<y>{_Y4}|\d\d)(?P<x>{_SUFFIX})",
        "1234-2019, 0451/23, 00730/2024",
    ),
    _shape(
        "short_year_serial",
        rf"(?P<y>\d\d)(?P<sep>[/\-.])(?P<s>\d{{3,7}})(?P<x>{_SUFFIX})",
        "19/0012, 97-461, 98.1234",
    ),
    _shape(
        "code_year_compact",
        rf"(?P<b>[{_UP}]{{1,5}})(?P<y>\d\d|{_Y4})(?P<s>\d{{3,6}})",
        "RV180949, KS2019123",
        coded=True,
    ),
)


@dataclass(frozen=True)
class Candidate:
    match: re.Match[str]
    shape: Shape

    @property
    def text(self) -> str:
        return self.match.group()

    def group(self, name: str) -> str:
        return self.match.groupdict().get(name) or ""


# --- look-alikes: each rule says why such a string is no case number ------------------


def _slash_joined(c: Candidate, text: str) -> bool:
    """An organ code joined to the year by a slash: "KU/2007.9", "VON/2019:82"."""
    return bool(c.group("b")) and text[c.match.start("y") - 1 : c.match.start("y")] == "/"


_DATE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d|[0-3]?\d[./-][01]?\d[./-](?:19|20)?\d\d(?!\d)")


def _a_date(c: Candidate, text: str) -> bool:
    """ "2019-12-16", "2019-12", "13.05.2019": a year and a month (and day) are a date."""
    sep = c.group("sep")
    serial = c.group("s")
    written = text[c.match.start() : c.match.end() + 3]
    if _DATE.match(written) or (re.fullmatch(_Y4, serial) and c.shape.name == "short_year_serial"):
        return True
    if _slash_joined(c, text):
        return False  # "KU/2007.9": a code joined to its year by a slash numbers a case
    if c.shape.name in ("year_serial", "code_year_serial") and len(serial) <= 2:
        return sep in "-." and 1 <= int(serial) <= 12
    if c.shape.name == "serial_year" and len(serial) <= 2:
        return True  # "12/2019": a month
    tail = text[c.match.end() : c.match.end() + 3]
    return bool(re.match(r"[-.]\d\d", tail)) and len(serial) == 2


def _a_year_span(c: Candidate, text: str) -> bool:
    """ "2021/22", "2019-2022", "1984/85": years, not a serial of a year."""
    return _is_year_span(c.group("y"), c.group("s"))


def _a_clock_time(c: Candidate, text: str) -> bool:
    """ "13.00-15.00", "kl 13-15": two-digit hours are no year and serial."""
    before = text[max(0, c.match.start() - 4) : c.match.start()].lower()
    return "kl" in before or bool(re.fullmatch(r"\d\d[.:]\d\d", c.text))


def _a_statute(c: Candidate, text: str) -> bool:
    """ "(1991:900)", "SFS 2017:725", "SOU 2017:114": a colon joins a year and a statute
    or report number; a registry writing one is trusted only right after its label."""
    code = c.group("b")
    if code.upper() in not_bodies():
        return True
    # "VON/2019:82": a code joined to its year by a slash is a registry's, not a statute's.
    return c.group("sep") == ":" and not _slash_joined(c, text)


def _a_phone_or_org_number(c: Candidate, text: str) -> bool:
    """ "08-123 45 67", "556677-1234", "Tel 0470-41000": telephone and organisation numbers."""
    after = text[c.match.end() : c.match.end() + 4]
    # A letter code ("KSKF/2014:1 235") is no phone's: digits after it are a paragraph's.
    lettered = c.group("b")[:1].isalpha()
    if not lettered and (re.match(r" \d\d(?:\D|$)", after) or re.match(r" \d{3}\b", after)):
        return True
    if re.fullmatch(r"\d{6}-\d{4}", c.text):
        return True
    before = text[max(0, c.match.start() - 24) : c.match.start()]
    # A cue is a whole word: "Tel 0470-41000", never the "Tel" of "Tele2 Sverige AB".
    return any(not before[m.end() : m.end() + 1].isalnum() for m in _phone_cues().finditer(before))


def _a_word_code(c: Candidate, text: str) -> bool:
    """ "Budget 2019/123", "Se 2019/45": an everyday word before a number is no organ code."""
    code = c.group("b")
    return bool(code) and not code[0].isdigit() and _is_common_word(code)


def _an_amount_or_ratio(c: Candidate, text: str) -> bool:
    """ "1 000/2020", "00730/2024 kr": digits grouped by a space before, or a unit after
    (``data/amount_units.txt``), make an amount."""
    before = text[max(0, c.match.start() - 2) : c.match.start()]
    if c.text[0].isdigit() and re.fullmatch(r"\d ", before):
        return True
    return bool(_amount_unit().match(text, c.match.end()))


@lru_cache(maxsize=1)
def _amount_unit() -> re.Pattern[str]:
    units = (DATA / "amount_units.txt").read_text(encoding="utf-8").splitlines()
    words = [re.escape(u.strip()) for u in units if u.strip() and not u.startswith("#")]
    return re.compile(rf"(?i)[ \t]?(?:{'|'.join(words)})(?!\w)")


REFUSALS: tuple[Callable[[Candidate, str], bool], ...] = (
    _a_date,
    _a_year_span,
    _a_clock_time,
    _a_statute,
    _a_phone_or_org_number,
    _a_word_code,
    _an_amount_or_ratio,
)


def refused_by(c: Candidate, text: str, labelled: bool = False) -> str | None:
    """The name of the first look-alike rule that refuses the candidate, else None.

    Right after its label a colon form is a case number ("Dnr 2019:00123") and a letter
    group is the diary's code ("Dnr Son: 2017/2"): the label vouches for both."""
    for rule in REFUSALS:
        if labelled and rule in (_a_statute, _a_word_code):
            continue
        if rule(c, text):
            return rule.__name__.lstrip("_")
    return None


# --- reading a shape into parts --------------------------------------------------------


def _full_year(year: str) -> str:
    if len(year) == 4:
        return year
    return f"{2000 + int(year)}" if int(year) <= 50 else f"{1900 + int(year)}"


def _parts(c: Candidate) -> DnrParts:
    code = re.sub(r"[ /]", "", c.group("b")).upper()
    suffix = ".".join(p.lstrip("0") or "0" for p in re.split(r"[-./ ]", c.group("x")) if p.strip())
    return DnrParts(code, _full_year(c.group("y")), c.group("s").lstrip("0") or "0", suffix)


def signature(c: Candidate) -> str:
    """What numbers of one series share: shape, code, separators, year width and, for a
    zero-padded serial, its width ("year_serial:-:4:5" for 2023-00250)."""
    serial = c.group("s")
    width = str(len(serial)) if serial.startswith("0") else "+"
    return ":".join(
        (c.shape.name, c.group("b").upper(), c.group("sep"), str(len(c.group("y"))), width)
    )


def distinctive(c: Candidate) -> bool:
    """A zero-padded serial or an organ code marks a registry's own series; a plain
    "2019/456" is shared with EU acts and directives ("2016/679")."""
    return c.group("s").startswith("0") or bool(c.group("b")) or c.group("sep") == "-"


def to_match(c: Candidate, strategy: str) -> DnrMatch:
    return DnrMatch(
        c.match.start(),
        c.match.end(),
        c.text,
        _parts(c),
        signature(c),
        False,
        f"shape:{c.shape.name}:{strategy}",
    )


def candidates(
    text: str, start: int, end: int, coded_only: bool = False, labelled: bool = False
) -> list[Candidate]:
    """Plausible shaped numbers in ``text[start:end]``, left to right, not overlapping."""
    found: list[Candidate] = []
    shapes = [shape for shape in SHAPES if shape.coded or not coded_only]
    # Only lines where digits meet a separator or a letter can hold a number: most prose
    # lines hold none, and the shapes are many alternatives at every digit.
    for line_start, line_end in _lines_to_scan(text, start, end):
        for shape in shapes:
            pos = line_start
            while (m := shape.pattern.search(text, pos, line_end)) is not None:
                pos = m.start() + 1
                c = Candidate(m, shape)
                if refused_by(c, text, labelled) is None:
                    found.append(c)
                    pos = m.end()
    found.sort(key=lambda c: (c.match.start(), -len(c.text)))
    kept: list[Candidate] = []
    for c in found:
        if kept and c.match.start() < kept[-1].match.end():
            continue
        kept.append(c)
    return kept


# --- positions: where a registrar's eye trusts a shape ---------------------------------

# A paragraph heading: "§ 45  Budget 2024   2023/456", "45 §  Detaljplan ...".
_PARAGRAPH_HEADING = re.compile(r"(?m)^[ \t]*(?:§[ \t]*\d{1,4}|\d{1,4}[ \t]*§)(?![\d])[^\n]*")
HEADER_LINES = 15  # non-blank lines of a page that form its header block
COLUMN_GAP = 16  # lines a column may run without a value before it ends
# A header field stands apart: at a line start or after two spaces (or a tab), and ends
# its line or is followed by two spaces.
_FIELD_BEFORE = re.compile(r"(?:^|\n|[ \t]{2}|\t)[ \t]*$")
_FIELD_AFTER = re.compile(r"^[ \t]*(?:$|\n|[ \t]{2}|\t)")


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def after_label(text: str, start: int, end: int) -> list[DnrMatch]:
    """Right after a case-number label: "Dnr SBN.2024.117", "Ärendenummer: 24/0456".

    The first shaped number starting where the label ends is the label's value."""
    found = candidates(text, start, end, labelled=True)
    if found and found[0].match.start() == start:
        return [to_match(found[0], "after_label")]
    return []


def _column_signature(c: Candidate) -> str:
    """A column's numbers share a series but for a one-letter unit code ("B 6/2020" over
    "M 97/2020": the building and the environment register of one committee)."""
    sig = signature(c)
    return sig.replace(f":{c.group('b').upper()}:", "::", 1) if len(c.group("b")) == 1 else sig


def under_heading(
    text: str, start: int, field_end: int, column_end: int | None = None
) -> list[DnrMatch]:
    """Under a field or column heading ("Diarienummer" over "SBN 2024-117", a delegation
    list's "Ärendenummer" column): the first shaped number in the field, then every number
    of its series down the column until the column stops giving one."""
    first = next(iter(candidates(text, start, field_end)), None)
    if first is None and column_end is not None:
        # A column whose first rows carry none ("Val av justerare"): its first number of
        # a registry's own series further down.
        first = next((c for c in candidates(text, field_end, column_end) if distinctive(c)), None)
    if first is None:
        return []
    out = [to_match(first, "under_heading")]
    series = _column_signature(first)
    pos, gap_end = first.match.end(), _lines_after(text, first.match.end(), COLUMN_GAP)
    while pos < len(text):
        found = candidates(text, pos, gap_end)
        nxt = next((c for c in found if _column_signature(c) == series), None)
        if nxt is None:
            break
        out.append(to_match(nxt, "column"))
        pos = nxt.match.end()
        gap_end = _lines_after(text, pos, COLUMN_GAP)
    return out


def _lines_after(text: str, pos: int, count: int) -> int:
    end = _line_end(text, pos)
    for _ in range(count):
        if end >= len(text):
            break
        end = _line_end(text, end + 1)
    return end


def in_paragraph_headings(text: str) -> list[DnrMatch]:
    """A number on a paragraph heading line or the line after it: "§ 12  Taxa  2023/0456"."""
    out = []
    for h in _PARAGRAPH_HEADING.finditer(text):
        end = _line_end(text, h.end() + 1)
        for c in candidates(text, h.start(), end):
            if distinctive(c) or "/" in c.group("sep"):
                out.append(to_match(c, "paragraph_heading"))
    return out


def in_header_block(text: str) -> list[DnrMatch]:
    """A number standing as its own field in the first lines of a page, the way a
    letterhead's reference box writes it: "Kommunstyrelsen      2024-03-12      KS 2024/117"."""
    end, lines = 0, 0
    while lines < HEADER_LINES and end < len(text):
        nxt = _line_end(text, end + 1)
        lines += bool(text[end:nxt].strip())
        end = nxt
    out = []
    for c in candidates(text, 0, end):
        before = text[max(0, c.match.start() - 3) : c.match.start()]
        after = text[c.match.end() : c.match.end() + 3]
        stands_alone = _FIELD_BEFORE.search(before) and _FIELD_AFTER.match(after)
        if stands_alone and distinctive(c) and len(c.group("y")) == 4:
            out.append(to_match(c, "header_block"))
    return out


def coded_anywhere(text: str, start: int = 0, end: int | None = None) -> list[DnrMatch]:
    """An organ code before a four-digit year and a serial is a case number in running
    text too: "enligt MBN 2022/0456", "(SBN-2024-117)"."""
    stop = len(text) if end is None else end
    out = []
    for c in candidates(text, start, stop, coded_only=True):
        month_coded = c.shape.name == "code_yymm_serial"
        if (len(c.group("y")) == 4 or month_coded) and c.shape.name != "code_year_compact":
            out.append(to_match(c, "coded_anywhere"))
    return out


def distinctive_numbers(text: str) -> list[DnrMatch]:
    """Every number of a distinctive shape in ``text``, for the same-series rule: a
    document's labelled "0100/23" vouches for its unlabelled "(0065/24)"."""
    return [to_match(c, "same_series") for c in candidates(text, 0, len(text)) if distinctive(c)]


# The positions a registrar trusts, as evidence names (``DnrMatch.form`` ends with one).
POSITIONS = (after_label, under_heading, in_paragraph_headings, in_header_block, coded_anywhere)
