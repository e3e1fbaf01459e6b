"""What the web tests share: a home of the corpus's text PDFs, the samples, two PDFs made
here (one whose text holds HTML, one whose words sit on its third page only) and the
documents of one case (``case_material.py``), and
a real ``diarium serve`` on a free port of 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from diarium.cli import main
from tests.support.case_material import write_case_documents
from tests.support.paths import SAMPLES

HOSTILE_TEXT = [
    "Beslut om skyltning vid Ekbackens skola",
    'Ansökan innehöll texten <script>window.xssRan = 1</script> i rubriken.',
    'Bilagan hade <img src=x onerror="window.xssRan = 2"> som bildtext.',
    "Dnr BUN 2024/0777",
]
THIRD_PAGE_WORD = "Lingonbackens"
PAGED_TEXT = [
    ["Tjänsteutlåtande om lokalförsörjning", "Dnr SBN 2023/0555", "Bakgrund och förslag."],
    ["Ekonomiska konsekvenser", "Investeringen ryms i budgeten för 2024."],
    [f"{THIRD_PAGE_WORD} förskola byggs om under hösten.", "Förvaltningens synpunkter."],
]


def text_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A born-digital PDF (fpdf2, a core font), one list of lines per page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def build_home(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    inbox = tmp_path_factory.mktemp("web-inbox")
    for pdf in [*sorted((corpus / "text").glob("*.pdf")), *SAMPLES.glob("*.pdf")]:
        shutil.copy(pdf, inbox / pdf.name)
    text_pdf(inbox / "hostile.pdf", [HOSTILE_TEXT])
    text_pdf(inbox / "third_page.pdf", PAGED_TEXT)
    write_case_documents(inbox)
    home = tmp_path_factory.mktemp("web-home")
    result = CliRunner().invoke(main, ["ingest", "--home", str(home), str(inbox)])
    assert result.exit_code == 0, result.output
    return home


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    home: Path
    process: subprocess.Popen[bytes]


def start_server(home: Path, *options: str) -> Iterator[Server]:
    """``diarium serve`` (with ``options``) in its own process; stopped (by its pid)
    after the tests."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "diarium", "serve", "--home", str(home), "--port", str(port),
         *options],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            # The stylesheet answers whether or not the home has accounts.
            if httpx.get(f"{url}/static/style.css", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = process.communicate()[0].decode(errors="replace")
            pytest.fail(f"diarium serve did not come up on {url}:\n{output}")
        time.sleep(0.2)
    try:
        yield Server(url, home, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def web_home(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    return build_home(tmp_path_factory, corpus_dir)
