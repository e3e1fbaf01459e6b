"""Issue #30, each defect as a test named for it: identity numbers that leaked, a server
that trusted any Host, queries that were silently wrong, repairs that did not repair,
and the small ones (extract's /tmp, Ctrl-C after the summary, zero-page PDFs).

Real PDFs (the samples and PDFs made here with fpdf2), a real ``diarium serve``, real
tantivy and Whoosh, real processes killed with SIGKILL and SIGINT.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from diarium.cli import main
from tests.support.homes import copy_born_digital_samples, copy_of, ingest_text_pdfs, ingested
from tests.support.paths import SAMPLES
from tests.support.web_support import Server, start_server, text_pdf

PNR = "730514-2742"  # a valid personnummer (Luhn) in no real register
MASKED = "730514-****"
PNR_FILE = f"beslut_{PNR}.pdf"
PNR_TEXT = [
    "Beslut om försörjningsstöd",
    f"Sökande: Anna Andersson, personnummer {PNR}",
    "Socialnämnden beviljar ansökan.",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The born-digital samples and a decision whose file name and text hold an
    identity number, as archives name files after the person a decision is about."""
    folder = tmp_path_factory.mktemp("inbox")
    copy_born_digital_samples(folder)
    text_pdf(folder / PNR_FILE, [PNR_TEXT])
    return folder


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, inbox: Path) -> Path:
    return ingested(tmp_path_factory, sorted(inbox.glob("*.pdf")), "--ocr", "never")


@pytest.fixture
def home(tmp_path: Path, pristine: Path) -> Path:
    return copy_of(pristine, tmp_path)


def pnr_doc_id(home: Path) -> str:
    out = json.loads(run("search", "--home", str(home), "--json", "försörjningsstöd").output)
    return str(out["hits"][0]["id"])


# --- identity numbers -----------------------------------------------------------------


def test_pii_masks_identity_number_in_file_name(pristine: Path) -> None:
    text = run("pii", "--home", str(pristine))
    as_json = run("pii", "--home", str(pristine), "--json")
    for result in (text, as_json):
        assert result.exit_code == 0, result.output
        assert PNR not in result.output
        assert f"beslut_{MASKED}.pdf" in result.output
    assert json.loads(as_json.output)["items"][0]["filename"] == f"beslut_{MASKED}.pdf"


def test_ingest_json_masks_identity_number_in_path(tmp_path: Path, inbox: Path) -> None:
    result = run(
        "ingest", "--home", str(tmp_path / "h"), "--ocr", "never", "--json", str(inbox / PNR_FILE)
    )
    assert result.exit_code == 0, result.output
    assert PNR not in result.output
    files = json.loads(result.output)["files"]
    assert files[0]["path"].endswith(f"beslut_{MASKED}.pdf")


@pytest.fixture(scope="module")
def server(pristine: Path) -> Iterator[Server]:
    yield from start_server(pristine)


def test_pdf_refusal_page_masks_identity_number_in_file_name(
    server: Server, pristine: Path
) -> None:
    response = httpx.get(f"{server.url}/doc/{pnr_doc_id(pristine)}/pdf")
    assert response.status_code == 403
    assert "innehåller personnummer" in response.text  # the page speaks Swedish
    assert PNR not in response.text and MASKED in response.text


@pytest.mark.parametrize("typed", [PNR, f"beslut_{PNR}", f"19{PNR.replace('-', '')}"])
def test_search_page_masks_identity_number_typed_as_query(server: Server, typed: str) -> None:
    response = httpx.get(f"{server.url}/", params={"q": typed})
    assert response.status_code == 200
    digits = typed[-4:]
    title = re.search(r"<title>(.*?)</title>", response.text, re.S)
    assert title and digits not in title.group(1)
    box = re.search(r'<input type="search" name="q" value="([^"]*)"', response.text)
    assert box and digits not in box.group(1) and "****" in box.group(1)
    summary = re.search(r'<h1 class="summary">(.*?)</h1>', response.text, re.S)
    assert summary and digits not in summary.group(1)
    assert typed not in response.text


# --- the server -------------------------------------------------------------------------


