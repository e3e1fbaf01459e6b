"""The two engines side by side on the same corpus store: the same ranked documents for
the same queries, and tantivy's own duties (locking, reload, bounded size, counting
beyond the exact limit)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from conftest import ingest_text_pdfs

import diarium.index.tantivy_engine as tantivy_engine
from diarium.corpus.model import Document, Metadata, Page, Provenance
from diarium.corpus.store import CorpusStore
from diarium.index import ENGINES, open_index
from diarium.index.base import IndexLockedError, SearchIndex, SearchRequest, SearchResult
from diarium.ingest.indexing import index_documents

QUERIES = [
    "kommun",
    "Södertörn",
    "Sodertorns utvecklingsprogram",
    '"Stockholms Business Alliance"',
    "simhall OR skolskjuts",
    "kommun NOT Södertörn",
    "title:simhall",
    "kommunsty*",
    "KS-2022/960.103",
    "ks 2022/960",
    "2023-00871",
    "nämnden",
    "överenskommelse",
    "beslut om detaljplan",
    "person:Wahlgren OR person:Holm",
    # Known-item forms: a case number typed loosely, alone and among words; paragraph
    # citations; a name typed without its ö beside a word of the text.
    "ks 2023 871",
    "detaljplan KS 2023 - 871",
    "KS § 47",
    "§ 47",
    "kommunstyrelsen § 47 2024",
    "Sjoberg detaljplan",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    return ingest_text_pdfs(tmp_path_factory, corpus_dir) / "corpus"


def build(corpus: Path, target: Path, engine: str) -> SearchIndex:
    store = CorpusStore(corpus)
    index = open_index(target, engine)
    index_documents(index, (store.get(doc_id) for doc_id in store.ids()))
    return index


@pytest.fixture(scope="module")
def indexes(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, SearchIndex]:
    return {e: build(corpus, tmp_path_factory.mktemp(e) / "ix", e) for e in ENGINES}


def tied(s: float, t: float) -> bool:
    """Scores within 2 % of each other: the engines quantize field lengths differently
    and Whoosh's idf is not BM25's, so near-ties may fall either way."""
    return abs(s - t) <= 0.02 * max(abs(s), abs(t))


def assert_same_ranking(a: SearchResult, b: SearchResult) -> None:
    """Same documents, and no pair in opposite order unless one engine scores it a tie."""
    score_a = {h.id: h.score for h in a.hits}
    score_b = {h.id: h.score for h in b.hits}
    assert set(score_a) == set(score_b)
    for x, y in combinations(score_a, 2):
        if not tied(score_a[x], score_a[y]) and not tied(score_b[x], score_b[y]):
            assert (score_a[x] > score_a[y]) == (score_b[x] > score_b[y]), (x, y)


@pytest.mark.parametrize("typed", QUERIES)
def test_both_engines_rank_the_same_documents(indexes: dict[str, SearchIndex], typed: str) -> None:
    results = [indexes[e].search(SearchRequest(typed, limit=50, facets=True)) for e in ENGINES]
    assert results[0].hits, typed
    assert results[0].total == results[1].total
    assert results[0].facets == results[1].facets
    assert [h.page for h in results[0].hits if h.id == results[0].hits[0].id] == [
        h.page for h in results[1].hits if h.id == results[0].hits[0].id
    ]
    assert_same_ranking(*results)


@pytest.mark.parametrize(
    "filters",
    [
        {"year": ["2022"]},
        {"year": ["2021", "2024"], "doc_type": ["Protokollsutdrag"]},
        {},
        {"organ": ["Kommunstyrelsen"]},
        {"year": ["utan datum", "2024"]},
    ],
)
def test_both_engines_filter_and_count_alike(
    indexes: dict[str, SearchIndex], filters: dict[str, list[str]]
) -> None:
    for typed in ["kommun", "kommun beslut", '"Södertörns utvecklingsprogram"', ""]:
        results = [
            indexes[e].search(SearchRequest(typed, limit=50, facets=True, filters=filters))
            for e in ENGINES
        ]
        assert results[0].total == results[1].total, typed
        assert results[0].facets == results[1].facets, typed
        assert {h.id for h in results[0].hits} == {h.id for h in results[1].hits}, typed


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_both_engines_sort_by_date_alike(indexes: dict[str, SearchIndex], sort: str) -> None:
    """The same documents in the same date order, undated ones last, either way."""
    for typed in ["kommun", "kommun beslut", ""]:
        results = [
            indexes[e].search(SearchRequest(typed, limit=50, sort=sort)) for e in ENGINES
        ]
        dates = [[h.document_date for h in r.hits] for r in results]
        assert dates[0] == dates[1], typed
        dated = [d for d in dates[0] if d]
        assert dated == sorted(dated, reverse=sort == "-date"), typed
        assert dates[0] == dated + [None] * (len(dates[0]) - len(dated)), typed
        assert {h.id for h in results[0].hits} == {h.id for h in results[1].hits}, typed


def test_tantivy_counts_beyond_the_exact_limit_agree(
    indexes: dict[str, SearchIndex], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An AND of page-text words has no exact document-row form; past ``EXACT_PAGES``
    tantivy counts the documents that hold all the words anywhere (an upper bound). In
    these decisions the two words share a page wherever they occur together, so the
    counts must equal the exact path's, and the ranked hits are the same."""
    index = indexes["tantivy"]
    request = SearchRequest("kommun beslut", limit=50, facets=True, filters={"year": ["2022"]})
    exact = index.search(request)
    monkeypatch.setattr(tantivy_engine, "EXACT_PAGES", 0)
    counted = index.search(request)
    assert counted.estimated and not exact.estimated
    assert counted.total == exact.total > 0
    assert counted.facets == exact.facets
    assert [h.id for h in counted.hits] == [h.id for h in exact.hits]


