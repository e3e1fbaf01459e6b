"""Page structure from positions (``extractors/layout``), on real born-digital PDFs built
with fpdf2 in the layouts the rules read (``tests/support/layout_pdfs.py``), through the same
path ingest takes: text layer, page decision, normalization, entities."""

from __future__ import annotations

from pathlib import Path

import pytest

from diarium.corpus.model import Document
from diarium.extractors.document import assemble_document, page_layout, renormalize
from diarium.extractors.entities.dnr_layout import dnr_from_layout
from diarium.extractors.entities.pipeline import extract_entities
from diarium.extractors.layout import analyse, runs_from_words, unpack
from diarium.extractors.pages import PageOptions, triage_pages
from tests.support import layout_pdfs


def _document(path: Path) -> Document:
    works = triage_pages(str(path), PageOptions(ocr="never"))
    return assemble_document("t", str(path), path.name, works)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    folder = tmp_path_factory.mktemp("layout")
    makers = (layout_pdfs.report_cover, layout_pdfs.agenda_table, layout_pdfs.letter_to_ministry)
    return {m.__name__: _document(m(folder / f"{m.__name__}.pdf")) for m in makers}


def _dnrs(doc: Document) -> list[str]:
    return [e.text for e in doc.entities if e.type == "DNR"]


def test_every_text_page_keeps_its_runs(built: dict[str, Document]) -> None:
    for doc in built.values():
        for page in doc.pages:
            assert page.layout and page.layout["runs"], page.number
            runs, width, height = unpack(page.layout, page.raw_text)
            assert (round(width), round(height)) == (595, 842)  # A4 in points
            # The runs cover the page's words, each read where the raw text holds it.
            assert sorted(" ".join(r.text for r in runs).split()) == sorted(page.raw_text.split())


def test_report_cover_title_joins_its_large_lines(built: dict[str, Document]) -> None:
    doc = built["report_cover"]
    layout = analyse([page_layout(p) for p in doc.pages])
    assert layout is not None
    assert layout.cover == ["ÅRSREDOVISNING", "2011", "UDDEVALLA KOMMUN"]  # not the photo credit
    assert doc.metadata.title == "Årsredovisning 2011 Uddevalla kommun"
    assert doc.metadata.evidence["title"] == "cover_title"
    assert doc.metadata.municipality == "Uddevalla"


def test_running_foot_is_seen_on_every_page(built: dict[str, Document]) -> None:
    doc = built["agenda_table"]
    assert len(doc.pages) == 2
    layout = analyse([page_layout(p) for p in doc.pages])
    assert layout is not None
    assert any("Hörby kommun, Box 3" in line for line in layout.running)


def test_case_numbers_under_a_beteckning_column(built: dict[str, Document]) -> None:
    doc = built["agenda_table"]
    layout = analyse([page_layout(p) for p in doc.pages])
    assert layout is not None
    column = next(c for c in layout.columns if c.heading == "Beteckning")
    written = [row[2] for row in layout_pdfs.AGENDA_ROWS if row[2]]
    assert column.cells[: len(written)] == written
    found = _dnrs(doc)
    assert set(found) == set(written)  # every row, and nothing glued on ("AB 2023-00187")
    assert found.count("2023-00250") == 3  # each time the table lists it
    by = {e.attrs.get("found_by") for e in doc.entities if e.type == "DNR"}
    assert "layout_column" in by


def test_municipality_only_in_the_running_foot(built: dict[str, Document]) -> None:
    doc = built["agenda_table"]
    assert doc.metadata.municipality == "Hörby"
    assert doc.metadata.evidence["municipality"] == "structure_place"


def test_letter_to_another_body_is_titled_by_its_subject(built: dict[str, Document]) -> None:
    doc = built["letter_to_ministry"]
    md = doc.metadata
    assert md.title == "Statsbidraget till lokal krisberedskap i glesbygd"
    assert md.evidence["title"] == "largest_heading"
    # The text alone takes a letterhead line no rule refuses, not the subject.
    text_only = extract_entities([p.text for p in doc.pages]).metadata
    assert text_only.title != md.title
    assert md.municipality == "Krokom"  # the letterhead, not the addressee's Stockholm
    assert md.document_date == "2024-03-12"
    assert _dnrs(doc) == ["2024.0117"]  # under "Diarienummer" in the reference box


def test_stored_document_keeps_its_layout(built: dict[str, Document]) -> None:
    doc = built["letter_to_ministry"]
    again = renormalize(Document.from_dict(doc.to_dict()))
    assert again.pages[0].layout == doc.pages[0].layout
    assert again.metadata.title == doc.metadata.title
    assert _dnrs(again) == _dnrs(doc)


def test_plain_text_falls_back_to_the_text_rules(built: dict[str, Document]) -> None:
    doc = built["agenda_table"]
    pages = [p.text for p in doc.pages]
    assert dnr_from_layout(pages, None) == []
    assert analyse([([], 0.0, 0.0) for _ in pages]) is None
    text_only = extract_entities(pages)
    assert text_only.metadata.municipality == "Hörby"  # the foot is in the text too
    assert "2023-00250" in [e.text for e in text_only.entities if e.type == "DNR"]


def test_ocr_word_boxes_make_runs() -> None:
    raw = "Dnr 2024.0117\nKROKOMS KOMMUN"
    # "Dnr" and its value a tab apart on one baseline, the letterhead under them.
    words = [100, 100, 400, 300, 2000, 100, 2700, 300, 100, 500, 1500, 700, 1600, 500, 2600, 700]
    runs = runs_from_words(raw, words, 595.0, 842.0)
    assert [r.text for r in runs] == ["Dnr", "2024.0117", "KROKOMS", "KOMMUN"]
    layout = analyse([(runs, 595.0, 842.0)])
    assert layout is not None
    assert [f.value for f in layout.fields if f.label == "Dnr"] == ["2024.0117"]
    # Boxes of another text than the page's: no layout rather than a wrong one.
    assert runs_from_words("one two", words, 595.0, 842.0) == []


def test_an_ocr_page_gets_its_layout_from_its_word_boxes(samples_dir: Path) -> None:
    """A scan read by Tesseract: the letterhead comes from the words' boxes."""
    from diarium.extractors.pages import ocr_page

    pdf = samples_dir / "beslut_foreningsbidrag_skannad.pdf"
    options = PageOptions()
    works = [
        ocr_page(str(pdf), w, options) if w.needs_ocr else w
        for w in triage_pages(str(pdf), options)
    ]
    doc = assemble_document("t", str(pdf), pdf.name, works)
    assert doc.pages[0].method == "ocr" and doc.pages[0].layout is None and doc.pages[0].words
    layout = analyse([page_layout(p) for p in doc.pages])
    assert layout is not None
    assert layout.letterhead[:2] == ["LUDVIKA KOMMUN", "Kultur- och fritidsnämnden"]
    md = doc.metadata
    assert (md.municipality, md.evidence["municipality"]) == ("Ludvika", "structure_place")
    assert md.title == "Beslut om föreningsbidrag för 2021"  # the subject, not a signature