def test_foreign_host_header_is_refused(server: Server) -> None:
    port = server.url.rsplit(":", 1)[1]
    for own in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert httpx.get(f"{server.url}/", headers={"Host": own}).status_code == 200
    for foreign in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example"):
        for path in ("/", "/api/stats", "/api/search?q=beslut"):
            response = httpx.get(f"{server.url}{path}", headers={"Host": foreign})
            assert response.status_code == 400, (foreign, path)
            assert "beslut" not in response.text.lower()


def test_trailing_slash_redirect_never_goes_to_foreign_host(server: Server) -> None:
    foreign = httpx.get(f"{server.url}/api/search/?q=beslut", headers={"Host": "evil.example"})
    assert foreign.status_code == 400
    assert "evil.example" not in foreign.headers.get("location", "")
    own = httpx.get(f"{server.url}/api/search/?q=beslut")
    assert own.status_code in (307, 308)
    assert httpx.URL(own.headers["location"]).host == "127.0.0.1"


def test_allowed_host_option_names_the_hosts_answered(pristine: Path) -> None:
    options = ("--workers", "1", "--allowed-host", "arkiv.kommun.example")
    serving = start_server(pristine, *options, "--allowed-host", "127.0.0.1")
    server = next(serving)
    try:
        port = httpx.URL(server.url).port
        named = httpx.get(f"{server.url}/", headers={"Host": f"arkiv.kommun.example:{port}"})
        assert named.status_code == 200
        assert httpx.get(f"{server.url}/", headers={"Host": "localhost"}).status_code == 400
        assert httpx.get(f"{server.url}/", headers={"Host": "evil.example"}).status_code == 400
    finally:
        serving.close()


def test_api_docs_load_nothing_from_outside_the_server(server: Server) -> None:
    page = httpx.get(f"{server.url}/api/docs")
    assert page.status_code == 200
    refs = re.findall(r'(?:src|href)=["\']([^"\']+)', page.text)
    assert refs, page.text
    assert "cdn" not in page.text.lower()
    assert not re.search(r"https?://", page.text)
    for ref in refs:
        assert ref.startswith("/"), ref
        assert httpx.get(f"{server.url}{ref}").status_code == 200, ref
    assert httpx.get(f"{server.url}/api/openapi.json").json()["info"]["title"] == "diarium"


def test_head_works_on_page_routes(server: Server, pristine: Path) -> None:
    doc_id = pnr_doc_id(pristine)
    for path in ("/", "/?q=beslut", f"/doc/{doc_id}"):
        response = httpx.head(f"{server.url}{path}")
        assert response.status_code == 200, (path, response.status_code)
        assert response.content == b""
    # HEAD is answered as GET would be: the refused PDF is 403, not 405.
    assert httpx.head(f"{server.url}/doc/{doc_id}/pdf").status_code == 403


def test_not_found_messages_carry_no_server_path(server: Server, pristine: Path) -> None:
    answers = [
        httpx.get(f"{server.url}/api/documents/ks-1999-99999"),
        httpx.get(f"{server.url}/api/documents/{'0' * 64}"),
        httpx.get(f"{server.url}/doc/{'0' * 64}"),
        httpx.get(f"{server.url}/doc/{'0' * 64}/pdf"),
    ]
    for response in answers:
        assert response.status_code == 404, response.text
        assert str(pristine) not in response.text
        assert str(pristine.parent) not in response.text
        assert not re.search(r"(?<![\w.])/(tmp|home|root|var|srv)/", response.text)


def test_no_server_header_names_the_server_software(server: Server) -> None:
    for path in ("/", "/api/stats", "/nowhere"):
        response = httpx.get(f"{server.url}{path}")
        assert "server" not in response.headers, response.headers


def test_web_takes_bare_year_and_month_as_the_cli_does(server: Server, pristine: Path) -> None:
    for date_from, date_to in (("2021", "2024"), ("2023-01", "2024-03"), ("2024", "2024")):
        web = httpx.get(
            f"{server.url}/api/search", params={"q": "beslut", "from": date_from, "to": date_to}
        )
        assert web.status_code == 200, web.text
        cli = run("search", "--home", str(pristine), "--json", "--from", date_from,
                  "--to", date_to, "beslut")
        assert cli.exit_code in (0, 1), cli.output
        assert web.json()["total"] == json.loads(cli.output)["total"]
        page = httpx.get(f"{server.url}/", params={"q": "beslut", "from": date_from})
        assert page.status_code == 200
    # A year widens to the whole year: the 2024 decision is found from=2024&to=2024.
    assert httpx.get(
        f"{server.url}/api/search", params={"q": "detaljplan", "from": "2024", "to": "2024"}
    ).json()["total"] >= 1


