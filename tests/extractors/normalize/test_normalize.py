"""The normalizer on Swedish text: the repository's texts encoded wrongly on purpose (a
clone tests them alone), the clean seeds damaged as an engine without Swedish would, and
the badly OCR'd seed 002 against its hand-corrected gold."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252 for the variants
import pytest
from click.testing import CliRunner

from diarium.cli import main
from diarium.extractors.normalize import normalize_text
from tests.support.ocr_damage import damage, normalize_line_for_line, score
from tests.support.paths import IN_REPO_TEXTS

CLEAN = [
    "000_f8badb87c9af703f",
    "001_765f4aff51717789",
    "003_c08b4645b818a962",
    "004_7ff617f099811495",
]
MANGLED = "002_f30bd752dd3ee1b5"
ISO_646_SE = str.maketrans({"ä": "{", "ö": "|", "å": "}", "Ä": "[", "Ö": "\\", "Å": "]"})


def seed(shared: Path, name: str) -> str:
    return (shared / "seeds" / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", IN_REPO_TEXTS, ids=lambda p: p.stem)
def test_clean_text_comes_through_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = normalize_text(text)
    assert result.text == text
    assert result.changes == []


def _variants(text: str) -> dict[str, str]:
    latin1 = text.encode("utf-8").decode("latin-1")
    return {
        "utf8-as-latin1": latin1,
        "utf8-as-latin1-twice": latin1.encode("utf-8").decode("latin-1"),
        "utf8-as-cp1252": text.encode("utf-8").decode("sloppy-windows-1252"),
        "utf8-as-macroman": text.encode("utf-8").decode("mac_roman"),
        "utf8-as-cp850": text.encode("utf-8").decode("cp850"),
        "utf8-as-cp437": text.encode("utf-8").decode("cp437"),
        "decomposed": unicodedata.normalize("NFD", text),
        "iso-646-se": text.translate(ISO_646_SE),
    }


@pytest.mark.parametrize("path", IN_REPO_TEXTS, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    "variant",
    [
        "utf8-as-latin1",
        "utf8-as-latin1-twice",
        "utf8-as-cp1252",
        "utf8-as-macroman",
        "utf8-as-cp850",
        "utf8-as-cp437",
        "decomposed",
        "iso-646-se",
    ],
)
def test_wrongly_encoded_text_comes_back_exactly(path: Path, variant: str) -> None:
    text = path.read_text(encoding="utf-8")
    damaged = _variants(text)[variant]
    assert damaged != text
    assert normalize_text(damaged).text == text


def _word_scores(shared: Path) -> tuple[float, float]:
    source = seed(shared, MANGLED)
    gold = (shared / "gold/ocr" / f"{MANGLED}.corrected.txt").read_text(encoding="utf-8")
    # Word by word against a line-for-line gold that keeps line-end hyphens.
    need, repaired, right, damaged = score(gold, source, normalize_line_for_line(source))
    return repaired / need, damaged / right


def test_ocr_confusions_in_seed_002(shared_dir: Path) -> None:
    repaired, damaged = _word_scores(shared_dir)
    # Issue targets. What is left is mostly words whose reading needs context
    # ("vara"/"våra", "gilla"/"gälla"), names, and punctuation.
    assert repaired >= 0.90
    assert damaged <= 0.005


@pytest.mark.parametrize("name", CLEAN)
def test_ocr_damage_the_rules_were_not_fitted_to(shared_dir: Path, name: str) -> None:
    """The clean seeds, damaged at random as an engine without Swedish would: most
    damaged words come back exactly and right words stay right. Seeded, so the damage
    is the same on every run."""
    clean = seed(shared_dir, name)
    damaged = damage(clean, random.Random(f"diarium-{name}"))
    need, fixed, right, changed = score(clean, damaged, normalize_line_for_line(damaged))
    assert need > 200
    assert fixed / need >= 0.85
    assert changed / right <= 0.005


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sa\u0308rskilt pa\u030a mo\u0308tet", "Särskilt på mötet"),
        ("a\u00a8ven och va\u02dara", "även och våra"),
        ("\ufb01nansiering och \ufb02ygplats", "finansiering och flygplats"),
        ("sam\u00adarbete", "samarbete"),
        ("Dnr\u00a0KS\u20092022/960", "Dnr KS 2022/960"),
        ("Kommunstyrelsen &amp; n&auml;mnden", "Kommunstyrelsen & nämnden"),
        ("beslut\x07 fattat", "beslut fattat"),
    ],
)
def test_unicode_repairs(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Södertörns samarbets-\nkommitté beslutade", "Södertörns samarbetskommitté beslutade"),
        ("överens-\nkommelsen gäller", "överenskommelsen gäller"),
        ("Handläggare Britt-\nMarie Lundberg", "Handläggare Britt-\nMarie Lundberg"),
        ("Dnr KS-\n2022/960.103", "Dnr KS-\n2022/960.103"),
        ("Kungens kurva-Skärholmen", "Kungens kurva-Skärholmen"),
        ("barn- och\nutbildningsnämnden", "barn- och\nutbildningsnämnden"),
    ],
)
def test_line_end_hyphenation(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected


def test_what_was_right_survives_on_a_mangled_page() -> None:
    page = (
        "Kommunstyrelsen foreslar att forslaget om Sodertdrns utvecklingsprogram ir "
        "godkint. Kontakt: Agneta.Persson-Hellsten@huddinge.se, www.huddinge.se, "
        "Dnr KS-2022/960.103, den 2022-04-07. Handlaggare Ajda Asgari (SD) for "
        "kommunen. Centre for Research on the region, with stakeholders."
    )
    out = normalize_text(page).text
    for kept in (
        "Agneta.Persson-Hellsten@huddinge.se",
        "www.huddinge.se",
        "KS-2022/960.103",
        "2022-04-07",
        "(SD)",
        "Centre for Research",
        "stakeholders",
    ):
        assert kept in out
    for fixed in ("föreslår", "förslaget", "Södertörns", "är", "godkänt"):
        assert re.search(rf"\b{fixed}\b", out), fixed


def test_brackets_and_pipes_are_not_read_as_letters_in_ordinary_text() -> None:
    text = "Se bilaga [1] och tabell | kolumn {a} för detaljer."
    assert normalize_text(text).text == text


def test_cli_explain_lists_each_change() -> None:
    mangled = "Kommunstyrelsen f|resl}r att f|rslaget om S|dert|rn godk{nns."
    result = CliRunner().invoke(main, ["normalize", "--explain"], input=mangled)
    assert result.exit_code == 0
    assert "'f|rslaget' → 'förslaget' (legacy7bit)" in result.output
    plain = CliRunner().invoke(main, ["normalize"], input=mangled)
    assert plain.output == "Kommunstyrelsen föreslår att förslaget om Södertörn godkänns."


@pytest.mark.parametrize(
    "page",
    [
        # A flattened attendance list: names the lexicon lacks and the abbreviation "tjg"
        # (tjänstgörande) on a page whose å/ä/ö are all there.
        "PROTOKOLL Kommunstyrelsen Sammanträdesdatum: 2019-03-04 Beslutande Maria Lindh (S) "
        "tjg för Åsa Ström (S) Göran Fihn (L) tjg för Kjell Bouja (M) Märta Sjöö (C), "
        "ordförande Örjan Tjärn (KD) tjg Rose-Marie Fihn (L) §§ 12-14 Närvarande ersättare "
        "Bengt Älv (M) Övriga deltagande Sekreterare Ingrid Hjelm",
        "Justerande Per Löfgrén (S) och Kristina Bouja (V), tjg ersättare Håkan Wiik. "
        "Närvarande tjänstemän: Anna Fihn, Jörgen Åhs, Märit Nyh.",
    ],
)
def test_clean_page_of_names_is_not_taken_for_lost_letters(page: str) -> None:
    """Names and abbreviations a lexicon lacks make a page look unusual, but a page whose
    words keep their å/ä/ö is no English-OCR output: nothing on it is "repaired"."""
    assert normalize_text(page).text == page
