"""Search behaviour on the in-repository corpus's text PDFs and the project's samples,
through the CLI, and on a few hand-built documents where a behaviour needs a contrast
(får/far, title versus body ranking) that no corpus file happens to show. Every test runs
on both engines."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ingest_text_pdfs

from diarium.cli import main
from diarium.corpus.model import Document, Entity, Metadata, Page, Provenance
from diarium.index import DEFAULT_ENGINE, ENGINES, open_index
from diarium.index.base import SearchRequest

DOC_000 = "text/huddinge_ks_samverkan.pdf"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module", params=ENGINES)
def home(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    corpus_dir: Path,
) -> Path:
    """The corpus's text PDFs and the samples, ingested into a new home (default engine),
    then rebuilt from the corpus on the engine under test when it is another one."""
    home = ingest_text_pdfs(tmp_path_factory, corpus_dir)
    if request.param != DEFAULT_ENGINE:
        result = CliRunner().invoke(
            main, ["reindex", "--home", str(home), "--engine", request.param]
        )
        assert result.exit_code == 0, result.output
    stats = CliRunner().invoke(main, ["stats", "--home", str(home), "--json"])
    assert json.loads(stats.output)["engine"] == request.param
    return home


def search(home: Path, *args: str) -> dict:
    result = CliRunner().invoke(main, ["search", "--home", str(home), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def top_file(home: Path, *args: str) -> str:
    hits = search(home, *args)["hits"]
    assert hits, f"no hits for {args}"
    return hits[0]["filename"]


@pytest.mark.parametrize(
    "typed",
    [
        ["KS-2022/960.103"],
        ["ks 2022/960"],
        ["KS 2022/0960"],
        ["--dnr", "2022/960"],
        ["ks-2022-960"],
    ],
)
def test_case_number_variants_put_the_document_first(home: Path, typed: list[str]) -> None:
    assert top_file(home, *typed) == "huddinge_ks_samverkan.pdf"


def test_bare_agenda_form_finds_the_prefixed_number(home: Path) -> None:
    data = search(home, "2023-00871")
    assert data["hits"][0]["filename"] == "protokollsutdrag_detaljplan.pdf"
    assert "[[KS-2023-00871]]" in data["hits"][0]["snippet"]


def test_show_opens_a_document_by_case_number(home: Path, corpus_dir: Path) -> None:
    result = CliRunner().invoke(main, ["show", "--home", str(home), "--json", "KS-2022/960.103"])
    assert result.exit_code == 0
    assert json.loads(result.output)["id"] == sha(corpus_dir / DOC_000)


def test_unknown_case_number_is_a_clear_miss(home: Path) -> None:
    # A case-number lookup that finds nothing exits 1, like `show` (issue 18).
    miss = CliRunner().invoke(main, ["search", "--home", str(home), "--json", "KS-2019/4711"])
    assert miss.exit_code == 1, miss.output
    assert json.loads(miss.stdout)["total"] == 0
    assert "no document carries case number" in miss.stderr
    result = CliRunner().invoke(main, ["show", "--home", str(home), "KS-2019/4711"])
    assert result.exit_code == 1 and "no document" in result.output


def test_compound_part_finds_the_compound(home: Path) -> None:
    assert top_file(home, "överenskommelse") == "huddinge_ks_samverkan.pdf"
    found = {h["filename"] for h in search(home, "nämnden", "--limit", "20")["hits"]}
    assert "protokollsutdrag_detaljplan.pdf" in found  # only "Samhällsbyggnadsnämnden" there


def test_typing_without_swedish_letters(home: Path) -> None:
    plain = {
        h["id"] for h in search(home, "Sodertorns utvecklingsprogram", "--limit", "20")["hits"]
    }
    proper = {
        h["id"] for h in search(home, "Södertörns utvecklingsprogram", "--limit", "20")["hits"]
    }
    assert plain and plain == proper


def test_phrase_and_prefix_typed_without_swedish_letters(home: Path) -> None:
    def ids(q: str) -> set[str]:
        return {h["id"] for h in search(home, q, "--limit", "50")["hits"]}

    proper = ids('"Södertörns utvecklingsprogram"')
    assert proper and ids('"Sodertorns utvecklingsprogram"') == proper
    assert ids("sodertorn*") == ids("södertörn*") != set()


def test_phrase_boolean_field_and_prefix_queries(home: Path) -> None:
    assert top_file(home, '"Stockholms Business Alliance"') == "sodertorn_verksamhetsplan.pdf"
    both = {h["filename"] for h in search(home, "simhall OR skolskjuts")["hits"]}
    assert both == {"tjansteutlatande_simhall.pdf", "minnesanteckningar_skolskjuts.pdf"}
    neither = {h["filename"] for h in search(home, "kommun NOT Södertörn", "--limit", "50")["hits"]}
    sodertorn = {"sodertorn_verksamhetsplan.pdf", "sodertorn_utvecklingsprogram.pdf"}
    assert neither and not neither & sodertorn
    assert top_file(home, "title:simhall") == "tjansteutlatande_simhall.pdf"
    assert top_file(home, "person:Wahlgren OR person:Holm") == "protokollsutdrag_detaljplan.pdf"
    assert search(home, "kommunsty*")["total"] >= 2


def test_filters_and_facets_ignore_their_own_filter(home: Path) -> None:
    everything = search(home, "kommun", "--limit", "50")
    years = everything["facets"]["year"]
    assert sum(years.values()) <= everything["total"]
    narrowed = search(home, "kommun", "--year", "2022", "--limit", "50")
    assert narrowed["total"] == years["2022"]
    assert all(h["document_date"].startswith("2022") for h in narrowed["hits"])
    # the year facet still shows the other years, counted as if no year filter were set
    assert narrowed["facets"]["year"] == years
    # several values of one filter are OR'ed, different filters AND'ed
    two = search(home, "kommun", "--year", "2022", "--year", "2023", "--limit", "50")
    assert two["total"] == years["2022"] + years.get("2023", 0)
    typed = search(home, "kommun", "--year", "2022", "--type", "tjänsteutlåtande")
    assert [h["filename"] for h in typed["hits"]] == ["huddinge_ks_samverkan.pdf"]
    dated = search(home, "kommun", "--from", "2022-05-01", "--to", "2022-12-31", "--limit", "50")
    assert {h["document_date"][:7] for h in dated["hits"]} <= {"2022-05", "2022-11"}


def test_zero_hits_suggest_a_correction(home: Path) -> None:
    data = search(home, "samverkansöverenskommlese")
    assert data["total"] == 0
    assert data["suggestion"] == "samverkansöverenskommelse"


def test_json_shape(home: Path) -> None:
    data = search(home, "Huddinge")
    assert set(data) >= {"query", "total", "hits", "facets"}
    assert set(data["facets"]) == {"year", "doc_type", "municipality", "organ", "body", "person"}
    hit = data["hits"][0]
    assert set(hit) >= {
        "id",
        "filename",
        "source",
        "title",
        "document_date",
        "dnr",
        "doc_type",
        "municipality",
        "score",
        "page",
        "snippet",
    }
    assert "[[" in hit["snippet"]


def _doc(doc_id: str, title: str, pages: list[str], date: str = "2024-01-01") -> Document:
    return Document(
        id=doc_id * 64,
        source=f"/in/{doc_id}.pdf",
        filename=f"{doc_id}.pdf",
        pages=[Page(n, t, t) for n, t in enumerate(pages, start=1)],
        metadata=Metadata(title=title, document_date=date, doc_type="protokoll"),
        provenance=Provenance("test", "2024-01-01T00:00:00"),
        entities=[Entity("PERSON", "Lena Wahlgren", "Lena Wahlgren", 1, 0, 13)],
    )


@pytest.fixture(params=ENGINES)
def small_index(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    index = open_index(tmp_path / "ix", request.param)
    with index.writer() as writer:
        writer.add_document(_doc("a", "Protokoll", ["Vi får bygga här.", "Inget mer."]))
        writer.add_document(_doc("b", "Protokoll", ["Min far bodde här."]))
        writer.add_document(_doc("c", "Detaljplan för Tureberg", ["Ett ärende om bygglov."]))
        writer.add_document(
            _doc("d", "Protokoll", ["Detaljplan, detaljplan och åter detaljplan i texten."])
        )
    return index


def test_far_and_faar_stay_apart_for_those_who_type_them(small_index) -> None:  # type: ignore[no-untyped-def]
    assert [h.filename for h in small_index.search(SearchRequest("får")).hits] == ["a.pdf"]
    # Typed without the ring, "far" also finds "får", below the word as typed.
    assert [h.filename for h in small_index.search(SearchRequest("far")).hits] == ["b.pdf", "a.pdf"]


def test_title_match_ranks_above_body_text(small_index) -> None:  # type: ignore[no-untyped-def]
    hits = small_index.search(SearchRequest("detaljplan")).hits
    assert [h.filename for h in hits] == ["c.pdf", "d.pdf"]


def test_best_page_is_the_one_that_matched(small_index) -> None:  # type: ignore[no-untyped-def]
    hit = small_index.search(SearchRequest("inget")).hits[0]
    assert (hit.filename, hit.page) == ("a.pdf", 2)


def test_readd_replaces_and_a_failed_batch_commits_nothing(small_index) -> None:  # type: ignore[no-untyped-def]
    with small_index.writer() as writer:
        writer.add_document(_doc("a", "Protokoll", ["Helt ny text om simhallen."]))
    assert small_index.search(SearchRequest("får")).total == 0
    assert small_index.search(SearchRequest("simhall")).total == 1
    with pytest.raises(RuntimeError), small_index.writer() as writer:
        writer.add_document(_doc("e", "Protokoll", ["Tillfällig text om badhuset."]))
        raise RuntimeError("crash in the middle of a batch")
    assert small_index.search(SearchRequest("badhuset")).total == 0
    assert small_index.stats()["documents"] == 4


def test_function_words_do_not_narrow_an_and_query(small_index) -> None:  # type: ignore[no-untyped-def]
    # c.pdf has "detaljplan" and "bygglov" but no "och": the function word is left out.
    hits = small_index.search(SearchRequest("detaljplan och bygglov")).hits
    assert [h.filename for h in hits] == ["c.pdf"]
    # Alone, or inside a phrase, a function word is searched as typed.
    assert small_index.search(SearchRequest("och")).total == 1
    assert small_index.search(SearchRequest('"detaljplan och åter"')).total == 1


def test_phrase_needs_the_words_side_by_side(small_index) -> None:  # type: ignore[no-untyped-def]
    # "Vi får bygga här.": neighbours match, words apart do not, whatever the pair index.
    assert [h.filename for h in small_index.search(SearchRequest('"får bygga"')).hits] == ["a.pdf"]
    assert small_index.search(SearchRequest('"vi bygga"')).total == 0
    assert small_index.search(SearchRequest('"vi får bygga"')).total == 1
    assert small_index.search(SearchRequest('"vi bygga här"')).total == 0
