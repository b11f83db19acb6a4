"""Turning whatever language tag a caller passes ("id-ID", "pt_BR", "ind", None) into the bare
ISO 639-1 code every stage and building block keys its tables by."""

from __future__ import annotations

# ISO 639-2/3 codes feeds send instead of ISO 639-1, and Malay's macro-language variants.
_ALIASES = {
    "in": "id", "ind": "id", "zsm": "ms", "may": "ms", "msa": "ms", "eng": "en", "fra": "fr",
    "fre": "fr", "deu": "de", "ger": "de", "spa": "es", "por": "pt", "ita": "it", "nld": "nl",
    "dut": "nl", "rus": "ru", "jpn": "ja", "zho": "zh", "chi": "zh",
}


def base_language(tag: str | None) -> str:
    """'id-ID' → 'id', 'pt_BR' → 'pt', 'ind' → 'id', '' or None → 'und'."""
    if not tag:
        return "und"
    code = tag.strip().lower().replace("_", "-").split("-", 1)[0]
    return _ALIASES.get(code, code) or "und"
