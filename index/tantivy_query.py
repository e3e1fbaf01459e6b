"""Running the shared query tree (``diarium.index.query_plan``) on tantivy, node by node.

Terms in the tree are already our Swedish stems, so every node maps onto a tantivy
query over the same terms: no tantivy analyzer is involved. Scores combine as in
Whoosh (sums over AND and OR, boosts multiply), which keeps the two engines' rankings
alike.
"""

from __future__ import annotations

import re

import tantivy
from whoosh import query as wq

from diarium.index.analysis import PAIR_JOIN

Occur = tantivy.Occur
Query = tantivy.Query


class UnsupportedQueryError(ValueError):
    """A query form the tantivy engine does not run (the message names it)."""


def to_tantivy(node: wq.Query, schema: tantivy.Schema) -> tantivy.Query:
    q = _translate(node, schema)
    boost = getattr(node, "boost", 1.0)
    return Query.boost_query(q, boost) if boost != 1.0 else q


def _translate(node: wq.Query, schema: tantivy.Schema) -> tantivy.Query:
    if isinstance(node, wq.Every):
        return Query.all_query()
    if isinstance(node, type(wq.NullQuery)):
        return Query.empty_query()
    if isinstance(node, wq.Term):
        return Query.term_query(schema, node.fieldname, node.text)
    if isinstance(node, wq.Phrase):
        if not node.words:
            return Query.empty_query()
        if len(node.words) == 1:
            return Query.term_query(schema, node.fieldname, node.words[0])
        # Whoosh counts slop as the largest step between neighbours (1 = side by side);
        # tantivy counts the gaps allowed.
        return Query.phrase_query(schema, node.fieldname, list(node.words), max(0, node.slop - 1))
    if isinstance(node, wq.Prefix):
        # Whoosh scores a prefix match as a constant; so does tantivy's regex query.
        return Query.regex_query(schema, node.fieldname, re.escape(node.text) + ".*")
    if isinstance(node, wq.Wildcard):
        pattern = "".join(
            ".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in node.text
        )
        return Query.regex_query(schema, node.fieldname, pattern)
    if isinstance(node, wq.FuzzyTerm):
        return Query.fuzzy_term_query(
            schema, node.fieldname, node.text, distance=node.maxdist, prefix=node.prefixlength > 0
        )
    if isinstance(node, wq.Not):
        return _boolean(
            [(Occur.Must, Query.all_query()), (Occur.MustNot, to_tantivy(node.query, schema))]
        )
    if isinstance(node, wq.ConstantScoreQuery):
        return Query.const_score_query(to_tantivy(node.child, schema), node.score)
    if isinstance(node, wq.DisjunctionMax):
        return Query.disjunction_max_query(
            [to_tantivy(c, schema) for c in node.subqueries], node.tiebreak
        )
    if isinstance(node, wq.And):
        return _boolean(_must_clauses(node.subqueries, schema))
    if isinstance(node, wq.Or):
        return _boolean([(Occur.Should, to_tantivy(c, schema)) for c in node.subqueries])
    if isinstance(node, wq.AndNot):
        return _boolean(
            [(Occur.Must, to_tantivy(node.a, schema)), (Occur.MustNot, to_tantivy(node.b, schema))]
        )
    if isinstance(node, wq.AndMaybe):
        return _boolean(
            [(Occur.Must, to_tantivy(node.a, schema)), (Occur.Should, to_tantivy(node.b, schema))]
        )
    raise UnsupportedQueryError(f"this query form is not supported: {node!r}")


def _must_clauses(
    subqueries: list[wq.Query], schema: tantivy.Schema
) -> list[tuple[tantivy.Occur, tantivy.Query]]:
    """An AND's parts; a NOT part excludes instead of being required."""
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for sub in subqueries:
        if isinstance(sub, wq.Not):
            clauses.append((Occur.MustNot, to_tantivy(sub.query, schema)))
        else:
            clauses.append((Occur.Must, to_tantivy(sub, schema)))
    if all(occur == Occur.MustNot for occur, _ in clauses):
        clauses.insert(0, (Occur.Must, Query.all_query()))
    return clauses


def _boolean(clauses: list[tuple[tantivy.Occur, tantivy.Query]]) -> tantivy.Query:
    if len(clauses) == 1 and clauses[0][0] != Occur.MustNot:
        return clauses[0][1]
    return Query.boolean_query(clauses)


def with_filters(q: tantivy.Query, filters: list[tantivy.Query]) -> tantivy.Query:
    """``q`` restricted by filters that add nothing to its score."""
    if not filters:
        return q
    return Query.boolean_query(
        [(Occur.Must, q)] + [(Occur.Must, Query.const_score_query(f, 0.0)) for f in filters]
    )


