"""Case numbers of registries whose format is not in ``data/dnr_formats.tsv``.

They are found by where they stand (after a label, under a column heading, in a
paragraph heading, in a header block) and by their shape; look-alikes standing in the
same places are not. Each case runs through the whole entity extraction of a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from diarium.extractors.entities import dnr
from diarium.extractors.entities.pipeline import extract_entities


def _dnrs(text: str) -> list[str]:
    return [e.text for e in extract_entities([text]).entities if e.type == "DNR"]


@pytest.fixture
def no_known_formats(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The whole format table left out: only position and shape remain."""
    monkeypatch.setattr(dnr, "formats", lambda: ())
    dnr._patterns.cache_clear()
    yield
    monkeypatch.undo()
    dnr._patterns.cache_clear()


# (page text, the numbers as written) — forms no row of the data reads where they stand.
UNKNOWN_FORMATS = [
    # Skatteverket: a compound label over the number, activity code-serial-year/class
    ("Datum: 2011-11-07\n\nDnr/målnr/löpnr:\n131-512407-11/112\n", ["131-512407-11/112"]),
    # a diary code written with a colon after the label (Järfälla's social committee)
    ("Delegeringsordning\nDnr Son: 2017/2\nFastställd 2017-09-21\n", ["Son: 2017/2"]),
    # year-serial with a classification after a dot
    ("Fastställd av SN 48/65        Dnr: 2013-000005.700        Sida\n", ["2013-000005.700"]),
    # a delegation list: values under an "Ärendenummer" column heading, no label each
    (
        "Delegationsbeslut\n"
        "Ärendenummer    Beslutsdatum   Beslut\n"
        "2024.0456       2024-03-01     Bostadsanpassningsbidrag beviljas\n"
        "2024.0461       2024-03-04     Färdtjänst beviljas\n"
        "2024.0470       2024-03-06     Avslag\n",
        ["2024.0456", "2024.0461", "2024.0470"],
    ),
    # a paragraph heading carrying the number
    ("§ 12   Taxa för bygglov   2023.0456\n\nBeslut\n", ["2023.0456"]),
    # an organ code before year and serial in running text
    ("Ärendet har beretts av MBN-2022-1234 och godkänts.", ["MBN-2022-1234"]),
]


@pytest.mark.parametrize(("text", "expected"), UNKNOWN_FORMATS)
def test_numbers_of_unknown_registries_are_found_by_position_and_shape(
    text: str, expected: list[str]
) -> None:
    assert _dnrs(text) == expected


