"""Named entities of an article body: persons, organisations and locations, clustered per real-world entity.

Owns ``find_entities``. It is a rule-based recogniser for cased scripts (Latin, Cyrillic, Greek):
1. capitalised tokens (Unicode-aware: "Škoda", "Zürich", "Ангела Меркель") are grouped into runs, joined by
   name particles ("van", "bin", "al-") or, inside organisation names, by joiners ("of", "de la");
2. each run is typed, in priority order, by: known organisations / news outlets (``data/known_orgs.json``),
   the place gazetteer (``workers.nlp.places``), organisation cue words, person titles (stripped from the
   mention), location cue words, then defaults (multi-token names -> person; single tokens need evidence:
   a title, a reporting verb, an apposition such as "X, a spokeswoman", an age, or an earlier full name);
3. sentence-initial capitals are not evidence: a first word that is a function word, a month/day name or
   appears in lower case elsewhere in the article is dropped, and a lone unknown first word is kept only
   if it is later resolved as a surname; ALL-CAPS lines only yield known organisations and places;
4. clustering: a single-token mention equal to the last (for id/ms also the first) token of one
   multi-token person joins it; locations cluster by gazetteer id; organisations by canonical name.
Scripts without case (ja, zh) yield no entities (out of reach without a segmenter).
All regexes are linear-time (possessive quantifiers, bounded repetition, no nested ambiguity).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from workers.nlp.lexicon import (Institutions, Lexicon, country_name, demonym_countries, institutions,
                                 known_org_first_tokens, known_orgs, known_orgs_upper, lexicon, norm_phrase,
                                 normalise_language)
from workers.nlp.places import Place, find_place_normalised

# A capitalised token: upper/title-case letter, then letters/marks/digits; internal . ' ’ - & / joiners
# (U.S., O'Brien, Saint-Denis, AT&T, RFE/RL, CNBC.NEWS). Possessive quantifiers + bounded repetition keep it
# linear; the lookbehind stops matches inside words ("McDonald" is one token, "iPhone" is none).
_CAP_TOKEN = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])[\p{Lu}\p{Lt}][\p{L}\p{M}\p{N}]*+(?:[.'’\-&/][\p{L}\p{N}][\p{L}\p{M}\p{N}]*+){0,8}+"
)
_APPOSITION = regex.compile(r"^,[ \t]{1,3}+((?:[\p{L}\p{M}\-]{1,40}+[ \t]{1,3}+){0,3}+[\p{L}\p{M}\-]{1,40}+)")
_AGE = regex.compile(r"^(?:,[ \t]{1,3}+\d{1,3}[,)]|[ \t]{1,3}+\(\d{1,3}(?:[ \t]{1,3}+\p{L}{1,10})?\))")
_ACRONYM_AFTER = regex.compile(r"^[ \t]{1,3}+\((\p{Lu}[\p{Lu}\p{N}&\-]{1,9}+)\)")
_ARABIC_PREFIX = regex.compile(r"^[ \t]{1,3}+(?:al|el|ad|as|ash|an|ar|at|az|ibn|bin|abu|bou|ben)-$")

_SKIP_BACK = " \t\r\u00a0\"'“”‘’«»„‚‹›([{"
_SENTENCE_END = ".!?…:;•·|"
_MAX_RUN = 12  # longer capitalised runs are headlines / lists; analysed in windows of this size
_OBLAST_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG", "BG", "TJ"})
_CASELESS_LANGS = frozenset({"ja", "zh"})
_Tok = tuple[int, int, str]  # start, end, surface
# German capitalises every noun; a capitalised word after an article is a noun ("in der Lage"), not a
# town, while real town names take no article.
_GERMAN_ARTICLES = frozenset({"der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem",
                              "einen", "eines", "zur", "zum", "im", "vom", "beim"})
# Russian regions are written as adjective + 'область' ("Курской области"): adjective endings to strip.
_RU_ADJ_ENDINGS = ("ской", "ская", "ский", "скую", "ском", "ского")


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


@dataclass(slots=True)
class _Ctx:
    text: str
    lex: Lexicon
    language: str
    lower_cache: dict[str, bool] = field(default_factory=dict)
    shout_cache: dict[int, bool] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)  # "KPK" -> canonical org name
    place_cache: dict[str, Place | None] = field(default_factory=dict)
    noun_articles: frozenset[str] = frozenset()
    inst: Institutions | None = None


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
    ctx = _Ctx(text=text, lex=lexicon(lang), language=lang,
               noun_articles=_GERMAN_ARTICLES if lang == "de" else frozenset(), inst=institutions(lang))
    mentions: list[_Mention] = []
    for run in _runs(ctx):
        for i in range(0, len(run), _MAX_RUN):
            window = run[i:i + _MAX_RUN]
            mentions.extend(_analyse(ctx, window, _is_initial(text, window[0][0])))
    return _cluster(ctx, mentions)


# --------------------------------------------------------------------------------------------- tokens


def _tokens(ctx: _Ctx) -> list[_Tok]:
    text, lex = ctx.text, ctx.lex
    out: list[_Tok] = []
    for m in _CAP_TOKEN.finditer(text):
        s, e = m.span()
        tok = text[s:e]
        if "." in tok:
            parts = tok.split(".")
            if all(len(p) == 1 for p in parts):  # initialism: U.S -> U.S.
                if e < len(text) and text[e] == ".":
                    e += 1
                    tok = text[s:e]
            elif parts[-1].casefold() not in lex.tlds:  # "berang.Putin": a missing space, not a domain
                pos = s
                for p in parts:
                    if p and p[0].isupper():
                        out.append(_strip_possessive(text, pos, pos + len(p)))
                    pos += len(p) + 1
                continue
        out.append(_strip_possessive(text, s, e) if ("'" in tok or "’" in tok) else (s, e, text[s:e]))
    return out


def _strip_possessive(text: str, s: int, e: int) -> _Tok:
    if e - s > 3 and text[e - 2] in "'’" and text[e - 1] in "sS":
        e -= 2
    return s, e, text[s:e]


def _runs(ctx: _Ctx) -> list[list[_Tok]]:
    """Group capitalised tokens separated only by spaces or name particles into runs."""
    text, lex = ctx.text, ctx.lex
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for tok in _tokens(ctx):
        if cur:
            gap = text[cur[-1][1]:tok[0]]
            if _joins(gap, lex):
                cur.append(tok)
                continue
            runs.append(cur)
        cur = [tok]
    if cur:
        runs.append(cur)
    return runs


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


def _span_text(ctx: _Ctx, toks: list[_Tok]) -> str:
    return ctx.text[toks[0][0]:toks[-1][1]]


def _is_title_case(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or not word.isupper())


def _lower_elsewhere(ctx: _Ctx, word: str) -> bool:
    """Does `word` occur in lower case in the article (so its capital here is positional)?"""
    lw = word.lower()
    cached = ctx.lower_cache.get(lw)
    if cached is not None:
        return cached
    text, found, i = ctx.text, False, ctx.text.find(lw)
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
    caps = sum(1 for w in words if w.isupper() and len(w) >= 2)
    # cheap bound first: most lines have few capitals; only near the threshold count the real words
    # (those with at least two letters)
    result = caps >= 2 and caps >= 0.6 * sum(1 for w in words if len(w) >= 2) or (
        caps >= 2 and caps >= 0.6 * sum(1 for w in words if sum(c.isalpha() for c in w) >= 2))
    ctx.shout_cache[ls] = result
    return result


def _word_before(ctx: _Ctx, pos: int) -> str:
    """The word just before `pos` on the same line (casefolded), or ''."""
    text = ctx.text
    i = pos
    while i > 0 and pos - i < 3 and text[i - 1] in " \t\u00a0":
        i -= 1
    j = i
    while j > 0 and i - j < 40 and (text[j - 1].isalpha() or text[j - 1] == "-"):
        j -= 1
    return text[j:i].casefold()


def _word_after(ctx: _Ctx, pos: int) -> str:
    """The word just after `pos` on the same line (casefolded), or ''."""
    text, n = ctx.text, len(ctx.text)
    i = pos
    while i < n and i - pos < 3 and text[i] in " \t\u00a0":
        i += 1
    j = i
    while j < n and j - i < 40 and (text[j].isalpha() or text[j] == "-"):
        j += 1
    return text[i:j].casefold()


def _place(ctx: _Ctx, s: int, e: int) -> Place | None:
    name = ctx.text[s:e]
    if len(name) < 2:
        return None
    cache = ctx.place_cache
    if name in cache:
        return cache[name]
    place = cache[name] = find_place_normalised(name, ctx.language)
    return place


def _known_org(ctx: _Ctx, toks: list[_Tok], upper: bool):
    table = known_orgs_upper() if upper else known_orgs()
    firsts = known_org_first_tokens()
    text = ctx.text
    n = len(toks)
    for i in range(n):
        first = text[toks[i][0]:toks[i][1]]
        if (first.upper() if upper else first) not in firsts:
            continue
        for j in range(min(n, i + 6), i, -1):
            key = tuple(ctx.text[toks[i][0]:toks[j - 1][1]].split())
            if upper:
                key = tuple(k.upper() for k in key)
            org = table.get(key)
            if org is not None:
                return i, j, org
    return None


def _analyse(ctx: _Ctx, toks: list[_Tok], initial: bool) -> list[_Mention]:
    if not toks:
        return []
    text, lex = ctx.text, ctx.lex
    if initial and len(toks) == 1:
        # fast path for the commonest run: a capitalised function word opening a sentence
        word = text[toks[0][0]:toks[0][1]]
        cf = word.casefold()
        if (cf in lex.stopwords or cf in lex.calendar) and _is_title_case(word) and (
                (word,) not in known_orgs()):
            return []
    run_upper = all(t[2].isupper() for t in toks)
    shouting = run_upper and _shouting(ctx, toks[0][0])
    all_upper = shouting or (run_upper and len(toks) > 2)

    # 1. known organisations / outlets anywhere in the run split it
    hit = _known_org(ctx, toks, upper=all_upper)
    if hit is not None:
        i, j, org = hit
        s, e = toks[i][0], toks[j - 1][1]
        single_word = j - i == 1 and _is_title_case(text[s:e])
        if not (initial and i == 0 and single_word and (
                text[s:e].casefold() in lex.stopwords or _lower_elsewhere(ctx, text[s:e]))):
            out = _analyse(ctx, toks[:i], initial)
            out.append(_Mention(s, e, "organisation", org.name, initial=initial and i == 0, org_kind=org.kind))
            out.extend(_analyse(ctx, toks[j:], False))
            return out

    # web outlets written as domains ("Kompas.com", "CNBC.NEWS")
    if len(toks) == 1:
        word = toks[0][2]
        if "." in word and word.rsplit(".", 1)[-1].casefold() in lex.tlds and len(word.split(".")[0]) > 1:
            return [_Mention(toks[0][0], toks[0][1], "organisation", word, initial=initial, org_kind="media")]

    if shouting:
        return _analyse_shouting(ctx, toks)

    # national institutions get an English canonical name ("Kementerian Pertahanan" -> Ministry of Defence)
    inst = _institution(ctx, toks, initial)
    if inst is not None:
        return inst

    # 2. the whole run is a place
    s, e = toks[0][0], toks[-1][1]
    place = _place(ctx, s, e)
    if place is None and len(toks) == 1 and ctx.language in ("ru", "und"):
        place = _ru_region_adjective(ctx, s, e)
    if place is not None and not (initial and len(toks) == 1 and _positional_word(ctx, toks[0][2])):
        if not (place.feature == "city" and len(toks) == 1 and _word_before(ctx, s) in ctx.noun_articles):
            return [_location(ctx, s, e, place, initial)]

    # 3. positional capitals: drop a sentence-initial function word / common word / calendar word
    if initial or toks[0][2].casefold() in lex.stopwords:
        first = toks[0][2]
        if _is_title_case(first) and _positional_word(ctx, first) or first.casefold() in lex.calendar:
            return _analyse(ctx, toks[1:], False)
        if initial and len(toks) > 1 and _is_title_case(first):
            rest_place = _place(ctx, toks[1][0], toks[-1][1])
            if rest_place is not None:  # "Pasukan Ukraina" -> "Ukraina"
                return [_location(ctx, toks[1][0], toks[-1][1], rest_place, False)]
    toks = _strip_calendar_tail(ctx, toks)
    if not toks:
        return []

    # 4. titles: "Presiden", "Penjabat Gubernur", "Mr", "M." (and a lower-case title just before the run)
    person_evidence = _word_before(ctx, toks[0][0]) in lex.titles
    out: list[_Mention] = []
    while toks:
        first = toks[0][2].rstrip(".").casefold()
        if first in lex.titles and not toks[0][2].isupper() or (
                first in lex.titles and len(first) <= 4 and len(toks) > 1):
            person_evidence = True
            toks = toks[1:]
            initial = False
            continue
        if person_evidence and len(toks) > 1:
            # "Presiden Rusia Vladimir Putin", "Presiden Amerika Serikat Joe Biden": a place between
            # title and name (a country may leave a one-word name, a city must leave two words)
            word = toks[0][2]
            taken = 0
            for k in range(min(3, len(toks) - 1), 0, -1):
                pl = _place(ctx, toks[0][0], toks[k - 1][1])
                if pl is not None and toks[k][2].casefold() in lex.location_cues:
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
            if word.casefold() in lex.demonyms or _is_demonym(ctx, word):
                toks = toks[1:]
                continue
            # "Gubernur Jawa Tengah Ganjar Pranowo": a region written with a location cue word
            for k in range(1, len(toks) - 2):
                if toks[k][2].casefold() in lex.location_cues:
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

    # 5. organisation cue words anywhere ("Kementerian Pertahanan", "Deutsche Bank AG", "Party")
    org_at = _org_cue_index(ctx, toks)
    if org_at is not None:
        out.extend(_organisation(ctx, toks, org_at, initial))
        return out

    # a leading demonym is an adjective, not a name ("Russian" alone is no entity; "Russian Foo Bar" is Foo Bar)
    if toks[0][2].casefold() in lex.demonyms or _is_demonym(ctx, toks[0][2]):
        return out + _analyse(ctx, toks[1:], False)

    if len(toks) > 1 and _has_joiner(ctx, toks):
        out.extend(_split_joined(ctx, toks, initial, "person"))
        return out

    s, e = toks[0][0], toks[-1][1]
    if len(toks) > 1 or person_evidence:
        place = _place(ctx, s, e)
        if place is not None:
            out.append(_location(ctx, s, e, place, initial))
            return out

    # 6. geographic cue words: "Selat Hormuz", "Laut China Selatan", "Gaza Strip", "Wall Street"
    if len(toks) > 1 and any(t[2].casefold() in lex.location_cues for t in toks):
        out.append(_Mention(s, e, "location", " ".join(text[s:e].split()), initial=initial))
        return out

    # 7. defaults
    if len(toks) > 1 and ctx.language in ("de", "und") and _german_adjective(toks[0][2]) and not _has_joiner(ctx, toks):
        # German names of companies and bodies open with a capitalised adjective ("Deutsche Bahn",
        # "Europäische Zentralbank", "Russische Eisenbahnen"); German persons' first names never inflect so.
        out.append(_Mention(s, e, "organisation", " ".join(text[s:e].split()), initial=initial))
        return out
    if len(toks) > 1:
        out.extend(_split_joined(ctx, toks, initial, "person"))
        return out
    word = text[s:e]
    if word.isupper() and 2 <= len(word) <= 6 and word.casefold() not in lex.stopwords:
        out.append(_Mention(s, e, "organisation", word, initial=initial))
        return out
    if word.casefold() in lex.org_cues or word.casefold() in lex.titles or word.casefold() in lex.calendar:
        return out
    kind = _single_evidence(ctx, s, e, initial)
    if person_evidence and kind is None:
        kind = "person"
    if kind is not None:
        out.append(_Mention(s, e, kind, word, initial=initial))
    elif not (initial and _positional_word(ctx, word)):
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
    """
    inst = ctx.inst
    if inst is None:
        return None
    text = ctx.text
    lows = [t[2].lower() for t in toks]
    if inst.triggers.isdisjoint(lows) and not (
            inst.compound_suffixes and any(w.endswith(inst.compound_suffixes) for w in lows)):
        return None
    starts = [t[0] for t in toks]
    for pos in _words_before(text, toks[0][0]) + starts:
        m = inst.pattern.match(text, pos)
        if m is None or m.end() <= toks[0][0]:
            continue
        base = _institution_name(inst, m)
        if base is None:
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


