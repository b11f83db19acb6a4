"""Quote-extraction stage: direct quotes and reported (indirect) speech, with cue and speaker.

This module owns the language-neutral engine: pairing quote marks (with nesting and paragraph
continuation), dash-led dialogue lines, finding reporting cues around and between quoted fragments,
reported clauses ("X said (that) ...", "..., kata X.", "according to X, ...", "..., adding that ..."),
mixed quotes (a quoted fragment inside a reported clause is reported once, as the clause), the speaker's
surface form nearest the cue (through appositions, relative pronouns and leading adverbials), and resolving
that surface to a canonical entity name (pronouns agree in gender with the person when a title, a given
name or a surname ending tells it). Everything language-specific
(cue verbs, complementisers, pronouns, role nouns ...) is data in ``workers.stages.quote_cues``.

Named entities come from ``workers.nlp.entities.find_entities``; this stage never recognises entities
itself. Every scan is linear in the text: quote marks are located with one str.find pass per mark
character and paired in one pass over them, cue words are searched only when they occur as words (a
str.find loop, or for short and phrase-leading words a literal-led pattern with fixed-width
look-arounds), and every look-around (speaker search, cue search after a closing mark) reads a window
of bounded size. A cue-less table (an unknown language) skips the cue searches altogether.
"""
from __future__ import annotations

import bisect
import re
from itertools import filterfalse, islice
from dataclasses import dataclass, field

from workers.nlp.entities import find_entities
from workers.stages.quote_cues import CueTable, get_table
from workers.stages.quote_cues.names import FEMININE_GIVEN, HONORIFICS, MASCULINE_GIVEN

MAX_QUOTE_CHARS = 6000  # longer "quotes" are unbalanced marks, not speech
MAX_NESTING = 3
CUE_WINDOW = 160  # chars scanned on either side of a quotation for its reporting cue
SPEAKER_WINDOW = 140  # chars scanned back from a cue for its subject (appositions rescan)
MAX_APPOSED_TOKENS = 24  # '” Name, <apposition>, said': tokens scanned for the verb
MAX_TAIL_TOKENS = 8  # postposed ", X said ..." tails longer than this are not attributions
MIN_UNCUED_WORDS = 6  # a quotation with no cue nearby must look like a sentence to count
MIN_UNCUED_CJK_CHARS = 12
GENDER_LOOKBACK = 3  # people of unknown gender passed over when looking for one the pronoun agrees with
AUX_LOOKBACK = 30  # characters before a verb searched for its auxiliary ('a indiqué', 'a-t-il précisé')

_MARK_CHARS = "\"'“”„‟«»‹›「」『』‘’‚"  # quote marks (newlines, which may end a quotation, are found apart)
_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+){0,4}")
_WORD_RE = re.compile(r"\w+")
_WS_RE = re.compile(r"\s*")
# Byte table for _word_set: ASCII non-word characters -> a blank, every other byte (UTF-8 included) kept
_ASCII_BLANKS = bytes(b if b >= 0x80 or chr(b).isalnum() or chr(b) == "_" else 0x20 for b in range(256))
_WIDE_PUNCT = "“”«»„‘’—–…"  # the non-ASCII punctuation news text uses most
# What may stand between a closing mark and the cue after it: apostrophes (the end of a ''…'' closer),
# then blanks and light punctuation ('”, said', '», — сказал'); the two classes share no character.
_LEAD_RE = re.compile(r"'*[ \t\u00a0,.;:–—-]*")
_WORD_START_RE = re.compile(r"[ \t\u00a0]{1,3}\w")  # a word right after a closing mark, no punctuation
_NEWLINE_RUN_RE = re.compile(r"\n[ \t\r\n\u00a0]*")
_DASHES = "—―–"
_DASH_OPEN_RE = re.compile(r"[—―–][ \t\u00a0]{0,3}(?=\w)")  # a dialogue dash and the blanks after it
_INNER_DASH_RE = re.compile(r"[ \t\u00a0,][—―–]")
_DATELINE_DASH_RE = re.compile(r"[ \t\u00a0][—―–-]{1,2}[ \t\u00a0]|\)[ \t\u00a0]?[—―–-]")
# Punctuation that separates a quotation from a cue word too far away to belong to it.
_BREAK_AFTER_RE = re.compile(r"[.!?;:\n“”„«»\"]")
_BREAK_BEFORE_RE = re.compile(r"[.!?;\n”»\"]")
_SENTENCE_STOP_RE = re.compile(r"[.!?;\n]")
_OPENING_MARK_RE = re.compile(r"[“„«「\"]")
_CLAUSE_BREAK_RE = re.compile(r"[.!?;“„«\"]")
_SENT_END_CHARS = frozenset(".!?…。！？")
_CLOSE_PUNCT = frozenset(".!?…:;\"'”»’」』")
_OPEN_BEFORE = frozenset(" \t\n\r\u00a0([{—–-/“„«‹「『‘‚\"'")
# Dates and time words that follow a CJK subject ('国家发展改革委5日表示', '深圳市消费者委员会近日…')
_CJK_TIME_RE = re.compile(r"[0-9０-９]{1,4}[年月日]|[近昨今本前同当當]日|日前|[昨今明当當]天")
_FORMS_OF_ADDRESS = frozenset({"先生", "女士", "さん"})
_CJK_STOP = frozenset("，,。！？!?：:；;、 \t\n“”「」『』\"")

# Quote-mark pairs: opener -> marks that may close it. Reversed guillemets (»…«) are German/Danish style;
# „…“ is German, „…” Polish/Hungarian, ‚…‘ the German single form.
_CLOSERS: dict[str, str] = {
    "“": "”", "„": "“”", "‟": "”", "«": "»", "»": "«", "‹": "›", "›": "‹", "「": "」", "『": "』",
    "‘": "’", "‚": "‘’", '"': '"', "'": "'", "''": "",
}
_SINGLE_MARKS = frozenset("‘’‚'‹›")
_TWO_APOSTROPHES = "''"  # a mark of its own: closes only with two apostrophes
_SYMMETRIC = frozenset("\"'")
_ELIDED_DE = ("d'", "d’")  # 'un responsable d’Enedis'



@dataclass(slots=True)  # slots: many are made per article; creation and attribute access stay cheap
class _Open:
    mark: str
    pos: int
    closed: bool = False


@dataclass(slots=True)  # slots: many are made per article; creation and attribute access stay cheap
class _Mention:
    start: int
    end: int
    text: str
    name: str
    type: str


@dataclass(slots=True)  # slots: many are made per article; creation and attribute access stay cheap
class _Surface:
    """A speaker as written: a named mention, a pronoun, a description or a bare capitalised name."""

    start: int
    end: int
    kind: str  # mention | pronoun | plural | person | organisation | name
    name: str | None = None
    role: str | None = None
    relative: bool = False  # reached through a relative pronoun: 'Smith, who said …' (clause ends at a comma)
    appos_end: int | None = None  # end of the name apposed after a description ('le préfet, Jean Dupuis')


@dataclass(slots=True)  # slots: every helper reads its fields, many times per article
class _Ctx:
    text: str
    table: CueTable
    sent_starts: list[int]
    sent_ends: list[int]
    mentions: list[_Mention]
    mention_starts: list[int] = field(default_factory=list)
    by_start: dict[int, _Mention] = field(default_factory=dict)
    by_end: dict[int, _Mention] = field(default_factory=dict)
    genders: dict[str, str] | None = None  # entity name -> "m" | "f", filled on the first gendered pronoun
    canon: dict[str, str] | None = None  # entity name -> published name, filled as speakers are named
    people: dict[str, list[tuple[int, int]]] | None = None  # person name -> mention spans, on demand
    # (mention start, end, role) -> _has_role: every role speaker ('the minister said') rescans the
    # mentions before it, so the same mentions are tested again for each quote
    roles_seen: dict[tuple[int, int, str], bool] = field(default_factory=dict)
    lower: str | None = None  # the text lower-cased with unchanged offsets, made on first use
    # Positions where a clause cutter may start (", dilansir …"), found once per text on first use:
    # every cue otherwise searched up to MAX_QUOTE_CHARS for one (2.6 s on 200 KB of "katanya, ").
    cutter_starts: list[int] | None = None

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i < 0:
            return 0, self.sent_starts[0] if self.sent_starts else len(self.text)
        return self.sent_starts[i], self.sent_ends[i]


# ----------------------------------------------------------------------------------------------
# Public API


def extract_quotes(
    text: str, sentences: list[dict], language: str, entities: list[dict] | None = None
) -> list[dict]:
    """Direct and reported (indirect) quotes in an article body.

    sentences: the output of the segmentation stage, [{"start","end","text"}] (offsets into text).
    entities: ``find_entities(text, language)`` when the caller has it already (the pipeline
    does, and publishes it); found here otherwise.
    Returns, in text order:
    [{"type": "direct" | "indirect",
      "text": str, "start": int, "end": int,            # content only: quote marks excluded (inner
                                                          # punctuation kept as written); indirect =
                                                          # reported clause only, complementiser and
                                                          # final full stop excluded
      "cue": str | None, "cue_start": int | None, "cue_end": int | None,   # reporting verb as written
      "speaker": {"text": str, "start": int, "end": int,  # surface form nearest the cue
                  "name": str | None}                       # resolved canonical name when known
                 | None}, ...]
    """
    if not text or not text.strip():
        return []
    table = get_table(language)
    starts, ends = _sentence_bounds(text, sentences)
    if entities is None:
        entities = find_entities(text, language)
    ctx = _Ctx(text, table, starts, ends, _mentions(text, entities))
    ctx.mention_starts = [m.start for m in ctx.mentions]
    ctx.by_start = {m.start: m for m in reversed(ctx.mentions)}  # the first (longest) mention at a start
    ctx.by_end = {m.end: m for m in ctx.mentions}  # the last mention ending there

    if table.unspaced:
        direct = _direct_unspaced(ctx)
        indirect = _indirect_unspaced(ctx, direct)
    else:
        direct = _direct_spaced(ctx)
        embedded = [q for q in direct if q.pop("_embedded", False)]
        if embedded:
            direct = [q for q in direct if q not in embedded]
        indirect = _indirect_spaced(ctx, direct)
        if indirect:
            # a mixed quote is reported once: as the clause around it when that was found (a cue-less
            # fragment inside a reported clause is part of it too)
            clauses = _Spans([(q["start"], q["end"]) for q in indirect])
            direct = [q for q in direct if q["cue_start"] is not None or not clauses.inside(q["start"], q["end"])]
            direct += [q for q in embedded if not clauses.overlaps(q["start"], q["end"])]
        else:
            direct += embedded

    found = sorted(direct + indirect, key=lambda q: (q["start"], q["end"]))
    previous: dict | None = None
    out: list[dict] = []
    last_named: dict | None = None  # the latest quote whose speaker has a name
    for q in found:
        surface = q.pop("_surface")
        q["speaker"] = _speaker_dict(ctx, surface)
        inherit = q.pop("_inherit", False)
        if q["speaker"] is None and previous and previous["speaker"] and \
                ((inherit and _continues(text, previous, q)) or
                 (q["cue_start"] is not None and _continues(text, previous, q, any_type=True))):
            # a cue-less quotation continuing the last one, or a subject-drop cue ('ha aggiunto',
            # '」と強調した'): the previous speaker goes on
            q["speaker"] = dict(previous["speaker"])
        elif q["speaker"] is None and q["cue_start"] is not None and table.pro_drop:
            # '«Es lo justo», dijo.' after 'Ana Ortiz defendió la medida': the subject dropped is
            # the person named last, as the news-set convention takes it
            q["speaker"] = _speaker_dict(ctx, _dropped_subject(ctx, q["cue_start"]))
        elif q["speaker"] is not None and q["speaker"]["name"] is None and last_named is not None \
                and _back_reference(ctx, surface) and q["start"] - last_named["end"] <= 600:
            # 'he said' / '他指出' / '同相は' with no named antecedent the entities know of: the
            # speaker quoted last (a name the entity finder missed, as CJK names often are)
            q["speaker"]["name"] = last_named["speaker"]["name"]
        out.append(q)
        previous = q
        if q["speaker"] is not None and q["speaker"]["name"]:
            last_named = q
    return out


def _dropped_subject(ctx: _Ctx, cue_start: int) -> _Surface | None:
    """The person named last before a subject-drop cue, within the paragraph and a few sentences."""
    i = bisect.bisect_left(ctx.mention_starts, cue_start)
    lo = max(0, cue_start - 300)
    para = ctx.text.rfind("\n\n", lo, cue_start)
    for k in range(i - 1, max(-1, i - 40), -1):
        m = ctx.mentions[k]
        if m.start < lo or m.start < para:
            break
        if m.type == "person" and m.end <= cue_start:
            return _Surface(m.start, m.end, "mention", m.name)
    return None


def _back_reference(ctx: _Ctx, s: _Surface | None) -> bool:
    """A pronoun, or a CJK phrase pointing back ('同相', '该委员会负责人')."""
    if s is None:
        return False
    if s.kind in ("pronoun", "plural"):
        return True
    t = ctx.table
    return t.unspaced and ctx.text.startswith(t.unspaced_back_references, s.start)


def _continues(text: str, previous: dict, q: dict, any_type: bool = False) -> bool:
    """A cue-less quotation right after an attributed one (same or next paragraph) shares its speaker;
    so does a subject-drop cue ('acrescentou', 'ha aggiunto') after a direct or reported quote."""
    gap = text[previous["end"]:q["start"]]
    # at most one paragraph boundary (a blank line or a single newline) between the two
    return (any_type or previous["type"] == "direct") and len(gap) <= 300 and len(_NEWLINE_RUN_RE.findall(gap)) <= 1 \
        and not (previous["speaker"]["start"] > previous["end"] and "\n" in gap and
                 q["start"] - previous["speaker"]["end"] > 300)


# ----------------------------------------------------------------------------------------------
# Inputs


def _sentence_bounds(text: str, sentences: list[dict] | None) -> tuple[list[int], list[int]]:
    """Valid, ordered, non-overlapping sentence spans; lines when the segmenter gave nothing usable."""
    n = len(text)
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for s in sentences or ():  # fast path: the segmenter's own output is valid and ordered
        a, b = s.get("start") if isinstance(s, dict) else None, s.get("end") if isinstance(s, dict) else None
        if type(a) is not int or type(b) is not int or not last <= a < b <= n:
            break
        starts.append(a)
        ends.append(b)
        last = b
    else:
        if starts:
            return starts, ends
    spans: list[tuple[int, int]] = []
    for s in sentences or ():
        try:
            a, b = int(s["start"]), int(s["end"])
        except (KeyError, TypeError, ValueError):
            continue
        a, b = max(0, a), min(n, b)
        if a < b:
            spans.append((a, b))
    spans.sort()
    clean: list[tuple[int, int]] = []
    for a, b in spans:
        if clean and a < clean[-1][1]:
            continue
        clean.append((a, b))
    if not clean:
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                clean.append((pos, pos + len(line)))
            pos += len(line) + 1
    return [a for a, _ in clean], [b for _, b in clean]


