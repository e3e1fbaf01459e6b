"""End to end on real PDFs: ingest, search, skip known files, reindex, bad inputs.

The in-repository corpus's text PDFs and the project's own samples go through the real pipeline
(pypdfium2, the normalizer, the entity rules, Whoosh) in a temporary home.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fixture_corpus import KONFERENS, RIKTLINJER, bad_ocr_text, text_of

from diarium.cli import main

TEXT_PDFS = "text"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, samples_dir: Path) -> Path:
    """A folder like an archivist's: the corpus's text PDFs and the repo's text-layer samples."""
    folder = tmp_path_factory.mktemp("inbox")
    for pdf in sorted((corpus_dir / TEXT_PDFS).glob("*.pdf")):
        shutil.copy(pdf, folder / pdf.name)
    sub = folder / "samples"
    sub.mkdir()
    for pdf in sorted(samples_dir.glob("*.pdf")):
        if "skannad" not in pdf.name:
            shutil.copy(pdf, sub / pdf.name.upper().replace(".PDF", ".PDF"))
    return folder


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, inputs: Path) -> Path:
    home = tmp_path_factory.mktemp("home")
    result = run("ingest", "--home", str(home), "--workers", "2", "--json", str(inputs))
    assert result.exit_code == 0, result.output
    return home