def test_web_reversed_date_range_is_refused(server: Server, pristine: Path) -> None:
    reversed_range = {"q": "beslut", "from": "2024", "to": "2021"}
    api = httpx.get(f"{server.url}/api/search", params=reversed_range)
    assert api.status_code == 400
    assert "after" in api.json()["error"]
    page = httpx.get(f"{server.url}/", params={"q": "beslut", "from": "2024-05", "to": "2024-01"})
    assert page.status_code == 400 and "Byt plats på datumen" in page.text
    cli = run("search", "--home", str(pristine), "--from", "2024", "--to", "2021", "beslut")
    assert cli.exit_code == 2


# --- queries -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["beslut OR", "OR beslut", "beslut AND", "beslut AND OR kommun"])
def test_dangling_operator_is_refused_not_an_empty_result(pristine: Path, query: str) -> None:
    result = run("search", "--home", str(pristine), query)
    assert result.exit_code == 2, result.output
    assert "joins nothing" in result.output
    operator = next(w for w in query.split() if w.isupper())
    assert operator in result.output and repr(operator.lower()) in result.output


def test_dangling_operator_in_lower_case_is_a_word(pristine: Path) -> None:
    plain = json.loads(run("search", "--home", str(pristine), "--json", "beslut").output)
    assert plain["total"] >= 1
    result = run("search", "--home", str(pristine), "beslut or")
    assert result.exit_code == 0, result.output


def test_unclosed_brackets_are_refused_with_a_message(pristine: Path, server: Server) -> None:
    result = run("search", "--home", str(pristine), "ks 2023/871 OR ((")
    assert result.exit_code == 2, result.output
    assert "never closed" in result.output
    assert run("search", "--home", str(pristine), "beslut)").exit_code == 2
    api = httpx.get(f"{server.url}/api/search", params={"q": "ks 2023/871 OR (("})
    assert api.status_code == 400 and "never closed" in api.json()["error"]


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The corpus's text PDFs and the samples: several pages each, "beslut" in many forms."""
    return ingest_text_pdfs(tmp_path_factory, corpus_dir)


def _ids(home: Path, query: str) -> set[str]:
    result = run("search", "--home", str(home), "--json", "--limit", "100", query)
    assert result.exit_code in (0, 1), result.output
    return {h["id"] for h in json.loads(result.output)["hits"]}


@pytest.mark.parametrize(
    "query", ["NOT beslut", "NOT (beslut OR kommun)", "detaljplan OR NOT beslut"]
)
def test_not_alone_never_returns_documents_containing_the_word(
    shared_home: Path, query: str
) -> None:
    """Either "all documents without beslut" (none of those "beslut" finds) or refused."""
    result = run("search", "--home", str(shared_home), "--json", "--limit", "100", query)
    if result.exit_code == 0:
        returned = {h["id"] for h in json.loads(result.output)["hits"]}
        with_word = _ids(shared_home, "beslut")
        assert with_word and not returned & with_word
    else:
        assert result.exit_code == 2, result.output
        assert "only what to leave out" in result.output


@pytest.mark.parametrize(
    "query",
    [
        "beslut",
        "beslut NOT skola",
        "title:detaljplan AND NOT person:Holm",
        "(detaljplan OR simhall) NOT förskola",
        '"NOT beslut"',
        "beslut ANDNOT skola",
        "ks 2023/871",
        "kommunsty*",
    ],
)
def test_well_formed_queries_are_still_understood(pristine: Path, query: str) -> None:
    result = run("search", "--home", str(pristine), query)
    assert result.exit_code in (0, 1), result.output
    assert "diarium:" not in result.output


# --- repairs -----------------------------------------------------------------------------


def _record(home: Path, doc_id: str) -> Path:
    return home / "corpus" / doc_id[:2] / f"{doc_id}.json.gz"


