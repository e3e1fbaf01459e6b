"""Reading what a user typed: case number or words, and which words to highlight.

Engine-neutral, so every engine treats a query the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.entities.dnr import dnr_lookup_keys, looks_like_dnr
from index.analysis import fold, query_terms

_OPERATORS = {"and", "or", "not", "to"}
_FIELD_PREFIX = re.compile(r"\b\w+:")
_PREFIX_WORD = re.compile(r"([^\W_]+)\*")
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


def parse_query(
    query: str, dnr: str | None = None, pnr_keys: list[str] | None = None
) -> ParsedQuery:
    query = query.strip()
    keys: list[str] = []
    if dnr:
        keys = dnr_lookup_keys(dnr)
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
