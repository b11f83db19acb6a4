"""Specification of cited-media finding (`workers.nlp.media.find_media`)."""
from __future__ import annotations

import pytest

from workers.nlp.media import canonical_outlet, find_media

KEYS = {"name", "canonical", "text", "start", "end", "name_start", "name_end", "cue", "relation"}


def _assert_spans(text: str, media: list[dict]) -> None:
    for m in media:
        assert set(m) == KEYS
        assert text[m["start"]:m["end"]] == m["text"]
        assert text[m["name_start"]:m["name_end"]] == m["name"]
        assert m["start"] <= m["name_start"] < m["name_end"] <= m["end"]
        assert m["relation"] in ("reported_via", "article_source")


def _canonicals(text: str, language: str) -> list[str]:
    media = find_media(text, language)
    _assert_spans(text, media)
    return [m["canonical"] for m in media]


# --- the seed --------------------------------------------------------------------------------------

def test_seed_gold_media_sources_are_found_exactly(seed_text, seed_gold):
    got = find_media(seed_text, "id")
    _assert_spans(seed_text, got)
    expected = [{k: g[k] for k in KEYS} for g in seed_gold["media_sources"]]
    assert got == expected


# --- cues, known outlets, unknown outlets ----------------------------------------------------------

@pytest.mark.parametrize(
    ("language", "text", "canonical", "cue"),
    [
        ("en", "Troops moved overnight, according to the Associated Press.", "Associated Press (AP)",
         "according to"),
        ("en", "Officials told The New York Times that the plan was final.", "The New York Times", "told"),
        ("en", "The deal was first reported by Axios on Monday.", "Axios", "first reported by"),
        ("id", "Harga minyak naik, seperti dikutip dari Antara, Senin.", "Antara", "seperti dikutip dari"),
        ("id", "Dilansir dari laman CNN Indonesia, pejabat itu membantah.", "CNN Indonesia", "Dilansir dari"),
        ("ms", "Menurut laporan Bernama, mesyuarat itu ditangguhkan.", "Bernama", "Menurut laporan"),
        ("fr", "Selon l'AFP, le ministre a démissionné.", "Agence France-Presse (AFP)", "Selon"),
        ("de", "Laut Spiegel hat die Regierung den Plan gestoppt.", "Der Spiegel", "Laut"),
        ("es", "Según la agencia EFE, el presidente viajará mañana.", "Agencia EFE", "Según"),
        ("pt", "De acordo com a Folha de S.Paulo, houve protestos.", "Folha de S.Paulo", "De acordo com"),
        ("it", "Secondo l'ANSA, il governo è pronto al voto.", "ANSA", "Secondo"),
        ("nl", "Volgens de NOS is het kabinet gevallen.", "NOS", "Volgens"),
        ("ru", "Как сообщает ТАСС, переговоры начались.", "TASS", "Как сообщает"),
        ("zh", "据新华社报道，会议在北京举行。", "Xinhua", "据"),
    ],
)
def test_citation_cue_before_an_outlet_in_each_language(language, text, canonical, cue):
    [m] = find_media(text, language)
    _assert_spans(text, [m])
    assert m["canonical"] == canonical
    assert m["cue"] == cue
    assert m["relation"] == "reported_via"
    assert m["text"].startswith(cue)


@pytest.mark.parametrize(
    ("language", "text", "canonical", "cue"),
    [
        ("en", "Bloomberg reported that the merger was off.", "Bloomberg", "reported"),
        ("id", "Reuters melaporkan bahwa harga minyak naik.", "Reuters", "melaporkan"),
        ("de", "Wie dpa berichtete, gab es Proteste.", "Deutsche Presse-Agentur (dpa)", "berichtete"),
        ("fr", "Le Monde rapporte que la réforme est adoptée.", "Le Monde", "rapporte"),
        ("zh", "路透社报道称，油价上涨。", "Reuters", "报道"),
    ],
)
def test_known_outlet_followed_by_a_reporting_verb(language, text, canonical, cue):
    [m] = find_media(text, language)
    assert (m["canonical"], m["cue"], m["relation"]) == (canonical, cue, "reported_via")
    assert m["text"].endswith(cue)


def test_unknown_outlet_after_a_media_specific_cue_keeps_its_written_name():
    text = "Serangan itu terjadi dini hari, dilansir Kyiv Post, Jumat."
    [m] = find_media(text, "id")
    assert (m["name"], m["canonical"], m["cue"]) == ("Kyiv Post", "Kyiv Post", "dilansir")


