"""The entity rules as a spaCy pipeline on ``spacy.blank("sv")``.

spaCy's trained Swedish pipelines cannot be installed here, so the blank Swedish
pipeline hosts our own rule components, one per entity type, on a lean tokenizer whose
tokens only anchor the spans. Each finds
mentions by character offsets (patterns and lexicons from ``data/``), turns them into
spans on the tokenized page, and adds them to the ``diarium`` span group with the
canonical value; the last component picks non-overlapping ``doc.ents`` from them.
Document-level context (the year, the document's own case-number prefix) comes in
``doc.user_data``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from diarium.extractors.entities import dnr_shape
from diarium.extractors.entities.bodies import find_bodies
from diarium.extractors.entities.dates import find_dates
from diarium.extractors.entities.dnr import DnrMatch, find_bare, find_structured, label_pattern
from diarium.extractors.entities.people import find_people
from diarium.extractors.entities.pnr import find_pnrs

GROUP = "diarium"
# Where two findings overlap in doc.ents, the more specific kind wins.
PRIORITY = {"PNR": -1, "DNR": 0, "DATE": 1, "BODY": 2, "PERSON": 3}

# Words, single punctuation marks, and whitespace runs: the pieces of a page for spaCy.
_PIECE = re.compile(r"[^\W_]+|[^\w\s]|_|\s+")


class _AnchorTokenizer:
    """Splits a page into words and punctuation and builds the spaCy ``Doc``.

    The blank pipeline's tokenizer runs its Unicode affix patterns on every chunk (about
    1.3 ms a page, half the entity time). The rule components find mentions on the text
    and need tokens only to anchor their spans, so this regex split (0.15 ms a page)
    serves; the ``Doc`` text is the page text, character for character.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for piece in _PIECE.findall(text):
            if piece[0].isspace():
                # One space after a token is its trailing space; other whitespace is a
                # token of its own, as spaCy keeps it.
                if words and not spaces[-1] and piece[0] == " ":
                    spaces[-1] = True
                    piece = piece[1:]
                if not piece:
                    continue
            words.append(piece)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


if not Span.has_extension("value"):
    Span.set_extension("value", default=None)
    Span.set_extension("facts", default=None)


def _text(doc: Doc) -> str:
    """The page text, joined once: ``doc.text`` rebuilds it from every token on each call."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def _add(doc: Doc, start: int, end: int, label: str, value: str, facts: dict[str, Any]) -> None:
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None:
        return
    span._.value = value
    span._.facts = {**facts, "start": start, "end": end, "text": _text(doc)[start:end]}
    if GROUP not in doc.spans:
        doc.spans[GROUP] = []
    doc.spans[GROUP].append(span)


@Language.component("diarium_dnr")
def dnr_component(doc: Doc) -> Doc:
    text = _text(doc)
    structured = find_structured(text)
    labelled = {m.start for m in structured if _labelled(text, m.start)}
    bare = []
    shaped: set[DnrMatch] = set()
    # A label's own number: right after it, or the first one under a heading label; a
    # digit-only number counts only there.
    for start, end, heading, column_end in doc.user_data.get("dnr_label_ends", []):
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
        _add(doc, m.start, m.end, "DNR", m.parts.key(), {"labelled": m.start in labelled})
    for m in bare:
        _add(doc, m.start, m.end, "DNR", m.parts.key(), {"labelled": True})
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
            _add(
                doc,
                m.start,
                m.end,
                "DNR",
                m.parts.key(),
                {"labelled": labelled, "found_by": found_by},
            )
    return doc


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


@Language.component("diarium_dates")
def date_component(doc: Doc) -> Doc:
    labels = set(doc.user_data.get("date_label_ends", []))
    for d in find_dates(_text(doc), doc.user_data.get("year")):
        facts: dict[str, Any] = {"days": list(d.values)}
        if d.inferred:
            facts["inferred"] = True
        if len(d.values) > 1:
            facts["range"] = [d.values[0], d.values[-1]]
        if d.start in labels:
            facts["labelled"] = True
        _add(doc, d.start, d.end, "DATE", d.values[0], facts)
    return doc


@Language.component("diarium_people")
def people_component(doc: Doc) -> Doc:
    for p in find_people(_text(doc)):
        _add(doc, p.start, p.end, "PERSON", p.value, dict(p.attrs))
    return doc


@Language.component("diarium_bodies")
def body_component(doc: Doc) -> Doc:
    for b in find_bodies(_text(doc)):
        _add(doc, b.start, b.end, "BODY", b.value, {})
    return doc


@Language.component("diarium_pnr")
def pnr_component(doc: Doc) -> Doc:
    """Identity numbers (``entities/pnr.py``); they replace any date or case number
    another component read in the same digits."""
    found = find_pnrs(_text(doc), doc.user_data.get("year"))
    if found:
        taken = [(m.start, m.end) for m in found]
        doc.spans[GROUP] = [
            s
            for s in doc.spans.get(GROUP, [])
            if all(s._.facts["end"] <= a or s._.facts["start"] >= b for a, b in taken)
        ]
        for m in found:
            _add(doc, m.start, m.end, "PNR", m.value, m.attrs())
    return doc


@Language.component("diarium_ents")
def ents_component(doc: Doc) -> Doc:
    spans = sorted(doc.spans.get(GROUP, []), key=lambda s: PRIORITY[s.label_])
    doc.ents = filter_spans(spans)
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    nlp = spacy.blank("sv")
    nlp.tokenizer = _AnchorTokenizer(nlp.vocab)
    for name in (
        "diarium_dnr",
        "diarium_dates",
        "diarium_people",
        "diarium_bodies",
        "diarium_pnr",
        "diarium_ents",
    ):
        nlp.add_pipe(name)
    return nlp


def run(text: str, context: dict[str, Any]) -> Doc:
    nlp = pipeline()
    doc = nlp.make_doc(text)
    doc.user_data.update(context)
    doc.user_data["text"] = text
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def mentions(doc: Doc) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(label, value, facts) of every finding, in text order."""
    for span in sorted(doc.spans.get(GROUP, []), key=lambda s: s._.facts["start"]):
        yield span.label_, span._.value, span._.facts