def _mentions(text: str, entities: list[dict]) -> list[_Mention]:
    spans: list[tuple[int, int, int, str | None, str]] = []  # (start, -end, order, name, type)
    n = len(text)
    for ent in entities or ():
        name = ent.get("name")
        etype = ent.get("type") or ""
        for m in ent.get("mentions") or ():
            try:
                a, b = m["start"], m["end"]
                if type(a) is not int or type(b) is not int:
                    a, b = int(a), int(b)
            except (KeyError, TypeError, ValueError):
                continue
            if 0 <= a < b <= n:
                spans.append((a, -b, len(spans), name, etype))
    spans.sort()  # by start, longest first, then as given (what a stable sort on (start, -end) gives)
    out: list[_Mention] = []
    for a, neg_b, _, name, etype in spans:
        surface = text[a:-neg_b]
        out.append(_Mention(a, -neg_b, surface, name or surface, etype))
    return out


def _canonical(ctx: _Ctx, name: str | None) -> str | None:
    """The name a resolved speaker is published under: titles the entity finder kept are dropped
    (``_person_name``); a person kept apart under part of a name ('Navarro' after 'Lucía Navarro',
    'Кравцова' after 'Олег Кравцов') or a surname typed as a place takes the full name. Worked out
    per name on demand: most entities of an article never speak."""
    if not name:
        return name
    if ctx.canon is None:
        ctx.canon = {}
    hit = ctx.canon.get(name)
    if hit is None:
        hit = ctx.canon[name] = _canonical_name(ctx, name)
    return hit


def _people(ctx: _Ctx) -> dict[str, list[tuple[int, int]]]:
    """Person entities (and titled names typed otherwise, 'Landrat Michael Berg') -> mention spans."""
    if ctx.people is None:
        t = ctx.table
        ctx.people = {}
        for m in ctx.mentions:
            if m.type == "person" or (" " in m.name and _role_word(t, m.name.split(" ", 1)[0])):
                ctx.people.setdefault(m.name, []).append((m.start, m.end))
    return ctx.people


def _clean_person(ctx: _Ctx, name: str) -> str:
    key = "\0" + name  # cleaned forms share the cache with published names under a distinct key
    hit = ctx.canon.get(key) if ctx.canon is not None else None
    if hit is None:
        hit = _person_name(ctx.text, ctx.table, name, _people(ctx)[name])
        if ctx.canon is not None:
            ctx.canon[key] = hit
    return hit


MAX_MERGE_PEOPLE = 300  # past this many people in one text, names are cleaned but not merged (cost)


def _canonical_name(ctx: _Ctx, name: str) -> str:
    people = _people(ctx)
    if name not in people:
        if " " in name or len(people) > MAX_MERGE_PEOPLE:
            return name
        # a surname the entity finder took for a place: the one person whose surname it is
        owners = {c for c in (_clean_person(ctx, p) for p in people if p.endswith(name)) if c.split()[-1] == name}
        return next(iter(owners)) if len(owners) == 1 else name
    clean = _clean_person(ctx, name)
    short = clean.split()
    if not short or len(short) > 2 or len(people) > MAX_MERGE_PEOPLE:
        return clean
    first = people[name][0][0]
    best, best_start = None, -1
    prefix = short[0][:4]
    for other, spans in people.items():
        start = spans[0][0]
        if other == name or not best_start < start <= first or prefix not in other:
            continue
        long = _clean_person(ctx, other).split()
        if len(long) > len(short) and all(any(_same_word(w, x) for x in long) for w in short):
            best, best_start = " ".join(long), start
    return best or clean


def _same_word(a: str, b: str) -> bool:
    """The same name word, up to a case ending: 'Кравцова' / 'Кравцов', 'Олега' / 'Олег'."""
    if a == b:
        return True
    if not a[:1].isupper() or not b[:1].isupper():
        return False
    n = min(len(a), len(b))
    k = 0
    while k < n and a[k] == b[k]:
        k += 1
    return k >= 4 and len(a) - k <= 3 and len(b) - k <= 3


def _role_word(t: CueTable, word: str) -> bool:
    """A title, rank or office written before a name: 'Menteri', 'Datuk', 'Verkehrsministerin',
    'GDL-Chef', 'DNB-president'; never a capitalised given name."""
    low = word.lower().rstrip(".")
    if low in t.person_roles or low in t.honorifics or low in HONORIFICS or low in t.masculine_titles \
            or low in t.feminine_titles or word.lower() in HONORIFICS:
        return True
    head = low.rsplit("-", 1)[-1]  # 'snb-präsident', 'gdl-chef'
    if head != low and (head in t.person_roles or head.endswith(t.role_suffixes or ("\0",))):
        return True
    return bool(t.role_suffixes) and len(low) > 6 and low.endswith(t.role_suffixes)


def _nominative(t: CueTable, words_: list[str]) -> list[str]:
    """'Олегом Кравцовым' → 'Олег Кравцов', 'Анной Ковалевой' → 'Анна Ковалева': a given name and a
    surname both in an oblique case (endings that no nominative name has) are put back; anything
    else is left as written."""
    given, surname = words_
    g = next(((e, n) for e, n in t.given_name_endings if given.endswith(e) and len(given) > len(e) + 2), None)
    f = next(((e, n) for e, n in t.surname_endings if surname.endswith(e) and len(surname) > len(e) + 2), None)
    if g is None or f is None:
        return words_
    return [given[: len(given) - len(g[0])] + g[1], surname[: len(surname) - len(f[0])] + f[1]]


def _person_name(text: str, t: CueTable, name: str, spans: list[tuple[int, int]]) -> str:
    """A person's canonical name without the titles the entity finder kept in it: 'Verkehrsministerin
    Katrin Albers' → 'Katrin Albers', 'Pendidikan Datuk Seri Fadzil Rahman' → 'Fadzil Rahman'
    (the role's complement sits between 'Menteri' and the honorifics), 'staatssecretaris X' → 'X'."""
    words_ = name.split()
    if len(words_) < 2 or len(words_) > 8:
        return name
    # a chain of honorifics inside the name ends whatever precedes it ('… Datuk Seri Fadzil Rahman')
    cut = 0
    for k in range(len(words_) - 2, -1, -1):
        low = words_[k].lower().rstrip(".")
        if low in HONORIFICS or low in t.honorifics:
            cut = k + 1
            break
    while len(words_) - cut > 2 or (len(words_) - cut == 2 and _role_word(t, words_[cut])):
        word = words_[cut]
        low = word.lower()
        if word[:1].isupper() and not _role_word(t, word) and low not in t.according_to \
                and low not in t.prepositions and low not in _function_words(t):
            break  # 'Laut Polizeisprecherin Anna Weiß': a sentence's first word is no part of a name
        cut += 1
    if t.capitalised_nouns and len(words_) - cut >= 3 and words_[cut].lower() not in FEMININE_GIVEN \
            and words_[cut].lower() not in MASCULINE_GIVEN:
        a = min(spans)[0]
        before = _WORD_RE.findall(text[max(0, a - 12):a])
        if before and before[-1].lower() in t.determiners:
            cut += 1  # 'der Wirt Josef Huber': after an article, the first noun is what he is
    rest = words_[cut:]
    if len(rest) == 2 and t.given_name_endings:
        rest = _nominative(t, rest)
    if len(rest) >= 3 and rest[0].lower() not in FEMININE_GIVEN and rest[0].lower() not in MASCULINE_GIVEN:
        # 'Menteri Perhubungan Hendra Wijaya' → entity 'Perhubungan Hendra Wijaya': a name right after a
        # role word whose first words complete the role. A shorter mention of the same person tells
        # where the name starts ('Hendra'); without one, the last two words are taken.
        a = min(spans)[0]
        before = _WORD_RE.findall(text[max(0, a - 30):a])
        title = before[-1] if before and text[a - 1:a].isspace() else ""
        honorific = title.lower() in HONORIFICS or title.lower() in t.honorifics
        if t.role_complement_names and title and _is_cap(title) and not honorific and _role_word(t, title) \
                and not text[a - len(title) - 1:a].strip(" \t\u00a0").endswith(","):
            first = {text[x:y] for x, y in spans if " " not in text[x:y].strip()}
            start = len(rest) - 2
            while start > 1 and rest[start - 1].lower() in t.name_particles:
                start -= 2  # 'Menteri X Abdul bin Rahman': the particle joins the two words around it
            start = next((k for k, w in enumerate(rest[:-1]) if w in first), start)
            rest = rest[start:]
    return " ".join(rest) if rest else name


# ----------------------------------------------------------------------------------------------
# Quote-mark pairing


def _can_open(ch: str, prev: str, nxt: str) -> bool:
    if nxt.isspace() and ch not in "«»‹›":
        return False
    if ch in _SYMMETRIC or ch in "‘‚":
        if prev not in _OPEN_BEFORE:
            return False
        if ch == "'" and not nxt.isalpha():
            return False
    return True


def _can_close(ch: str, prev: str, nxt: str) -> bool:
    if ch in "\"'’“" and prev.isspace():
        return False
    if ch in "'’" and nxt.isalnum():
        return False  # apostrophe: don't, Jones'
    return True


def _is_paragraph_break(text: str, i: int) -> bool:
    """A newline ends a paragraph unless it is a soft wrap inside a running sentence."""
    j = i - 1
    while j >= 0 and i - j <= 4 and text[j] in " \t\r\u00a0":
        j -= 1
    if j < 0 or text[j] in _CLOSE_PUNCT or text[j] == "\n":
        return True
    return i + 1 < len(text) and text[i + 1] in "\r\n"


def _mark_positions(text: str) -> list[int]:
    """Positions of every quote mark, in order. A str.find per character (a memchr-style
    scan) is faster than one `re` pass over a character class, which tests each character in turn."""
    found: list[int] = []
    for ch in _MARK_CHARS:
        pos = text.find(ch)
        while pos >= 0:
            found.append(pos)
            pos = text.find(ch, pos + 1)
    found.sort()
    return found


def _pair_marks(text: str) -> list[tuple[int, int, str, bool]]:
    """Outermost quotations as (open_pos, close_pos, opener, spans_paragraphs), in text order."""
    n = len(text)
    stack: list[_Open] = []
    found: list[tuple[int, int, str, bool, tuple[_Open, ...]]] = []
    continued: set[int] = set()
    skip_to = -1
    last = 0  # the mark before
    for i in _mark_positions(text):
        if stack:
            # the newlines since the mark before, in order (with no quotation open a newline changes
            # nothing, so only these are looked for): a paragraph break ends the open quotations
            nl = text.find("\n", max(last, skip_to), i)
            while nl >= 0:
                if _is_paragraph_break(text, nl):
                    j = _WS_RE.match(text, nl + 1).end()
                    bottom = stack[0]
                    if j < n and text[j] == bottom.mark and bottom.mark not in _SYMMETRIC:
                        # the convention for multi-paragraph quotes: no closing mark, opener repeated
                        del stack[1:]
                        continued.add(bottom.pos)
                        skip_to = j + 1
                    else:
                        stack.clear()
                        break
                nl = text.find("\n", max(nl + 1, skip_to), i)
        last = i
        if i < skip_to:
            continue
        ch = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "'" and nxt == "'":
            # two apostrophes stand for a double mark (''…'', typewriter style): the opener's position is
            # its second apostrophe and the closer's its first, so content lies between as usual
            ch, skip_to = _TWO_APOSTROPHES, i + 2
            nxt = text[i + 2] if i + 2 < n else " "
            if stack and stack[-1].mark == ch and _can_close('"', prev, nxt):
                top = stack.pop()
                top.closed = True
                found.append((top.pos, i, top.mark, top.pos in continued, tuple(stack)))
            elif _can_open('"', prev, nxt) and len(stack) < MAX_NESTING:
                stack.append(_Open(ch, i + 1))
            continue
        if stack and ch in _CLOSERS[stack[-1].mark] and _can_close(ch, prev, nxt):
            top = stack.pop()
            top.closed = True
            found.append((top.pos, i, top.mark, top.pos in continued, tuple(stack)))
            continue
        if ch in _CLOSERS and _can_open(ch, prev, nxt) and len(stack) < MAX_NESTING:
            stack.append(_Open(ch, i))
    # A quotation counts when no enclosing mark was closed (unclosed openers are stray marks).
    out = [(a, b, mark, cont) for a, b, mark, cont, parents in found
           if not parents or not any(p.closed for p in parents)]
    out.sort()
    return out


# ----------------------------------------------------------------------------------------------
# Token helpers (spaced scripts)


def _tokens(text: str, a: int, b: int, limit: int | None = None) -> list[re.Match[str]]:
    """Word tokens in text[a:b], at most `limit` of them (the scan stops there)."""
    it = _TOKEN_RE.finditer(text, a if a > 0 else 0, b if b > 0 else 0)
    return list(it) if limit is None else list(islice(it, limit))


def _by_table(build):
    """Memoise a function of a cue table by the table's identity (tables are module-level singletons;
    lru_cache would hash every frozenset of the frozen dataclass on each call)."""
    cache: dict[int, tuple[CueTable, object]] = {}

    def get(table: CueTable):
        hit = cache.get(id(table))
        if hit is None or hit[0] is not table:
            hit = cache[id(table)] = (table, build(table))
        return hit[1]
    get.__doc__ = build.__doc__
    return get


@_by_table
def _index_keys(table: CueTable) -> tuple[frozenset[str], frozenset[str]]:
    """The first words of all cue phrases, and those that are not one \\w+ token (always searched)."""
    keys = frozenset(_phrase_index(table))
    return keys, frozenset(k for k in keys if not k.isalnum())


@_by_table
def _suffixed_keys(table: CueTable) -> dict[str, tuple[str, ...]]:
    """Cue first words with a speaker suffix attached ('katanya') -> the first words ('kata')."""
    out: dict[str, tuple[str, ...]] = {}
    for key in _index_keys(table)[0]:
        for sfx in table.speaker_suffixes:
            out[key + sfx] = out.get(key + sfx, ()) + (key,)
    return out


@_by_table
def _phrase_index(table: CueTable) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> [(phrase words, kind)], longest phrases first; kind is verb|post|according|participle."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind, items in (("according", table.according_to), ("verb", table.verbs),
                        ("post", table.post_verbs - table.verbs), ("participle", table.participles)):
        for phrase in items:
            words = tuple(phrase.split())
            index.setdefault(words[0], []).append((words, kind))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@dataclass(slots=True)  # slots: many are made per article; creation and attribute access stay cheap
class _Cue:
    start: int
    end: int
    kind: str  # verb | post | according
    suffix: tuple[int, int] | None = None  # speaker carried by the verb ("katanya")


def _pronoun_span(lower: str, a: int, b: int, offset: int = 0) -> tuple[int, int]:
    """The pronoun inside a verb suffix: 'nya' of 'katanya', 'il' of 'dit-il' / 'a-t-il'."""
    if lower.startswith("-t-", a):
        a += 3
    elif lower.startswith(("-", "‑"), a):
        a += 1
    return offset + a, offset + b


