"""Swedish analysis shared by the engines: Snowball stems, compounds, folding."""

from __future__ import annotations

import pytest
from conftest import IN_REPO_TEXTS

from diarium.extractors.compounds import split_compound
from diarium.index.analysis import fold, index_terms, pair, pair_terms, query_terms, stem, words
from diarium.index.snippets import matching_spans, word_matches

# Stems from the Snowball Swedish algorithm's definition (step 1 suffixes such as -et,
# -en, -erna, -arna; step 2 double consonants; step 3 -els/-lig/-ig). Whoosh's bundled
# port gets the -et words wrong, which is why diarium brings its own stemmer.
SNOWBALL = [
    ("samarbetet", "samarbet"),
    ("förslaget", "förslag"),
    ("beslutet", "beslut"),
    ("arbetet", "arbet"),
    ("mötet", "möt"),
    ("beslut", "beslut"),
    ("besluten", "beslut"),
    ("kommunen", "kommun"),
    ("kommunerna", "kommun"),
    ("kommuner", "kommun"),
    ("nämnden", "nämnd"),
    ("nämnder", "nämnd"),
    ("styrelsen", "styr"),
    ("planerna", "plan"),
    ("skolor", "skol"),
    ("bostaden", "bostad"),
    ("vägarna", "väg"),
    ("bostäder", "bostäd"),
]


@pytest.mark.parametrize(("word", "expected"), SNOWBALL)
def test_snowball_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("samverkansöverenskommelse", ("samverkan", "överenskommelse")),
        ("byggnadsnämnden", ("byggnad", "nämnden")),
        ("utvecklingsprogram", ("utveckling", "program")),
        ("förvaltningschef", ("förvaltning", "chef")),
    ],
)
def test_compounds_split_with_linking_s(compound: str, parts: tuple[str, str]) -> None:
    assert split_compound(compound) == parts


@pytest.mark.parametrize("word", ["överenskommelse", "kommun", "Stockholm", "ks2022", "och"])
def test_common_or_short_words_are_not_split(word: str) -> None:
    assert split_compound(word.lower()) == ()


def test_index_side_adds_parts_at_the_same_position_but_query_side_does_not() -> None:
    indexed = list(index_terms("Samverkansöverenskommelse godkänns"))
    assert [t.text for t in indexed if t.position == 0] == [
        stem("samverkansöverenskommelse"),
        stem("samverkan"),
        stem("överenskommelse"),
    ]
    assert [t.text for t in query_terms("Samverkansöverenskommelse")] == [
        stem("samverkansöverenskommelse")
    ]


def test_offsets_point_at_the_word() -> None:
    text = "Beslut om Södertörns utvecklingsprogram"
    spans = {t.position: text[t.start : t.end] for t in index_terms(text)}
    assert spans == {0: "Beslut", 1: "om", 2: "Södertörns", 3: "utvecklingsprogram"}


def test_folding_only_in_the_folded_view() -> None:
    assert fold("södertörn får") == "sodertorn far"
    assert stem("får") != stem("far")


def test_pair_terms_join_neighbouring_stems() -> None:
    pairs = [t.text for t in pair_terms("Beslutet om  skolskjutsar.")]
    assert pairs == [pair(stem("beslutet"), "om"), pair("om", stem("skolskjutsar"))]
    assert stem("beslutet") == "beslut"


@pytest.mark.parametrize(
    ("typed", "prefixes", "folded"),
    [
        ("nämnden beslut", (), False),
        ("sodertorns utvecklingsprogram kommun", (), True),
        ("överenskommelse", ("kommunsty",), False),
        ("far", ("samverk",), True),
    ],
)
def test_snippet_word_finder_agrees_with_testing_every_word(
    typed: str, prefixes: tuple[str, ...], folded: bool
) -> None:
    """The fast finder (a regular expression first) marks exactly the words that testing
    each word of the page would mark."""
    stems = {t.text for t in query_terms(typed)}
    if folded:
        stems |= {fold(s) for s in stems}
    for seed in IN_REPO_TEXTS:
        text = seed.read_text(encoding="utf-8")
        every_word = [
            (start, end)
            for word, start, end in words(text)
            if word_matches(word, stems, folded) or any(fold(word).startswith(p) for p in prefixes)
        ]
        assert matching_spans(text, stems, prefixes, folded) == every_word, seed.name
