"""Word-list regexes factored as prefix tries, and the one trigger scan the enrichment finders share.

Owns `trie_pattern`, `lowered`, `word_hits`, `register_words`, `compile_scans`, `number_hits`,
`first_of_overlapping` and `FALLBACK_KEY`.

Python's `re` tries every branch of a flat alternation at every position, so a few hundred literal
words cost ~1 ms per 3 KB article; factored as a trie, a position is rejected after one character.
The result contains only literals, groups and `?`, so it cannot backtrack catastrophically.

Even a trie costs ~15 ns per character when the pattern starts with `\\b` (the regex engine then
starts its matcher at every position), ~50-70 µs per 3 KB for each finder. The date, amount and
media finders therefore register their trigger words here per language, and `word_hits` finds every
word start where any registered word begins in one pass that the three finders share: patterns led
by a literal space or by one class of non-word characters let `re` skip everything else in C. Each
finder then keeps only the hits of its own words, so the shared scan changes no finder's result.
Languages without word lists of their own share one scan too, under `FALLBACK_KEY`, where each finder
registers the words it falls back to (English dates and amounts, every language's media cues).

`number_hits` (the digit runs the date and amount finders start from) is read from that same scan: its
class of non-word characters also holds the digits, so the digit runs cost no pass of their own
(~15-25 µs per 3 KB: `re` tests a class one character at a time).
"""
from __future__ import annotations

import array
import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["trie_pattern", "class_ranges", "bmp_characters", "lowered", "register_words", "word_hits", "number_hits", "compile_scans",
           "first_of_overlapping", "FALLBACK_KEY"]

# Scan key of the languages no finder has word lists for.
FALLBACK_KEY = "*"


