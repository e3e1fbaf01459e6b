"""The Whoosh schema, and the tokenizers that hand Whoosh our own Swedish terms.

Both engines parse queries with this schema (``diarium.index.query_plan``): Whoosh's query
parser is the query language, and its analyzers here are only adapters over
``diarium.index.analysis``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import columns, fields
from whoosh.analysis import Token, Tokenizer

from diarium.index.analysis import Term, index_terms, pair_terms, query_terms, vocabulary


class _TermTokenizer(Tokenizer):
    """Whoosh's tokenizer protocol over our own ``Term`` stream: subclasses say which
    terms a value has, this fills Whoosh's reusable ``Token``."""

    def terms(self, value: str, mode: str) -> Iterator[Term]:
        raise NotImplementedError

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for term in self.terms(value, mode):
            token.text = term.text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = term.text
            if positions:
                token.pos = start_pos + term.position
            if chars:
                token.startchar = start_char + term.start
                token.endchar = start_char + term.end
            yield token


class SwedishTokenizer(_TermTokenizer):
    """Feeds Whoosh the tokens of ``diarium.index.analysis``: compounds split at index time only."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SwedishTokenizer)

    def __hash__(self) -> int:
        return hash("SwedishTokenizer")

    def terms(self, value: str, mode: str) -> Iterator[Term]:
        return index_terms(value) if mode == "index" else query_terms(value)


class PairTokenizer(_TermTokenizer):
    """Neighbouring stems as one term, for fast phrases (``diarium.index.analysis.pair_terms``)."""

    def terms(self, value: str, mode: str) -> Iterator[Term]:
        return pair_terms(value)


class WordTokenizer(_TermTokenizer):
    """Plain lower-case words, the vocabulary "Menade du" suggestions come from."""

    def terms(self, value: str, mode: str) -> Iterator[Term]:
        # Each distinct word once: the field only answers "is this word in the index".
        for pos, word in enumerate(vocabulary(value)):
            yield Term(word, pos, 0, 0)


def build_schema() -> fields.Schema:
    exact = SwedishTokenizer()
    return fields.Schema(
        uid=fields.ID(unique=True, stored=True),
        doc_id=fields.ID(stored=True, sortable=True),
        page=fields.NUMERIC(stored=True),
        content=fields.TEXT(analyzer=exact, stored=True, phrase=True),
        content_pairs=fields.TEXT(analyzer=PairTokenizer(), phrase=False),
        title=fields.TEXT(analyzer=exact, stored=True, phrase=True, field_boost=1.0),
        person=fields.TEXT(analyzer=exact, phrase=True),
        body=fields.TEXT(analyzer=exact, phrase=True),
        words=fields.TEXT(analyzer=WordTokenizer(), phrase=False),
        # Keys of the protocol paragraphs headed on the page (``diarium.index.schema``).
        paragraph=fields.KEYWORD(scorable=True),
        dnr=fields.KEYWORD(lowercase=True),
        dnr_main=fields.KEYWORD(lowercase=True),
        pnr=fields.KEYWORD(),
        access=fields.KEYWORD(),
        date=fields.ID(stored=True, sortable=True),
        # The date again for sorting oldest first with undated documents last.
        date_last=fields.ID(sortable=True),
        filename=fields.STORED(),
        source=fields.STORED(),
        meta=fields.STORED(),
        # One JSON blob per page with the document's facet values, read as a column
        # (fast, in docnum order) to build the per-searcher table.
        facets=fields.COLUMN(columns.VarBytesColumn()),
    )
