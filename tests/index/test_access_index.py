"""The one hidden filter for restricted documents, on both engines: a reader's search
leaves them out of hits, totals and facet counts for every kind of query (word, words
ANDed on a page, phrase, case number, filters alone, browse), and an officer's search
is the search without the filter. Real PDFs, real tantivy and Whoosh indexes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diarium.app.access import Viewer
from diarium.app.search import SearchQuery, search
from diarium.ingest.home import Home
from tests.support.auth_support import cli
from tests.support.web_support import text_pdf

READER = Viewer("rita", "reader")
OFFICER = Viewer("olle", "officer")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inbox = tmp_path_factory.mktemp("access-inbox")
    for n, (title, date, dnr) in enumerate(
        [
            ("Beslut om bygglov för förskola", "2023-05-02", "BN 2023/0011"),
            ("Beslut om bygglov för skola", "2024-06-03", "BN 2024/0012"),
            ("Beslut om bygglov för skyddat boende", "2024-07-04", "SN 2024/0013"),
        ]
    ):
        text_pdf(inbox / f"d{n}.pdf", [[title, f"Datum {date}", f"Dnr {dnr}",
                                        "Nämnden beviljar ansökan om bygglov."]])
    root = tmp_path_factory.mktemp("access-home")
    cli("ingest", "--home", str(root), str(inbox))
    cli("classify", "SN 2024/0013", "--restricted", "--reason", "OSL 26:1", "--home", str(root))
    return root


QUERIES = [
    SearchQuery(text="bygglov", facets=True),
    SearchQuery(text="beviljar ansökan bygglov", facets=True),
    SearchQuery(text='"skyddat boende"', facets=True),
    SearchQuery(text="SN 2024/13", facets=True),
    SearchQuery(dnr="SN 2024/0013", facets=True),
    SearchQuery(filters={"year": ["2024"]}, facets=True),
    SearchQuery(date_from="2000-01-01", facets=True),
    SearchQuery(text="bygg*", facets=True),
]


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_readers_search_without_restricted_documents(home: Path, engine: str) -> None:
    cli("reindex", "--home", str(home), "--engine", engine)
    h = Home(home)
    secret = json.loads(cli("show", "SN 2024/0013", "--home", str(home), "--json"))["id"]
    for query in QUERIES:
        officer = search(h, query, viewer=OFFICER)
        reader = search(h, query, viewer=READER)
        assert any(hit.id.startswith(secret) for hit in officer.hits), query
        assert all(hit.restricted == hit.id.startswith(secret) for hit in officer.hits)
        assert not any(hit.id.startswith(secret) for hit in reader.hits), query
        assert reader.total == officer.total - 1, (engine, query)
        for name, counts in officer.facets.items():
            assert sum(reader.facets[name].values()) < sum(counts.values()) or not counts, name
        assert reader.facets.get("year", {}).get("2024", 0) == officer.facets["year"]["2024"] - 1
        # The command line (no viewer) sees everything, as before.
        assert search(h, query).total == officer.total
