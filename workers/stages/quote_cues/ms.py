"""Malay cue table: the Indonesian table plus Malaysian reporting verbs, royal pronoun and titles."""
from dataclasses import replace

from . import words
from .id import TABLE as _INDONESIAN

TABLE = replace(
    _INDONESIAN,
    language="ms",
    verbs=_INDONESIAN.verbs | words("memberitahu mendakwa mengulas mendedahkan memaklumkan"),
    person_pronouns=_INDONESIAN.person_pronouns | words("baginda"),
    person_roles=_INDONESIAN.person_roles | words("timbalan datuk dato tan sri"),
    masculine_titles=_INDONESIAN.masculine_titles | words("encik"),
    feminine_titles=_INDONESIAN.feminine_titles | words("puan"),
)