def test_check_suggested_repair_of_damaged_record_works_as_printed(
    home: Path, inbox: Path
) -> None:
    doc_id = pnr_doc_id(home)
    record = _record(home, doc_id)
    record.write_bytes(record.read_bytes()[:40])  # truncated
    check = run("check", "--home", str(home))
    assert check.exit_code == 1
    line = next(x for x in check.output.splitlines() if x.lstrip().startswith("record"))
    command = re.search(r"`(diarium ingest [^`]+)`", line)
    assert command, line
    # The command as printed, with the folder the original PDF is in.
    words = command.group(1).replace("PDF-OR-FOLDER", str(inbox)).split()
    assert words[2] == "--home" and Path(words[3]) == home
    repaired = run(*words[1:])
    assert repaired.exit_code == 0, repaired.output
    assert "Ingested 1 file(s)" in repaired.output
    after = run("check", "--home", str(home))
    assert after.exit_code == 0 and "all good" in after.output, after.output
    assert json.loads(gzip.decompress(record.read_bytes()))["id"] == doc_id
    found = json.loads(run("search", "--home", str(home), "--json", "försörjningsstöd").output)
    assert [h["id"] for h in found["hits"]] == [doc_id]


def test_damaged_record_is_never_silently_dropped_by_ingest(home: Path, inbox: Path) -> None:
    doc_id = pnr_doc_id(home)
    record = _record(home, doc_id)
    record.write_bytes(b"not gzip at all")
    result = run("ingest", "--home", str(home), "--ocr", "never", "--json", str(inbox))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["ingested"] == 1
    found = json.loads(run("search", "--home", str(home), "--json", "försörjningsstöd").output)
    assert [h["id"] for h in found["hits"]] == [doc_id]


def test_reindex_never_silently_drops_a_damaged_record(home: Path, inbox: Path) -> None:
    """reindex cannot read the record, so it says the document is out of search and
    prints the ingest that brings it back; that command, as printed, does."""
    doc_id = pnr_doc_id(home)
    _record(home, doc_id).write_bytes(b"\x1f\x8b truncated")
    reindex = run("reindex", "--home", str(home))
    assert reindex.exit_code == 1
    assert "cannot be searched" in reindex.output
    command = re.search(r"`(diarium ingest [^`]+)`", reindex.output)
    assert command, reindex.output
    words = command.group(1).replace("PDF-OR-FOLDER", str(inbox)).split()
    assert run(*words[1:]).exit_code == 0
    found = json.loads(run("search", "--home", str(home), "--json", "försörjningsstöd").output)
    assert [h["id"] for h in found["hits"]] == [doc_id]
    assert run("check", "--home", str(home)).exit_code == 0


def test_check_reports_leftover_index_folders_and_killed_scratch(home: Path) -> None:
    shutil.copytree(home / "index", home / "diarium.index.old")
    (home / "diarium.index.new").mkdir()
    (home / "diarium.index.new" / "segment").write_bytes(b"x" * 1000)
    dead = subprocess.Popen(["true"])
    dead.wait()
    scratch = home / "tmp" / f"run-{dead.pid}"
    scratch.mkdir(parents=True)
    (scratch / "diarium-page-1.pgm").write_bytes(b"P5 1 1 255\n\x00")
    check = run("check", "--home", str(home))
    assert check.exit_code == 0, check.output  # harmless: listed, nothing broken
    for leftover in ("diarium.index.new", "diarium.index.old", f"tmp/run-{dead.pid}"):
        line = next(x for x in check.output.splitlines() if leftover in x)
        assert "leftover" in line
        removal = re.search(r"`(rm -r [^`]+)`", line)
        assert removal, line
        subprocess.run(removal.group(1), shell=True, check=True)
    after = run("check", "--home", str(home))
    assert "all good" in after.output, after.output


KILL_AT_SWAP = """
import os, signal, sys
import diarium.ingest.indexing as indexing
from pathlib import Path

real_rename = Path.rename
renames = 0
after = int(sys.argv[1])

def rename(self, target):
    global renames
    out = real_rename(self, target)
    renames += 1
    if renames == after:
        os.kill(os.getpid(), signal.SIGKILL)
    return out

Path.rename = rename
from diarium.cli import main
main(sys.argv[2:])
"""


