"""Dates as Swedish protocols, letters and decisions write them, through the whole page
extraction: what a document gets as DATE values, and what is left out."""

from __future__ import annotations

import pytest

from diarium.extractors.entities.pipeline import _document_year, extract_entities


def _dates(pages: list[str]) -> list[str]:
    return sorted({e.value for e in extract_entities(pages).entities if e.type == "DATE"})


HEADER_2007 = "HÖGSBY KOMMUN  PROTOKOLL\nSammanträdesdatum 2007-01-08\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # written in full
        ("Beslutet fattades 2019-01-28.", ["2019-01-28"]),
        ("måndagen den 8 januari 2007", ["2007-01-08"]),
        ("Tisdagen den 28 mars 2017, Regionens hus", ["2017-03-28"]),
        ("From 1/1 2020 gäller barnkonventionen som lag.", ["2020-01-01"]),
        ("daterad 23\nseptember 2024", ["2024-09-23"]),
        ("Sammanträdesdatum2019-01-28", ["2019-01-28"]),
        # ranges: their two ends
        ("Tid för anslag2019-02-05 – 2019-02-27", ["2019-02-05", "2019-02-27"]),
        ("Avtalsperiod 2024-12-03 till 2028-12-02", ["2024-12-03", "2028-12-02"]),
        (
            "från och med 2007-01-08 till och med 2010-12-31",
            ["2007-01-08", "2010-12-31"],
        ),
        ("fr.o.m. 2020-01-01 t.o.m. 2020-12-31", ["2020-01-01", "2020-12-31"]),
        ("under 29 maj–7 juli 2023", ["2023-05-29", "2023-07-07"]),
        ("kursen 16-17 augusti 2017", ["2017-08-16", "2017-08-17"]),
        # a year said once for a list of days
        (
            "Nämnden beslutar att sammanträda följande datum under år 2019: 20 februari,"
            " 17 april, 12 juni och 18 september.",
            ["2019-02-20", "2019-04-17", "2019-06-12", "2019-09-18"],
        ),
        (
            "Sammanträdesdagar 2020:\n3 mars\n21 april\n9 juni",
            ["2020-03-03", "2020-04-21", "2020-06-09"],
        ),
        (
            "Fullmäktige sammanträder den 3 februari, 7 april och 9 juni 2021.",
            ["2021-02-03", "2021-04-07", "2021-06-09"],
        ),
        ("från den 29 maj till den 7 juli 2023", ["2023-05-29", "2023-07-07"]),
        ("1/1-2020 träder lagen i kraft", ["2020-01-01"]),
        # days before a worded date share its month and year
        ("Mässan hålls den 5 och 6 juli 2019.", ["2019-07-05", "2019-07-06"]),
        (
            "Samråd den 3, 10 och 17 mars 2021 i stadshuset.",
            ["2021-03-03", "2021-03-10", "2021-03-17"],
        ),
        # dotted day.month.year and year.month.day, ordinals, abbreviated months
        (
            "Beslutet gäller från 1.1.2020 och ersätter beslut 01.02.2019.",
            ["2019-02-01", "2020-01-01"],
        ),
        ("Protokoll daterat 2020.01.15, justerat", ["2020-01-15"]),
        ("den 1:a januari 2020 och den 2:e maj 2020", ["2020-01-01", "2020-05-02"]),
        ("Beslutsdatum: 7 nov 2018", ["2018-11-07"]),
        ("nämndens beslut 28 febr 2013 om dispens", ["2013-02-28"]),
        (
            "Nämnden sammanträder 20 jan, 17 feb och 3 mars 2020.",
            ["2020-01-20", "2020-02-17", "2020-03-03"],
        ),
        ("Inspektion den 3 och 4 maj 2018", ["2018-05-03", "2018-05-04"]),
        # a year closing the sentence before the list ("för år 2020.")
        (
            "Förslag på sammanträdesdagar för år 2020.\n\n  29 januari, 26 februari och"
            " 16 december.",
            ["2020-01-29", "2020-02-26", "2020-12-16"],
        ),
        # a yearless day weeks before the full date after it is in that date's year or the one
        # before
        (
            "Besluten fattades den 16 december. Överklagandet ska ha kommit in senast den"
            " 12 januari 2022.",
            ["2021-12-16", "2022-01-12"],
        ),
        # a range whose first end is glued to its dash
        ("Avtalstid 2019-01-01--2019-12-31", ["2019-01-01", "2019-12-31"]),
        ("Period 2019-02-01-2019-02-28 enligt avtal", ["2019-02-01", "2019-02-28"]),
        # not dates
        ("Mötet pågick kl. 13:00 15:30 och kl 08.30-09.30", []),
        ("Avsnitt 1.2.2019.3, version v1.2.2019 och 12.13.2020", []),
        ("Mötet 3 jan och 7 feb, se nedan", []),
        ("Postnummer 123 45, belopp 1 234 567 kr, org.nr 212000-2411", []),
        ("Fastigheten Tanum Hede 1:25 och Fjällbacka 163:18 enligt SFS 2017:725", []),
        ("Verksamhetsplan 2026-2028 och Budget 2021/22", []),
        ("Dnr 2023-00250 och Dnr 0451/23", []),
        ("per sista augusti, januari till augusti, i april 2024", []),
        ("Telefon 08-786 40 00, fax 08-21 65 58", []),
        ("Paragrafer 12 – 22, §§ 12-13", []),
        ("ekonomiskt bistånd från 1 juli det år de fyller 20 år", []),
        ("den nationella Anhörigdagen (6 oktober) uppmärksammas", []),
        ("Ansökan ska lämnas senast den 15 mars varje år.", []),
    ],
)
def test_dates_on_a_page(text: str, expected: list[str]) -> None:
    assert _dates([text]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two-digit years beside the document's own era
        ("KU § 317 06-12-05\nUtskotten föreslår", ["2006-12-05"]),
        (" KS § 437 06-12-13\n", ["2006-12-13"]),
        # far from the document's era the order is not certain: left out
        ("Bilaga 12-11-30", []),
        # a yearless day after a quoted minute's date is in that minute's year
        (
            " KS § 437 06-12-13\nPartierna nominerar kandidater till kommunstyrelsens"
            " sammanträde den 19\ndecember.",
            ["2006-12-13", "2006-12-19"],
        ),
    ],
)
def test_dates_read_in_the_documents_era(text: str, expected: list[str]) -> None:
    assert _dates([HEADER_2007 + text]) == sorted({"2007-01-08", *expected})


