"""Specification of the near-duplicate fingerprint (`workers.nlp.fingerprint`)."""
from __future__ import annotations

import itertools
import json
import re
import unicodedata
from pathlib import Path

import pytest
import xxhash

from workers.nlp.fingerprint import NEAR_DUPLICATE_BITS, fingerprint, hamming

EVAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval"

OTHER_ARTICLE = (
    "GENEVA - Negotiators from twelve countries resumed talks on a global plastics treaty on Monday, "
    "with delegates divided over whether to cap production or focus on recycling. Environmental groups "
    "staged a protest outside the venue, urging governments to agree binding targets before the end of "
    "the year. The chair of the committee said a compromise text would be circulated by Wednesday."
)


def _reference_simhash(text: str) -> str:
    """Independent SimHash as specified: casefolded words, 3-shingles, XXH3-64, majority per bit."""
    cjk = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
    words = re.findall(rf"[{cjk}]|[^\W_{cjk}]+", unicodedata.normalize("NFKC", text).casefold())
    shingles = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))]
    counts = [0] * 64
    for s in shingles:
        h = xxhash.xxh3_64_intdigest(s.encode("utf-8"))
        for bit in range(64):
            counts[bit] += 1 if h >> bit & 1 else -1
    return f"{sum(1 << bit for bit in range(64) if counts[bit] > 0):016x}"


def test_simhash_is_sixteen_lowercase_hex_digits(seed_text):
    fp = fingerprint(seed_text)
    assert re.fullmatch(r"[0-9a-f]{16}", fp["simhash"])
    assert fp["shingles"] > len(seed_text.split()) - 3  # one 3-word shingle per word position


def test_simhash_matches_an_independent_implementation_of_the_definition(seed_text):
    for text in (seed_text, OTHER_ARTICLE, "Satu dua", "北京时间八月八日"):
        assert fingerprint(text)["simhash"] == _reference_simhash(text)


@pytest.mark.parametrize(
    "text",
    [
        "L’armée a déployé « plus de 2 000 soldats » — selon l'AFP (U.S.-led).",
        "snake_case words, e-mail: x@y.z; 3.5% of ½ the C₂H₅OH… “quoted” text",
        "Ministrе (Кремль) заявил: «переговоры — 12-го»	и т.д.",
        "Tokyo（東京）の会議は8月8日に開かれた — Reuters reported.",
        "Plain ASCII only: under_scores, e-mail@host, (brackets) and 100%!",
        "Ölpreis\u00a0steigt\u2009weiter – „um 3,5\u202f%“ … sagte ein Händler¹ (dpa)",
        "Он сказа\u0301л: «нет» — и ушёл; Ἀθῆναι, ΣΟΦΙΑ, straße",
        "Math 𝐁𝐨𝐥𝐝 words, 😀 emoji, Gothic 𐌰𐌱𐌲 and 𠀋 beyond the BMP",
        "서울(연합뉴스) 회담이 8일 열렸다 — the talks resumed.",
        "\x00\x1f control\x7f characters\u200b between words",
        # Normalisation across line breaks: combining marks, ligatures, Hangul jamo, fractions.
        "Cafe\u0301\n\u0301e ﬁnal\nﬁ \u1100\n\u1161\u11a8 ½\n² Å\u030a\n\u0345x",
    ],
)
def test_punctuation_glued_to_words_splits_them_as_the_definition_says(text):
    assert fingerprint(text)["simhash"] == _reference_simhash(text)


@pytest.mark.parametrize("repeats", [3, 50])  # ~1,000 and ~18,000 shingles
def test_a_long_article_counts_every_shingle_exactly(seed_text, repeats):
    long_text = "\n".join([seed_text, OTHER_ARTICLE] * repeats)
    fp = fingerprint(long_text)
    assert fp["simhash"] == _reference_simhash(long_text)
    assert fp["shingles"] == len(re.findall(r"[^\W_]+", long_text)) - 2


def test_case_whitespace_and_punctuation_do_not_change_the_fingerprint(seed_text):
    variant = "  ".join(seed_text.upper().split()).replace("“", '"').replace("”", '"').replace(",", " ")
    assert fingerprint(variant)["simhash"] == fingerprint(seed_text)["simhash"]


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: "MOSKOW, CNBC Indonesia - " + t,  # dateline added
        lambda t: t.replace("2.000", "2.500"),  # figure updated
        lambda t: t.replace("SUMBER : CNBC.NEWS", ""),  # source line dropped
        lambda t: t.replace("berang", "marah").replace("sembarangan", "acak"),  # two words edited
    ],
)
def test_wire_resends_with_small_edits_stay_within_the_near_duplicate_distance(seed_text, edit):
    a, b = fingerprint(seed_text)["simhash"], fingerprint(edit(seed_text))["simhash"]
    assert hamming(a, b) <= NEAR_DUPLICATE_BITS


def test_unrelated_articles_are_far_apart(seed_text):
    assert hamming(fingerprint(seed_text)["simhash"], fingerprint(OTHER_ARTICLE)["simhash"]) > 16


def test_unrelated_public_paragraphs_are_never_near_duplicates():
    path = EVAL / "langid" / "paragraphs.jsonl"
    if not path.exists():
        pytest.skip("shared eval set not present")
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()[:150]]
    hashes = [fingerprint(t)["simhash"] for t in set(texts)]
    distances = [hamming(a, b) for a, b in itertools.combinations(hashes, 2)]
    assert min(distances) > NEAR_DUPLICATE_BITS
    assert 28 <= sum(distances) / len(distances) <= 36  # about half of 64 bits, as for random hashes


def test_cjk_text_is_shingled_by_character():
    a = fingerprint("国务院总理今天在北京会见了来访的外国代表团成员并举行会谈")["simhash"]
    b = fingerprint("国务院总理今天在上海会见了来访的外国代表团成员并举行会谈")["simhash"]
    c = fingerprint("东京股市周三收盘下跌百分之二投资者担心美国经济放缓")["simhash"]
    assert hamming(a, b) < hamming(a, c)


def test_hamming_counts_differing_bits_symmetrically():
    assert hamming("0" * 16, "f" * 16) == 64
    assert hamming("00000000000000ff", "0000000000000001") == 7
    assert hamming("0123456789abcdef", "0123456789abcdef") == 0
    assert hamming("a" * 16, "5" * 16) == hamming("5" * 16, "a" * 16) == 64


@pytest.mark.parametrize("text", ["", "   ", "“”!?", "".join(chr(c) for c in range(32))])
def test_text_without_words_has_the_zero_fingerprint(text):
    assert fingerprint(text) == {"simhash": "0" * 16, "shingles": 0, "method": fingerprint("")["method"]}


def test_hostile_input_is_handled(seed_text):
    big = (seed_text * 500)[:1_000_000]
    assert fingerprint(big)["shingles"] > 100_000
    assert fingerprint("“" * 100_000)["shingles"] == 0
    assert fingerprint("a" * 1_000_000)["shingles"] == 1
