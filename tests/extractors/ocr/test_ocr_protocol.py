"""Protocol pages through real Tesseract: § signs kept, real eights left alone, leaders,
scribbles and stamps kept out of the page text (and in the raw text), and the
correction rules themselves on Tesseract-style word sequences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diarium.extractors.ocr.junk import find_junk, without_junk
from diarium.extractors.ocr.paragraph_sign import restore_paragraph_signs
from diarium.extractors.ocr.words import OcrWord
from tests.support.protocol_pages import protocol_pdf, protocol_text

SURE, UNSURE = 95.0, 60.0


def _line(spec: str) -> list[OcrWord]:
    """Words of a line; a word written `8?` is one Tesseract was unsure of."""
    return [
        OcrWord(w[:-1], UNSURE) if w.endswith("?") and len(w) > 1 else OcrWord(w, SURE)
        for w in spec.split()
    ]


def _restored(*specs: str) -> list[str]:
    lines = [_line(spec) for spec in specs]
    restore_paragraph_signs(lines)
    return [" ".join(w.text for w in line) for line in lines]


@pytest.mark.parametrize(
    ("seen", "expected"),
    [
        # What only a paragraph sign can be.
        ("$ 45 Dnr KS 2024/118", "§ 45 Dnr KS 2024/118"),
        ("$45 Budget", "§ 45 Budget"),
        ("enligt $$ 12-14 i delegationsordningen", "enligt §§ 12-14 i delegationsordningen"),
        ("S 12 Val av justerare", "§ 12 Val av justerare"),
        ("$$'5 och 6", "§§ 5 och 6"),
        ("$8 Dnr BUN 2023/58", "§ 8 Dnr BUN 2023/58"),
        ("jfr KF-8 88", "jfr KF § 88"),
        # An 8 where protocols cite paragraphs.
        ("8 45 Dnr KS 2024/118", "§ 45 Dnr KS 2024/118"),
        ("KS 8 45", "KS § 45"),
        ("beslutar enligt 8 3 i reglementet", "beslutar enligt § 3 i reglementet"),
        ("se även 88 5 och 6", "se även §§ 5 och 6"),
        ("stöd av 6 kap. 4 8 kommunallagen", "stöd av 6 kap. 4 § kommunallagen"),
        # Eights that are eights.
        ("8 st fordon", "8 st fordon"),
        ("öppnades kl. 8 30", "öppnades kl. 8 30"),
        ("en höjning med 8 %", "en höjning med 8 %"),
        ("omfattar 8 000 kronor", "omfattar 8 000 kronor"),
        ("den 8 mars 2024", "den 8 mars 2024"),
        ("Bilaga 8 hör till protokollet", "Bilaga 8 hör till protokollet"),
        ("8 12 kr per elev", "8 12 kr per elev"),
        ("i årskurs 8", "i årskurs 8"),
        ("8 ledamöter var närvarande", "8 ledamöter var närvarande"),
        ("847 kronor", "847 kronor"),
        ("$", "$"),
    ],
)
def test_paragraph_sign_in_context(seen: str, expected: str) -> None:
    assert _restored(seen) == [expected]


def test_an_unsure_eight_is_a_sign_only_on_a_page_that_cites_paragraphs() -> None:
    # The heading "§ 47" read as one word "847": a sign only beside other citations.
    assert _restored("847? Val av justerare") == ["847 Val av justerare"]
    assert _restored("$ 46 Delegationsbeslut", "847? Val av justerare") == [
        "§ 46 Delegationsbeslut",
        "§ 47 Val av justerare",
    ]
    assert _restored("$ 46 Delegationsbeslut", "847 Val av justerare")[1] == (
        "847 Val av justerare"
    )
    # "kl. 8 30" stays even when Tesseract was unsure and the page cites paragraphs.
    assert _restored("$ 46", "kl. 8? 30")[1] == "kl. 8 30"


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("Sekreterare ..............................", [".............................."]),
        ("Ordförande s..mlsssssrensrr? sm? en?", ["s..mlsssssrensrr", "sm", "en"]),
        ("OTUATÖTÄN? ee0d? Justerare", ["ee0d"]),
        ("Kommunstyrelsen beslutar enligt förslaget", []),
        ("Södertörnssamverkan? grundorganisationen? 2024-03-12?", []),
        ("kontakt: registrator@huddinge.se? KS?", []),
    ],
)
def test_junk_words(line: str, dropped: list[str]) -> None:
    words = []
    for w in line.split():
        if w.endswith("?"):
            words.append(OcrWord(w[:-1], 0.0 if "." in w or w[0].islower() else 20.0))
        else:
            words.append(OcrWord(w, SURE))
    text, junk = find_junk([words])
    assert [text[s:e] for s, e in junk.spans] == dropped
    record = junk.as_record()
    clean = without_junk(text, {"ocr_junk": record})
    for word in dropped:
        assert word not in clean.split()


VARIANTS = [
    (1, {}),
    (
        1,
        {
            "font_name": "DejaVuSans.ttf",
            "size": 40,
            "scribble": True,
            "stamp": True,
            "noise": 0.002,
            "skew": 0.5,
            "seed": 3,
        },
    ),
    (2, {"size": 44, "scribble": True, "noise": 0.003, "skew": -0.6, "seed": 5}),
    (2, {"font_name": "DejaVuSansMono.ttf", "size": 38, "stamp": True, "seed": 7}),
]
# Eights of the pages that must come out as eights, never as §.
REAL_EIGHTS = re.compile(
    r"§ ?(?:000|mars|ledamöter|st\b|hör|\d+ ?(?:%|kr|st\b|mars))|årskurs §|Bilaga §|kl\. ?§"
)


@pytest.fixture(scope="module")
def read_pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, object]]:
    from diarium.extractors.document import normalized_page
    from diarium.extractors.pages import PageOptions, ocr_page, triage_pages

    folder = tmp_path_factory.mktemp("protocols")
    out = []
    for k, (number, options) in enumerate(VARIANTS):
        pdf = protocol_pdf(folder / f"page{k}.pdf", protocol_text(number), **options)
        work = triage_pages(str(pdf), PageOptions())[0]
        done = ocr_page(str(pdf), work, PageOptions())
        out.append((protocol_text(number), normalized_page(done)))
    return out


@pytest.mark.slow
def test_paragraph_signs_survive_ocr(read_pages: list[tuple[str, object]]) -> None:
    expected = found = 0
    for reference, page in read_pages:
        text = page.text  # type: ignore[attr-defined]
        expected += reference.count("§")
        found += min(text.count("§"), reference.count("§"))
        assert text.count("§") <= reference.count("§"), text  # no eight became a sign
        assert not REAL_EIGHTS.search(text), text
        assert page.decision.get("paragraph_signs")  # type: ignore[attr-defined]
    assert found / expected >= 0.9, f"{found} of {expected} § signs read"


@pytest.mark.slow
def test_leaders_scribbles_and_stamps_stay_out_of_the_page_text(
    read_pages: list[tuple[str, object]],
) -> None:
    dropped_somewhere = False
    for _reference, page in read_pages:
        text, raw = page.text, page.raw_text  # type: ignore[attr-defined]
        junk = page.decision.get("ocr_junk")  # type: ignore[attr-defined]
        assert "Eva Lind" in text and "Per Holm" in text
        assert not re.search(r"\.{4,}", text), text
        # No word of the signature line is a run of one letter or a letter among dots.
        assert not re.search(r"([^\W\d_])\1\1|[^\W\d_]\.\.+[^\W\d_]", text), text
        if junk:
            dropped_somewhere = True
            assert junk["dropped"] == sum(junk["reasons"].values())
            for start, end in junk["spans"]:
                assert raw[start:end].strip()  # the junk is still in the raw text
    assert dropped_somewhere


def test_without_junk_keeps_text_without_a_record() -> None:
    assert without_junk("a  b", {}) == "a  b"
    assert without_junk("Ordförande ...... Per", {"ocr_junk": {"spans": [[11, 17]]}}) == (
        "Ordförande Per"
    )


def test_fonts_for_the_protocol_pages_are_installed() -> None:
    assert Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf").exists(), (
        "fonts-dejavu-core is missing: run make system"
    )