def _positional_word(ctx: _Ctx, word: str) -> bool:
    cf = word.casefold()
    return cf in ctx.lex.stopwords or cf in ctx.lex.calendar or _lower_elsewhere(ctx, word)


def _strip_calendar_tail(ctx: _Ctx, toks: list[_Tok]) -> list[_Tok]:
    if not toks:
        return toks
    last = toks[-1][2].casefold()
    if last in ctx.lex.calendar:
        nxt = ctx.text[toks[-1][1]:toks[-1][1] + 3].lstrip()
        if len(toks) == 1 or (nxt[:1].isdigit()) or toks[-1][2] in ("Monday", "Tuesday", "Wednesday",
                                                                             "Thursday", "Friday",
                                                                             "Saturday", "Sunday"):
            return toks[:-1]
    return toks


def _is_demonym(ctx: _Ctx, word: str) -> bool:
    """'Russian', 'Ukrainian', 'Indonesian': an English adjective built on a country name."""
    return _demonym(word)


@lru_cache(maxsize=4096)
def _demonym(word: str) -> bool:
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
    lex = ctx.lex
    for i, t in enumerate(toks):
        w = t[2].rstrip(".").casefold()
        if w in lex.org_cues or (lex.org_suffixes and len(w) > 6 and w.endswith(lex.org_suffixes)):
            return i
    return None


