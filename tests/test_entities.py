"""Entities and metadata against the hand-checked gold for seeds 000 and 004, read from
the shared text PDFs through the real extraction; plus tables of formats that must and
must not be recognised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diarium.corpus.model import Document
from diarium.extractors.document import assemble_document
from diarium.extractors.entities import extract_entities
from diarium.extractors.entities.dates import find_dates
from diarium.extractors.entities.dnr import (
    canonical_dnr,
    dnr_lookup_keys,
    find_structured,
    looks_like_dnr,
)
from diarium.extractors.entities.spacy_pipeline import pipeline
from diarium.extractors.pages import PageOptions, triage_pages

GOLD = ["000_f8badb87c9af703f", "004_7ff617f099811495"]


def f1(predicted: set[str], gold: set[str]) -> float:
    if not predicted and not gold:
        return 1.0
    tp = len(predicted & gold)
    if tp == 0:
        return 0.0
    precision, recall = tp / len(predicted), tp / len(gold)
    return 2 * precision * recall / (precision + recall)


@pytest.fixture(scope="module", params=GOLD)
def case(request: pytest.FixtureRequest, shared_dir: Path) -> tuple[Document, dict]:
    name = request.param
    pdf = shared_dir / "corpus/text" / f"{name}.pdf"
    works = triage_pages(str(pdf), PageOptions(ocr="never"))
    doc = assemble_document("0" * 64, str(pdf), pdf.name, works)
    gold = json.loads((shared_dir / "gold/entities" / f"{name}.json").read_text())
    return doc, gold


def values(doc: Document, kind: str, **attrs: object) -> set[str]:
    return {
        e.value
        for e in doc.entities_of(kind)
        if all(bool(e.attrs.get(k)) == v for k, v in attrs.items())
    }


def test_case_numbers(case: tuple[Document, dict]) -> None:
    doc, gold = case
    expected = {canonical_dnr(x) for x in gold["diarienummer"]}
    assert f1(values(doc, "DNR"), expected) >= 0.98


def test_explicit_and_inferred_dates(case: tuple[Document, dict]) -> None:
    doc, gold = case
    assert f1(values(doc, "DATE", inferred=False), set(gold["dates_explicit"])) >= 0.98
    assert f1(values(doc, "DATE", inferred=True), set(gold["dates_implicit"])) >= 0.9


def test_people(case: tuple[Document, dict]) -> None:
    doc, gold = case
    assert f1(values(doc, "PERSON"), set(gold["people"])) >= 0.95


def test_bodies_on_canonical_names_and_variants(case: tuple[Document, dict]) -> None:
    doc, gold = case
    canon = {b.casefold(): b for b in gold["bodies"]}
    for name, variants in gold.get("body_variants", {}).items():
        canon.update({v.casefold(): name for v in variants})
    found = {
        canon.get(e.value.casefold(), canon.get(e.text.casefold(), e.value))
        for e in doc.entities_of("BODY")
    }
    assert f1(found, set(gold["bodies"])) >= 0.85


def test_metadata(case: tuple[Document, dict]) -> None:
    doc, gold = case
    md = doc.metadata
    assert md.document_date == gold["document_date"]
    assert md.doc_type == gold["doc_type"]
    assert md.municipality == gold["municipality"]
    if gold["diarienummer"]:
        assert md.dnr == canonical_dnr(gold["diarienummer"][0])
    assert md.title == gold["title"]
    assert md.organisation == gold["organisation"]


def test_offsets_point_at_the_mention(case: tuple[Document, dict]) -> None:
    doc, _ = case
    for e in doc.entities:
        assert doc.pages[e.page - 1].text[e.start : e.end] == e.text


def test_runs_as_a_spacy_pipeline_on_blank_swedish() -> None:
    nlp = pipeline()
    assert nlp.lang == "sv"
    assert nlp.pipe_names == [
        "diarium_dnr",
        "diarium_dates",
        "diarium_people",
        "diarium_bodies",
        "diarium_pnr",
        "diarium_ents",
    ]



def test_the_spacy_pipeline_finds_what_the_rules_find() -> None:
    """The components run on a spaCy Doc as on the page text (``run``), spans at the
    same characters."""
    from diarium.extractors.entities.spacy_pipeline import run

    text = "Kommunstyrelsen beslutade 2024-01-15 att Anna Andersson (S) utses. Dnr KS 2024/12"
    doc = pipeline()(text)
    ents = [(e.start_char, e.end_char, e.label_, e._.value) for e in doc.ents]
    assert ents == [(m.start, m.end, m.label, m.value) for m in run(text, {})]
    assert [e[2] for e in ents] == ["BODY", "DATE", "PERSON", "DNR"]


@pytest.mark.parametrize(
    ("written", "same_as"),
    [
        ("KS 2019/0643", "ks-2019/643"),
        ("Dnr KS 2018/124", "KS2018-124"),
        ("KS-2022/960.103", "ks 2022/0960.103"),
        ("KS/2019/0001/0009", "KS 2019/1/9"),
        ("KS-2024-00011", "KS 2024/11"),
        ("BN-2023-002242", "bn 2023-2242"),
        ("RÄN-2018-0082", "rän 2018/82"),
        ("Dnr 2019/KS 0260 005", "KS-2019/260.5"),
        ("KS KF/2024:8", "KSKF/2024:8"),
        ("Ju2022/02173", "JU 2022/2173"),
        ("LM2021/038260", "LM-2021-38260"),
        ("UF2015/33528/UD/AF", "uf 2015/33528/ud/af"),
        ("511-20118-2020", "511-20118-2020"),
        ("8.5-29206/2014", "8.5-29206/2014"),
        ("Dnr 0263/20", "2020-263"),
    ],
)
def test_case_number_formats_and_variants(written: str, same_as: str) -> None:
    assert canonical_dnr(written) is not None
    assert canonical_dnr(written) == canonical_dnr(same_as)


@pytest.mark.parametrize(
    "not_a_number",
    [
        "§ 60",
        "§§ 18-33",
        "KF § 18",
        "08-535 313 92",
        "2022-04-07",
        "212000-1256",
        "19850101-1234",
        "SFS 2018:471",
        "SOU 2023:45",
        "T 3592-13",
        "1384 2019:00038",
        "Budget 2022/2023",
        "2021/22",
    ],
)
def test_things_that_are_not_case_numbers(not_a_number: str) -> None:
    assert not looks_like_dnr(not_a_number)
    assert find_structured(f"Se {not_a_number} i protokollet.") == []


def test_short_forms_find_the_full_number() -> None:
    full = set(dnr_lookup_keys("KS-2022/960.103"))
    assert set(dnr_lookup_keys("ks 2022/960")) <= full
    assert set(dnr_lookup_keys("2022/960")) <= full
    assert set(dnr_lookup_keys("2023-00250")) <= set(dnr_lookup_keys("KS-2023-00250"))


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Torsdagen den 19 maj 2022 kl 13.00", ["2022-05-19"]),
        ("daterat 7 april 2022", ["2022-04-07"]),
        ("fredag 14 juni 2024", ["2024-06-14"]),
        ("19/5 2022", ["2022-05-19"]),
        ("16-17 augusti 2017", ["2017-08-16", "2017-08-17"]),
        ("24–25 februari 2024", ["2024-02-24", "2024-02-25"]),
        ("2023-09-26 till 2024-01-16", ["2023-09-26", "2024-01-16"]),
        ("Dnr 2023-00250, 2021/22, SOU 2023:45, kl. 13.00-15.30, tel 08-535 313 92", []),
    ],
)
def test_date_formats(text: str, days: list[str]) -> None:
    found = [v for d in find_dates(text) for v in d.values]
    assert found == days


def test_day_and_month_take_the_documents_year_and_are_marked_inferred() -> None:
    pages = ["Protokoll\nDatum 2022-03-01\nNästa möte hålls den 6 oktober."]
    dates = [e for e in extract_entities(pages).entities if e.type == "DATE"]
    assert [(e.value, bool(e.attrs.get("inferred"))) for e in dates] == [
        ("2022-03-01", False),
        ("2022-10-06", True),
    ]


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Lena Wahlgren (M), ordförande", ["Lena Wahlgren"]),
        ("Handläggare Britt-Marie Lundberg Björk", ["Britt-Marie Lundberg Björk"]),
        ("Justerare: Åsa de Mander", ["Åsa de Mander"]),
        ("enligt Camilla Broos förslag", ["Camilla Broo"]),
        ("Deltagare Leif Eriksson Meeri Wasberg", ["Leif Eriksson", "Meeri Wasberg"]),
        ("Kommunstyrelsen i Huddinge kommun", []),
    ],
)
def test_people_in_context(text: str, people: list[str]) -> None:
    found = [e.value for e in extract_entities([text]).entities if e.type == "PERSON"]
    assert found == people


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        ("kommunstyrelsens förslag", ["Kommunstyrelsen"]),
        ("Barn- och utbildningsnämnden", ["Barn- och utbildningsnämnden"]),
        ("Miljö- och byggnadsnämndens beslut", ["Miljö- och byggnadsnämnden"]),
        ("Länsstyrelsen i Stockholms län", ["Länsstyrelsen i Stockholms län"]),
        ("HUDDINGE KOMMUN", ["Huddinge kommun"]),
        ("Stockholm stad", ["Stockholms stad"]),
        ("Region Stockholm och Trafikverket", ["Region Stockholm", "Trafikverket"]),
        ("Södertörns högskola", ["Södertörns högskola"]),
    ],
)
def test_bodies_are_canonical(text: str, bodies: list[str]) -> None:
    found = [e.value for e in extract_entities([text]).entities if e.type == "BODY"]
    assert found == bodies
