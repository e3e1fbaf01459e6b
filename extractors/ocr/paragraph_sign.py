"""Putting back the paragraph sign that Tesseract's Swedish model cannot print.

The `swe` model's character set has no `§`: it prints `$`, `S`, `&` or `8` (`§§` as `$$`
or `88`). A `$` or `S` standing before a paragraph number has no other reading and is
restored wherever it stands. An `8` is usually an eight, so it becomes `§` only where a
protocol cites paragraphs: before a paragraph number (1-3 digits or a range, not a
thousands group, not a quantity), and then at the start of a line (a paragraph
heading), after a body's abbreviation (`KS 8 45`), after a word that introduces a
citation (`enligt 8 3`), or where Tesseract itself was unsure of the `8` on a page that
cites paragraphs elsewhere. A sign read glued to its number (`$45`, `847`) is split
off by the same evidence. Times (`kl. 8`), quantities (`8 st`, `8 %`), dates and amounts
(`8 000`) stay as read. In a law citation the sign follows its number after a chapter
(`6 kap. 4 8 kommunallagen` → `6 kap. 4 § kommunallagen`).

Read in process, Tesseract can also look again: a word that may hold a misread sign
(sign-like marks `$ S & £ 6 8` before a paragraph number, or at the start of a heading
line) is re-read alone, from its box on the page picture, by the English model, whose
character set has `§`. When that reading starts with `§`, the pixels say it is a sign,
whatever the context; otherwise the context rules above decide as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from diarium.extractors.data_files import data_lines
from diarium.extractors.ocr.words import OcrWord as Token

DATA = Path(__file__).resolve().parent / "data"
# An 8 Tesseract is less sure of than this, before a paragraph number on a page that
# cites paragraphs elsewhere, is taken for a misread sign.
UNSURE_EIGHT = 80.0
# A paragraph number: 1-3 digits, maybe a letter (§ 12a), a range (§§ 12-14) or a
# following punctuation mark.
NUMBER = re.compile(r"^\d{1,3}[a-z]?(?:[-–]\d{1,3}[a-z]?)?[.,:;)]?$")
THOUSANDS = re.compile(r"^\d{3}(?:[.,:;)]|,\d+)?$")
GLUED = re.compile(
    r"^(?P<sign>[$§&]{1,2}|S{1,2}|8\$|\$8)[-'’.,:]?(?P<number>\d{1,3}[a-z]?(?:[-–]\d{1,3})?[.,:;)]?)$"
)
GLUED_EIGHT = re.compile(r"^(?P<sign>88?)(?P<number>\d{1,3}[.,:;]?)$")
BODY_GLUED = re.compile(r"^(?P<body>[A-ZÅÄÖ]{2,6})[-.:](?P<sign>\$\$?|88?|SS?|&)$")
BODY_ABBREVIATION = re.compile(r"^[A-ZÅÄÖ]{2,6}\d?[:.,]?$")
# A word that may be a misread sign, glued to its number or not: worth a second look.
SIGN_LIKE = re.compile(
    r"^(?P<sign>[$S&£§]{1,3}|[$S&£§]?[68][$S&£§]?)[-'’.,:]?(?P<number>\d{1,3}[a-z]?)?[.,:;]?$"
)
# A heading read as one word, sign, number and title glued by a speck (`S1-FIRMA`).
GLUED_HEADING = re.compile(
    r"^(?P<sign>[$S&£§]{1,2})(?P<number>\d{1,3}[a-z]?)[-–.,:]?(?P<title>[A-ZÅÄÖ]{2,}[,.:]?)$"
)
REREAD_SIGN = re.compile(r"^(?P<sign>§§?)\s*[-'’.,:]?\s*(?P<number>\d{1,3}[a-z]?)?")
# Re-reading a word with another model: its box on the page picture → what it reads.
Reread = Callable[[tuple[int, int, int, int]], "str | None"]
TIME_WORDS = frozenset({"kl", "kl.", "klockan", "kl:"})
CHAPTER_WORDS = frozenset({"kap", "kapitlet"})


def _lines(name: str) -> list[str]:
    return data_lines(DATA / name)


@lru_cache(maxsize=1)
def misreads() -> dict[str, tuple[str, bool]]:
    """Printed form → (the sign it stands for, whether the form is strong evidence)."""
    table = {}
    for row in _lines("paragraph_sign_misreads.tsv"):
        form, meaning, strength = row.split("\t")
        table[form] = (meaning, strength == "strong")
    return table


@lru_cache(maxsize=1)
def reference_words() -> frozenset[str]:
    return frozenset(_lines("paragraph_reference_words.txt"))


@lru_cache(maxsize=1)
def quantity_words() -> frozenset[str]:
    return frozenset(_lines("quantity_words.txt"))


def _is_quantity(token: Token | None) -> bool:
    if token is None:
        return False
    return token.text.lower().rstrip(".,:;") in quantity_words() or token.text.startswith("%")


def _cites(before: Token | None) -> bool:
    """The word before is one after which paragraphs are cited."""
    if before is None:
        return True  # a paragraph heading at the start of a line
    if BODY_ABBREVIATION.match(before.text):
        return True
    word = before.text.lower().rstrip(",:")
    return word in reference_words() or word in {"§", "§§"}


def _number_follows(line: list[Token], i: int) -> bool:
    """A paragraph number follows token ``i`` and nothing makes it a quantity or a
    number in a table."""
    if i + 1 >= len(line) or not NUMBER.match(line[i + 1].text):
        return False
    after = line[i + 2] if i + 2 < len(line) else None
    return after is None or not (_is_quantity(after) or THOUSANDS.match(after.text))


def _eight_is_sign(line: list[Token], i: int, page_cites: bool, glued: bool = False) -> bool:
    token = line[i]
    before = line[i - 1] if i else None
    if before is not None and before.text.lower() in TIME_WORDS:
        return False
    unsure = token.confidence < UNSURE_EIGHT
    if glued:
        # "847" standing for "§ 47": only a heading, only where Tesseract hesitated, only
        # on a page that cites paragraphs, and not a number of something that follows.
        after = line[i + 1] if i + 1 < len(line) else None
        if before is not None or not unsure or not page_cites or _is_quantity(after):
            return False
        return after is None or after.text[:1].isupper()
    if not _number_follows(line, i):
        return False
    if NUMBER.match(line[i + 1].text) and THOUSANDS.match(line[i + 1].text):
        return False  # "8 000": an amount
    return _cites(before) or (unsure and page_cites)


def _law_citation(line: list[Token], i: int) -> bool:
    """The sign after its number, as laws are cited: "6 kap. 4 § kommunallagen"."""
    return (
        i >= 2
        and line[i - 2].text.lower().rstrip(".") in CHAPTER_WORDS
        and NUMBER.match(line[i - 1].text) is not None
    )


def _sign_follows_body(line: list[Token], i: int, body: re.Match[str]) -> bool:
    """`KF-8 88`: a body's abbreviation and the sign read as one word, a number after."""
    if misreads()[body.group("sign")][1]:
        return _number_follows(line, i)
    return _number_follows(line, i) and not THOUSANDS.match(line[i + 1].text)


