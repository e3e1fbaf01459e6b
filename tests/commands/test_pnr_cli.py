"""Identity numbers through the whole CLI, on a real PDF (fpdf2) and real indexes: the
digits are not searchable, ``--pnr`` finds the document by a keyed hash, and no output
of any command shows a valid number unless ``--unmasked`` was asked for."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from diarium.cli import main
from diarium.corpus.store import CorpusStore
from diarium.extractors.entities.pnr import find_pnrs
from diarium.ingest.home import Home
from tests.support.paths import SAMPLES
from tests.support.pnr_cases import bad, pnr

APPLICANT = pnr("811218", "987", "-", "19")  # 19811218-987x
CHILD = pnr("150612", "238")  # 150612-238x: born 2015 in a 2021 decision
COORDINATION = pnr("460271", "123")  # samordningsnummer, day 11 + 60
SLIP = bad("550704", "162")  # check digit fails, after "Personnummer"
ORG = pnr("556036", "079")
PAGES = [
    [
        "Socialnämnden, Ludvika kommun",
        "BESLUT",
        "Datum 2021-03-02",
        "Dnr SN 2021/0093",
        "Beslut om bistånd enligt socialtjänstlagen",
        f"Sökande: Anna Berg, personnummer {APPLICANT}, Storgatan 4.",
        f"Barn: Olle Berg, {CHILD}.",
        "Socialnämnden beviljar bistånd till boende för perioden 2021-03-01 till 2021-08-31.",
        f"Utförare Omsorg AB, organisationsnummer {ORG}, telefon 070-123 45 67.",
    ],
    [
        "Sammanträdet 2021-05-12 1234 deltog nämndens ledamöter.",
        f"Tolk med samordningsnummer {COORDINATION} medverkade.",
        f"Personnummer: {SLIP} (som det står i den inskannade ansökan).",
        "Beslutet kan överklagas till förvaltningsrätten.",
    ],
]


def _pdf(path: Path) -> Path:
    pdf = FPDF()
    for lines in PAGES:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _clear_numbers(output: str) -> list[str]:
    """The valid identity numbers readable in a command's output, by our detector read
    with every plausible reference year, and the numbers of the PDF in any form."""
    found = {m.text for year in (None, 2021) for m in find_pnrs(output, year) if m.valid}
    compact = output.replace("-", "").replace(" ", "")
    for number in (APPLICANT, CHILD, COORDINATION, SLIP):
        digits = number.replace("-", "")[-10:]
        if digits in compact:
            found.add(number)
    return sorted(found)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    inbox = tmp_path_factory.mktemp("inbox")
    pdf = _pdf(inbox / "beslut_bistand.pdf")
    for sample in SAMPLES.glob("*.pdf"):  # documents without identity numbers beside it
        if "skannad" not in sample.name:
            shutil.copy(sample, inbox / sample.name)
    root = tmp_path_factory.mktemp("home")
    outputs: dict[str, str] = {}
    run = CliRunner().invoke
    for name, args in [
        ("ingest", ["ingest", "--home", str(root), str(inbox)]),
        ("ingest --json", ["ingest", "--home", str(root), "--force", "--json", str(inbox)]),
    ]:
        result = run(main, args)
        assert result.exit_code == 0, result.output
        outputs[name] = result.output
    store = CorpusStore(Home(root).corpus_dir)
    doc_id = next(d for d in store.ids() if store.get(d).filename == pdf.name)
    return {"root": root, "pdf": pdf, "id": doc_id, "outputs": outputs}


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_the_store_keeps_the_numbers_and_the_key_is_private(home: dict) -> None:
    root = Path(str(home["root"]))
    doc = CorpusStore(Home(root).corpus_dir).get(str(home["id"]))
    assert APPLICANT in doc.pages[0].text and SLIP in doc.pages[1].text
    pnrs = {e.value: e.attrs for e in doc.entities if e.type == "PNR"}
    assert pnrs[APPLICANT] == {"valid": True}
    assert pnrs[f"20{CHILD}"] == {"valid": True}
    assert pnrs[f"19{COORDINATION}"] == {"valid": True, "samordningsnummer": True}
    assert pnrs[f"19{SLIP}"] == {"probable": True}
    assert not any(ORG[-4:] in value for value in pnrs)
    assert doc.metadata.dnr and "2021" in doc.metadata.dnr  # the case number survives
    mode = stat.S_IMODE((root / "pnr.key").stat().st_mode)
    assert mode == 0o600


def test_the_tantivy_term_dictionary_holds_no_digit_of_a_number(home: dict) -> None:
    from diarium.index import open_index

    root = Path(str(home["root"]))
    _cli("reindex", "--home", str(root), "--engine", "tantivy")
    searcher = open_index(root / "index", "tantivy", create=False)._searcher()  # type: ignore[attr-defined]
    for field in ("content", "content_pairs", "doc_terms", "words", "title"):
        for number in (APPLICANT, CHILD, COORDINATION, SLIP):
            digits = number.replace("-", "")
            for start in (digits[-10:-4], digits[:8], digits[-4:]):
                terms = [t for t, _ in searcher.terms_with_prefix(field, start)]
                assert terms == [], (field, start, terms)
    # ...while the page's other numbers are there: the case number's year is a term.
    assert [t for t, _ in searcher.terms_with_prefix("content", "2021")]


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_digits_are_not_searchable_and_pnr_finds_the_document(home: dict, engine: str) -> None:
    root = str(home["root"])
    _cli("reindex", "--home", root, "--engine", engine)
    digits = APPLICANT.replace("-", "")
    for typed in [
        APPLICANT,
        APPLICANT[2:],
        digits,
        digits[2:],
        digits[2:8],
        digits[:8],
        APPLICANT[-4:],
        f'"{APPLICANT[2:8]} {APPLICANT[-4:]}"',
        CHILD,
        COORDINATION,
        f"{APPLICANT[2:6]}*",
    ]:
        out = json.loads(_cli("search", "--home", root, "--json", typed))
        assert out["total"] == 0, (typed, out)
    for written in [
        APPLICANT,
        APPLICANT[2:],
        digits,
        digits[2:],
        f"{APPLICANT[2:8]} {APPLICANT[-4:]}",
    ]:
        out = json.loads(_cli("search", "--home", root, "--json", "--pnr", written))
        assert [h["id"] for h in out["hits"]] == [home["id"]], written
        assert _clear_numbers(json.dumps(out, ensure_ascii=False)) == []
    out = json.loads(_cli("search", "--home", root, "--json", "--pnr", pnr("811218", "988")))
    assert out["total"] == 0
    # --pnr combines with words: the document holds "bistånd", not "detaljplan".
    both = json.loads(_cli("search", "--home", root, "--json", "--pnr", APPLICANT, "bistånd"))
    assert both["total"] == 1
    none = json.loads(_cli("search", "--home", root, "--json", "--pnr", APPLICANT, "detaljplan"))
    assert none["total"] == 0
    flagged = json.loads(_cli("search", "--home", root, "--json", "--has-pnr", "--year", "2021"))
    assert [h["id"] for h in flagged["hits"]] == [home["id"]]


def test_no_command_shows_a_number_unless_unmasked(home: dict, tmp_path: Path) -> None:
    root, doc_id, pdf = str(home["root"]), str(home["id"]), str(home["pdf"])
    stored = CorpusStore(Home(Path(root)).corpus_dir).get(doc_id)
    raw_file = tmp_path / "page.txt"
    raw_file.write_text(stored.pages[0].raw_text + "\n" + stored.pages[1].raw_text)
    outputs = dict(home["outputs"])  # type: ignore[arg-type]
    commands = {
        "extract": ["extract", pdf],
        "extract --json": ["extract", "--json", pdf],
        "search": ["search", "--home", root, "bistånd"],
        "search --json --facets": ["search", "--home", root, "--json", "--facets", "bistånd"],
        "search a number": ["search", "--home", root, APPLICANT],
        "search --pnr": ["search", "--home", root, "--pnr", APPLICANT],
        "search --dnr": ["search", "--home", root, "--dnr", "SN 2021/93"],
        "search browse": ["search", "--home", root, "--year", "2021", "--facets"],
        "show": ["show", "--home", root, doc_id[:12]],
        "show --text": ["show", "--home", root, "--text", doc_id],
        "show --json": ["show", "--home", root, "--json", doc_id],
        "show a number": ["show", "--home", root, APPLICANT],
        "stats": ["stats", "--home", root],
        "stats --json": ["stats", "--home", root, "--json"],
        "pii": ["pii", "--home", root],
        "pii --json": ["pii", "--home", root, "--json"],
        "normalize": ["normalize", str(raw_file)],
        "normalize --explain": ["normalize", "--explain", str(raw_file)],
        "reindex": ["reindex", "--home", root],
    }
    for name, args in commands.items():
        outputs[name] = _cli(*args)
    for name, output in outputs.items():
        assert _clear_numbers(output) == [], (name, output)
    assert "bistånd" in outputs["search"].lower()
    assert "19811218-****" in outputs["show --text"]
    # Asked for explicitly, the numbers are there.
    for args in (
        ["show", "--home", root, "--text", "--unmasked", doc_id],
        ["extract", "--unmasked", "--json", pdf],
        ["pii", "--home", root, "--unmasked"],
    ):
        shown = _cli(*args)
        assert APPLICANT[2:] in shown and _clear_numbers(shown), args


def test_pii_lists_pages_and_kinds(home: dict) -> None:
    out = json.loads(_cli("pii", "--home", str(home["root"]), "--json"))
    assert out["documents"] == 1
    item = out["items"][0]
    assert item["id"] == home["id"] and item["pages"] == [1, 2]
    assert (item["valid"], item["probable"]) == (3, 1)
    texts = [n["text"] for n in item["numbers"]]
    assert texts[0] == APPLICANT[:-4] + "****"
    probable = json.loads(_cli("pii", "--home", str(home["root"]), "--json", "--probable-only"))
    assert [n["page"] for n in probable["items"][0]["numbers"]] == [2]


@pytest.mark.slow
def test_a_scanned_page_read_by_tesseract_is_masked_and_listed(tmp_path: Path) -> None:
    """The numbers of an image-only page (rendered at 300 dpi, no text layer) come from
    real Tesseract OCR; one printed with a wrong check digit is listed as probable."""
    import pypdfium2 as pdfium

    scan = FPDF()
    for n, page in enumerate(pdfium.PdfDocument(_pdf(tmp_path / "text.pdf"))):
        image_file = tmp_path / f"page{n}.png"
        page.render(scale=300 / 72).to_pil().convert("L").save(image_file)
        scan.add_page()
        scan.image(str(image_file), x=0, y=0, w=210, h=297)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    scan.output(str(inbox / "skannad.pdf"))
    home = str(tmp_path / "home")
    assert CliRunner().invoke(main, ["ingest", "--home", home, str(inbox)]).exit_code == 0
    doc = next(iter(CorpusStore(Home(Path(home)).corpus_dir).documents()))
    assert [p.method for p in doc.pages] == ["ocr", "ocr"]
    item = json.loads(_cli("pii", "--home", home, "--json"))["items"][0]
    assert (item["valid"], item["probable"]) == (3, 1)
    assert [n["text"] for n in item["numbers"]] == [
        APPLICANT[:-4] + "****",
        CHILD[:-4] + "****",
        COORDINATION[:-4] + "****",
        SLIP[:-4] + "****",
    ]
    for typed in (APPLICANT, APPLICANT[2:8], APPLICANT[-4:]):
        assert json.loads(_cli("search", "--home", home, "--json", typed))["total"] == 0
    out = json.loads(_cli("search", "--home", home, "--json", "--pnr", APPLICANT))
    assert out["total"] == 1
    assert _clear_numbers(_cli("show", "--home", home, "--text", "--json", doc.id)) == []
