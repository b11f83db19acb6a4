"""Specification of the named-entity recogniser (workers.nlp.entities.find_entities)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from workers.nlp.entities import find_entities

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000.txt"
EVAL = REPO / ".." / "shared" / "eval"


def _by_name(entities: list[dict]) -> dict[str, dict]:
    return {e["name"]: e for e in entities}


def _texts(entity: dict) -> list[str]:
    return [m["text"] for m in entity["mentions"]]


def _assert_well_formed(text: str, entities: list[dict]) -> None:
    firsts = []
    for ent in entities:
        assert set(ent) <= {"name", "type", "mentions", "geo"}
        assert ent["type"] in {"person", "organisation", "location"}
        assert ent["mentions"], ent
        starts = [m["start"] for m in ent["mentions"]]
        assert starts == sorted(starts)
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
        if "geo" in ent:
            assert ent["type"] == "location"
            assert set(ent["geo"]) == {"country_code", "lat", "lon", "geonameid", "feature"}
            assert ent["geo"]["feature"] in {"country", "city", "region"}
        firsts.append(starts[0])
    assert firsts == sorted(firsts)


# ------------------------------------------------------------------------------------------ the seed


@pytest.fixture(scope="module")
def gold() -> dict:
    path = EVAL / "seed-gold.json"
    if not path.parent.is_dir():
        pytest.skip("shared eval directory not present")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_entities() -> tuple[str, list[dict]]:
    text = SEED.read_text(encoding="utf-8")
    return text, find_entities(text, "id")


def test_seed_output_is_well_formed(seed_entities: tuple[str, list[dict]]) -> None:
    _assert_well_formed(*seed_entities)


def test_seed_every_gold_mention_is_found_with_its_type(gold: dict, seed_entities) -> None:
    text, entities = seed_entities
    assert gold["text"].rstrip("\n") == text.rstrip("\n")
    found = {(m["start"], m["end"]): e["type"] for e in entities for m in e["mentions"]}
    missing = [(g["text"], g["start"]) for g in gold["entities"]
               if found.get((g["start"], g["end"])) != g["type"]]
    assert missing == []


def test_seed_finds_no_mention_outside_the_gold(gold: dict, seed_entities) -> None:
    _, entities = seed_entities
    gold_spans = {(g["start"], g["end"]) for g in gold["entities"]}
    extra = [m["text"] for e in entities for m in e["mentions"] if (m["start"], m["end"]) not in gold_spans]
    assert extra == []


def test_seed_mentions_cluster_like_the_gold_canonical_entities(gold: dict, seed_entities) -> None:
    _, entities = seed_entities
    cluster_of = {(m["start"], m["end"]): i for i, e in enumerate(entities) for m in e["mentions"]}
    gold_groups: dict[str, set[int]] = {}
    for g in gold["entities"]:
        gold_groups.setdefault(g["canonical"], set()).add(cluster_of.get((g["start"], g["end"]), -1))
    assert len(gold_groups) == gold["counts"]["distinct_entities"] == len(entities)
    assert all(len(ids) == 1 and -1 not in ids for ids in gold_groups.values())


def test_seed_canonical_names_match_the_gold(gold: dict, seed_entities) -> None:
    _, entities = seed_entities
    name_at = {(m["start"], m["end"]): e["name"] for e in entities for m in e["mentions"]}
    wrong = {(g["text"], g["canonical"], name_at.get((g["start"], g["end"])))
             for g in gold["entities"] if name_at.get((g["start"], g["end"])) != g["canonical"]}
    assert wrong == set()


def test_seed_unqualified_ministry_takes_the_articles_home_country(seed_entities) -> None:
    # Russia, Kursk Oblast and Moscow (RU) against Ukraine and Kyiv (UA): Russia leads 3:2, i.e. by 1.5x.
    _, entities = seed_entities
    ministry = _by_name(entities)["Ministry of Defence of the Russian Federation"]
    assert ministry["type"] == "organisation"
    assert _texts(ministry) == ["Kementerian Pertahanan", "Kementerian Pertahanan"]


def test_seed_region_named_after_its_seat_city_is_a_region_with_geo(seed_entities) -> None:
    _, entities = seed_entities
    kursk = _by_name(entities)["Kursk Oblast"]
    assert kursk["geo"]["feature"] == "region" and kursk["geo"]["country_code"] == "RU"


# ------------------------------------------------------------------------------- multilingual cases

CASES = [
    ("en", "Russian President Vladimir Putin said on Monday that Ukrainian forces had crossed into the Kursk "
           "region, according to Reuters. Putin told officials in Moscow that the attack was a provocation.",
     [("Vladimir Putin", "person", ["Vladimir Putin", "Putin"]), ("Kursk Oblast", "location", ["Kursk"]),
      ("Reuters", "organisation", ["Reuters"]), ("Moscow", "location", ["Moscow"])]),
    ("en", "Separately, Acme Holdings Ltd said its chief executive John van der Berg would step down. "
           "The Bank of England held rates, the London Stock Exchange said.",
     [("Acme Holdings Ltd", "organisation", ["Acme Holdings Ltd"]),
      ("John van der Berg", "person", ["John van der Berg"]),
      ("Bank of England", "organisation", ["Bank of England"]),
      ("London Stock Exchange", "organisation", ["London Stock Exchange"])]),
    ("id", "Gubernur Jawa Tengah Ganjar Pranowo mengunjungi Semarang pada Senin (5/2/2024). Ganjar mengatakan "
           "bahwa Komisi Pemberantasan Korupsi (KPK) memeriksa kasus itu. KPK menolak berkomentar, dilansir "
           "Kompas.com.",
     [("Jawa Tengah", "location", ["Jawa Tengah"]),
      ("Ganjar Pranowo", "person", ["Ganjar Pranowo", "Ganjar"]), ("Semarang", "location", ["Semarang"]),
      ("Komisi Pemberantasan Korupsi", "organisation", ["Komisi Pemberantasan Korupsi", "KPK", "KPK"]),
      ("Kompas", "organisation", ["Kompas.com"])]),
    ("id", "Presiden Amerika Serikat Joe Biden bertemu Perdana Menteri Inggris Rishi Sunak di Washington.",
     [("United States", "location", ["Amerika Serikat"]), ("Joe Biden", "person", ["Joe Biden"]),
      ("United Kingdom", "location", ["Inggris"]), ("Rishi Sunak", "person", ["Rishi Sunak"]),
      ("Washington", "location", ["Washington"])]),
    ("ms", "Perdana Menteri Anwar Ibrahim berkata kerajaan akan membantu rakyat di Kuala Lumpur. Menurut "
           "Bernama, Anwar bertemu Timbalan Perdana Menteri Ahmad Zahid Hamidi di Putrajaya pada Isnin.",
     [("Anwar Ibrahim", "person", ["Anwar Ibrahim", "Anwar"]), ("Kuala Lumpur", "location", ["Kuala Lumpur"]),
      ("Bernama", "organisation", ["Bernama"]), ("Ahmad Zahid Hamidi", "person", ["Ahmad Zahid Hamidi"]),
      ("Putrajaya", "location", ["Putrajaya"])]),
    ("fr", "Le président Emmanuel Macron a reçu lundi le chancelier Olaf Scholz. Selon l'Agence France-Presse, "
           "ils ont évoqué la guerre en Ukraine et la Russie. Le ministre de l'Intérieur Gérald Darmanin était "
           "à Marseille. M. Darmanin a parlé.",
     [("Emmanuel Macron", "person", ["Emmanuel Macron"]), ("Olaf Scholz", "person", ["Olaf Scholz"]),
      ("Agence France-Presse (AFP)", "organisation", ["Agence France-Presse"]),
      ("Ukraine", "location", ["Ukraine"]), ("Russia", "location", ["Russie"]),
      ("Gérald Darmanin", "person", ["Gérald Darmanin", "Darmanin"]), ("Marseille", "location", ["Marseille"])]),
    ("de", "Bundeskanzler Olaf Scholz hat am Dienstag in Berlin mit dem französischen Präsidenten Emmanuel "
           "Macron gesprochen. Die Deutsche Bank AG meldete Gewinne. Scholz sagte, Deutschland werde München "
           "unterstützen. Frau Müller vom Bundesministerium der Finanzen widersprach.",
     [("Olaf Scholz", "person", ["Olaf Scholz", "Scholz"]), ("Berlin", "location", ["Berlin"]),
      ("Emmanuel Macron", "person", ["Emmanuel Macron"]),
      ("Deutsche Bank AG", "organisation", ["Deutsche Bank AG"]),
      ("Germany", "location", ["Deutschland"]), ("Munich", "location", ["München"]),
      ("Müller", "person", ["Müller"]),
      ("Ministry of Finance of Germany", "organisation", ["Bundesministerium der Finanzen"])]),
    ("es", "El presidente Pedro Sánchez viajó el martes a Bruselas para reunirse con líderes de la Unión "
           "Europea. Según la agencia EFE, Sánchez habló sobre Rusia y Ucrania.",
     [("Pedro Sánchez", "person", ["Pedro Sánchez", "Sánchez"]), ("Brussels", "location", ["Bruselas"]),
      ("European Union", "organisation", ["Unión Europea"]), ("Agencia EFE", "organisation", ["EFE"]),
      ("Russia", "location", ["Rusia"]), ("Ukraine", "location", ["Ucrania"])]),
    ("pt", "O presidente Luiz Inácio Lula da Silva recebeu em Brasília o primeiro-ministro do Japão. Segundo a "
           "Reuters, Lula discutiu comércio com os Estados Unidos. O Banco Central do Brasil manteve a taxa.",
     [("Luiz Inácio Lula da Silva", "person", ["Luiz Inácio Lula da Silva", "Lula"]),
      ("Brasília", "location", ["Brasília"]), ("Japan", "location", ["Japão"]),
      ("Reuters", "organisation", ["Reuters"]), ("United States", "location", ["Estados Unidos"]),
      ("Banco Central do Brasil", "organisation", ["Banco Central do Brasil"])]),
    ("it", "La premier Giorgia Meloni ha incontrato a Roma il presidente ucraino Volodymyr Zelensky. Secondo "
           "l'ANSA, Meloni ha ribadito il sostegno dell'Italia all'Ucraina.",
     [("Giorgia Meloni", "person", ["Giorgia Meloni", "Meloni"]), ("Rome", "location", ["Roma"]),
      ("Volodymyr Zelensky", "person", ["Volodymyr Zelensky"]), ("ANSA", "organisation", ["ANSA"]),
      ("Italy", "location", ["Italia"]), ("Ukraine", "location", ["Ucraina"])]),
    ("nl", "Premier Mark Rutte sprak dinsdag in Den Haag met de Duitse bondskanselier Olaf Scholz over de "
           "oorlog in Oekraïne. Volgens de NOS wil Rutte meer steun voor Kyiv.",
     [("Mark Rutte", "person", ["Mark Rutte", "Rutte"]), ("The Hague", "location", ["Den Haag"]),
      ("Olaf Scholz", "person", ["Olaf Scholz"]), ("Ukraine", "location", ["Oekraïne"]),
      ("NOS", "organisation", ["NOS"]), ("Kyiv", "location", ["Kyiv"])]),
    ("ru", "Президент России Владимир Путин провёл в Москве совещание. Путин заявил, что ситуация в Курской "
           "области остаётся напряжённой, передаёт ТАСС.",
     [("Russia", "location", ["России"]), ("Владимир Путин", "person", ["Владимир Путин", "Путин"]),
      ("Moscow", "location", ["Москве"]), ("Kursk Oblast", "location", ["Курской"]),
      ("TASS", "organisation", ["ТАСС"])]),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_realistic_news_sentences_yield_the_expected_entities_and_nothing_else(
        language: str, text: str, expected: list[tuple[str, str, list[str]]]) -> None:
    entities = find_entities(text, language)
    _assert_well_formed(text, entities)
    got = [(e["name"], e["type"], _texts(e)) for e in entities]
    assert got == expected


# ------------------------------------------------------------------------------------------ typing


def test_title_is_not_part_of_the_person_mention() -> None:
    text = "Penjabat Gubernur Aleksey Smirnov tiba di lokasi."
    [person] = find_entities(text, "id")
    assert person["type"] == "person" and _texts(person) == ["Aleksey Smirnov"]


def test_surname_mentioned_before_the_full_name_joins_the_full_name() -> None:
    text = "Putin warns West. Russian President Vladimir Putin on Tuesday warned Western leaders."
    [putin] = find_entities(text, "en")
    assert putin["name"] == "Vladimir Putin" and _texts(putin) == ["Putin", "Vladimir Putin"]


@pytest.mark.parametrize(("language", "text", "name", "kind"), [
    ("en", "Jane Doe, a spokeswoman for the ministry, declined to comment.", "Jane Doe", "person"),
    ("id", "Rybak, seorang blogger militer yang populer, menulis hal itu.", "Rybak", "person"),
    ("id", "Sinarmas, sebuah perusahaan kertas, membantah laporan itu.", "Sinarmas", "organisation"),
    ("en", "Zentrox, a software company based in Oslo, was hacked.", "Zentrox", "organisation"),
    ("en", "Hargreaves, 54, was arrested on Friday.", "Hargreaves", "person"),
    ("id", "Korban, yang dikenal sebagai Sutrisno (45), dibawa ke rumah sakit.", "Sutrisno", "person"),
])
def test_apposition_or_age_types_an_otherwise_unknown_name(language: str, text: str, name: str, kind: str) -> None:
    entities = _by_name(find_entities(text, language))
    assert entities[name]["type"] == kind


def test_media_outlets_are_organisations_with_canonical_names() -> None:
    text = "The report was first published by Russia Today and later picked up by The Guardian and AFP."
    entities = _by_name(find_entities(text, "en"))
    assert {n: e["type"] for n, e in entities.items()} == {
        "RT (Russia Today)": "organisation", "The Guardian": "organisation",
        "Agence France-Presse (AFP)": "organisation"}
    assert "Russia" not in entities  # no nested location inside the outlet's name


def test_particles_and_arabic_prefixes_stay_inside_person_names() -> None:
    text = "Syrian President Bashar al-Assad met Mohammed bin Salman in Riyadh."
    names = [(e["name"], e["type"]) for e in find_entities(text, "en")]
    assert names == [("Bashar al-Assad", "person"), ("Mohammed bin Salman", "person"), ("Riyadh", "location")]


def test_english_possessive_is_not_part_of_the_mention() -> None:
    text = "Officials in Kyiv rejected Russia's claims."
    assert [_texts(e) for e in find_entities(text, "en")] == [["Kyiv"], ["Russia"]]


def test_repeated_location_in_two_spellings_is_one_cluster() -> None:
    text = "Delegasi Rusia tiba kemarin. Pejabat Russia menyatakan hal serupa."
    [russia] = find_entities(text, "id")
    assert russia["name"] == "Russia" and _texts(russia) == ["Rusia", "Russia"]
    assert russia["geo"]["country_code"] == "RU" and russia["geo"]["feature"] == "country"


def test_unicode_capitalised_tokens_are_recognised() -> None:
    text = "Die Gespräche fanden in Zürich statt, sagte Ангела Меркель."
    entities = _by_name(find_entities(text, "und"))
    assert _texts(entities["Zürich"]) == ["Zürich"]
    assert entities["Ангела Меркель"]["type"] == "person"


def test_non_gazetteer_locations_have_no_geo() -> None:
    text = "Kapal itu melintas di Selat Hormuz pada malam hari."
    [strait] = find_entities(text, "id")
    assert strait["type"] == "location" and _texts(strait) == ["Selat Hormuz"] and "geo" not in strait


# ------------------------------------------------------------------------------- false positives


@pytest.mark.parametrize(("language", "text"), [
    ("en", "However, the talks ended. The decision was final. Meanwhile prices rose."),
    ("id", "Meskipun begitu, harga naik. Dia mengatakan hal itu. Sebelumnya pada hari itu, hujan turun."),
    ("id", "Serangan itu terjadi pada Selasa pagi. Layanan darurat bekerja. Militer mengatakan serangan berhenti."),
    ("en", "Of the 20 candidates, only three were chosen in May."),
    ("de", "Die Regierung ist in der Lage, schnell zu handeln."),
    ("en", "BREAKING NEWS: MARKETS FALL AS TRADERS PANIC OVER RATES"),
    ("fr", "Selon les experts, la situation reste tendue. Mardi, les prix ont encore augmenté."),
])
def test_positional_capitals_common_words_and_shouting_are_not_entities(language: str, text: str) -> None:
    assert find_entities(text, language) == []


def test_month_name_is_not_an_entity_but_a_surname_that_looks_like_one_is() -> None:
    text = "Former prime minister Theresa May spoke in London on 5 May."
    assert [(e["name"], e["type"]) for e in find_entities(text, "en")] == [
        ("Theresa May", "person"), ("London", "location")]


def test_shouting_line_still_yields_countries() -> None:
    text = "RUSSIA ATTACKS UKRAINE AS LEADERS MEET\nThe talks in Geneva ended."
    assert [e["name"] for e in find_entities(text, "en")] == ["Russia", "Ukraine", "Geneva"]


# ------------------------------------------------------------------------------------- robustness


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_caseless_scripts_yield_nothing_rather_than_noise(language: str) -> None:
    assert find_entities("プーチン大統領はモスクワで会議を開いた。", language) == []


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\x00\x01\x02 Putin \x07", "“" * 100_000, "A" * 5000])
def test_degenerate_inputs_return_well_formed_output(text: str) -> None:
    entities = find_entities(text, "en")
    _assert_well_formed(text, entities)


def test_megabyte_article_returns_well_formed_output() -> None:
    unit = ("Presiden Vladimir Putin bertemu Menteri Luar Negeri Rusia di Moskow. Sementara itu, "
            "Kementerian Pertahanan Ukraina di Kyiv membantah, dilansir Reuters. ")
    text = unit * (1_000_000 // len(unit))
    entities = find_entities(text, "id")
    _assert_well_formed(text, entities)
    putin = _by_name(entities)["Vladimir Putin"]
    assert len(putin["mentions"]) == text.count("Vladimir Putin")


@pytest.mark.parametrize("repeats", [1, 400])  # 400 copies: a long article (its lower-case words are indexed)
def test_a_sentence_initial_word_written_in_lower_case_elsewhere_is_not_a_name_in_short_and_long_articles(
        repeats: int) -> None:
    # "Nice" is also a city; written "nice" elsewhere, its capital only opens the sentence
    paragraph = "Nice work was done. The nice people said Vladimir Putin spoke in Moscow.\n"
    entities = find_entities(paragraph * repeats, "en")
    assert sorted(e["name"] for e in entities) == ["Moscow", "Vladimir Putin"]
    # without the lower-case use, the same capital is the city
    entities = find_entities(paragraph.replace("nice", "kind") * repeats, "en")
    assert sorted(e["name"] for e in entities) == ["Moscow", "Nice", "Vladimir Putin"]


def test_unknown_language_code_still_finds_places_and_people() -> None:
    text = "Presiden Vladimir Putin tiba di Moskow."
    assert [e["name"] for e in find_entities(text, "xx")] == ["Vladimir Putin", "Moscow"]


# ------------------------------------------------------------------------- national institutions


@pytest.mark.parametrize(("language", "text", "mention", "name"), [
    ("id", "Kementerian Pertahanan Ukraina mengatakan pasukannya bertahan di dekat Kharkiv.",
     "Kementerian Pertahanan Ukraina", "Ministry of Defence of Ukraine"),
    ("en", "The Russian Defence Ministry said on Monday its troops had advanced near Pokrovsk.",
     "Russian Defence Ministry", "Ministry of Defence of the Russian Federation"),
    ("fr", "Le ministère français des Armées a annoncé lundi l'envoi de deux frégates.",
     "ministère français des Armées", "Ministry of Defence of France"),
    ("es", "El Ministerio de Defensa de España informó el lunes del despliegue.",
     "Ministerio de Defensa de España", "Ministry of Defence of Spain"),
    ("pt", "O Ministério da Defesa do Brasil informou que as tropas chegaram.",
     "Ministério da Defesa do Brasil", "Ministry of Defence of Brazil"),
    ("ru", "Министерство обороны России сообщило, что войска заняли село.",
     "Министерство обороны", "Ministry of Defence of the Russian Federation"),
    ("de", "Das russische Verteidigungsministerium meldete am Montag neue Angriffe.",
     "Verteidigungsministerium", "Ministry of Defence of the Russian Federation"),
])
def test_an_explicit_country_qualifier_names_the_institution(language: str, text: str, mention: str,
                                                              name: str) -> None:
    entity = _by_name(find_entities(text, language))[name]
    assert entity["type"] == "organisation" and _texts(entity) == [mention]


@pytest.mark.parametrize(("language", "text", "mention", "name"), [
    ("id", "Kementerian Luar Negeri di Jakarta memanggil duta besar itu, sementara Polda Metro Jaya di Jakarta "
           "Selatan dan warga Surabaya menunggu.",
     "Kementerian Luar Negeri", "Ministry of Foreign Affairs of Indonesia"),
    ("it", "A Roma il ministero della Difesa ha confermato che i soldati sono rientrati a Milano.",
     "ministero della Difesa", "Ministry of Defence of Italy"),
    ("de", "In Berlin teilte das Bundesministerium der Verteidigung mit, dass in München geübt werde.",
     "Bundesministerium der Verteidigung", "Ministry of Defence of Germany"),
])
def test_an_unqualified_institution_takes_the_clearly_leading_home_country(language: str, text: str,
                                                                           mention: str, name: str) -> None:
    entity = _by_name(find_entities(text, language))[name]
    assert entity["type"] == "organisation" and _texts(entity) == [mention]


def test_without_a_clear_home_country_the_institution_stays_unqualified() -> None:
    # one Ukrainian and one Russian place: neither leads by 1.5x
    text = "Kementerian Keuangan menyebut pasar di Kyiv dan Moskow bergejolak."
    names = [e["name"] for e in find_entities(text, "id")]
    assert "Ministry of Finance" in names


def test_an_unqualified_mention_joins_the_only_qualified_one_of_the_same_institution() -> None:
    text = ("Kementerian Pertahanan Ukraina melaporkan serangan di Kharkiv. Kementerian Pertahanan juga "
            "menyebut pasukan Rusia mundur dari Moskow dan Belgorod.")
    entity = _by_name(find_entities(text, "id"))["Ministry of Defence of Ukraine"]
    assert _texts(entity) == ["Kementerian Pertahanan Ukraina", "Kementerian Pertahanan"]


@pytest.mark.parametrize(("language", "text", "mention", "name"), [
    # the article's places lead for Ukraine (3:2), but the ministry is the one Putin, introduced as Russia's
    # president, reports from
    ("id", "Presiden Rusia Vladimir Putin memimpin rapat di Moskow pada Senin. Warga Ukraina dan pejabat di Kyiv "
           "serta Odesa mengecam serangan itu.\nPutin mengatakan dia menerima laporan dari Kementerian "
           "Pertahanan setiap hari.",
     "Kementerian Pertahanan", "Ministry of Defence of the Russian Federation"),
    # Russian places lead 4:1, but the speaker is Ukraine's president
    ("en", "Ukrainian President Volodymyr Zelensky met officials in Kyiv on Monday. Russia said its troops had "
           "advanced near Moscow, Kursk and Belgorod.\nZelensky said the Defence Ministry had sent more air "
           "defence units.",
     "Defence Ministry", "Ministry of Defence of Ukraine"),
])
def test_an_unqualified_institution_takes_the_country_of_the_person_who_speaks_of_it(
        language: str, text: str, mention: str, name: str) -> None:
    entity = _by_name(find_entities(text, language))[name]
    assert entity["type"] == "organisation" and _texts(entity) == [mention]


def test_a_person_of_stated_country_in_another_paragraph_is_no_evidence() -> None:
    text = ("Ukrainian President Volodymyr Zelensky met officials in Kyiv on Monday. Russia said its troops had "
            "advanced near Moscow, Kursk and Belgorod.\nThe Defence Ministry said more air defence units were "
            "sent.")
    entity = _by_name(find_entities(text, "en"))["Ministry of Defence of the Russian Federation"]
    assert _texts(entity) == ["Defence Ministry"]


@pytest.mark.parametrize(("language", "text", "mention", "name"), [
    # Palestinian places lead 2:1, but the dateline says the story is reported from Jakarta
    ("id", "JAKARTA, KOMPAS.com - Kementerian Luar Negeri mengecam serangan Israel di Gaza dan Rafah.",
     "Kementerian Luar Negeri", "Ministry of Foreign Affairs of Indonesia"),
    ("en", "KYIV, Aug 8 (Reuters) - The Defence Ministry said Russian forces shelled Kursk, Belgorod and Bryansk "
           "overnight.",
     "Defence Ministry", "Ministry of Defence of Ukraine"),
])
def test_an_unqualified_institution_takes_the_datelines_country_before_the_places_count(
        language: str, text: str, mention: str, name: str) -> None:
    entity = _by_name(find_entities(text, language))[name]
    assert entity["type"] == "organisation" and _texts(entity) == [mention]


def test_a_country_opening_an_ordinary_sentence_is_no_dateline() -> None:
    # "Rusia, ..." is the subject of a sentence; the places (Kyiv, Odesa, Kharkiv) lead for Ukraine
    text = "Rusia, menurut Kementerian Pertahanan, menyerang Kyiv, Odesa dan Kharkiv."
    assert "Ministry of Defence of Ukraine" in _by_name(find_entities(text, "id"))


def test_a_possessive_country_qualifies_the_institution_after_it() -> None:
    text = "Ukraine's Foreign Ministry summoned the envoy."
    entities = _by_name(find_entities(text, "en"))
    assert _texts(entities["Ministry of Foreign Affairs of Ukraine"]) == ["Foreign Ministry"]
    assert entities["Ukraine"]["type"] == "location"


def test_named_institutions_and_longer_names_are_not_translated() -> None:
    text = "Gubernur Bank Indonesia Perry Warjiyo berbicara di Jakarta tentang Mahkamah Agung."
    entities = _by_name(find_entities(text, "id"))
    assert entities["Bank Indonesia"]["type"] == "organisation"
    assert entities["Perry Warjiyo"]["type"] == "person"
    assert _texts(entities["Supreme Court of Indonesia"]) == ["Mahkamah Agung"]
    text = "The Ministry of Defence Procurement Agency signed the contract in London."
    assert "Ministry of Defence Procurement Agency" in _by_name(find_entities(text, "en"))


def test_dutch_minister_of_a_portfolio_is_a_person_and_an_organisation() -> None:
    text = "Volgens minister Hanke Bruins Slot van Buitenlandse Zaken blijft de steun aan Kyiv en Lviv overeind."
    entities = _by_name(find_entities(text, "nl"))
    assert entities["Hanke Bruins Slot"]["type"] == "person"
    assert _texts(entities["Ministry of Foreign Affairs of Ukraine"]) == ["Buitenlandse Zaken"]


# -------------------------------------------------------------------------------- multilingual gaps


def test_german_names_opening_with_an_adjective_are_organisations() -> None:
    text = "Die Russische Eisenbahnen und die Deutsche Telekom meldeten am Montag Gewinne."
    entities = _by_name(find_entities(text, "de"))
    assert entities["Russische Eisenbahnen"]["type"] == "organisation"
    assert entities["Deutsche Telekom"]["type"] == "organisation"


def test_russian_inflected_full_names_cluster_with_unchanged_mention_text() -> None:
    text = ("Ангела Меркель прибыла в Москву. Журналисты спросили Ангелу Меркель о газе. "
            "Встреча с Ангелой Меркель продлилась час.")
    [merkel] = [e for e in find_entities(text, "ru") if e["type"] == "person"]
    assert merkel["name"] == "Ангела Меркель"
    assert _texts(merkel) == ["Ангела Меркель", "Ангелу Меркель", "Ангелой Меркель"]


@pytest.mark.parametrize(("language", "text", "written", "name", "country"), [
    ("id", "Wisatawan meninggalkan Bali setelah gempa.", "Bali", "Bali", "ID"),
    ("id", "Banjir melanda Sumatera dan Jawa pekan ini.", "Jawa", "Java", "ID"),
    ("nl", "De brug naar de Krim werd opnieuw aangevallen.", "Krim", "Crimea", "UA"),
    ("en", "Fighting continued across the Donbas on Tuesday.", "Donbas", "Donbas", "UA"),
])
def test_islands_and_regions_missing_from_the_gazetteer_are_located(language: str, text: str, written: str,
                                                                     name: str, country: str) -> None:
    entity = _by_name(find_entities(text, language))[name]
    assert entity["type"] == "location" and written in _texts(entity)
    assert entity["geo"]["country_code"] == country and entity["geo"]["feature"] == "region"


# ------------------------------------------------------------- entity kinds that made quote speakers wrong


def _kinds(text: str, language: str) -> dict[str, str]:
    """Mention text -> entity type, for every mention."""
    return {m["text"]: e["type"] for e in find_entities(text, language) for m in e["mentions"]}


@pytest.mark.parametrize(("language", "text", "company"), [
    ("en", "Shares of Lumina Systems fell on Tuesday after the chief executive resigned.", "Lumina Systems"),
    ("en", "The contract went to Corvid Labs, a start-up from Leeds.", "Corvid Labs"),
    ("en", "Executives at Bluefin Capital said the fund would close.", "Bluefin Capital"),
    ("id", "Harga saham Sinar Harapan Tbk naik tajam, kata Budi Santoso.", "Sinar Harapan Tbk"),
    ("ms", "Kontrak itu diberikan kepada Mutiara Jaya Bhd minggu lalu.", "Mutiara Jaya Bhd"),
    ("de", "Die Vogelsang Holding übernimmt das Werk, sagte Anna Vogt.", "Vogelsang Holding"),
    ("nl", "Volgens Kroonduif Media daalde de omzet, zei Pieter de Boer.", "Kroonduif Media"),
])
def test_a_name_closed_by_a_corporate_word_is_an_organisation(language: str, text: str, company: str) -> None:
    assert _kinds(text, language).get(company) == "organisation"


def test_two_companies_joined_by_a_conjunction_are_two_organisations() -> None:
    kinds = _kinds("The merger of Kestrel Airlines and Northwind Energy was approved on Monday.", "en")
    assert kinds.get("Kestrel Airlines") == "organisation"
    assert kinds.get("Northwind Energy") == "organisation"


@pytest.mark.parametrize(("language", "text", "street", "place"), [
    ("nl", "Honderden mensen verzamelden zich op het Vredenburgplein in Utrecht, zei een agent.",
     "Vredenburgplein", "Utrecht"),
    ("nl", "De optocht trok over de Oudegracht in Utrecht naar het stadhuis.", "Oudegracht", "Utrecht"),
    ("de", "Die Demonstranten zogen über die Königstraße in Stuttgart.", "Königstraße", "Stuttgart"),
    ("de", "Am Schlossplatz in Stuttgart wurde gestern demonstriert.", "Schlossplatz", "Stuttgart"),
])
def test_one_word_street_names_are_locations_and_stop_before_the_town(language: str, text: str, street: str,
                                                                      place: str) -> None:
    kinds = _kinds(text, language)
    assert kinds.get(street) == "location"
    assert kinds.get(place) == "location"
    assert not any(t == "person" for t in kinds.values())


@pytest.mark.parametrize(("language", "text", "street"), [
    ("id", "Massa berkumpul di Jalan Merdeka Barat sejak pagi.", "Jalan Merdeka Barat"),
    ("fr", "Les manifestants ont défilé sur la Rue Saint-Honoré mardi.", "Rue Saint-Honoré"),
    ("es", "Los vecinos se concentraron en la Calle Mayor el domingo.", "Calle Mayor"),
    ("en", "Protesters gathered on Bridge Street before noon.", "Bridge Street"),
])
def test_street_words_make_a_location_not_a_person(language: str, text: str, street: str) -> None:
    assert _kinds(text, language).get(street) == "location"


def test_a_dutch_name_particle_in_still_joins_before_t() -> None:
    kinds = _kinds("Het voorstel komt te laat, zei Sophie in 't Veld dinsdag.", "nl")
    assert kinds.get("Sophie in 't Veld") == "person"


@pytest.mark.parametrize(("language", "text", "org"), [
    ("nl", "Jeugdzorg Nederland zegt dat de wachtlijsten groeien.", "Jeugdzorg Nederland"),
    ("nl", "Volgens Jeugdzorg Nederland groeien de wachtlijsten.", "Jeugdzorg Nederland"),
    ("en", "The study was paid for by Cancer Research UK and published on Monday.", "Cancer Research UK"),
    ("id", "Penerbangan itu dioperasikan oleh Garuda Indonesia sejak Senin.", "Garuda Indonesia"),
    ("en", "Flights by Air Canada were cancelled, a spokeswoman said.", "Air Canada"),
])
def test_an_organisation_named_with_a_country_stays_one_organisation(language: str, text: str, org: str) -> None:
    entities = find_entities(text, language)
    [entity] = [e for e in entities if org in _texts(e)]
    assert entity["type"] == "organisation" and entity["name"] == org
    assert "geo" not in entity


def test_a_sentence_initial_noun_before_a_country_is_still_dropped_in_indonesian() -> None:
    entities = _by_name(find_entities("Pasukan Ukraina bergerak ke timur pada Selasa.", "id"))
    assert entities["Ukraine"]["type"] == "location"
    assert _texts(entities["Ukraine"]) == ["Ukraina"]


def test_a_person_whose_surname_is_a_country_stays_a_person() -> None:
    assert _kinds("The trophy was handed over by Michael Jordan on Sunday.", "en").get("Michael Jordan") == "person"


def test_a_german_noun_before_a_country_in_the_genitive_leaves_only_the_country() -> None:
    kinds = _kinds("Im Osten Frankreichs fiel am Montag Schnee.", "de")
    assert kinds.get("Frankreichs") == "location"
    assert "Osten Frankreichs" not in kinds


@pytest.mark.parametrize(("language", "text", "speaker"), [
    ("id", "Hal itu dikatakan Kepala Dinas Pendidikan Rafael Simanjuntak di Medan.", "Rafael Simanjuntak"),
    ("id", "Juru Bicara Polda Rafael Simanjuntak mengatakan pelaku sudah ditangkap.", "Rafael Simanjuntak"),
    ("id", "Pengamat Rafael Simanjuntak menilai kebijakan itu terlambat.", "Rafael Simanjuntak"),
    ("id", "Camat Rafael Simanjuntak mengatakan air mulai surut.", "Rafael Simanjuntak"),
    ("ms", "Peguam Nurul Aina Hashim berkata rayuan akan difailkan.", "Nurul Aina Hashim"),
])
def test_a_name_after_a_role_or_an_office_is_found_as_a_person(language: str, text: str, speaker: str) -> None:
    kinds = _kinds(text, language)
    assert kinds.get(speaker) == "person"
    assert not any(speaker in t and t != speaker for t in kinds)  # the office is not glued to the name


def test_an_office_whose_last_words_are_common_nouns_is_not_split_into_a_person() -> None:
    text = ("Kepala Badan Nasional Penanggulangan Bencana meninjau lokasi. Penanggulangan bencana "
            "dilakukan bersama warga.")
    assert "person" not in _kinds(text, "id").values()


@pytest.mark.parametrize(("language", "text", "person"), [
    ("de", "Landrat Michael Berg sagte, die Lage sei ernst.", "Michael Berg"),
    ("de", "Das bestätigte Staatssekretärin Petra Lang am Montag.", "Petra Lang"),
    ("de", "Oberbürgermeister Frank Nopper eröffnete die Messe.", "Frank Nopper"),
    ("nl", "Wethouder Jan de Vries opende het nieuwe zwembad.", "Jan de Vries"),
    ("fr", "Le préfet Marc Dubois a demandé l'évacuation.", "Marc Dubois"),
    ("it", "Secondo l'assessore Paolo Conti il piano è pronto.", "Paolo Conti"),
])
def test_an_official_title_is_stripped_and_the_name_is_a_person(language: str, text: str, person: str) -> None:
    kinds = _kinds(text, language)
    assert kinds.get(person) == "person"
    assert not any(person in t and t != person for t in kinds)


def test_a_surname_that_is_a_geographic_word_is_a_person_next_to_a_speech_verb() -> None:
    kinds = _kinds("Die Pläne seien veraltet, sagte Michael Berg am Abend.", "de")
    assert kinds.get("Michael Berg") == "person"


def test_an_island_after_a_royal_title_stays_a_location() -> None:
    kinds = _kinds("The largest island is King George Island, where the base is.", "en")
    assert kinds.get("George Island") == "location"


@pytest.mark.parametrize(("text", "name"), [
    ("Журналисты спросили Игоря Кравцова о планах. Игоря Кравцова поддержали коллеги. "
     "Игорь Кравцов заявил, что проект будет завершён.", "Игорь Кравцов"),
    ("Анну Кравцову поздравили коллеги. Анна Кравцова заявила, что проект будет завершён. "
     "Анну Кравцову наградили.", "Анна Кравцова"),
    ("Сергея Шойгу спросили о сроках. Сергея Шойгу видели на заводе. Об этом заявил Сергей Шойгу.",
     "Сергей Шойгу"),
])
def test_russian_person_is_named_in_the_nominative_even_when_oblique_forms_are_commoner(text: str,
                                                                                      name: str) -> None:
    [person] = [e for e in find_entities(text, "ru") if e["type"] == "person"]
    assert person["name"] == name


@pytest.mark.parametrize(("language", "text"), [
    ("nl", "De brandweer rukte uit en de politie sloot de weg af."),
    ("de", "Die Polizei sperrte die Straße, die Feuerwehr löschte den Brand."),
    ("fr", "La police a bouclé le quartier."),
    ("id", "Polisi menutup jalan itu, kata warga."),
])
def test_organisations_written_as_common_nouns_are_not_entities(language: str, text: str) -> None:
    assert find_entities(text, language) == []


# Unresolved one-token words are set aside during analysis and only become mentions in clustering when
# they can join something (see _cluster); these pin that the outcome is the same as typing them all.

def test_an_unresolved_sentence_initial_surname_joins_the_full_name_and_others_are_dropped() -> None:
    text = "Reporters met Maria Kowalczyk on Monday.\nKowalczyk arrived later. Zbigniew left."
    entities = find_entities(text, "en")
    _assert_well_formed(text, entities)
    assert [(e["name"], _texts(e)) for e in entities] == [("Maria Kowalczyk", ["Maria Kowalczyk", "Kowalczyk"])]


def test_an_unresolved_sentence_initial_surname_written_in_lower_case_elsewhere_is_dropped() -> None:
    text = "Reporters met Maria Kowalczyk on Monday.\nKowalczyk arrived later, a kowalczyk dish."
    assert [(e["name"], _texts(e)) for e in find_entities(text, "en")] == [("Maria Kowalczyk", ["Maria Kowalczyk"])]


def test_an_unresolved_word_defined_as_an_acronym_joins_its_organisation() -> None:
    text = "The National Disaster Mitigation Agency (BNPBXYZ) sent tents on Monday. BNPBXYZ will send more."
    entity = _by_name(find_entities(text, "en"))["National Disaster Mitigation Agency"]
    assert entity["type"] == "organisation"
    assert _texts(entity) == ["National Disaster Mitigation Agency", "BNPBXYZ", "BNPBXYZ"]


def test_an_unresolved_word_still_names_the_actor_an_institution_takes_its_country_from() -> None:
    # the second "Putin" stays unresolved (no full name to join) but is the speaker before the ministry;
    # without it the places (Ukraine 3 : Russia 2) would make it Ukraine's ministry
    text = ("Presiden Rusia Putin memimpin rapat di Moskow. Warga Ukraina dan pejabat di Kyiv serta Odesa mengecam "
            "serangan itu.\nPutin mengatakan dia menerima laporan dari Kementerian Pertahanan setiap hari.")
    entities = _by_name(find_entities(text, "id"))
    assert _texts(entities["Ministry of Defence of the Russian Federation"]) == ["Kementerian Pertahanan"]
    assert _texts(entities["Putin"]) == ["Putin"]


# Texts without titlecase letters are scanned with a faster pattern (see _cap_token_pattern); these pin
# that the shortcut's test is sound and that titlecase letters still open names.

def test_every_titlecase_letter_is_caught_by_the_utf8_lead_byte_test() -> None:
    from workers.nlp.entities import _TITLECASE
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    letters = _TITLECASE.findall(everything)  # as the regex module's Unicode tables have them
    assert "ǅ" in letters and "ῼ" in letters
    assert all(ch.encode()[0] in (0xC7, 0xE1) for ch in letters)


@pytest.mark.parametrize("text", [
    "U Sarajevu je ǅemal Bijedić rekao da će doći.",
    "Ο ᾨδεῖος και η ᾼθηνᾶ, ο Ῥόδιος.",
    "Angela Merkel said \ud800 in Berlin, and ǈubljana \udfff Ǉ.",
    "Hà Nội: Nguyễn Phú Trọng gặp Joe Biden.",
    "Plain ASCII text about Angela Merkel in Berlin.",
    "Angela Merkel 👍 met 𝐀𝐁 Smith and 𐐀𐐨 Deseret, 𝐀lpha \U000e0001 Ǉ Ǉ.",  # beyond the BMP
])
def test_the_fast_token_scan_finds_the_same_tokens(text: str) -> None:
    from workers.nlp.entities import _CAP_TOKEN, _cap_token_pattern
    assert ([m.span() for m in _cap_token_pattern(text).finditer(text)]
            == [m.span() for m in _CAP_TOKEN.finditer(text)])


# Texts of BMP characters only are scanned by a standard-library pattern listing the regex module's
# properties (see _bmp_cap_token): every BMP character, as a capital, inside a token, after a joiner and
# before a capital, must give the regex module's tokens.
@pytest.mark.parametrize("frame", [" {}a", "{}", " A{}", " A-{}x", "1{}", "{}B", " {}.b"])
def test_the_bmp_token_scan_agrees_with_the_regex_module_on_every_bmp_character(frame: str) -> None:
    from workers.nlp.entities import _CAP_TOKEN, _bmp_cap_token
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    text = "".join(frame.format(ch) for ch in chars)
    assert [m.span() for m in _bmp_cap_token().finditer(text)] == [m.span() for m in _CAP_TOKEN.finditer(text)]


@pytest.mark.parametrize("text, before, after", [
    ("said Putin", "said", ""),
    ("said   Putin   said it", "said", "said"),  # up to three blanks
    ("said    Putin    said it", "", ""),  # four are no neighbour
    ("said\u00a0\tPutin\t\u00a0said", "said", "said"),
    ("Putin said", "", "said"),
    ("(Putin) said", "", ""),
    ("pro-Kremlin Putin, 1st", "pro-kremlin", ""),
    ("d'Putin l'", "", "l"),
    ("x" * 50 + " Putin " + "y" * 50, "x" * 40, "y" * 40),  # a word is at most 40 letters
    ("a b.c Putin said.it", "c", "said"),
    ("\nPutin\n", "", ""),
])
def test_the_words_next_to_a_name(text: str, before: str, after: str) -> None:
    from workers.nlp.entities import _Ctx, _word_after, _word_before
    ctx = _Ctx(text=text, lex=None, language="en", tables=None)
    s = text.index("Putin")
    assert (_word_before(ctx, s), _word_after(ctx, s + 5)) == (before, after)


def test_a_name_opened_by_a_titlecase_digraph_is_found() -> None:
    text = "U Sarajevu je ǅemal Bijedić rekao da će doći."
    assert [(e["name"], e["type"]) for e in find_entities(text, "hr")] == [
        ("Sarajevo", "location"), ("ǅemal Bijedić", "person")]


# ------------------------------------------------------------- a surname that is also the name of a town


@pytest.mark.parametrize(("language", "text", "person", "surname"), [
    ("en", "Maria Lopez, a nurse from Manila, said the ward was full. Lopez had left the hospital by noon.",
     "Maria Lopez", "Lopez"),
    ("id", "Menurut Rudi Kediri, bangsal sudah penuh. Kediri kemudian pulang ke rumah.", "Rudi Kediri", "Kediri"),
    ("de", "Thomas Kassel, Pfleger aus Hamburg, sagte, die Station sei voll. Kassel habe die Klinik verlassen.",
     "Thomas Kassel", "Kassel"),
    # a first name that is a town too ("Anna") does not stop the surname from joining
    ("de", "Anna Berlin sagte, das Haus sei voll. Berlin habe das Krankenhaus verlassen.", "Anna Berlin", "Berlin"),
    ("es", "Maria Madrid, enfermera de Sevilla, dijo que la sala estaba llena. Madrid había salido del hospital.",
     "Maria Madrid", "Madrid"),
    ("fr", "Pierre Lyon, infirmier à Marseille, a dit que le service était plein. Lyon avait quitté l'hôpital.",
     "Pierre Lyon", "Lyon"),
])
def test_a_surname_that_is_also_a_town_is_the_person_after_the_full_name(language: str, text: str, person: str,
                                                                          surname: str) -> None:
    entities = find_entities(text, language)
    _assert_well_formed(text, entities)
    assert _texts(_by_name(entities)[person]) == [person, surname]
    assert not [e for e in entities if e["type"] == "location" and surname in _texts(e)]


@pytest.mark.parametrize(("language", "text", "place"), [
    ("en", "He travelled from Lopez to Manila by bus.", "Lopez"),  # no person of that name
    ("en", "Paris Hilton arrived on Monday. Paris was quiet that night.", "Paris"),  # a first name, not a surname
    ("en", "Lopez was quiet on Sunday. Maria Lopez, a nurse, said the ward was full.", "Lopez"),  # before the name
    ("en", "Maria Lopez, a nurse, said the ward was full. She grew up in Lopez, a town in Quezon.", "Lopez"),
    ("fr", "Pierre Lyon, infirmier à Marseille, a dit que le service était plein. Il est parti à Lyon.", "Lyon"),
    ("en", "The trophy was handed over by Michael Jordan on Sunday. Jordan has refused the visit.", "Jordan"),
    # "Stadt Peking" is a noun and its town, not a person: the town does not join it
    ("de", "Die Stadt Peking in China wird 2022 Gastgeber sein. Peking wird die Spiele eröffnen.", "Peking"),
    ("it", "Lo ha annunciato il Comune di Firenze lunedì. Firenze non può restare indietro.", "Firenze"),
    ("ru", "Столица Китая Пекин примет игры. Пекин станет местом проведения церемонии.", "Пекин"),
])
def test_a_town_stays_a_place_unless_the_surname_of_a_person_named_before(language: str, text: str,
                                                                          place: str) -> None:
    entities = find_entities(text, language)
    assert place in [m["text"] for e in entities if e["type"] == "location" for m in e["mentions"]]
    assert place not in [m["text"] for e in entities if e["type"] == "person" for m in e["mentions"]]


# ------------------------------------------------------------------------------ lines in capitals


def test_codes_of_one_letter_do_not_make_a_line_shouting() -> None:
    # "A1", "B2", "C3" hold one letter each, no evidence of a line in capitals: KTA is then a name
    assert _kinds("A1, B2, C3 reopen, KTA says.", "en").get("KTA") == "organisation"


@pytest.mark.parametrize(("text", "language"), [
    ("A1 B2 C3 reopen after the storm, the agency said.", "en"),
    ("Seats A1 B2 C3 were sold within minutes, organisers said.", "en"),
    ("The Airbus A320 of PNG CG4684 landed safely, said Tom Hanks.", "en"),
    ("Timnas Indonesia U-23 Lolos ke final, kata pelatih Budi Santoso.", "id"),
])
def test_a_run_holding_a_digit_is_never_a_person(text: str, language: str) -> None:
    people = [e["name"] for e in find_entities(text, language) if e["type"] == "person"]
    assert not any(ch.isdigit() for name in people for ch in name), people


@pytest.mark.parametrize("text", [
    "BREAKING: PRESIDENT OKONKWO RESIGNS",
    "COVID-19 CASES RISE AS MINISTER OKONKWO RESIGNS",
    "JAKARTA, KOMPAS.COM - OKONKWO RESIGNS",
    "A1 B2: PRESIDENT OKONKWO RESIGNS",
])
def test_a_line_in_capitals_still_yields_no_names(text: str) -> None:
    assert "person" not in _kinds(text, "en").values()