def _restore_line(line: list[Token], page_cites: bool) -> int:
    made = 0
    table = misreads()
    for i, token in enumerate(line):
        text = token.text
        if text in table and text not in {"§", "§§"}:
            meaning, strong = table[text]
            follows = _number_follows(line, i) if strong else _eight_is_sign(line, i, page_cites)
            sign = follows or _law_citation(line, i)
            if sign:
                token.text = meaning
                made += 1
                continue
        body = BODY_GLUED.match(text)
        if body and body.group("sign") in table and _sign_follows_body(line, i, body):
            token.text = f"{body.group('body')} {table[body.group('sign')][0]}"
            made += 1
            continue
        glued = GLUED.match(text)
        if glued and glued.group("sign") in table:
            meaning, _strong = table[glued.group("sign")]
            after = line[i + 1] if i + 1 < len(line) else None
            if not _is_quantity(after) and not glued.group("sign").startswith("§"):
                token.text = f"{meaning} {glued.group('number')}"
                made += 1
            continue
        eight = GLUED_EIGHT.match(text)
        if eight and _eight_is_sign(line, i, page_cites, glued=True):
            meaning = misreads()[eight.group("sign")][0]
            token.text = f"{meaning} {eight.group('number')}"
            made += 1
    return made


def _worth_rereading(line: list[Token], i: int) -> re.Match[str] | None:
    """Sign-like marks, with a number glued on or following, or heading a line."""
    token = line[i]
    found = SIGN_LIKE.match(token.text)
    if found is None or token.box is None or token.text in {"§", "§§"}:
        return None
    after = line[i + 1].text if i + 1 < len(line) else ""
    numbered = bool(found.group("number")) or bool(NUMBER.match(after))
    marks_only = not any(c.isdigit() for c in found.group("sign"))
    if marks_only:
        return found if numbered or (i == 0 and after[:1].isdigit()) else None
    # Digits that may be a sign (6, 8): only where paragraphs are cited or headed.
    before = line[i - 1] if i else None
    if before is not None and before.text.lower() in TIME_WORDS:
        return None
    if i == 0 and numbered:
        return found  # "66 STYRELSE", "8 227 Diarienummer": a heading, if the pixels say so
    return found if numbered and i > 0 and _cites(before) else None


def _glued_heading(lines: list[list[Token]], reread: Reread) -> int:
    """A line-opening heading read as one word (`S1-FIRMA`): the sign's box is the
    word's left end; it is a sign when the English model reads that end as one."""
    made = 0
    for line in lines:
        if not line or line[0].box is None:
            continue
        found = GLUED_HEADING.match(line[0].text)
        if found is None:
            continue
        left, top, right, bottom = line[0].box
        share = (len(found.group("sign")) + len(found.group("number")) + 1) / len(line[0].text)
        seen = REREAD_SIGN.match(
            (reread((left, top, left + round((right - left) * share), bottom)) or "").strip()
        )
        if seen is not None:
            line[0].text = f"{seen.group('sign')} {found.group('number')} {found.group('title')}"
            made += 1
    return made


def confirm_by_rereading(lines: list[list[Token]], reread: Reread) -> int:
    """Signs the English model sees where the Swedish one printed look-alikes."""
    made = _glued_heading(lines, reread)
    for line in lines:
        for i, token in enumerate(line):
            found = _worth_rereading(line, i)
            if found is None or token.box is None:
                continue
            seen = REREAD_SIGN.match((reread(token.box) or "").strip())
            if seen is None:
                continue
            number = found.group("number")  # the Swedish model's digits
            token.text = f"{seen.group('sign')} {number}" if number else seen.group("sign")
            made += 1
    return made


def restore_paragraph_signs(lines: list[list[Token]], reread: Reread | None = None) -> int:
    """Rewrite misread paragraph signs in place, line by line; returns how many.

    With ``reread``, candidate words are first looked at again by a model that has the
    sign. Then two passes: the first restores what the line alone proves; the second
    lets a page that evidently cites paragraphs also restore signs Tesseract was unsure
    of."""
    made = confirm_by_rereading(lines, reread) if reread is not None else 0
    made += sum(_restore_line(line, page_cites=False) for line in lines)
    page_cites = made > 0 or any(t.text.startswith("§") for line in lines for t in line)
    if page_cites:
        made += sum(_restore_line(line, page_cites=True) for line in lines)
    return made
