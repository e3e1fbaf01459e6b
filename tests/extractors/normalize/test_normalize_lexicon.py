"""OCR-confusion repair with the second lexicon (Hunspell sv beside wordfreq): compounds
and capitals the frequency list lacks, short words read by the page, names and real
words left alone, and the repair on real Swedish text it was never tuned on."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from diarium.extractors.lexicon import hunspell_available
from diarium.extractors.normalize import normalize_text
from tests.support.ocr_damage import damage, normalize_line_for_line, score_swedish

# A protocol page as an English-only engine prints it: every å/ä/ö lost.
PAGE = (
    "Kommunstyrelsen foreslar att kommunfullmaktige beslutar att godkanna forslaget. "
    "Arendet har beretts av forvaltningen och namnden har yttrat sig over remissen. "
    "Ekonomiska konsekvenser: kostnaden ryms inom ramen for budgeten. "
    "Beslutet ska skickas till samtliga forvaltningar och till revisorerna. "
)


def _repaired(extra: str) -> str:
    return normalize_text(f"{PAGE}{extra}").text[len(PAGE) :]


needs_hunspell = pytest.mark.skipif(
    not hunspell_available(), reason="Debian's hunspell-sv is not installed (make system)"
)


@needs_hunspell
@pytest.mark.parametrize(
    ("seen", "expected"),
    [
        # Compounds and inflections the frequency list lacks.
        ("Sammantradesdatum 2024-03-12", "Sammanträdesdatum 2024-03-12"),
        ("Till samhallsbyggnadschef Eva Lind.", "Till samhällsbyggnadschef Eva Lind."),
        ("Det galler delarsrapporten.", "Det gäller delårsrapporten."),
        # Capitals.
        ("SAMMANTRADESPROTOKOLL", "SAMMANTRÄDESPROTOKOLL"),
        # Short words read the Swedish way on a page that lost its letters.
        ("Det ar klart pa mandag.", "Det är klart på måndag."),
        ("Avgiften ar 300 kronor per ar.", "Avgiften är 300 kronor per år."),
        ("Bidraget galler i tre ar.", "Bidraget gäller i tre år."),
        # Names, and words that are Swedish words as they stand, stay.
        ("Justerare Enesfroms och Palemalm.", "Justerare Enesfroms och Palemalm."),
        ("Pålemalm deltog.", "Pålemalm deltog."),
        ("Tjänstemannen ska avröja ärendet.", "Tjänstemannen ska avröja ärendet."),
        ("Det blev rött och det utsänts.", "Det blev rött och det utsänts."),
    ],
)
def test_repair_with_the_second_lexicon(seen: str, expected: str) -> None:
    assert _repaired(seen) == expected


def test_english_stays_english_on_a_mangled_page() -> None:
    assert _repaired("Centre for Research on the region.") == "Centre for Research on the region."


@needs_hunspell
@pytest.mark.slow
def test_repair_generalises_to_real_text_it_was_not_tuned_on(shared_dir: Path) -> None:
    """The twelve dev documents, their å/ä/ö lost as an English-only engine loses them:
    the issue's targets are 93 % repaired with at most 1.5 % of repairs wrong; this
    holds the line measured when the second lexicon came in (93.3 %, 1.54 %, which
    counts the ligature fix "ﬁ" → "fi" as a wrong repair)."""
    totals = [0, 0, 0, 0]
    for path in sorted((shared_dir / "dev" / "texts").glob("*.txt")):
        clean = path.read_text(encoding="utf-8")
        damaged = damage(clean, random.Random(f"7-{path.stem}-0"), letters_only=True)
        got = score_swedish(clean, damaged, normalize_line_for_line(damaged))
        totals = [t + g for t, g in zip(totals, got, strict=True)]
        assert normalize_line_for_line(clean).split() == clean.split() or path.stem.startswith(
            "goteborg_intraservice"  # its "ﬁ" ligature is unfolded, rightly
        )
    need, fixed, repairs, wrong = totals
    assert fixed / need >= 0.93
    assert wrong / repairs <= 0.016


def test_without_the_dictionary_repair_runs_on_wordfreq_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import diarium.extractors.lexicon as lexicon

    monkeypatch.setattr(lexicon, "HUNSPELL_DIRS", (str(tmp_path),))
    for cached in (lexicon._hunspell, lexicon.hunspell_knows, lexicon.hunspell_status):
        cached.cache_clear()
    try:
        assert not lexicon.hunspell_available()
        assert "hunspell-sv" in lexicon.hunspell_status()
        out = normalize_text(PAGE).text
        for fixed in ("föreslår", "förslaget", "förvaltningen", "Ärendet"):
            assert re.search(rf"\b{fixed}\b", out), fixed
    finally:
        monkeypatch.undo()
        for cached in (lexicon._hunspell, lexicon.hunspell_knows, lexicon.hunspell_status):
            cached.cache_clear()
