"""The one gate document text passes on its way out of the application layer.

Search hits (titles, snippets, file names, facet values), documents (page texts,
entities, metadata) and anything derived from them for the CLI, the web pages or the
JSON API go through these functions, and every one of them sends each piece of text
through :func:`public_text`, which masks personal identity numbers (personnummer and
samordningsnummer, ``extractors/masking.py``) so their last four digits never leave.
Only an explicit ``unmasked=True`` (``show --unmasked``, for an archivist) skips that;
no default of any output does.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from diarium.corpus.model import Document
from diarium.extractors.masking import mask_path, masked_document
from diarium.index.base import Hit, SearchResult
from diarium.ingest.report import FileOutcome


def public_text(text: str) -> str:
    """Text as it may be shown: identity numbers masked, lengths unchanged. Underscores
    and slashes count as spaces, so a number glued into a file name or path
    (``beslut_730514-2742.pdf``) or typed so is masked too."""
    return mask_path(text)


def public_document(doc: Document, *, unmasked: bool = False) -> Document:
    """A copy of the document as it may be shown: identity numbers masked in every page
    (by the document's own PNR findings and a fresh look at each text), then file name
    and path, every page's text and raw text, every entity's text and value and the
    free-text metadata through :func:`public_text`. The stored document is never
    changed. ``unmasked``: the archivist's explicit request to see the digits."""
    if unmasked:
        return doc
    doc = masked_document(doc)
    md = doc.metadata
    return replace(
        doc,
        source=public_text(doc.source),
        filename=public_text(doc.filename),
        pages=[
            replace(p, text=public_text(p.text), raw_text=public_text(p.raw_text))
            for p in doc.pages
        ],
        entities=[
            replace(e, text=public_text(e.text), value=public_text(e.value))
            for e in doc.entities
        ],
        metadata=replace(
            md,
            title=_maybe(md.title),
            organisation=_maybe(md.organisation),
            dnr_text=_maybe(md.dnr_text),
        ),
    )


def _maybe(text: str | None) -> str | None:
    return None if text is None else public_text(text)


@lru_cache(maxsize=65_536)
def _public_value(value: str) -> str:
    """A facet value through :func:`public_text`, remembered: the same few thousand
    names, bodies and years come back in every search's counts."""
    return public_text(value)


def public_hit(hit: Hit) -> Hit:
    """A search hit as it may be shown: title, snippet, file name and path (archives name
    files after people too) through :func:`public_text`."""
    return replace(
        hit,
        title=_maybe(hit.title),
        snippet=public_text(hit.snippet),
        filename=public_text(hit.filename),
        source=public_text(hit.source),
    )


def public_result(result: SearchResult) -> SearchResult:
    """A search result with every hit through :func:`public_hit` (facet values are
    names of years, types, municipalities, bodies and people: also through the gate)."""
    hits = [public_hit(h) for h in result.hits]
    facets = {
        name: {_public_value(value): n for value, n in counts.items()}
        for name, counts in result.facets.items()
    }
    suggestion = public_text(result.suggestion) if result.suggestion else result.suggestion
    return replace(
        result,
        query=public_text(result.query or ""),
        hits=hits,
        facets=facets,
        suggestion=suggestion,
    )


def public_outcome(outcome: FileOutcome) -> FileOutcome:
    """An ingest run's line about one file as it may be printed: the path as given (an
    archive names files after people too) and the reasons through :func:`public_text`."""
    return replace(
        outcome,
        path=public_text(outcome.path),
        reason=_maybe(outcome.reason),
        page_errors=[public_text(e) for e in outcome.page_errors],
    )
