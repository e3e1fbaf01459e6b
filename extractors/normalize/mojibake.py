"""UTF-8 read as Latin-1/CP1252 (once or twice), CP850/CP437 or MacRoman: ftfy's job.

ftfy is run with the settings that only undo encoding damage; its cosmetic fixes
(straightening curly quotes, width changes) would alter correct text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import ftfy

if TYPE_CHECKING:
    from extractors.normalize.pipeline import Change

# Characters that appear in mojibake of Swedish letters; clean text rarely has them.
_SUSPECT = re.compile(r"[ÃÂ├Ōâ€™¤¶¥]|Ã.|\u0192|\u201e")


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
    fixed = ftfy.fix_text(text, _config())
    if fixed == text:
        return text, []
    from extractors.normalize.pipeline import Change

    return fixed, [Change("(mis-decoded text)", "(re-decoded)", "mojibake", 0, len(text))]
