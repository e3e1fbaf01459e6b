"""The JSON API and the pages in-process (FastAPI's TestClient), over a home ingested
from the in-repository corpus's text PDFs, the samples and two PDFs made for these tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_support import THIRD_PAGE_WORD, web_home  # noqa: F401 - fixture

from diarium.app import disclosure
from diarium.cli import main
from diarium.ingest.home import Home
from diarium.web.server import create_app

KS_960 = "huddinge_ks_samverkan.pdf"


@pytest.fixture(scope="module")
def client(web_home: Path) -> TestClient:  # noqa: F811
    with TestClient(create_app(Home(web_home)), base_url="http://localhost") as c:
        yield c


def cli_json(*args: str) -> object:
    """The CLI's JSON less the server paths it prints (``source``, ``home``), which
    the web never sends."""
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for item in data if isinstance(data, list) else [data]:
        item.pop("source", None)
        item.pop("home", None)
        for hit in item.get("hits", []):
            hit.pop("source")
    return data


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ks 2022/960"},
        {"q": "KS-2022/960.103"},
        {"dnr": "2022/960"},
        {"q": "samverkansöverenskommelse"},
        {"q": "beslut", "year": ["2021", "2024"]},
        {"q": "beslut", "type": "tjänsteutlåtande", "from": "2022-01-01"},
        {"q": "simhallen"},
    ],
)
def test_search_api_answers_as_the_cli(
    client: TestClient, web_home: Path, params: dict  # noqa: F811
) -> None:
    """The same JSON as `diarium search --json` with the same query and filters."""
    args = ["search", "--home", str(web_home)]
    for key, value in params.items():
        for v in value if isinstance(value, list) else [value]:
            args += [v] if key == "q" else [f"--{key}", v]
    response = client.get("/api/search", params=params)
    assert response.status_code == 200
    assert response.json() == cli_json(*args)


def test_case_number_finds_its_decision_first(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "ks 2022/960"}).json()
    assert body["hits"][0]["filename"] == KS_960
    assert "[[KS-2022/960.103]]" in body["hits"][0]["snippet"]


def test_pagination_continues_the_list(client: TestClient) -> None:
    whole = client.get("/api/search", params={"q": "kommun", "limit": 6}).json()
    assert whole["total"] >= 6
    first = client.get("/api/search", params={"q": "kommun", "limit": 3}).json()
    second = client.get("/api/search", params={"q": "kommun", "limit": 3, "offset": 3}).json()
    ids = [h["id"] for h in whole["hits"]]
    assert [h["id"] for h in first["hits"] + second["hits"]] == ids
    assert second["total"] == whole["total"]


def test_filter_narrows_and_facets_ignore_their_own_filter(client: TestClient) -> None:
    wide = client.get("/api/search", params={"q": "beslut"}).json()
    narrow = client.get("/api/search", params={"q": "beslut", "year": "2021"}).json()
    assert narrow["total"] == wide["facets"]["year"]["2021"] < wide["total"]
    assert narrow["facets"]["year"] == wide["facets"]["year"]


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({}, 400, "give a query"),
        ({"q": "beslut", "from": "2022-13-01"}, 400, "ISO date"),
        ({"q": "beslut", "year": "tjugo"}, 400, "four digits"),
        ({"q": "beslut", "limit": "many"}, 400, "limit"),
        ({"q": "beslut", "limit": "1000"}, 400, "limit"),
    ],
)
def test_bad_queries_are_400_with_a_reason(
    client: TestClient, params: dict, status: int, words: str
) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_document_by_case_number_and_by_id(client: TestClient, web_home: Path) -> None:  # noqa: F811
    by_dnr = client.get("/api/documents/KS-2022/960.103")
    assert by_dnr.status_code == 200
    doc = by_dnr.json()
    assert doc["filename"] == KS_960
    assert doc == cli_json("show", "--home", str(web_home), "KS-2022/960.103")
    assert client.get(f"/api/documents/{doc['id']}").json()["id"] == doc["id"]
    assert client.get(f"/api/documents/{doc['id'][:10]}").json()["id"] == doc["id"]


@pytest.mark.parametrize("ref", ["nothing-here", "KS-1999/1", "abcdef0123"])
def test_unknown_document_is_404(client: TestClient, ref: str) -> None:
    response = client.get(f"/api/documents/{ref}")
    assert response.status_code == 404
    assert ref in response.json()["error"]


def test_stats_as_the_cli(client: TestClient, web_home: Path) -> None:  # noqa: F811
    assert client.get("/api/stats").json() == cli_json("stats", "--home", str(web_home))


def test_no_index_is_503(tmp_path: Path) -> None:
    with TestClient(create_app(Home(tmp_path / "empty")), base_url="http://localhost") as empty:
        response = empty.get("/api/search", params={"q": "beslut"})
        assert response.status_code == 503
        assert "diarium ingest" in response.json()["error"]
        assert empty.get("/", params={"q": "beslut"}).status_code == 503


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/search", "/api/stats", "/api/documents/{ref}"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "dnr", "year", "type", "municipality", "body", "person", "from", "to"} <= names


def test_search_page_marks_after_escaping(client: TestClient) -> None:
    page = client.get("/", params={"q": "bildtext"})
    assert page.status_code == 200
    assert "&lt;img src=x onerror=" in page.text
    assert "<img src=x" not in page.text
    assert "<mark>bildtext</mark>" in page.text


def test_document_page_opens_the_hit_page(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": THIRD_PAGE_WORD}).json()["hits"][0]
    assert hit["page"] == 3
    page = client.get(f"/doc/{hit['id']}", params={"q": THIRD_PAGE_WORD, "hit": 3})
    assert page.status_code == 200
    assert '<details id="page-3" class="page" open>' in page.text
    assert '<details id="page-1" class="page">' in page.text
    assert f"<mark>{THIRD_PAGE_WORD}</mark>" in page.text


def test_pdf_is_served_by_id_only(client: TestClient, web_home: Path) -> None:  # noqa: F811
    doc = client.get("/api/documents/KS-2022/960.103").json()
    pdf = client.get(f"/doc/{doc['id']}/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert "source" not in doc  # no server path leaves the server
    stored = json.loads(
        CliRunner().invoke(main, ["show", "--home", str(web_home), doc["id"], "--json"]).output
    )
    assert pdf.content == Path(stored["source"]).read_bytes()
    for bad in ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", doc["id"][:20]]:
        assert client.get(f"/doc/{bad}/pdf").status_code == 404


def test_pdf_gone_from_the_archive_is_404_with_a_reason(
    tmp_path_factory: pytest.TempPathFactory, web_home: Path  # noqa: F811
) -> None:
    from web_support import text_pdf

    inbox = tmp_path_factory.mktemp("moving")
    pdf = text_pdf(inbox / "flyttad.pdf", [["Beslut om flytt av arkivet", "Dnr KS 2020/0001"]])
    home = tmp_path_factory.mktemp("moving-home")
    assert CliRunner().invoke(main, ["ingest", "--home", str(home), str(inbox)]).exit_code == 0
    with TestClient(create_app(Home(home)), base_url="http://localhost") as c:
        doc = c.get("/api/documents/KS 2020/0001").json()
        assert c.get(f"/doc/{doc['id']}/pdf").status_code == 200
        pdf.unlink()
        gone = c.get(f"/doc/{doc['id']}/pdf")
        assert gone.status_code == 404
        assert "finns inte längre" in gone.text and "flyttad.pdf" in gone.text
        text_pdf(pdf, [["Ett annat dokument"]])
        assert "inte längre samma PDF" in c.get(f"/doc/{doc['id']}/pdf").text


def test_text_leaves_through_the_disclosure_gate(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Search hits, facets, pages and document JSON all pass `public_text`: a stand-in
    masking (upper case) shows up everywhere text leaves."""
    monkeypatch.setattr(disclosure, "public_text", lambda text: text.upper())
    hit = client.get("/api/search", params={"q": "ks 2022/960"}).json()["hits"][0]
    assert hit["title"] == hit["title"].upper() and hit["snippet"] == hit["snippet"].upper()
    doc = client.get(f"/api/documents/{hit['id']}").json()
    assert all(p["text"] == p["text"].upper() for p in doc["pages"])
    assert all(e["value"] == e["value"].upper() for e in doc["entities"])
    page = client.get(f"/doc/{hit['id']}").text
    assert "SAMVERKANSÖVERENSKOMMELSE" in page and "Samverkansöverenskommelse" not in page