def search_json(home: Path, *args: str) -> dict:
    result = run("search", "--home", str(home), "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_ingest_takes_every_pdf_including_upper_case_names(home: Path, inputs: Path) -> None:
    stats = json.loads(run("stats", "--home", str(home), "--json").output)
    pdfs = [p for p in inputs.rglob("*") if p.suffix.lower() == ".pdf"]
    assert stats["documents"] == len(pdfs) == 7
    assert stats["index"]["documents"] == 7


@pytest.mark.parametrize(
    ("phrase", "page"),
    [
        ('"ställer om energianvändningen"', 3),
        ('"Stockholms Business Alliance och Mälardalsrådet"', 4),
    ],
)
def test_phrase_finds_document_and_page(
    home: Path, corpus_dir: Path, phrase: str, page: int
) -> None:
    expected = sha(corpus_dir / TEXT_PDFS / "sodertorn_verksamhetsplan.pdf")
    data = search_json(home, phrase)
    assert data["total"] >= 1
    top = data["hits"][0]
    assert top["id"] == expected
    assert top["page"] == page
    assert top["filename"] == "sodertorn_verksamhetsplan.pdf"
    assert top["snippet"]


def test_swedish_stemming_matches_inflected_forms(home: Path) -> None:
    ids = {
        frozenset(h["id"] for h in search_json(home, w, "--limit", "50")["hits"])
        for w in ("beslut", "beslutet", "besluten")
    }
    assert len(ids) == 1 and next(iter(ids))


def test_reingest_is_a_no_op(home: Path, inputs: Path) -> None:
    before = search_json(home, "kommun", "--limit", "50")
    result = run("ingest", "--home", str(home), "--json", str(inputs))
    assert result.exit_code == 0
    summary = json.loads(result.output)
    assert summary["ingested"] == 0
    assert summary["skipped"] == 7
    assert all(f["reason"] == "already in the corpus" for f in summary["files"])
    assert search_json(home, "kommun", "--limit", "50") == before


def test_reindex_after_deleting_index_gives_identical_results(home: Path) -> None:
    queries = ["kommun", '"samarbetskommitté"', "Södertörn AND klimat", "simhall"]
    before = [search_json(home, q, "--limit", "50") for q in queries]
    shutil.rmtree(home / "index")
    result = run("reindex", "--home", str(home))
    assert result.exit_code == 0, result.output
    after = [search_json(home, q, "--limit", "50") for q in queries]
    strip = lambda d: [(h["id"], h["page"]) for h in d["hits"]]  # noqa: E731
    assert [strip(d) for d in after] == [strip(d) for d in before]
    assert [d["total"] for d in after] == [d["total"] for d in before]


def test_show_by_id_prefix_prints_pages(home: Path, corpus_dir: Path) -> None:
    doc_id = sha(corpus_dir / TEXT_PDFS / "sodertorn_utvecklingsprogram.pdf")
    result = run("show", "--home", str(home), doc_id[:10], "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["id"] == doc_id and data["n_pages"] == 5
    assert "Södertörns utvecklingsprogram" in data["pages"][0]["text"]


def test_bad_files_are_named_and_good_ones_still_ingested(tmp_path: Path, corpus_dir: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = inbox / "good.pdf"
    shutil.copy(corpus_dir / TEXT_PDFS / "huddinge_ks_samverkan.pdf", good)
    (inbox / "notes.txt").write_text("inte en pdf", encoding="utf-8")
    (inbox / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0 thumbnails")
    (inbox / "beslut.docx").write_bytes(b"PK\x03\x04 word")
    (inbox / "fake.pdf").write_text("<html>not a pdf</html>", encoding="utf-8")
    data = good.read_bytes()
    (inbox / "truncated.pdf").write_bytes(data[: len(data) // 3])
    home = tmp_path / "home"

    result = run("ingest", "--home", str(home), "--workers", "2", str(inbox))
    assert result.exit_code == 1
    for name in ("fake.pdf", "truncated.pdf"):
        line = next(ln for ln in result.output.splitlines() if name in ln)
        assert "FAILED" in line
    # A folder's other files are counted, not failures and not listed one by one.
    assert "skipped 3 other file(s); failed 2." in result.output
    assert not any(n in result.output for n in ("notes.txt", "Thumbs.db", "beslut.docx"))
    assert "not a PDF" in next(ln for ln in result.output.splitlines() if "fake.pdf" in ln)
    assert "damaged or truncated" in next(
        ln for ln in result.output.splitlines() if "truncated.pdf" in ln
    )
    hits = search_json(home, '"Kungens kurva"')["hits"]
    assert [h["filename"] for h in hits] == ["good.pdf"]


def test_a_non_pdf_named_explicitly_still_fails(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("inte en pdf", encoding="utf-8")
    result = run("ingest", "--home", str(tmp_path / "home"), "--json", str(notes))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["failed"] == 1 and data["other_files"] == 0
    assert "not a PDF" in data["files"][0]["reason"]


def test_extract_json_matches_the_contract(corpus_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent / "schema" / "document.schema.json").read_text())
    pdf = corpus_dir / TEXT_PDFS / f"{KONFERENS}.pdf"
    result = run("extract", str(pdf), "--json", "--ocr", "never")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    jsonschema.validate(doc, schema)
    assert doc["id"] == sha(pdf)
    pages = len(text_of(KONFERENS).split("\f"))
    assert doc["n_pages"] == len(doc["pages"]) == pages
    assert doc["text"].count("\f") == pages - 1
    assert all(p["method"] == "text" for p in doc["pages"])
    for ent in doc["entities"]:
        page_text = doc["pages"][ent["page"] - 1]["text"]
        assert page_text[ent["start"] : ent["end"]] == ent["text"]


def test_missing_path_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    result = run("ingest", "--home", str(tmp_path / "h"), str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "no such file or directory" in result.output


def test_second_writer_is_refused_with_a_clear_message(tmp_path: Path, corpus_dir: Path) -> None:
    from diarium.ingest.home import Home

    home = Home(tmp_path / "home")
    with home.write_lock("test"):
        result = CliRunner().invoke(
            main, ["ingest", "--home", str(home.root), str(corpus_dir / TEXT_PDFS)]
        )
    assert result.exit_code == 3
    assert "only one ingest or reindex" in result.output


def test_documents_stored_but_not_indexed_are_recovered(tmp_path: Path, corpus_dir: Path) -> None:
    """A run that died after writing the corpus but before committing the index."""
    from diarium.corpus.store import CorpusStore
    from diarium.extractors.document import assemble_document
    from diarium.extractors.pages import PageOptions, triage_pages

    pdf = corpus_dir / TEXT_PDFS / "sodertorn_utvecklingsprogram.pdf"
    home = tmp_path / "home"
    works = triage_pages(str(pdf), PageOptions(ocr="never"))
    CorpusStore(home / "corpus").put(assemble_document(sha(pdf), str(pdf), pdf.name, works))

    result = run("ingest", "--home", str(home), "--json", str(pdf))
    summary = json.loads(result.output)
    assert summary["recovered"] == 1 and summary["skipped"] == 1
    assert search_json(home, '"Södertörns utvecklingsprogram"')["hits"][0]["id"] == sha(pdf)


def test_renormalize_rebuilds_from_the_corpus_without_the_pdfs(
    tmp_path: Path, corpus_dir: Path
) -> None:
    """The mangled text layer (the corpus's badtext/) is stored raw; re-normalizing needs
    no PDF."""
    pdf = tmp_path / "bad.pdf"
    shutil.copy(corpus_dir / "badtext/socialnamnd_riktlinjer.pdf", pdf)
    home = tmp_path / "home"
    assert run("ingest", "--home", str(home), str(pdf)).exit_code == 0
    before = search_json(home, '"ekonomiskt bistånd"')
    assert before["total"] == 1  # found although the PDF says "bistand"
    pdf.unlink()
    result = run("reindex", "--home", str(home), "--renormalize")
    assert result.exit_code == 0, result.output
    after = search_json(home, '"ekonomiskt bistånd"')
    assert [h["id"] for h in after["hits"]] == [h["id"] for h in before["hits"]]
    shown = json.loads(run("show", "--home", str(home), before["hits"][0]["id"], "--json").output)
    # The words the OCR damage changed on page 1: in the raw text, mostly repaired after.
    written = text_of(RIKTLINJER)
    clean, bad = (t.split("\f")[0].split() for t in (written, bad_ocr_text(written)))
    lost = {b for c, b in zip(clean, bad, strict=True) if c != b}
    raw_words = set(shown["pages"][0]["raw_text"].split())
    text_words = set(shown["pages"][0]["text"].split())
    assert len(lost & raw_words) > 5
    assert len(lost & text_words) < len(lost & raw_words) / 2
    assert shown["pages"][0]["normalization"]["ocr_confusion"] > 0
