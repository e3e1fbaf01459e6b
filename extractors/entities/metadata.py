"""Document-level facts from the first page: type, date, title, municipality, main number.

Swedish municipal documents put these in a header block: the organisation, the type
("TJÄNSTEUTLÅTANDE", "Protokollsutdrag"), labelled fields ("Datum", "Dnr",
"Diarienummer") and then the title. The rules read that block the way a registrar does.
"""

from __future__ import annotations

import re
from collections import Counter

from corpus.model import Entity
from extractors.entities.lexicons import doc_type_words, municipalities

HEADER_LINES = 25
DATE_LABEL = re.compile(r"(?i)\b(?:datum|sammanträdesdatum|beslutsdatum|daterad|tid|dag)\b[:\s]*$")
_LABEL_LINE = re.compile(
    r"(?i)^(?:datum|dnr|diarienummer|diarienr|ärende|handläggare|mottagare|tid|plats|"
    r"deltagare|sida|sammanträdesdatum|till|från|kopia|tjänsteutlåtande|tjänsteskrivelse|"
    r"protokoll|protokollsutdrag|kallelse|beslut|minnesanteckningar|bilaga|\d)"
)


def doc_type(first_page: str) -> str | None:
    """A type word heading a line wins ("TJÄNSTEUTLÅTANDE", "Protokollsutdrag ..."); then a
    type word anywhere on the first page, except "beslut", which every proposal uses."""
    lines = [ln.strip().lower() for ln in first_page.splitlines()[:HEADER_LINES] if ln.strip()]
    for line in lines:
        for word, kind in doc_type_words():
            if re.match(rf"{re.escape(word)}(?![\wåäö])", line):
                return kind
    text = first_page.lower()
    best: tuple[int, str] | None = None
    for word, kind in doc_type_words():
        if kind == "beslut":
            continue
        pos = text.find(word)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, kind)
    return best[1] if best else None


def document_date(dates: list[Entity]) -> str | None:
    first_page = [d for d in dates if d.page == 1 and not d.attrs.get("inferred")]
    labelled = [d for d in first_page if d.attrs.get("labelled")]
    if labelled:
        return labelled[0].value
    if first_page:
        return first_page[0].value
    explicit = [d for d in dates if not d.attrs.get("inferred")]
    return explicit[0].value if explicit else None


_LABEL_ONLY = re.compile(
    r"(?i)^(?:handläggare|mottagare|till|från|kopia|datum|dnr|diarienummer|beteckning|"
    r"sammanträdesdatum|ärende)[.:]?$"
)
_FIELD = re.compile(r"^[A-ZÅÄÖa-zåäö ]{3,30}:\s")  # "Övriga närvarande: ..."


def _is_body_name(line: str) -> bool:
    from extractors.entities.bodies import find_bodies

    return any(b.start == 0 and b.end >= len(line) - 1 for b in find_bodies(line))


_PARAGRAPH = re.compile(r"^§\s*\d+\s+([A-ZÅÄÖ].{5,})$")
_PHONE = re.compile(r"^\+?[\d\s-]{7,}$")


def title(first_page: str, kind: str | None, people: set[str] | None = None) -> str | None:
    lines = [ln.strip() for ln in first_page.splitlines()[:HEADER_LINES] if ln.strip()]
    table = municipalities()
    people = people or set()
    for line in lines:
        paragraph = _PARAGRAPH.match(line)
        if paragraph:
            return paragraph.group(1)  # "§ 47 Detaljplan för ..." in minutes and extracts
    if kind:
        for n, line in enumerate(lines):
            if line[:1].isupper() and line.lower().startswith(kind) and len(line.split()) > 2:
                return _with_continuation(lines, n)
    for n, line in enumerate(lines):
        lower = line.lower()
        if n and _LABEL_ONLY.match(lines[n - 1]):
            continue  # the value of a label ("Mottagare" / "Kommunstyrelsen")
        if (
            len(line) < 8
            or len(line) > 140
            or _LABEL_LINE.match(line)
            or _PHONE.match(line)
            or line in people
            or _FIELD.match(line)
            or _is_body_name(line)
            or line.isupper()
            or line.endswith((":", ","))
            or any(line.startswith(name) and "kommun" in lower for name in table)
            or re.search(r"\d{4}-\d{2}-\d{2}|@|\bkl\.?\s*\d|www\.", line)
        ):
            continue
        words = line.split()
        if len(words) >= 2 and line[0].isupper() and not line.endswith("."):
            return _with_continuation(lines, n)
    return None


def _with_continuation(lines: list[str], n: int) -> str:
    """A title broken over two lines continues on a line that starts in lower case."""
    text = lines[n]
    if n + 1 < len(lines) and lines[n + 1][:1].islower() and len(lines[n + 1].split()) <= 4:
        text = f"{text} {lines[n + 1]}"
    return _GENITIVE_SPLIT.sub(r"\1\2", text)


# A genitive cannot stand before a definite plural ("Södertörns kommunerna"): such a pair
# is a compound split in two ("Södertörnskommunerna"). Only the title is mended here;
# the page text is kept as written.
_GENITIVE_SPLIT = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+s) ([a-zåäö]+(?:erna|arna|orna)s?)\b")


def organisation_from_title(title: str | None) -> str | None:
    """A document of a joint body names it in the title ("... med Södertörnskommunernas
    samarbetskommitté"): that body is the organisation when no municipality is."""
    if not title:
        return None
    from extractors.entities.bodies import find_bodies

    found = find_bodies(title)
    return found[0].value if found else None


def municipality(pages: list[str], bodies: list[Entity]) -> tuple[str | None, str | None]:
    """(municipality short name, organisation) from the bodies on the first page."""
    table = municipalities()
    official_to_short = {v: k for k, v in table.items()}
    # A bare name in an attendance list ("Botkyrka") is a participant's municipality,
    # not the document's own: only written-out "X kommun" / "X stad" count here.
    bodies = [b for b in bodies if " " in b.text.strip()]
    first = [b.value for b in bodies if b.page == 1]
    for value in first:
        if value in official_to_short:
            return official_to_short[value], value
    counts = Counter(b.value for b in bodies if b.value in official_to_short)
    if counts:
        value, n = counts.most_common(1)[0]
        if n >= 2 and len(counts) == 1:
            return official_to_short[value], value
    return None, None