def _aux_before(ctx: _Ctx, prev: re.Match[str], verb_start: int) -> tuple[int, tuple[int, int] | None] | None:
    """An auxiliary written right before a participle ('a déclaré', 'ha detto', 'a-t-il déclaré'):
    where the cue starts, and the pronoun an inverted auxiliary carries."""
    text, t = ctx.text, ctx.table
    if not t.auxiliaries or text[prev.end():verb_start].strip():
        return None
    low = _low(prev)
    if low in t.auxiliaries:
        return prev.start(), None
    for sfx in t.speaker_suffixes:
        if low.endswith(sfx) and low[: -len(sfx)] in t.auxiliaries:
            base = len(low) - len(sfx)
            return prev.start(), _pronoun_span(low, base, len(low), prev.start())
    return None


def _is_word_char(ch: str) -> bool:
    """What `\\w` matches in a str pattern."""
    return ch.isalnum() or ch == "_"


def _aux_possible(ctx: _Ctx, start: int) -> bool:
    """Whether an auxiliary may stand right before a verb at `start` (cheap test before tokenising
    the AUX_LOOKBACK characters before it): what precedes the verb, past blanks, ends with an auxiliary as
    written (``_aux_forms``); anything else cannot be a last token that is one."""
    t = ctx.table
    if not t.auxiliaries or start <= 0:
        return False
    forms, longest = _aux_forms(t)
    text = ctx.text
    lo = max(0, start - AUX_LOOKBACK)
    k = lo + len(text[lo:start].rstrip())
    return k > lo and (longest < 0 or text[max(lo, k - longest):k].lower().endswith(forms))


@_by_table
def _aux_forms(table: CueTable) -> tuple[tuple[str, ...], int]:
    """Auxiliaries as a token may spell them (alone, or carrying a speaker suffix: 'a-t-il'), and the
    longest one's length; -1 when a form has a sigma (whose lower case depends on the letters before
    it, so a longer slice might not end like the token alone)."""
    forms = set(table.auxiliaries) | {a + s for a in table.auxiliaries for s in table.speaker_suffixes}
    longest = -1 if any("σ" in f or "ς" in f for f in forms) else max(map(len, forms), default=0)
    return tuple(sorted(forms)), longest


def _near_word_end(text: str, lo: int, pos: int) -> int:
    """Where the last token of text[lo:pos] ends (just after its last word character) when that is
    at most 8 characters before `pos`; -1 when it is farther or unknown (the caller then tokenises).
    A cheap look before building token lists that most callers would discard."""
    k = pos
    stop = max(lo, pos - 8)
    while k > stop and not _is_word_char(text[k - 1]):
        k -= 1
    return k if k > stop else -1


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"


def _lower_text(ctx: _Ctx) -> str:
    """``_same_length_lower(ctx.text)``, made once per article (cue search and role tests share it)."""
    if ctx.lower is None:
        ctx.lower = _same_length_lower(ctx.text)
    return ctx.lower


def _same_length_lower(text: str) -> str:
    """Lower-cased text with unchanged offsets ("İ".lower() is two code points: leave such letters)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    if "Σ" not in text:
        # 'İ' is the only code point whose lower case is longer (Unicode 15); with no capital sigma
        # (whose lower case depends on its neighbours) lowering the pieces around it is per-character
        lower = "İ".join(piece.lower() for piece in text.split("İ"))
        if len(lower) == len(text):
            return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _word_set(lower: str) -> set[str]:
    """The distinct \\w+ tokens of a text, i.e. ``set(_WORD_RE.findall(lower))``, built faster: most
    whitespace-separated chunks are one word already (a C-level split), and only the chunks holding
    punctuation (or an underscore: \\w differs from str.isalnum only there) are tokenised by regex.
    Common punctuation is blanked first (a blank for a non-word character leaves every token as it
    is), so that 'said,' and 'said' are one chunk and few chunks need the regex: ASCII with one
    bytes.translate (UTF-8 multi-byte sequences are all bytes >= 0x80, which the table keeps;
    'surrogatepass' lets a lone surrogate through), a few wide marks with str.replace."""
    lower = lower.encode("utf-8", "surrogatepass").translate(_ASCII_BLANKS).decode("utf-8", "surrogatepass")
    for mark in _WIDE_PUNCT:
        if mark in lower:
            lower = lower.replace(mark, " ")
    found = set(lower.split())
    odd = list(filterfalse(str.isalnum, found))
    if odd:
        found.difference_update(odd)
        found.update(_WORD_RE.findall(" ".join(odd)))
    return found


def _find_cues(ctx: _Ctx) -> list[_Cue]:
    """All cue phrases in the text. str.find per cue word (a memchr-speed scan) beats any tokenising pass."""
    text, table = ctx.text, ctx.table
    index = _phrase_index(table)
    if not index:
        return []  # a cue-less table (unknown language): nothing to search, skip lower-casing and tokenising
    lower = _lower_text(ctx)
    n = len(text)
    # Only words that occur as tokens at all are searched for (a set lookup per distinct word).
    present = _word_set(lower)
    keys, always = _index_keys(table)
    found = present & keys
    suffixed = _suffixed_keys(table)
    if suffixed:  # 'katanya': a first word carrying a speaker suffix
        for word in present.intersection(suffixed):
            found.update(suffixed[word])
    cues: list[_Cue] = []
    patterns = _start_patterns(table)
    # words with inner punctuation ("d'après", "so-called") are always searched
    for first in sorted(found | always):
        entries = index[first]
        suffixes = table.speaker_suffixes if any(kind != "according" for _, kind in entries) else ()
        pattern = patterns.get(first)
        for pos in (m.start() for m in pattern.finditer(lower)) if pattern is not None else _occurrences(lower, first):
            end = pos + len(first)
            if pos == 0 or not _wordish(lower[pos - 1]):
                word_end = end
                if end < n and _wordish(lower[end]):
                    word_end = -1
                    for sfx in suffixes:
                        if lower.startswith(sfx, end) and (end + len(sfx) >= n or not _wordish(lower[end + len(sfx)])):
                            word_end = end + len(sfx)
                            break
                if word_end >= 0:
                    matched = _match_phrase(text, lower, end, entries)
                    if matched is not None:
                        phrase_end, kind, words = matched
                        suffix = _pronoun_span(lower, end, word_end) if word_end > end and len(words) == 1 \
                            else None
                        cues.append(_Cue(pos, phrase_end, kind, suffix))
    cues.sort(key=lambda c: (c.start, -c.end))
    dedup: list[_Cue] = []
    for c in cues:
        if dedup and c.start < dedup[-1].end:
            continue
        dedup.append(c)
    return dedup


@_by_table
def _start_patterns(table: CueTable) -> dict[str, re.Pattern[str]]:
    """Cue first word -> a pattern finding it only where a word starts, and (when the word's table
    entries say so) only where it can end or go on into a cue phrase. Short words ('a', 'in', 'de',
    'по') occur inside most other words, and first words of phrases ('according' of 'according to')
    mostly without the rest; a str.find loop would visit every such spot in Python. Each pattern
    leads with the literal (so `re` skips to candidates in C), looks one character behind it and a
    bounded stretch ahead (linear time). Every spot a pattern drops is one ``_find_cues`` rejects:
    only words made of word characters get one (so an occurrence overlapping another can never
    start a word), a word whose phrases all go on needs 1-3 blanks and a second word after it
    (``_match_phrase``), a short single word without speaker suffixes needs a word end."""
    out: dict[str, re.Pattern[str]] = {}
    index = _phrase_index(table)
    for key in _index_keys(table)[0]:
        if not all(_wordish(c) for c in key):
            continue
        entries = index[key]
        suffixes = table.speaker_suffixes if any(kind != "according" for _, kind in entries) else ()
        if all(len(words_) > 1 for words_, _ in entries):
            seconds = sorted({words_[1] for words_, _ in entries})
            ahead = r"(?=\s{1,3}(?:" + "|".join(map(re.escape, seconds)) + "))"
        elif len(key) > 3:
            continue  # a longer single word mostly occurs as a word: str.find is the faster scan
        elif not suffixes:
            ahead = r"(?![\w'’\-])"
        else:
            ahead = ""
        lit = re.escape(key)
        out[key] = re.compile(lit + r"(?<![\w'’\-]" + lit + ")" + ahead)
    return out


def _occurrences(lower: str, word: str):
    """Start of each non-overlapping occurrence of `word` (a scan resumes after the previous one)."""
    pos = lower.find(word)
    while pos >= 0:
        yield pos
        pos = lower.find(word, pos + len(word))


def _match_phrase(text: str, lower: str, first_end: int, entries: list[tuple[tuple[str, ...], str]]
                  ) -> tuple[int, str, tuple[str, ...]] | None:
    """The longest table phrase whose first word ends at `first_end` (words separated by spaces only)."""
    for words, kind in entries:
        if len(words) == 1:
            return first_end, kind, words
        pos = first_end
        for w in words[1:]:
            nxt = _WS_RE.match(text, pos).end()
            if nxt == pos or nxt - pos > 3 or not lower.startswith(w, nxt):
                break
            pos = nxt + len(w)
            if pos < len(text) and _wordish(lower[pos]):
                break
        else:
            return pos, kind, words
    return None


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Two tokens belong to one phrase: only spaces between, or an abbreviation stop ("Mr. Trump")."""
    gap = text[left.end():right.start()]
    if not gap.strip():
        return True
    word = left.group()
    return gap.rstrip() == "." and len(word) <= 4 and _is_cap(word) and _is_cap(right.group())


def _low(m: re.Match[str]) -> str:
    return m.group().lower()


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


# ----------------------------------------------------------------------------------------------
# Speaker surfaces


def _np_before(ctx: _Ctx, pos: int, lo: int, appos: bool = True) -> _Surface | None:
    """The noun phrase ending just before `pos` (the subject of a following verb), or None."""
    text, t = ctx.text, ctx.table
    toks = _tokens(text, max(lo, pos - SPEAKER_WINDOW), pos)
    if not toks:
        return None
    i = len(toks) - 1
    right = pos
    skipped = 0
    while i > 0 and skipped < 4 and _skippable(t, _low(toks[i])) and not text[toks[i].end():right].strip() \
            and _low(toks[i - 1]) not in t.determiners:  # 'le gouvernement' is a noun, not an adverb
        right = toks[i].start()
        i -= 1
        skipped += 1
    if i < 0:
        return None
    gap = text[toks[i].end():right]
    if gap.strip():
        if appos and gap.strip() == ",":
            m = ctx.by_end.get(toks[i].end())
            if m is not None and m.type == "person" and m.start >= lo and \
                    text[max(lo, m.start - 3):m.start].rstrip().endswith(","):
                # 'O ministro da Fazenda, Fernando Haddad, afirmou': the apposed name is the speaker
                return _Surface(m.start, m.end, "mention", m.name)
            return _apposition_head(ctx, toks, i, lo)
        return None
    tok = toks[i]
    low = _low(tok)
    mention = ctx.by_end.get(tok.end())
    if mention is not None and mention.start >= lo:
        return _Surface(mention.start, mention.end, "mention", mention.name)
    if low in t.coordinators:
        sent_start = ctx.sentence(pos)[0]
        return _sentence_subject(ctx, max(sent_start, lo), pos)
    if low in t.relative_pronouns:
        head = _antecedent(ctx, tok.start(), lo)
        if head is not None:
            # the surface stays the pronoun (the speaker as written), its name is the antecedent's
            return _Surface(tok.start(), tok.end(), "pronoun", _resolve(ctx, head), relative=True)
    if low in t.person_pronouns:
        return _Surface(tok.start(), tok.end(), "pronoun")
    if low in t.plural_pronouns:
        return _Surface(tok.start(), tok.end(), "plural")
    if low in t.post_demonstratives and i > 0 and not text[toks[i - 1].end():tok.start()].strip():
        head = toks[i - 1]
        kind = "organisation" if _low(head) in t.org_nouns else "person"
        if _low(head) in t.person_pronouns or _low(head) in t.skip_words:
            return None
        return _Surface(head.start(), tok.end(), kind, role=_low(head))
    if low in t.person_roles or low in t.org_nouns:
        kind = "organisation" if low in t.org_nouns else "person"
        start = tok.start()
        for k in range(i - 1, max(-1, i - 4), -1):
            if text[toks[k].end():toks[k + 1].start()].strip():
                break
            lk = _low(toks[k])
            if lk in t.determiners:
                start = toks[k].start()  # "the central bank governor": modifiers up to the article
                break
            if lk in _function_words(t) or lk in t.verbs or lk in t.post_verbs:
                break
            if _is_cap(toks[k].group()) or lk in t.person_roles or lk in t.org_nouns:
                start = toks[k].start()  # "Defence Minister", "juru bicara"
        return _Surface(start, tok.end(), kind, role=low)
    if _is_cap(tok.group()):
        if low.endswith(("'s", "’s")):
            return None  # "Trump's alleged ties": a possessor, not a subject
        start = tok.start()
        k = i - 1
        count = 1
        while k >= 0 and count < 6 and _joined(text, toks[k], toks[k + 1]):
            word = toks[k].group()
            low_k = word.lower()
            if low_k in t.name_particles and k > 0 and _is_cap(toks[k - 1].group()):
                k -= 1  # "Ministry of Defence": keep walking, the particle joins two capitalised words
                continue
            if not _is_cap(word) or low_k in _function_words(t):
                break
            start = toks[k].start()
            k -= 1
            count += 1
        if text[start:tok.end()].lower() in _function_words(t):
            return None
        return _Surface(start, tok.end(), "name")
    return None


def _sentence_subject(ctx: _Ctx, ss: int, limit: int) -> _Surface | None:
    """The subject opening a sentence, after any leading adverbial set off by a comma ('In an email,
    Mr. Manafort denied … and said', 'Asked about it, the spokeswoman said', 'SELMA, N.C. — Trump …')."""
    text, t = ctx.text, ctx.table
    pos = ss
    for _ in range(3):
        toks = _tokens(text, pos, limit, 14)
        if not toks or text[pos:toks[0].start()].strip(" \t\u00a0—–-"):
            return None
        low = _low(toks[0])
        if (low in t.coordinators or low in t.skip_words) and len(toks) > 1 and \
                not text[toks[0].end():toks[1].start()].strip():
            pos = toks[0].end()  # 'But Trump quickly deflected', 'Now Ryan is doing'
            continue
        subj = _np_after(ctx, toks[0].start(), limit)
        comma = _leading_adverbial_end(ctx, toks, subj, limit)
        if comma < 0:
            return subj
        pos = comma + 1
    return None


def _leading_adverbial_end(ctx: _Ctx, toks: list[re.Match[str]], subj: _Surface | None, limit: int) -> int:
    """Where a sentence-initial adverbial phrase ends (its comma), or -1 when the sentence opens with
    its subject. An adverbial starts with a function word, a verb form or a time word, or is a
    dateline in capitals; a named subject followed by a comma is an apposition, not an adverbial."""
    text, t = ctx.text, ctx.table
    first = toks[0]
    low = _low(first)
    place = False
    if subj is not None and subj.kind in ("mention", "pronoun", "plural") and subj.start == first.start():
        m = ctx.by_start.get(first.start())
        if m is None or m.type != "location":
            return -1
        place = True  # a place followed by a comma is a dateline or a setting: 'SELMA, N.C. — Trump …'
    word = first.group()
    adverbial = (place or low in t.bare_blockers or low in t.subordinators or low in t.skip_words
                 or low in t.verbs or low in t.post_verbs or low in t.participles or low in t.time_nouns
                 or low in t.name_particles or low in t.coordinators
                 or (len(word) > 2 and word.isupper() and word.isalpha())
                 or (len(low) > 5 and bool(t.adverb_suffixes) and low.endswith(t.adverb_suffixes)))
    if not adverbial:
        return -1
    if place or word.isupper():
        # 'SELMA, Ala. — Donald Trump …': a dateline runs to its dash
        dash = _DATELINE_DASH_RE.search(text, first.end(), min(limit, first.end() + 40))
        if dash is not None:
            return dash.start()
    for k in range(1, len(toks)):
        gap = text[toks[k - 1].end():toks[k].start()]
        if "," in gap or "—" in gap:
            if any(_low(x) in t.verbs for x in toks[1:k]):
                return -1  # 'As he said, …': a clause with its own verb of saying, not a circumstance
            return toks[k - 1].end() + min(i for i in (gap.find(","), gap.find("—")) if i >= 0)
        if _BREAK_AFTER_RE.search(gap) and not _joined(text, toks[k - 1], toks[k]):
            return -1
    return -1


