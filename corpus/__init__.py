"""The extracted documents: the model and the on-disk store that is the source of truth."""

from diarium.corpus.model import Document, Entity, Metadata, Page, Provenance

__all__ = ["Document", "Entity", "Metadata", "Page", "Provenance"]
