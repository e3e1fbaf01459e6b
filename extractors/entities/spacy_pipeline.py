"""The entity rules, one component per entity type, run in order over a page.

Each component finds mentions by character offsets (patterns and lexicons from ``data/``)
and returns them with their canonical value; document-level context (the year, the
case-number labels of the page) comes in a ``context`` dict. ``run`` calls the components
on the page text directly: they need no tokens, and building a spaCy ``Doc`` for every
page cost a seventh of the entity time (its tokens only anchored spans that were read back
as character offsets). The same components also run as a spaCy pipeline on
``spacy.blank("sv")`` (``pipeline()``), for a reader who wants ``doc.ents``; spaCy is
imported only then.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from diarium.extractors.entities import dnr_shape
from diarium.extractors.entities.bodies import find_bodies
from diarium.extractors.entities.dates import find_dates
from diarium.extractors.entities.dnr import DnrMatch, find_bare, find_structured, label_pattern
from diarium.extractors.entities.people import find_people
from diarium.extractors.entities.pnr import find_pnrs

if TYPE_CHECKING:
    from spacy.language import Language

GROUP = "diarium"
# Where two findings overlap in doc.ents, the more specific kind wins.
PRIORITY = {"PNR": -1, "DNR": 0, "DATE": 1, "BODY": 2, "PERSON": 3}


@dataclass
class Mention:
    """One finding: its kind, character offsets on the page, canonical value and facts."""

    label: str
    start: int
    end: int
    value: str
    facts: dict[str, Any] = field(default_factory=dict)


class _Page:
    """A page's text, its context and what the components found so far."""

    def __init__(self, text: str, context: dict[str, Any]) -> None:
        self.text = text
        self.context = context
        self.found: list[Mention] = []

    def add(self, start: int, end: int, label: str, value: str, facts: dict[str, Any]) -> None:
        if start >= end or end > len(self.text):
            return
        facts = {**facts, "start": start, "end": end, "text": self.text[start:end]}
        self.found.append(Mention(label, start, end, value, facts))


def dnr_component(page: _Page) -> None:
    """Case numbers: known formats, labelled numbers, and any registry's shape."""
    text = page.text
    structured = find_structured(text)
    labelled = {m.start for m in structured if _labelled(text, m.start)}
    bare = []
    shaped: set[DnrMatch] = set()
    # A label's own number: right after it, or the first one under a heading label; a
    # digit-only number counts only there.
    for start, end, heading, column_end in page.context.get("dnr_label_ends", []):
        inside = [m for m in structured if start <= m.start < end]
        under = [m for m in find_bare(text, start, end) if not (heading and m.inline)]
        if heading and not inside and not under:
            # Further down a column only a distinctive series counts (2023-00250).
            under = [m for m in find_bare(text, end, column_end) if m.shape and not m.inline]
        first = min([*inside, *under[:1]], key=lambda m: m.start, default=None)
        if first is None or (not heading and first.start != start):
            # No known format stands there: read the label's value by its shape.
            shaped.update(
                dnr_shape.under_heading(text, start, end, column_end)
                if heading
                else dnr_shape.after_label(text, start, end)
            )
            continue
        if first in inside:
            labelled.add(first.start)
        elif all(first.end <= m.start or first.start >= m.end for m in structured):
            bare.append(first)
            bare += _listed_after(text, first)
    for m in structured:
        page.add(m.start, m.end, "DNR", m.parts.key(), {"labelled": m.start in labelled})
    for m in bare:
        page.add(m.start, m.end, "DNR", m.parts.key(), {"labelled": True})
    # Where a registrar's eye trusts a number of any registry's shape.
    known = [*structured, *bare]
    shaped.update(dnr_shape.in_paragraph_headings(text))
    shaped.update(dnr_shape.in_header_block(text))
    shaped.update(dnr_shape.coded_anywhere(text))
    for m in sorted(shaped, key=lambda m: (m.start, -m.end)):
        if all(m.end <= k.start or m.start >= k.end for k in known):
            known.append(m)
            found_by = m.form.rsplit(":", 1)[-1]
            labelled = found_by in ("after_label", "under_heading", "column")
            page.add(
                m.start,
                m.end,
                "DNR",
                m.parts.key(),
                {"labelled": labelled, "found_by": found_by},
            )


