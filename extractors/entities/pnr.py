"""Swedish personal identity numbers (personnummer, samordningsnummer) in running text.

A number counts when it has the shape (``YYMMDD-XXXX``, ``YYMMDD+XXXX`` for people of
100 or more, ``YYYYMMDD-XXXX``, without the dash or with a space), a real birth date
(the day plus 60 for a samordningsnummer), a birth number other than 000 and a right
check digit (Luhn over the ten digits). The century of a ten-digit number is read as of
the document's own year, not today's: in a 1995 decision ``150101-1234`` was born in
1915, in a 2024 one in 2015, and a ``+`` moves it back another hundred years.

Organisation numbers fail the date (their month digits are 20 or more), dates written
with dashes (``2021-05-12 1234``), phone numbers and case numbers fail the shape, and a
ten-digit number after a telephone word is left alone. A number of the right shape and
date whose check digit fails (an OCR slip, a typing error) is reported as *probable*
when a cue word (``data/pnr_cues.txt``: personnummer, pnr, född, namn ...) stands
shortly before it, so that it is masked like a valid one rather than shown.

Why our own code and not the ``personnummer`` package (PyPI, 3.2.1, last release 2024)
or ``python-stdnum``'s ``se.personnummer``: both take the century from today's date,
with no way to give another reference year, so a 1990s decision's numbers would get
the wrong century; ``personnummer`` also accepts a date valid in either 19xx or 20xx
whatever century it chose, and ``python-stdnum`` drops the ``+``. The rules are a
few lines; the check digit is Luhn.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import lru_cache

from diarium.extractors.data_files import data_lines
from diarium.extractors.entities.lexicons import DATA

# The prefilter: no run of six digits, no identity number. Every digit becomes "0" and
# every other byte a space, then one substring search: 6 µs for a 3,400-character page,
# where the regular expression ``[0-9]{6}`` takes 34 µs to find nothing.
_DIGIT_RUNS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
# The shapes. Not glued to a word, a longer number or a code (``KS-``, ``2021/``); a
# dash may be any of the dashes OCR and word processors produce, a space may stand for
# it or it may be missing.
_CANDIDATE = re.compile(
    r"(?<![\w/+\-–])"
    r"(?P<century>1[89]|20)?(?P<date>[0-9]{6})"
    r"(?P<sep>[ \t]?[-+–‐−—][ \t]?|[ \t]|)"
    r"(?P<serial>[0-9]{4})"
    r"(?![\w/]|[-.,:][0-9])"
)
_DECIMAL_BEFORE = re.compile(r"[0-9][.,]$")
CUE_WINDOW = 60
PHONE_WINDOW = 25
# Four digits that read as a clock time (``1300``, ``0915``).
_CLOCK = re.compile(r"(?:[01][0-9]|2[0-3])[0-5][0-9]$")
# A ten-digit number run together that starts like a Swedish mobile number.
_MOBILE = re.compile(r"07[02369]\d{7}$")


def _data_lines(name: str) -> list[str]:
    return data_lines(DATA / name)


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    longest_first = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in longest_first)
    return re.compile(rf"(?i)(?<!\w)(?:{alternatives})")


@lru_cache(maxsize=1)
def _cues() -> re.Pattern[str]:
    return _words_pattern(_data_lines("pnr_cues.txt"))


@lru_cache(maxsize=1)
def _phone_cues() -> re.Pattern[str]:
    return _words_pattern(_data_lines("phone_cues.txt"))


@dataclass(frozen=True)
class PnrMatch:
    start: int
    end: int
    text: str
    # ``YYYYMMDD-XXXX``, the day as written (plus 60 for a samordningsnummer).
    value: str
    valid: bool  # date and check digit right
    coordination: bool  # samordningsnummer
    cue: bool  # a cue word stands shortly before

    @property
    def probable(self) -> bool:
        return not self.valid

    def attrs(self) -> dict[str, bool]:
        """The entity's attrs: ``valid``, and ``probable`` for a failed check digit."""
        facts = {"valid": self.valid}
        if not self.valid:
            facts["probable"] = True
        if self.coordination:
            facts["samordningsnummer"] = True
        return facts


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def luhn_digit(nine: str) -> str:
    """The check digit that completes nine digits (for tests and generated numbers)."""
    return next(d for d in "0123456789" if luhn_ok(nine + d))