LOOK_ALIKES = [
    # a letterhead's footer beside a label: phone, organisation, giro numbers, postcode
    "Dnr KS 2017/2\n"
    "Besöksadress: Vibblabyvägen 3      Postadress: 177 64 Järfälla\n"
    "Telefon växel: 08-580 285 00       Webbplats: www.jarfalla.se\n"
    "Organisationsnummer: 212000-0043   Postgiro: 30918-7   Bankgiro: 239-2082\n",
    # a paragraph heading with statute numbers, a year span and a clock time
    "§ 14   Budget 2021/22 enligt lagen (2010:900), kl 13.00-15.00\n",
    # a report series and an SFS number right under a column heading
    "Datum      Beteckning\nSOU 2017:114 och SFS 1991:900\n",
    # dates and a year span in a header block
    "Kommunstyrelsen      2024-03-12      2019-2022\n",
    # an amount in a paragraph heading
    "§ 3   Bidrag 00730/2024 kr\n",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_in_trusted_places_are_not_case_numbers(text: str) -> None:
    assert [x for x in _dnrs(text) if x != "KS 2017/2"] == []


KNOWN_SHAPES = [
    ("Dnr KS 2019/0643 Budget", "KS 2019/0643"),
    ("Diarienummer: VON/2025:00149", "VON/2025:00149"),
    ("Vår beteckning\n2018-08-28 SN 18/0098 Socialnämnden", "SN 18/0098"),
    ("Beslut\nDnr 511-20118-2020", "511-20118-2020"),
    ("JO dnr 5529-2013", "5529-2013"),
    ("Diarienummer:\nStadsledningskontoret   0451/23", "0451/23"),
]


@pytest.mark.parametrize(("text", "written"), KNOWN_SHAPES)
def test_with_no_format_in_the_data_labelled_numbers_are_still_found(
    no_known_formats: None, text: str, written: str
) -> None:
    assert _dnrs(text) == [written]


def test_the_document_records_why_its_facts_were_chosen() -> None:
    page = (
        "HÖGSBY KOMMUN\n"
        "SAMMANTRÄDESPROTOKOLL\n"
        "Kommunstyrelsen\n"
        "Sammanträdesdatum 2007-01-08\n\n"
        "Plats och tid   Kommunhuset kl 13.00-15.00\n"
        "Utses att justera   Anna Svensson\n\n"
        "KS § 1          Dnr KS 2007/0009\n"
        "Val av justerare\n"
    )
    md = extract_entities([page]).metadata
    assert md.organ == "Kommunstyrelsen" and md.municipality == "Högsby"
    assert md.evidence["document_date"] == "labelled_header_date"
    assert md.evidence["municipality"] == "letterhead_in_capitals"
    assert md.evidence["organ"] == "deciding_organ_in_header"
    assert md.evidence["title"] == "meeting_name"
    assert md.evidence["doc_type"] in ("type_word_heading", "protocol_marks")


def test_extract_explain_says_which_strategy_chose_each_fact(samples_dir: Path) -> None:
    from diarium.cli import main

    pdf = samples_dir / "protokollsutdrag_detaljplan.pdf"
    result = CliRunner().invoke(main, ["extract", "--explain", str(pdf)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for fact in ("title", "document_date", "doc_type", "organ", "municipality"):
        row = next(i for i, line in enumerate(lines) if line.split()[:1] == [fact])
        assert lines[row + 1].strip().startswith(("by ", "no strategy fired"))
    assert sum(line.strip().startswith("by ") for line in lines) >= 4


# Held-out forms of tests/data/unseen2 and what they taught, without the format table.
LAYOUT_TAUGHT = [
    # a county council's code, two-digit year and month, serial, glued to the item text
    (
        "5. Utredning om utsläppsrätter är förenligt med kommunallagenLS 0806-0619\n",
        ["LS 0806-0619"],
    ),
    # a paragraph number after a lettered number is no telephone number's digit group
    ("3 3(43) KSKF/2014:1 235 Val till kommunala uppdrag\n", ["KSKF/2014:1"]),
    # a DNR column whose first rows carry none, one-letter registers (bygg, miljö)
    (
        "KL NR Ärende DNR Handlingar Föredragande\n17.00 Sammanträdets öppnande\nUpprop\n"
        "Val av justerare\n17.05 17.15\n1 2 3\nINFO BMN KS\nFörvaltningen informerar\n"
        "-- B 6/2020 M 97/2020 M 100/2020\nB 54/2020\n",
        ["B 6/2020", "M 97/2020", "M 100/2020", "B 54/2020"],
    ),
]


@pytest.mark.parametrize(("page", "expected"), LAYOUT_TAUGHT)
def test_held_out_forms_without_their_format(
    no_known_formats: None, page: str, expected: list[str]
) -> None:
    assert _dnrs(page) == expected


def test_two_digit_group_before_a_year_is_its_serial() -> None:
    found = [e for e in extract_entities(["Dnr M 97/2020"]).entities if e.type == "DNR"]
    assert [(e.text, e.value) for e in found] == [("M 97/2020", "M-2020-97")]
    # ... while a two-digit year before a serial stays one: case 1155 of 1997.
    assert dnr.canonical_dnr("Ks 97/1155") == "KS-1997-1155"


def test_a_company_form_is_no_code() -> None:
    page = "Beteckning\n5 Borgensåtagande för Hörby Bostäder AB 2023-00187\n"
    assert _dnrs(page) == ["2023-00187"]