def test_unknown_name_after_a_generic_cue_counts_only_when_it_looks_like_an_outlet():
    assert _canonicals("According to the Daily Courier, the bridge is closed.", "en") == ["Daily Courier"]
    assert _canonicals("According to the newspaper Svobodnaya Pressa, talks stalled.", "en") == [
        "Svobodnaya Pressa"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "According to Smirnov, more than 2,000 people left. He told reporters he was tired."),
        ("id", "Menurut Presiden Joko Widodo, bantuan sudah dikirim kepada warga."),
        ("fr", "Selon Emmanuel Macron, la réforme est nécessaire."),
        ("de", "Laut Olaf Scholz ist die Lage unter Kontrolle."),
        ("es", "Según Pedro Sánchez, no hay crisis."),
        ("id", "Kejadian itu berlangsung antara pukul 10.00 dan 12.00 dalam tempo singkat."),
        ("pt", "Nos últimos dias, a situação piorou."),
    ],
)
def test_people_and_common_words_after_attribution_are_not_media(language, text):
    assert find_media(text, language) == []


# --- article sources -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("language", "text", "name", "canonical", "cue"),
    [
        ("id", "JAKARTA, KOMPAS.com - Harga beras naik lagi pekan ini.", "KOMPAS.com", "Kompas", None),
        ("en", "KYIV (Reuters) - Ukrainian forces advanced on Thursday.", "Reuters", "Reuters", None),
        ("en", "Oil prices rose again.\nSource: Al Jazeera and news agencies", "Al Jazeera", "Al Jazeera",
         "Source"),
        ("de", "Die Preise steigen.\nQuelle: dpa", "dpa", "Deutsche Presse-Agentur (dpa)", "Quelle"),
    ],
)
def test_datelines_and_source_labels_are_article_sources(language, text, name, canonical, cue):
    [m] = find_media(text, language)
    _assert_spans(text, [m])
    assert (m["name"], m["canonical"], m["cue"], m["relation"]) == (name, canonical, cue, "article_source")


def test_canonical_outlet_lookup_is_case_insensitive_and_none_for_unknown():
    assert canonical_outlet("russia today") == "RT (Russia Today)"
    assert canonical_outlet("Associated Press") == "Associated Press (AP)"
    assert canonical_outlet("Kyiv Post") is None


def test_each_outlet_mention_is_reported_once_in_text_order():
    text = "Menurut Reuters, harga naik. Reuters melaporkan bahwa stok turun, dilansir Antara."
    media = find_media(text, "id")
    starts = [m["name_start"] for m in media]
    assert starts == sorted(set(starts))
    assert [m["canonical"] for m in media] == ["Reuters", "Reuters", "Antara"]


# --- robustness ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "",
        "“" * 100_000,
        "".join(chr(c) for c in range(32)) * 1000,
        "dilansir " * 20_000,
        "dilansir " + "Aa " * 50_000,
        "SUMBER : " * 20_000,
        "x:" * 100_000,  # colons on one endless line: each looks back a bounded distance for a label
        "(" * 100_000,
        "İstanbul (Reuters) - dilansir The Guardian.",  # lower-casing İ changes length
    ],
)
def test_hostile_input_is_handled_and_spans_stay_exact(text):
    for language in ("id", "en", "zh", "xx"):
        _assert_spans(text, find_media(text, language))


def test_offsets_survive_characters_whose_lower_case_is_longer():
    text = "İİİ dilansir The Guardian."
    [m] = find_media(text, "id")
    assert m["name"] == "The Guardian"


# --- where a citation may start ---------------------------------------------------------------------

def test_cues_after_brackets_and_quotes_and_labels_after_clock_times_are_found():
    text = ("Protesters gathered at 10:30 (according to Reuters).\n“Bloomberg reported” the march ended at "
            "12:00.\nSource: AP")
    media = find_media(text, "en")
    _assert_spans(text, media)
    assert [(m["name"], m["cue"], m["relation"]) for m in media] == [
        ("Reuters", "according to", "reported_via"), ("Bloomberg", "reported", "reported_via"),
        ("AP", "Source", "article_source")]


def test_a_cue_inside_another_word_is_not_a_cue():
    assert find_media("The travia Reuters desk and the untold Bloomberg story.", "en") == []
