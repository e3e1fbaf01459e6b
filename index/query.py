"""Reading what a user typed: case number or words, and which words to highlight.

Engine-neutral, so every engine treats a query the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.errors import QueryError
from extractors.entities.dnr import dnr_lookup_keys, looks_like_dnr
from index.analysis import fold, query_terms
from index.query_syntax import check_syntax

_OPERATORS = {"and", "or", "not", "to"}
# Both patterns start only at the beginning of a word: tried at every position of a long
# word, ``\b\w+:`` rescans the rest of the word each time (40,000 letters took 33 s).
_FIELD_PREFIX = re.compile(r"(?<!\w)\w+:")
_PREFIX_WORD = re.compile(r"(?<![^\W_])([^\W_]+)\*")

# Bounds on what a person types: a real query is a few words or a case number. Longer or
# deeper input is refused with a clear message rather than left to exhaust the parser.
MAX_QUERY_CHARS = 1000
MAX_NESTING = 16
_SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖéÉ]")


@dataclass
class ParsedQuery:
    text: str  # as typed, for the engine's query parser ("" for none)
    # Lookup keys when the query (or --dnr) is a case number; the engine then also
    # matches the number as written, as a phrase, for documents whose entity was missed.
    dnr_keys: list[str]
    highlight_stems: set[str]
    highlight_prefixes: tuple[str, ...]
    # Search the folded fields too: only when the user typed no å/ä/ö, so "får" stays
    # apart from "far" for those who type the letters.
    use_folded: bool
    # Keyed hashes of an identity number asked for (``--pnr``); never its digits.
    pnr_keys: list[str] = field(default_factory=list)


def check_query(query: str) -> None:
    """Refuse a query too long or too deeply nested to be a person's search."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(query):,} characters long; the most diarium takes is "
            f"{MAX_QUERY_CHARS:,} (search for a few words or a phrase from the document)"
        )
    depth = deepest = 0
    for char in query:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    if deepest > MAX_NESTING:
        raise QueryError(
            f"the query nests parentheses {deepest} deep; the most diarium takes is {MAX_NESTING}"
        )


def parse_query(
    query: str, dnr: str | None = None, pnr_keys: list[str] | None = None
) -> ParsedQuery:
    """What was typed, read; ``QueryError`` for a query too long or deep, or a ``--dnr``
    that cannot be read as a case number (it would otherwise match everything)."""
    query = query.strip()
    check_query(query)
    check_syntax(query)
    keys: list[str] = []
    if dnr is not None:
        check_query(dnr)
        keys = dnr_lookup_keys(dnr)
        if not keys:
            raise QueryError(
                f"{dnr!r} cannot be read as a case number (diarienummer); write it as "
                "the registry does, e.g. KS 2022/960 or KS-2022-00960"
            )
    elif query and looks_like_dnr(query):
        keys = dnr_lookup_keys(query)
    words_only = _FIELD_PREFIX.sub(" ", query)
    prefixes = tuple(m.group(1).lower() for m in _PREFIX_WORD.finditer(words_only))
    stems = {
        t.text for t in query_terms(_PREFIX_WORD.sub(" ", words_only)) if t.text not in _OPERATORS
    }
    use_folded = not _SWEDISH_LETTERS.search(query)
    if use_folded:
        stems |= {fold(s) for s in stems}
    return ParsedQuery(
        text=query,
        dnr_keys=keys,
        highlight_stems=stems,
        highlight_prefixes=prefixes,
        use_folded=use_folded,
        pnr_keys=list(pnr_keys or []),
    )
