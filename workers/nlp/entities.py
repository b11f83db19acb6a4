"""Named entities of an article body: persons, organisations and locations, clustered per real-world entity.

Owns ``find_entities``. It is a rule-based recogniser for cased scripts (Latin, Cyrillic, Greek):
1. capitalised tokens (Unicode-aware: "Škoda", "Zürich", "Ангела Меркель") are grouped into runs, joined by
   name particles ("van", "bin", "al-") or, inside organisation names, by joiners ("of", "de la");
2. each run is typed, in priority order, by: known organisations / news outlets (``data/known_orgs.json``),
   the place gazetteer (``workers.nlp.places``), organisation cue words, person titles (stripped from the
   mention), location cue words, then defaults (multi-token names -> person, unless a token holds a digit:
   "A1 B2", "PNG CG4684" are codes, typed token by token; single tokens need evidence:
   a title, a reporting verb, an apposition such as "X, a spokeswoman", an age, or an earlier full name);
   a plain name ending in a country is an organisation ("Jeugdzorg Nederland"), a one-word Dutch/German
   street name a location ("Vredenburgplein"), and a two-word name closing a titled organisation run is
   split off as a person ("Kepala Dinas Pendidikan Rafael Simanjuntak");
3. sentence-initial capitals are not evidence: a first word that is a function word, a month/day name or
   appears in lower case elsewhere in the article is dropped, and a lone unknown first word is kept only
   if it is later resolved as a surname; ALL-CAPS lines only yield known organisations and places;
4. clustering: a single-token mention equal to the last (for id/ms also the first) token of one
   multi-token person joins it, and so does a town that is the surname of one person already named in
   full ("Maria Lopez ... Lopez had left", see :func:`_surname_place`); locations cluster by gazetteer
   id; organisations by canonical name. A Russian person is named by its nominative form (see
   :func:`_nominative`).
Scripts without case (ja, zh) yield no entities (out of reach without a segmenter).
All regexes are linear-time (possessive quantifiers, bounded repetition, no nested ambiguity).

Speed: tokens are found by a standard-library pattern in texts of BMP characters (see :func:`_bmp_cap_token`),
which scans in half the time of the regex module. Every question the rules ask about a token's own spelling
(is it a function word, a title, an organisation cue, the first word of a known organisation, ...) is answered
once per distinct spelling and language (:class:`_Word`, kept in a bounded per-language table, as are
gazetteer answers), and whether a gap between two tokens joins them once per distinct gap, so the per-run
analysis is mostly flag tests. One-token runs and plain multi-token names (three runs in four) take short
paths that apply the same rules in the same order. The dearest question, whether a sentence-initial word is
written in lower case elsewhere (a search of the whole text, memoised per article), is asked only when its
answer can change the output: for a word that would stay unresolved, only when clustering finds a name it
could join. Such words (half of all one-token runs) are set aside as plain tuples, and only those clustering
can keep become mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

import regex

from workers.nlp.lexicon import (Institutions, Lexicon, country_name, demonym_countries, institutions,
                                 known_org_first_tokens, known_orgs, known_orgs_upper, lexicon, norm_phrase,
                                 normalise_language)
from workers.nlp._trie import bmp_characters, class_ranges
from workers.nlp.places import Place, find_place_normalised

# A capitalised token: upper/title-case letter, then letters/marks/digits; internal . ' ’ - & / joiners
# (U.S., O'Brien, Saint-Denis, AT&T, RFE/RL, CNBC.NEWS). Possessive quantifiers + bounded repetition keep it
# linear; the lookbehind stops matches inside words ("McDonald" is one token, "iPhone" is none).
_CAP_TOKEN_TAIL = r"[\p{L}\p{M}\p{N}]*+(?:[.'’\-&/][\p{L}\p{N}][\p{L}\p{M}\p{N}]*+){0,8}+"
_CAP_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}])[\p{Lu}\p{Lt}]" + _CAP_TOKEN_TAIL)
# The same tokens in a text without titlecase letters (ǅ ǈ ǋ ǲ, Greek ᾈ-ῼ): the regex module looks for a
# single property in about 30 % less time than for a class of two (see _cap_token_pattern).
_CAP_TOKEN_LU = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}" + _CAP_TOKEN_TAIL)
_TITLECASE = regex.compile(r"\p{Lt}")
_APPOSITION = regex.compile(r"^,[ \t]{1,3}+((?:[\p{L}\p{M}\-]{1,40}+[ \t]{1,3}+){0,3}+[\p{L}\p{M}\-]{1,40}+)")
_AGE = regex.compile(r"^(?:,[ \t]{1,3}+\d{1,3}[,)]|[ \t]{1,3}+\(\d{1,3}(?:[ \t]{1,3}+\p{L}{1,10})?\))")
_ACRONYM_AFTER = regex.compile(r"^[ \t]{1,3}+\((\p{Lu}[\p{Lu}\p{N}&\-]{1,9}+)\)")
_ARABIC_PREFIX = regex.compile(r"^[ \t]{1,3}+(?:al|el|ad|as|ash|an|ar|at|az|ibn|bin|abu|bou|ben)-$")

_SKIP_BACK = " \t\r\u00a0\"'“”‘’«»„‚‹›([{"
_SENTENCE_END = ".!?…:;•·|"
_MAX_RUN = 12  # longer capitalised runs are headlines / lists; analysed in windows of this size
_OBLAST_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG", "BG", "TJ"})
_CASELESS_LANGS = frozenset({"ja", "zh"})
# German capitalises every noun; a capitalised word after an article is a noun ("in der Lage"), not a
# town, while real town names take no article.
_GERMAN_ARTICLES = frozenset({"der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem",
                              "einen", "eines", "zur", "zum", "im", "vom", "beim"})
# Russian regions are written as adjective + 'область' ("Курской области"): adjective endings to strip.
_RU_ADJ_ENDINGS = ("ской", "ская", "ский", "скую", "ском", "ского")
_RU_ADJ_TAILS = _RU_ADJ_ENDINGS + ("ой", "ая", "ую", "ом", "ого", "ий")
# Distinct spellings remembered per language; the table is emptied when full (news vocabulary is
# Zipfian, so the common names are back after a few articles) to bound a long-running worker's memory.
_WORD_TABLE_MAX = 20_000
_UNSET = object()
_B_ORG_FIRST, _B_ORG_FIRST_UPPER, _B_INST, _B_UPPER, _B_CUE = 1, 2, 4, 8, 16


class _Word:
    """Everything the rules ask about one capitalised token's spelling, for one language (see ``_Lang.word``).
    ``place`` and ``demonym`` cost gazetteer lookups and are filled in on first use."""

    __slots__ = ("cf", "upper", "title_case", "stop", "cal", "title", "title_short", "title_cf", "org_cue",
                 "org_cue_cf", "loc_cue", "demonym_irregular", "org_first", "org_first_upper", "known_single",
                 "inst_trigger", "domain", "place", "demonym", "bits", "split", "ru_adj", "initial_drop", "plain",
                 "german_adj", "loc_suffix", "mute", "name_key")

    def __init__(self, word: str, lang: _Lang) -> None:
        lex = lang.lex
        cf = self.cf = word.casefold()
        upper = self.upper = word.isupper()
        title_case = self.title_case = _is_title_case(word)
        stop = self.stop = cf in lex.stopwords
        cal = self.cal = cf in lex.calendar
        bare = word.rstrip(".").casefold() if word[-1:] == "." else cf
        title = self.title = bare in lex.titles
        self.title_short = title and len(bare) <= 4
        self.title_cf = cf in lex.titles
        org_cue = self.org_cue = bare in lex.org_cues or bool(lex.org_suffixes and len(bare) > 6
                                                              and bare.endswith(lex.org_suffixes))
        self.org_cue_cf = cf in lex.org_cues
        loc_cue = self.loc_cue = cf in lex.location_cues
        # a one-word street / square name ("Vredenburgplein", "Königstraße"): the ending plus a stem of at
        # least four letters (short surnames such as "Verlaan" stay names)
        self.loc_suffix = bool(lex.location_suffixes) and title_case and cf.endswith(lex.location_suffixes) and (
            any(cf.endswith(x) and len(cf) >= len(x) + 4 for x in lex.location_suffixes))
        self.demonym_irregular = cf in lex.demonyms
        firsts = lang.org_firsts
        org_first = self.org_first = word in firsts
        org_first_upper = self.org_first_upper = (word if upper else word.upper()) in firsts
        known_single = self.known_single = org_first and (word,) in lang.orgs  # an alias's first token
        inst = lang.inst
        if inst is None:
            inst_trigger = False
        else:
            low = word.lower()
            inst_trigger = low in inst.triggers or bool(
                inst.compound_suffixes and low.endswith(inst.compound_suffixes))
        self.inst_trigger = inst_trigger
        has_dot = "." in word
        domain = self.domain = has_dot and word.rsplit(".", 1)[-1].casefold() in lex.tlds and (
            len(word.split(".")[0]) > 1)
        self.place = _UNSET
        self.demonym = _UNSET
        # a matched token that _split_token may cut ("U.S" + ".", "Russia's", "berang.Putin")
        self.split = has_dot or "'" in word or "’" in word
        # could be a Russian region adjective ("Курской" before "области"), see _ru_region_adjective
        self.ru_adj = word.endswith(_RU_ADJ_TAILS)
        # a capitalised function / calendar word: nothing when it opens a sentence (unless an outlet's name)
        self.initial_drop = (stop or cal) and title_case and not known_single
        # none of the rules that precede the gazetteer in _analyse_single can apply to this spelling
        self.plain = not (upper or org_first or domain or inst_trigger)
        # alone and no place, the spelling names nothing in any context: a calendar word, a capitalised
        # function word, a title, an organisation cue (steps 3-5 of _analyse_single)
        self.mute = cal or stop and title_case or title and not upper or org_cue
        self.german_adj = _UNSET  # see _tok_german_adjective
        self.name_key = _UNSET  # _name_key of the word, for an unresolved one (see _cluster)
        # the flags a whole run is tested for, OR-ed / AND-ed over its tokens in one pass
        self.bits = (_B_ORG_FIRST * org_first | _B_ORG_FIRST_UPPER * org_first_upper
                     | _B_INST * inst_trigger | _B_UPPER * upper | _B_CUE * (org_cue or loc_cue))


class _Lang:
    """Per-language tables, built once: the lexicon, the institution matcher, the spelling table and the
    answers that depend on a string and the language only (gazetteer lookups, full names' keys), kept
    across articles because names repeat from article to article."""

    __slots__ = ("language", "lex", "inst", "noun_articles", "words", "joins", "orgs", "org_firsts", "places",
                 "full_keys")

    def __init__(self, language: str) -> None:
        self.language = language
        self.lex = lexicon(language)
        self.inst = institutions(language)
        self.orgs = known_orgs()
        self.org_firsts = known_org_first_tokens()
        self.noun_articles = _GERMAN_ARTICLES if language == "de" else frozenset()
        self.words: dict[str, _Word] = {}
        self.joins: dict[str, bool] = {}  # gap between two tokens -> does it join them (see _joins)
        self.places: dict[str, Place | None] = {}  # text -> its gazetteer place (see _place)
        self.full_keys: dict[str, tuple] = {}  # a person's full name -> _full_name_keys

    def joins_gap(self, gap: str) -> bool:
        j = self.joins.get(gap)
        if j is None:
            if len(self.joins) >= _WORD_TABLE_MAX:
                self.joins.clear()
            j = self.joins[gap] = _joins(gap, self.lex)
        return j

    def word(self, surface: str) -> _Word:
        w = self.words.get(surface)
        if w is None:
            if len(self.words) >= _WORD_TABLE_MAX:
                self.words.clear()
            w = self.words[surface] = _Word(surface, self)
        return w


@lru_cache(maxsize=32)
def _lang_tables(language: str) -> _Lang:
    return _Lang(language)


_Tok = tuple[int, int, str, _Word]  # start, end, surface, spelling facts


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    type: str  # person | organisation | location | unresolved
    canonical: str
    place: Place | None = None
    region: str | None = None  # "oblast" / "province" when an admin region is named after its seat city
    initial: bool = False
    org_kind: str | None = None  # "media" | "org" (known organisations) | "institution" (translated name)
    inst_cc: str | None = None  # an institution's country as qualified in the text ("Kementerian Pertahanan Ukraina")
    # an unresolved sentence-initial word, to be dropped if written in lower case elsewhere (see _analyse_single)
    lower_check: bool = False


@dataclass(slots=True)
class _Ctx:
    text: str
    lex: Lexicon
    language: str
    tables: _Lang
    lower_cache: dict[str, bool] = field(default_factory=dict)
    shout_cache: dict[int, bool] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)  # "KPK" -> canonical org name
    place_cache: dict[str, Place | None] = field(default_factory=dict)  # the language's (``_Lang.places``)
    inst_matches: dict[int, tuple] = field(default_factory=dict)  # position -> (institution match, name)
    lower_words: set[str] | None = None  # maximal alphanumeric runs of a long text (see _lower_elsewhere)
    noun_articles: frozenset[str] = frozenset()
    inst: Institutions | None = None
    # one-token runs left unresolved by _analyse_single: (start, end, word, its _Word, initial). Most name
    # nothing and are dropped by _cluster, which makes mentions only of those it keeps.
    unresolved: list[tuple[int, int, str, _Word, bool]] = field(default_factory=list)


def find_entities(text: str, language: str) -> list[dict]:
    """Named entities in `text` (an article body), clustered per real-world entity:
    [{"name": canonical name (e.g. "Vladimir Putin", "Ukraine", "Moscow"),
      "type": "person" | "organisation" | "location",
      "mentions": [{"start": int, "end": int, "text": str}, ...]  (in text order),
      "geo": {"country_code": "UA", "lat": float, "lon": float, "geonameid": int,
              "feature": "country"|"city"|"region"}
             (locations found in the gazetteer only; omit the key otherwise)
     }, ...]  ordered by first mention."""
    if not text:
        return []
    lang = normalise_language(language)
    if lang in _CASELESS_LANGS:
        return []
    tables = _lang_tables(lang)
    if len(tables.places) >= _WORD_TABLE_MAX:  # bounded as the spelling table (an article adds a few dozen)
        tables.places.clear()
    if len(tables.full_keys) >= _WORD_TABLE_MAX:
        tables.full_keys.clear()
    ctx = _Ctx(text=text, lex=tables.lex, language=lang, tables=tables, noun_articles=tables.noun_articles,
               inst=tables.inst, place_cache=tables.places)
    mentions: list[_Mention] = []
    for run in _runs(ctx):
        s0 = run[0][0]
        # the common cases of _is_initial answered inline: a capital after "word " (no), ". " (yes), ", "
        # (no) or a line break (yes)
        if s0 >= 2 and text[s0 - 1] == " ":
            c = text[s0 - 2]
            initial = not c.isalnum() and (c in _SENTENCE_END or c != "," and _is_initial(text, s0))
        else:
            initial = s0 != 0 and text[s0 - 1] == "\n" or _is_initial(text, s0)
        if len(run) == 1:  # about three runs in four
            if not (initial and run[0][3].initial_drop):  # (a quarter of them: see _analyse_single)
                mentions.extend(_analyse_single(ctx, run[0], initial))
            continue
        if len(run) <= _MAX_RUN:
            mentions.extend(_analyse_name(ctx, run, initial) or _analyse(ctx, run, initial))
            continue
        for i in range(0, len(run), _MAX_RUN):
            window = run[i:i + _MAX_RUN]
            mentions.extend(_analyse(ctx, window, _is_initial(text, window[0][0])))
    return _cluster(ctx, mentions)


# --------------------------------------------------------------------------------------------- tokens


def _runs(ctx: _Ctx) -> list[list[_Tok]]:
    """Capitalised tokens, grouped into runs of tokens separated only by spaces or name particles."""
    text, lex, tables = ctx.text, ctx.lex, ctx.tables
    words, word, joins_gap = tables.words, tables.word, tables.joins_gap
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    prev_end = -2
    for m in _cap_token_pattern(text).finditer(text):
        s, e = m.span()
        tok = text[s:e]
        w = words.get(tok) or word(tok)
        if not w.split:  # the common case, inlined: one plain token
            gap = s - prev_end
            # a single space joins; a gap of up to 14 characters may hold particles (see _joins)
            if cur and (gap == 1 and text[prev_end] == " " or gap <= 14 and joins_gap(text[prev_end:s])):
                cur.append((s, e, tok, w))
            else:
                cur = [(s, e, tok, w)]
                runs.append(cur)
            prev_end = e
            continue
        for s, e, tok in _split_token(text, s, e, tok, lex):
            w = words.get(tok) or word(tok)
            if cur and s - prev_end <= 14 and joins_gap(text[prev_end:s]):
                cur.append((s, e, tok, w))
            else:
                cur = [(s, e, tok, w)]
                runs.append(cur)
            prev_end = e
    return runs


def _cap_token_pattern(text: str) -> regex.Pattern | re.Pattern:
    """The token scanner for `text`: :func:`_bmp_cap_token` when every character is in the Basic
    Multilingual Plane (all but texts with emoji or rare scripts), else _CAP_TOKEN, or the faster
    _CAP_TOKEN_LU when the text holds no titlecase letter. A character beyond the BMP is written in UTF-8
    with lead byte F0-F4 (lone surrogates pass as ED xx xx); every titlecase letter with lead byte C7
    (U+01C0-U+01FF) or E1 (U+1000-U+1FFF, which holds Greek Extended). Encoding costs about a tenth of
    what the faster scan saves."""
    data = text.encode("utf-8", "surrogatepass")
    if not (b"\xf0" in data or b"\xf4" in data or b"\xf1" in data or b"\xf2" in data or b"\xf3" in data):
        return _bmp_cap_token()
    if (b"\xc7" in data or b"\xe1" in data) and _TITLECASE.search(text):
        return _CAP_TOKEN
    return _CAP_TOKEN_LU


@lru_cache(maxsize=1)
def _bmp_cap_token() -> re.Pattern:
    """_CAP_TOKEN for texts of BMP characters only, as a standard-library pattern: its classes are the
    regex module's own properties listed over the BMP (so both agree exactly there), which ``re`` tests in
    constant time per character where the regex module looks each property up, and it opens with the
    capital so ``re`` scans for that class first. The scan costs about half. (Beyond the BMP ``re`` would
    test a class range by range, hence the regex module there.) Built on first use (~40 ms)."""
    bmp = bmp_characters()

    def cls(prop: str) -> str:
        return "[" + class_ranges(regex.findall(prop, bmp)) + "]"

    lmn, ln = cls(r"[\p{L}\p{M}\p{N}]"), cls(r"[\p{L}\p{N}]")
    # "(?<!X.)" after the capital is _CAP_TOKEN's "(?<!X)" before it (the capital is no newline)
    return re.compile(cls(r"[\p{Lu}\p{Lt}]") + f"(?<!{lmn}.){lmn}*+(?:[.'’\\-&/]{ln}{lmn}*+){{0,8}}+")


def _split_token(text: str, s: int, e: int, tok: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """A matched token holding '.', an apostrophe: "U.S" -> "U.S." (initialism), "berang.Putin" -> "Putin"
    (a missing space, not a domain), "Russia's" -> "Russia" (English possessive)."""
    if "." in tok:
        parts = tok.split(".")
        if all(len(p) == 1 for p in parts):  # initialism: U.S -> U.S.
            if e < len(text) and text[e] == ".":
                e += 1
                tok = text[s:e]
        elif parts[-1].casefold() not in lex.tlds:  # "berang.Putin": a missing space, not a domain
            out = []
            pos = s
            for p in parts:
                if p and p[0].isupper():
                    out.append(_strip_possessive(text, pos, pos + len(p)))
                pos += len(p) + 1
            return out
    if "'" in tok or "’" in tok:
        return [_strip_possessive(text, s, e)]
    return [(s, e, tok)]


def _strip_possessive(text: str, s: int, e: int) -> tuple[int, int, str]:
    if e - s > 3 and text[e - 2] in "'’" and text[e - 1] in "sS":
        e -= 2
    return s, e, text[s:e]


def _joins(gap: str, lex: Lexicon) -> bool:
    if len(gap) > 14 or "\n" in gap:
        return False
    if gap == " " or (gap.isspace() and len(gap) <= 2):
        return True
    if _ARABIC_PREFIX.match(gap):
        return True
    words = gap.split()
    if not words or len(words) > 2 or not gap[:1].isspace() or not gap[-1:].isspace():
        return False
    if words == ["in"]:
        # Dutch "in" joins a name only before "'t" ("Sophie in 't Veld"); alone it is the preposition
        # ("Vredenburgplein in Utrecht")
        return False
    return all(w.casefold() in lex.particles or w.casefold() in lex.org_joiners for w in words)


def _is_initial(text: str, pos: int) -> bool:
    """True when the capital at `pos` is required by position (sentence/line/quote start), not by name."""
    i = pos - 1
    quote_seen = False
    while i >= 0 and text[i] in _SKIP_BACK or (i >= 0 and text[i] == "\n"):
        if text[i] == "\n":
            return True
        if text[i] in "\"“”«„‘'‹":
            quote_seen = True
        i -= 1
    if i < 0:
        return True
    ch = text[i]
    return ch in _SENTENCE_END or (quote_seen and ch in ",—–-")


# -------------------------------------------------------------------------------------------- analysis


def _is_title_case(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or not word.isupper())


# In a text longer than this, after this many distinct words were searched for, the text's words are
# collected once instead, which keeps a long text with many distinct capitalised words linear.
_LOWER_SCAN_MAX = 20_000
_LOWER_SCANS = 32
# Maximal runs of alphanumerics. The standard library's \w is by definition str.isalnum() plus "_" (same
# Unicode tables as the search loop below), so the two ways of answering agree exactly.
_ALNUM_RUN = re.compile(r"[^\W_]+")


def _lower_elsewhere(ctx: _Ctx, word: str) -> bool:
    """Does `word` occur in lower case in the article (so its capital here is positional)?"""
    lw = word.lower()
    cached = ctx.lower_cache.get(lw)
    if cached is not None:
        return cached
    text = ctx.text
    if len(text) > _LOWER_SCAN_MAX and lw.isalnum() and (
            ctx.lower_words is not None or len(ctx.lower_cache) >= _LOWER_SCANS):
        # an all-alphanumeric word bounded by non-alphanumerics is exactly one maximal alphanumeric run
        if ctx.lower_words is None:
            ctx.lower_words = set(_ALNUM_RUN.findall(text))
        found = lw in ctx.lower_words
    else:
        found, i = False, text.find(lw)
        while i != -1:
            j = i + len(lw)
            if (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum()):
                found = True
                break
            i = text.find(lw, i + 1)
    ctx.lower_cache[lw] = found
    return found


def _shouting(ctx: _Ctx, pos: int) -> bool:
    """Is `pos` on an ALL-CAPS line (headline, source line), where capitals say nothing about names?"""
    text = ctx.text
    ls = text.rfind("\n", 0, pos) + 1
    cached = ctx.shout_cache.get(ls)
    if cached is not None:
        return cached
    le = text.find("\n", pos)
    line = text[ls:le if le != -1 else len(text)]
    words = line.split()
    # ALL-CAPS real words (those with at least two letters: "A1 B2 C3", grid or route codes, say nothing
    # about the line's case) must be at least two and at least 60% of the real words. The real words are
    # counted until the share is out of reach, which on ordinary lines is after a few words; until the
    # count completes, the upper-case words of any length (counted by a C loop) stand in for the ALL-CAPS
    # ones, an upper bound that makes the early answer exact.
    caps_bound = sum(map(str.isupper, words))
    result = caps_bound >= 2
    if result:
        real = caps = 0
        for w in words:
            if len(w) >= 2 and (w.isalpha() or sum(c.isalpha() for c in w) >= 2):
                real += 1
                if w.isupper():
                    caps += 1
                elif caps_bound < 0.6 * real:
                    result = False
                    break
        if result:  # all words counted: the exact test
            result = caps >= 2 and caps >= 0.6 * real
    ctx.shout_cache[ls] = result
    return result


def _word_before(ctx: _Ctx, pos: int) -> str:
    """The word just before `pos` on the same line (casefolded), or ''. Not memoised: almost every call is
    for a different position, and the answer costs a bounded look at 40 characters."""
    text = ctx.text
    # up to three blanks, then the word; the 43 characters before `pos` hold both
    head = text[max(0, pos - 43):pos]
    core = head.rstrip(" \t\u00a0")
    i = pos - (len(head) - len(core))
    last = core[-1:] if i >= pos - 3 else ""
    if not (last.isalpha() or last == "-"):  # punctuation, a digit, a line start, 4+ blanks: no word
        return ""
    # common case: the word is everything back to the previous space (or to the 40-character limit)
    chunk = core[-40:].rpartition(" ")[2]
    if chunk.replace("-", "a").isalpha():
        return chunk.casefold()
    j = i
    while j > 0 and i - j < 40 and (text[j - 1].isalpha() or text[j - 1] == "-"):
        j -= 1
    return text[j:i].casefold()


def _word_after(ctx: _Ctx, pos: int) -> str:
    """The word just after `pos` on the same line (casefolded), or '' (not memoised, as :func:`_word_before`)."""
    text, n = ctx.text, len(ctx.text)
    # up to three blanks, then the word; the 43 characters after `pos` hold both
    tail = text[pos:pos + 43]
    core = tail.lstrip(" \t\u00a0")
    i = pos + (len(tail) - len(core))
    first = core[:1] if i <= pos + 3 else ""
    if not (first.isalpha() or first == "-"):  # punctuation, a digit, a line end, 4+ blanks: no word
        return ""
    # common case: the word is everything up to the next space (or to the 40-character limit)
    chunk = core[:40].partition(" ")[0]
    if chunk.replace("-", "a").isalpha():
        return chunk.casefold()
    j = i
    while j < n and j - i < 40 and (text[j].isalpha() or text[j] == "-"):
        j += 1
    return text[i:j].casefold()


def _place(ctx: _Ctx, s: int, e: int) -> Place | None:
    name = ctx.text[s:e]
    if len(name) < 2:
        return None
    cache = ctx.place_cache
    place = cache.get(name, _UNSET)
    if place is _UNSET:
        place = cache[name] = find_place_normalised(name, ctx.language)
    return place


def _tok_place(ctx: _Ctx, tok: _Tok) -> Place | None:
    """:func:`_place` of one token (its text is its surface), remembered with the spelling."""
    w = tok[3]
    place = w.place
    if place is _UNSET:
        surface = tok[2]
        place = w.place = find_place_normalised(surface, ctx.language) if len(surface) >= 2 else None
    return place


def _tok_demonym(tok: _Tok) -> bool:
    """'Russian', 'Ukrainian': an irregular demonym or an adjective built on a country name."""
    w = tok[3]
    dem = w.demonym
    if dem is _UNSET:
        dem = w.demonym = w.demonym_irregular or _demonym(tok[2])
    return dem


def _known_org(ctx: _Ctx, toks: list[_Tok], upper: bool):
    """The first (leftmost, then longest) known organisation alias in the run: (i, j, org) or None."""
    table = known_orgs_upper() if upper else known_orgs()
    text = ctx.text
    n = len(toks)
    for i in range(n):
        if not (toks[i][3].org_first_upper if upper else toks[i][3].org_first):
            continue
        for j in range(min(n, i + 6), i, -1):
            key = tuple(text[toks[i][0]:toks[j - 1][1]].split())
            if upper:
                key = tuple(k.upper() for k in key)
            org = table.get(key)
            if org is not None:
                return i, j, org
    return None


def _analyse_single(ctx: _Ctx, tok: _Tok, initial: bool) -> list[_Mention]:
    """:func:`_analyse` of a one-token run (about half of all runs), step by step the same rules with the
    branches that need two or more tokens left out."""
    s, e, word, w = tok
    if initial and w.initial_drop:
        return []  # a capitalised function word opening a sentence
    if not w.plain:
        shouting = w.upper and _shouting(ctx, s)
        # 1. a known organisation / outlet (a token holds no whitespace: its alias key is the word itself)
        if w.org_first_upper if shouting else w.org_first:
            org = (known_orgs_upper() if shouting else known_orgs()).get((word.upper(),) if shouting else (word,))
            if org is not None and not (initial and w.title_case and (w.stop or _lower_elsewhere(ctx, word))):
                return [_Mention(s, e, "organisation", org.name, initial=initial, org_kind=org.kind)]
        if w.domain:
            return [_Mention(s, e, "organisation", word, initial=initial, org_kind="media")]
        if shouting:
            return _analyse_shouting(ctx, [tok])
        if w.inst_trigger:
            inst = _institution(ctx, [tok], initial)
            if inst is not None:
                return inst
    # 2. a place
    place = w.place
    if place is _UNSET:
        place = _tok_place(ctx, tok)
    if place is None and w.ru_adj and ctx.language in ("ru", "und"):
        place = _ru_region_adjective(ctx, s, e)
    if place is not None and not (initial and (w.stop or w.cal or _lower_elsewhere(ctx, word))):
        if not (place.feature == "city" and ctx.noun_articles and _word_before(ctx, s) in ctx.noun_articles):
            return [_location(ctx, s, e, place, initial)]
    # 3. positional capitals, a lone calendar word, a lone title: nothing; 5. a bare organisation cue names
    # nothing, a demonym is an adjective (``_Word.mute``). A sentence-initial capital is positional when the
    # word is written in lower case elsewhere; that full-text search is only made once the word would yield
    # a mention, and for an unresolved word only by _cluster, if it could join an entity there (most
    # unresolved words are dropped, and the search is the dearest step of the analysis).
    if w.mute or (w.demonym if w.demonym is not _UNSET else _tok_demonym(tok)):
        return []
    positional = initial and w.title_case  # nothing if _lower_elsewhere(ctx, word)
    # 4. titles: a title just before the word
    before = _word_before(ctx, s)
    person_evidence = before in ctx.lex.titles
    if person_evidence:
        place = _tok_place(ctx, tok)  # the gazetteer's own answer (not a Russian region adjective's)
        if place is not None:
            if positional and _lower_elsewhere(ctx, word):
                return []
            return [_location(ctx, s, e, place, initial)]
    # 7. defaults
    if w.upper and 2 <= len(word) <= 6 and not w.stop:
        if positional and _lower_elsewhere(ctx, word):
            return []
        return [_Mention(s, e, "organisation", word, initial=initial)]
    if w.org_cue_cf or w.title_cf:
        return []
    kind = _single_evidence(ctx, s, e, initial, before)
    if kind is None and w.loc_suffix and not person_evidence:
        kind = "location"  # "op het Vredenburgplein", "über die Königstraße"
    if person_evidence and kind is None:
        kind = "person"
    if kind is not None:
        if positional and _lower_elsewhere(ctx, word):
            return []
        return [_Mention(s, e, kind, word, initial=initial)]
    if initial and w.stop:
        return []
    # an unresolved word (half of all one-token runs) is handed to _cluster, which drops it unless it can
    # join an entity there, and drops a sentence-initial word written in lower case elsewhere
    ctx.unresolved.append((s, e, word, w, initial))
    return []


def _analyse_name(ctx: _Ctx, toks: list[_Tok], initial: bool) -> list[_Mention] | None:
    """:func:`_analyse` of the commonest multi-token run, a plain name mid-sentence ("Joko Widodo", "New
    York"): no token is a cue, title, acronym, known-organisation or institution word, the first is no
    function word, the last no calendar word, and one space separates the tokens. Then the rules reduce to
    "the gazetteer's place, else a person"; None hands any other run to :func:`_analyse`."""
    w0 = toks[0][3]
    if initial or w0.stop or w0.title or toks[-1][3].cal:
        return None
    letters = 0
    for t in toks:
        if t[3].bits:
            return None
        letters += t[1] - t[0]
    text = ctx.text
    s, e = toks[0][0], toks[-1][1]
    n = len(toks)
    if e - s != letters + n - 1 or text.count(" ", s, e) != n - 1:
        return None
    place = _place(ctx, s, e)
    if place is not None:
        return [_location(ctx, s, e, place, initial)]
    if _word_before(ctx, s) in ctx.lex.titles or _tok_demonym(toks[0]) or (
            ctx.language in ("de", "und") and _tok_german_adjective(toks[0])):
        return None
    country = _country_run(ctx, toks)
    if country is not None:
        if country[0]:
            return [_Mention(s, e, "organisation", text[s:e], initial=initial)]
        return [_location(ctx, toks[-1][0], e, country[1], False)]
    if _DIGIT.search(text, s, e):
        return None  # codes ("A1 B2"), not a name: see _by_token
    return [_Mention(s, e, "person", text[s:e], initial=initial)]


# Languages whose noun phrases put a country after its noun as a genitive ("Pasukan Ukraina", Ukrainian
# troops): a sentence-initial capital before a country there is usually a common noun. Elsewhere "Word
# Country" is an organisation's name ("Jeugdzorg Nederland", "Cancer Research UK").
_COUNTRY_GENITIVE_LANGS = frozenset({"id", "ms", "ru", "und"})
# First words of a country's own long name ("República Argentina", "Соединённые Штаты", "Metropolitaans
# Frankrijk"): such a run names the country, not an organisation.
_STATE_WORDS = frozenset({
    "republic", "république", "república", "repubblica", "republiek", "republik", "volksrepublik", "kingdom",
    "königreich", "koninkrijk", "reino", "royaume", "regno", "kerajaan", "federation", "united", "vereinigte",
    "verenigde", "соединённые", "соединенные", "metropolitan", "metropolitaans", "sud", "south", "north",
    "east", "west"})
# Country names that are also common given names or surnames ("Michael Jordan", "Anatole France").
# Geographic cue words that are also common surnames ("Michael Berg", "Anna See", "Paul Hill"); "Island",
# "Street" never are ("King George Island").
_SURNAME_CUES = frozenset({"berg", "see", "tal", "meer", "hill", "brook", "bank", "ford", "moor"})
_NAME_COUNTRIES = frozenset({"jordan", "israel", "chad", "georgia", "france", "india", "israël", "jordania"})


def _country_run(ctx: _Ctx, toks: list[_Tok]) -> tuple[bool, Place] | None:
    """A plain capitalised run (not itself a place) ending with a country: (True, country) when it is an
    organisation named with the country ("Jeugdzorg Nederland", "Air Canada", "Amnesty International
    Indonesia"), (False, country) when a German common noun precedes a country in the genitive ("Osten
    Frankreichs", "Anerkennung Albaniens": the country is the only name), None otherwise. The words before
    the country must not be places ("Ukraina Rusia"), nor the state words of the country's own long name
    ("República Argentina"). A country first is left alone: it is as often a qualifier before a name
    ("Турции Реджепом Тайипом Эрдоганом", "Mesir Thutmose III") as an organisation's first word."""
    last = toks[-1]
    w = last[3]
    pl = w.place
    if pl is _UNSET:
        pl = _tok_place(ctx, last)
    if pl is None or pl.feature != "country" or w.cf in _NAME_COUNTRIES or toks[0][3].cf in _STATE_WORDS:
        return None
    surface = last[2]
    if len(toks) == 2 and ctx.language in ("de", "und") and surface.endswith("s") and w.cf != "usa" and (
            find_place_normalised(surface[:-1], ctx.language) == pl):
        return False, pl
    if _tok_place(ctx, toks[0]) is None and (len(toks) == 2 or _tok_place(ctx, toks[-2]) is None):
        return True, pl
    return None


# People's names hold no digits: a run with one ("A1 B2 C3", "Airbus A320") is never a person.
_DIGIT = re.compile(r"\d")


def _by_token(ctx: _Ctx, toks: list[_Tok], initial: bool) -> list[_Mention]:
    """A run that would default to a person but holds a digit: each token typed on its own."""
    out: list[_Mention] = []
    for i, tok in enumerate(toks):
        out.extend(_analyse_single(ctx, tok, initial and i == 0))
    return out


def _analyse(ctx: _Ctx, toks: list[_Tok], initial: bool) -> list[_Mention]:
    """Type one run of capitalised tokens (see the module docstring, step 2) into mentions."""
    if len(toks) <= 1:
        return _analyse_single(ctx, toks[0], initial) if toks else []
    text, lex = ctx.text, ctx.lex
    w0 = toks[0][3]
    run = toks
    any_bits, all_bits, letters = 0, -1, 0
    for t in toks:
        b = t[3].bits
        any_bits |= b
        all_bits &= b
        letters += t[1] - t[0]
    run_upper = bool(all_bits & _B_UPPER)
    shouting = run_upper and _shouting(ctx, toks[0][0])
    all_upper = shouting or (run_upper and len(toks) > 2)

    # 1. known organisations / outlets anywhere in the run split it
    if any_bits & (_B_ORG_FIRST_UPPER if all_upper else _B_ORG_FIRST):
        hit = _known_org(ctx, toks, upper=all_upper)
        if hit is not None:
            i, j, org = hit
            s, e = toks[i][0], toks[j - 1][1]
            single_word = j - i == 1 and toks[i][3].title_case
            if not (initial and i == 0 and single_word and (toks[i][3].stop or _lower_elsewhere(ctx, text[s:e]))):
                out = _analyse(ctx, toks[:i], initial)
                out.append(_Mention(s, e, "organisation", org.name, initial=initial and i == 0, org_kind=org.kind))
                out.extend(_analyse(ctx, toks[j:], False))
                return out

    if shouting:
        return _analyse_shouting(ctx, toks)

    # national institutions get an English canonical name ("Kementerian Pertahanan" -> Ministry of Defence)
    if any_bits & _B_INST:
        inst = _institution(ctx, toks, initial)
        if inst is not None:
            return inst

    # 2. the whole run is a place
    s, e = toks[0][0], toks[-1][1]
    place = _place(ctx, s, e)
    if place is not None:
        return [_location(ctx, s, e, place, initial)]
    no_place = (s, e)  # a span known not to be a place (asked again below only if the run shrank)

    # 3. positional capitals: drop a sentence-initial function word / common word / calendar word
    if initial or w0.stop:
        first = toks[0][2]
        if w0.title_case and (w0.stop or w0.cal or _lower_elsewhere(ctx, first)) or w0.cal:
            return _analyse(ctx, toks[1:], False)
        if initial and len(toks) > 1 and w0.title_case and ctx.language in _COUNTRY_GENITIVE_LANGS:
            rest_place = _place(ctx, toks[1][0], toks[-1][1])
            if rest_place is not None:  # "Pasukan Ukraina" -> "Ukraina"
                return [_location(ctx, toks[1][0], toks[-1][1], rest_place, False)]
    if toks[-1][3].cal:
        toks = _strip_calendar_tail(ctx, toks)
        if not toks:
            return []

    # 4. titles: "Presiden", "Penjabat Gubernur", "Mr", "M." (and a lower-case title just before the run)
    person_evidence = _word_before(ctx, toks[0][0]) in lex.titles
    out: list[_Mention] = []
    while toks:
        w = toks[0][3]
        if w.title and not w.upper or (w.title_short and len(toks) > 1):
            person_evidence = True
            toks = toks[1:]
            initial = False
            continue
        if person_evidence and len(toks) > 1:
            # "Presiden Rusia Vladimir Putin", "Presiden Amerika Serikat Joe Biden": a place between
            # title and name (a country may leave a one-word name, a city must leave two words)
            taken = 0
            for k in range(min(3, len(toks) - 1), 0, -1):
                pl = _tok_place(ctx, toks[0]) if k == 1 else _place(ctx, toks[0][0], toks[k - 1][1])
                if pl is not None and toks[k][3].loc_cue:
                    continue  # "Jawa Tengah": the place is only part of a region's name
                # a city must be named by its own name (not an exonym such as "Ahmad" for Al Ahmadi)
                # and leave a two-word name
                if pl is not None and (pl.feature != "city" or (
                        len(toks) - k >= 2 and text[toks[0][0]:toks[k - 1][1]].casefold() == pl.name.casefold())):
                    out.append(_location(ctx, toks[0][0], toks[k - 1][1], pl, False))
                    taken = k
                    break
            if taken:
                toks = toks[taken:]
                continue
            if _tok_demonym(toks[0]):
                toks = toks[1:]
                continue
            # "Gubernur Jawa Tengah Ganjar Pranowo": a region written with a location cue word
            for k in range(1, len(toks) - 2):
                if toks[k][3].loc_cue:
                    ls, le = toks[0][0], toks[k][1]
                    out.append(_Mention(ls, le, "location", " ".join(text[ls:le].split())))
                    toks = toks[k + 1:]
                    break
            else:
                break
            continue
        break
    if not toks:
        return out

    n = len(toks)
    if n > 1:
        # a plain name (no cue word, one space between tokens): steps 5-7 reduce to "a place, else a person"
        if toks is run:  # nothing was stripped: the flags were collected above
            cue_bits = any_bits
        else:
            cue_bits, letters = 0, 0
            for t in toks:
                cue_bits |= t[3].bits
                letters += t[1] - t[0]
        s, e = toks[0][0], toks[-1][1]
        if not cue_bits & _B_CUE and e - s == letters + n - 1 and text.count(" ", s, e) == n - 1 and (
                not _tok_demonym(toks[0])):
            place = _place(ctx, s, e) if (s, e) != no_place else None
            if place is not None:
                out.append(_location(ctx, s, e, place, initial))
                return out
            if not (ctx.language in ("de", "und") and _tok_german_adjective(toks[0])):
                country = None if person_evidence else _country_run(ctx, toks)
                if country is not None and not country[0]:
                    out.append(_location(ctx, toks[-1][0], e, country[1], False))
                    return out
                if country is None and _DIGIT.search(text, s, e):
                    return out + _by_token(ctx, toks, initial)
                kind = "organisation" if country is not None else "person"
                out.append(_Mention(s, e, kind, text[s:e], initial=initial))
                return out

    # 5. organisation cue words anywhere ("Kementerian Pertahanan", "Deutsche Bank AG", "Party")
    org_at = _org_cue_index(ctx, toks)
    if org_at is not None:
        out.extend(_organisation(ctx, toks, org_at, initial, person_evidence))
        return out

    # a leading demonym is an adjective, not a name ("Russian" alone is no entity; "Russian Foo Bar" is Foo Bar)
    if _tok_demonym(toks[0]):
        return out + _analyse(ctx, toks[1:], False)

    if len(toks) > 1 and _has_joiner(ctx, toks):
        out.extend(_split_joined(ctx, toks, initial, "person"))
        return out

    s, e = toks[0][0], toks[-1][1]
    if len(toks) > 1 or person_evidence:
        place = _tok_place(ctx, toks[0]) if len(toks) == 1 else _place(ctx, s, e)
        if place is not None:
            out.append(_location(ctx, s, e, place, initial))
            return out

    # 6. geographic cue words: "Selat Hormuz", "Laut China Selatan", "Gaza Strip", "Wall Street"
    if len(toks) > 1 and any(t[3].loc_cue for t in toks):
        # ... but a surname that is also a geographic word ("Michael Berg", "Anna See") closes a person's
        # name: a cue in last place only, with a title before or a reporting verb / apposition next to it
        kind = "location"
        if toks[-1][3].cf in _SURNAME_CUES and len(toks) <= 3 and not any(
                t[3].loc_cue or t[3].upper for t in toks[:-1]) and (
                person_evidence or _single_evidence(ctx, s, e, initial) == "person"):
            kind = "person"
        out.append(_Mention(s, e, kind, " ".join(text[s:e].split()), initial=initial))
        return out

    # 7. defaults
    if len(toks) > 1 and ctx.language in ("de", "und") and _tok_german_adjective(toks[0]) and not (
            _has_joiner(ctx, toks)):
        # German names of companies and bodies open with a capitalised adjective ("Deutsche Bahn",
        # "Europäische Zentralbank", "Russische Eisenbahnen"); German persons' first names never inflect so.
        out.append(_Mention(s, e, "organisation", " ".join(text[s:e].split()), initial=initial))
        return out
    if len(toks) > 1:
        if _DIGIT.search(text, s, e):
            return out + _by_token(ctx, toks, initial)
        out.extend(_split_joined(ctx, toks, initial, "person"))
        return out
    word = toks[0][2]
    w = toks[0][3]
    if w.upper and 2 <= len(word) <= 6 and not w.stop:
        out.append(_Mention(s, e, "organisation", word, initial=initial))
        return out
    if w.org_cue_cf or w.title_cf or w.cal:
        return out
    kind = _single_evidence(ctx, s, e, initial)
    if kind is None and w.loc_suffix and not person_evidence:
        kind = "location"
    if person_evidence and kind is None:
        kind = "person"
    if kind is not None:
        out.append(_Mention(s, e, kind, word, initial=initial))
    elif not (initial and (w.stop or w.cal or _lower_elsewhere(ctx, word))):
        out.append(_Mention(s, e, "unresolved", word, initial=initial))
    return out


# ---------------------------------------------------------------------------------------- institutions

_QUALIFIER_JOINERS = frozenset({"of", "de", "do", "da", "del", "della", "van", "der", "des", "du", "di"})
# Endings of country adjectives in the supported languages, longest first ("russische", "ukrainien",
# "ucraniano", "российское"); the stem + a country-name ending is looked up in the gazetteer.
_ADJ_ENDINGS: tuple[str, ...] = (
    "ischen", "ischer", "isches", "ische", "iennes", "ienne", "anische", "йского", "йское", "йская", "йский",
    "ского", "ское", "ская", "ский", "ской", "iens", "ien", "ian", "ean", "ese", "ano", "ana",
    "isch", "se", "o", "a", "e", "i",
)
_COUNTRY_ENDINGS: tuple[str, ...] = ("", "a", "e", "y", "ia", "ie", "land", "ei", "я", "а", "ия")


def _institution(ctx: _Ctx, toks: list[_Tok], initial: bool) -> list[_Mention] | None:
    """A national institution in (or starting just before) the run, with its English name, or None.

    The name is matched at a token start (or up to three words before the run, for lower-case heads such
    as "ministère des Armées"); a country right after it in the run ("Kementerian Pertahanan Ukraina",
    "Ministry of Defence of Ukraine") or a country adjective before/after it ("Russian Defence Ministry",
    "ministère français des Armées", "Ministerio de Defensa ruso") is its explicit qualifier. Tokens around
    the name are analysed on their own when they are clearly separate (a title, a person after the
    qualifier, a name joined by "van"); otherwise the match is rejected and the run is typed as before.
    Callers only ask about runs holding a trigger word (``_Word.inst_trigger``).
    """
    inst = ctx.inst
    if inst is None:
        return None
    text = ctx.text
    starts = [t[0] for t in toks]
    matches = ctx.inst_matches
    for pos in _words_before(text, toks[0][0]) + starts:
        # a sub-run is analysed again after a rejected match (and long runs recurse), so the match at a
        # position is computed once per article
        hit = matches.get(pos)
        if hit is None:
            m = inst.pattern.match(text, pos)
            hit = matches[pos] = (m, _institution_name(inst, m) if m is not None else None)
        m, base = hit
        if m is None or m.end() <= toks[0][0] or base is None:
            continue
        ps, pe = m.span()
        i = next(k for k, t in enumerate(toks) if t[1] > ps)  # first token touched by the match
        j = next((k for k, t in enumerate(toks) if t[0] >= pe), len(toks))  # first token after it
        if j > 0 and toks[j - 1][1] > pe:
            continue  # the match ends inside a token
        prefix, rest = toks[:i] if ps >= toks[0][0] else [], toks[j:]
        cc: str | None = None
        # qualifier before, inside the run: "Russian Defence Ministry", "U.S. Defense ..."
        if prefix:
            q = _country_in(ctx, prefix[-1][0], prefix[-1][1])
            if q is not None and text[prefix[-1][1]:ps].isspace():
                cc, ps, prefix = q, prefix[-1][0], prefix[:-1]
        # qualifier after, inside the run: "Kementerian Pertahanan Ukraina", "Ministerio de Defensa de España"
        if rest and cc is None:
            gap = text[pe:rest[0][0]].split()
            if all(w.lower() in _QUALIFIER_JOINERS for w in gap) and len(gap) <= 2:
                for k in range(min(3, len(rest)), 0, -1):
                    q = _country_in(ctx, rest[0][0], rest[k - 1][1])
                    if q is not None:
                        cc, pe, rest = q, rest[k - 1][1], rest[k:]
                        break
        if rest and not (cc is not None or rest[0][2].rstrip(".").casefold() in ctx.lex.titles or (
                not text[pe:rest[0][0]].isspace() and (_names_an_organisation(ctx, rest[0][2]) or _place(
                    ctx, rest[0][0], rest[-1][1]) is not None))):
            continue  # "Ministry of Defence Procurement": a longer name than the institution table knows
        if cc is None:
            cc = _adjacent_qualifier(ctx, ps, pe, m)
        out = _analyse(ctx, prefix, initial) if prefix else []
        out.append(_Mention(ps, pe, "organisation", base, initial=initial and not prefix, org_kind="institution",
                            inst_cc=cc))
        if rest:
            out.extend(_analyse(ctx, rest, False))
        return out
    return None


def _names_an_organisation(ctx: _Ctx, word: str) -> bool:
    """Does `word` open another organisation's name ("... dan Mahkamah Agung")?"""
    low = word.lower()
    return low in ctx.lex.org_cues or (ctx.inst is not None and low in ctx.inst.triggers)


def _institution_name(inst: Institutions, m) -> str | None:
    groups = m.groupdict()
    if groups.get("fixed"):
        return inst.fixed.get(norm_phrase(groups["fixed"]))
    if groups.get("bare"):
        portfolio = inst.bare.get(norm_phrase(groups["bare"]))
    elif groups.get("after"):
        portfolio = inst.portfolio_after.get(norm_phrase(groups["after"]))
    elif groups.get("before"):
        portfolio = inst.portfolio_before.get(norm_phrase(groups["before"]))
    elif groups.get("stem"):
        portfolio = inst.stems.get(norm_phrase(groups["stem"]))
    else:
        return None
    return inst.template.format(portfolio) if portfolio else None


def _words_before(text: str, pos: int) -> list[int]:
    """Start offsets of up to three words just before `pos` on the same line, farthest first (a word glued to
    the next by an apostrophe counts: "dell'Interno")."""
    out: list[int] = []
    i = pos
    while len(out) < 3:
        j = i
        while j > 0 and i - j < 3 and text[j - 1] in " \t\u00a0":
            j -= 1
        if j == i and text[i - 1:i] not in ("'", "’"):
            break
        k = j
        while k > 0 and j - k < 30 and (text[k - 1].isalpha() or text[k - 1] in "'’-"):
            k -= 1
        if k == j:
            break
        out.append(k)
        i = k
    out.reverse()
    return out


def _adjacent_qualifier(ctx: _Ctx, ps: int, pe: int, m) -> str | None:
    """A country qualifier written just outside an institution's name: the adjective inside a French-style
    name ("ministère français des ..."), a lower-case adjective before or after it ("das russische
    Verteidigungsministerium", "Ministerio de Defensa ruso"), a possessive ("Ukraine's Defence Ministry") or
    a country right after it ("Министерство обороны России")."""
    adj = m.groupdict().get("adj")
    if adj:
        cc = _adjective_country(adj.lower(), ctx.language)
        if cc:
            return cc
    text = ctx.text
    before = _word_before(ctx, ps)
    if before and text[ps - 1:ps] in " \t\u00a0" and before.islower():
        cc = _adjective_country(before, ctx.language)
        if cc:
            return cc
    if text[max(0, ps - 3):ps] in ("'s ", "’s "):
        k = ps - 3
        j = k
        while j > 0 and k - j < 40 and (text[j - 1].isalpha() or text[j - 1] == "."):
            j -= 1
        if j < k:
            cc = _country_in(ctx, j, k)
            if cc:
                return cc
    after = _word_after(ctx, pe)
    if after and text[pe:pe + 1] in " \t\u00a0":
        k = pe + 1
        while k < len(text) and text[k] in " \t\u00a0":
            k += 1
        if text[k:k + 1].isupper():
            return _country_in(ctx, k, k + len(after))
        return _adjective_country(after, ctx.language)
    return None


def _country_in(ctx: _Ctx, s: int, e: int) -> str | None:
    """ISO code of the country named (or adjectivised, "Russian") by text[s:e], or None."""
    place = _place(ctx, s, e)
    if place is not None:
        return place.country_code if place.feature == "country" else None
    word = ctx.text[s:e]
    return _adjective_country(word, ctx.language) if " " not in word else None


@lru_cache(maxsize=4096)
def _adjective_country_cached(word: str, language: str) -> str | None:
    code = demonym_countries(language).get(word)
    if code:
        return code
    if len(word) < 4 or not word.isalpha():
        return None
    for ending in _ADJ_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: len(word) - len(ending)]
            for tail in _COUNTRY_ENDINGS:
                place = find_place_normalised(stem + tail, language)
                if place is not None and place.feature == "country":
                    return place.country_code
    return None


def _adjective_country(word: str, language: str) -> str | None:
    """'russische' -> 'RU', 'français' -> 'FR', 'ukrainien' -> 'UA' (a lower-case country adjective), or None."""
    return _adjective_country_cached(word.lower(), language)


_GERMAN_ADJ_ENDINGS = ("ische", "ischen", "ischer", "isches", "äische", "äischen", "äischer", "äisches")


def _tok_german_adjective(tok: _Tok) -> bool:
    """:func:`_german_adjective` of a token, remembered with its spelling."""
    w = tok[3]
    adj = w.german_adj
    if adj is _UNSET:
        adj = w.german_adj = _german_adjective(tok[2])
    return adj


def _german_adjective(word: str) -> bool:
    """'Deutsche', 'Europäische', 'Russische': a capitalised German adjective opening an organisation's name."""
    low = word.lower()
    return low.endswith(_GERMAN_ADJ_ENDINGS) or (
        low.endswith(("e", "er", "es", "en")) and _adjective_country(low, "de") is not None)


def _ru_region_adjective(ctx: _Ctx, s: int, e: int) -> Place | None:
    """'Курской области' -> Kursk: the adjective of the seat city followed by 'область'."""
    word = ctx.text[s:e]
    if not word.endswith(_RU_ADJ_ENDINGS + ("ой", "ая", "ую", "ом", "ого", "ий")) or (
            _word_after(ctx, e) not in ctx.lex.region_after):
        return None
    for ending in ("ого", "ой", "ая", "ую", "ом", "ий"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            for cand in (stem, stem[:-2] if stem.endswith("ск") else ""):
                if len(cand) >= 3:
                    place = find_place_normalised(cand, "ru")
                    if place is not None and place.feature == "city":
                        return place
    return None


def _strip_calendar_tail(ctx: _Ctx, toks: list[_Tok]) -> list[_Tok]:
    if not toks:
        return toks
    if toks[-1][3].cal:
        nxt = ctx.text[toks[-1][1]:toks[-1][1] + 3].lstrip()
        if len(toks) == 1 or (nxt[:1].isdigit()) or toks[-1][2] in ("Monday", "Tuesday", "Wednesday",
                                                                             "Thursday", "Friday",
                                                                             "Saturday", "Sunday"):
            return toks[:-1]
    return toks


@lru_cache(maxsize=4096)
def _demonym(word: str) -> bool:
    """'Russian', 'Ukrainian', 'Indonesian': an English adjective built on a country name."""
    if not word.endswith(("ian", "ean", "an", "ese", "ish", "i", "ic")) or len(word) < 5:
        return False
    for cut in (3, 2, 1):
        stem = word[:-cut]
        if len(stem) >= 4:
            for cand in (stem, stem + "a", stem + "e", stem + "y", stem + "ia"):
                pl = find_place_normalised(cand, "en")
                if pl is not None and pl.feature == "country":
                    return True
    return False


def _org_cue_index(ctx: _Ctx, toks: list[_Tok]) -> int | None:
    for i, t in enumerate(toks):
        if t[3].org_cue:
            return i
    return None


_CONJUNCTION_GAPS = (["and"], ["&"], ["dan"], ["et"], ["und"], ["y"], ["e"], ["en"], ["и"])


def _organisation(ctx: _Ctx, toks: list[_Tok], cue_at: int, initial: bool,
                  titled: bool = False) -> list[_Mention]:
    """An organisation run; a trailing name after a country/title qualifier is split off as a person
    ("Kementerian Luar Negeri Rusia Maria Zakharova"), and so is a two-word name closing an organisation
    that a person title opened ("Kepala Dinas Pendidikan Rafael Simanjuntak": `titled`)."""
    if len(toks) == 1:
        return []  # a bare cue word ("Bank", "Kementerian") names nothing
    if initial and cue_at > 1 and not (toks[0][3].org_cue or toks[0][3].upper) and not (
            ctx.text[toks[0][1]:toks[1][0]].isspace()):
        # "Shares of Lumina Systems fell": a sentence-initial common noun joined by "of" to the name
        return _analyse(ctx, toks[1:], False)
    # "Kestrel Airlines and Northwind Energy": two organisations, each with its own cue word, joined by a
    # conjunction ("Institute for Justice and Democracy" is one: "Democracy" has no cue)
    text = ctx.text
    for k in range(2, len(toks) - 1):
        if text[toks[k - 1][1]:toks[k][0]].split() in _CONJUNCTION_GAPS and any(
                t[3].org_cue for t in toks[:k]) and any(t[3].org_cue for t in toks[k:]) and len(toks) - k >= 2:
            left, right = toks[:k], toks[k:]
            right_cue = next(i for i, t in enumerate(right) if t[3].org_cue)
            return (_organisation(ctx, left, _org_cue_index(ctx, left) or 0, initial, titled)
                    + _organisation(ctx, right, right_cue, False))
    # the first country / title after the cue, extended over the qualifier's further words ("Amerika
    # Serikat", "Rusia Juru Bicara"), but not into the person's name ("Bank Indonesia Perry Warjiyo": Perry
    # is also a town)
    qualifier_at = None
    for k in range(cue_at + 1, len(toks)):
        if toks[k][3].title_cf or _tok_place(ctx, toks[k]) is not None:
            qualifier_at = k
            break
    while qualifier_at is not None and qualifier_at + 1 < len(toks):
        nxt = toks[qualifier_at + 1]
        pl = _tok_place(ctx, nxt)
        if nxt[3].title_cf or (pl is not None and pl.feature == "country") or _place(
                ctx, toks[qualifier_at][0], nxt[1]) is not None:
            qualifier_at += 1
        else:
            break
    out: list[_Mention] = []
    if qualifier_at is not None and len(toks) - qualifier_at - 1 >= 2 and not any(
            t[3].org_cue_cf or (pl := _tok_place(ctx, t)) is not None and pl.feature == "country"
            for t in toks[qualifier_at + 1:]):
        org_toks, person_toks = toks[:qualifier_at + 1], toks[qualifier_at + 1:]
    elif titled and qualifier_at is None and _titled_org_person(ctx, toks, cue_at):
        org_toks, person_toks = toks[:-2], toks[-2:]
    else:
        org_toks, person_toks = toks, []
    s, e = org_toks[0][0], org_toks[-1][1]
    if len(org_toks) == 1 and org_toks[0][3].org_cue and not org_toks[0][3].upper:
        # "Ketua Komisi Rafael Simanjuntak": a bare cue word names no organisation
        ps, pe = person_toks[0][0], person_toks[-1][1]
        return [_Mention(ps, pe, "person", " ".join(ctx.text[ps:pe].split()))]
    name = " ".join(ctx.text[s:e].split())
    out.append(_Mention(s, e, "organisation", name, initial=initial))
    m = _ACRONYM_AFTER.match(ctx.text[e:e + 16])
    if m:
        ctx.acronyms[m.group(1)] = name
    if person_toks:
        ps, pe = person_toks[0][0], person_toks[-1][1]
        out.append(_Mention(ps, pe, "person", " ".join(ctx.text[ps:pe].split())))
    return out


def _titled_org_person(ctx: _Ctx, toks: list[_Tok], cue_at: int) -> bool:
    """After a person title, does an organisation run end in the person's two-word name? The organisation
    keeps its cue and at least one more word, or the name is confirmed by a reporting verb / apposition;
    the two words are plain capitalised words, one space apart, never written in lower case in the text
    ("Kepala Badan Nasional Penanggulangan Bencana" keeps its common nouns)."""
    after = len(toks) - cue_at - 1
    if after < 2:
        return False
    a, b = toks[-2], toks[-1]
    text = ctx.text
    for t in (a, b):
        w = t[3]
        if w.bits or w.stop or w.cal or w.title_cf or not w.title_case or _tok_place(ctx, t) is not None:
            return False
    if text[toks[-3][1]:a[0]] != " " or text[a[1]:b[0]] != " ":
        return False
    if after == 2 and _single_evidence(ctx, a[0], b[1], False) != "person":
        return False
    return not (_lower_elsewhere(ctx, a[2]) or _lower_elsewhere(ctx, b[2]))


def _has_joiner(ctx: _Ctx, toks: list[_Tok]) -> bool:
    text, particles = ctx.text, ctx.lex.particles
    for a, b in zip(toks, toks[1:]):
        gap = text[a[1]:b[0]]
        if not gap.isspace() and any(w.casefold() not in particles for w in gap.split()) and not (
                _ARABIC_PREFIX.match(gap)):
            return True
    return False


def _split_joined(ctx: _Ctx, toks: list[_Tok], initial: bool, kind: str) -> list[_Mention]:
    """A run joined by organisation-only joiners ('of', 'de la', 'and') without an organisation cue is
    several names ("Putin and Xi"); particles ('van', 'bin') keep a person's name whole."""
    lex, text = ctx.lex, ctx.text
    groups: list[list[_Tok]] = [[toks[0]]]
    for t in toks[1:]:
        gap_words = [w.casefold() for w in text[groups[-1][-1][1]:t[0]].split()]
        if gap_words and not all(w in lex.particles for w in gap_words) and not _ARABIC_PREFIX.match(
                text[groups[-1][-1][1]:t[0]]):
            groups.append([t])
        else:
            groups[-1].append(t)
    if len(groups) > 1:
        out: list[_Mention] = []
        for k, g in enumerate(groups):
            out.extend(_analyse(ctx, g, initial and k == 0))
        return out
    s, e = toks[0][0], toks[-1][1]
    return [_Mention(s, e, kind, " ".join(text[s:e].split()), initial=initial)]


def _single_evidence(ctx: _Ctx, s: int, e: int, initial: bool, before: str | None = None) -> str | None:
    """Type a lone unknown capitalised word from its neighbours, or None. `before` is
    ``_word_before(ctx, s)`` when the caller already has it."""
    lex, text = ctx.lex, ctx.text
    # An apposition starts with a comma, an age with a comma or with "(" after one to three blanks: the
    # two patterns are only tried when the next characters allow them.
    nxt = text[e:e + 1]
    if nxt == "," or (nxt == " " or nxt == "\t") and "(" in text[e + 1:e + 4]:
        after = text[e:e + 60]
        m = _APPOSITION.match(after)
        if m:
            words = m.group(1).casefold().split()
            # "X, seorang blogger ..." / "X, a spokeswoman ..." -> person; "X, sebuah perusahaan ...",
            # "X, a software company ..." -> organisation
            if words[0] in lex.apposition_org:
                return "organisation"
            if words[0] in lex.apposition_person:
                return "organisation" if any(w in lex.apposition_org for w in words[1:]) else "person"
        if _AGE.match(after):
            return "person"
    # a reporting verb is evidence only mid-sentence: "Militer mengatakan ..." opens with a common noun
    if not initial:
        if before is None:
            before = _word_before(ctx, s)
        if before in lex.speech_before or _word_after(ctx, e) in lex.speech_after:
            return "person"
    return None


def _location(ctx: _Ctx, s: int, e: int, place: Place, initial: bool) -> _Mention:
    region = None
    if place.feature == "city":
        before = _word_before(ctx, s)
        after = _word_after(ctx, e)
        if before in ctx.lex.province_words or after in ctx.lex.province_words:
            region = "province"
        elif (before in ctx.lex.region_before or after in ctx.lex.region_after) and (
                place.country_code in _OBLAST_COUNTRIES or "oblast" in (before, after)):
            region = "oblast"
    return _Mention(s, e, "location", place.name, place=place, region=region, initial=initial)


def _analyse_shouting(ctx: _Ctx, toks: list[_Tok]) -> list[_Mention]:
    """ALL-CAPS line: only places (countries and cities) are trusted, token by token."""
    out: list[_Mention] = []
    for t in toks:
        if t[3].stop:
            continue
        place = _tok_place(ctx, t)
        if place is not None and (place.feature != "city" or place.population >= 100_000):
            out.append(_location(ctx, t[0], t[1], place, True))
    return out


# ------------------------------------------------------------------------------------------ clustering


def _region_name(place: Place, region: str) -> str:
    return f"{place.name} Oblast" if region == "oblast" else f"{place.name} Province"


def _home_country(mentions: list[_Mention]) -> str | None:
    """The article's home country: the country code most frequent among its distinct gazetteer locations
    (countries, regions and cities alike), if it leads the runner-up by at least 1.5x."""
    seen: set[tuple] = set()
    counts: dict[str, int] = {}
    for m in mentions:
        if m.type == "location" and m.place is not None:
            key = (m.place.geonameid, m.place.name, m.region)
            if key not in seen:
                seen.add(key)
                counts[m.place.country_code] = counts.get(m.place.country_code, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    leader = max(counts, key=counts.__getitem__)
    runner_up = ranked[1] if len(ranked) > 1 else 0
    return leader if ranked[0] >= 1.5 * runner_up else None


def _qualify_institutions(ctx: _Ctx, mentions: list[_Mention]) -> None:
    """Give each institution mention its full English name ("Ministry of Defence of Ukraine"), taking the
    country from the first of:
    1. its own qualifier ("Kementerian Pertahanan Ukraina");
    2. the single country the article qualifies the same institution with elsewhere;
    3. the nearest actor before it in the same paragraph, if the text states its country: an institution
       with its own qualifier, or a person introduced with a country ("Presiden Rusia Vladimir Putin",
       "Russian President Vladimir Putin"; a later "Putin" is the same person) - a ministry an official
       speaks of or to is most often that official's own country's (a nearer person of unstated country
       ends the search: "Frau Müller vom Bundesministerium ..." is no evidence for an earlier Macron);
    4. the dateline's country ("MOSKOW, Kamis -", "KYIV (Reuters) -"), where the reporting happens;
    5. the article's home country (see :func:`_home_country`).
    Mentions are in text order. Otherwise the name stays unqualified."""
    insts = [i for i, m in enumerate(mentions) if m.org_kind == "institution"]
    if not insts:
        return
    explicit: dict[str, set[str]] = {}
    for i in insts:
        m = mentions[i]
        if m.inst_cc:
            explicit.setdefault(m.canonical, set()).add(m.inst_cc)
    fallback: list[str | None] = []  # [dateline or home country], computed on first need
    actors: list[str | None] | None = None
    for i in insts:
        m = mentions[i]
        cc = m.inst_cc
        if cc is None:
            same = explicit.get(m.canonical, set())
            if len(same) == 1:
                cc = next(iter(same))
            elif not same:
                if actors is None:
                    actors = _actor_countries(ctx, mentions)
                cc = actors[i]
                if cc is None:
                    if not fallback:
                        fallback.append(_dateline_country(ctx, mentions) or _home_country(mentions))
                    cc = fallback[0]
        country = country_name(cc) if cc else None
        if country:
            m.canonical = f"{m.canonical} of {country}"


def _surname_key(name: str) -> str:
    return _name_key(name.split()[-1]) if name.strip() else ""


def _person_countries(ctx: _Ctx, mentions: list[_Mention]) -> dict[str, str]:
    """Surname key -> country of the persons the text introduces with a country (see
    :func:`_country_before`); a surname introduced with two different countries is left out."""
    found: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "person":
            cc = _country_before(ctx, m.start)
            if cc is not None:
                found.setdefault(_surname_key(m.canonical), set()).add(cc)
    return {key: next(iter(ccs)) for key, ccs in found.items() if len(ccs) == 1}


def _country_before(ctx: _Ctx, pos: int) -> str | None:
    """The country named or adjectivised just before a person's name, over any titles: "Presiden Rusia
    Vladimir Putin", "Presiden Amerika Serikat Joe Biden", "Russian President Vladimir Putin" -> RU / US."""
    text, titles = ctx.text, ctx.lex.titles
    starts = _words_before(text, pos)  # up to three, farthest first
    ends = []
    for k in starts:
        j = k
        while j < pos and j - k < 30 and (text[j].isalpha() or text[j] in "'’-."):
            j += 1
        ends.append(j)
    for idx in range(len(starts) - 1, -1, -1):
        if text[starts[idx]:ends[idx]].rstrip(".").casefold() in titles:
            continue
        # the nearest word that is no title: a country alone or as the end of a two-word name
        for first in (idx - 1, idx):
            if first >= 0 and (first == idx or text[ends[first]:starts[idx]].isspace()):
                cc = _country_in(ctx, starts[first], ends[idx])
                if cc is not None:
                    return cc
        return None
    return None


def _actor_countries(ctx: _Ctx, mentions: list[_Mention]) -> list[str | None]:
    """Rule 3 of :func:`_qualify_institutions` for every mention at once (one pass, so linear in the number
    of mentions): the country of the nearest actor before each mention in its paragraph, if stated."""
    text = ctx.text
    persons = _person_countries(ctx, mentions)
    out: list[str | None] = []
    state: str | None = None
    prev_start = 0
    for m in mentions:
        if text.find("\n", prev_start, m.start) != -1:
            state = None  # a new paragraph
        prev_start = m.start
        out.append(state)
        if m.org_kind == "institution" and m.inst_cc:
            state = m.inst_cc
        elif m.type in ("person", "unresolved"):
            cc = persons.get(_surname_key(m.canonical)) if persons else None
            if cc is not None:
                state = cc
            elif m.type == "person":
                state = None  # the nearest person's country is not stated: no one further back speaks for it
    return out


def _dateline_country(ctx: _Ctx, mentions: list[_Mention]) -> str | None:
    """The country of a dateline opening the article: a city or region (or any place in capitals) first on
    the first line, followed by a comma, a parenthesis or a dash ("JAKARTA, KOMPAS.com -", "MOSCOW
    (Reuters) -", "Kyiv - "). A country name followed by a comma opens an ordinary sentence as often."""
    text = ctx.text
    start = len(text) - len(text.lstrip())
    for m in mentions:
        if m.start > start:
            break
        if m.start == start and m.type == "location" and m.place is not None and (
                m.place.feature != "country" or text[m.start:m.end].isupper()):
            after = text[m.end:m.end + 3]
            if after[:1] == "," or after[:2] in (" (", " -", " –", " —"):
                return m.place.country_code
    return None


_BY_START = attrgetter("start")

# Russian case endings of personal names, longest first: "Путиным" -> "путин", "Ангелой" -> "ангел".
_RU_NAME_ENDINGS: tuple[str, ...] = ("ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем", "ым", "им",
                                     "ою", "ею", "ую", "юю", "а", "я", "у", "ю", "е", "ы", "и", "ь")


@lru_cache(maxsize=8192)
def _name_key(name: str) -> str:
    """Clustering key of a person's name: casefolded words; Cyrillic words lose their case ending, so
    "Ангелой Меркель" and "Ангела Меркель" (or "Путиным" and "Путин") are one person. The mention text is
    never changed, only the key."""
    words = name.casefold().split()
    out = []
    for w in words:
        if "\u0400" <= w[-1:] <= "\u04ff":
            for ending in _RU_NAME_ENDINGS:
                if w.endswith(ending) and len(w) - len(ending) >= 3:
                    w = w[: len(w) - len(ending)]
                    break
            if len(w) > 3 and w[-1] in "аяеиоуыюйь":  # "Сергея" -> "серге" -> "серг" (as "Сергей")
                w = w[:-1]
        out.append(w)
    return " ".join(out)


def _full_name_keys(name: str, lex: Lexicon) -> tuple[str, tuple[str, ...]]:
    """A multi-word person name's clustering key and the keys of its parts other than particles."""
    particles = lex.particles
    return _name_key(name), tuple(_name_key(p) for p in name.split() if p.casefold() not in particles)


_RU_VOWELS = frozenset("аяеиоуыюэё")


def _ru_word_rank(word: str) -> tuple[int, int]:
    """Of the case forms of one Russian name word, the nominative sorts first: it is the shortest
    ("Кравцов" < "Кравцова", "Кравцовым"; "Анна" < "Анной"), and on equal length a consonant, -ь or -й
    ending ("Сергей" over "Сергея") beats -а/-я (feminine nominative, "Анна" over "Анну"), which beats the
    other vowels."""
    last = word[-1:]
    return len(word), 0 if last not in _RU_VOWELS else 1 if last in "ая" else 2


def _nominative(counts: dict[str, int], mentions: list[dict]) -> str:
    """The form of a Russian person's name to use as canonical: the written form with the most words in
    the nominative, then the commonest, then the first. A word is taken as nominative when no form of the
    same word (same :func:`_name_key`) written in this cluster ranks before it (see :func:`_ru_word_rank`):
    "Кравцова" is a man's genitive when "Кравцов" is written too, and a woman's nominative otherwise."""
    best_rank: dict[str, tuple[int, int]] = {}
    for mention in mentions:
        for word in mention["text"].casefold().split():
            k, r = _name_key(word), _ru_word_rank(word)
            if k not in best_rank or r < best_rank[k]:
                best_rank[k] = r
    best, best_score = "", (-1, -1)
    for form, n in counts.items():
        words = form.casefold().split()
        score = (sum(best_rank.get(_name_key(w)) == _ru_word_rank(w) for w in words), n)
        if score > best_score:
            best, best_score = form, score
    return best


# The word before a place that makes it a place whatever else it names ("in Washington" after "Denzel
# Washington"): only prepositions that rarely take a person ("from", "to", "nach", "de" often do: "a letter
# from Lopez", "nach Lopez" (according to), "habló de Lopez").
_LOCATIVE_BEFORE: dict[str, frozenset[str]] = {
    "en": frozenset({"in"}), "de": frozenset({"in"}), "nl": frozenset({"in"}), "it": frozenset({"in"}),
    "id": frozenset({"di"}), "ms": frozenset({"di"}), "es": frozenset({"en"}), "pt": frozenset({"em"}),
    "fr": frozenset({"à"}), "ru": frozenset({"в", "во"})}
_LOCATIVE_BEFORE["und"] = frozenset().union(*_LOCATIVE_BEFORE.values())


def _surname_place(ctx: _Ctx, m: _Mention, by_last: dict[str, dict[tuple, None]],
                   forms: dict[tuple, dict[str, int]], full_at: dict[tuple, int],
                   checked: dict[tuple, bool]) -> tuple | None:
    """The person cluster a one-word gazetteer city joins as a bare surname ("Maria Lopez ... Lopez had
    left"), or None. The word must be the surname of exactly one person already written in full (`forms`:
    a later full name is no evidence, the word may be a dateline or a headline's place), with no locative
    preposition before it. Only the surname: a first name that is a place ("Paris Hilton") is rarely
    written alone for its person, a place very often, so "Paris" after "Paris Hilton" stays Paris. Only a
    city: a country or region alone is its place even after a namesake ("Michael Jordan ... Jordan").
    And only a person whose full name looks like one (`checked`, judged once per person on the full names
    written so far, see :func:`_plain_full_name`; nor after an article or a locative preposition): the
    recogniser's false persons are mostly a noun before its place ("Comune di Firenze", "Die Stadt
    Peking", "di Feri Trenton"), and their place must not join them."""
    if m.place.feature != "city":
        return None
    targets = by_last.get(_name_key(ctx.text[m.start:m.end]))
    if targets is None or len(targets) != 1:
        return None
    key = next(iter(targets))
    written = forms.get(key)
    if not written or _word_before(ctx, m.start) in _LOCATIVE_BEFORE.get(ctx.language, ()):
        return None
    ok = checked.get(key)
    if ok is None:
        before = _word_before(ctx, full_at[key])
        ok = checked[key] = not (before in ctx.noun_articles or before in _LOCATIVE_BEFORE.get(
            ctx.language, ())) and all(_plain_full_name(ctx, form) for form in written)
    return key if ok else None


def _plain_full_name(ctx: _Ctx, name: str) -> bool:
    """Could a person's full name as written be a name: its words before the last are capitalised, also
    after a hyphen (no joiner "di", no "English-language"), and none is a country or region ("Столица
    Китая Пекин")? A city is fine: many first names are towns ("Anna", "Victoria")."""
    cache = ctx.place_cache
    for word in name.split()[:-1]:
        if not word[:1].isupper() or "-" in word and any(p[:1].islower() for p in word.split("-")):
            return False
        place = cache.get(word, _UNSET)
        if place is _UNSET:
            place = cache[word] = find_place_normalised(word, ctx.language) if len(word) >= 2 else None
        if place is not None and place.feature != "city":
            return False
    return True


def _cluster(ctx: _Ctx, mentions: list[_Mention]) -> list[dict]:
    text, acronyms, full_name_keys = ctx.text, ctx.acronyms, ctx.tables.full_keys
    # cluster key -> its entity (name, type, mentions; "geo" is added at the end), in order of creation
    clusters: dict[tuple, dict] = {}
    places: dict[tuple, Place] = {}  # a cluster's gazetteer place: its first mention's
    regions: dict[tuple, str] = {}  # a cluster's region kind: its last mention's that names one

    # full person names first, so later (and earlier, headline) surnames can find them; a part's keys are
    # kept as an insertion-ordered set (dict keys)
    by_last: dict[str, dict[tuple, None]] = {}
    by_any: dict[str, dict[tuple, None]] = {}
    full_keys: dict[str, tuple] = {}  # a full name as written -> its cluster key
    institution = False
    for m in mentions:
        if m.type == "person" and " " in m.canonical:
            keys = full_name_keys.get(m.canonical)
            if keys is None:
                keys = full_name_keys[m.canonical] = _full_name_keys(m.canonical, ctx.lex)
            name_key, parts = keys
            key = full_keys[m.canonical] = ("person", name_key)
            if parts:
                for part in parts:
                    by_any.setdefault(part, {})[key] = None
                by_last.setdefault(parts[-1], {})[key] = None
        elif m.org_kind == "institution":
            institution = True

    # The unresolved words _analyse_single set aside become mentions here: all of them when an institution
    # is to be qualified (they may be the actors _actor_countries looks for), otherwise only those the loop
    # below could keep (a part of exactly one full name, or an acronym); the rest it would drop.
    for s, e, word, w, initial in ctx.unresolved:
        if not institution and word not in acronyms:
            name_key = w.name_key
            if name_key is _UNSET:
                name_key = w.name_key = _name_key(word)
            if len(by_last.get(name_key) or by_any.get(name_key) or ()) != 1:
                continue
        mentions.append(_Mention(s, e, "unresolved", word, initial=initial, lower_check=initial))
    mentions.sort(key=_BY_START)
    if institution:
        _qualify_institutions(ctx, mentions)

    # forms[key][written]: how often each full name of a person cluster is written (see below)
    forms: dict[tuple, dict[str, int]] = {}
    full_at: dict[tuple, int] = {}  # a person cluster's first full name: where it starts
    surname_checked: dict[tuple, bool] = {}  # person cluster key -> may a city join it (see _surname_place)
    for m in mentions:
        kind = m.type
        if kind == "location" and forms and m.region is None and m.place is not None and (
                key := _surname_place(ctx, m, by_last, forms, full_at, surname_checked)) is not None:
            name, kind = key[1], "person"  # "Maria Lopez ... Lopez had left": the person, not the town
        elif kind == "location":
            if m.place is not None:
                key = ("location", m.place.geonameid if m.place.geonameid is not None else m.place.name)
            else:
                key = ("location", m.canonical.casefold())
            name = m.canonical
        elif kind == "organisation":
            name = acronyms.get(m.canonical, m.canonical)
            key = ("organisation", name.casefold())
        elif kind == "person" and " " in m.canonical:
            # a multi-token person mention's canonical is its text with whitespace collapsed
            name = m.canonical
            key = full_keys[name]
            counts = forms.get(key)
            if counts is None:
                counts = forms[key] = {}
                full_at[key] = m.start
            counts[name] = counts.get(name, 0) + 1
        else:  # single-token person or unresolved
            # surname first ("Putin"); otherwise any part of exactly one full name ("Anwar", "Lula")
            name_key = _name_key(m.canonical)
            targets = by_last.get(name_key) or by_any.get(name_key) or ()
            if len(targets) == 1:
                if m.lower_check and _lower_elsewhere(ctx, m.canonical):
                    continue
                key = next(iter(targets))
                name, kind = key[1], "person"  # name fixed below from the cluster's first full mention
            elif kind == "person":
                key, name = ("person", name_key), m.canonical
            elif m.canonical in acronyms:
                if m.lower_check and _lower_elsewhere(ctx, m.canonical):
                    continue
                name = acronyms[m.canonical]
                key, kind = ("organisation", name.casefold()), "organisation"
            else:
                continue  # unresolved and unmatched: dropped (no evidence of what it names)
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = {"name": name, "type": kind, "mentions": []}
            if m.place is not None:
                places[key] = m.place
        s, e = m.start, m.end
        c["mentions"].append({"start": s, "end": e, "text": text[s:e]})
        if m.region:
            regions[key] = m.region

    # Mentions were added in text order, and each cluster was created at its first mention: every cluster's
    # mentions and the clusters themselves are already ordered by start.
    for key, entity in clusters.items():
        if entity["type"] == "person":
            counts = forms.get(key)
            if counts:
                # canonical = the full name as written most often, first on a tie (keeps original casing and
                # diacritics)
                best = max(counts, key=counts.__getitem__) if len(counts) > 1 else next(iter(counts))
                entity["name"] = _nominative(counts, entity["mentions"]) if "\u0400" <= best[0] <= "\u04ff" else best
            elif len(entity["mentions"]) > 1 and "\u0400" <= entity["name"][:1] <= "\u04ff":
                singles: dict[str, int] = {}
                for mention in entity["mentions"]:
                    singles[mention["text"]] = singles.get(mention["text"], 0) + 1
                entity["name"] = _nominative(singles, entity["mentions"])
        place = places.get(key)
        if place is not None:
            geo = {"country_code": place.country_code, "lat": place.lat, "lon": place.lon,
                   "geonameid": place.geonameid, "feature": place.feature}
            region = regions.get(key)
            if region:
                entity["name"] = _region_name(place, region)
                geo["feature"] = "region"
            entity["geo"] = geo
    return list(clusters.values())
