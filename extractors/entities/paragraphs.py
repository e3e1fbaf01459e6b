"""Protocol paragraphs: where each § of a minute begins, and the keys staff cite it by.

Swedish minutes number their items as paragraphs ("§ 47 Detaljplan för Lugnvik") and
staff cite a decision as "KS § 47", "KF 2024-03-14 § 12" or "§ 47 2024": a paragraph
belongs to an organ and a meeting, so a citation names one page of one protocol. This
module finds the paragraph headings of a protocol's pages and writes the keys a
paragraph is indexed under (``paragraph_keys``) and a citation looked up by
(``reference_keys``), the same function of organ, meeting date and number on both
sides. Pure functions; the organ abbreviations are data
(``data/organ_abbreviations.tsv``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# A paragraph heading: at a line start, "§ 47", "§47", "KS § 47" or "§ 3 a", then the
# end of the line or the item's subject, a case number or a label. Never a statute
# cited at a line start ("§ 5 i kommunallagen", "§ 3 st. 2": a lower-case word follows)
# nor an earlier decision cited with its date ("KS § 437 06-12-13": a number follows).
_HEADING = re.compile(
    r"^[ \t]*(?:(?P<organ>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,5})[ \t]+)?§[ \t]*(?P<n>\d{1,4})"
    r"(?:[ \t]?[a-z](?![\wåäö]))?"
    r"(?!\d|[:,.§]\d|[ \t]*[a-zåäö(]|[ \t]+\d)",
    re.MULTILINE,
)
# Document types whose § headings are paragraphs of a meeting.
PROTOCOL_TYPES = frozenset({"protokoll", "protokollsutdrag"})


@dataclass(frozen=True)
class Paragraph:
    number: int
    page: int  # the page its heading stands on, from 1
    start: int  # offset of the heading in that page's text
    organ: str | None  # the organ the heading itself names ("KS § 47"), if any


@lru_cache(maxsize=1)
def organ_abbreviations() -> dict[str, str]:
    """Lower-case abbreviation → organ name ("ks" → "Kommunstyrelsen")."""
    out: dict[str, str] = {}
    text = (DATA / "organ_abbreviations.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            abbreviation, name = line.split("\t")
            out[abbreviation.strip().lower()] = name.strip()
    return out


def organ_key(name: str) -> str:
    """One key for every way an organ is written: its abbreviation ("KS", "ks"), its
    name in any case, definite or not ("Kommunstyrelsen", "kommunstyrelse"), with or
    without å/ä/ö or "i Nässjö kommun" after it."""
    name = name.strip()
    name = organ_abbreviations().get(name.lower(), name)
    name = re.split(r"\s+i\s+", name)[0]
    letters = "".join(ch for ch in unicodedata.normalize("NFD", name.casefold()) if ch.isalpha())
    # Definite and plural endings: "styrelsen"/"styrelse", "nämnden"/"nämnd".
    return re.sub(r"(?:en|et|e|n)$", "", letters)


def find_paragraphs(pages: list[str], organ: str | None = None) -> list[Paragraph]:
    """Every paragraph heading of a protocol's pages, in order.

    A heading that names an organ ("KS § 1") is one of this protocol's when the code is
    the protocol's ``organ`` abbreviated, or the code most of its headings carry (a
    minute heads every paragraph alike; a municipality may use a code the table does
    not know, or for another organ): "KU § 317" once at a line start of a minute whose
    paragraphs are "KS § 1" to "KS § 12" cites another organ's decision."""
    own = organ_key(organ) if organ else None
    headings = [
        (number, match)
        for number, text in enumerate(pages, start=1)
        if "§" in text
        for match in _HEADING.finditer(text)
    ]
    codes = Counter(match["organ"] for _, match in headings if match["organ"])
    common = next((code for code, n in codes.most_common(1) if n >= 2), None)
    found: list[Paragraph] = []
    for number, match in headings:
        named = match["organ"]
        if named and named != common and (own is None or organ_key(named) != own):
            continue
        found.append(Paragraph(int(match["n"]), number, match.start("n"), named))
    return found


def paragraph_keys(number: int, organ: str | None, date: str | None) -> list[str]:
    """The keys one paragraph is indexed under: its number alone, and with its organ,
    its meeting's year and date, each alone and with the organ."""
    keys = [str(number)]
    qualifiers: list[str] = []
    if organ:
        qualifiers.append(f"o:{organ_key(organ)}")
    if date:
        qualifiers += [f"y:{date[:4]}", f"d:{date[:10]}"]
    keys += [f"{q}:{number}" for q in qualifiers]
    if organ and date:
        key = organ_key(organ)
        keys += [f"oy:{key}:{date[:4]}:{number}", f"od:{key}:{date[:10]}:{number}"]
    return keys


@dataclass(frozen=True)
class Reference:
    """A citation of a paragraph in a query, and where it stands in the query."""

    start: int
    end: int
    number: int
    organ: str | None
    year: str | None
    date: str | None

    def keys(self) -> list[str]:
        """Lookup keys, most specific first: a page matching a more specific key is the
        paragraph meant; the number alone ranks any paragraph of that number."""
        key = organ_key(self.organ) if self.organ else None
        out: list[str] = []
        if key and self.date:
            out.append(f"od:{key}:{self.date}:{self.number}")
        if key and self.year:
            out.append(f"oy:{key}:{self.year}:{self.number}")
        if key:
            out.append(f"o:{key}:{self.number}")
        if self.date:
            out.append(f"d:{self.date}:{self.number}")
        if self.year:
            out.append(f"y:{self.year}:{self.number}")
        out.append(str(self.number))
        return out


_DATE = r"(?:19|20)\d\d(?:-\d\d-\d\d)?"
_REFERENCE = re.compile(
    rf"(?:(?P<organ>[^\W\d_][\w-]*(?:\s+och\s+[^\W\d_]+)?)\s+)?"
    rf"(?:(?P<before>{_DATE})\s+)?"
    rf"§\s*(?P<n>\d{{1,4}})(?!\d)"
    rf"(?:\s+(?P<after>{_DATE})(?![\d-]))?"
)


def _is_organ(words: str) -> bool:
    from diarium.extractors.entities.lexicons import deciding_organs

    last = words.split()[-1].lower()
    return last in organ_abbreviations() or last.endswith(deciding_organs())


def find_references(query: str) -> list[Reference]:
    """The paragraph citations in a query: "KS § 47", "kommunstyrelsen § 47",
    "KF 2024-03-14 § 12", "§ 47 2024", "§ 47"."""
    found: list[Reference] = []
    for match in _REFERENCE.finditer(query):
        start = match.start()
        organ = match["organ"]
        if organ and not _is_organ(organ):
            # Not an organ: the word stays a word of the query.
            sign = query.rindex("§", 0, match.end("n"))
            start = match.start("before") if match["before"] else sign
            organ = None
        when = match["before"] or match["after"]
        found.append(
            Reference(
                start=start,
                end=match.end(),
                number=int(match["n"]),
                organ=organ,
                year=when[:4] if when else None,
                date=when if when and len(when) == 10 else None,
            )
        )
    return found
