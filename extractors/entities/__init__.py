"""Entities and metadata of a document: DNR, DATE, PERSON, BODY, and the header facts.

``extract_entities`` takes the normalized text of each page and returns entities with
offsets into those texts, plus the document's metadata.
"""

from extractors.entities.pipeline import EntityExtraction, extract_entities

__all__ = ["EntityExtraction", "extract_entities"]
