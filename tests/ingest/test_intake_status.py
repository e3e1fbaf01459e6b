"""``diarium status`` and the intake page: what an ingest took in today and what failed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from diarium.cli import main
from diarium.ingest.home import Home
from diarium.web.server import create_app


def test_status_and_intake_page_list_today(tmp_path: Path, samples_dir: Path) -> None:
    inbox, home = tmp_path / "inbox", tmp_path / "home"
    inbox.mkdir()
    shutil.copy(samples_dir / "protokollsutdrag_detaljplan.pdf", inbox / "protokoll.pdf")
    (inbox / "trasig.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n")
    (inbox / "Thumbs.db").write_bytes(b"\0")
    run = CliRunner().invoke(main, ["ingest", "--home", str(home), str(inbox)])
    assert run.exit_code == 1, run.output

    text = CliRunner().invoke(main, ["status", "--home", str(home)])
    assert text.exit_code == 0
    assert "Watcher: not running" in text.output
    assert "Ingested today" in text.output and "protokoll.pdf" in text.output
    assert "FAILED" in text.output and "trasig.pdf" in text.output
    assert "Thumbs.db" not in text.output  # another kind of file: counted, not logged

    data = json.loads(CliRunner().invoke(main, ["status", "--home", str(home), "--json"]).output)
    assert [Path(r["path"]).name for r in data["ingested_today"]] == ["protokoll.pdf"]
    assert [Path(r["path"]).name for r in data["failed_today"]] == ["trasig.pdf"]
    assert data["failed_today"][0]["reason"] and data["queued"] == []

    with TestClient(create_app(Home(home)), base_url="http://localhost") as client:
        page = client.get("/intake")
        api = client.get("/api/intake").json()
    assert page.status_code == 200
    assert "protokoll.pdf" in page.text and "trasig.pdf" in page.text
    assert data["failed_today"][0]["reason"] in page.text.replace("&#39;", "'")
    assert api["failed_today"] == data["failed_today"]