def test_tantivy_large_counts_are_an_upper_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Words on different pages of one document: the exact path does not count it, the
    document-row count beyond ``EXACT_PAGES`` does (and says it estimated); the hits
    are pages holding all the words either way, and a phrase is counted as its words."""
    spread = _doc("a", "Protokoll", ["Detaljplan för Björkbacken.", "Bygglov beviljas."])
    together = _doc("b", "Beslut", ["Detaljplan och bygglov för skolan."])
    unrelated = _doc("c", "Kallelse", ["Budget för nästa år."])
    index = open_index(tmp_path / "ix", "tantivy")
    index_documents(index, [spread, together, unrelated])
    request = SearchRequest("detaljplan bygglov", limit=10, facets=True)
    exact = index.search(request)
    assert (exact.total, exact.estimated) == (1, False)
    assert exact.facets["doc_type"] == {"beslut": 1}
    monkeypatch.setattr(tantivy_engine, "EXACT_PAGES", 0)
    counted = index.search(request)
    assert (counted.total, counted.estimated) == (2, True)
    assert counted.facets["doc_type"] == {"beslut": 1, "protokoll": 1}
    assert [h.id for h in counted.hits] == [together.id]
    phrase = index.search(SearchRequest('"bygglov för"', limit=10, facets=True))
    assert (phrase.total, phrase.estimated) == (2, True)
    assert [h.id for h in phrase.hits] == [together.id]
    unrelated_only = index.search(SearchRequest("detaljplan NOT bygglov", limit=10))
    assert (unrelated_only.total, unrelated_only.estimated) == (2, True)
    assert [h.id for h in unrelated_only.hits] == [spread.id]


def _doc(name: str, doc_type: str, pages: list[str]) -> Document:
    return Document(
        id=name * 64,
        source=f"/in/{name}.pdf",
        filename=f"{name}.pdf",
        pages=[Page(n, t, t) for n, t in enumerate(pages, start=1)],
        metadata=Metadata(title=doc_type, document_date="2024-01-01", doc_type=doc_type.lower()),
        provenance=Provenance("test", "2024-01-01T00:00:00"),
    )


def test_second_tantivy_writer_is_refused(tmp_path: Path) -> None:
    index = open_index(tmp_path / "ix", "tantivy")
    with index.writer(), pytest.raises(IndexLockedError, match="locked"), index.writer():
        pass


def test_another_reader_sees_each_commit_and_nothing_before(corpus: Path, tmp_path: Path) -> None:
    store = CorpusStore(corpus)
    writer_side = open_index(tmp_path / "ix", "tantivy")
    reader_side = open_index(tmp_path / "ix", "tantivy", create=False)
    doc = store.get(next(iter(store.ids())))
    with writer_side.writer() as writer:
        writer.add_document(doc)
        assert reader_side.stats()["documents"] == 0
    assert reader_side.stats()["documents"] == 1


def test_reingest_does_not_grow_the_tantivy_index(corpus: Path, tmp_path: Path) -> None:
    """Every document replaced ten times, one commit each (the worst case: a segment
    per commit): merged segments' files must be deleted, so the size stays bounded."""
    store = CorpusStore(corpus)
    index = build(corpus, tmp_path / "ix", "tantivy")
    one_copy = index.stats()["size_bytes"]
    sizes, segments = [], []
    for _ in range(10):
        for doc_id in store.ids():
            with index.writer() as writer:
                writer.add_document(store.get(doc_id))
        stats = index.stats()
        sizes.append(stats["size_bytes"])
        segments.append(stats["segments"])
    assert index.stats()["documents"] == store.count()
    assert max(segments) <= 8
    assert max(sizes) < 3 * one_copy