def _organisation(ctx: _Ctx, toks: list[_Tok], cue_at: int, initial: bool) -> list[_Mention]:
    """An organisation run; a trailing name after a country/title qualifier is split off as a person
    ("Kementerian Luar Negeri Rusia Maria Zakharova")."""
    lex = ctx.lex
    if len(toks) == 1:
        return []  # a bare cue word ("Bank", "Kementerian") names nothing
    # the first country / title after the cue, extended over the qualifier's further words ("Amerika
    # Serikat", "Rusia Juru Bicara"), but not into the person's name ("Bank Indonesia Perry Warjiyo": Perry
    # is also a town)
    qualifier_at = None
    for k in range(cue_at + 1, len(toks)):
        if toks[k][2].casefold() in lex.titles or _place(ctx, toks[k][0], toks[k][1]) is not None:
            qualifier_at = k
            break
    while qualifier_at is not None and qualifier_at + 1 < len(toks):
        nxt = toks[qualifier_at + 1]
        pl = _place(ctx, nxt[0], nxt[1])
        if nxt[2].casefold() in lex.titles or (pl is not None and pl.feature == "country") or _place(
                ctx, toks[qualifier_at][0], nxt[1]) is not None:
            qualifier_at += 1
        else:
            break
    out: list[_Mention] = []
    if qualifier_at is not None and len(toks) - qualifier_at - 1 >= 2 and not any(
            t[2].casefold() in lex.org_cues or (pl := _place(ctx, t[0], t[1])) is not None and pl.feature == "country"
            for t in toks[qualifier_at + 1:]):
        org_toks, person_toks = toks[:qualifier_at + 1], toks[qualifier_at + 1:]
    else:
        org_toks, person_toks = toks, []
    s, e = org_toks[0][0], org_toks[-1][1]
    name = " ".join(ctx.text[s:e].split())
    out.append(_Mention(s, e, "organisation", name, initial=initial))
    m = _ACRONYM_AFTER.match(ctx.text[e:e + 16])
    if m:
        ctx.acronyms[m.group(1)] = name
    if person_toks:
        ps, pe = person_toks[0][0], person_toks[-1][1]
        out.append(_Mention(ps, pe, "person", " ".join(ctx.text[ps:pe].split())))
    return out


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


