"""How much a page's text looks like real Swedish: one score for any candidate text.

The same score judges a PDF's text layer and Tesseract's output on the same page, so
the two can be compared. Evidence: the share of words a Swedish lexicon knows, glyph
codes the PDF could not map (``(cid:12)``), replacement characters, and words with
digits or symbols where å/ä/ö belonged ("f6r", "£ör", "férslag").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from diarium.extractors.lexicon import zipf

WORD = re.compile(r"[^\W\d_]{2,}")
# A letter run broken by a digit or a symbol that OCR engines substitute for å/ä/ö.
MANGLED = re.compile(r"\b[^\W\d_]+[0-9£$§¢][^\W\d_]+\b|\b[£¢][^\W\d_]+")
CID = re.compile(r"\(cid:\d+\)")
KNOWN_ZIPF = 1.5
MIN_WORDS = 8


@dataclass
class Quality:
    score: float  # 0 (garbage) .. 1 (clean Swedish)
    words: int
    known_share: float
    mangled: int
    cid_codes: int
    replacement_chars: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def assess(text: str) -> Quality:
    tokens = WORD.findall(text)
    known = sum(1 for w in tokens if zipf(w.lower()) >= KNOWN_ZIPF)
    share = known / len(tokens) if tokens else 0.0
    mangled = len(MANGLED.findall(text))
    cids = len(CID.findall(text))
    replacement = text.count("\ufffd")
    penalty = (mangled + 3 * cids + 3 * replacement) / max(len(tokens), 1)
    score = max(0.0, min(1.0, share - penalty))
    if len(tokens) < MIN_WORDS:
        # Too few words to judge: a near-empty page is no evidence of good text.
        score *= len(tokens) / MIN_WORDS
    return Quality(round(score, 3), len(tokens), round(share, 3), mangled, cids, replacement)
