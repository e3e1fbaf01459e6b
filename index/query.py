"""Reading what a user typed: case number or words, and which words to highlight.

A query may hold parts that are not words: a case number ("detaljplan ks 2023 871") or
a paragraph citation ("KS § 47", "§ 47 2024"). Those parts are taken out of the text
and looked up by their keys; the rest is searched as words.

Engine-neutral, so every engine treats a query the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diarium.corpus.errors import QueryError
from diarium.extractors.entities.dnr import QueryDnr, dnr_lookup_keys, find_in_query, looks_like_dnr
from diarium.extractors.entities.paragraphs import Reference, find_references
from diarium.index.analysis import SWEDISH_LETTERS, fold, query_terms
from diarium.index.query_syntax import check_syntax

_OPERATORS = {"and", "or", "not", "to"}
# Both patterns start only at the beginning of a word: tried at every position of a long
# word, ``\b\w+:`` rescans the rest of the word each time (40,000 letters took 33 s).
_FIELD_PREFIX = re.compile(r"(?<!\w)\w+:")
_PREFIX_WORD = re.compile(r"(?<![^\W_])([^\W_]+)\*")

# Bounds on what a person types: a real query is a few words or a case number. Longer or
# deeper input is refused with a clear message rather than left to exhaust the parser.
MAX_QUERY_CHARS = 1000
MAX_NESTING = 16
_SWEDISH_LETTERS = re.compile(f"[{SWEDISH_LETTERS}]")


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
    # Case numbers and paragraph citations among the words, taken out of ``text``;
    # with ``any_part`` one of them is enough ("ks 2023/871 OR ks 2023/872").
    case_numbers: list[QueryDnr] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    any_part: bool = False

    def case_number_keys(self) -> list[str]:
        """The keys of every case number asked for, whole query or among words (for
        marking where a page writes them)."""
        return self.dnr_keys or [key for d in self.case_numbers for key in d.keys]

    def is_lookup(self) -> bool:
        """Whether the query names a case number or a paragraph: no "Menade du" then,
        since a spelling of such a query is no misspelled word."""
        return bool(self.dnr_keys or self.case_numbers or self.references)


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
    text, case_numbers, references = query, [], []
    if query and not keys and '"' not in query:
        text, case_numbers, references = _lookup_parts(query)
    # Nothing but the parts and OR between them: any of them will do.
    any_part = not text and len(case_numbers) + len(references) > 1 and " OR " in query
    words_only = _FIELD_PREFIX.sub(" ", query)
    prefixes = tuple(m.group(1).lower() for m in _PREFIX_WORD.finditer(words_only))
    stems = {
        t.text for t in query_terms(_PREFIX_WORD.sub(" ", words_only)) if t.text not in _OPERATORS
    }
    use_folded = not _SWEDISH_LETTERS.search(query)
    if use_folded:
        stems |= {fold(s) for s in stems}
    return ParsedQuery(
        text=text,
        dnr_keys=keys,
        highlight_stems=stems,
        highlight_prefixes=prefixes,
        use_folded=use_folded,
        pnr_keys=list(pnr_keys or []),
        case_numbers=case_numbers,
        references=references,
        any_part=any_part,
    )


def _lookup_parts(query: str) -> tuple[str, list[QueryDnr], list[Reference]]:
    """The query's paragraph citations (first: "KF 2024-03-14 § 12" holds a date that
    is no case number) and case numbers, and the words left when both are taken out."""
    references = find_references(query) if "§" in query else []
    rest = _blanked(query, [(r.start, r.end) for r in references])
    case_numbers = find_in_query(rest) if any(ch.isdigit() for ch in rest) else []
    rest = _blanked(rest, [(d.start, d.end) for d in case_numbers])
    if not references and not case_numbers:
        return query, [], []
    text = " ".join(rest.split())
    # Operators left with nothing to join ("ks 2023/871 AND") go with the parts.
    words = text.split()
    while words and words[-1] in _UPPER_OPERATORS:
        words.pop()
    while words and words[0] in _UPPER_OPERATORS:
        words.pop(0)
    return " ".join(words), case_numbers, references


_UPPER_OPERATORS = {"AND", "OR", "NOT"}


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text
