"""Citations of earlier decisions: "KS 2023-09-26 § 198", "beslut i KF § 173 2020-12-08",
"kommunstyrelsens beslut 2023-09-26, § 198".

A Swedish decision names an earlier one by the organ that took it, the meeting's date and
the paragraph (§) in those minutes. This module finds such references in text and says
whether a document's organ is the one named (the organ abbreviations and keys are
those of the paragraph index, ``paragraphs.py``, which reads citations typed as a
query; here they are read in a decision's prose, where the date is required). Finding
the minutes in an archive is the application's work (``diarium/app/citations.py``).
Citations by case number are the DNR entities extraction already finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from diarium.extractors.entities.dates import MONTHS
from diarium.extractors.entities.dnr import not_bodies
from diarium.extractors.entities.paragraphs import organ_abbreviations, organ_key


@lru_cache(maxsize=1)
def _organ_heads() -> list[str]:
    from diarium.extractors.entities.lexicons import deciding_organs

    return sorted(deciding_organs(), key=len, reverse=True)


@dataclass(frozen=True)
class ParagraphCitation:
    """One reference to a § of an organ's minutes of one day."""

    text: str  # as written
    organ: str  # the organ's name, lower case, genitive dropped ("kommunstyrelsen")
    date: str  # ISO date of the meeting
    paragraph: int
    start: int
    end: int


def organ_name(written: str) -> str | None:
    """The organ a written name or abbreviation means, lower case and without a
    genitive ("KS" → "kommunstyrelsen", "Kommunfullmäktiges" → "kommunfullmäktige");
    None when it names no deciding organ."""
    written = re.sub(r"\s+", " ", written.strip())
    if written.isupper() and written.isalpha() and len(written) <= 6:
        # An abbreviation: its organ's name when known, else itself ("KU"), so the
        # citation is still listed though no document's organ can be matched to it;
        # never a statute book or report series (SFS, SOU: dnr_not_bodies.txt).
        if written.lower() in organ_abbreviations():
            return organ_abbreviations()[written.lower()].lower()
        return None if written in not_bodies() else written.lower()
    name = written.lower().split(" i ")[0]
    words = name.split(" ")
    last = words[-1]
    heads = _organ_heads()
    if not last.endswith(tuple(heads)) and last.endswith("s") and last[:-1].endswith(tuple(heads)):
        words[-1] = last[:-1]
    if not words[-1].endswith(tuple(heads)):
        return None
    return " ".join(words)


def same_organ(cited: str, organ: str | None) -> bool:
    """True when a document's organ (``Metadata.organ``) is the organ a citation names,
    compared by the paragraph index's organ key (case, definite form, "i Nässjö")."""
    return bool(organ) and organ_key(cited) == organ_key(organ or "")


# --- finding citations ---------------------------------------------------------------

_ORGAN_WORD = r"[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ-]*"
# An abbreviation (KS, KSAU) or a name ending in an organ's head word, with an optional
# genitive and a following "arbetsutskott"/"utskott" ("kommunstyrelsens arbetsutskott").
_ORGAN = (
    rf"(?P<organ>[A-ZÅÄÖ]{{2,5}}|{_ORGAN_WORD}(?:\s+och\s+{_ORGAN_WORD})?"
    r"(?:s\s+(?:arbets)?utskott(?:et)?)?)"
)
_ISO = r"(?P<iso>(?:(?:19|20)\d\d|(?P<yy>\d\d))-[01]\d-[0-3]\d)\b"
_LONG = r"(?P<day>[0-3]?\d)\s+(?P<month>[a-zåäö]{3,9})\.?\s+(?P<year>(?:19|20)\d\d)"
_DATE = rf"(?:den\s+)?(?:{_ISO}|{_LONG})"
_PARA = r"(?:§|paragraf)\s*(?P<n>\d{1,4})\b"
_FILLER = r"(?:[\s,]+(?:beslut|sammanträde|protokoll|möte|den|från|i|av))*"

_ORGAN_DATE_PARA = re.compile(rf"\b{_ORGAN}{_FILLER}[\s,]+{_DATE}[\s,]*{_PARA}")
_ORGAN_PARA_DATE = re.compile(rf"\b{_ORGAN}[\s,]*{_PARA}[\s,/]+(?:från\s+)?{_DATE}")


def _date(m: re.Match[str]) -> str | None:
    if m["iso"]:
        if m["yy"]:  # "06-12-05" in older minutes
            return f"{20 if int(m['yy']) <= 50 else 19}{m['iso']}"
        return m["iso"]
    month = MONTHS.get(m["month"].lower())
    if month is None:
        return None
    return f"{m['year']}-{month:02d}-{int(m['day']):02d}"


# A citation holds a § (or "paragraf") within this many characters of its start and end;
# only the text around each one is run through the patterns (a page of prose holds few).
_BEFORE, _AFTER = 160, 60
_SIGN = re.compile(r"§|paragraf")


def _windows(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _SIGN.finditer(text):
        start, end = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _found(pattern: re.Pattern[str], text: str) -> list[ParagraphCitation]:
    out = []
    for start, end in _windows(text):
        for m in pattern.finditer(text, start, end):
            organ = organ_name(m["organ"])
            date = _date(m)
            if organ is None or date is None:
                continue
            out.append(ParagraphCitation(m.group(), organ, date, int(m["n"]), m.start(), m.end()))
    return out


def _organ_date_paragraph(text: str) -> list[ParagraphCitation]:
    """ "KS 2023-09-26 § 198", "kommunstyrelsens beslut den 26 september 2023, § 198"."""
    return _found(_ORGAN_DATE_PARA, text)


def _organ_paragraph_date(text: str) -> list[ParagraphCitation]:
    """ "KF § 173 2020-12-08", "KS § 198/2023-09-26"."""
    return _found(_ORGAN_PARA_DATE, text)


CITATION_STRATEGIES: tuple[Callable[[str], list[ParagraphCitation]], ...] = (
    _organ_date_paragraph,
    _organ_paragraph_date,
)


def paragraph_citations(text: str) -> list[ParagraphCitation]:
    """Every § citation in ``text``, in order of place; overlapping finds keep the first
    strategy's."""
    found: list[ParagraphCitation] = []
    for strategy in CITATION_STRATEGIES:
        for c in strategy(text):
            if not any(c.start < f.end and f.start < c.end for f in found):
                found.append(c)
    return sorted(found, key=lambda c: c.start)