def _antecedent(ctx: _Ctx, pos: int, lo: int) -> _Surface | None:
    """'Mr. LeVota - who denied …' / 'McClendon, who said …': the name a relative pronoun at `pos`
    stands for, when a comma or dash sets the relative clause off from it."""
    text = ctx.text
    j = pos
    while j > lo and pos - j < 4 and text[j - 1] in " \t\u00a0":
        j -= 1
    if j <= lo or text[j - 1] not in ",-–—":
        return None
    head = _np_before(ctx, j - 1, lo, appos=False)
    if head is None or head.kind not in ("mention", "name", "person", "organisation"):
        return None
    return head


def _skippable(t: CueTable, low: str) -> bool:
    """Adverbs and auxiliaries between a subject and its verb ('has already warned', 'privately noted')."""
    return low in t.skip_words or low in t.auxiliaries or \
        (len(low) > 5 and bool(t.adverb_suffixes) and low.endswith(t.adverb_suffixes))


@_by_table
def _function_words(t: CueTable) -> frozenset[str]:
    """Capitalised only because they open a sentence ("Meskipun", "The"): never part of a name."""
    return (t.subordinators | t.coordinators | t.skip_words | t.determiners | t.complementisers
            | t.apposition_markers | t.person_pronouns | t.plural_pronouns | t.post_demonstratives)


def _apposition_head(ctx: _Ctx, toks: list[re.Match[str]], i: int, lo: int) -> _Surface | None:
    """"Rybar, seorang blogger militer Rusia, mengatakan": the subject is the name before the apposition."""
    text, t = ctx.text, ctx.table
    comma2 = text.rfind(",", max(lo, toks[i].end() - SPEAKER_WINDOW), toks[i].end())
    if comma2 < 0:
        return None
    inner = [tk for tk in toks if comma2 < tk.start() < toks[i].end() + 1]
    if not inner:
        return None
    first = _low(inner[0])
    if not (first in t.apposition_markers or any(_low(tk) in t.person_roles or _low(tk) in t.org_nouns
                                                  for tk in inner)):
        # "Sussman, Clinton's top backer, said": a short verbless phrase after a name is an apposition
        if len(inner) > 6 or any(_low(tk) in t.verbs or _low(tk) in t.coordinators for tk in inner):
            return None
        head = _np_before(ctx, comma2, lo, appos=False)
        return head if head is not None and head.kind in ("mention", "name") else None
    return _np_before(ctx, comma2, lo, appos=False)


def _np_after(ctx: _Ctx, pos: int, hi: int) -> _Surface | None:
    """The noun phrase starting just after `pos` ("kata Smirnov", "said the minister", "sagte er")."""
    text, t = ctx.text, ctx.table
    end = min(hi, pos + SPEAKER_WINDOW)
    tok = _TOKEN_RE.search(text, pos, end)
    if tok is None or text[pos:tok.start()].strip():
        return None
    low = _low(tok)
    mention = ctx.by_start.get(tok.start())
    if mention is not None and mention.end <= hi:
        return _Surface(mention.start, mention.end, "mention", mention.name)
    if low in t.person_pronouns:
        return _Surface(tok.start(), tok.end(), "pronoun")
    if low in t.plural_pronouns:
        return _Surface(tok.start(), tok.end(), "plural")
    # a longer phrase: the first 8 tokens (most calls end above, on the first one alone)
    toks = [tok, *islice(_TOKEN_RE.finditer(text, tok.end(), end), 7)]
    j = 0
    if low in t.determiners:
        j = 1
    for k in range(j, min(len(toks), j + 4)):
        if k and text[toks[k - 1].end():toks[k].start()].strip():
            break
        lk = _low(toks[k])
        if lk in t.person_roles or lk in t.org_nouns:
            # "a government spokesman", "the central bank governor": the last noun of the chain is the head
            h = k
            while h + 1 < len(toks) and not text[toks[h].end():toks[h + 1].start()].strip() and \
                    (_low(toks[h + 1]) in t.person_roles or _low(toks[h + 1]) in t.org_nouns):
                h += 1
            lk = _low(toks[h])
            # "Menteri Luar Negeri Retno Marsudi", "the Ministry of Finance": a capitalised run after the
            # title word is the name itself (or completes it)
            run_end, named = toks[h].end(), None
            for r in range(h + 1, len(toks)):
                if not _joined(text, toks[r - 1], toks[r]):
                    break
                word = toks[r].group()
                if word.lower() in t.prepositions and not _is_cap(toks[k].group()) and \
                        lk not in t.spokesperson_roles:
                    break  # 'a lawyer for Senator X' is not X (a spokesman for X speaks as X)
                if not _is_cap(word) and not (word.lower() in t.name_particles and r + 1 < len(toks)
                                              and _is_cap(toks[r + 1].group())):
                    break
                m = ctx.by_start.get(toks[r].start())
                if m is not None and m.end <= hi:
                    named = m
                run_end = toks[r].end()
            if named is not None and (_is_cap(toks[k].group()) or named.type == "person"):
                if named.type != "person" and lk in t.person_roles:
                    # 'Ketua Menteri Melaka, Datuk Seri X': the office's place, then its holder
                    person = _apposed_person(ctx, named.end, hi)
                    if person is not None:
                        return person
                return _Surface(named.start, named.end, "mention", named.name)
            if run_end > toks[h].end() and _is_cap(toks[k].group()):
                return _Surface(tok.start(), run_end, "name")
            end = toks[h].end()
            if (h + 1 < len(toks) and _low(toks[h + 1]) in t.post_demonstratives
                    and not text[end:toks[h + 1].start()].strip()):
                end = toks[h + 1].end()
            kind = "organisation" if lk in t.org_nouns else "person"
            surface = _Surface(tok.start(), end, kind, role=lk)
            _complement(ctx, surface, toks, h, hi)
            return surface
        if lk in t.verbs or lk in t.complementisers or lk in t.skip_words:
            break
    if j and len(toks) > 1 and _is_cap(toks[1].group()) and not text[tok.end():toks[1].start()].strip() \
            and _low(toks[1]) not in _function_words(t):
        end = toks[1].end()  # 'nach Angaben der Feuerwehr', 'said the Guardian': article + name
        for k in range(2, min(len(toks), 6)):
            if not _joined(text, toks[k - 1], toks[k]) or not _is_cap(toks[k].group()):
                break
            end = toks[k].end()
        return _Surface(tok.start(), end, "name")
    if _is_cap(tok.group()) and low not in _function_words(t):
        end = tok.end()
        for k in range(1, min(len(toks), 6)):
            if not _joined(text, toks[k - 1], toks[k]):
                break
            word = toks[k].group()
            named = ctx.by_start.get(toks[k].start())
            if named is not None and named.end <= hi:
                # "Bundeskanzler Olaf Scholz": an unlisted title before a recognised name
                return _Surface(named.start, named.end, "mention", named.name)
            if _is_cap(word):
                end = toks[k].end()
            elif word.lower() in t.name_particles and k + 1 < len(toks) and _is_cap(toks[k + 1].group()):
                continue
            else:
                break
        return _Surface(tok.start(), end, "name")
    return None


def _apposed_person(ctx: _Ctx, pos: int, hi: int) -> _Surface | None:
    """The person named a few words after `pos`, past a role and its complement: 'zei staatssecretaris
    Marieke de Vries', 'сказал главный тренер сборной Игорь Никитин', 'a annoncé mardi le ministre de
    l'Agriculture, Julien Marchand'. Words in between are the role's (no verb, clause word or
    pronoun); a comma may only set the name itself off, and after a preposition the name needs that
    comma ('a spokesman for Senator X' speaks for X, he is not X)."""
    text, t = ctx.text, ctx.table
    prev_end, preposition, comma, since_preposition = pos, False, False, 0
    for tk in _tokens(text, pos, min(hi, pos + SPEAKER_WINDOW), 12):
        # 'директор компании «Северавиа» Павел Громов': marks around a company's name are no break
        gap = text[prev_end:tk.start()].strip(" \t\u00a0«»“”„\"")
        m = ctx.by_start.get(tk.start())
        low = _low(tk)
        if m is not None and m.end <= hi and m.type == "person" and prev_end > pos:
            if gap == "," or (comma and not gap) or (not gap and not preposition):
                return _Surface(m.start, m.end, "mention", m.name)
            return None
        if gap == "," and not comma and _is_cap(tk.group()) and (low in HONORIFICS or low in t.honorifics):
            comma = True  # 'Ketua Polis Kelantan, Datuk Rahim Zakaria': honorifics before the name
            prev_end = tk.end()
            continue
        if gap or (comma and not (low in HONORIFICS or low in t.honorifics)):
            return None
        if low in t.verbs or low in t.post_verbs or low in t.complementisers or low in t.coordinators \
                or low in t.subordinators or low in t.relative_pronouns or low in t.person_pronouns \
                or low in t.plural_pronouns:
            return None
        if m is not None and m.type == "person":
            return None  # the name comes first: the caller's noun phrase already has it
        if preposition and since_preposition and low in t.determiners:
            # 'dijo a Reuters el dirigente …', 'ha riferito in conferenza stampa il sindaco …': the
            # preposition's phrase has ended, a new noun phrase starts
            preposition = False
        if low in t.prepositions or low.startswith(_ELIDED_DE):
            preposition, since_preposition = True, 0
        else:
            since_preposition += 1
        prev_end = tk.end()
    return None


def _inverted_subject(ctx: _Ctx, pos: int, hi: int) -> _Surface | None:
    """The subject after an inverted reporting verb ('”, said X', '», a déclaré le ministre, X'):
    the noun phrase right after it, or the person its role describes a few words on."""
    s = _np_after(ctx, pos, hi)
    if s is not None and (s.kind in ("mention", "pronoun", "plural") or s.name):
        return s
    found = _apposed_person(ctx, pos, hi) or s
    if found is None:
        # 'сообщили в пресс-службе МЧС', 'said in a statement from Acme': the body named after a
        # preposition, a few words on, speaks
        toks = _tokens(ctx.text, pos, min(hi, pos + 80), 4)
        if toks and _low(toks[0]) in ctx.table.prepositions and not ctx.text[pos:toks[0].start()].strip():
            for k in range(1, len(toks)):
                if ctx.text[toks[k - 1].end():toks[k].start()].strip():
                    break
                m = ctx.by_start.get(toks[k].start())
                if m is not None and m.type == "organisation" and m.end <= hi:
                    return _Surface(m.start, m.end, "mention", m.name)
    return found


def _complement(ctx: _Ctx, s: _Surface, toks: list[re.Match[str]], h: int, hi: int) -> None:
    """Resolve a description by what follows it: 'a spokesman for the Guardia Civil' speaks for that
    organisation; 'el ministro de Transportes, Óscar Puente' is the person in the apposition."""
    text, t = ctx.text, ctx.table
    r = h + 1
    while r < len(toks) and r - h <= 3 and not text[toks[r - 1].end():toks[r].start()].strip() and \
            (_low(toks[r]) in t.name_particles or _low(toks[r]) in t.determiners):
        r += 1
    elided = r == h + 1 and r < len(toks) and _low(toks[r]).startswith(_ELIDED_DE)
    if (r > h + 1 or elided) and r < len(toks) and not text[toks[r - 1].end():toks[r].start()].strip():
        m = ctx.by_start.get(toks[r].start() + (2 if elided else 0))
        if m is not None and m.end <= hi and m.type == "organisation":
            s.name = m.name
            return
    after = s.end
    if r > h + 1 and r < len(toks) and _is_cap(toks[r].group()):
        after = toks[r].end()
        while r + 1 < len(toks) and _joined(text, toks[r], toks[r + 1]) and _is_cap(toks[r + 1].group()):
            r += 1
            after = toks[r].end()
    k = after
    while k < hi and k - after < 3 and text[k] in " \t\u00a0,":
        k += 1
    if s.kind == "person" and "," in text[after:k]:
        m = ctx.by_start.get(k)
        if m is not None and m.end <= hi and m.type == "person":
            s.name, s.appos_end = m.name, m.end
            return
    if s.kind == "person":
        # 'la gobernadora del banco central, Patricia Ortega': the name apposed after the complement
        named = _apposed_person(ctx, s.end, hi)
        if named is not None and "," in text[s.end:named.start]:
            s.name, s.appos_end = named.name, named.end


# ----------------------------------------------------------------------------------------------
# Direct quotes, spaced scripts


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _line_start(text: str, pos: int) -> int:
    """Where the line holding `pos` starts, at most CUE_WINDOW characters back."""
    a = text.rfind("\n", max(0, pos - CUE_WINDOW), pos)
    return a + 1 if a >= 0 else max(0, pos - CUE_WINDOW)


def _line_end(text: str, pos: int) -> int:
    """Where the line holding `pos` ends, at most CUE_WINDOW characters on."""
    b = text.find("\n", pos, pos + CUE_WINDOW)
    return b if b >= 0 else min(len(text), pos + CUE_WINDOW)


