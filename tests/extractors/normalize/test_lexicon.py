"""The Swedish frequency lexicon, read straight from wordfreq's data file, is wordfreq's."""

from __future__ import annotations

import pytest
import wordfreq

from diarium.extractors.lexicon import swedish_frequencies, zipf


def test_frequencies_equal_wordfreqs_own_table() -> None:
    assert swedish_frequencies() == wordfreq.get_frequency_dict("sv", wordlist="large")


@pytest.mark.parametrize(
    "word",
    ["och", "kommun", "kommunstyrelsen", "beslut", "överenskommelse", "nämnden", "simhall"],
)
def test_zipf_agrees_with_wordfreq(word: str) -> None:
    assert zipf(word) == wordfreq.zipf_frequency(word, "sv", wordlist="large") > 0


def test_unknown_word_has_zipf_zero() -> None:
    assert zipf("xqzvjkw") == 0.0
