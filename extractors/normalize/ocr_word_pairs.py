"""The Swedish word-pair model: which of two words an engine without å/ä/ö printed alike.

"var" is var or vår, "stod" stod or stöd, "in" in or än; the lexicon alone cannot tell,
the neighbouring word often can ("i vår kommun", "att stärka", "mer än"). The pairs are
Swedish grammar written down once (``data/ocr_word_pairs.tsv``), not counts from any
document, so they hold for any registry's text. The model speaks only when exactly one
spelling has its cue; otherwise the lexicon decides as before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from diarium.extractors.normalize.folded_lexicon import fold, observed_keys

TABLE = Path(__file__).resolve().parent / "data" / "ocr_word_pairs.tsv"
SIDES = ("before", "after")


@dataclass(frozen=True)
class PairCue:
    reading: str
    side: str  # "before" or "after"
    cues: frozenset[str]  # folded cue words


@lru_cache(maxsize=1)
def pair_cues() -> dict[str, tuple[PairCue, ...]]:
    """Folded spelling → the cues of every reading with that folded spelling."""
    classes: dict[str, list[str]] = {}
    found: dict[str, list[PairCue]] = defaultdict(list)
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if line.startswith("@"):
            classes[fields[0]] = fields[1].split(",")
            continue
        if len(fields) != 3 or fields[1] not in SIDES:
            raise ValueError(f"{TABLE.name} line {number}: expected reading, side, cues")
        reading, side, listed = fields
        words: list[str] = []
        for cue in listed.split(","):
            if cue.startswith("@") and cue not in classes:
                raise ValueError(f"{TABLE.name} line {number}: unknown class {cue}")
            words.extend(classes[cue] if cue.startswith("@") else [cue])
        found[fold(reading)].append(PairCue(reading, side, frozenset(map(fold, words))))
    return {key: tuple(cues) for key, cues in found.items()}


def pair_reading(word: str, before: str | None, after: str | None) -> str | None:
    """The reading of a lower-case printed word that its neighbours (lower case, None
    across punctuation) point to, or None when they point to no single reading."""
    chosen: set[str] = set()
    for key in observed_keys(word)[:4]:
        for cue in pair_cues().get(key, ()):
            neighbour = before if cue.side == "before" else after
            if neighbour is not None and fold(neighbour) in cue.cues:
                chosen.add(cue.reading)
    return chosen.pop() if len(chosen) == 1 else None
