"""Staff find the decision they have in mind: a case number typed any way, a paragraph
cited as "KS § 47", a name typed without its accent, the deciding organ, undated
documents, newest first.

Documents go through the same entity and metadata extraction as ingest
(``with_entities``) into a real index on every engine; the CLI, the JSON API and the
page run over a home ingested from PDFs made here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from diarium.cli import main
from diarium.corpus.model import Document, Metadata, Page, Provenance
from diarium.extractors.document import with_entities
from diarium.index import ENGINES, open_index
from diarium.index.base import UNDATED, SearchIndex, SearchRequest

# name → pages. Each writes its facts the way a registry prints them.
DOCS = {
    "ks_protocol": [
        "ÖSTERSUNDS KOMMUN\nPROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2024-03-05\n"
        "Beslutande: Anna Rosén (S), ordförande; Erik Holm (M)\n"
        "§ 46 Val av justerare\nErik Holm utses att justera protokollet.\n",
        "§ 47 Detaljplan för Lugnvik 3:12\nDnr KS-2023-00871\n"
        "Kommunstyrelsen beslutar att detaljplanen för Lugnvik godkänns för granskning.\n"
        "§ 48 Motion om gatubelysning\nDnr KS 2023/0544\nMotionen besvaras.\n",
    ],
    "kf_protocol": [
        "ÖSTERSUNDS KOMMUN\nPROTOKOLL\nKommunfullmäktige\nSammanträdesdatum 2024-03-14\n"
        "Beslutande: Per Strand (S), ordförande\n"
        "§ 12 Budget för 2025\nDnr KS 2023/0412\nKommunfullmäktige fastställer budgeten.\n",
        "§ 47 Motion om cykelvägar\nDnr KS 2023/0611\nMotionen avslås. Cykelvägar byggs ändå.\n",
    ],
    "kfn_report": [
        "SOLLENTUNA KOMMUN\nKultur- och fritidsnämnden\nTJÄNSTEUTLÅTANDE\nDatum 2023-09-14\n"
        "Diarienummer KFN 2023/0412\nInriktningsbeslut om ny simhall\n"
        "Enligt kommunstyrelsens beslut § 47 ska förvaltningen utreda en simhall med 47 "
        "parkeringsplatser.\n",
    ],
    "bn_compact": [
        "Byggnadsnämnden\nBESLUT\nDatum 2021-05-10\nDnr BN21-118\n"
        "Bygglov för förråd på fastigheten Lugnvik 4:1.\nHandläggare: Søren Müller\n",
    ],
    "bn_dotted": [
        "Byggnadsnämnden\nBESLUT\nDatum 2019-04-02\nDnr BN.2019.45\n"
        "Strandskyddsdispens för brygga vid Storsjön.\n",
    ],
    "ks_1946": [
        "Kommunstyrelsen\nPROTOKOLL\nSammanträdesdatum 1946-05-02\nDnr Ks 45/120\n"
        "Vattenledning till Lugnvik byggs under sommaren.\n",
    ],
    "undated_notes": [
        "Minnesanteckningar\nArbetsgrupp för skolskjuts\n"
        "Skolskjuts till Lugnviks skola diskuterades. Familjen får bidrag till resan.\n",
    ],
    "far_letter": ["Brev\nDatum 2022-02-01\nFar och son ansöker om bygglov för ett förråd.\n"],
}


def _doc(name: str, pages: list[str]) -> Document:
    doc = Document(
        id=(name * 64)[:64],
        source=f"/in/{name}.pdf",
        filename=f"{name}.pdf",
        pages=[Page(n, text, text) for n, text in enumerate(pages, start=1)],
        metadata=Metadata(),
        provenance=Provenance("test", "2024-01-01T00:00:00"),
    )
    return with_entities(doc)


@pytest.fixture(scope="module", params=ENGINES)
def index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    ix = open_index(tmp_path_factory.mktemp("ix") / "ix", request.param)
    with ix.writer() as writer:
        for name, pages in DOCS.items():
            writer.add_document(_doc(name, pages))
    return ix


def _names(ix: SearchIndex, query: str, **kwargs: object) -> list[str]:
    result = ix.search(SearchRequest(query, limit=20, **kwargs))  # type: ignore[arg-type]
    return [h.filename.removesuffix(".pdf") for h in result.hits]


# --- case numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ks 2023 871", "ks_protocol"),
        ("ks2023/871", "ks_protocol"),
        ("KS 2023 - 871", "ks_protocol"),
        ("ks-2023-00871", "ks_protocol"),
        ("KFN 2023 / 412", "kfn_report"),
        ("kfn 2023-412", "kfn_report"),
        ("bn 2021/118", "bn_compact"),
        ("BN21-118", "bn_compact"),
        ("bn 21-118", "bn_compact"),
        ("bn 2019/45", "bn_dotted"),
        ("BN.2019.45", "bn_dotted"),
        ("ks 1945/120", "ks_1946"),
    ],
)
def test_a_case_number_in_any_typing_finds_its_document_first(
    index: SearchIndex, typed: str, expected: str
) -> None:
    assert _names(index, typed)[0] == expected


def test_two_digit_years_take_the_documents_own_century(index: SearchIndex) -> None:
    """"Ks 45/120" in a 1946 minute is of 1945, so the 2045 reading finds nothing."""
    assert _names(index, "", dnr="ks 2045/120") == []
    assert _names(index, "", dnr="Ks 45/120") == ["ks_1946"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("detaljplan ks 2023 871", ["ks_protocol"]),
        ("Lugnvik KS 2023/871", ["ks_protocol"]),
        ("simhall KFN 2023 / 412", ["kfn_report"]),
        # The number's document does not hold the word: nothing, not a looser match.
        ("cykelvägar ks 2023 871", []),
    ],
)
def test_a_case_number_inside_a_longer_query_is_looked_up_by_its_key(
    index: SearchIndex, typed: str, expected: list[str]
) -> None:
    assert _names(index, typed) == expected


def test_a_case_number_query_never_gets_a_spelling_suggestion(index: SearchIndex) -> None:
    for typed in ["ks 2023 999", "KS § 999", "detaljplan ks 2023 999"]:
        result = index.search(SearchRequest(typed))
        assert result.total == 0 and result.suggestion is None, typed


# --- paragraph citations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected", "page"),
    [
        ("KS § 47", "ks_protocol", 2),
        ("kommunstyrelsen § 47", "ks_protocol", 2),
        ("KF § 47", "kf_protocol", 2),
        ("Kommunfullmäktige § 47", "kf_protocol", 2),
        ("KF 2024-03-14 § 12", "kf_protocol", 1),
        ("KS 2024-03-05 § 47", "ks_protocol", 2),
        ("§ 46 2024", "ks_protocol", 1),
        ("§ 12 2024", "kf_protocol", 1),
    ],
)
def test_a_cited_paragraph_finds_its_page_first(
    index: SearchIndex, typed: str, expected: str, page: int
) -> None:
    hits = index.search(SearchRequest(typed, limit=10)).hits
    assert (hits[0].filename, hits[0].page) == (f"{expected}.pdf", page)


def test_a_bare_paragraph_ranks_paragraphs_above_mentions(index: SearchIndex) -> None:
    """Both protocols head a § 47; the report only cites one and writes the number."""
    names = _names(index, "§ 47")
    assert set(names[:2]) == {"ks_protocol", "kf_protocol"}
    assert "kfn_report" in names[2:]


# --- folding -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Rosen", ["ks_protocol"]),
        ("Rosén", ["ks_protocol"]),
        ('"Anna Rosen"', ["ks_protocol"]),
        # The name on page 1, the word on page 2: the people of a document hold on
        # every page, typed with or without the accent.
        ("Rosen detaljplan", ["ks_protocol"]),
        ("Rosen AND detaljplan", ["ks_protocol"]),
        ("person:Rosen", ["ks_protocol"]),
        ("Soren Muller", ["bn_compact"]),
        ("Muller forrad", ["bn_compact"]),
        ("Storsjon", ["bn_dotted"]),
    ],
)
def test_names_typed_without_accents_find_them_alone_and_with_other_words(
    index: SearchIndex, typed: str, expected: list[str]
) -> None:
    assert _names(index, typed) == expected


def test_swedish_letters_typed_stay_distinct(index: SearchIndex) -> None:
    assert _names(index, "får") == ["undated_notes"]
    assert set(_names(index, "far")) == {"undated_notes", "far_letter"}


def test_a_folded_query_counts_the_accented_name_in_its_facet(index: SearchIndex) -> None:
    result = index.search(SearchRequest("Rosen", facets=True, filters={"person": ["Anna Rosén"]}))
    assert result.total == 1
    assert result.facets["person"].get("Anna Rosén") == 1


# --- organ, undated documents, sort --------------------------------------------------


def test_the_organ_facet_counts_the_deciding_body_not_every_mention(index: SearchIndex) -> None:
    result = index.search(SearchRequest("", facets=True, filters={"organ": ["Kommunstyrelsen"]}))
    assert {h.filename for h in result.hits} == {"ks_protocol.pdf", "ks_1946.pdf"}
    # The report names Kommunstyrelsen ("kommunstyrelsens beslut") but did not decide.
    mentioned = index.search(SearchRequest("simhall", facets=True))
    assert "Kommunstyrelsen" not in mentioned.facets["organ"]
    assert mentioned.facets["organ"] == {"Kultur- och fritidsnämnden": 1}


def test_undated_documents_have_a_year_bucket(index: SearchIndex) -> None:
    result = index.search(SearchRequest("skolskjuts OR Lugnvik", facets=True))
    assert result.facets["year"][UNDATED] == 1
    undated = index.search(SearchRequest("Lugnvik", filters={"year": [UNDATED]}))
    assert [h.filename for h in undated.hits] == ["undated_notes.pdf"]


@pytest.mark.parametrize("sort", ["-date", "date"])
def test_sorting_by_date_puts_undated_last(index: SearchIndex, sort: str) -> None:
    hits = index.search(SearchRequest("Lugnvik", limit=10, sort=sort)).hits
    dates = [h.document_date for h in hits]
    expected = ["2024-03-05", "2021-05-10", "1946-05-02"]
    assert dates == [*(expected if sort == "-date" else expected[::-1]), None]


# --- CLI, API and page over an ingested home ------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support.web_support import text_pdf

    inbox = tmp_path_factory.mktemp("inbox")
    for name in ("ks_protocol", "kfn_report", "undated_notes", "bn_compact"):
        text_pdf(inbox / f"{name}.pdf", [page.splitlines() for page in DOCS[name]])
    home = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(main, ["ingest", "--home", str(home), str(inbox)])
    assert result.exit_code == 0, result.output
    return home


def _cli(home: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["search", "--home", str(home), *args])
    return result.exit_code, result.output


def test_cli_organ_filter_sort_and_undated_note(home: Path) -> None:
    code, out = _cli(home, "--json", "--organ", "Kommunstyrelsen", "Lugnvik")
    assert code == 0
    assert [h["filename"] for h in json.loads(out)["hits"]] == ["ks_protocol.pdf"]
    code, out = _cli(home, "--json", "--sort", "-date", "Lugnvik")
    assert [h["document_date"] for h in json.loads(out)["hits"]] == [
        "2024-03-05",
        "2021-05-10",
        None,
    ]
    code, out = _cli(home, "--year", "2024", "Lugnvik")
    assert "1 undated document(s) also match" in out
    code, out = _cli(home, "--json", "--from", "2020-01-01", "Lugnvik")
    assert json.loads(out)["undated_left_out"] == 1
    code, out = _cli(home, "--json", "Lugnvik")
    assert "undated_left_out" not in json.loads(out)


def test_api_and_page_take_organ_and_sort(home: Path) -> None:
    from fastapi.testclient import TestClient

    from diarium.ingest.home import Home
    from diarium.web.server import create_app

    with TestClient(create_app(Home(home)), base_url="http://localhost") as client:
        answer = client.get("/api/search", params={"q": "Lugnvik", "organ": "Kommunstyrelsen"})
        assert answer.status_code == 200
        assert [h["filename"] for h in answer.json()["hits"]] == ["ks_protocol.pdf"]
        answer = client.get("/api/search", params={"q": "Lugnvik", "sort": "date"})
        assert [h["document_date"] for h in answer.json()["hits"]] == [
            "2021-05-10",
            "2024-03-05",
            None,
        ]
        wrong = client.get("/api/search", params={"q": "x", "sort": "size"})
        assert wrong.status_code == 400 and "sort" in wrong.json()["error"]
        page = client.get("/", params={"q": "Lugnvik", "year": "2024", "sort": "-date"})
        assert page.status_code == 200
        html = page.text
        assert '<option value="-date" selected>' in html
        # Facet names are h3 under the hidden "Filter" h2 (the hits' h3 sit under "Träffar").
        assert '">Organ</h3>' in html and '">Nämns</h3>' in html
        assert "1 dokument utan datum matchar också" in html
        assert f'<span class="value">{UNDATED}</span>' in html


def test_an_index_of_the_previous_schema_asks_for_a_reindex(
    home: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The organ facet and the paragraph keys changed the index: a home indexed by the
    version before says what to run, and the rebuild from the corpus answers again."""
    import shutil

    from diarium.index import MARKER
    from diarium.index.schema import SCHEMA_VERSION

    old = tmp_path_factory.mktemp("old") / "home"
    shutil.copytree(home, old)
    marker = next(old.rglob(MARKER))
    state = json.loads(marker.read_text())
    marker.write_text(json.dumps({**state, "schema_version": SCHEMA_VERSION - 1}))
    code, out = _cli(old, "Lugnvik")
    assert code == 4 and "diarium reindex" in out, out
    assert CliRunner().invoke(main, ["reindex", "--home", str(old)]).exit_code == 0
    code, out = _cli(old, "--json", "KS § 47")
    assert code == 0 and json.loads(out)["hits"][0]["filename"] == "ks_protocol.pdf"


def test_sorted_by_date_each_document_shows_the_page_its_words_are_on(index: SearchIndex) -> None:
    """The KS protocol's pages tie on date; "detaljplan" is on its second page."""
    (hit,) = index.search(SearchRequest("detaljplan", sort="-date")).hits
    assert (hit.filename, hit.page) == ("ks_protocol.pdf", 2)
    assert "[[" in hit.snippet


def test_case_numbers_joined_by_or_find_either(index: SearchIndex) -> None:
    assert set(_names(index, "ks 2023 871 OR BN21-118")) == {"ks_protocol", "bn_compact"}
    hit = index.search(SearchRequest("detaljplan ks 2023 871")).hits[0]
    assert "[[KS-2023-00871]]" in hit.snippet
