"""Sentence segmentation stage.

Owns splitting an article body into sentences with exact ``str`` offsets:
``segment_sentences(body, language) -> [{"start", "end", "text"}, ...]`` where
``body[start:end] == text``, spans are in order, never overlap, carry no leading or trailing
whitespace, and together cover every non-whitespace character of the body.

The statistical/rule work of deciding "is this full stop a boundary" is delegated to
``sentencex`` (Wikimedia's multilingual segmenter, per-language abbreviation lists). Its output is
used only as one vote per candidate boundary; this module owns the candidates themselves and a
small set of news-oriented corrections that sentencex gets wrong:

* every line or paragraph break ends a sentence (headlines, datelines, bylines have no final stop);
* a stop glued to the next character ("CNBC.NEWS", "J.-C.", "asp?id=") is never a boundary;
* honorifics, initials and prefix abbreviations (Tn., Ny., Dr., Prof., H., No., Jl., M., Sr.)
  never end a sentence, nor does a stop followed by a lowercase word or by , ; : );
* German-style ordinals ("am 3. Oktober") are not boundaries;
* a stop after a plain word followed by a number ("... tahun lalu. 2024 menjadi ...") is a boundary;
* CJK ideographic stops (。！？) end a sentence without needing a following space;
* closing quotes/brackets after the stop stay with the sentence they close, and a quote followed
  by a lowercase reporting clause (“…!” kata dia.) is one sentence;
* sentencex silences every boundary it believes to be inside a quotation, so one stray quote mark
  can merge a whole paragraph; its vote is taken on a quote-free copy of the line instead, and
  quotations are judged here (split inside them except for languages whose convention keeps a
  multi-sentence quotation whole: id, ms, fr, ar).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Final

import sentencex

from workers.nlp.langtag import base_language

__all__ = ["segment_sentences"]

# sentencex's quote tracking is quadratic in the number of unbalanced curly quotes in one call
# (measured: 40k "“" marks take ~0.5 s, 220 KB of text with one open quote per sentence ~0.7 s),
# so it never sees more than this many characters at once. Real paragraphs are far shorter, so
# the window only changes behaviour on hostile or malformed input.
_SX_WINDOW: Final = 4000

# Every break str.splitlines knows ends a line, hence a sentence (incl. \x1c-\x1e, \x85, U+2028/9).
_LINE_BREAKS: Final = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

# “ ‘ « close quotations in German/Czech („…“) and reversed-guillemet styles (»…«).
_CLOSERS: Final = "\"'”’»›“‘«」』）)\\]】》〉〕｝}"
_CJK_STOPS: Final = "。！？｡"
_TERMINALS: Final = ".!?…‼⁇⁈⁉‽؟।॥" + _CJK_STOPS

_TERMINAL_SET: Final = frozenset(_TERMINALS)
_CJK_STOP_SET: Final = frozenset(_CJK_STOPS)
_CJK_OPENERS: Final = "“‘«"
_PUNCT_BEFORE_SPACE: Final = frozenset(_TERMINALS + _CLOSERS)
# A run of sentence-final punctuation, the closing quotes/brackets that belong to it, then the
# whitespace before the next sentence (Latin script needs some; CJK stops do not — checked in
# code). Repetition is bounded and possessive, so a run of N dots costs O(N) and a closing quote at
# the very end of a line is never given back to become the "start" of a next sentence. The
# pattern starts with a single character class on purpose: CPython's engine then skips through
# the text quickly (a leading lookbehind or repeat made the scan ~4x slower).
_CAND_RE: Final = re.compile(
    rf"[{re.escape(_TERMINALS)}][{re.escape(_TERMINALS)}]{{0,49}}+"
    rf"([{re.escape(_CLOSERS)}]{{0,8}}+)(\s{{0,1000}}+)(?=\S)"
)
_QUOTE_CLOSERS: Final = frozenset("\"'”’»›“‘«」』")
# After a CJK stop (and its closers) these continue the same sentence: commas, colons, brackets.
_CJK_CONTINUATION: Final = frozenset("、，,：:；;）)」』”’")
# Japanese quotative particles after a closed quote: 「……。」と述べた / 「……。」って.
_JA_QUOTATIVE: Final = frozenset("とっ")
# A stop followed by one of these is inside a sentence ("a.C., ..."; "(ed.), ...").
_NON_STARTERS: Final = frozenset(",;:)]}%、，；：")

_OPENERS_STRIP: Final = "([{\"'“‘«‹„¿¡「『（•‣⁃◦▪●■-–—*"
_DIGIT_END_RE: Final = re.compile(r"\d\W{0,3}$")
# An ordinary word (letters, optional hyphenated parts, at least three letters at the end): not an
# abbreviation such as "No." or "ca.", not a number.
_PLAIN_WORD_RE: Final = re.compile(r"(?:[^\W\d_]{1,40}-){0,4}[^\W\d_]{3,40}")

# Titles and prefix abbreviations that stand before a name or number and therefore never end a
# sentence. Case-sensitive on purpose: "No." before a number vs the English word "no." at the end
# of a sentence. Applied to every language because bylines and quotes mix languages and the
# language stage may return "und"; only forms that are not ordinary words in any target language.
_TITLES_ALL: Final = frozenset(
    """
    Mr Mrs Ms Mmes Messrs Dr Drs Dra Prof Profa Tn Ny Nn Sdr Sdri Bpk Hj Ir Sr Sra Srta Sres Dña
    Mme Mlle Mlles MM Mgr Hr Hrn Dott Dr.ssa Dott.ssa Sig Sig.ra Sig.na Avv Gen Lt Col Capt Cdr
    Sgt Cpl Adm Maj Brig Sen Rep Gov Rev Hon Pres Supt Insp Pte Sdn Jl Jln Kol Kapt Mayjen
    Brigjen Letjen Irjen Kombes Ust Kyai KH Sp St Ste Sto Sta Mt Ft Nr No Nos Nº nº
    """.split()
)

# Language-specific prefix abbreviations (lowercase comparison) that are never sentence-final
# when followed by a capitalised word or a number.
_ABBREV_LANG: Final[dict[str, frozenset[str]]] = {
    "en": frozenset(
        "vs approx est fig no nos vol ch pp p ca cf e.g i.e "
        "jan feb mar apr jun jul aug sep sept oct nov dec".split()
    ),
    "id": frozenset(
        "dkk dll dsb dst no jl jln kab kec kel prov kh dr drg hj sdr yth a.n u.p s.d rp".split()
    ),
    "ms": frozenset("dll dsb no jln jl kg tkt bhd sdn yb yab yg dr".split()),
    "fr": frozenset("mme mlle mm me pr dr st ste no n° cf env art av apr vol p pp".split()),
    "de": frozenset(
        "nr hl st ca bzw vgl z.b u.a d.h abs bd jh jhd hrsg sog ggf inkl evtl dr prof".split()
    ),
    "es": frozenset("sr sra srta d dña dr dra lic ing núm pág sto sta n ca art vol av".split()),
    "pt": frozenset("sr sra srta dr dra prof profa sto sta n nº art av ca vol pág".split()),
    "it": frozenset("sig sigg dott avv ing geom rag on prof n art pag ca vol".split()),
    "nl": frozenset("dhr mevr mr dr drs ir ing prof nr blz ca c.q o.a z.g bijv vgl".split()),
    "ru": frozenset("г гг ул им проф акад т ст стр д пр пер св см рис".split()),
    "da": frozenset(
        "bl.a f.eks f.kr e.kr ca nr dvs evt inkl osv mht pga jf jvf kr kl pct tlf stk tidl vedr "
        "ifm mio mia mv etc hhv ang afd adm dir prof dr fhv fr frk hr mr mrs ms st skt "
        "jan feb mar apr jun jul aug sep sept okt nov dec".split()
    ),
}

# Languages that write ordinals as "3." ("am 3. Oktober", "19. yüzyıl"): a short number before a
# stop is an ordinal, not the end of a sentence.
_ORDINAL_DOT_LANGS: Final = frozenset(
    "de tr da no nb nn fi is cs sk sl hr sr bs hu et lv lt pl".split()
)
_SHORT_NUMBER_RE: Final = re.compile(r"\d{1,3}")

# Words that sentencex's lists treat as abbreviations but that, in news, mostly end sentences.
_NOT_ABBREV_LANG: Final[dict[str, frozenset[str]]] = {
    "it": frozenset({"fa", "set", "tv"}),
    "en": frozenset({"art", "tv"}),
    "id": frozenset({"tv"}),
}
# Single capitals that are words or numerals more often than initials ("you and I.", "Perang
# Dunia I.").
_NOT_INITIALS: Final = frozenset({"I"})
_UNITS: Final = frozenset(
    "mm cm m km kg g mg µg ml l ha km2 m2 m3 kW MW GW kWh MWh GWh TWh Hz kHz MHz GHz mph kph"
    .split()
)
# Quotation marks removed before asking sentencex for its quote-blind vote. ",," is the Dutch
# low opening quote when it starts a word.
# Apostrophes inside a word (don’t, Jum'at) are kept.
_QUOTE_MARKS: Final = "\"“”„‟«»‹›「」『』〝〞＂'‘’"
_APOSTROPHES: Final = "'‘’"
_DUTCH_OPEN_RE: Final = re.compile(r",,")
_BULLETS: Final = "•‣⁃◦▪●■"
_BULLET_RE: Final = re.compile(rf"[{_BULLETS}](?=\s{{0,3}}\S)")
# Opening mark -> marks that close it. “ closes „ in German; ASCII " closes itself.
_QUOTE_PAIRS: Final[dict[str, str]] = {
    "“": "”",
    "„": "“”\"",
    ",,": "''”\"",
    "«": "»",
    "»": "«",
    "‹": "›",
    "\"": "\"",
    "「": "」",
    "『": "』",
}
_QUOTE_TOKEN_RE: Final = re.compile(r"[“”„«»‹›\"「」『』]")
_QUOTE_TOKEN_NL_RE: Final = re.compile(r",,|''|[“”„«»‹›\"「」『』]")
# Languages whose treebank convention keeps a multi-sentence quotation in one sentence
# (“Saya mual. Saya minta maaf,” katanya). Elsewhere (en, nl, pt, de, …) the gold splits inside
# quotations, which is also sentencex's blind spot this module corrects.
_KEEP_QUOTES_WHOLE: Final = frozenset({"id", "ms", "fr", "ar"})
# sentencex's Catalan and Danish rules compile a Unicode regex on every candidate stop (its
# `continue_in_next_word` for those two languages; measured 0.25-0.3 ms per stop, 100x the other
# languages, so a 10 KB Catalan article took 20+ ms). Their votes are taken from the nearest
# sentencex language instead, and the one rule that differs — no new sentence when the first word
# character after the stop (within sentencex's 30-byte look-ahead) is a lowercase ASCII letter or
# a digit — is applied here. The two abbreviation lists differ; the news abbreviations that
# matter are in _ABBREV_LANG below, which this module applies before any vote.
# Catalan asks Spanish (the same abbreviation list: no difference on 11k Catalan/Galician words
# probed one by one). Danish asks Russian, whose abbreviations are all Cyrillic, so no Latin word
# is an abbreviation there; Danish abbreviations come from _ABBREV_LANG["da"] instead. That list
# leaves out the ordinary Danish words sentencex's list holds ("var", "med", "da", "to", "ned",
# "nord", "sort", "del", ...), which end sentences.
_SX_PROXY: Final[dict[str, str]] = {"ca": "es", "da": "ru"}
_SX_CONTINUE_RE: Final = re.compile(r"\W{0,30}[0-9a-z]")
_SX_TERMINATORS: Final = frozenset(".!?…")
_SX_CLOSERS: Final = frozenset(_CLOSERS)
_SX_LOOKAHEAD_BYTES: Final = 30
_START_SKIP_RE: Final = re.compile(r"(?:[\s\"“”„‟«»‹›「」『』〝〞＂'‘’]|,,){1,100}")
# Characters (besides whitespace) that can begin a _START_SKIP_RE match; any other character at a
# sentence start is already canonical, which answers most calls without the regex.
_START_SKIP_FIRST: Final = frozenset("\"“”„‟«»‹›「」『』〝〞＂'‘’,")
_FIRST_TOKEN_RE: Final = re.compile(r"\s{0,1000}\S{1,200}")


def segment_sentences(text: str, language: str = "und") -> list[dict]:
    """Return [{"start": int, "end": int, "text": str}, ...] in order, non-overlapping, with
    text == body[start:end], no leading/trailing whitespace inside a span, covering every
    non-space char.

    ``language`` is the ISO 639-1 code from the language stage ("und" when unknown); it selects
    sentencex's rules and this module's abbreviation lists.
    """
    lang = base_language(language)
    # Most articles hold no CJK stop and no bullet: a few substring searches over the whole text
    # spare every line its own searches. (map/filter over the bound `in` test run the loop in C.)
    text_has_cjk = any(map(text.__contains__, _CJK_STOPS))
    text_has_bullets = any(map(text.__contains__, _BULLETS))
    # Likewise the kinds of quotation mark the text holds (usually none to three), so that each
    # line looks only for those.
    quote_kinds = "".join(filter(text.__contains__, _QUOTE_MARKS))
    out: list[dict] = []
    base = 0
    for piece in text.splitlines(keepends=True):
        line_start = base
        base += len(piece)
        line_text = piece.rstrip(_LINE_BREAKS)
        if not line_text or line_text.isspace():
            continue
        cuts = _line_boundaries(line_text, lang, text_has_cjk, text_has_bullets, quote_kinds)
        cuts.append(len(line_text))
        end = line_start
        for cut in cuts:
            # Each piece between cuts, trimmed of surrounding whitespace, if anything is left.
            start = end
            end = stop = line_start + cut
            while start < stop and text[start].isspace():
                start += 1
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            if start < stop:
                out.append({"start": start, "end": stop, "text": text[start:stop]})
    return out


def _line_boundaries(
    line: str,
    lang: str,
    text_has_cjk: bool = True,
    text_has_bullets: bool = True,
    quote_kinds: str = _QUOTE_MARKS,
) -> list[int]:
    """Offsets (into ``line``) where a new sentence starts, excluding 0, ascending.

    ``text_has_cjk`` / ``text_has_bullets`` may be False only when the line holds no CJK stop /
    no bullet, and ``quote_kinds`` may leave out only marks the line does not hold (the caller
    checked the whole text once)."""
    candidates: dict[int, tuple[int, int]] = {}
    # Most lines hold no CJK stop: four substring searches once per line instead of a test per
    # candidate.
    line_has_cjk = text_has_cjk and any(map(line.__contains__, _CJK_STOPS))
    for m in _CAND_RE.finditer(line):
        punct_start = m.start()
        if punct_start and line[punct_start - 1] in _TERMINAL_SET:
            continue  # the tail of a run longer than the bounded repeat
        cjk = line_has_cjk and not _CJK_STOP_SET.isdisjoint(line[punct_start : m.start(1)])
        if not m.group(2) and not cjk:
            continue  # "CNBC.NEWS", "3.5", "J.-C.": a Latin stop glued to the next character
        if cjk:
            # After 。 a “ ‘ « opens the next sentence (。“我們…) rather than closing this one.
            closers = m.group(1)
            cut = min((closers.find(c) for c in _CJK_OPENERS if c in closers), default=-1)
            if cut >= 0:
                candidates[m.start(1) + cut] = (punct_start, m.start(1) + cut)
                continue
        candidates[m.end()] = (punct_start, m.end(1))
    extra = False  # bullets and inline items are added out of order
    if text_has_bullets and any(map(line.__contains__, _BULLETS)):
        first = len(line) - len(line.lstrip())
        for m in _BULLET_RE.finditer(line):
            pos = m.start()
            if pos > first and line[pos - 1].isspace():
                candidates.setdefault(pos, (pos, pos))
                extra = True
    if ")" in line:
        for pos in _inline_items(line):
            candidates.setdefault(pos, (-1, -1))
            extra = True
    if not candidates:
        return []
    ctx = _LineContext(line, lang, quote_kinds)
    # The stops were found left to right, so without extras the candidates are already sorted.
    items = sorted(candidates.items()) if extra else candidates.items()
    return [start for start, (punct, end) in items if _is_boundary(ctx, start, punct, end)]


def _inline_items(line: str) -> list[int]:
    """Starts of numbered items inside running text: "... 2) next item", "... 2.) next item"."""
    found = []
    p = line.find(")")
    while p != -1:
        q = p - 1 if p and line[p - 1] == "." else p
        digits_start = q
        while digits_start > 0 and q - digits_start < 2 and line[digits_start - 1].isdigit():
            digits_start -= 1
        if (
            digits_start < q
            and digits_start >= 2
            and line[digits_start - 1].isspace()
            and not line[digits_start - 2].isspace()
            and line[p + 1 : p + 2].isspace()
        ):
            found.append(digits_start)
        p = line.find(")", p + 1)
    return found


def _canonical_start(line: str, pos: int) -> int:
    """First character of the next sentence that is neither whitespace nor an opening quote.

    Candidates and sentencex votes are compared at this position, because sentencex (and the
    quote-free copy of the line) may put the start before or after a « or “."""
    c = line[pos : pos + 1]
    if c and c not in _START_SKIP_FIRST and not c.isspace():
        return pos
    m = _START_SKIP_RE.match(line, pos)
    end = m.end() if m else pos
    return end if end < len(line) else pos


class _LineContext:
    """One line plus lazily computed sentencex votes for it."""

    __slots__ = (
        "line",
        "lang",
        "quote_kinds",
        "abbrevs",
        "non_abbrevs",
        "_first_token_end",
        "_plain",
        "_quoted",
        "_quotes",
    )

    def __init__(self, line: str, lang: str, quote_kinds: str = _QUOTE_MARKS) -> None:
        self.line = line
        self.lang = lang
        self.quote_kinds = quote_kinds
        self.abbrevs = _ABBREV_LANG.get(lang, frozenset())
        self.non_abbrevs = _NOT_ABBREV_LANG.get(lang, frozenset())
        self._first_token_end = -1
        self._plain: set[int] | None = None
        self._quoted: set[int] | None = None
        self._quotes: tuple[list[int], list[int]] | None = None

    def first_token_end(self) -> int:
        """End of the line's first token; only list markers ask, so it is found on first use."""
        if self._first_token_end < 0:
            self._first_token_end = _first_token_end(self.line)
        return self._first_token_end

    def inside_quote(self, punct_start: int, closers_end: int) -> bool:
        """Whether the stop lies inside a quotation that is closed later in the line."""
        if self._quotes is None:
            self._quotes = _quote_spans(self.line)
        opens, closes = self._quotes
        i = bisect_right(opens, punct_start) - 1
        return i >= 0 and closes[i] >= closers_end

    def sx_plain(self, start: int) -> bool:
        """sentencex's vote with quotation marks removed from the line, for a sentence starting at
        ``start`` (already a ``_canonical_start`` position).

        sentencex suppresses every boundary it believes to be inside a quotation; one stray or
        unmatched mark (common in scraped news, and Dutch ,,…'' quotes) then silences whole
        paragraphs. Quotes are judged by this module instead, so the plain vote is the default.
        """
        if self._plain is None:
            self._plain = _sentencex_starts(
                self.line, self.lang, strip_quotes=True, quote_kinds=self.quote_kinds
            )
        return start in self._plain

    def sx_quoted(self, start: int) -> bool:
        """sentencex's vote on the untouched line (it knows “Wow!” he said is one sentence), for a
        sentence starting at ``start`` (already a ``_canonical_start`` position)."""
        if self._quoted is None:
            self._quoted = _sentencex_starts(self.line, self.lang, strip_quotes=False)
        return start in self._quoted