def _cue_after(ctx: _Ctx, close_end: int, hi: int, content_final: bool
               ) -> tuple[_Cue, _Surface | None] | None:
    """A reporting cue right after a closing mark: '”, ujar Putin', '”, Putin said', '», — сказал он',
    '," Chris Weston, chief strategist at IG, said' (an apposition between the name and the verb)."""
    text, t = ctx.text, ctx.table
    index = _phrase_index(t)
    if not index:
        return None  # no cue word can be found with a cue-less table
    lead_end = _LEAD_RE.match(text, close_end, hi).end()
    if lead_end >= hi or not _is_word_char(text[lead_end]):
        return None  # the test on `lead` below, done before tokenising (most closing marks end a line)
    # Tokens are read one at a time (most closing marks are settled by the first one or two); `toks`
    # holds those read so far, which is all the phrase helpers below look at.
    tokens = islice(_TOKEN_RE.finditer(text, close_end, hi), MAX_APPOSED_TOKENS)
    toks: list[re.Match[str]] = []
    first_comma = -1  # where an apposition after the opening name starts ('X, a …, said')
    for k, tok in enumerate(tokens):
        toks.append(tok)
        if not k:
            lead = text[close_end:tok.start()]
            if lead.lstrip("'").strip(" \t\u00a0,.;:–—-") or "\n" in lead:  # "'" ends a ''…'' closer
                return None
        else:
            gap = text[toks[k - 1].end():tok.start()]
            if not _joined(text, toks[k - 1], tok) and _BREAK_AFTER_RE.search(gap) and \
                    not (first_comma >= 0 and gap.startswith(".,")):  # 'at IG Ltd., said'
                return None
            if "," in gap and first_comma < 0:
                if not _is_cap(toks[0].group()) and _low(toks[0]) not in t.determiners:
                    return None  # '”, and then …': only a named or described subject takes an apposition
                first_comma = toks[k - 1].end() + gap.index(",")
        if k >= 7 and first_comma < 0:
            return None
        low = _low(tok)
        base, suffix = low, None
        if low not in index:
            for s in t.speaker_suffixes:
                if low.endswith(s) and low[: -len(s)] in index:
                    base = low[: -len(s)]
                    suffix = _pronoun_span(low, len(base), len(low), tok.start())
                    break
        entries = index.get(base)
        if entries is None:
            continue
        kinds = {kind for words_, kind in entries if len(words_) == 1}  # 'points' of 'points out' is no cue
        if not kinds & {"verb", "post"}:
            continue
        if first_comma >= 0 and not text[toks[k - 1].end():tok.start()].strip(" \t\u00a0").endswith(","):
            # an apposition closes with a comma right before the verb; otherwise the comma ended the
            # attribution and this verb starts something else ('”, Smith said, and the board agreed')
            if not (k > 1 and _aux_before(ctx, toks[k - 1], tok.start()) is not None and
                    text[toks[k - 2].end():toks[k - 1].start()].strip(" \t\u00a0").endswith(",")):
                return None
        cue_start = tok.start()
        if k:
            aux = _aux_before(ctx, toks[k - 1], tok.start())
            if aux is not None:
                cue_start, suffix = aux[0], aux[1] or suffix
        cue = _Cue(cue_start, tok.start() + len(base) if base != low else tok.end(), "verb", suffix)
        speaker: _Surface | None
        if suffix:
            speaker = _Surface(suffix[0], suffix[1], "pronoun")
        elif first_comma >= 0:
            speaker = _np_after(ctx, toks[0].start(), first_comma) or \
                _loose_np(ctx, toks, 0, first_comma)
        elif cue_start > toks[0].start():
            speaker = _np_before(ctx, cue_start, toks[0].start(), appos=False) or \
                _loose_np(ctx, toks, 0, cue_start)
        else:
            toks.extend(islice(tokens, 5))  # _loose_np_after reads up to 5 tokens past the verb
            speaker = _inverted_subject(ctx, tok.end(), hi) or _loose_np_after(ctx, toks, k + 1, hi)
        if content_final and not _short_tail(ctx, max(cue.end, speaker.end if speaker else 0), hi):
            return None
        return cue, speaker
    return None


def _short_tail(ctx: _Ctx, pos: int, hi: int) -> bool:
    """What follows a postposed cue and its speaker up to the first comma is only circumstance
    ('said in an interview on Monday, adding …'), not a reported clause of its own
    ('. He said on Monday that …', '. He said the plan would fail')."""
    text, t = ctx.text, ctx.table
    tail_end = _tail_end(ctx, pos, hi)
    comma = text.find(",", pos, tail_end)
    tail = _tokens(text, pos, comma if comma >= 0 else tail_end, MAX_TAIL_TOKENS + 1)
    if len(tail) > MAX_TAIL_TOKENS:
        return False
    if comma < 0:
        return True
    return not any(_low(x) in t.complementisers for x in tail)


def _loose_np(ctx: _Ctx, toks: list[re.Match[str]], i: int, end: int) -> _Surface | None:
    """'," the influential US daily wrote' / '," one said': a short phrase opened by a determiner or a
    capital, with no verb or clause word in it, standing where the subject of a postposed cue stands."""
    text, t = ctx.text, ctx.table
    if i >= len(toks) or toks[i].start() >= end:
        return None
    first = toks[i]
    if _low(first) not in t.determiners and not _is_cap(first.group()):
        return None
    last = None
    for k in range(i, min(len(toks), i + 6)):
        tk = toks[k]
        if tk.end() > end:
            break
        if k > i and text[toks[k - 1].end():tk.start()].strip():
            return None
        low = _low(tk)
        if low in t.verbs or low in t.post_verbs or low in t.complementisers or low in t.coordinators \
                or low in t.subordinators or (k > i and low in t.apposition_markers and low not in t.determiners):
            return None
        last = tk
    if last is None or text[last.end():end].strip(" \t\u00a0,"):
        return None
    return _Surface(first.start(), last.end(), "name")


def _loose_np_after(ctx: _Ctx, toks: list[re.Match[str]], i: int, hi: int) -> _Surface | None:
    """'said a joint statement from the two agencies', 'said another.': a determiner-led phrase after a
    postposed verb, up to a preposition, a relative word or punctuation."""
    text, t = ctx.text, ctx.table
    if i >= len(toks) or _low(toks[i]) not in t.determiners or text[toks[i - 1].end():toks[i].start()].strip():
        return None
    last = toks[i]
    for k in range(i + 1, min(len(toks), i + 5)):
        tk = toks[k]
        low = _low(tk)
        if text[toks[k - 1].end():tk.start()].strip() or low in t.bare_blockers or low in t.name_particles \
                or low in t.prepositions or low in t.apposition_markers or low in t.verbs or low in t.complementisers \
                or low in t.coordinators or low in t.skip_words:
            break
        last = tk
    return _Surface(toks[i].start(), last.end(), "name")


def _tail_end(ctx: _Ctx, pos: int, hi: int) -> int:
    """End of the sentence holding `pos` (the segmenter knows abbreviations; a bare "." test does not)."""
    end = min(hi, max(pos, ctx.sentence(pos)[1]))
    nl = ctx.text.find("\n", pos, end)
    return nl if nl >= 0 else end


def _cue_before(ctx: _Ctx, open_pos: int, lo: int) -> tuple[_Cue | None, _Surface | None] | None:
    """A cue before an opening mark: 'Putin said: “', 'mengatakan, “', 'Putin: “' (speaker only)."""
    text, t = ctx.text, ctx.table
    index = _phrase_index(t)
    k = _near_word_end(text, max(lo, open_pos - 90), open_pos)
    if k >= 0 and _SENTENCE_STOP_RE.search(text, k, open_pos):
        return None  # the test on `trailing` below, done before tokenising ('… today. “We …')
    if k >= 0 and not index and text[k:open_pos].strip() != ":":
        return None  # with no cue words only 'Name: “…”' is found (the last test below)
    toks = _tokens(text, max(lo, open_pos - 90), open_pos)
    if not toks:
        return None
    trailing = text[toks[-1].end():open_pos]
    if _SENTENCE_STOP_RE.search(trailing):
        return None
    for back in range(1, min(len(toks), 6) + 1):
        k = len(toks) - back
        tok = toks[k]
        between = text[tok.end():toks[k + 1].start()] if back > 1 else ""
        if _BREAK_BEFORE_RE.search(between):
            return None
        entries = index.get(_low(tok))
        if not entries:
            continue
        kinds = {kind for words_, kind in entries if len(words_) == 1}
        if "participle" in kinds and back == 1 and k and \
                text[toks[k - 1].end():tok.start()].strip(" \t\u00a0") == ",":
            # '…,” the daily wrote, adding, “…”' / 'The paper took note of it, writing: “…”': the
            # speaker is the sentence's subject, else the one quoted just before (see _continues)
            ss = max(lo, ctx.sentence(tok.start())[0])
            return _Cue(tok.start(), tok.end(), "participle"), _sentence_subject(ctx, ss, tok.start())
        if "verb" not in kinds:
            continue
        cue_start = tok.start()
        if k and _low(toks[k - 1]) in t.auxiliaries and not text[toks[k - 1].end():tok.start()].strip():
            cue_start = toks[k - 1].start()
        speaker = _np_before(ctx, cue_start, lo)
        if speaker is None and back <= 2:  # 'A small group of students wrote “…”'
            speaker = _loose_np(ctx, toks, max(0, k - 5), cue_start)
        return _Cue(cue_start, tok.end(), "verb"), speaker
    if trailing.strip() == ":":
        speaker = _np_before(ctx, toks[-1].end(), lo, appos=False)
        if speaker is None and len(toks) <= 8:
            # 'He sighed: “…”', 'Trump swiped at Ryan in a series of tweets: “…”': the subject of the
            # short clause the colon closes
            ss = max(lo, ctx.sentence(toks[0].start())[0])
            if not _tokens(text, ss, toks[0].start(), 1):
                speaker = _known_speaker(ctx, _sentence_subject(ctx, ss, toks[-1].end()))
        if speaker is not None and speaker.start >= lo:
            return None, speaker
    return None


def _looks_like_title(words: list[str]) -> bool:
    """Title Case: nearly every content word capitalised (short function words don't count)."""
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    rest = len(words) - 1
    caps = lower = 0  # content words: capitalised ones, and lower-case ones longer than 3 letters
    for w in islice(words, 1, None):
        if w[:1].isupper():
            caps += 1
        elif len(w) > 3:
            lower += 1
            if 4 * lower > rest:
                return False  # even if every other word were capitalised, under 3/4 would be
    return bool(caps + lower) and caps / (caps + lower) >= 0.75


def _marker_before(ctx: _Ctx, open_pos: int) -> bool:
    """'the so-called “…”', 'film “…”': the word before the mark makes it a scare quote or title."""
    text, t = ctx.text, ctx.table
    if not t.scare_markers and not t.title_markers:
        return False
    k = _near_word_end(text, max(0, open_pos - 40), open_pos)
    if k >= 0 and text[k:open_pos].strip(" \t\u00a0:"):
        return False  # the test on the last token's end below, done before tokenising
    toks = _tokens(text, open_pos - 40, open_pos)
    if not toks or text[toks[-1].end():open_pos].strip(" \t\u00a0:"):
        return False
    last = _low(toks[-1])
    two = " ".join(_low(x) for x in toks[-2:])
    return (last in t.scare_markers or last in t.title_markers or two in t.scare_markers)


def _direct_spaced(ctx: _Ctx) -> list[dict]:
    text = ctx.text
    out: list[dict] = []
    for open_pos, close_pos, mark, multi in _pair_marks(text):
        a, b = _trim(text, open_pos + 1, close_pos)
        if b - a < 2 or b - a > MAX_QUOTE_CHARS or not _WORD_RE.search(text, a, b):
            continue
        if _marker_before(ctx, open_pos):
            continue
        short = b - a <= 80
        words = _WORD_RE.findall(text, a, b) if short else None
        if short and len(words) <= 6 and _looks_like_title(words):
            continue  # 'told NBC’s “Meet the Press”': a programme name even next to a verb of saying
        if short and len(words) == 1 and _is_cap(words[0]) and _WORD_START_RE.match(text, close_pos + 1):
            continue  # 'рассказал «Интерфаксу» директор': a quoted name the sentence runs on from
        final = text[b - 1] in _SENT_END_CHARS
        after = _cue_after(ctx, close_pos + 1, _line_end(text, close_pos), final)
        before = None if after else _cue_before(ctx, open_pos, max(_line_start(text, open_pos),
                                                                   open_pos - CUE_WINDOW))
        cue: _Cue | None = None
        surface: _Surface | None = None
        if after:
            cue, surface = after
        elif before:
            cue, surface = before
            if words is None:
                words = _WORD_RE.findall(text, a, min(b, a + 400))
            if len(words) < 4 and (cue is None or _WORD_RE.search(text, cue.end, open_pos)):
                continue  # 'menyebut kebijakan itu sebagai “reformasi”': a term, not a quotation
            if cue is not None and _embedded(ctx, cue.end, open_pos):
                # 'Dutton said the plan was “a recipe for higher bills”': a fragment inside a reported
                # clause; the reported clause is the quote (if the indirect pass finds it)
                rec = _direct_record(text, a, b, cue, surface)
                rec["_embedded"] = True
                out.append(rec)
                continue
        else:
            if words is None:
                words = _WORD_RE.findall(text, a, min(b, a + 400))
            if mark in _SINGLE_MARKS or _looks_like_title(words):
                continue
            if len(words) < MIN_UNCUED_WORDS and not (final and _second_part(ctx, out, open_pos)):
                continue
            surface = _subject_of_fragment(ctx, open_pos)
        out.append(_direct_record(text, a, b, cue, surface,
                                  inherit=surface is None and (cue is None or cue.kind == "participle")))
    out.extend(_dash_lines(ctx, out))
    return out


def _second_part(ctx: _Ctx, found: list[dict], open_pos: int) -> bool:
    """'«…», sagte Gerber. «Wir handeln vorausschauend.»': a short full sentence in quotation marks
    right after an attributed quote and its cue, on the same line, continues it."""
    if not found or found[-1]["cue_start"] is None or found[-1]["type"] != "direct":
        return False
    prev = found[-1]
    gap_from = max(prev["end"], prev["cue_end"] or 0, prev["speaker"]["end"] if prev.get("speaker") else 0)
    if prev.get("_surface") is not None:
        gap_from = max(gap_from, prev["_surface"].end)
    gap = ctx.text[gap_from:open_pos]
    return len(gap) <= 60 and "\n" not in gap and not _OPENING_MARK_RE.search(gap)


def _subject_of_fragment(ctx: _Ctx, open_pos: int) -> _Surface | None:
    """'Trump called it “one of the great miscarriages of justice”': a cue-less quotation inside a
    sentence is the words of that sentence's subject, when the subject is a known speaker (a named
    mention, a pronoun or a role); a quotation that opens its sentence has none (see _continues)."""
    text = ctx.text
    ss = ctx.sentence(open_pos)[0]
    if ss >= open_pos or not _tokens(text, max(ss, open_pos - 400), open_pos, 1):
        return None
    return _known_speaker(ctx, _sentence_subject(ctx, max(ss, open_pos - 400), open_pos))


def _known_speaker(ctx: _Ctx, subject: _Surface | None) -> _Surface | None:
    """A subject that names someone: a mention, a pronoun, a role, or a capitalised span holding a
    known entity ('Reporting collected in Boston found …' has a capital, not a speaker)."""
    if subject is None or subject.kind == "plural":
        return None
    if subject.kind == "name" and _resolve_name(ctx, subject) is None:
        return None
    return subject


def _embedded(ctx: _Ctx, cue_end: int, open_pos: int) -> bool:
    """Words other than a complementiser stand between the cue and the opening mark."""
    t = ctx.table
    return any(_low(tok) not in t.complementisers and _low(tok) not in t.skip_words
               for tok in _tokens(ctx.text, cue_end, open_pos, 8))


def _direct_record(text: str, a: int, b: int, cue: _Cue | None, surface: _Surface | None,
                   quote_type: str = "direct", inherit: bool = False) -> dict:
    return {
        "type": quote_type,
        "text": text[a:b], "start": a, "end": b,
        "cue": text[cue.start:cue.end] if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "_surface": surface,
        "_inherit": inherit,
    }


