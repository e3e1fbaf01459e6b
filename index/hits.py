"""A hit as the user sees it, from what an engine stored for the page: the same fields
and the same snippet whichever engine found it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diarium.index.base import Hit
from diarium.index.query import ParsedQuery
from diarium.index.snippets import make_snippet


def make_hit(stored: Mapping[str, Any], doc_id: str, score: float, parsed: ParsedQuery) -> Hit:
    """``stored`` holds the page's ``filename``, ``source``, ``page``, ``content`` and the
    document's ``meta`` (title, date, case numbers, type, municipality, bodies)."""
    meta = stored["meta"]
    return Hit(
        id=doc_id,
        filename=stored["filename"],
        source=stored["source"],
        title=meta.get("title"),
        document_date=meta.get("document_date"),
        dnr=list(meta.get("dnr") or []),
        doc_type=meta.get("doc_type"),
        municipality=meta.get("municipality"),
        body=list(meta.get("body") or []),
        organ=meta.get("organ"),
        score=round(float(score or 0.0), 4),
        page=int(stored["page"]),
        snippet=make_snippet(
            stored.get("content", ""),
            parsed.highlight_stems,
            parsed.highlight_prefixes,
            parsed.use_folded,
            dnr_keys=parsed.case_number_keys(),
        ),
        restricted=meta.get("access") == "restricted",
    )
