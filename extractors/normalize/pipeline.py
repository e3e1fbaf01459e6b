"""The normalizer: a fixed sequence of repair steps, each reporting what it changed.

Steps run from the most mechanical to the most judgement-laden: mojibake first (it
needs the stray control characters that the Unicode step would remove), Unicode forms,
7-bit Swedish, line-end hyphenation, and last the OCR confusions, which need whole words.
Each step gets the text and returns new text and its changes; offsets in a change refer
to the text the step was given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from diarium.extractors.normalize.hyphenation import join_hyphenated
from diarium.extractors.normalize.legacy7bit import fix_legacy_7bit
from diarium.extractors.normalize.mojibake import fix_mojibake
from diarium.extractors.normalize.ocr_confusions import repair_ocr_confusions
from diarium.extractors.normalize.unicode_repair import repair_unicode


@dataclass(frozen=True)
class Change:
    original: str
    new: str
    kind: str
    start: int
    end: int


@dataclass
class NormalizationResult:
    text: str
    changes: list[Change] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


Step = Callable[[str], tuple[str, list[Change]]]


def _steps() -> list[Step]:
    return [fix_mojibake, repair_unicode, fix_legacy_7bit, join_hyphenated, repair_ocr_confusions]


def normalize_text(text: str) -> NormalizationResult:
    changes: list[Change] = []
    for step in _steps():
        text, made = step(text)
        changes.extend(made)
    counts = Counter(c.kind for c in changes)
    return NormalizationResult(text, changes, dict(counts))


def explain_lines(result: NormalizationResult) -> list[str]:
    if not result.changes:
        return ["no changes"]
    return [f"pos {c.start}: {c.original!r} → {c.new!r} ({c.kind})" for c in result.changes]
