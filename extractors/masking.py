"""Masking identity numbers in whatever text leaves the archive.

The corpus keeps every text as it was read; what is shown, printed as JSON, indexed or
served goes through these functions first. A mask replaces digits by ``*`` and nothing
else, so a masked text has the same length and its offsets, pages and snippets stay
right: ``811218-****`` keeps the birth date (what an archivist needs to tell two people
apart) and ``******-****`` (``keep_date=False``) keeps nothing, the form the index holds
so that no part of a number is a searchable word.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from diarium.corpus.model import Document, Entity
from diarium.extractors.entities.pnr import find_pnrs

MASK = "*"
_PATH_GLUE = re.compile(r"[/\\_]")
SERIAL_DIGITS = 4


def mask_text(text: str, spans: Iterable[tuple[int, int]], *, keep_date: bool = True) -> str:
    """``text`` with the digits inside each (start, end) span replaced by ``*``: the last
    four (the birth number and check digit) when ``keep_date``, else all of them."""
    chars: list[str] | None = None
    for start, end in spans:
        if chars is None:
            chars = list(text)
        digits = [i for i in range(start, min(end, len(text))) if text[i].isdigit()]
        for i in digits[-SERIAL_DIGITS:] if keep_date else digits:
            chars[i] = MASK
    return text if chars is None else "".join(chars)


def mask_pnrs(text: str, year: int | None = None, *, keep_date: bool = True) -> str:
    """Find the identity numbers (valid and probable) in ``text`` and mask them."""
    if not text:
        return text
    found = find_pnrs(text, year)
    return mask_text(text, ((m.start, m.end) for m in found), keep_date=keep_date)


def mask_path(path: str, year: int | None = None, *, keep_date: bool = True) -> str:
    """A file name or path with its identity numbers masked: path separators and
    underscores (``beslut_811218-1234.pdf``) count as spaces when numbers are looked for."""
    probe = _PATH_GLUE.sub(" ", path)
    found = find_pnrs(probe, year)
    return mask_text(path, ((m.start, m.end) for m in found), keep_date=keep_date)


def document_year(doc: Document) -> int | None:
    date = doc.metadata.document_date
    return int(date[:4]) if date and date[:4].isdigit() else None


def has_pnr(doc: Document) -> bool:
    """Whether any page (normalized or raw) or PNR entity holds an identity number."""
    year = document_year(doc)
    return (
        any(e.type == "PNR" for e in doc.entities)
        or any(
            find_pnrs(p.text, year) or (p.raw_text != p.text and find_pnrs(p.raw_text, year))
            for p in doc.pages
        )
        or bool(find_pnrs(_PATH_GLUE.sub(" ", doc.source), year))
        or any(find_pnrs(v, year) for v in vars(doc.metadata).values() if isinstance(v, str))
    )


def document_pnrs(doc: Document) -> list[str]:
    """The identity numbers (``YYYYMMDD-XXXX``) of a document, each once: its PNR
    entities' values and the numbers found again in its page texts."""
    year = document_year(doc)
    values = [e.value for e in doc.entities if e.type == "PNR"]
    for page in doc.pages:
        values += [m.value for m in find_pnrs(page.text, year)]
    return list(dict.fromkeys(values))


def masked_document(doc: Document, *, keep_date: bool = True) -> Document:
    """A copy of ``doc`` whose page texts, raw texts, entities, metadata, file name and
    source have every identity number masked; ``doc`` itself is left as it is. The
    numbers are found again in each text (a document stored before PNR entities existed
    has none), and the page's PNR entities are masked by their offsets too."""
    if not has_pnr(doc):
        return doc
    year = document_year(doc)

    def mask(value: str) -> str:
        return mask_pnrs(value, year, keep_date=keep_date)

    out = copy.deepcopy(doc)
    for page in out.pages:
        spans = [(m.start, m.end) for m in find_pnrs(page.text, year)]
        spans += [
            (e.start, e.end) for e in doc.entities if e.type == "PNR" and e.page == page.number
        ]
        page.text = mask_text(page.text, spans, keep_date=keep_date)
        page.raw_text = mask(page.raw_text)
    out.entities = [_masked_entity(e, mask, keep_date) for e in out.entities]
    md = out.metadata
    for name in md.__dataclass_fields__:
        value = getattr(md, name)
        if isinstance(value, str):
            setattr(md, name, mask(value))
    out.filename = mask_path(out.filename, year, keep_date=keep_date)
    out.source = mask_path(out.source, year, keep_date=keep_date)
    return out


def _masked_entity(entity: Entity, mask: Callable[[str], str], keep_date: bool) -> Entity:
    if entity.type == "PNR":
        text = mask_text(entity.text, [(0, len(entity.text))], keep_date=keep_date)
        value = mask_text(entity.value, [(0, len(entity.value))], keep_date=keep_date)
        return replace(entity, text=text, value=value, attrs=dict(entity.attrs))
    return replace(entity, text=mask(entity.text), value=mask(entity.value))


@dataclass(frozen=True)
class PnrFinding:
    """One identity number of a document, for review before publication."""

    page: int
    start: int
    end: int
    text: str  # as written in the page text (or raw text when ``in_raw_only``)
    value: str  # YYYYMMDD-XXXX
    valid: bool
    coordination: bool
    in_raw_only: bool  # only the extracted (raw) text holds it, not the normalized text

    def to_dict(self, *, unmasked: bool = False) -> dict[str, object]:
        def shown(s: str) -> str:
            return s if unmasked else mask_text(s, [(0, len(s))])

        out: dict[str, object] = {
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "text": shown(self.text),
            "value": shown(self.value),
            "valid": self.valid,
        }
        if not self.valid:
            out["probable"] = True
        if self.coordination:
            out["samordningsnummer"] = True
        if self.in_raw_only:
            out["in_raw_text_only"] = True
        return out


def document_findings(doc: Document) -> list[PnrFinding]:
    """Every identity number (valid and probable) on every page: in the normalized text,
    and in the raw text where normalization changed or lost it."""
    year = document_year(doc)
    found: list[PnrFinding] = []
    for page in doc.pages:
        in_text = find_pnrs(page.text, year)
        values = {m.value for m in in_text}
        for m in in_text:
            found.append(
                PnrFinding(
                    page.number, m.start, m.end, m.text, m.value, m.valid, m.coordination, False
                )
            )
        if page.raw_text != page.text:
            for m in find_pnrs(page.raw_text, year):
                if m.value not in values:
                    found.append(
                        PnrFinding(
                            page.number,
                            m.start,
                            m.end,
                            m.text,
                            m.value,
                            m.valid,
                            m.coordination,
                            True,
                        )
                    )
    return found