def trie_pattern(words: Iterable[str]) -> str:
    """A non-capturing regex matching exactly the given literal words (longest match preferred)."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return "(?!)"

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")"


def is_word_char(ch: str) -> bool:
    """What `re` calls \\w in a str pattern (Unicode alphanumerics and "_")."""
    return ch.isalnum() or ch == "_"


def bmp_characters() -> str:
    """Every code point of the Basic Multilingual Plane in order, lone surrogates included."""
    return array.array("I", range(0x10000)).tobytes().decode("utf-32-le", "surrogatepass")


def class_ranges(chars: Iterable[str], *, beyond_bmp: bool = False) -> str:
    """The body of a character class matching exactly `chars` (given in code point order) as ranges, and
    with `beyond_bmp` every character above the BMP too.

    `re` checks an explicit class with a bitmap, but a category (`[^\\w ]`, `\\d`) with Unicode
    look-ups, which doubles the cost of scanning; the regex module looks its properties (`\\p{L}`) up
    too. Characters beyond the BMP go in as one range: listed, `re` would test them range by range.
    """
    ranges: list[list[int]] = []
    for cp in map(ord, chars):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    if beyond_bmp:
        ranges.append([0x10000, 0x10FFFF])
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


def _bmp_class(category: str) -> str:
    """The characters of the BMP that the class `category` matches, plus every character beyond it (a
    pattern checks those itself), as the body of an explicit character class."""
    return class_ranges(re.findall(category, bmp_characters()), beyond_bmp=True)


# What may precede a word start other than a space, and the digits, for the scan that also collects
# the digit runs (the scan checks the word boundary beyond the BMP itself).
_NON_WORD_OR_DIGIT = _bmp_class(r"[^\w ]|\d")
# A digit run (`\d+`): the class lets `re` skip to BMP digits with its bitmap (a leading `\d` would be
# a look-up per character, and a repeat first would make it try every position); the look-behind then
# drops the characters beyond the BMP that are not digits.
_DIGITS = r"(?<=\d)\d*"
_NUMBER = re.compile("[" + _bmp_class(r"\d") + "]" + _DIGITS)
_VOCABULARY: dict[str, set[str]] = {}
_SCANNERS: dict[str, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def register_words(key: str, words: Iterable[str]) -> None:
    """Add lower-case words that `word_hits(low, key)` must report (a finder's triggers for a language).

    Words must start with a word character: hits are word starts.
    """
    new = {w for w in words if w}
    bad = [w for w in new if not is_word_char(w[0]) or w != w.lower()]
    if bad:
        raise ValueError(f"trigger words must be lower case and start with a word character: {bad[:5]}")
    _VOCABULARY.setdefault(key, set()).update(new)
    _SCANNERS.pop(key, None)
    _hits.cache_clear()


def _scanner(key: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    found = _SCANNERS.get(key)
    if found is None:
        trie = trie_pattern(_VOCABULARY.get(key, ()))
        # The word itself sits in a lookahead, so each preceding character is tried on its own and
        # words overlapping an earlier hit ("hari ini" / "ini") are all reported. The second scan
        # also consumes each digit run whole (group 1 then None): digits are word characters, so no
        # hit starts inside or right after one, and `re` tests its class at every character anyway.
        found = (re.compile(rf" (?=({trie}))"),
                 re.compile(rf"[{_NON_WORD_OR_DIGIT}](?:{_DIGITS}|(?=({trie})))"),
                 re.compile(rf"(?=({trie}))"))
        _SCANNERS[key] = found
    return found


def compile_scans() -> None:
    """Compile the scan of every key registered so far (~7 ms each) now rather than in the first text
    of each language; for a worker to call once its finders are imported."""
    for key in list(_VOCABULARY):
        _scanner(key)


@lru_cache(maxsize=8)
def _hits(low: str, key: str) -> tuple[tuple[int, str], ...]:
    after_space, after_other, at = _scanner(key)
    hits = [(m.start(1), m.group(1)) for m in after_space.finditer(low)]
    numbers: list[tuple[int, int]] = []
    for m in after_other.finditer(low):
        word = m.group(1)
        if word is None:
            numbers.append(m.span())
        elif not is_word_char(low[m.start()]):
            hits.append((m.start(1), word))
    _remember_numbers(low, tuple(numbers))
    first = at.match(low)
    if first is not None:
        hits.append((0, first.group(1)))
    hits.sort()
    return tuple(hits)


def word_hits(low: str, key: str) -> tuple[tuple[int, str], ...]:
    """Every word start in `low` where a word registered under `key` begins, in text order.

    Each hit is (start, the longest registered word starting there); a word start is where a word
    character follows a non-word character or the start of the text (`\\b` before a word character).
    The result for the last few texts is kept, so the finders of one article scan it once; so are the
    text's `number_hits`, which this scan finds too.
    """
    return _hits(low, key)


# Digit runs of the last few texts, oldest first: filled by `_hits` as well as by `number_hits`.
_RECENT_NUMBERS: dict[str, tuple[tuple[int, int], ...]] = {}


def _remember_numbers(low: str, spans: tuple[tuple[int, int], ...]) -> None:
    if low not in _RECENT_NUMBERS and len(_RECENT_NUMBERS) >= 8:
        del _RECENT_NUMBERS[next(iter(_RECENT_NUMBERS))]
    _RECENT_NUMBERS[low] = spans


def number_hits(low: str) -> tuple[tuple[int, int], ...]:
    """Spans of the maximal runs of decimal digits (`\\d+`) in the text, in order.

    Free after `word_hits` on the same text, so a finder needing both should ask for the words first.
    """
    found = _RECENT_NUMBERS.get(low)
    if found is None:
        found = tuple(m.span() for m in _NUMBER.finditer(low))
        _remember_numbers(low, found)
    return found


def first_of_overlapping(spans: list[tuple[int, int]]) -> list[int]:
    """Starts of the spans `finditer` would report: in order, each starting at or after the previous end
    (sorts `spans` in place). The finders turn their scan hits into a trigger's match starts with it."""
    spans.sort()
    out: list[int] = []
    end = 0
    for start, span_end in spans:
        if start >= end:  # `finditer` resumes after each match
            out.append(start)
            end = span_end
    return out

# The only character whose lower case is longer than itself ("İ" -> "i" + combining dot above);
# tests/nlp/test__trie.py checks this against the running Python's Unicode tables.
_LONGER_IN_LOWER_CASE = "\u0130"


@lru_cache(maxsize=8)
def _lowered(text: str) -> tuple[str, bool]:
    low = text.lower()
    if len(low) == len(text):
        return low, True
    # Keep "İ" as it is and lower-case everything between, so offsets stay those of `text`.
    return _LONGER_IN_LOWER_CASE.join(part.lower() for part in text.split(_LONGER_IN_LOWER_CASE)), False


def lowered(text: str) -> tuple[str, bool]:
    """`text` lower-cased with the same offsets, and whether that is exactly `text.lower()`."""
    return _lowered(text)