@pytest.mark.parametrize("renames", [1, 2], ids=["between-renames", "after-swap"])
def test_kill_9_of_reindex_at_swap_keeps_engine_choice(home: Path, renames: int) -> None:
    """kill -9 of ``reindex --engine whoosh`` right after the first or the second
    rename of the swap (a real SIGKILL, sent by the process to itself there)."""
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_SWAP, str(renames),
         "reindex", "--home", str(home), "--engine", "whoosh"],
        capture_output=True,
        text=True,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    if renames == 2:
        # The new index is in place: searches answer, and say which engine answers.
        found = run("search", "--home", str(home), "--json", "detaljplan")
        assert found.exit_code == 0, found.output
        assert json.loads(run("stats", "--home", str(home), "--json").output)["engine"] == "whoosh"
    # The next plain reindex builds the engine that was asked for.
    again = run("reindex", "--home", str(home))
    assert again.exit_code == 0, again.output
    assert "(whoosh)" in again.output
    stats = json.loads(run("stats", "--home", str(home), "--json").output)
    assert stats["engine"] == "whoosh"
    assert run("check", "--home", str(home)).exit_code == 0
    assert json.loads(run("search", "--home", str(home), "--json", "detaljplan").output)["total"]


# --- small ones --------------------------------------------------------------------------

SCANNED = SAMPLES / "beslut_foreningsbidrag_skannad.pdf"


