"""Versions of one decision (ingest/versions.py) as the application shows them: a
search hit names its head's other copies, a document page lists its siblings."""

from __future__ import annotations

from dataclasses import replace

from diarium.corpus.model import Document
from diarium.index.base import SearchResult
from diarium.ingest.home import Home
from diarium.ingest.versions import read_groups


def with_versions(home: Home, result: SearchResult) -> SearchResult:
    """``result`` with each hit's other versions named (ids, head's group order)."""
    groups = read_groups(home)
    if not groups:
        return result
    hits = [
        replace(hit, versions=[v for v in groups.get(hit.id, []) if v != hit.id])
        for hit in result.hits
    ]
    return replace(result, hits=hits)


def siblings(home: Home, doc: Document) -> list[str]:
    """Every other version of ``doc``'s decision, head first."""
    group = doc.group or doc.id
    return [v for v in read_groups(home).get(group, []) if v != doc.id]
