"""The benchmark corpus: a realistic multilingual mix of raw articles, built from real text.

Nothing here is lorem ipsum. Paragraphs come from, in this order of preference:

- the public evaluation sets beside the repository when present (``../shared/eval``, read in place
  at run time): ``langid/paragraphs.jsonl`` (Universal Dependencies paragraphs, 31 languages) and
  ``segment/flores.jsonl`` (FLORES-200 paragraphs, 14 languages);
- the repository's seed articles (``seeds/*.txt``);
- the generated news bulletins of ``tests/fixtures/articles.py`` (five languages, quotes in each
  language's style) and the one-sentence quote cases of ``tests/stages/test_quotes.py`` (imported,
  not copied; used when the ``tests`` package is importable, i.e. in a checkout);
- direct quotes made from those sentences in every quote style (“…”, "…", «…», „…“, 「…」, ‘…’,
  and the Spanish/Russian dash), with the language's speech verb.

Each article gets a body length drawn from a log-normal distribution (median ~3 KB of UTF-8,
clipped to 500 B–20 KB) and is filled with paragraphs of one language until it reaches it.
Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

import math
import random
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import orjson

REPO = Path(__file__).resolve().parents[2]
DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"

MIN_BYTES = 500
MAX_BYTES = 20_000
MEDIAN_BYTES = 2_800
#: Spread of the log-normal length distribution (about 4 % of articles reach the 20 KB cap).
SIGMA = 0.75

#: Quote styles: (opening, closing) marks.
QUOTE_STYLES: dict[str, tuple[str, str]] = {
    "curly": ("“", "”"),
    "straight": ('"', '"'),
    "guillemets": ("« ", " »"),
    "guillemets-tight": ("«", "»"),
    "low-high": ("„", "“"),
    "corner": ("「", "」"),
    "single": ("‘", "’"),
    "dash": ("—", ""),
}
#: Styles each language's press uses, and its commonest speech verb (postposed).
_LANGUAGE_QUOTING: dict[str, tuple[tuple[str, ...], str]] = {
    "en": (("curly", "straight", "single"), "{q},{c} said {p}."),
    "id": (("curly", "straight"), "{q},{c} kata {p}."),
    "ms": (("curly", "straight"), "{q},{c} kata {p}."),
    "fr": (("guillemets",), "{q},{c} a déclaré {p}."),
    "de": (("low-high",), "{q}{c}, sagte {p}."),
    "es": (("guillemets-tight", "dash", "curly"), "{q}{c}, dijo {p}."),
    "pt": (("curly", "guillemets-tight"), "{q}{c}, disse {p}."),
    "it": (("guillemets-tight", "curly"), "{q}{c}, ha detto {p}."),
    "nl": (("curly", "single"), "{q}{c}, zei {p}."),
    "ru": (("guillemets-tight", "dash"), "{q}{c}, — сказал {p}."),
    "uk": (("guillemets-tight",), "{q}{c}, — сказав {p}."),
    "ja": (("corner",), "{p}は{q}{c}と述べた。"),
    "zh": (("curly",), "{p}说：{q}{c}"),
}
_PEOPLE = {
    "default": ["Maria Santos", "Budi Hartono", "Sarah Whitfield", "Anna Becker", "Carlos Medina"],
    "ru": ["Владимир Путин", "Сергей Лавров", "Мария Захарова"],
    "uk": ["Володимир Зеленський", "Дмитро Кулеба"],
    "ja": ["岸田首相", "林官房長官"],
    "zh": ["外交部发言人汪文斌", "王毅"],
}


@dataclass
class Sources:
    """Paragraphs per language and whole quote sentences per language, with where they came from."""

    paragraphs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    quote_sentences: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    used: Counter = field(default_factory=Counter)

    def add(self, origin: str, language: str, text: str) -> None:
        text = text.strip()
        if len(text) >= 20:
            self.paragraphs[language].append(text)
            self.used[origin] += 1


def _repo_tests_importable() -> bool:
    if not (REPO / "tests" / "fixtures" / "articles.py").exists():
        return False
    if str(REPO) not in sys.path:
        sys.path.append(str(REPO))
    return True


def load_sources(eval_dir: Path | None = DEFAULT_EVAL_DIR) -> Sources:
    sources = Sources()
    if eval_dir is not None:
        for name, origin in (("langid/paragraphs.jsonl", "eval:langid"),
                             ("segment/flores.jsonl", "eval:flores")):
            path = eval_dir / name
            if path.is_file():
                for line in path.read_bytes().splitlines():
                    if line.strip():
                        item = orjson.loads(line)
                        sources.add(origin, item["lang"], item["text"])
    for path in sorted((REPO / "seeds").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        body = lines[1:] if len(lines) > 1 else lines  # first line is the headline
        language = _guess_seed_language(" ".join(body))
        for line in body:
            sources.add("seeds", language, line)
    if _repo_tests_importable():
        try:
            from tests.fixtures.articles import generate_article
        except ImportError:  # pragma: no cover - a checkout without the test fixtures
            generate_article = None
        if generate_article is not None:
            for i in range(400):
                article = generate_article(i, seed=7)
                for paragraph in article["body"].split("\n\n"):
                    sources.add("tests/fixtures/articles.py", article["language"], paragraph)
        try:
            from tests.stages.test_quotes import CASES
        except Exception:  # noqa: BLE001 - pytest missing, or the module moved: fine without it
            CASES = []
        for case in CASES:
            sources.quote_sentences[case[0]].append(case[1])
            sources.used["tests/stages/test_quotes.py"] += 1
    return sources


def _guess_seed_language(text: str) -> str:
    words = set(text.lower().split())
    return "id" if len(words & {"yang", "dan", "dengan", "di", "ini"}) >= 2 else "en"


def _sentences_of(paragraph: str) -> list[str]:
    import regex

    parts = regex.split(r"(?<=[.!?。！？])\s*", paragraph)
    return [p.strip() for p in parts if 25 <= len(p.strip()) <= 300]


def _make_quote(rng: random.Random, language: str, sentence: str) -> tuple[str, str]:
    """A direct quote of ``sentence`` in one of the language's styles; (text, style)."""
    styles, template = _LANGUAGE_QUOTING.get(language, (tuple(QUOTE_STYLES), "{q}{c} — {p}."))
    style = rng.choice(styles)
    opening, closing = QUOTE_STYLES[style]
    content = sentence.rstrip(".!?。 ")
    person = rng.choice(_PEOPLE.get(language, _PEOPLE["default"]))
    if style == "dash":
        return f"{opening}{content} {opening}{template.format(q='', c='', p=person).lstrip(', —').strip()}", style
    return template.format(q=f"{opening}{content}", c=closing, p=person), style


