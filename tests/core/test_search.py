"""The text a search reads and the words typed, made alike (core.search)."""

import pytest

from tracker.core.search import search_words, searchable


@pytest.mark.parametrize(("folded", "expected"), [
    ("ke hoach  dat dai", " ke hoach dat dai"),
    ("05/qd-ubnd", " 5 / qd - ubnd"),  # numbers as people type them
    ("iso 9001:2015", " iso 9001 : 2015"),
    ("giam 50% ho_so", " giam 50 % ho_so"),  # _ belongs to the word
    ("0 00 007", " 0 0 7"),
    ("", ""),
])
def test_searchable_sets_signs_apart_and_starts_every_word_with_a_space(folded, expected):
    assert searchable(folded) == expected


def test_typed_words_are_made_searchable_as_the_text_is():
    assert [searchable(word) for word in search_words("Số 05/QĐ-UBND, 100%")] == [
        " so", " 5 / qd - ubnd ,", " 100 %"]
