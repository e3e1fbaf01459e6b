"""Entities and metadata of a document: DNR, DATE, PERSON, BODY, and the header facts.

``extract_entities`` takes the normalized text of each page and returns entities with
offsets into those texts, plus the document's metadata.

The pipeline (and with it spaCy) is loaded on first use of these names, not when a
sibling module such as ``diarium.extractors.entities.pnr`` or ``.dnr`` is imported: masking a
search result or reading a case number must not pay spaCy's half-second import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diarium.extractors.entities.pipeline import EntityExtraction, extract_entities

__all__ = ["EntityExtraction", "extract_entities"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module("diarium.extractors.entities.pipeline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
