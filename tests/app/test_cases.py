"""``diarium case`` and ``/api/cases``: a case's documents in date order, from a real
ingest of the case material and the samples (one of which holds KFN 2023/0412, the same
year and serial in another body's series)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from diarium.app.cases import case_key, same_case
from diarium.cli import main
from diarium.ingest.home import Home
from diarium.web.server import create_app
from tests.support.case_material import CASE_KEY, CASE_ORDER, CASE_PRINTED, OLD_CASE_PRINTED
from tests.support.paths import SAMPLES


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support.case_material import write_case_documents

    inbox = tmp_path_factory.mktemp("case-inbox")
    write_case_documents(inbox)
    for pdf in SAMPLES.glob("*.pdf"):
        shutil.copy(pdf, inbox / pdf.name)
    root = tmp_path_factory.mktemp("case-home")
    result = CliRunner().invoke(main, ["ingest", "--home", str(root), str(inbox)])
    assert result.exit_code == 0, result.output
    return root


def test_case_keys() -> None:
    assert case_key("KS 2023/0412") == case_key("ks-2023-412") == "KS-2023-412"
    assert case_key("Dnr KS 2022/960.103") == "KS-2022-960.103"
    assert case_key("beslut") is None
    assert same_case("KS-2022-960.103", "KS-2022-960")
    assert same_case("2023-412", "KS-2023-412")
    assert not same_case("KFN-2023-412", "KS-2023-412")


def test_cli_lists_the_case_in_date_order(home: Path) -> None:
    result = CliRunner().invoke(main, ["case", "--home", str(home), "ks 2023/412", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["key"] == CASE_KEY and found["printed"] == CASE_PRINTED
    docs = found["documents"]
    assert [d["filename"] for d in docs] == CASE_ORDER
    assert [d["paragraph"] for d in docs] == [None, 87, 198, 152]
    assert [d["organ"] for d in docs][1:] == [
        "Kommunstyrelsens arbetsutskott",
        "Kommunstyrelsen",
        "Kommunfullmäktige",
    ]
    assert docs[3]["decision"] == (
        "Kommunfullmäktige beslutar att anta ny taxa för bygglov från den 1 januari 2024."
    )
    assert all(d["printed"] == CASE_PRINTED for d in docs)
    text = CliRunner().invoke(main, ["case", "--home", str(home), CASE_KEY]).output
    assert text.startswith(f"Case {CASE_PRINTED} ({CASE_KEY}): 4 document(s)")
    assert "§ 198" in text


def test_cli_errors(home: Path) -> None:
    runner = CliRunner()
    not_a_number = runner.invoke(main, ["case", "--home", str(home), "bygglov"])
    assert not_a_number.exit_code == 2
    assert "is not a case number" in not_a_number.output
    unknown = runner.invoke(main, ["case", "--home", str(home), "KS 2019/1"])
    assert unknown.exit_code == 1 and "KS-2019-1" in unknown.output


def test_api_and_page(home: Path) -> None:
    with TestClient(create_app(Home(home)), base_url="http://localhost") as client:
        # The old case: its decision, then the tjänsteskrivelse that mentions it (a
        # document holding the number, though its own case is another).
        api = client.get(f"/api/cases/{OLD_CASE_PRINTED}").json()
        docs = [(d["filename"], d["own"]) for d in api["documents"]]
        assert docs == [("kf_protokoll_2020-12-08.pdf", True), ("tjansteskrivelse_taxa.pdf", False)]
        assert client.get("/api/cases/KS 2019/1").status_code == 404
        page = client.get(f"/arende/{CASE_KEY}")
        assert page.status_code == 200 and f"<h1>Ärende {CASE_PRINTED}</h1>" in page.text
        missing = client.get("/arende/KS-2019-1")
        assert missing.status_code == 404
        assert "Inget dokument i arkivet har diarienumret KS-2019-1" in missing.text