def birth_year(yy: int, reference_year: int, centenarian: bool) -> int:
    """The year a ten-digit number's person was born: the latest year ending in ``yy``
    that is not after the reference year, a hundred years earlier with ``+``."""
    base = reference_year - 100 if centenarian else reference_year
    return base - (base - yy) % 100


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _parse(
    century: str | None, date: str, sep: str, serial: str, reference_year: int
) -> tuple[str, bool, bool] | None:
    """(value, check digit right, samordningsnummer), or None when the date or the
    birth number rules it out."""
    if serial[:3] == "000":
        return None
    yy, month, day = int(date[:2]), int(date[2:4]), int(date[4:6])
    if century:
        year = int(century + date[:2])
        if year > reference_year:
            return None
    else:
        year = birth_year(yy, reference_year, "+" in sep)
    coordination = day > 60
    if not _real_date(year, month, day - 60 if coordination else day):
        return None
    return f"{year:04d}{date[2:]}-{serial}", luhn_ok(date + serial), coordination


def find_pnrs(text: str, year: int | None = None) -> list[PnrMatch]:
    """Every valid identity number in ``text``, and every probable one (right shape and
    date, wrong check digit, a cue word before it). ``year`` is the document's year."""
    if b"000000" not in text.encode("utf-8", "surrogatepass").translate(_DIGIT_RUNS):
        return []
    reference = year or datetime.date.today().year
    found: list[PnrMatch] = []
    for m in _CANDIDATE.finditer(text):
        start = m.start()
        if _DECIMAL_BEFORE.search(text[max(0, start - 2) : start]):
            continue
        sep = m.group("sep")
        parsed = _parse(m.group("century"), m.group("date"), sep, m.group("serial"), reference)
        if parsed is None:
            continue
        value, check_ok, coordination = parsed
        before = text[max(0, start - CUE_WINDOW) : start]
        cue = bool(_cues().search(before))
        if not check_ok and not cue:
            continue
        run_together = not sep.strip() and not m.group("century")
        if run_together and _phone_cues().search(text[max(0, start - PHONE_WINDOW) : start]):
            continue
        if run_together and not sep and not cue and _MOBILE.match(m.group(0)):
            continue
        if run_together and not cue and _looks_like_date_and_time(value, m, reference):
            continue
        found.append(PnrMatch(start, m.end(), m.group(0), value, check_ok, coordination, cue))
    return found


def _looks_like_date_and_time(value: str, m: re.Match[str], reference: int) -> bool:
    """``210512 1300`` in a 2021 text: a date of the document's own time and a clock
    time, written compactly, not a newborn's number without a dash or a cue."""
    return int(value[:4]) >= reference - 1 and bool(_CLOCK.match(m.group("serial")))


def canonical_pnr(number: str, year: int | None = None) -> str | None:
    """``YYYYMMDD-XXXX`` for one number in any written form, check digit right or not;
    None when it is not shaped like an identity number. A ten-digit form is read as of
    ``year`` (default: this year), as a person asking for their own documents writes it."""
    m = _CANDIDATE.fullmatch(number.strip())
    if m is None:
        return None
    parsed = _parse(
        m.group("century"),
        m.group("date"),
        m.group("sep"),
        m.group("serial"),
        year or datetime.date.today().year,
    )
    return parsed[0] if parsed else None


def pnr_digest(value: str, key: bytes) -> str:
    """The keyed hash (HMAC-SHA256) an index holds instead of the number's digits: one
    exact number can be looked up, no digit of it can be searched or read back."""
    return hmac.new(key, value.encode("ascii"), hashlib.sha256).hexdigest()
