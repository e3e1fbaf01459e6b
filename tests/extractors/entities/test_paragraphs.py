"""Paragraph headings and citations (``extractors/entities/paragraphs.py``) and case
numbers inside a query (``extractors/entities/dnr.py``), as pure functions; the real
Högsby protocol text where ``../shared/dev/`` is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from diarium.extractors.entities.dnr import dnr_lookup_keys, find_in_query
from diarium.extractors.entities.paragraphs import find_paragraphs, find_references, organ_key


def _numbers(pages: list[str], organ: str | None = None) -> list[int]:
    return [p.number for p in find_paragraphs(pages, organ)]


def test_headings_are_paragraphs_and_citations_are_not() -> None:
    page = (
        "PROTOKOLL\n§ 46 Val av justerare\n§47\nDetaljplan för Lugnvik\n"
        "§ 5 i kommunallagen gäller.\n"  # a statute cited at a line start
        "§ 48 Dnr KS 2023/0544\n"
        "  § 3 a Motion\n"
        "§ 12:3 och § 4 st. 2\n"  # statute numbers
        "KS § 437 06-12-13\n"  # an earlier decision with its date
    )
    assert _numbers([page]) == [46, 47, 48, 3]


def test_a_heading_code_of_another_organ_is_a_citation() -> None:
    pages = ["KS § 1 Val\ntext", "KU § 317 Energibolag\nKS § 2 Budget\n"]
    assert _numbers(pages, "Kommunstyrelsen") == [1, 2]
    # The code most headings carry is the protocol's, known to the table or not.
    assert _numbers(["GN § 4 Bygglov\nGN § 5 Strandskydd\nKS § 9 Budget"]) == [4, 5]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("KS", "Kommunstyrelsen"),
        ("kommunstyrelse", "KOMMUNSTYRELSEN"),
        ("KFN", "Kultur- och fritidsnämnden"),
        ("Kommunfullmäktige i Nässjö kommun", "kommunfullmaktige"),
    ],
)
def test_one_organ_key_for_every_way_an_organ_is_written(a: str, b: str) -> None:
    assert organ_key(a) == organ_key(b)


def test_organs_stay_apart() -> None:
    assert organ_key("KS") != organ_key("KF")
    assert organ_key("Byggnadsnämnden") != organ_key("Miljö- och byggnadsnämnden")


@pytest.mark.parametrize(
    ("query", "cited", "number", "organ", "year", "date"),
    [
        ("KS § 47", "KS § 47", 47, "KS", None, None),
        ("kommunstyrelsen § 47", "kommunstyrelsen § 47", 47, "kommunstyrelsen", None, None),
        ("KF 2024-03-14 § 12", "KF 2024-03-14 § 12", 12, "KF", "2024", "2024-03-14"),
        ("§ 47 2024", "§ 47 2024", 47, None, "2024", None),
        ("detaljplan § 47", "§ 47", 47, None, None, None),
        ("kfn §8 bidrag", "kfn §8", 8, "kfn", None, None),
    ],
)
def test_citations_in_a_query(
    query: str, cited: str, number: int, organ: str | None, year: str | None, date: str | None
) -> None:
    (ref,) = find_references(query)
    assert query[ref.start : ref.end] == cited
    assert (ref.number, ref.organ, ref.year, ref.date) == (number, organ, year, date)


@pytest.mark.parametrize(
    ("query", "written", "key"),
    [
        ("detaljplan ks 2023 871 lugnvik", "ks 2023 871", "ks-2023-871"),
        ("KFN 2023 / 412 bidrag", "KFN 2023 / 412", "kfn-2023-412"),
        ("förskola BN21-118", "BN21-118", "bn-2021-118"),
        ("beslut 2023/871", "2023/871", "2023-871"),
    ],
)
def test_a_case_number_among_words(query: str, written: str, key: str) -> None:
    (found,) = find_in_query(query)
    assert (found.text, found.keys[0]) == (written, key)


@pytest.mark.parametrize("query", ["kl 13-15", "budget 2023 2024", "möte 2023 871", "KS § 47"])
def test_no_case_number_among_words(query: str) -> None:
    assert find_in_query(query) == []


def test_a_typed_two_digit_year_also_looks_in_the_other_century() -> None:
    assert dnr_lookup_keys("sn 18/98")[:2] == ["sn-2018-98", "2018-98"]
    assert "sn-1918-98" in dnr_lookup_keys("sn 18/98")
    # 2097 is in the future: no such key.
    assert not any("2097" in k for k in dnr_lookup_keys("ks 97/1155"))


def test_the_real_protocol_heads_its_twelve_paragraphs(shared_dir: Path) -> None:
    text = (shared_dir / "dev/texts/hogsby_KS_2007-01-08.txt").read_text(encoding="utf-8")
    found = find_paragraphs(text.split("\f"), "Kommunstyrelsen")
    # KS § 1 ... § 12 with § 3 a and § 3 b; not "KU § 317" nor "KS § 437 06-12-13".
    assert [p.number for p in found] == [1, 2, 3, 3, *range(4, 13)]
    assert [p.page for p in found] == list(range(2, 15))