def test_index_rebuilt_by_another_process_is_picked_up(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A server keeps its index open; `diarium reindex` swaps in a new one and a later
    ingest commits more documents: the server answers from the current index each time."""
    from web_support import text_pdf

    inbox = tmp_path_factory.mktemp("live")
    text_pdf(inbox / "a.pdf", [["Beslut om gatubelysning", "Dnr TN 2021/0100"]])
    home = tmp_path_factory.mktemp("live-home")
    assert CliRunner().invoke(main, ["ingest", "--home", str(home), str(inbox)]).exit_code == 0
    with TestClient(create_app(Home(home)), base_url="http://localhost") as c:
        assert c.get("/api/search", params={"q": "gatubelysning"}).json()["total"] == 1
        result = CliRunner().invoke(main, ["reindex", "--home", str(home)])
        assert result.exit_code == 0, result.output
        assert c.get("/api/search", params={"q": "gatubelysning"}).json()["total"] == 1
        more = tmp_path_factory.mktemp("live-more")
        text_pdf(more / "b.pdf", [["Beslut om gatubelysning i centrum", "Dnr TN 2021/0200"]])
        assert CliRunner().invoke(main, ["ingest", "--home", str(home), str(more)]).exit_code == 0
        assert c.get("/api/search", params={"q": "gatubelysning"}).json()["total"] == 2


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_one_open_index_serves_concurrent_searches(
    tmp_path_factory: pytest.TempPathFactory, web_home: Path, engine: str  # noqa: F811
) -> None:
    """Eight threads searching one open index get the answers one thread gets (tantivy
    shares its searcher; Whoosh searches are serialized by the handle)."""
    from concurrent.futures import ThreadPoolExecutor

    from diarium.app.indexes import IndexHandle
    from diarium.app.search import SearchQuery, search

    home = tmp_path_factory.mktemp(f"threads-{engine}") / "home"
    shutil.copytree(web_home, home)
    result = CliRunner().invoke(main, ["reindex", "--home", str(home), "--engine", engine])
    assert result.exit_code == 0, result.output
    queries = ["beslut", "ks 2022/960", "kommunstyrelsen", '"Kungens kurva"', "förskola"] * 8
    handle = IndexHandle(Home(home))

    def run(text: str) -> dict:
        return search(Home(home), SearchQuery(text=text, facets=True), handle).to_dict()

    alone = [run(q) for q in queries]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(run, queries))
    assert together == alone
    assert handle.index().engine == engine


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("q=kommun&page=0", 400),
        ("q=kommun&page=x", 400),
        ("q=kommun&per=3&page=200", 400),
        ("q=kommun&per=500", 400),
        ("q=kommun&per=3&page=2", 200),
        ("q=beslut&from=igår", 400),
    ],
)
def test_search_page_refuses_bad_parameters(client: TestClient, query: str, status: int) -> None:
    response = client.get(f"/?{query}")
    assert response.status_code == status
    if status == 400:
        assert 'class="error"' in response.text


def test_an_estimated_total_is_shown_as_an_upper_bound(
    client: TestClient, web_home: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    """Past the exact limit, an AND of page words is counted on whole documents, an upper
    bound: the API flags it, the page and the CLI say "upp till" / "up to"."""
    import diarium.index.tantivy_engine as tantivy_engine

    exact = client.get("/api/search", params={"q": "kommun beslut"}).json()
    assert exact["total"] > 0 and "estimated" not in exact
    monkeypatch.setattr(tantivy_engine, "EXACT_PAGES", 0)
    counted = client.get("/api/search", params={"q": "kommun beslut"}).json()
    assert counted["estimated"] is True and counted["total"] >= exact["total"]
    page = client.get("/", params={"q": "kommun beslut"}).text
    assert f"upp till {counted['total']} dokument matchar" in page
    result = CliRunner().invoke(main, ["search", "--home", str(web_home), "kommun beslut"])
    assert f"up to {counted['total']} document(s) match" in result.output