# Fields whose terms are the same on every page of a document, and the document-row
# field that holds the page text's terms for the whole document.
_SAME_ON_EVERY_PAGE = ("title", "person", "body", "dnr", "dnr_main", "pnr", "access")
# Fields that differ from page to page, whose terms a document row also holds.
_PAGE_FIELDS = ("content", "paragraph")
ROW_FIELD = "doc_terms"
PAIRS_FIELD = "content_pairs"
_FIELD_MARK = "\x1e"


def row_term(field: str, text: str) -> str:
    """How a field's term is written in a document row's one field: page-text terms as
    they are, others behind their field's name ("title\x1edetaljplan"), so a count over
    rows reads one field's postings and nothing else."""
    return text if field == "content" else f"{field}{_FIELD_MARK}{text}"


def document_level(node: wq.Query) -> wq.Query | None:
    """The query rewritten for document rows (a document's first page, which carries
    all its terms): it matches a document's row exactly when the original matches some
    page of it. None when no such query exists: a phrase, or an AND or NOT over the page
    text, may hold on one page and not on the document's pages together."""
    if isinstance(node, (type(wq.NullQuery), wq.Every)):
        return node
    if isinstance(node, wq.Term):
        if node.fieldname in _PAGE_FIELDS or node.fieldname in _SAME_ON_EVERY_PAGE:
            return wq.Term(ROW_FIELD, row_term(node.fieldname, node.text))
        return None
    if isinstance(node, wq.ConstantScoreQuery):
        return document_level(node.child)
    if isinstance(node, wq.Or | wq.DisjunctionMax):
        parts = [document_level(c) for c in node.subqueries]
        return None if any(p is None for p in parts) else wq.Or(parts)  # type: ignore[arg-type]
    if isinstance(node, wq.And):
        # Fine while at most one part looks at the page text: the others hold on every
        # page of a document alike.
        if sum(1 for c in node.subqueries if _reads_page_text(c)) > 1:
            return None
        parts = [document_level(c) for c in node.subqueries]
        return None if any(p is None for p in parts) else wq.And(parts)  # type: ignore[arg-type]
    if isinstance(node, wq.Not) and not _reads_page_text(node.query):
        inner = document_level(node.query)
        return None if inner is None else wq.Not(inner)
    return None


def document_level_superset(node: wq.Query) -> wq.Query | None:
    """A document-row query matching every document the original matches on some page,
    and perhaps more: an AND or a phrase over the page text becomes "all these words
    somewhere in the document", and a NOT over the page text is dropped. Counting it is
    as cheap as counting a one-word query; it stands in for counts that would otherwise
    have to read tens of thousands of pages (see ``diarium.index.tantivy_engine``). None when
    no part of the query has a document-row form."""
    exact = document_level(node)
    if exact is not None:
        return exact
    if isinstance(node, wq.Term) and node.fieldname == PAIRS_FIELD:
        # A pair of neighbouring words: both words, anywhere in the document.
        words = node.text.split(PAIR_JOIN)
        return wq.And([wq.Term(ROW_FIELD, row_term("content", w)) for w in words])
    if isinstance(node, wq.Phrase):
        if node.fieldname != "content" and node.fieldname not in _SAME_ON_EVERY_PAGE:
            return None
        words = [wq.Term(ROW_FIELD, row_term(node.fieldname, w)) for w in node.words]
        return wq.And(words) if words else None  # type: ignore[arg-type]
    if isinstance(node, wq.ConstantScoreQuery):
        return document_level_superset(node.child)
    if isinstance(node, wq.And):
        # Leaving a part out of an AND only widens it: parts with no document-row form
        # (a NOT over the page text, the word-pair terms that narrow a phrase) go.
        parts = [p for c in node.subqueries if (p := document_level_superset(c)) is not None]
        return wq.And(parts) if parts else None  # type: ignore[arg-type]
    if isinstance(node, wq.Or | wq.DisjunctionMax):
        parts = [document_level_superset(c) for c in node.subqueries]
        return None if any(p is None for p in parts) else wq.Or(parts)  # type: ignore[arg-type]
    if isinstance(node, wq.AndNot | wq.AndMaybe):
        # Pages matching ``a`` and not (or maybe) ``b`` are among the pages matching ``a``.
        return document_level_superset(node.a)
    return None


def needs_row_restriction(node: wq.Query) -> bool:
    """Whether a document-level query can match pages that are not document rows (all
    documents, or all but some): such a query must be limited to rows."""
    return isinstance(node, wq.Every | wq.Not) or any(
        needs_row_restriction(c) for c in node.children()
    )


def _reads_page_text(node: wq.Query) -> bool:
    return any(
        getattr(leaf, "fieldname", None) not in _SAME_ON_EVERY_PAGE for leaf in node.leaves()
    ) or not list(node.leaves())