def _single_evidence(ctx: _Ctx, s: int, e: int, initial: bool) -> str | None:
    """Type a lone unknown capitalised word from its neighbours, or None."""
    lex, text = ctx.lex, ctx.text
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
    if not initial and (_word_before(ctx, s) in lex.speech_before or _word_after(ctx, e) in lex.speech_after):
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
        word = t[2]
        if word.casefold() in ctx.lex.stopwords:
            continue
        place = _place(ctx, t[0], t[1])
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


def _qualify_institutions(mentions: list[_Mention]) -> None:
    """Give each institution mention its full English name ("Ministry of Defence of Ukraine"): its own
    qualifier; else the single country the article qualifies the same institution with elsewhere; else the
    article's home country (see :func:`_home_country`); else the name stays unqualified."""
    insts = [m for m in mentions if m.org_kind == "institution"]
    if not insts:
        return
    explicit: dict[str, set[str]] = {}
    for m in insts:
        if m.inst_cc:
            explicit.setdefault(m.canonical, set()).add(m.inst_cc)
    home = _home_country(mentions)
    for m in insts:
        cc = m.inst_cc
        if cc is None:
            same = explicit.get(m.canonical, set())
            cc = next(iter(same)) if len(same) == 1 else (home if not same else None)
        country = country_name(cc) if cc else None
        if country:
            m.canonical = f"{m.canonical} of {country}"


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