def _extract(tmpdir: Path, pdf: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "diarium", "extract", str(pdf), "--json", *extra],
        env={**os.environ, "TMPDIR": str(tmpdir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _tesseract_loaded(pid: int) -> bool:
    """Whether the process or one of its children has Tesseract's library mapped (the
    in-process engine is made for the first page to OCR) or runs the command line."""
    pids = [pid] + [
        int(stat.parent.name)
        for stat in Path("/proc").glob("[0-9]*/stat")
        if _parent_of(stat) == pid
    ]
    for each in pids:
        try:
            if "libtesseract" in Path(f"/proc/{each}/maps").read_text():
                return True
            if "tesseract" in Path(f"/proc/{each}/cmdline").read_text():
                return True
        except OSError:
            continue
    return False


def _parent_of(stat: Path) -> int | None:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _wait_until_reading(process: subprocess.Popen[str], tmpdir: Path) -> None:
    """Until Tesseract reads the page: a file in the scratch folder (the command-line
    fallback writes page images) or Tesseract loaded (in process, nothing is written)."""
    deadline = time.monotonic() + 120
    while not (any(p.is_file() for p in tmpdir.rglob("*")) or _tesseract_loaded(process.pid)):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)  # into the page


def test_extract_leaves_nothing_in_tmp_even_after_kill_9(tmp_path: Path) -> None:
    tmpdir = tmp_path / "systemp"
    tmpdir.mkdir()
    finished = _extract(tmpdir, SCANNED, "--ocr", "always")
    _out, err = finished.communicate(timeout=300)
    assert finished.returncode == 0, err
    assert list(tmpdir.iterdir()) == []
    # Killed outright while Tesseract reads the page: what it leaves is confined to
    # one folder of its own, which the next run removes.
    process = _extract(tmpdir, SCANNED, "--ocr", "always")
    _wait_until_reading(process, tmpdir)
    process.kill()
    process.communicate()
    left = list(tmpdir.iterdir())
    assert all(p.name.startswith("diarium-extract-") for p in left), left
    again = _extract(tmpdir, SAMPLES / "tjansteutlatande_simhall.pdf", "--ocr", "never")
    again.communicate(timeout=300)
    assert again.returncode == 0
    assert list(tmpdir.iterdir()) == []


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_extract_stopped_by_signal_removes_its_scratch(
    tmp_path: Path, signum: int, code: int
) -> None:
    tmpdir = tmp_path / "systemp"
    tmpdir.mkdir()
    process = _extract(tmpdir, SCANNED, "--ocr", "always")
    _wait_until_reading(process, tmpdir)
    process.send_signal(signum)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert "Traceback" not in err and "interrupted" in err
    assert list(tmpdir.iterdir()) == []


def test_ctrl_c_right_after_summary_exits_130_without_traceback(
    pristine: Path, inbox: Path
) -> None:
    codes = []
    for _ in range(8):
        process = subprocess.Popen(
            [sys.executable, "-m", "diarium", "ingest", "--home", str(pristine), str(inbox)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        summary = process.stdout.readline() if process.stdout else ""
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
        assert summary.startswith("Ingested 0 file(s)"), summary
        assert "Traceback" not in err, err
        assert process.returncode in (130, 0), (process.returncode, err)
        if process.returncode == 130:
            assert "interrupted" in err
        codes.append(process.returncode)
    assert 130 in codes


@pytest.fixture
def zero_page_pdf(tmp_path: Path) -> Path:
    """A well-formed PDF whose page tree is empty (PDFium writes it; it will not open it)."""
    import pypdfium2

    path = tmp_path / "tom.pdf"
    pypdfium2.PdfDocument.new().save(path)
    assert b"/Count 0" in path.read_bytes()
    return path


def test_zero_page_pdf_is_reported_as_having_no_pages(tmp_path: Path, zero_page_pdf: Path) -> None:
    extracted = run("extract", str(zero_page_pdf))
    assert extracted.exit_code == 1
    assert "the PDF has no pages" in extracted.output
    ingested = run("ingest", "--home", str(tmp_path / "h"), "--ocr", "never", str(zero_page_pdf))
    assert ingested.exit_code == 1
    assert "tom.pdf: the PDF has no pages" in ingested.output
    assert "PDFium" not in ingested.output + extracted.output


def test_api_docs_render_in_a_browser_with_nothing_from_outside(server: Server) -> None:
    """Swagger UI really runs from the server's own files: Chromium with a strict
    Content-Security-Policy (this server's scripts only, nothing inline) shows the API."""
    from tests.web.test_web_browser import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system installs it)")
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            tab = chromium.new_page()
            tab.on("request", lambda r: requested.append(r.url))
            tab.route(
                f"{server.url}/api/docs",
                lambda route: route.fulfill(
                    response=route.fetch(),
                    headers={"content-security-policy": "default-src 'self'"},
                ),
            )
            tab.goto(f"{server.url}/api/docs")
            tab.wait_for_selector("#swagger-ui .info .title", timeout=20_000)
            assert "diarium" in tab.inner_text("#swagger-ui .info .title")
            assert tab.locator("#swagger-ui .opblock").count() >= 3  # the API's operations
        finally:
            chromium.close()
    assert requested and all(u.startswith(server.url) for u in requested), requested


def test_kill_9_of_reindex_at_random_moments_keeps_engine_choice(home: Path) -> None:
    """``reindex --engine whoosh`` killed with SIGKILL at random moments once it has
    begun (recorded its choice), eight times;
    after each, searching answers or says to reindex, and the next plain ``reindex``
    builds Whoosh, the engine that was asked for."""
    import random

    rng = random.Random(30)
    state = home / "state.json"
    command = [sys.executable, "-m", "diarium", "reindex", "--home", str(home)]

    def begun(process: subprocess.Popen[bytes]) -> None:
        """Until the run has recorded its choice (or ended)."""
        while process.poll() is None and json.loads(state.read_text())["engine"] != "whoosh":
            time.sleep(0.005)

    # How long a run takes from recording its choice to its end, so kills land in it.
    probe = subprocess.Popen([*command, "--engine", "whoosh"], stdout=subprocess.DEVNULL)
    begun(probe)
    started = time.monotonic()
    assert probe.wait() == 0
    rest = time.monotonic() - started
    kills = 0
    for _ in range(8):
        assert run("reindex", "--home", str(home), "--engine", "tantivy").exit_code == 0
        process = subprocess.Popen(
            [*command, "--engine", "whoosh"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        begun(process)
        time.sleep(rng.uniform(0.0, rest * 0.9))
        if process.poll() is None:
            process.kill()
            kills += 1
        process.wait()
        searched = run("search", "--home", str(home), "detaljplan")
        assert searched.exit_code == 0 or "diarium reindex" in searched.output, searched.output
        again = run("reindex", "--home", str(home))
        assert again.exit_code == 0 and "(whoosh)" in again.output, again.output
        assert run("check", "--home", str(home)).exit_code == 0
    assert kills >= 4
