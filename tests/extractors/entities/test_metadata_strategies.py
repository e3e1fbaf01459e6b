"""Header facts read by named strategies: report covers, letterhead addresses, an
authority writing to a municipality, the organ named in a field."""

from __future__ import annotations

from diarium.extractors.entities.pipeline import extract_entities


def test_a_report_cover_title_takes_its_period_line() -> None:
    cover = (
        "\n\n   Uppföljning av\n   äldreomsorgens kvalitet\n   2023\n\n"
        "   Rapport från revisionen\n   Sundsvalls kommun\n"
    )
    md = extract_entities([cover, "Sammanfattning\nText."]).metadata
    assert md.title == "Uppföljning av äldreomsorgens kvalitet 2023"
    assert md.municipality == "Sundsvall"


def test_a_letterhead_postal_address_is_never_the_title() -> None:
    page = (
        "Box 123, 851 85 Sundsvall\nBesöksadress: Norrmalmsgatan 4\n"
        "Telefon 060-19 10 00\n\nBilaga 2\n\nRiktlinjer för bisysslor\n"
        "Antagna av kommunstyrelsen 2022-05-10\n"
    )
    assert extract_entities([page]).metadata.title == "Riktlinjer för bisysslor"


def test_an_authority_writing_to_a_municipality_is_the_author() -> None:
    page = (
        "Yttrande\nSamhällsenheten\n"
        "                       Datum         Diarienummer\n"
        "                       2018-03-26    401-790-18\n\n"
        "                       Bergs kommun\n                       Miljö- och byggnämnden\n\n"
        "Yttrande över översiktsplan för Bergs kommun\n\n"
        "Länsstyrelsen anser att planen ger god vägledning.\n"
    )
    md = extract_entities([page]).metadata
    assert (md.municipality, md.organisation, md.organ) == (None, "Länsstyrelsen", "Länsstyrelsen")
    assert md.evidence["municipality"] == "authority_speaks"
    assert [e.text for e in extract_entities([page]).entities if e.type == "DNR"] == ["401-790-18"]


def test_the_organ_field_of_minutes_names_the_organ() -> None:
    page = (
        "Protokoll\nPlats och tid   Kommunhuset\nUtses att justera   Ida Stafrin (C)\n\n"
        "ANSLAG/BEVIS\nOrgan                 Kommunstyrelsens arbetsutskott\n"
        "Anslaget till och med 2018-04-25\n"
    )
    md = extract_entities([page]).metadata
    assert md.organ == "Kommunstyrelsens arbetsutskott"
    assert md.evidence["organ"] == "organ_field"
