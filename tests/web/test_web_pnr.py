"""Identity numbers never leave through the web: the JSON API, the search page and the
document page show them masked, and the original PDF of a document holding them is not
served (its own text cannot be masked). Real server app in-process, real PDF, real index."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from diarium.cli import main
from diarium.corpus.store import CorpusStore
from diarium.ingest.home import Home
from diarium.web.server import create_app
from tests.commands.test_pnr_cli import APPLICANT, CHILD, _clear_numbers, _pdf


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, str]:
    inbox = tmp_path_factory.mktemp("inbox")
    _pdf(inbox / "beslut_bistand.pdf")
    root = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(main, ["ingest", "--home", str(root), str(inbox)])
    assert result.exit_code == 0, result.output
    doc_id = next(iter(CorpusStore(Home(root).corpus_dir).ids()))
    with TestClient(create_app(Home(root)), base_url="http://localhost") as client:
        yield client, doc_id


def test_api_and_pages_show_no_identity_number(served: tuple[TestClient, str]) -> None:
    client, doc_id = served
    responses = [
        client.get("/api/search", params={"q": "bistånd"}),
        client.get("/api/search", params={"q": "Berg", "facets": "true"}),
        client.get(f"/api/documents/{doc_id}"),
        client.get("/", params={"q": "bistånd"}),
        client.get(f"/doc/{doc_id}"),
    ]
    for response in responses:
        assert response.status_code == 200, response.text
        assert _clear_numbers(response.text) == [], response.url
    # The masked form keeps the birth date, so the archivist can tell people apart.
    assert APPLICANT[:-4] + "****" in client.get(f"/doc/{doc_id}").text


@pytest.mark.parametrize("digits", [APPLICANT, APPLICANT[-4:], CHILD.replace("-", "")])
def test_digits_of_a_number_find_nothing_over_the_api(
    served: tuple[TestClient, str], digits: str
) -> None:
    client, _ = served
    found = client.get("/api/search", params={"q": digits}).json()
    assert found["total"] == 0


def test_original_pdf_holding_numbers_is_refused(served: tuple[TestClient, str]) -> None:
    client, doc_id = served
    response = client.get(f"/doc/{doc_id}/pdf")
    assert response.status_code == 403
    # In Swedish, saying where the text is and whom to ask; no CLI command on a web page.
    assert "innehåller personnummer" in response.text
    assert "diarium show" not in response.text and "--unmasked" not in response.text
    # The document page links no PDF that would end in that refusal.
    page = client.get(f"/doc/{doc_id}").text
    assert f"/doc/{doc_id}/pdf" not in page
    assert "Originalfilen (PDF) visas inte" in page
