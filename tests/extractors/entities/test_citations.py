"""§ sections of minutes, the decision in them, and citations of earlier decisions by
organ, date and §: on real minutes from ../shared/dev/ and on sentences as Swedish
minutes write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from diarium.extractors.entities.citations import organ_name, paragraph_citations, same_organ
from diarium.extractors.entities.sections import decision, section_at, sections


def _dev_pages(shared: Path, name: str) -> list[str]:
    return (shared / "dev/texts" / f"{name}.txt").read_text(encoding="utf-8").split("\f")


@pytest.mark.parametrize(
    ("text", "organ", "date", "paragraph"),
    [
        ("Ärendet har beretts av kommunstyrelsen, se KS 2023-09-26 § 198.",
         "kommunstyrelsen", "2023-09-26", 198),
        ("Taxan antogs genom beslut i KF § 173 2020-12-08.",
         "kommunfullmäktige", "2020-12-08", 173),
        ("enligt kommunstyrelsens beslut den 26 september 2023, § 198",
         "kommunstyrelsen", "2023-09-26", 198),
        ("Kommunfullmäktiges beslut 2020-12-08 § 173 gäller.",
         "kommunfullmäktige", "2020-12-08", 173),
        ("Barn- och utbildningsnämnden 2021-03-15, § 12", "barn- och utbildningsnämnden",
         "2021-03-15", 12),
        ("Kommunstyrelsens arbetsutskott 2023-09-12, § 87", "kommunstyrelsens arbetsutskott",
         "2023-09-12", 87),
        ("BUN § 45/2022-05-10", "barn- och utbildningsnämnden", "2022-05-10", 45),
    ],
)
def test_citations_as_written(text: str, organ: str, date: str, paragraph: int) -> None:
    [found] = paragraph_citations(text)
    assert (found.organ, found.date, found.paragraph) == (organ, date, paragraph)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "text",
    [
        "enligt 6 kap. 19 a § första stycket KL",  # a statute, not minutes
        "Detta framgår av 5 kap. 38 § KL.",
        "§ 198 Ny taxa för bygglov",  # a heading, no organ nor date
        "Kommunstyrelsen sammanträdde 2023-09-26.",  # no §
        "SFS 2023-09-26 § 3 gäller",  # not an organ
    ],
)
def test_no_citation(text: str) -> None:
    assert paragraph_citations(text) == []


def test_organ_names_match_a_documents_organ() -> None:
    assert organ_name("KS") == "kommunstyrelsen"
    assert organ_name("Kommunfullmäktige i Härnösand") == "kommunfullmäktige"
    assert same_organ("kommunstyrelsen", "Kommunstyrelsen")
    assert not same_organ("kommunstyrelsen", "Kommunstyrelsens arbetsutskott")
    assert not same_organ("kommunstyrelsen", None)
    assert organ_name("Förvaltningen") is None


def test_old_minutes_cite_by_organ_paragraph_and_short_date(shared_dir: Path) -> None:
    """Högsby 2007: "KU § 317 06-12-05" and "KS § 437 06-12-13" stand at the start of a
    line inside KS § 8; they cite, they do not open paragraphs."""
    pages = _dev_pages(shared_dir, "hogsby_KS_2007-01-08")
    cited = [(c.organ, c.date, c.paragraph) for page in pages for c in paragraph_citations(page)]
    assert cited == [("ku", "2006-12-05", 317), ("kommunstyrelsen", "2006-12-13", 437)]
    found = sections(pages)
    numbers = [s.number for s in found]
    assert numbers[:4] == [1, 2, 3, 3] and 8 in numbers
    assert 317 not in numbers and 437 not in numbers
    # "KS § 8   DNR:KU/2006.435": the title is the line after the case number.
    eighth = next(s for s in found if s.number == 8)
    assert eighth.title == "Utseende av arbetsgrupp för bildande av energibolag"
    assert "Kommunstyrelsens beslut" in eighth.text and "KS § 9" not in eighth.text


def test_decision_of_each_paragraph(shared_dir: Path) -> None:
    """Mölndal KS 2024: each § has a "Beslut" heading; the decision is what follows it."""
    pages = _dev_pages(shared_dir, "molndal_KS_2024-10-02")
    found = sections(pages)
    assert [s.number for s in found] == [227, 228, 229]
    first = decision(found[0].text)
    assert first is not None and first.kind == "beslut"
    assert first.text == "Informationen antecknas till protokollet."
    offset = pages[0].index("00677")
    at = section_at(found, 1, offset)
    assert at is not None and at.number == 228


def test_a_proposal_is_no_decision() -> None:
    text = (
        "TJÄNSTESKRIVELSE\nNy taxa\nFörslag till beslut\nKommunfullmäktige antar taxan.\n\n"
        "Bakgrund\nKommunfullmäktige beslutade 2020 om nuvarande taxa."
    )
    found = decision(text)
    assert found is not None and (found.kind, found.text) == (
        "förslag",
        "Kommunfullmäktige antar taxan.",
    )
    assert decision("BESLUT\nBeslut om föreningsbidrag\nBeslutande: Anna Berg") is None