def _dash_line_starts(text: str) -> list[int]:
    """Where the words of each dialogue line start: the ends of what ``(?m)^[ \\t]{0,8}[—―–][ \\t\\u00a0]{0,3}
    (?=\\w)`` matches, found with str.find per dash (memchr speed; a regex scan for a line start visits
    every character, and most texts have few dashes). Each dash reads at most 8 characters back."""
    found: list[int] = []
    for dash in _DASHES:
        pos = text.find(dash)
        while pos >= 0:
            k = pos
            while k > 0 and pos - k < 8 and text[k - 1] in " \t":
                k -= 1
            if k == 0 or text[k - 1] == "\n":
                m = _DASH_OPEN_RE.match(text, pos)
                if m is not None:
                    found.append(m.end())
            pos = text.find(dash, pos + 1)
    found.sort()
    return found


def _dash_lines(ctx: _Ctx, found: list[dict]) -> list[dict]:
    """Dialogue lines: '— Мы не отступим, — сказал он.' / '—No cederemos —dijo el ministro.'"""
    text = ctx.text
    if not _phrase_index(ctx.table):
        return []  # every dialogue line needs a cue after it (_cue_after), and a cue-less table has none
    covered = _Spans([(q["start"], q["end"]) for q in found])
    out: list[dict] = []
    for a in _dash_line_starts(text):
        line_end = text.find("\n", a, a + MAX_QUOTE_CHARS)
        line_end = line_end if line_end >= 0 else min(len(text), a + MAX_QUOTE_CHARS)
        inner = _INNER_DASH_RE.search(text, a, line_end)
        if inner is None:
            continue
        b = inner.start() + 1 if text[inner.start()] == "," else inner.start()
        a, b = _trim(text, a, b)
        if b <= a or covered.overlaps(a, b):
            continue
        after = _cue_after(ctx, inner.end(), line_end, False)
        if after is None:
            continue
        cue, surface = after
        out.append(_direct_record(text, a, b, cue, surface))
    return out


# ----------------------------------------------------------------------------------------------
# Reported speech, spaced scripts


class _Spans:
    """Spans kept sorted, not nested, with logarithmic queries (thousands of quotes stay linear-ish)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        ordered = sorted(spans or ())
        self.starts = [a for a, _ in ordered]
        self.ends = [b for _, b in ordered]

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.ends, a)
        return i < len(self.starts) and self.starts[i] < b

    def inside(self, a: int, b: int) -> bool:
        j = bisect.bisect_right(self.starts, a) - 1
        return j >= 0 and self.ends[j] >= b

    def first_from(self, a: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.starts, a)
        return (self.starts[i], self.ends[i]) if i < len(self.starts) else None


def _indirect_spaced(ctx: _Ctx, direct: list[dict]) -> list[dict]:
    text = ctx.text
    if not _phrase_index(ctx.table):
        return []  # a cue-less table finds no cue (_find_cues): skip the span tables too
    quoted = _Spans([(q["start"] - 1, q["end"] + 1) for q in direct])
    used = _Spans([(q["cue_start"], q["cue_end"]) for q in direct if q["cue_start"] is not None])
    out: list[dict] = []
    taken = _Spans()
    for cue in _find_cues(ctx):
        if quoted.inside(cue.start, cue.end) or used.overlaps(cue.start, cue.end):
            continue
        if taken.overlaps(cue.start, cue.end):
            continue
        ss, se = ctx.sentence(cue.start)
        if not (ss <= cue.start < se):
            continue
        if text[cue.start].isupper() and text[ss:cue.start].strip():
            continue  # a capitalised cue word inside a sentence is a name or a noun ("United States")
        rec = None
        if cue.kind == "according":
            rec = _according(ctx, cue, ss, se)
        elif cue.kind == "participle":
            rec = _participle(ctx, cue, ss, se, quoted, direct, out)
        else:
            aux = None
            if _aux_possible(ctx, cue.start):
                prev = _tokens(text, max(ss, cue.start - AUX_LOOKBACK), cue.start)
                aux = _aux_before(ctx, prev[-1], cue.start) if prev else None
            if aux is not None:  # ', a indiqué la préfecture' / ', a-t-il précisé'
                cue = _Cue(aux[0], cue.end, cue.kind, aux[1] or cue.suffix)
            rec = _postposed(ctx, cue, ss, se)
            if rec is None and cue.kind == "verb" and cue.suffix is None:
                rec = _preposed(ctx, cue, ss, se, quoted)
        if rec is None or taken.overlaps(rec["start"], rec["end"]):
            continue
        out.append(rec)
        taken.add(rec["start"], rec["end"])
    return out


def _participle(ctx: _Ctx, cue: _Cue, ss: int, se: int, quoted: _Spans, direct: list[dict],
               found: list[dict]) -> dict | None:
    """'…, she wrote, adding that …' / 'The firm cut jobs, saying demand had collapsed': the speaker is
    the one already quoted in the sentence, else the sentence's subject."""
    text, t = ctx.text, ctx.table
    if not text[max(ss, cue.start - 4):cue.start].rstrip().endswith(","):
        return None
    after = _tokens(text, cue.end, min(se, cue.end + 200), 16)
    if len(after) < 3 or text[cue.end:after[0].start()].strip() or quoted.inside(after[0].start() - 1,
                                                                                   after[0].start()):
        return None
    low_verb = text[cue.start:cue.end].lower()
    clause_start = _complementiser_clause(ctx, after, cue.end, low_verb in t.object_verbs)
    if clause_start is None:
        first = _low(after[0])
        if low_verb in t.object_verbs or first in t.bare_blockers or first in t.complementisers or \
                (t.bare_finite and not _has_finite(t, text, after)):
            return None
        clause_start = after[0].start()
    speaker: _Surface | None = None
    for q in reversed(direct + found):
        if q["cue_start"] is not None and ss <= q["cue_start"] < cue.start:
            speaker = q["_surface"]
            break
    if speaker is None:
        speaker = _sentence_subject(ctx, ss, cue.start)
    if speaker is None:
        return None
    end = _clause_end(ctx, clause_start, se, False)
    return _indirect_record(ctx, clause_start, end, cue, speaker)


def _clause_end(ctx: _Ctx, a: int, se: int, stop_at_comma: bool) -> int:
    text, t = ctx.text, ctx.table
    se = min(se, a + MAX_QUOTE_CHARS)  # a runaway "sentence" (no segmentation, no stops) stays bounded
    b = se
    if stop_at_comma:
        c = text.find(",", a, se)
        if c >= 0:
            b = c
    if t.clause_cutters:
        # a trailing media attribution (", dilansir Russia Today") or a writer's addition (", which …")
        # is not part of what was said: the first cutter in [a, b), as `_cutter_re(t).search(text, a, b)`
        # finds it, but tried only where the text-wide scan saw one start
        if ctx.cutter_starts is None:
            ctx.cutter_starts = [m.start() for m in _cutter_start_re(t).finditer(text)]
        starts, cutter = ctx.cutter_starts, _cutter_re(t)
        for i in range(bisect.bisect_left(starts, a), len(starts)):
            if starts[i] >= b:
                break
            if cutter.match(text, starts[i], b) is not None:
                b = starts[i]
                break
    a2, b = _trim(text, a, b)
    while b > a2 and text[b - 1] in ".…":
        b -= 1
    return _trim(text, a2, b)[1]


def _cutter_alternatives(table: CueTable) -> str:
    alts = sorted((r"[ \t\u00a0]{1,3}".join(map(re.escape, c.split())) for c in table.clause_cutters),
                  key=len, reverse=True)
    return r",[ \t\u00a0\n]{0,3}(?:" + "|".join(alts) + ")"


@_by_table
def _cutter_re(table: CueTable) -> re.Pattern[str]:
    """', <clause cutter>' as a whole word or phrase (single spaces in the table match 1-3 blanks)."""
    return re.compile(_cutter_alternatives(table) + r"(?![\w'’-])", re.IGNORECASE)


@_by_table
def _cutter_start_re(table: CueTable) -> re.Pattern[str]:
    """`_cutter_re` without its word-end check: it matches wherever a cutter match within any end
    position could start (a match inside [pos, end) is a match in the whole text), and more."""
    return re.compile(_cutter_alternatives(table), re.IGNORECASE)


def _indirect_record(ctx: _Ctx, a: int, b: int, cue: _Cue, surface: _Surface | None) -> dict | None:
    text = ctx.text
    a, b = _trim(text, a, b)
    first = _TOKEN_RE.search(text, a, b) if b > a else None
    if first is None or not _WORD_RE.search(text, first.end(), b):
        return None  # fewer than two tokens (any word character after the first token starts a second)
    return _direct_record(text, a, b, cue, surface, quote_type="indirect")


def _postposed(ctx: _Ctx, cue: _Cue, ss: int, se: int) -> dict | None:
    """'…, kata Smirnov.' / '…, the minister said on Monday.' / '…, katanya.'"""
    text, t = ctx.text, ctx.table
    # Cheap exits first: a postposed cue has a comma shortly before it and little after it.
    if text.rfind(",", max(ss, cue.start - 120), cue.start) < 0 and text.rfind("—", max(ss, cue.start - 8),
                                                                              cue.start) < 0:
        return None
    # more than 2 * MAX_TAIL_TOKENS words after the cue on its line (no token holds a newline, so the
    # newline is looked for only up to the last token needed: a bounded search on a 1 MB line)
    after = _tokens(text, cue.end, se, 2 * MAX_TAIL_TOKENS + 1)
    if len(after) > 2 * MAX_TAIL_TOKENS and text.find("\n", cue.end, after[-1].end()) < 0:
        if text.find(",", cue.end, min(se, cue.end + 120)) < 0:
            return None
    lo = max(ss, cue.start - 8)
    before = text[lo:cue.start].rstrip()
    speaker: _Surface | None = None
    comma = -1
    if before.endswith((",", "—", "–")):
        comma = lo + len(before) - 1
        if cue.suffix:
            speaker = _Surface(cue.suffix[0], cue.suffix[1], "pronoun")
        else:
            speaker = _inverted_subject(ctx, cue.end, se)
            if speaker is None:
                # ', schrijft de inspectie in haar jaarverslag': a determiner-led phrase the tables lack
                toks = _tokens(text, cue.start, min(se, cue.end + SPEAKER_WINDOW), 12)
                i = next((k for k, tk in enumerate(toks) if tk.start() >= cue.end), None)
                if i:
                    speaker = _loose_np_after(ctx, toks, i, se)
    else:
        speaker = _np_before(ctx, cue.start, ss, appos=False) or _np_between_comma(ctx, cue.start, ss)
        if speaker is None or speaker.relative:
            return None  # ', who said …' opens a relative clause: what precedes it was not said
        lead_end = speaker.start
        for tok in reversed(_tokens(text, max(ss, speaker.start - 60), speaker.start)[-4:]):
            low = _low(tok)
            if text[tok.end():lead_end].strip() or low in t.verbs or low in t.complementisers or \
                    low in t.coordinators:
                break
            if low in t.person_roles or low in t.determiners or low in t.org_nouns or not _is_cap(tok.group()):
                lead_end = tok.start()  # ', union secretary Jack Liu wrote': a title before the name
            else:
                break
        lead = text[ss:lead_end].rstrip()
        if not lead.endswith(","):
            return None
        comma = ss + len(lead) - 1
    if speaker is None:
        return None
    tail_from = max(cue.end, speaker.end, speaker.appos_end or 0)
    if tail_from > se:
        return None  # the cue runs past the sentence's end (a boundary inside the word): not this sentence's
    tail_end = _tail_end(ctx, tail_from, se)
    first_comma = text.find(",", tail_from, tail_end)
    tail = _tokens(text, tail_from, first_comma if first_comma >= 0 else tail_end, MAX_TAIL_TOKENS + 1)
    if len(tail) > MAX_TAIL_TOKENS or (tail and not _adverbial_start(t, text, tail_from, tail[0])):
        return None  # '…, Brazile insisted she did nothing wrong.' has a complement: not postposed
    head = _tokens(text, ss, comma, 1)
    if not head or _low(head[0]) in t.subordinators or _low(head[0]) in t.bare_blockers and \
            _low(head[0]) not in t.determiners:
        return None  # 'Despite the evidence, Brazile insisted …': the part before the comma is adverbial
    if text.startswith((":", "“", "\"", "«", "„"), _WS_RE.match(text, tail_from, tail_end).end(), tail_end):
        return None  # (no slice of the tail: on a 1 MB unsegmented line it would copy the rest each time)
    if cue.suffix is None and speaker.start > cue.start and speaker.kind != "mention" and not speaker.name \
            and _np_before(ctx, cue.start, ss) is not None:
        return None  # 'X, an adviser to Y, said …': an apposition closes there, the subject is X
    rec = _indirect_record(ctx, ss, comma, cue, speaker)
    if rec is not None:
        rec["end"] = _clause_end(ctx, rec["start"], rec["end"], False)
        rec["text"] = text[rec["start"]:rec["end"]]
    return rec


def _np_between_comma(ctx: _Ctx, pos: int, ss: int) -> _Surface | None:
    """', the Federal Reserve’s Beige Book survey said': a short verbless phrase between a comma and
    the cue, opened by a determiner or a capital, is the speaker even when no word of it is listed."""
    text, t = ctx.text, ctx.table
    comma = text.rfind(",", max(ss, pos - 80), pos)
    if comma < 0:
        return None
    toks = _tokens(text, comma + 1, pos, 8)
    while toks and _skippable(t, _low(toks[-1])):
        toks.pop()
    if not 1 <= len(toks) <= 7 or _CLAUSE_BREAK_RE.search(text, comma + 1, toks[-1].end()):
        return None
    first = toks[0]
    if _low(first) not in t.determiners and not _is_cap(first.group()):
        return None
    if any(_low(x) in t.verbs or _low(x) in t.complementisers or _low(x) in t.coordinators
           or _low(x) in t.bare_finite for x in toks):
        return None
    return _Surface(first.start(), toks[-1].end(), "name")


def _adverbial_start(t: CueTable, text: str, pos: int, tok: re.Match[str]) -> bool:
    """Whether what follows a postposed cue and its speaker is only circumstance ('on Monday', 'kepada')."""
    if text[pos:tok.start()].strip(" \t\u00a0") in (",", "—", "–", "(", ", —"):
        return True
    low = _low(tok)
    # '…, said a spokesman for the ministry' / 'dijo un portavoz de la Guardia Civil': the speaker's complement
    return (low in t.bare_blockers and low not in t.determiners) or low in t.skip_words or \
        low in t.name_particles or low in t.prepositions or low.startswith(_ELIDED_DE)


