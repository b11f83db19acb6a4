"""Per-language cue tables for the quote-extraction stage (data only, no matching logic).

Each language lives in its own module and exposes ``TABLE``, a :class:`CueTable`. The engine in
``workers.stages.quotes`` is language-neutral: adding a language means adding one module here and one
line in ``_MODULES``. All words are stored lower-case; multi-word cues are written with single spaces
and matched token by token, so no table entry ever becomes a regex over article text.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache

from workers.nlp.langtag import base_language


@dataclass(frozen=True)
class CueTable:
    """Lexical knowledge the quote engine needs for one language (all entries lower-case)."""

    language: str
    # Reporting verbs usable before the content ("X said (that) ...") and after it (", X said.").
    verbs: frozenset[str] = frozenset()
    # Reporting verbs that only ever follow the content (", kata X.", "“…”, ujar X").
    post_verbs: frozenset[str] = frozenset()
    # Verb suffixes that carry the speaker ("katanya" = kata + nya "he/she").
    speaker_suffixes: tuple[str, ...] = ()
    # Auxiliaries that, written just before a verb, belong to the cue ("a déclaré", "ha detto").
    auxiliaries: frozenset[str] = frozenset()
    complementisers: frozenset[str] = frozenset()
    # "according to X" markers; the speaker follows them.
    according_to: frozenset[str] = frozenset()
    # Verbs whose addressee comes before the reported clause ("told reporters (that) ...").
    object_verbs: frozenset[str] = frozenset()
    # Whether a reported clause may follow the verb without a complementiser ("he said the plan ...").
    bare_complement: bool = False
    # When non-empty, a bare complement is accepted only if it contains one of these words
    # (German reported speech is marked by Konjunktiv I, not by a complementiser).
    bare_requires: frozenset[str] = frozenset()
    # Words that cannot start a reported clause (prepositions, articles of adverbials: "said in a statement").
    bare_blockers: frozenset[str] = frozenset()
    # When non-empty, a bare complement must show a finite verb within its first words: one of these
    # words or a word with one of ``bare_finite_suffixes`` ("said the plan *would* fail", "said it
    # fail*ed*"); "said the words" or "denied the charges" have none and are objects, not clauses.
    bare_finite: frozenset[str] = frozenset()
    bare_finite_suffixes: tuple[str, ...] = ()
    # A present-tense ending that marks a finite verb right after a pronoun or a name ("it expects").
    present_suffix: str = ""
    # A leading time adverbial skipped before a bare complement ("said Tuesday the …", "said last week").
    time_nouns: frozenset[str] = frozenset()
    time_modifiers: frozenset[str] = frozenset()
    # Adverb endings skipped between a subject and its verb ("privately noted", "a récemment déclaré").
    adverb_suffixes: tuple[str, ...] = ()
    # Complementisers written elided onto the next word ("qu’aucune", "ch’è").
    elided_complementisers: tuple[str, ...] = ()
    # Participles that report speech after a main clause: "…, adding that …", "…, saying the plan …".
    participles: frozenset[str] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    # Gendered personal pronouns ("she", "elle", "sie"): a pronoun resolves only to a person whose
    # gender is unknown or the same. Pronouns listed in neither set are neutral ("dia", "beliau").
    masculine_pronouns: frozenset[str] = frozenset()
    feminine_pronouns: frozenset[str] = frozenset()
    # Titles written before a name that tell the person's gender ("Mr", "Frau", "Mme", "г-жа").
    masculine_titles: frozenset[str] = frozenset()
    feminine_titles: frozenset[str] = frozenset()
    # Surname endings that tell the gender (Russian "-ова" / "-ов"); feminine endings are tested first.
    feminine_surname_suffixes: tuple[str, ...] = ()
    masculine_surname_suffixes: tuple[str, ...] = ()
    # Relative pronouns that open a clause about the name before them ("Smith, who said …").
    relative_pronouns: frozenset[str] = frozenset()
    # Pronouns that may point to a person or an organisation ("they", "mereka").
    plural_pronouns: frozenset[str] = frozenset()
    person_roles: frozenset[str] = frozenset()
    # Endings of compound role nouns written before a name ("Verkehrsministerin", "GDL-Chef",
    # "bondscoach"): such a word leading a person's name is a title, not part of the name.
    role_suffixes: tuple[str, ...] = ()
    # Spokespeople: their words are attributed to the organisation they speak for.
    spokesperson_roles: frozenset[str] = frozenset()
    # Honorifics and ranks written before a name and left out of the canonical name
    # ("Datuk Seri", "Detective Inspector"); gendered titles above count as well.
    honorifics: frozenset[str] = frozenset()
    # Whether an office's complement is written capitalised between the title and the name
    # ('Menteri Perhubungan Hendra Wijaya'), so a name after a title may start with its last words.
    role_complement_names: bool = False
    # Oblique-case endings of given names and surnames with their nominative replacement, for names
    # the entity finder left inflected ('Олегом Кравцовым'); used only when both words carry one.
    given_name_endings: tuple[tuple[str, str], ...] = ()
    surname_endings: tuple[tuple[str, str], ...] = ()
    # Subject-drop language: a cue with no subject of its own reports the person named just before.
    pro_drop: bool = False
    # Whether every noun is capitalised (German): a capital then does not mark a name.
    capitalised_nouns: bool = False
    org_nouns: frozenset[str] = frozenset()
    # Prepositions: a name after one ('a spokesman for Senator X') is not the apposed name of the role
    # before it, unless a comma sets it off ('le maire de Roubaix, Karim Haddad').
    prepositions: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    # Demonstratives written after the noun ("blogger tersebut", "perusahaan itu").
    post_demonstratives: frozenset[str] = frozenset()
    # Words that open an apposition or relative clause after a name ("Rybar, seorang blogger ...").
    apposition_markers: frozenset[str] = frozenset()
    # Adverbs, auxiliaries and time words allowed between a subject and its verb ("Putin juga mengatakan").
    skip_words: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()
    # Clause-initial subordinators: a cue inside such a clause reports only up to the first comma.
    subordinators: frozenset[str] = frozenset()
    # Words just before a quote mark that make it a scare quote or a title ("so-called", "film").
    scare_markers: frozenset[str] = frozenset()
    title_markers: frozenset[str] = frozenset()
    # Media attributions that end a reported clause (", dilansir Russia Today").
    clause_cutters: frozenset[str] = frozenset()
    # Name particles that may sit inside a capitalised name ("van", "bin", "de").
    name_particles: frozenset[str] = frozenset()
    # Scripts written without spaces (ja, zh) use the regex-based fields below instead of tokens.
    unspaced: bool = False
    unspaced_verbs: tuple[str, ...] = field(default=())
    # Particle linking quoted content to the verb (Japanese "と").
    unspaced_quote_particle: str = ""
    unspaced_topic_particles: tuple[str, ...] = field(default=())
    unspaced_according: tuple[tuple[str, str], ...] = field(default=())
    # Titles and offices written right after a name ("山口隆之社長", "坂本修農林水産相") or right
    # before it ("副主任李志强", "市長林志明"); the canonical name leaves them out.
    unspaced_roles: tuple[str, ...] = field(default=())
    # Endings of a clause that describes the speaker before the name ("記者会見した", "…の"): the
    # name starts after the last of them.
    unspaced_name_openers: tuple[str, ...] = field(default=())
    # Words that follow the subject and end it ("在发布会上", "就…", "接受…采访").
    unspaced_name_closers: tuple[str, ...] = field(default=())
    # Prefixes that refer back to an earlier subject ("同相" the same minister, "该委员会" that committee).
    unspaced_back_references: tuple[str, ...] = field(default=())


_MODULES: dict[str, str] = {
    "id": "id", "ms": "ms", "en": "en", "fr": "fr", "de": "de", "es": "es", "pt": "pt",
    "it": "it", "nl": "nl", "ru": "ru", "ja": "ja", "zh": "zh",
}

# Unknown languages still get direct quotes (quote marks are language-neutral) but no verb cues.
_GENERIC = CueTable(language="und")


@lru_cache(maxsize=64)
def get_table(language: str) -> CueTable:
    """The cue table for an ISO 639-1 code (region/script suffixes ignored); a cue-less table if unknown."""
    code = base_language(language)
    name = _MODULES.get(code)
    if name is None:
        return _GENERIC
    return importlib.import_module(f"{__name__}.{name}").TABLE


def supported_languages() -> tuple[str, ...]:
    """Language codes that have a cue table."""
    return tuple(_MODULES)


def words(text: str) -> frozenset[str]:
    """Whitespace-separated table literal to a frozen set; keeps the tables readable."""
    return frozenset(text.split())


def phrases(*items: str) -> frozenset[str]:
    """Multi-word table entries (one entry per argument), normalised to single spaces."""
    return frozenset(" ".join(item.lower().split()) for item in items)
