"""Unicode forms that look right but search wrong: decomposed letters, spacing
diacritics after the letter ("a¨"), ligatures, soft hyphens, odd spaces, controls and
HTML entities that leaked from an export."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diarium.extractors.normalize.pipeline import Change

# A letter followed by a spacing diaeresis or ring, as some PDF producers emit them.
_SPACING = re.compile(r"([AaOoUuEe])\s?([\u00a8\u02da])")
_SPACING_TO_COMBINING = {"\u00a8": "\u0308", "\u02da": "\u030a"}
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});")


def _change(original: str, new: str, start: int, end: int) -> Change:
    from diarium.extractors.normalize.pipeline import Change

    return Change(original, new, "unicode", start, end)


def repair_unicode(text: str) -> tuple[str, list[Change]]:
    if text.isascii() and "&" not in text and not _CONTROLS.search(text):
        return text, []
    changes: list[Change] = []
    pieces: list[str] = []
    cursor = 0
    for match in _iter_fixes(text):
        start, end, new = match
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        pieces.append(new)
        changes.append(_change(text[start:end], new, start, end))
        cursor = end
    pieces.append(text[cursor:])
    fixed = "".join(pieces)
    nfc = unicodedata.normalize("NFC", fixed)
    if nfc != fixed:
        changes.append(_change("(decomposed letters)", "(composed)", 0, len(text)))
    return nfc, changes


def _iter_fixes(text: str) -> list[tuple[int, int, str]]:
    fixes: list[tuple[int, int, str]] = []
    for m in _SPACING.finditer(text):
        letter = m.group(1) + _SPACING_TO_COMBINING[m.group(2)]
        fixes.append((m.start(), m.end(), unicodedata.normalize("NFC", letter)))
    for i, ch in enumerate(text):
        if ch in _LIGATURES:
            fixes.append((i, i + 1, _LIGATURES[ch]))
    for m in _ODD_SPACES.finditer(text):
        fixes.append((m.start(), m.end(), " "))
    for m in _ZERO_WIDTH.finditer(text):
        fixes.append((m.start(), m.end(), ""))
    for m in _CONTROLS.finditer(text):
        fixes.append((m.start(), m.end(), ""))
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group())
        if decoded != m.group():
            fixes.append((m.start(), m.end(), decoded))
    fixes.sort()
    return fixes
