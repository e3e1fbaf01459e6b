"""The § sections of minutes and the decision written in a text.

Swedish minutes are a run of paragraphs, each opened by a heading line ("§ 198 Ny taxa
för bygglov") and holding one case: its number, the background and the decision. A case
page shows, for each of its documents, the § where the case was handled and what was
decided there, so this module answers two questions about text only: which section holds
a given place, and which lines of a text are its decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from diarium.extractors.entities.dnr import label_pattern
from diarium.extractors.entities.paragraphs import find_paragraphs

# The decision's own § headings ("§ 12 Val av justerare", "§ 3 a") are found by
# extractors/entities/paragraphs.py; what follows the number on that line is the title.
_HEADING = re.compile(r"(?m)^[ \t]*(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,5}[ \t]+)?§[ \t]*\d{1,4}")
_AFTER_NUMBER = re.compile(r"^(?:[ \t]?[a-z](?![\wåäö]))?[.:]?[ \t]*(?P<title>.*)")
SNIPPET_CHARS = 320


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    page: int  # 1-based page of the heading
    start: int  # offset of the heading in that page's text
    text: str  # from the heading to the next heading (pages joined by a newline)


def sections(pages: list[str], organ: str | None = None) -> list[Section]:
    """Every § section of the pages, in order (the headings ``find_paragraphs`` finds;
    ``organ``: the document's, which tells its own "KS § 8" from a cited "KU § 317");
    none when no line opens a paragraph."""
    heads = []
    for paragraph in find_paragraphs(pages, organ):
        text = pages[paragraph.page - 1]
        line_start = text.rfind("\n", 0, paragraph.start) + 1
        digits = re.match(r"\d+", text[paragraph.start :])
        after = paragraph.start + (digits.end() if digits else 0)
        line_end = text.find("\n", after)
        rest = text[after : len(text) if line_end < 0 else line_end]
        title = _AFTER_NUMBER.match(rest)
        heads.append((paragraph, line_start, title["title"] if title else ""))
    end_of_all = (len(pages), len(pages[-1])) if pages else (0, 0)
    found = []
    for i, (paragraph, line_start, title) in enumerate(heads):
        nxt = (heads[i + 1][0].page, heads[i + 1][1]) if i + 1 < len(heads) else end_of_all
        text = _between(pages, (paragraph.page, line_start), nxt)
        found.append(
            Section(paragraph.number, _title(title, text), paragraph.page, line_start, text.strip())
        )
    return found


_NOT_A_TITLE = re.compile(rf"(?i)^{label_pattern()}")  # data/dnr_labels.txt


def _title(on_heading: str, text: str) -> str:
    """The heading's own words, or (when the heading line holds only the case number,
    "KS § 8   DNR:KU/2006.435") the first line after it."""
    title = on_heading.strip()
    if title and not _NOT_A_TITLE.match(title):
        return title
    for line in text.splitlines()[1:]:
        line = line.strip()
        if line and not _NOT_A_TITLE.match(line):
            return line
    return title


def _between(pages: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The text from one (page, offset) place to another, pages joined by a newline."""
    if start[0] == end[0]:
        return pages[start[0] - 1][start[1] : end[1]]
    parts = [pages[start[0] - 1][start[1] :]]
    parts += pages[start[0] : end[0] - 1]
    parts.append(pages[end[0] - 1][: end[1]])
    return "\n".join(parts)


def section_at(found: list[Section], page: int, offset: int) -> Section | None:
    """The section a place (page, offset in its text) lies in: the last heading before it."""
    before = [s for s in found if (s.page, s.start) <= (page, offset)]
    return before[-1] if before else None


# --- the decision -------------------------------------------------------------------

# "Beslut", "Beslut:", "Kommunstyrelsens beslut"; not the type word "BESLUT" of a
# letterhead, not "Beslutande", "Beslutet skickas till".
_DECISION_HEADING = re.compile(
    r"(?m)^[ \t]*(?:Beslut|[A-ZÅÄÖ][\wåäö-]*s[ \t]+beslut)[ \t]*(?::[ \t]*(?P<rest>.*))?$"
)
_DECIDES = re.compile(r"(?i)\b(?:beslutar|beslöt|beslutade)\b")
_PROPOSAL_HEADING = re.compile(r"(?im)^[ \t]*förslag till beslut[ \t]*[:.]?[ \t]*(?P<rest>.*)$")


def _paragraph_from(text: str, start: int) -> str:
    """The lines from ``start`` up to a blank line, a short heading-like line or the
    next § heading, as one line of text."""
    lines = []
    for line in text[start:].splitlines():
        stripped = line.strip()
        if not stripped:
            if lines:
                break
            continue
        if lines and (_HEADING.match(line) or _looks_like_heading(stripped)):
            break
        lines.append(stripped)
    return " ".join(lines)


def _looks_like_heading(line: str) -> bool:
    """ "Sammanfattning", "Beslutsunderlag", "Expedieras till": a short line with no
    full stop is a heading, not part of the decision's sentence."""
    return len(line) <= 40 and not line.endswith((".", ",", ":")) and len(line.split()) <= 4


def _after_decision_heading(text: str) -> str | None:
    """A "Beslut" heading ("Kommunstyrelsens beslut", "Beslut:"): what follows it."""
    for m in _DECISION_HEADING.finditer(text):
        start = m.start("rest") if (m["rest"] or "").strip() else m.end()
        found = _paragraph_from(text, start)
        if found:
            return found
    return None


def _deciding_sentence(text: str) -> str | None:
    """A paragraph saying that someone "beslutar"/"beslutade" (decisions without a heading)."""
    m = _DECIDES.search(text)
    if m is None:
        return None
    line_start = text.rfind("\n", 0, m.start()) + 1
    return _paragraph_from(text, line_start) or None


def _proposal(text: str) -> str | None:
    """A tjänsteskrivelse proposes rather than decides: its "Förslag till beslut"."""
    m = _PROPOSAL_HEADING.search(text)
    if m is None:
        return None
    return _paragraph_from(text, m.start("rest") if m["rest"].strip() else m.end()) or None


# Tried in order: a decision heading is the most explicit; a tjänsteskrivelse's proposal
# comes before a sentence that merely tells of some decision ("fullmäktige beslutade 2023").
DECISION_STRATEGIES: tuple[tuple[str, Callable[[str], str | None]], ...] = (
    ("beslut", _after_decision_heading),
    ("förslag", _proposal),
    ("beslut", _deciding_sentence),
)


@dataclass(frozen=True)
class Decision:
    kind: str  # "beslut" or "förslag" (a proposal to decide)
    text: str


def decision(text: str, limit: int = SNIPPET_CHARS) -> Decision | None:
    """What ``text`` (a § section or a whole document) decides or proposes, cut at
    ``limit`` characters on a word boundary."""
    for kind, strategy in DECISION_STRATEGIES:
        found = strategy(text)
        if found:
            if len(found) > limit:
                found = found[:limit].rsplit(" ", 1)[0] + " …"
            return Decision(kind, found)
    return None
