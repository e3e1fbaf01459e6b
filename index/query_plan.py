"""From what a user typed to the one query tree every engine runs.

The query language (words, "phrases", AND/OR/NOT, ``field:``, ``prefix*``) is read by
Whoosh's query parser over ``diarium.index.whoosh_schema``, whose analyzers are our own Swedish
terms; the tree is then rewritten here, engine-neutrally: function words left out of
AND, words typed without å/ä/ö widened to the index terms they fold from, phrases
narrowed by the word-pair field, case numbers looked up by their keys. Whoosh runs the
tree as it is; tantivy translates it node by node (``diarium.index.tantivy_query``). So both
engines match the same pages for the same typed query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import islice, pairwise, product

from whoosh import qparser, query

from diarium.corpus.errors import QueryError
from diarium.extractors.entities.dnr import QueryDnr
from diarium.extractors.entities.paragraphs import Reference
from diarium.index.analysis import folded_variants, function_word_stems, pair
from diarium.index.query import ParsedQuery
from diarium.index.whoosh_schema import build_schema

# Fields a query's plain words search, with their weights: a title match counts most.
TEXT_FIELDS = {"content": 1.0, "title": 4.0, "person": 2.0, "body": 2.0}
FOLDED_BOOST = 0.6
# Every field of words: a name typed without ö must find "Söderström" in the people of
# a document as it does in its text, or an AND of that name and a word of another page
# finds nothing (the people field holds on every page, the text only on its own).
FOLDABLE_FIELDS = {"content", "title", "person", "body"}
# A phrase typed without å/ä/ö is tried in at most this many spellings.
MAX_FOLDED_PHRASES = 16
# A prefix stands for at most this many index terms (the alphabetically first).
MAX_PREFIX_TERMS = 1024

# (field, beginning) → the index terms of that field that start so.
TermsWithPrefix = Callable[[str, str], Iterable[str]]


@lru_cache(maxsize=1)
def _parser() -> qparser.MultifieldParser:
    parser = qparser.MultifieldParser(
        list(TEXT_FIELDS), build_schema(), fieldboosts=dict(TEXT_FIELDS), group=qparser.AndGroup
    )
    parser.add_plugin(qparser.FieldAliasPlugin({"content": ["text"]}))
    return parser


# Words and nothing else: no operator, field, wildcard, quote, bracket or boost.
_PLAIN = re.compile(r"\s*[^\W_]+(?:\s+[^\W_]+)*\s*")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


def _plain_words(text: str) -> query.Query | None:
    """The parser's tree for a query of plain words, built directly: the parser takes
    half a millisecond, a tenth of a whole search, for the queries typed most. None
    for anything else (the parser's; tests/test_query_plan.py holds the two equal)."""
    if not _PLAIN.fullmatch(text):
        return None
    words = text.split()
    if _OPERATORS.intersection(words):
        return None
    schema = _parser().schema
    groups: list[query.Query] = []
    for word in words:
        terms: list[query.Query] = []
        for field, boost in TEXT_FIELDS.items():
            tokens = list(schema[field].process_text(word, mode="query"))
            if len(tokens) != 1:
                return None
            terms.append(query.Term(field, tokens[0], boost=boost))
        groups.append(query.Or(terms))
    # As the parser does: a word typed twice counts once.
    return (groups[0] if len(groups) == 1 else query.And(groups)).normalize()


def text_query(parsed: ParsedQuery, terms_with_prefix: TermsWithPrefix) -> query.Query | None:
    if not parsed.text:
        return None
    text = f'"{parsed.text}"' if parsed.dnr_keys and '"' not in parsed.text else parsed.text
    q = _plain_words(text) or _parser().parse(text)
    if has_node(q, (query.RangeMixin,)):
        raise QueryError(
            f"ranges such as [a TO z] are not supported in {parsed.text!r}; "
            "for dates use --from and --to"
        )
    q = _without_function_words(q)
    if parsed.use_folded:
        q = _with_folded_variants(q, terms_with_prefix)
    return _with_expanded_prefixes(_with_pair_lookups(q), terms_with_prefix)


def dnr_query(keys: list[str]) -> query.Query:
    """Documents whose main case number or any case number has one of these keys; the
    first keys are the closest readings of what was typed and weigh most."""
    parts: list[query.Query] = []
    for rank, key in enumerate(keys):
        weight = float(len(keys) - rank)
        parts.append(query.Term("dnr_main", key, boost=20.0 * weight))
        parts.append(query.Term("dnr", key, boost=10.0 * weight))
    return query.Or(parts)


# A paragraph citation's keys weigh this much per step of specificity (the number alone
# once): the paragraph cited ranks first, any paragraph of that number above a page that
# only writes the number.
PARAGRAPH_BOOST = 10.0


def paragraph_query(reference: Reference) -> query.Query:
    """Pages heading the cited paragraph, the most specific key weighing most; and,
    weakest, pages writing the number at all (a citation of it in running text)."""
    keys = reference.keys()
    parts: list[query.Query] = [
        query.Term("paragraph", key, boost=PARAGRAPH_BOOST * (len(keys) - rank))
        for rank, key in enumerate(keys)
    ]
    parts.append(query.Term("content", str(reference.number)))
    return query.Or(parts)


def _case_number_part(
    number: QueryDnr,
    terms_with_prefix: TermsWithPrefix,
    matches_any: Callable[[query.Query], bool],
) -> query.Query:
    """A case number among other words: by its keys, and as the phrase it is written
    as when no document carries it as an entity (as for a whole-query number)."""
    by_key = dnr_query(number.keys)
    if matches_any(by_key):
        return by_key
    written = ParsedQuery(f'"{number.text}"', [], set(), (), use_folded=False)
    phrase = text_query(written, terms_with_prefix)
    return query.Or([by_key, phrase]) if phrase is not None else by_key


def plan_query(
    parsed: ParsedQuery,
    terms_with_prefix: TermsWithPrefix,
    matches_any: Callable[[query.Query], bool],
) -> query.Query:
    """The query tree for a parsed request; ``query.Every`` for none (browse by date)."""
    q = _words_or_case_number(parsed, terms_with_prefix, matches_any)
    if not parsed.pnr_keys:
        return q
    by_pnr = query.Or([query.Term("pnr", key) for key in parsed.pnr_keys])
    return by_pnr if isinstance(q, query.Every) else query.And([by_pnr, q])


def _words_or_case_number(
    parsed: ParsedQuery,
    terms_with_prefix: TermsWithPrefix,
    matches_any: Callable[[query.Query], bool],
) -> query.Query:
    if not parsed.dnr_keys:
        parts = [_case_number_part(d, terms_with_prefix, matches_any) for d in parsed.case_numbers]
        parts += [paragraph_query(r) for r in parsed.references]
        q = text_query(parsed, terms_with_prefix)
        if q is not None:
            parts.append(q)
        if not parts:
            return query.Every()
        if len(parts) == 1:
            return parts[0]
        return query.Or(parts) if parsed.any_part else query.And(parts)
    by_key = dnr_query(parsed.dnr_keys)
    # The number as written, as a phrase, only when no document carries it as an
    # entity: a phrase of "ks 2022 960" is slow and adds nothing when the key hits.
    if matches_any(by_key):
        return by_key
    text_q = text_query(parsed, terms_with_prefix)
    return query.Or([by_key, text_q]) if text_q is not None else by_key


def has_node(q: query.Query, kinds: tuple[type, ...]) -> bool:
    return isinstance(q, kinds) or any(has_node(c, kinds) for c in q.children())


def _with_pair_lookups(q: query.Query) -> query.Query:
    """A phrase in the page text first narrows to pages holding each neighbouring pair
    of its words (one term each); a two-word phrase needs nothing more."""

    def narrow(node: query.Query) -> query.Query:
        if not isinstance(node, query.Phrase) or node.fieldname != "content":
            return node
        words = list(node.words)
        if len(words) < 2 or node.slop != 1:
            return node
        pairs = [
            query.Term("content_pairs", pair(a, b), boost=node.boost) for a, b in pairwise(words)
        ]
        if len(pairs) == 1:
            return pairs[0]
        return query.And([*pairs, node])

    return q.accept(narrow)


def _without_function_words(q: query.Query) -> query.Query:
    """Drop the words of an AND that are only function words ("och", "till"), as long as
    another word remains: they match nearly every page and narrow nothing."""
    stems = function_word_stems()

    def only_function_words(node: query.Query) -> bool:
        leaves = list(node.leaves())
        return bool(leaves) and all(
            isinstance(leaf, query.Term) and leaf.text in stems for leaf in leaves
        )

    def prune(node: query.Query) -> query.Query:
        if isinstance(node, query.And):
            kept = [c for c in node.subqueries if not only_function_words(c)]
            # A NOT part narrows nothing by itself: "här NOT far" keeps "här".
            positive = [c for c in kept if not isinstance(c, query.Not)]
            if positive and len(kept) < len(node.subqueries):
                return query.And(kept, boost=node.boost) if len(kept) > 1 else kept[0]
        return node

    return q.accept(prune)


def _with_folded_variants(q: query.Query, terms_with_prefix: TermsWithPrefix) -> query.Query:
    """Widen words typed without å/ä/ö to the index terms they stand for: "sodertorn"
    also matches "södertörn", ranked below the word as typed."""

    def variants(fieldname: str, text: str, prefix: bool = False) -> list[str]:
        return folded_variants(
            text, lambda start: terms_with_prefix(fieldname, start), prefix=prefix
        )

    def widen(node: query.Query) -> query.Query:
        field = getattr(node, "fieldname", None)
        if field not in FOLDABLE_FIELDS:
            return node
        boost = node.boost * FOLDED_BOOST
        if isinstance(node, query.Phrase):
            options = [[word, *variants(field, word)] for word in node.words]
            combos = list(islice(product(*options), MAX_FOLDED_PHRASES))
            if len(combos) == 1:
                return node
            return query.Or(
                [node]
                + [query.Phrase(field, list(c), slop=node.slop, boost=boost) for c in combos[1:]]
            )
        if isinstance(node, query.Prefix | query.Term):
            alternatives = variants(field, node.text, prefix=isinstance(node, query.Prefix))
            if alternatives:
                kind = query.Prefix if isinstance(node, query.Prefix) else query.Term
                return query.Or([node] + [kind(field, t, boost=boost) for t in alternatives])
        return node

    return q.accept(widen)


def _with_expanded_prefixes(q: query.Query, terms_with_prefix: TermsWithPrefix) -> query.Query:
    """``kommun*`` as the index terms it stands for, so every engine scores it alike: one
    term is scored as that term; several match with a constant score (the weight of
    any single one of them would be arbitrary)."""

    def expand(node: query.Query) -> query.Query:
        if not isinstance(node, query.Prefix):
            return node
        terms = sorted(set(terms_with_prefix(node.fieldname, node.text)))[:MAX_PREFIX_TERMS]
        if not terms:
            return query.NullQuery
        if len(terms) == 1:
            return query.Term(node.fieldname, terms[0], boost=node.boost)
        return query.ConstantScoreQuery(
            query.Or([query.Term(node.fieldname, t) for t in terms]), score=node.boost
        )

    return q.accept(expand)