def _cluster(ctx: _Ctx, mentions: list[_Mention]) -> list[dict]:
    mentions.sort(key=lambda m: m.start)
    _qualify_institutions(mentions)
    text = ctx.text
    clusters: dict[tuple, dict] = {}
    order: list[tuple] = []

    def add(key: tuple, name: str, kind: str, m: _Mention) -> None:
        c = clusters.get(key)
        if c is None:
            c = {"name": name, "type": kind, "mentions": [], "_place": m.place, "_region": None}
            clusters[key] = c
            order.append(key)
        c["mentions"].append({"start": m.start, "end": m.end, "text": text[m.start:m.end]})
        if m.region:
            c["_region"] = m.region

    # full person names first, so later (and earlier, headline) surnames can find them
    by_last: dict[str, list[tuple]] = {}
    by_any: dict[str, list[tuple]] = {}
    for m in mentions:
        if m.type == "person" and " " in m.canonical:
            key = ("person", _name_key(m.canonical))
            parts = [_name_key(p) for p in m.canonical.split() if p.casefold() not in ctx.lex.particles]
            for idx, part in enumerate(parts):
                for table in ((by_last, by_any) if idx == len(parts) - 1 else (by_any,)):
                    lst = table.setdefault(part, [])
                    if key not in lst:
                        lst.append(key)

    for m in mentions:
        if m.type == "location":
            if m.place is not None:
                key = ("location", m.place.geonameid if m.place.geonameid is not None else m.place.name)
            else:
                key = ("location", m.canonical.casefold())
            add(key, m.canonical, "location", m)
        elif m.type == "organisation":
            name = ctx.acronyms.get(m.canonical, m.canonical)
            add(("organisation", name.casefold()), name, "organisation", m)
        elif m.type == "person" and " " in m.canonical:
            add(("person", _name_key(m.canonical)), m.canonical, "person", m)
        else:  # single-token person or unresolved
            # surname first ("Putin"); otherwise any part of exactly one full name ("Anwar", "Lula")
            name_key = _name_key(m.canonical)
            targets = by_last.get(name_key) or by_any.get(name_key, [])
            if len(targets) == 1:
                key = targets[0]
                add(key, key[1], "person", m)  # name fixed below from the cluster's first full mention
            elif m.type == "person":
                add(("person", name_key), m.canonical, "person", m)
            elif m.canonical in ctx.acronyms:
                name = ctx.acronyms[m.canonical]
                add(("organisation", name.casefold()), name, "organisation", m)
            # unresolved and unmatched: dropped (no evidence of what it names)

    out: list[dict] = []
    for key in order:
        c = clusters[key]
        c["mentions"].sort(key=lambda mm: mm["start"])
        if c["type"] == "person" and key[0] == "person" and " " in key[1]:
            # canonical = the full name as written most often, first on a tie (keeps original casing and
            # diacritics; for Russian, the commonest case form is usually the nominative)
            forms: dict[str, int] = {}
            for mm in c["mentions"]:
                written = " ".join(mm["text"].split())
                if " " in written and _name_key(written) == key[1]:
                    forms[written] = forms.get(written, 0) + 1
            if forms:
                c["name"] = max(forms, key=forms.__getitem__)
        entity: dict = {"name": c["name"], "type": c["type"], "mentions": c["mentions"]}
        place: Place | None = c["_place"]
        if place is not None:
            geo = {"country_code": place.country_code, "lat": place.lat, "lon": place.lon,
                   "geonameid": place.geonameid, "feature": place.feature}
            if c["_region"]:
                entity["name"] = _region_name(place, c["_region"])
                geo["feature"] = "region"
            entity["geo"] = geo
        out.append(entity)
    out.sort(key=lambda ent: ent["mentions"][0]["start"])
    return out
