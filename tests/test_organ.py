"""The organ of a document as a registrar files it: a tjänsteskrivelse under the office
that wrote it (its letterhead, its "Från" field, its own name for its writing, its
signature), not the nämnd it proposes a decision to or sends it to; minutes under the
organ that met; one organ one value, its fullest name in the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from diarium.corpus.model import Document
from diarium.extractors.document import assemble_document
from diarium.extractors.entities import extract_entities
from diarium.extractors.pages import PageOptions, triage_pages

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
UNSEEN = REPO / "tests" / "data" / "unseen"


def _pdf(path: Path) -> Document:
    works = triage_pages(str(path), PageOptions(ocr="never"))
    return assemble_document("t", str(path), path.name, works)


def test_a_tjansteutlatande_pdf_is_filed_under_the_office_in_its_letterhead() -> None:
    # "SOLLENTUNA KOMMUN / Kultur- och fritidskontoret / TJÄNSTEUTLÅTANDE", addressed to
    # "Kultur- och fritidsnämnden", whose "Förslag till beslut" names the nämnd again.
    md = _pdf(SAMPLES / "tjansteutlatande_simhall.pdf").metadata
    assert md.doc_type == "tjänsteutlåtande"
    assert md.organ == "Kultur- och fritidskontoret"
    assert md.evidence["organ"] == "office_in_letterhead"


def test_a_protocol_extract_pdf_is_filed_under_the_organ_that_met() -> None:
    md = _pdf(SAMPLES / "protokollsutdrag_detaljplan.pdf").metadata
    assert md.organ == "Kommunstyrelsen"


def test_a_tjansteskrivelse_names_its_office_beside_the_officer(shared_dir: Path) -> None:
    # Upplands-Bro: "Lena Bergström / Socialkontoret / 2018-08-28 SN 18/0098 Socialnämnden";
    # the proposal is "Socialnämnden godkänner ...".
    text = (shared_dir / "dev/texts/upplandsbro_SN_2018-08-28.txt").read_text()
    md = extract_entities(text.split("\f")).metadata
    assert (md.organ, md.evidence["organ"]) == ("Socialkontoret", "office_in_letterhead")


def test_a_tjansteutlatande_without_letterhead_names_its_office_in_the_text(
    shared_dir: Path,
) -> None:
    # Huddinge: "Mottagare / Kommunstyrelsen" in the header; the proposal speaks of
    # "kommunstyrelsen förvaltnings tjänsteutlåtande"; "Beslutet ska skickas till /
    # Stockholm stad" closes it.
    pdf = next((shared_dir / "corpus/text").glob("000_*.pdf"))
    md = _pdf(pdf).metadata
    assert md.organ == "Kommunstyrelsens förvaltning"
    assert md.evidence["organ"] == "office_names_its_writing"


def test_an_organ_by_its_abbreviation_after_fastställd_av() -> None:
    text = (UNSEEN / "sn_delegationsordning_2014-06-26.txt").read_text()
    assert extract_entities(text.split("\f")).metadata.organ == "Socialnämnden"


TJANSTESKRIVELSE = """\
TJÄNSTESKRIVELSE
Datum 2024-03-05
Mottagare
Kommunstyrelsen
Från: Samhällsbyggnadsförvaltningen
Detaljplan för Norra centrum
Förslag till beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta detaljplanen.
"""


def test_the_from_field_names_the_office_not_the_addressee() -> None:
    md = extract_entities([TJANSTESKRIVELSE]).metadata
    assert (md.organ, md.evidence["organ"]) == ("Samhällsbyggnadsförvaltningen", "sender_field")


SIGNED = """\
TJÄNSTESKRIVELSE
Datum 2024-03-05
Till: Socialnämnden
Riktlinjer för ekonomiskt bistånd
Förslag till beslut
Socialnämnden antar riktlinjerna.
\f
Anna Andersson
Socialchef
Socialförvaltningen
Beslutet skickas till
Kommunstyrelsen
"""


def test_the_office_under_the_signature_not_the_body_it_is_sent_to() -> None:
    md = extract_entities(SIGNED.split("\f")).metadata
    assert md.organ == "Socialförvaltningen"


@pytest.mark.parametrize(
    ("later", "organ"),
    [
        # The full name on a later page: the short one in the header is the same organ.
        (
            "Södertörnskommunernas samarbetskommitté beslutade",
            "Södertörnskommunernas samarbetskommitté",
        ),
        # Two owners: the short name does not say which one is meant.
        (
            "Södertörnskommunernas samarbetskommitté och Norrortskommunernas samarbetskommitté",
            "Samarbetskommittén",
        ),
        # No fuller name: the name as the header gives it.
        ("Kommittén beslutade", "Samarbetskommittén"),
    ],
)
def test_short_and_full_names_of_one_organ_are_one_value(later: str, organ: str) -> None:
    pages = ["Samarbetskommittén\nProtokoll\nSammanträdesdatum 2022-05-19\n", later]
    assert extract_entities(pages).metadata.organ == organ


MINUTES = """\
Socialnämnden
SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2024-03-05
Förvaltning: Socialförvaltningen
Plats och tid: Kommunhuset, kl. 13.00
§ 12 Riktlinjer för ekonomiskt bistånd
"""


def test_minutes_are_filed_under_the_body_that_met_not_the_office_field() -> None:
    md = extract_entities([MINUTES]).metadata
    assert md.doc_type == "protokoll"
    assert md.organ == "Socialnämnden"
