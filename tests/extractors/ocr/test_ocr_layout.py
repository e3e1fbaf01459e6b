"""Reading order from Tesseract's layout, and the word confidences kept on the page.

Real Tesseract reads real pictures: a form with side headings (each `§` heading must
come right before the body beside it), a two-column page of running text (its columns
must stay whole), and the 1983 typewritten form of ../shared/dev/scans (side headings,
a rotated margin imprint)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from diarium.corpus.model import Page
from diarium.extractors.ocr import ocr_pdf_page
from diarium.extractors.ocr.reading_order import ROTATED_REASON, Block, arrange
from diarium.extractors.ocr.words import OcrWord
from tests.support.pdf_builder import FULL_PAGE, image_pdf
from tests.support.protocol_pages import A4_300DPI, font, protocol_pdf, protocol_text

FORM = [
    ("§ 1 FIRMA", ["Föreningens firma är Stenålderns samfällighetsförening."]),
    (
        "§ 2 ÄNDAMÅL",
        [
            "Föreningen har till uppgift att förvalta vägar och",
            "grönområden inom kvarteret för medlemmarnas räkning.",
        ],
    ),
    ("§ 3 MEDLEM", ["Medlem är ägare till fastighet som har del i samfälligheten."]),
    (
        "§ 4 STYRELSE",
        ["Styrelsen består av fem ledamöter och tre suppleanter", "som väljs av stämman."],
    ),
]


def _form_pdf(path: Path) -> Path:
    """Headings in a narrow left column, each beside its body, a gap between items."""
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    heading, body = font("DejaVuSans-Bold.ttf", 40), font("DejaVuSans.ttf", 40)
    y = 300
    for title, lines in FORM:
        draw.text((200, y), title, font=heading, fill=0)
        for k, line in enumerate(lines):
            draw.text((800, y + k * 62), line, font=body, fill=0)
        y += 62 * len(lines) + 260
    return image_pdf(path, page, FULL_PAGE)


LEFT = (
    "Kommunfullmäktige beslutade i mars att bygga en ny skola i centrum av staden och "
    "att förskolan ska få nya lokaler under nästa år enligt planen"
)
RIGHT = (
    "Nämnden har fått information om budgeten och om hur arbetet med lokalerna går "
    "vidare under hösten samt om de synpunkter som kommit in från medborgarna"
)


def _columns_pdf(path: Path) -> Path:
    """Two dense columns of running text side by side, lines aligned row by row."""
    page = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(page)
    face = font("DejaVuSerif.ttf", 40)
    for x, column in ((200, LEFT), (1320, RIGHT)):
        words = column.split()
        for row in range(0, len(words), 4):
            draw.text((x, 300 + row // 4 * 62), " ".join(words[row : row + 4]), font=face, fill=0)
    return image_pdf(path, page, FULL_PAGE)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.slow
def test_side_headings_come_before_the_body_beside_them(tmp_path: Path) -> None:
    result = ocr_pdf_page(str(_form_pdf(tmp_path / "form.pdf")), 0)
    text = _flat(result.clean_text)
    assert any("side headings" in note for note in result.notes), result.notes
    for (title, lines), following in zip(FORM, [*FORM[1:], None], strict=True):
        start = text.index(title)
        body = text.index(" ".join(lines[0].split()[:3]))
        assert start < body, text
        if following is not None:
            assert body < text.index(following[0]), text  # the next heading after this body


@pytest.mark.slow
def test_columns_of_running_text_stay_whole(tmp_path: Path) -> None:
    result = ocr_pdf_page(str(_columns_pdf(tmp_path / "columns.pdf")), 0)
    text = _flat(result.clean_text)
    assert not any("side headings" in note for note in result.notes), result.notes
    assert text.index("planen") < text.index("Nämnden"), text


def _word(text: str, box: tuple[int, int, int, int]) -> OcrWord:
    return OcrWord(text, 95.0, box)


def test_arrange_keeps_tesseract_order_without_a_heading_column() -> None:
    body = Block(1, (100, 100, 900, 200), [[_word("Första", (100, 100, 300, 130))]])
    second = Block(1, (100, 300, 900, 400), [[_word("Andra", (100, 300, 300, 330))]])
    arranged = arrange([body, second])
    assert [w.text for line in arranged.lines for w in line] == ["Första", "Andra"]
    assert arranged.note is None


def test_rotated_margin_text_goes_last_as_junk() -> None:
    imprint = Block(7, (10, 500, 30, 900), [[_word("LiberTryck", (10, 500, 30, 900))]])
    body = Block(1, (100, 100, 900, 200), [[_word("Stadgar", (100, 100, 300, 130))]])
    arranged = arrange([imprint, body])
    words = [w for line in arranged.lines for w in line]
    assert [w.text for w in words] == ["Stadgar", "LiberTryck"]
    assert words[1].junk == ROTATED_REASON and words[0].junk is None


@pytest.mark.slow
def test_word_confidences_are_kept_with_the_boxes(tmp_path: Path) -> None:
    from diarium.extractors.pages import PageOptions, ocr_page, triage_pages

    pdf = protocol_pdf(tmp_path / "p.pdf", protocol_text(1), scribble=True, seed=3)
    done = ocr_page(str(pdf), triage_pages(str(pdf), PageOptions())[0], PageOptions())
    words = done.raw_text.split()
    assert done.words is not None and done.word_confidences is not None
    assert len(done.word_confidences) == len(words) == len(done.words) // 4
    assert all(0 <= c <= 100 for c in done.word_confidences)
    sure = dict(zip(words, done.word_confidences, strict=True))
    assert sure["Kommunstyrelsen"] >= 80  # printed words are read with confidence
    leaders = [c for w, c in zip(words, done.word_confidences, strict=True) if "...." in w]
    assert min(sure.values()) < 80 and (not leaders or min(leaders) < sure["Kommunstyrelsen"])


def test_pages_stored_before_word_confidences_still_load() -> None:
    old = {"number": 1, "text": "a", "raw_text": "a", "method": "ocr", "words": [0, 0, 1, 1]}
    page = Page.from_dict(old)
    assert page.word_confidences is None and page.words == [0, 0, 1, 1]
    new = Page.from_dict({**old, "word_confidences": [91]})
    assert new.word_confidences == [91]


DEV_SCAN = "lantmateriet_forrattning-stadgar_1983-08-17"


@pytest.mark.slow
def test_the_1983_form_reads_heading_then_body(shared_dir: Path) -> None:
    pdf = shared_dir / "dev" / "scans" / "pdf" / f"{DEV_SCAN}.pdf"
    result = ocr_pdf_page(str(pdf), 0)
    text = _flat(result.clean_text)
    # Each heading right before the body beside it (not all headings first).
    assert re.search(r"§ 4 MEDLEM Medlem i föreningen", text), text
    assert re.search(r"§ 6 STYRELSE val Styrelsen utses", text), text
    assert text.count("§") >= 7
    # The rotated form imprint is in the raw text, not in the indexed text.
    assert "LiberTryck" in result.text and "LiberTryck" not in text


def _dotted_page(noise: float = 0.0) -> Image.Image:
    """A line of text with umlauts, a dotted leader under typed words, and speckle."""
    import random

    page = Image.new("L", (2000, 400), 255)
    draw = ImageDraw.Draw(page)
    draw.text((100, 60), "Föreningens företrädare är här", font=font("DejaVuSans.ttf", 40), fill=0)
    for x in range(100, 1900, 14):
        draw.ellipse((x, 262, x + 4, 266), fill=0)  # a leader of 4-px dots
    draw.text((500, 218), "Stenålderns", font=font("DejaVuSansMono.ttf", 40), fill=0)
    rng = random.Random(4)
    pixels = page.load()
    for _ in range(int(page.width * page.height * noise)):
        pixels[rng.randrange(page.width), rng.randrange(page.height)] = 0  # type: ignore[index]
    return page


def test_dotted_leaders_are_erased_and_nothing_else() -> None:
    from diarium.extractors.ocr.leaders import erase_leaders

    page = _dotted_page(noise=0.002)
    cleaned, dots = erase_leaders(page, 300)
    assert dots >= 100  # the leader's dots, not the speckle
    before, after = page.load(), cleaned.load()
    # Every pixel of the leader row is white, bar where a typed letter's stroke crosses it.
    row = [after[x, 264] for x in range(100, 480)]  # type: ignore[index]
    assert min(row) == 255
    # The text line (its umlaut dots included) and the typed word are untouched.
    for y in list(range(50, 120)) + list(range(215, 258)):
        for x in range(100, 1900, 3):
            assert before[x, y] == after[x, y], (x, y)  # type: ignore[index]


def test_a_page_without_leaders_is_returned_as_it_is() -> None:
    from diarium.extractors.ocr.leaders import erase_leaders

    page = _dotted_page()
    page.paste(255, (0, 250, 2000, 280))  # no leader
    cleaned, dots = erase_leaders(page, 300)
    assert dots == 0 and cleaned is page


@pytest.mark.slow
def test_typed_fill_ins_on_leaders_are_read(shared_dir: Path) -> None:
    pdf = shared_dir / "dev" / "scans" / "pdf" / f"{DEV_SCAN}.pdf"
    text = _flat(ocr_pdf_page(str(pdf), 0).clean_text)
    # Typewritten on the form's dotted lines; unread when the dots stay on the picture.
    assert "Stenålderns" in text and "(dnr Mk3 14/83)" in text, text
    assert re.search(r"säte i Lund", text, re.IGNORECASE), text


@pytest.mark.slow
def test_an_unsure_percent_sign_is_read_from_the_pixels(tmp_path: Path) -> None:
    # The Swedish model reads this page's "8 %" as "8 24", unsure of the "24".
    pdf = protocol_pdf(tmp_path / "p.pdf", protocol_text(1))
    text = _flat(ocr_pdf_page(str(pdf), 0).clean_text)
    assert "en höjning med 8 % från år 2018" in text, text
    assert "8 000 kronor" in text  # a sure number after a number is left alone


@pytest.mark.parametrize(("seen", "expected"), [("§1-", "§ 1 FIRMA"), ("S1-", "S1-FIRMA")])
def test_a_heading_read_as_one_word_gets_its_sign_from_the_pixels(
    seen: str, expected: str
) -> None:
    from diarium.extractors.ocr.paragraph_sign import restore_paragraph_signs

    line = [OcrWord("S1-FIRMA", 49.0, (161, 580, 304, 606))]
    asked: list[tuple[int, int, int, int]] = []

    def reread(box: tuple[int, int, int, int]) -> str:
        asked.append(box)
        return seen

    restore_paragraph_signs([line], reread)
    assert line[0].text == expected
    assert asked and asked[0][2] < 304  # only the word's left end, the sign and number


def _unsure(text: str, doubts: dict[int, list[tuple[str, float]]]) -> OcrWord:
    """A word Tesseract read at 60 with 92 for each letter, and second readings."""
    choices = [[(c, 92.0), *doubts.get(k, [])] for k, c in enumerate(text)]
    return OcrWord(text, 60.0, (0, 0, 10, 10), choices=choices)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # Tesseract's own second reading of a letter, and the lexicon, agree.
        (_unsure("Krislina", {4: [("t", 37.0)]}), "Kristina"),
        (_unsure("Juslerare", {3: [("t", 40.0)]}), "Justerare"),
        (_unsure("Tjungberg", {0: [("l", 16.0)]}), "Ljungberg"),  # the printed case stands
        (_unsure("sammanträdel.", {11: [("t", 30.0)]}), "sammanträdet."),
        # No second reading, or one below the floor: nothing to go on.
        (_unsure("Krislina", {}), "Krislina"),
        (_unsure("Krislina", {4: [("t", 3.0)]}), "Krislina"),
        # A word the lexicon knows stays, whatever Tesseract's doubts.
        (_unsure("Malmö", {4: [("a", 40.0)]}), "Malmö"),
        # A chance compound of a surname is no word (styr + olson).
        (_unsure("styrelson", {6: [("o", 30.0)]}), "styrelson"),
    ],
)
def test_unsure_words_mended_from_tesseracts_second_readings(word: OcrWord, expected: str) -> None:
    from diarium.extractors.ocr.word_choices import mend_unsure_words

    mend_unsure_words([[word]])
    assert word.text == expected


def test_a_sure_word_is_never_mended() -> None:
    from diarium.extractors.ocr.word_choices import mend_unsure_words

    word = _unsure("Krislina", {4: [("t", 37.0)]})
    word.confidence = 96.0
    assert mend_unsure_words([[word]]) == 0 and word.text == "Krislina"


@pytest.mark.parametrize(
    ("read", "alone", "expected"),
    [
        ("Rotol", "Rotel", "Rotel"),  # read alone, the word is one the lexicon has
        ("Slorgatan", "Slorgatan.", "Slorgatan"),  # no better alone: as read in the line
        ("Juslerare:", "Justerare", "Justerare:"),  # the line's punctuation stays
        ("Krislina", "Kommunen", "Krislina"),  # a known word, but not a near one
        ("RlU", "Ru", "RlU"),  # too short to tell
    ],
)
def test_an_unsure_word_read_alone_again(read: str, alone: str, expected: str) -> None:
    from diarium.extractors.ocr.word_choices import mend_unsure_words

    word = OcrWord(read, 60.0, (0, 0, 10, 10))
    mend_unsure_words([[word]], lambda box: (alone, [[(c, 90.0)] for c in alone]))
    assert word.text == expected