def test_a_yearless_day_the_document_writes_with_its_year_is_that_day() -> None:
    pages = [
        "BESLUT\nDatum 2014-03-28\nVid sammanträdet den 18 oktober 2012 beslutade styrelsen.",
        "I remissvaret anges att styrelsen den 18 oktober beslutade om förbud.",
    ]
    assert _dates(pages) == ["2012-10-18", "2014-03-28"]


def test_the_document_year_is_the_header_date_not_the_posting_date() -> None:
    page = (
        "Anslaget till och med 2019-03-01\n"
        "Sammanträdesdatum 2018-12-10\n"
        "Nästa sammanträde den 4 februari.\n"
    )
    assert _document_year([page]) == 2018
    # Without a labelled date, the year most of the first page's dates share.
    page = "Överklagas senast 2020-01-02\nBeslut 2019-12-10 och 2019-12-11\n"
    assert _document_year([page]) == 2019


def test_inferred_days_are_marked() -> None:
    pages = ["Protokoll\nDatum 2022-03-01\nNästa möte hålls den 6 oktober."]
    found = [e for e in extract_entities(pages).entities if e.type == "DATE"]
    assert [(e.value, bool(e.attrs.get("inferred"))) for e in found] == [
        ("2022-03-01", False),
        ("2022-10-06", True),
    ]
