"""The query tree built directly for plain words equals the query parser's, on words
from the repository's Swedish decisions (invented: tests/data/fixture_texts, the samples'
texts) and on the awkward cases (operators, case, letters whose lower case or normal
form changes, digits, repeated words)."""

from __future__ import annotations

import random

import pytest
from conftest import IN_REPO_TEXTS

from diarium.index.query_plan import _parser, _plain_words

AWKWARD = [
    "AND", "OR", "NOT", "ANDNOT", "TO", "and", "or", "not", "to", "2022", "KS", "ks-2022",
    "Öster", "ÅÄÖ", "x²", "½", "İstanbul", "ﬁnans", "ß", "straße", "e\u0301", "über",
    "Nämnd", "NÄMND", "960.103", "a_b", "kommun*", '"kommun"', "title:simhall", "(ks)",
]


@pytest.fixture(scope="module")
def words() -> list[str]:
    found = [w for p in IN_REPO_TEXTS for w in p.read_text(encoding="utf-8").split()]
    assert len(found) > 1000
    return found + AWKWARD


def test_plain_words_build_the_parsers_tree(words: list[str]) -> None:
    rng = random.Random(11)
    built = 0
    for _ in range(5000):
        text = " ".join(rng.choices(words, k=rng.randint(1, 4)))
        direct = _plain_words(text)
        if direct is not None:
            built += 1
            assert direct == _parser().parse(text), text
    assert built > 2000  # the direct path is the common one


@pytest.mark.parametrize("text", ["kommun AND skola", "kommun*", '"detaljplan för"',
                                  "title:simhall", "(ks)", "ks-2022/960", "a^2"])
def test_anything_but_plain_words_goes_to_the_parser(text: str) -> None:
    assert _plain_words(text) is None