def _target_bytes(rng: random.Random) -> int:
    value = math.exp(rng.gauss(math.log(MEDIAN_BYTES), SIGMA))
    return int(min(max(value, MIN_BYTES), MAX_BYTES))


def _clip_utf8(text: str, limit: int) -> str:
    """``text`` cut at the last sentence end (or space) so that it fits in ``limit`` bytes."""
    cut = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    for mark in (". ", "。", "\n\n", " "):
        at = cut.rfind(mark)
        if at > len(cut) * 0.8:
            return cut[: at + len(mark)].rstrip()
    return cut.rstrip()


def generate_corpus(count: int, *, seed: int = 2026, eval_dir: Path | None = DEFAULT_EVAL_DIR,
                    sources: Sources | None = None) -> list[dict[str, Any]]:
    """``count`` raw articles (``id``, ``headline``, ``body``, sometimes a ``language`` hint,
    ``published_at``, and ``bench_quote_styles``: the quote styles written into the body)."""
    sources = sources or load_sources(eval_dir)
    languages = sorted(lang for lang, paras in sources.paragraphs.items() if len(paras) >= 3)
    if not languages:
        raise RuntimeError("no source paragraphs found for the benchmark corpus")
    # Wire copy is mostly in a few big languages; English and Indonesian (Warta's home) weigh 4x.
    weights = [4 if lang in ("en", "id") else 1 for lang in languages]
    rng = random.Random(seed)
    articles = []
    for index in range(count):
        language = rng.choices(languages, weights)[0]
        pool = sources.paragraphs[language]
        target = _target_bytes(rng)
        paragraphs: list[str] = []
        styles: list[str] = []
        size = 0
        while size < target:
            roll = rng.random()
            if roll < 0.12 and sources.quote_sentences.get(language):
                text = rng.choice(sources.quote_sentences[language])
                styles.append("case")
            elif roll < 0.35:
                candidates = _sentences_of(rng.choice(pool))
                if not candidates:
                    continue
                text, style = _make_quote(rng, language, rng.choice(candidates))
                styles.append(style)
            else:
                text = rng.choice(pool)
            size += len(text.encode("utf-8")) + (2 if paragraphs else 0)
            paragraphs.append(text)
        body = "\n\n".join(paragraphs)
        if len(body.encode("utf-8")) > MAX_BYTES:
            body = _clip_utf8(body, MAX_BYTES)
        headline = _sentences_of(paragraphs[0])[:1] or [paragraphs[0]]
        article: dict[str, Any] = {
            "id": f"bench-{seed}-{index:06d}",
            "headline": headline[0][:120],
            "body": body,
            "published_at": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                            f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
            "bench_quote_styles": sorted(set(styles)),
        }
        if rng.random() < 0.5:
            article["language"] = language
        article["bench_language"] = language
        articles.append(article)
    return articles


def raw_payload(article: dict[str, Any]) -> dict[str, Any]:
    """The article as a feed sends it: without the benchmark's own bookkeeping fields."""
    return {k: v for k, v in article.items() if not k.startswith("bench_")}


def describe_corpus(articles: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Sizes, languages and quote styles of a corpus (what the report says about its input)."""
    articles = list(articles)
    sizes = [len(a["body"].encode("utf-8")) for a in articles]
    languages = Counter(a["bench_language"] for a in articles)
    styles = Counter(s for a in articles for s in a["bench_quote_styles"])
    return {
        "articles": len(articles),
        "body_bytes": {
            "min": min(sizes), "median": int(statistics.median(sizes)), "max": max(sizes),
            "mean": int(statistics.fmean(sizes)), "total": sum(sizes),
        },
        "languages": len(languages),
        "by_language": dict(languages.most_common()),
        "quote_styles": dict(styles.most_common()),
    }
