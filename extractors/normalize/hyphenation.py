"""Words broken at the end of a line: "samarbets-\\nkommittén" → "samarbetskommittén".

A break is joined only when the joined word reads as Swedish (the lexicon knows it, or
its parts) and the second half starts in lower case; "Britt-\\nMarie" and case numbers
keep their hyphen, the line break becomes a space where a real hyphen stays.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from diarium.extractors.lexicon import zipf

if TYPE_CHECKING:
    from diarium.extractors.normalize.pipeline import Change

_BREAK = re.compile(r"(?<![\w-])([^\W\d_]{2,})-[ \t]*\n[ \t]*([a-zåäöéü][^\W\d_]*)")


def _joinable(head: str, tail: str) -> bool:
    joined = (head + tail).lower()
    if zipf(joined) > 0:
        return True
    # A compound the lexicon does not list: both halves are words ("samarbets" is
    # "samarbete" with its linking s), the normal way Swedish compounds are split.
    head_l = head.lower()
    head_ok = zipf(head_l) > 1.0 or (head_l.endswith("s") and zipf(head_l[:-1]) > 1.0)
    return head_ok and zipf(tail.lower()) > 1.0 and zipf(f"{head_l}-{tail.lower()}") == 0


def join_hyphenated(text: str) -> tuple[str, list[Change]]:
    if "-\n" not in text and "- \n" not in text:
        return text, []
    from diarium.extractors.normalize.pipeline import Change

    changes: list[Change] = []

    def replace(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if not _joinable(head, tail):
            return match.group()
        new = head + tail
        changes.append(Change(match.group(), new, "hyphenation", match.start(), match.end()))
        return new

    return _BREAK.sub(replace, text), changes
