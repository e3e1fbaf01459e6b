"""Marking a query's words in a whole page, as snippets mark them (``[[…]]``), so the
document page can show every page with the hit words highlighted.

The same tests as the engines' snippets decide what matches (``diarium.index.snippets``): Swedish
stems, compound parts, å/ä/ö folding when the query has none, prefixes, and a case
number in any written form."""

from __future__ import annotations

from diarium.index.query import parse_query
from diarium.index.snippets import dnr_spans, matching_spans


def mark_page(text: str, query: str, dnr: str | None = None) -> str:
    """``text`` with the words ``query`` matches wrapped in ``[[`` and ``]]``."""
    if not (query.strip() or dnr):
        return text
    parsed = parse_query(query, dnr)
    keys = parsed.case_number_keys()
    spans = dnr_spans(text, keys) if keys else []
    spans += matching_spans(
        text, parsed.highlight_stems, parsed.highlight_prefixes, parsed.use_folded
    )
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(set(spans)):
        if start < cursor:  # overlaps a span already marked
            continue
        pieces.append(text[cursor:start])
        pieces.append(f"[[{text[start:end]}]]")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
