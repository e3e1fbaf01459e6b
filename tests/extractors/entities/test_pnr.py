"""Personal identity numbers: found in every written form, validated, the century from
the document's year, look-alikes left alone; masking keeps lengths."""

from __future__ import annotations

import pytest

from diarium.corpus.model import Document, Entity, Metadata, Page, Provenance
from diarium.extractors.entities.pipeline import extract_entities
from diarium.extractors.entities.pnr import birth_year, canonical_pnr, find_pnrs
from diarium.extractors.masking import mask_pnrs, masked_document
from tests.support.pnr_cases import CASES, NEGATIVES, POSITIVES, bad, pnr


def _found(text: str, year: int | None) -> list[tuple[str, bool]]:
    return [(m.value, m.valid) for m in find_pnrs(text, year)]


@pytest.mark.parametrize(("text", "year", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_detection_table(text: str, year: int | None, expected: list[tuple[str, bool]]) -> None:
    assert _found(text, year) == expected


def test_precision_and_recall_on_the_table() -> None:
    tp = fp = fn = 0
    for text, year, expected in CASES:
        got = set(_found(text, year))
        tp += len(got & set(expected))
        fp += len(got - set(expected))
        fn += len(set(expected) - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(
        f"PNR table: {len(POSITIVES)} positive, {len(NEGATIVES)} look-alike sentences; "
        f"precision {precision:.3f}, recall {recall:.3f}"
    )
    assert precision == 1.0 and recall == 1.0


@pytest.mark.parametrize(
    ("yy", "reference", "centenarian", "expected"),
    [
        (15, 1995, False, 1915),
        (15, 2024, False, 2015),
        (15, 2015, False, 2015),
        (16, 2015, False, 1916),
        (15, 2024, True, 1915),
        (99, 2000, False, 1999),
        (0, 2000, False, 2000),
        (0, 2000, True, 1900),
    ],
)
def test_century_rule(yy: int, reference: int, centenarian: bool, expected: int) -> None:
    assert birth_year(yy, reference, centenarian) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("19121212-1212", "19121212-1212"),
        ("191212121212", "19121212-1212"),
        ("121212+1212", "19121212-1212"),  # over 100 in 2026
        ("121212-1212", "20121212-1212"),  # under 100: born 2012
        ("1212121212", "20121212-1212"),
        ("121212 1212", "20121212-1212"),
    ],
)
def test_canonical_form_of_any_written_form(written: str, expected: str) -> None:
    assert canonical_pnr(written, 2026) == expected


def test_canonical_form_of_non_numbers() -> None:
    assert canonical_pnr("556036-0793") is None
    assert canonical_pnr("KS 2021/1234") is None


def test_pnr_wins_over_date_and_case_number_in_the_pipeline() -> None:
    number = pnr("200512", "123", "-", "19")  # 1920-05-12: also reads as a date
    page = f"Beslut 2021-03-02\nDnr {number}\nSökande {pnr('200512', '123')}\n"
    found = extract_entities([page]).entities
    pnrs = [e for e in found if e.type == "PNR"]
    # Written with its century; then without: under 100 in 2021, so born 2020.
    assert [e.value for e in pnrs] == [f"19200512-{number[-4:]}", f"20200512-{number[-4:]}"]
    for e in found:
        if e.type != "PNR":
            assert all(e.end <= p.start or e.start >= p.end for p in pnrs), e


def test_entity_marks_probable_numbers() -> None:
    found = extract_entities([f"Datum 2004-01-02\nPersonnummer: {bad('811218', '987')}"])
    pnrs = [e for e in found.entities if e.type == "PNR"]
    assert len(pnrs) == 1 and pnrs[0].attrs.get("probable") is True


@pytest.mark.parametrize(
    ("text", "keep_date", "expected"),
    [
        ("Pnr 19121212-1212, Storgatan", True, "Pnr 19121212-****, Storgatan"),
        ("Pnr 19121212-1212, Storgatan", False, "Pnr ********-****, Storgatan"),
        ("född 121212 1212.", True, "född 121212 ****."),
        ("Org.nr 556036-0793", True, "Org.nr 556036-0793"),
    ],
)
def test_mask_keeps_length(text: str, keep_date: bool, expected: str) -> None:
    masked = mask_pnrs(text, 2020, keep_date=keep_date)
    assert masked == expected and len(masked) == len(text)


def test_masked_document_masks_every_text_and_leaves_the_original() -> None:
    number = "19121212-1212"
    text = f"Beslut\nSökande {number}\nKS 2021/12"
    doc = Document(
        id="x" * 64,
        source=f"/in/beslut_{number}.pdf",
        filename=f"beslut_{number}.pdf",
        pages=[Page(1, text, raw_text=text.replace("ö", "o"))],
        metadata=Metadata(title=f"Bistånd till {number}", document_date="2021-03-02"),
        provenance=Provenance("0", ""),
        entities=[Entity("PNR", number, number, 1, text.index(number), text.index(number) + 13)],
    )
    masked = masked_document(doc)
    dumped = str(masked.to_dict())
    assert number not in dumped and "19121212-****" in dumped
    assert masked.pages[0].text.index("19121212-****") == text.index(number)
    assert number in doc.pages[0].text and number in doc.metadata.title  # original intact
