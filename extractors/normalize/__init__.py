"""Normalization every page passes through before entities and indexing."""

from diarium.extractors.normalize.pipeline import (
    Change,
    NormalizationResult,
    explain_lines,
    normalize_text,
)

__all__ = ["Change", "NormalizationResult", "explain_lines", "normalize_text"]