def _preposed(ctx: _Ctx, cue: _Cue, ss: int, se: int, quoted: _Spans) -> dict | None:
    """'Putin menyatakan bahwa …' / 'The ministry said on Monday that …' / 'Er sagte, die Lage sei …'"""
    text, t = ctx.text, ctx.table
    cue_start = cue.start
    if _aux_possible(ctx, cue.start):
        prev = _tokens(text, cue.start - AUX_LOOKBACK, cue.start)
        if prev and _low(prev[-1]) in t.auxiliaries and not text[prev[-1].end():cue.start].strip():
            cue_start = prev[-1].start()
    after = _tokens(text, cue.end, min(se, cue.end + 200), 16)
    if not after:
        return None
    gap = text[cue.end:after[0].start()]
    if gap.strip(" \t\u00a0,:") or quoted.inside(after[0].start() - 1, after[0].start()) or \
            _OPENING_MARK_RE.search(gap):
        return None
    low_verb = text[cue.start:cue.end].lower()
    clause_start = _complementiser_clause(ctx, after, cue.end, low_verb in t.object_verbs)
    marked = clause_start is not None
    if clause_start is None:
        if not t.bare_complement or low_verb in t.object_verbs and t.language == "en":
            return None
        if t.bare_requires and "," not in gap:
            # 'sagte der Deutschen Presse-Agentur, die Bahn habe …', 'schrieb in einer ersten
            # Einschätzung, die SNB habe …': an object or adverbial before the comma
            k = next((i for i in range(1, min(len(after), 8))
                      if "," in text[after[i - 1].end():after[i].start()]), 0)
            if k and not _CLAUSE_BREAK_RE.search(text, cue.end, after[k].start()) and not any(
                    _low(x) in t.verbs or _low(x) in t.bare_requires or _low(x) in t.complementisers
                    for x in after[:k]):
                after, gap = _tokens(text, after[k].start(), min(se, after[k].start() + 200), 16), ","
        skip = _leading_time(t, after)
        if skip and len(after) > skip + 3 and not _CLAUSE_BREAK_RE.search(text, after[0].end(), after[skip].start()):
            after = after[skip:]  # 'Obama said Tuesday the version …'
        first = _low(after[0])
        if first in t.bare_blockers or first in t.complementisers or first in t.verbs or \
                first in t.post_verbs or len(after) < 3:
            return None
        if t.bare_requires:
            if "," not in gap or not any(_low(x) in t.bare_requires for x in after[:15]):
                return None
        if t.bare_finite and not _has_finite(t, text, after):
            return None
        clause_start = after[0].start()
    # after the clause test: most cue words report nothing
    speaker = _np_before(ctx, cue_start, ss)
    if speaker is None and (marked or _low(after[0]) in t.person_pronouns or _low(after[0]) in t.plural_pronouns):
        # an unlisted subject only with a marked clause ('… stated that', '… said they were'): 'The
        # researchers observed crystals formed …' reports nothing
        speaker = _subject_phrase(ctx, ss, cue_start)
    if speaker is None:
        return None
    first_tok = _TOKEN_RE.search(text, ss, ss + 40)
    in_subordinate = speaker.relative or first_tok is not None and _low(first_tok) in t.subordinators and \
        text.find(",", ss, cue.start) < 0
    end = _clause_end(ctx, clause_start, se, in_subordinate)
    rec = _indirect_record(ctx, clause_start, end, _Cue(cue_start, cue.end, "verb"), speaker)
    if rec is not None:
        # 'He said: “…”' is already a direct quote; a clause that only wraps one adds nothing.
        inner = quoted.first_from(rec["start"] - 1)
        if inner is not None and inner[0] <= rec["start"] + 1 and inner[1] <= rec["end"] + 2:
            return None
    return rec


def _subject_phrase(ctx: _Ctx, ss: int, verb_start: int) -> _Surface | None:
    """'Other members of the community stated …', 'Mrs. Clinton's aides noted that …': everything from
    the sentence start to the verb is the subject when it is a short noun phrase (no verb, clause word
    or punctuation in it), even if none of its words is listed as a role."""
    text, t = ctx.text, ctx.table
    if not t.bare_blockers:
        return None  # without a list of prepositions 'Tijdens zijn speech zei hij …' would pass for a subject
    toks = _tokens(text, ss, verb_start, 10)
    if not 1 <= len(toks) <= 8 or toks[-1].end() > verb_start or text[ss:toks[0].start()].strip():
        return None
    k0 = 1 if _low(toks[0]) in t.coordinators and len(toks) > 1 else 0  # 'And regulators say …'
    for k in range(k0, len(toks)):
        tk = toks[k]
        low = _low(tk)
        if k > k0 and not _joined(text, toks[k - 1], tk):
            return None
        if low in t.verbs or low in t.post_verbs or low in t.complementisers or low in t.subordinators \
                or low in t.bare_finite or low in t.relative_pronouns or low in t.participles \
                or (low in t.apposition_markers and low not in t.determiners) \
                or (k > k0 and len(low) > 4 and bool(t.bare_finite_suffixes) and low.endswith(t.bare_finite_suffixes)):
            return None
    if text[toks[-1].end():verb_start].strip() or _low(toks[-1]) in t.skip_words:
        return None
    first = toks[k0]
    if _low(first) in _function_words(t) and _low(first) not in t.determiners or _low(first) in t.bare_blockers:
        return None
    return _Surface(first.start(), toks[-1].end(), "name")


def _complementiser_clause(ctx: _Ctx, after: list[re.Match[str]], cue_end: int, object_verb: bool
                           ) -> int | None:
    """Where the clause starts after 'said (in a statement on Monday) that', or None.

    Words between the verb and the complementiser must be an adverbial (a preposition or time word
    first) or, for verbs with an addressee, the addressee ('told reporters that'); otherwise 'that' is
    a relative pronoun ('wrote the book that changed …') and nothing is reported.
    """
    text, t = ctx.text, ctx.table
    for k, tok in enumerate(after[:12]):
        low = _low(tok)
        elided = None
        if t.elided_complementisers and low.startswith(t.elided_complementisers):
            elided = next(e for e in t.elided_complementisers if low.startswith(e))
            if len(low) == len(elided):
                elided = None
        if low in t.complementisers or elided:
            between = text[after[0].start() if k else cue_end:tok.start()]
            if _CLAUSE_BREAK_RE.search(between):
                return None
            if k and t.bare_blockers and not object_verb:
                first = _low(after[0])
                if first not in t.bare_blockers and first not in t.skip_words and not _is_cap(after[0].group()):
                    return None
            return tok.start() + len(elided) if elided else tok.end()
        if k and text[after[k - 1].end():tok.start()].strip(" \t\u00a0,"):
            return None
    return None


def _leading_time(t: CueTable, after: list[re.Match[str]]) -> int:
    """How many tokens of a leading time adverbial ('Tuesday', 'on Monday', 'last week') to skip."""
    for n in range(1, min(4, len(after)) + 1):
        if _low(after[n - 1]) in t.time_nouns:
            return n
        if _low(after[n - 1]) not in t.time_modifiers:
            return 0
    return 0


def _has_finite(t: CueTable, text: str, after: list[re.Match[str]]) -> bool:
    """A finite verb among the first words of a bare complement, before any clause break."""
    for k, tok in enumerate(after[:12]):
        if k and _CLAUSE_BREAK_RE.search(text, after[k - 1].end(), tok.start()):
            return False
        low = _low(tok)
        if k and (low in t.coordinators or low in t.complementisers or
                  (low in t.apposition_markers and low not in t.determiners)):
            return False  # 'denied the charges and left', 'wrote the book that changed': not a clause
        if low in t.bare_finite or low.endswith(("n't", "n’t")):
            return True
        if k and len(low) > 4 and low.endswith(t.bare_finite_suffixes):
            return True
        if k and t.present_suffix and low.endswith(t.present_suffix) and not low.endswith(("'s", "’s", "ss")) \
                and (_low(after[k - 1]) in t.person_pronouns or _low(after[k - 1]) in t.plural_pronouns
                     or _is_cap(after[k - 1].group()) and k > 1):
            return True  # "said it expects", "said Donald Trump poses"
    return False


def _according(ctx: _Ctx, cue: _Cue, ss: int, se: int) -> dict | None:
    """'Menurut Smirnov, …' / '…, according to the ministry.' / 'Laut Polizei wurden …'"""
    text, t = ctx.text, ctx.table
    lead = text[ss:cue.start].strip()
    speaker = _np_after(ctx, cue.end, se)
    comma = text.find(",", cue.end, min(se, cue.end + 80))
    if speaker is None and comma >= 0:
        # 'Selon la préfecture,' / 'По словам губернатора,': whatever stands before the comma is the source
        head = _tokens(text, cue.end, comma, 6)
        if 0 < len(head) <= 5 and not text[cue.end:head[0].start()].strip():
            speaker = _Surface(head[0].start(), head[-1].end(), "name")
    if speaker is None:
        return None
    if speaker.kind in ("name", "person") and not speaker.name:
        named = _apposed_person(ctx, speaker.start, se)
        if named is not None and "," in text[speaker.start:named.start]:
            speaker.name, speaker.appos_end = named.name, named.end  # 'Selon le préfet du Nord, Jean Dupuis,'
    if not lead or (lead.endswith(",") and len(_tokens(text, ss, cue.start, 3)) <= 2):
        subject_end = max(speaker.end, speaker.appos_end or 0)  # 'Selon le préfet du Nord, Jean Dupuis,'
        comma = text.find(",", subject_end, min(se, subject_end + 80))
        if comma >= 0 and len(_tokens(text, subject_end, comma, 7)) <= 6:
            a = comma + 1
        elif speaker.kind != "name" or t.language == "de":
            a = speaker.end  # verb-second languages need no comma: 'Volgens de politie raakten …'
        else:
            return None
        return _indirect_record(ctx, a, _clause_end(ctx, a, se, False), cue, speaker)
    if lead.endswith(",") or len(_tokens(text, speaker.end, se, 3)) <= 2:
        tail = _tokens(text, speaker.end, _tail_end(ctx, speaker.end, se), MAX_TAIL_TOKENS + 1)
        if len(tail) > MAX_TAIL_TOKENS:
            return None
        b = ss + len(text[ss:cue.start].rstrip().rstrip(","))
        return _indirect_record(ctx, ss, b, cue, speaker)
    return None


# ----------------------------------------------------------------------------------------------
# Scripts without spaces (ja, zh)


@_by_table
def _unspaced_res(table: CueTable) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    verbs = "|".join(map(re.escape, sorted(table.unspaced_verbs, key=len, reverse=True)))
    particle = re.escape(table.unspaced_quote_particle)
    stop = r"[^。！？!?\n“”「」『』\"]"
    # the cue after a closing mark is on the same line: '」\n他指出' starts a new paragraph
    after = re.compile(r"[ \t\u3000]{0,2}" + (particle + r"[、，,]?" if particle else r"[，,]?")
                       + f"({stop}{{0,20}}?)({verbs})")
    before = re.compile(f"({verbs})[：:，,]?\\s{{0,2}}$")
    cue = re.compile(particle + f"({verbs})" if particle else f"({verbs})[，,：:]")
    return after, before, cue


def _cjk_np_before(ctx: _Ctx, pos: int, lo: int) -> _Surface | None:
    text, t = ctx.text, ctx.table
    m = ctx.by_end.get(pos)
    if m is not None:
        return _Surface(m.start, m.end, "mention", m.name)
    a = pos
    while a > lo and pos - a < 16 and text[a - 1] not in _CJK_STOP:
        a -= 1
    for p in t.unspaced_topic_particles:
        if text.startswith(p, pos - len(p)):
            return _cjk_np_before(ctx, pos - len(p), lo)
    if a >= pos:
        return None
    word = text[a:pos]
    kind = "pronoun" if word in t.person_pronouns else "name"
    return _Surface(a, pos, kind)


def _cjk_subject(ctx: _Ctx, ss: int, pos: int) -> _Surface | None:
    """The subject opening a clause that ends with a verb at `pos` ('台北市長林志明12日視察…時表示'):
    the name the clause opens with, else the words right before the verb."""
    if pos not in ctx.by_end:
        text, t = ctx.text, ctx.table
        a = pos
        while a > ss and pos - a < 40 and text[a - 1] not in _CJK_STOP:
            a -= 1
        pronoun = next((p for p in t.person_pronouns if text.startswith(p, a)), None)
        if pronoun is not None and not text[a + len(pronoun):pos].startswith(t.unspaced_roles):
            return _Surface(a, a + len(pronoun), "pronoun")  # '他还表示': the pronoun, not '他还'
        found = _cjk_name(ctx, a, pos)
        if found is not None:
            return _Surface(found[0], found[1], "name", found[2])
    return _cjk_np_before(ctx, pos, ss)


def _cjk_name(ctx: _Ctx, a: int, b: int) -> tuple[int, int, str] | None:
    """The name in a CJK subject phrase, without the description before it, the time and place
    words after it and its title: '記者会見した山口隆之社長' → 山口隆之, '国家发展改革委副主任李志强在
    发布会上' → 李志强, '深圳市消费者委员会近日发布报告' → 深圳市消费者委员会. A surname with a title
    ('佐藤投手') becomes the full name written earlier with a title ('佐藤翔太投手'). Returns the span
    of the subject as written (title included) and the name; None for a back reference ('同相',
    '该委员会') or a bare title ('首相').
    """
    text, t = ctx.text, ctx.table
    if b - a > 60 or b - a < 2:
        return None
    seg = text[a:b]
    end = len(seg)
    for bracket in "（(":  # '山田花子さん（72）': an age or an affiliation in brackets
        k = seg.find(bracket)
        if k > 0:
            end = min(end, k)
    roles, openers = _cjk_roles(t), _cjk_openers(t)
    # a title written in kana ('さん') is no description before the name
    tail = _role_ending(roles, seg, 0, end, 0) or ""
    start = 0
    for k in range(end - len(tail) - 1, -1, -1):
        if seg[k] in openers:
            start = k + 1
            break
    if start and seg[start:end] in roles[1] and seg[start - 1] in openers:
        # '岩田製作所の広報担当者': a title with no name speaks for whoever the title belongs to
        return _cjk_name(ctx, a, a + start - 1)
    m = _CJK_TIME_RE.search(seg, start)
    if m is not None and m.start() > start:
        end = m.start()
    for closer in t.unspaced_name_closers:
        k = seg.find(closer, start + 1, end)
        if k >= 0:
            end = k
    if end - start < 2 or seg.startswith(t.unspaced_back_references, start):
        return None
    n0, n1 = start, end
    role = _role_ending(roles, seg, n0, n1, 2)
    if role is not None:
        n1 -= len(role)
    after_title = next((p for p in range(n1 - 1, max(n0, n1 - 5), -1)
                        if _role_ending(roles, seg, n0, p, 0) is not None), -1)
    if after_title > n0 and (n1 - after_title >= 2 or role in _FORMS_OF_ADDRESS):
        n0 = after_title  # '副主任李志强', '市長林志明', '市民张女士': the title before the name
    if role in _FORMS_OF_ADDRESS and n1 - n0 == 1:
        n1 += len(role)  # '张女士': a surname with a form of address is how the text names the person
    name = seg[n0:n1]
    if name in t.person_roles or name in t.org_nouns or name in t.person_pronouns:
        return None  # '首相は', '政府が': a bare title or body, no name
    if role is not None and len(name) <= 2:
        # '佐藤投手' after '佐藤翔太投手': the given name is in the earlier, fuller mention
        i, tries = text.find(name, 0, a), 0
        while i >= 0 and tries < 8:
            for extra in (1, 2, 3):
                tail = i + len(name) + extra
                if any(text[tail:tail + n] in roles[1] for n in roles[2]) and \
                        not any(ch in _CJK_STOP for ch in text[i:tail]):
                    name = text[i:tail]
                    break
            else:
                i, tries = text.find(name, i + 1, a), tries + 1
                continue
            break
    return a + start, a + end, name


