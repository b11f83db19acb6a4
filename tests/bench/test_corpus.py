"""The benchmark corpus: realistic, multilingual, every quote style, lengths like wire copy."""

from __future__ import annotations

import statistics

import pytest

from workers.bench.corpus import (
    DEFAULT_EVAL_DIR, MAX_BYTES, MIN_BYTES, QUOTE_STYLES, describe_corpus, generate_corpus,
    load_sources, raw_payload,
)
from workers.records import read_raw_article

HAVE_EVAL = (DEFAULT_EVAL_DIR / "langid" / "paragraphs.jsonl").is_file()


@pytest.fixture(scope="module")
def sources():
    return load_sources()


@pytest.fixture(scope="module")
def corpus(sources):
    return generate_corpus(2000, seed=11, sources=sources)


def _size(article: dict) -> int:
    return len(article["body"].encode("utf-8"))


def test_count_is_as_asked_and_every_id_is_unique(corpus):
    assert len(corpus) == 2000
    assert len({a["id"] for a in corpus}) == 2000


def test_bodies_are_500_bytes_to_20_kb_with_a_median_near_3_kb(corpus):
    sizes = [_size(a) for a in corpus]
    assert min(sizes) >= MIN_BYTES
    assert max(sizes) <= MAX_BYTES
    assert 2500 <= statistics.median(sizes) <= 3600
    # A long tail, not one fixed size: some short briefs and some long features.
    assert sum(s < 1000 for s in sizes) >= 40
    assert sum(s > 10_000 for s in sizes) >= 40


@pytest.mark.skipif(not HAVE_EVAL, reason="../shared/eval not present")
def test_with_the_eval_sets_the_mix_covers_many_languages_and_scripts(corpus):
    languages = {a["bench_language"] for a in corpus}
    assert len(languages) >= 25
    assert {"en", "id", "ar", "ru", "zh", "ja", "ko", "hi"} <= languages
    # English and Indonesian dominate, as in Warta's feeds, but no language is absent.
    counts = describe_corpus(corpus)["by_language"]
    assert counts["en"] > 2 * counts["de"]


def test_without_the_eval_sets_the_repository_texts_still_give_several_languages():
    corpus = generate_corpus(300, seed=3, eval_dir=None)
    assert len({a["bench_language"] for a in corpus}) >= 5
    assert len(corpus) == 300


def test_every_quote_style_is_written_into_the_bodies(corpus):
    styles = describe_corpus(corpus)["quote_styles"]
    assert set(QUOTE_STYLES) <= set(styles)
    bodies = "\n".join(a["body"] for a in corpus)
    for opening, closing in QUOTE_STYLES.values():
        assert opening.strip() in bodies
        assert closing.strip() in bodies


def test_bodies_are_made_of_source_text_not_filler(corpus, sources):
    """Every paragraph is a source paragraph, or a quote built around a source sentence."""
    text_of = {lang: "\n".join(paras + sources.quote_sentences.get(lang, []))
               for lang, paras in sources.paragraphs.items()}
    for article in corpus[:300]:
        assert "lorem" not in article["body"].lower()
        source = text_of[article["bench_language"]]
        for paragraph in article["body"].split("\n\n"):
            windows = {paragraph[i:i + 20] for i in range(0, max(len(paragraph) - 20, 1), 5)}
            assert any(w in source for w in windows), (article["id"], paragraph[:200])


def test_same_seed_same_corpus_other_seed_other_corpus(sources):
    first = generate_corpus(50, seed=5, sources=sources)
    assert first == generate_corpus(50, seed=5, sources=sources)
    assert [a["body"] for a in first] != [a["body"] for a in generate_corpus(50, seed=6,
                                                                          sources=sources)]


def test_raw_payloads_are_valid_raw_articles_without_bench_fields(corpus):
    for article in corpus[:200]:
        payload = raw_payload(article)
        assert not [k for k in payload if k.startswith("bench_")]
        record = read_raw_article(payload, max_body_chars=200_000)
        assert record["id"] == article["id"]
        if "language" in payload:
            assert payload["language"] == article["bench_language"]
