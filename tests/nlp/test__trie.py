"""Specification of the lower-casing and word-start scan the date, amount and media finders share
(`workers.nlp._trie`)."""
from __future__ import annotations

import sys

from workers.nlp import _trie
from workers.nlp._trie import compile_scans, lowered, number_hits, register_words, word_hits


def test_only_dotted_capital_i_lower_cases_to_more_than_one_character():
    # `lowered` relies on this to keep offsets; a Unicode update that adds another must fail here.
    longer = [c for c in map(chr, range(sys.maxunicode + 1)) if len(c.lower()) != 1]
    assert longer == ["\u0130"]


def test_lowered_keeps_offsets_where_lower_casing_lengthens_a_character():
    assert lowered("İSTANBUL, İzmir ve ANKARA") == ("İstanbul, İzmir ve ankara", False)
    assert lowered("İ") == ("İ", False)


def test_lowered_is_plain_lower_casing_otherwise():
    assert lowered("Straße KYIV, 8 Agustus") == ("straße kyiv, 8 agustus", True)


def test_word_hits_reports_each_word_start_of_a_registered_word_even_inside_another():
    register_words("spec-trie", ["hari ini", "ini", "rp."])
    low = "(hari ini) rp.5 dan ini, bukan mini"
    assert word_hits(low, "spec-trie") == ((1, "hari ini"), (6, "ini"), (11, "rp."), (20, "ini"))


def test_number_hits_are_maximal_digit_runs():
    assert number_hits("rp5.000 dan ٣٤ atau 12") == ((2, 3), (4, 7), (12, 14), (20, 22))


def test_compile_scans_compiles_every_registered_key_without_changing_hits():
    register_words("spec-compile", ["ini"])
    compile_scans()
    assert "spec-compile" in _trie._SCANNERS
    assert word_hits("ini dan ini", "spec-compile") == ((0, "ini"), (8, "ini"))
    register_words("spec-compile", ["dan"])  # a later word still reaches the scan
    assert word_hits("ini dan ini", "spec-compile") == ((0, "ini"), (4, "dan"), (8, "ini"))


def test_first_of_overlapping_gives_the_starts_finditer_reports():
    import re

    text = "12 Agustus 2024, 1.200 orang"
    pattern = re.compile(r"\d+|agustus 2024|2024")
    # Hits as the finders collect them: out of order, one inside another ("2024" within "agustus 2024").
    spans = [(11, 15), (3, 15), (0, 2), (17, 18), (17, 22), (19, 22)]
    assert _trie.first_of_overlapping(spans) == [m.start() for m in pattern.finditer(text.lower())] == [0, 3, 17, 19]


def test_number_hits_found_by_the_word_scan_are_the_maximal_digit_runs():
    import re

    # The word scan collects the digit runs too: after punctuation, beyond the BMP (mathematical digits
    # are digits, an emoji or a mathematical letter is not), and next to the words it reports.
    register_words("spec-numbers", ["ini"])
    low = "(12)ini 𝟏𝟐3 ٣٤/ini 😀5 x𝐀7, 8ini ini9 .5"
    assert word_hits(low, "spec-numbers") == ((4, "ini"), (15, "ini"), (32, "ini"))
    assert number_hits(low) == tuple(m.span() for m in re.finditer(r"\d+", low))
    assert number_hits(low + " ") == tuple(m.span() for m in re.finditer(r"\d+", low))  # its own scan