def _sentencex_starts(
    line: str, lang: str, strip_quotes: bool, quote_kinds: str = _QUOTE_MARKS
) -> set[int]:
    """Sentence starts proposed by sentencex, as offsets of the first non-space character.

    ``quote_kinds`` may leave out only quotation marks that ``line`` does not hold."""
    if strip_quotes:
        removed = _quote_mark_positions(line, quote_kinds)
        text = _without(line, removed) if removed else line
    else:
        removed = []
        text = line
    # shifted[i] = position in `text` where the i-th removed mark would have been.
    shifted = [pos - i for i, pos in enumerate(removed)]
    sx_lang = _SX_PROXY.get(lang, lang)
    proxied = sx_lang != lang
    starts: set[int] = set()
    n = len(text)
    pos = 0
    while pos < n:
        end = min(n, pos + _SX_WINDOW)
        if end < n:
            # Cut the window at a plain space between words, so that the artificial end of text
            # is never one of our candidates (those all follow punctuation).
            space = text.rfind(" ", pos + _SX_WINDOW // 2, end)
            if space > pos and text[space - 1] not in _PUNCT_BEFORE_SPACE:
                end = space
        # sentencex.segment returns the window cut into consecutive, non-empty pieces (its
        # get_sentence_boundaries minus the metadata, whose dicts cost a quarter of the call), so
        # each sentence starts at the summed lengths of those before it.
        sentences = sentencex.segment(sx_lang, text[pos:end])
        for j in accumulate(map(len, sentences[:-1]), initial=pos):
            if j == 0 or (proxied and _continues_lowercase(text, j)):
                continue
            # Map back to the original line just after the last kept character, so that a
            # removed opening quote in front of the sentence is part of it again.
            k = j - 1
            s = k + bisect_right(shifted, k) + 1 if removed else j
            starts.add(_canonical_start(line, s))
        pos = end
    return starts


def _continues_lowercase(text: str, start: int) -> bool:
    """sentencex's Catalan/Danish continuation rule for the sentence it starts at ``start``.

    The stop is the run of terminators before the whitespace and closing quotes/brackets in front
    of ``start`` (sentencex moves a boundary found inside a quotation to its end); the rule looks
    at the 30 bytes after the run's first character (sentencex's look-ahead window)."""
    j = start
    while j > 0 and text[j - 1].isspace():
        j -= 1
    while j > 0 and text[j - 1] in _SX_CLOSERS:
        j -= 1
    k = j
    while k > 0 and text[k - 1] in _SX_TERMINATORS:
        k -= 1
    if k == j:
        return False  # the boundary does not follow a stop (quotation end, numbered reference)
    window = text[k + 1 : k + 1 + _SX_LOOKAHEAD_BYTES]
    encoded = window.encode("utf-8")
    if len(encoded) > _SX_LOOKAHEAD_BYTES:
        # sentencex rounds its byte window up to the next character boundary.
        cut = 0
        size = 0
        while size < _SX_LOOKAHEAD_BYTES:
            size += len(window[cut].encode("utf-8"))
            cut += 1
        window = window[:cut]
    return _SX_CONTINUE_RE.match(window) is not None


def _quote_mark_positions(line: str, kinds: str = _QUOTE_MARKS) -> list[int]:
    """Offsets of quotation-mark characters (not in-word apostrophes), ascending.

    ``kinds`` may leave out only marks that ``line`` does not hold."""
    if line.isascii() and '"' not in line and "'" not in line and ",," not in line:
        # The only ASCII marks are " ' and ",,". str.isascii() is O(1) and each `in` a memchr,
        # several times cheaper than the searches below, and most ASCII lines hold no mark.
        return []
    # A line holds few marks of few kinds: an `in` test per kind and a find() per mark (C scans)
    # cost less than matching a character class at every character of the line.
    kinds = list(filter(line.__contains__, kinds))
    n = len(line)
    marks = []
    for c in kinds:
        i = line.find(c)
        if c in _APOSTROPHES:
            while i >= 0:
                if not (i and i + 1 < n and line[i - 1].isalnum() and line[i + 1].isalnum()):
                    marks.append(i)
                i = line.find(c, i + 1)
        else:
            while i >= 0:
                marks.append(i)
                i = line.find(c, i + 1)
    if ",," in line:
        for m in _DUTCH_OPEN_RE.finditer(line):
            if m.start() == 0 or line[m.start() - 1].isspace():
                marks.extend((m.start(), m.start() + 1))
        marks.sort()
    elif len(kinds) > 1:
        marks.sort()
    return marks


def _without(line: str, positions: list[int]) -> str:
    parts = []
    prev = 0
    for i in positions:
        parts.append(line[prev:i])
        prev = i + 1
    parts.append(line[prev:])
    return "".join(parts)


def _quote_spans(line: str) -> tuple[list[int], list[int]]:
    """Outermost balanced quotations of the line as parallel sorted lists (open, close offsets).

    Unmatched marks are ignored, so a stray quote cannot swallow the rest of a paragraph."""
    opens: list[int] = []
    closes: list[int] = []
    stack: list[tuple[str, int]] = []
    token_re = _QUOTE_TOKEN_NL_RE if (",," in line or "''" in line) else _QUOTE_TOKEN_RE
    for m in token_re.finditer(line):
        mark, pos = m.group(), m.start()
        top = stack[-1][0] if stack else ""
        if top and mark in _QUOTE_PAIRS[top]:
            _, opened = stack.pop()
            if not stack:
                opens.append(opened)
                closes.append(pos)
        elif mark in _QUOTE_PAIRS and len(stack) < 8:
            stack.append((mark, pos))
    return opens, closes


def _first_token_end(line: str) -> int:
    m = _FIRST_TOKEN_RE.match(line)
    return m.end() if m else 0


def _previous_token(line: str, punct_start: int) -> tuple[str, int]:
    """The whitespace-delimited token before the stop (openers stripped) and where it starts.

    At most the 64 characters before the stop are read."""
    before = line[max(0, punct_start - 64) : punct_start]
    if not before or before[-1].isspace():
        return "", punct_start
    # str.rsplit() without a separator splits at exactly the characters str.isspace() accepts.
    token = before.rsplit(None, 1)[-1]
    stripped = token.lstrip(_OPENERS_STRIP)
    return stripped, punct_start - len(stripped)


def _is_boundary(ctx: _LineContext, start: int, punct_start: int, closers_end: int) -> bool:
    line = ctx.line
    if punct_start == start:
        return True  # a bullet ("• ") in the middle of a line starts a new item
    nxt = line[start]
    # Where the next sentence's first letter/digit is, past any opening quote; sentencex's votes
    # are looked up at this position. Most candidates already start there (_canonical_start's own
    # first test, done here to spare the call).
    if nxt in _START_SKIP_FIRST or nxt.isspace():
        canonical = _canonical_start(line, start)
    else:
        canonical = start
    if punct_start < 0:
        # "... first item 2) second item": only when sentencex also reads it as a list.
        return ctx.sx_quoted(canonical)
    first = line[canonical]
    if closers_end - punct_start == 1:
        # The commonest candidate: one stop (every candidate's punctuation starts with one).
        stops = line[punct_start]
        closers = ""
        quote_closed = False
    else:
        punct = line[punct_start:closers_end]
        closers = punct.lstrip(_TERMINALS)
        stops = punct[: len(punct) - len(closers)]
        quote_closed = bool(closers) and not _QUOTE_CLOSERS.isdisjoint(closers)

    if not _CJK_STOP_SET.isdisjoint(stops):
        if nxt in _CJK_CONTINUATION or nxt in _NON_STARTERS:
            return False
        if quote_closed and nxt in _JA_QUOTATIVE:
            return False
        if quote_closed:
            # “……。”他说 — a quote followed by its reporting clause; let sentencex judge.
            return ctx.sx_quoted(canonical)
        return True

    if nxt in _NON_STARTERS and not line.startswith(",,", start):
        return False
    word, word_start = _previous_token(line, punct_start)
    bare = word.rstrip(".")
    bare_lower = bare.lower()
    single_dot = stops == "."
    if single_dot and (bare in _TITLES_ALL or bare_lower in ctx.abbrevs):
        return False
    if first.islower():
        # A lowercase continuation: a reporting clause after a quote (“…!” kata dia), an
        # abbreviation ("т. е. теоретически", "a.C. este") or an ellipsis. Only a stop after an
        # ordinary word, outside quotes, may still start a lowercase sentence (chat, typos).
        if not single_dot or closers or not _PLAIN_WORD_RE.fullmatch(word):
            return False
        return ctx.sx_plain(canonical)

    if single_dot and word:
        # Initials, ordinals and list markers are at most three characters long; most words are
        # longer and skip all three tests.
        if len(bare) <= 3:
            if _is_initial(bare):
                before = line[max(0, word_start - 12) : word_start].rstrip()
                if not _DIGIT_END_RE.search(before):
                    # "B. J. Habibie", "M. Macron", "G. Love" — but not an era or unit after a
                    # number ("abad ke-6 M.", "2 C.").
                    return False
            if ctx.lang in _ORDINAL_DOT_LANGS and _SHORT_NUMBER_RE.fullmatch(bare):
                return False  # "am 3. Oktober", "19. yüzyıl"
            if _is_list_marker(bare):
                if punct_start <= ctx.first_token_end():
                    return False  # "1. Pendahuluan" / "a. Syarat" at the start of a line
                if word_start > 0 and line[word_start - 1] in _BULLETS:
                    return False  # "• 10. Item" — the number belongs to the bullet
                if ctx.sx_quoted(_canonical_start(line, word_start)):
                    # sentencex itself started an inline list item: "... 2. The next"
                    return False
        if quote_closed or first.isdigit():
            # Only these two rules ask whether the word is an ordinary one (a regex match).
            plain_word = _PLAIN_WORD_RE.fullmatch(bare) is not None
            if quote_closed and plain_word:
                # A full stop inside the quote, then a capitalised word: the quotation ended the
                # sentence (“Kami siap.” Setelah itu …).
                return True
            if first.isdigit() and plain_word and bare_lower not in ctx.non_abbrevs:
                # sentencex never starts a sentence with a digit; after an ordinary word
                # ("... naik tahun lalu. 2024 menjadi ...") it is a new sentence.
                return True
        # _is_unit_after_number checks _UNITS itself; testing here spares ordinary words the call.
        if bare_lower in ctx.non_abbrevs or (
            bare in _UNITS and _is_unit_after_number(line, bare, word_start)
        ):
            return True
    elif stops[-1:] in ("!", "?") and first.isdigit():
        return True
    if quote_closed:
        return ctx.sx_quoted(canonical)
    if ctx.lang in _KEEP_QUOTES_WHOLE and ctx.inside_quote(punct_start, closers_end):
        return False
    return ctx.sx_plain(canonical)


def _is_initial(bare: str) -> bool:
    return len(bare) == 1 and bare.isalpha() and bare.isupper() and bare not in _NOT_INITIALS


def _is_list_marker(bare: str) -> bool:
    return (bare.isdigit() and len(bare) <= 2) or (len(bare) == 1 and bare.isalpha())


def _is_unit_after_number(line: str, bare: str, word_start: int) -> bool:
    """'... sejauh 5 km. Polisi ...': metric units take no stop, so the stop ends the sentence."""
    if bare not in _UNITS:
        return False
    before = line[max(0, word_start - 12) : word_start].rstrip()
    return bool(before) and before[-1].isdigit()