_LIST_JOIN = re.compile(r"\s*(?:,|;|&|och\b|samt\b)\s*")


def _listed_after(text: str, first: DnrMatch) -> list[DnrMatch]:
    """Numbers listed after a labelled one: "Dnr 2019/123, 2019/124 och 2019/130"."""
    listed = []
    pos = first.end
    while (join := _LIST_JOIN.match(text, pos)) is not None and join.end() > pos:
        nxt = find_bare(text, join.end(), min(len(text), join.end() + 25))
        if not nxt or nxt[0].start != join.end() or nxt[0].form != first.form:
            break
        listed.append(nxt[0])
        pos = nxt[0].end
    return listed


_LABEL_BEFORE = re.compile(rf"(?i){label_pattern()}[.:]?\s*$")


def _labelled(text: str, start: int) -> bool:
    return bool(_LABEL_BEFORE.search(text[max(0, start - 30) : start]))


def date_component(page: _Page) -> None:
    """Dates, ranges and yearless days read in the document's year."""
    labels = set(page.context.get("date_label_ends", []))
    for d in find_dates(page.text, page.context.get("year")):
        facts: dict[str, Any] = {"days": list(d.values)}
        if d.inferred:
            facts["inferred"] = True
        if len(d.values) > 1:
            facts["range"] = [d.values[0], d.values[-1]]
        if d.start in labels:
            facts["labelled"] = True
        page.add(d.start, d.end, "DATE", d.values[0], facts)


def people_component(page: _Page) -> None:
    """People's full names, with party and role where the page gives them."""
    for p in find_people(page.text):
        page.add(p.start, p.end, "PERSON", p.value, dict(p.attrs))


def body_component(page: _Page) -> None:
    """Public bodies, with the strategy that found each."""
    for b in find_bodies(page.text):
        page.add(b.start, b.end, "BODY", b.value, {"found_by": b.found_by})


def pnr_component(page: _Page) -> None:
    """Identity numbers (``entities/pnr.py``); they replace any date or case number
    another component read in the same digits."""
    found = find_pnrs(page.text, page.context.get("year"))
    if found:
        taken = [(m.start, m.end) for m in found]
        page.found = [s for s in page.found if all(s.end <= a or s.start >= b for a, b in taken)]
        for m in found:
            page.add(m.start, m.end, "PNR", m.value, m.attrs())


COMPONENTS: tuple[tuple[str, Callable[[_Page], None]], ...] = (
    ("diarium_dnr", dnr_component),
    ("diarium_dates", date_component),
    ("diarium_people", people_component),
    ("diarium_bodies", body_component),
    ("diarium_pnr", pnr_component),
)


def run(text: str, context: dict[str, Any]) -> list[Mention]:
    """Every finding on the page, in text order."""
    page = _Page(text, context)
    for _, component in COMPONENTS:
        component(page)
    return sorted(page.found, key=lambda m: m.start)


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The components as a spaCy pipeline on ``spacy.blank("sv")``: each puts its findings
    in the ``diarium`` span group, the last picks non-overlapping ``doc.ents``."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans

    if not Span.has_extension("value"):
        Span.set_extension("value", default=None)
        Span.set_extension("facts", default=None)

    def spans(doc: Doc) -> None:
        group = []
        for m in doc.user_data["page"].found:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is not None:
                span._.value, span._.facts = m.value, m.facts
                group.append(span)
        doc.spans[GROUP] = group

    def wrap(component: Callable[[_Page], None]) -> Callable[[Doc], Doc]:
        def on_doc(doc: Doc) -> Doc:
            page = doc.user_data.setdefault("page", _Page(doc.text, doc.user_data))
            component(page)
            spans(doc)
            return doc

        return on_doc

    for name, component in COMPONENTS:
        if name not in Language.factories:
            Language.component(name, func=wrap(component))
    if "diarium_ents" not in Language.factories:

        @Language.component("diarium_ents")
        def ents_component(doc: Doc) -> Doc:
            group = sorted(doc.spans.get(GROUP, []), key=lambda s: PRIORITY[s.label_])
            doc.ents = filter_spans(group)
            return doc

    nlp = spacy.blank("sv")
    for name, _ in COMPONENTS:
        nlp.add_pipe(name)
    nlp.add_pipe("diarium_ents")
    return nlp
