"""A list of literal names as one regular expression that branches letter by letter.

Python's ``re`` tries the branches of ``A|B|C`` one after another at every position, so
an alternation of the 290 municipalities or the 200 agencies costs a comparison per name
wherever it is tried. Written as a trie (``Upplands(?:-Bro| Väsby)|Uppsala|...``) it
compares each letter once. Longest first is kept: at each letter the longer names are
tried before the name that ends there, as in an alternation sorted by length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def trie_pattern(words: Iterable[str], *, flexible_space: str | None = None) -> str:
    """A non-capturing regular expression matching exactly the given words.

    ``flexible_space``, when given, is written for each space inside a word (for names
    broken over a line: ``r"[ \\t]+"``)."""
    root: dict = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node(root, flexible_space) if root else "(?!)"


def _node(node: dict, space: str | None) -> str:
    branches = []
    for ch in sorted(k for k in node if k != _END):
        literal = space if (space is not None and ch == " ") else re.escape(ch)
        branches.append(literal + _node(node[ch], space))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?"
    return body