@_by_table
def _cjk_roles(t: CueTable) -> tuple[tuple[str, ...], frozenset[str], tuple[int, ...]]:
    """Titles longest first (so '副主任' is found before '主任'), as a set, and their lengths."""
    ordered = tuple(sorted(set(t.unspaced_roles), key=len, reverse=True))
    return ordered, frozenset(ordered), tuple(sorted({len(r) for r in ordered}, reverse=True))


@_by_table
def _cjk_openers(t: CueTable) -> frozenset[str]:
    """Single characters that end a description before a name (multi-character entries: last char)."""
    return frozenset(o[-1] for o in t.unspaced_name_openers if o)


def _role_ending(roles: tuple[tuple[str, ...], frozenset[str], tuple[int, ...]], seg: str, lo: int, hi: int,
                 min_left: int) -> str | None:
    """The longest title ending at `hi` that leaves at least `min_left` characters after `lo`."""
    for n in roles[2]:
        if hi - n - lo >= min_left and seg[hi - n:hi] in roles[1]:
            return seg[hi - n:hi]
    return None


def _cjk_topic(ctx: _Ctx, ss: int, limit: int) -> tuple[_Surface | None, int]:
    """Japanese 'Xは、…': the topic before は/が and where the content starts after it."""
    text, t = ctx.text, ctx.table
    for k in range(ss, min(limit, ss + 40)):
        if text[k] in t.unspaced_topic_particles and k > ss:
            surface = _cjk_np_before(ctx, k, ss)
            start = k + 1
            while start < limit and text[start] in "、，, ":
                start += 1
            return surface, start
        if text[k] in _CJK_STOP and text[k] not in "、，,":
            break  # '試合後、佐藤投手は': a leading adverbial set off by a comma comes before the topic
    return None, ss


def _direct_unspaced(ctx: _Ctx) -> list[dict]:
    text, t = ctx.text, ctx.table
    after_re, before_re, _ = _unspaced_res(t)
    out: list[dict] = []
    for open_pos, close_pos, mark, _multi in _pair_marks(text):
        a, b = _trim(text, open_pos + 1, close_pos)
        if b - a < 2 or b - a > MAX_QUOTE_CHARS or not _WORD_RE.search(text, a, b):
            continue
        prefix = text[max(0, open_pos - 4):open_pos]
        if any(prefix.endswith(w) for w in t.scare_markers | t.title_markers):
            continue
        ss, se = ctx.sentence(open_pos)
        cue: _Cue | None = None
        surface: _Surface | None = None
        m = after_re.match(text, close_pos + 1, min(len(text), close_pos + 1 + CUE_WINDOW))
        if m and text[b - 1] in "。！？!?" and not t.unspaced_quote_particle and \
                before_re.search(text, max(ss, open_pos - CUE_WINDOW), open_pos):
            m = None  # '李志强说：“…。”他还表示，…': a closed sentence; the verb after opens the next one
        if m:
            cue = _Cue(m.start(2), m.end(2), "verb")
            middle_a, middle_b = _trim(text, m.start(1), m.end(1))
            mid = text[middle_a:middle_b].strip("、，, ")
            if mid and (not t.unspaced_topic_particles or mid.endswith(t.unspaced_topic_particles)
                        or middle_b in ctx.by_end):
                # '」と佐藤投手は語った'; '」と笑顔で語った' is an adverbial: the speaker is the topic
                surface = _cjk_np_before(ctx, middle_b, middle_a)
            else:
                surface, _ = _cjk_topic(ctx, ss, open_pos)
        else:
            lo = max(ss, open_pos - CUE_WINDOW)
            mb = before_re.search(text, lo, open_pos)
            if mb:
                cue = _Cue(mb.start(1), mb.end(1), "verb")
                surface = _cjk_subject(ctx, ss, mb.start(1))
            elif b - a < MIN_UNCUED_CJK_CHARS or mark in "‘’'\"":
                continue
        out.append(_direct_record(text, a, b, cue, surface, inherit=cue is None))
    return out


def _indirect_unspaced(ctx: _Ctx, direct: list[dict]) -> list[dict]:
    text, t = ctx.text, ctx.table
    _, _, cue_re = _unspaced_res(t)
    quoted = _Spans([(q["start"] - 1, q["end"] + 1) for q in direct])
    used = _Spans([(q["cue_start"], q["cue_end"]) for q in direct if q["cue_start"] is not None])
    out: list[dict] = []
    for ss, se in zip(ctx.sent_starts, ctx.sent_ends):
        if quoted.overlaps(ss, se) and t.unspaced_quote_particle:
            continue
        rec = _according_unspaced(ctx, ss, se)
        if rec is None:
            m = cue_re.search(text, ss, se)
            if m is None or used.overlaps(m.start(1), m.end(1)) or quoted.inside(m.start(), m.end()):
                continue
            cue = _Cue(m.start(1), m.end(1), "verb")
            if t.unspaced_quote_particle:  # ja: 'Xは、<content>と述べた。'
                surface, a = _cjk_topic(ctx, ss, m.start())
                b = m.start()
            else:  # zh: 'X表示，<content>。'
                surface = _cjk_subject(ctx, ss, m.start(1))
                a, b = m.end(), se
            if surface is None:
                continue
            a, b = _trim(text, a, b)
            while b > a and text[b - 1] in "。.！!":
                b -= 1
            if b - a < 4 or quoted.overlaps(a, b):
                continue
            rec = _direct_record(text, a, b, cue, surface, quote_type="indirect")
        out.append(rec)
    return out


def _according_unspaced(ctx: _Ctx, ss: int, se: int) -> dict | None:
    """'Xによると、…' (ja) and '据X称，…' (zh)."""
    text, t = ctx.text, ctx.table
    for prefix, suffix in t.unspaced_according:
        k = text.find(suffix, ss, min(se, ss + 40))
        if k < 0 or (prefix and not text.startswith(prefix, ss)):
            continue
        sp_a = ss + len(prefix)
        surface = _cjk_np_before(ctx, k, sp_a)
        if surface is None:
            continue
        a = k + len(suffix)
        while a < se and text[a] in "、，,：: ":
            a += 1
        b = se
        while b > a and text[b - 1] in "。.！! ":
            b -= 1
        for ending in ("という", "とのことだ", "としている"):
            if text.endswith(ending, a, b):
                b -= len(ending)
        if b - a < 4:
            continue
        cue_a = ss if prefix else k
        cue_b = ss + len(prefix) if prefix else k + len(suffix)
        return _direct_record(text, a, b, _Cue(cue_a, cue_b, "according"), surface, quote_type="indirect")
    return None


# ----------------------------------------------------------------------------------------------
# Speaker resolution


def _speaker_dict(ctx: _Ctx, s: _Surface | None) -> dict | None:
    if s is None:
        return None
    return {"text": ctx.text[s.start:s.end], "start": s.start, "end": s.end,
            "name": _canonical(ctx, _resolve(ctx, s))}


_COMPATIBLE = {
    "pronoun": ("person",),
    "plural": ("organisation",),  # 'they'/'mereka': the last organisation or group, else a person
    "person": ("person",),
    "organisation": ("organisation",),
}


def _resolve(ctx: _Ctx, s: _Surface) -> str | None:
    if s.kind == "mention" or s.name:
        return s.name
    if s.kind == "name":
        name = _resolve_name(ctx, s)
        if name is None and ctx.table.unspaced:
            found = _cjk_name(ctx, s.start, s.end)
            name = found[2] if found is not None else None
        elif name is None:
            role = _description_head(ctx, s)
            if role is not None:
                # 'ha sottolineato il magistrato', 'remarcó el técnico': a role noun the table lacks
                return _resolve(ctx, _Surface(s.start, s.end, "person", role=role))
            name = _written_name(ctx, s)
        return name
    types = _COMPATIBLE.get(s.kind)
    if not types:
        return None
    if s.kind == "person" and s.role in ctx.table.spokesperson_roles:
        # 'a spokeswoman said': the words are the organisation's, the last one named before
        org = _resolve(ctx, _Surface(s.start, s.end, "organisation"))
        if org is not None:
            return org
    i = bisect.bisect_left(ctx.mention_starts, s.start)
    nearest: _Mention | None = None
    role = s.role
    gender = _pronoun_gender(ctx, s) if s.kind == "pronoun" else None
    unknown_seen: set[str] = set()
    for k in range(i - 1, max(-1, i - 400), -1):
        m = ctx.mentions[k]
        if m.end > s.start or m.type not in types:
            continue
        if gender is not None and not role:
            # 'she said' after a paragraph about Mr. Smith and Ms. Jones: Jones. A person of unknown
            # gender is taken only when no one of the pronoun's gender is among the last few people.
            g = _gender_of(ctx, m.name)
            if g == gender:
                return m.name
            if g is None:
                if nearest is None:
                    nearest = m
                unknown_seen.add(m.name)
                if len(unknown_seen) >= GENDER_LOOKBACK:
                    break
            continue
        if nearest is None:
            nearest = m
            if not role:
                break
        if role and _has_role(ctx, m, role):
            return m.name
    if nearest is None and s.kind == "plural":
        return _resolve(ctx, _Surface(s.start, s.end, "pronoun"))
    return nearest.name if nearest else None


def _written_name(ctx: _Ctx, s: _Surface) -> str | None:
    """A capitalised name the entity finder missed ('la Xunta', 'Feuerwehr Dresden'), as written
    without its article; None when any word could be something else (a pronoun, a sentence's
    first function word, a title)."""
    t = ctx.table
    toks = _tokens(ctx.text, s.start, s.end, 7)
    if toks and _low(toks[0]) in t.determiners:
        toks = toks[1:]
    if not toks or len(toks) > 5 or not _is_cap(toks[0].group()) or not _is_cap(toks[-1].group()):
        return None
    stop = _function_words(t)
    for tk in toks:
        low = _low(tk)
        if low in stop or low in t.person_pronouns or low in t.plural_pronouns or low in t.verbs \
                or (_is_cap(tk.group()) is False and low not in t.name_particles) \
                or (_role_word(t, tk.group()) and len(toks) == 1):
            return None
    return _canonical(ctx, ctx.text[toks[0].start():toks[-1].end()])


def _description_head(ctx: _Ctx, s: _Surface) -> str | None:
    """The head noun of a short description led by a determiner ('el técnico', 'il magistrato'),
    when it names no organisation; None for anything else (names, titles of works …)."""
    t = ctx.table
    toks = _tokens(ctx.text, s.start, s.end, 5)
    if not 2 <= len(toks) <= 4 or _low(toks[0]) not in t.determiners:
        return None
    rest = toks[1:]
    if any((_is_cap(tk.group()) and not t.capitalised_nouns) or _low(tk) in t.org_nouns
           or tk.start() in ctx.by_start for tk in rest):
        return None
    return _low(rest[-1])


def _pronoun_gender(ctx: _Ctx, s: _Surface) -> str | None:
    low = ctx.text[s.start:s.end].lower()
    t = ctx.table
    if low in t.feminine_pronouns:
        return "f"
    if low in t.masculine_pronouns:
        return "m"
    return None


def _gender_of(ctx: _Ctx, name: str) -> str | None:
    """An entity's gender when some mention of it tells: a title or gendered role word just before it
    ('Mrs. Clinton', 'Frau Merkel', 'la présidenta Sheinbaum'), a given name used for one gender
    only, or a gendered surname ending (Захарова). Unknown (None) when its mentions say nothing or
    disagree."""
    if ctx.genders is None:
        ctx.genders = _entity_genders(ctx)
    return ctx.genders.get(name)


def _entity_genders(ctx: _Ctx) -> dict[str, str]:
    text, t = ctx.text, ctx.table
    votes: dict[str, set[str]] = {}
    for m in ctx.mentions:
        if m.type != "person":
            continue
        found = votes.setdefault(m.name, set())
        prev = _tokens(text, m.start - 24, m.start)
        if prev and not text[prev[-1].end():m.start].strip(" \t\u00a0."):
            title = _low(prev[-1])
            if title in t.feminine_titles:
                found.add("f")
            elif title in t.masculine_titles:
                found.add("m")
        for words_ in (m.text.split(), m.name.split()):
            if len(words_) > 1:
                first = words_[0].lower()
                if first in FEMININE_GIVEN:
                    found.add("f")
                elif first in MASCULINE_GIVEN:
                    found.add("m")
            last = words_[-1].lower() if words_ else ""
            if len(last) > 4 and t.feminine_surname_suffixes:
                if last.endswith(t.feminine_surname_suffixes):
                    found.add("f")
                elif last.endswith(t.masculine_surname_suffixes):
                    found.add("m")
    return {name: next(iter(g)) for name, g in votes.items() if len(g) == 1}


def _has_role(ctx: _Ctx, m: _Mention, role: str) -> bool:
    """The role word stands in the mention's title ('Gubernur Aleksey Smirnov') or apposition."""
    key = (m.start, m.end, role)
    hit = ctx.roles_seen.get(key)
    if hit is None:
        # A role word among the lower-cased words around the mention is also a substring of the
        # lower-cased text there (which lowers each letter as those words do, save a capital sigma or
        # 'İ'; a role spelled without 'σ', 'ς' or a combining dot comes from neither): one str.find
        # rules out most mentions before the words are split out.
        hit = ctx.roles_seen[key] = (
            (not _LOWER_CONTEXT_CHARS.isdisjoint(role)
             or _lower_text(ctx).find(role, max(0, m.start - 40), m.end + 80) >= 0)
            and _role_near(ctx.text, m, role))
    return hit


# Letters whose source `_same_length_lower` may lower otherwise than str.lower on a slice does: a capital
# sigma (its lower case depends on the letters around it) and the dot of 'İ' (kept as 'İ' there)
_LOWER_CONTEXT_CHARS = frozenset("σς\u0307")


def _role_near(text: str, m: _Mention, role: str) -> bool:
    before = text[max(0, m.start - 40):m.start].lower()
    after = text[m.end:m.end + 80].lower()
    after = after.split(".")[0]
    return role in before.split()[-3:] or role in _WORD_RE.findall(after)[:8]


def _resolve_name(ctx: _Ctx, s: _Surface) -> str | None:
    """A capitalised span the entity finder did not mark: match it to a known entity by mention text."""
    surface = ctx.text[s.start:s.end]
    inside = [m for m in ctx.mentions if s.start <= m.start and m.end <= s.end]
    if inside:
        return inside[-1].name
    i = bisect.bisect_right(ctx.mention_starts, s.start)
    for m in ctx.mentions[max(0, i - 3):i]:
        if m.start <= s.start and s.end <= m.end and m.type in ("person", "organisation"):
            return m.name  # 'Laut Polizeisprecherin Anna Weiß' found as one entity
    for m in ctx.mentions:
        if m.text == surface or m.name == surface:
            return m.name
    short = surface.split()
    if 0 < len(short) <= 2 and all(_is_cap(w) for w in short):
        # 'Rafael' / 'Кравцова' for a person named in full earlier
        i = bisect.bisect_left(ctx.mention_starts, s.start)
        for k in range(i - 1, max(-1, i - 200), -1):
            m = ctx.mentions[k]
            if m.type == "person" and len(m.name.split()) > len(short) and \
                    all(any(_same_word(w, x) for x in m.name.split()) for w in short):
                return m.name
    return None
