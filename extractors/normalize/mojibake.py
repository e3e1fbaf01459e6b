"""UTF-8 read as Latin-1/CP1252 (once or twice), CP850/CP437 or MacRoman: ftfy's job.

ftfy is run with the settings that only undo encoding damage; its cosmetic fixes
(straightening curly quotes, width changes) would alter correct text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-1252 codec

if TYPE_CHECKING:
    from diarium.extractors.normalize.pipeline import Change

# Characters that appear in mojibake of Swedish letters; clean text rarely has them.
_SUSPECT = re.compile(r"[ÃÂ├Ōâ€™¤¶¥√]|Ã.|\u0192|\u201e")


# A UTF-8 lead byte read as Latin-1/CP1252 followed by a continuation byte read the same
# way: what ftfy's whole-text heuristics sometimes leave (next to markup such as "**").
# MacRoman ("√∂") and the DOS code pages CP850/CP437 ("├Â") show other pairs; ftfy
# does not cover CP850, so each leftover word is also tried against these.
_LEFTOVER = re.compile(
    r"[^\s*_]*(?:[ÃÂÅâ][\u0080-\u00bf\u0152-\u2122]|√[\u0080-\u2122]|[├ÔÃ][\u0080-\u2593])[^\s*_]*"
)
_CODECS = ("latin-1", "sloppy-windows-1252", "mac_roman", "cp850", "cp437")


_BOX_DRAWING = re.compile(r"[\u2500-\u257f]")


def _whole_text_dos(text: str) -> str | None:
    """UTF-8 read as CP850/CP437 (old DOS and registry exports): undone for the whole
    text when the bytes decode cleanly, which clean text with box characters never does."""
    if not _BOX_DRAWING.search(text):
        return None
    for codec in ("cp850", "cp437"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return None


def _fix_word(match: re.Match[str]) -> str:
    word = match.group()
    # Box-drawing characters inside a word only come from the DOS code pages.
    codecs = ("cp850", "cp437") if _BOX_DRAWING.search(word) else ()
    fixed = word if codecs else ftfy.fix_encoding(word)
    if fixed != word:
        return fixed
    for codec in codecs or _CODECS:
        try:
            decoded = word.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if decoded != word:
            return decoded
    return word


@lru_cache(maxsize=1)
def _config() -> ftfy.TextFixerConfig:
    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=True,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization="NFC",
        explain=False,
    )


def fix_mojibake(text: str) -> tuple[str, list[Change]]:
    if not _SUSPECT.search(text):
        return text, []
    fixed = _whole_text_dos(text) or _LEFTOVER.sub(_fix_word, ftfy.fix_text(text, _config()))
    if fixed == text:
        return text, []
    from diarium.extractors.normalize.pipeline import Change

    return fixed, [Change("(mis-decoded text)", "(re-decoded)", "mojibake", 0, len(text))]
