"""Specification of the place gazetteer (workers.nlp.places.lookup_place)."""
from __future__ import annotations

import pytest

from workers.nlp.places import lookup_place


@pytest.mark.parametrize(
    ("written", "language", "name", "country_code", "feature"),
    [
        ("Rusia", "id", "Russia", "RU", "country"),
        ("Ukraina", "id", "Ukraine", "UA", "country"),
        ("Amerika Serikat", "id", "United States", "US", "country"),
        ("Jerman", "ms", "Germany", "DE", "country"),
        ("Allemagne", "fr", "Germany", "DE", "country"),
        ("Russie", "fr", "Russia", "RU", "country"),
        ("Ucrania", "es", "Ukraine", "UA", "country"),
        ("Japão", "pt", "Japan", "JP", "country"),
        ("Oekraïne", "nl", "Ukraine", "UA", "country"),
        ("Россия", "ru", "Russia", "RU", "country"),
        ("ロシア", "ja", "Russia", "RU", "country"),
        ("俄罗斯", "zh", "Russia", "RU", "country"),
        ("Moskow", "id", "Moscow", "RU", "city"),
        ("München", "de", "Munich", "DE", "city"),
        ("Pékin", "fr", "Beijing", "CN", "city"),
        ("Londres", "es", "London", "GB", "city"),
        ("Roma", "it", "Rome", "IT", "city"),
        ("Kiev", "en", "Kyiv", "UA", "city"),
        ("Den Haag", "nl", "The Hague", "NL", "city"),
    ],
)
def test_place_names_in_many_languages_resolve_to_the_english_canonical_place(
        written: str, language: str, name: str, country_code: str, feature: str) -> None:
    place = lookup_place(written, language)
    assert place is not None
    assert (place["name"], place["country_code"], place["feature"]) == (name, country_code, feature)


@pytest.mark.parametrize(("written", "name"), [("России", "Russia"), ("Москве", "Moscow"), ("Украины", "Ukraine")])
def test_inflected_russian_place_names_resolve_through_their_stem(written: str, name: str) -> None:
    place = lookup_place(written, "ru")
    assert place is not None and place["name"] == name


def test_german_genitive_resolves_to_the_country() -> None:
    place = lookup_place("Deutschlands", "de")
    assert place is not None and place["country_code"] == "DE"


def test_lookup_returns_exactly_the_documented_keys_with_plain_types() -> None:
    place = lookup_place("Kyiv")
    assert place is not None
    assert set(place) == {"name", "country_code", "lat", "lon", "geonameid", "feature"}
    assert isinstance(place["lat"], float) and isinstance(place["lon"], float)
    assert isinstance(place["geonameid"], int)
    assert 50.0 < place["lat"] < 51.0 and 30.0 < place["lon"] < 31.0  # Kyiv is at ~50.45 N, 30.52 E


def test_country_coordinates_are_those_of_its_capital() -> None:
    country, capital = lookup_place("Ukraine"), lookup_place("Kyiv")
    assert country is not None and capital is not None
    assert country["feature"] == "country"
    assert (country["lat"], country["lon"]) == (capital["lat"], capital["lon"])
    assert country["geonameid"] != capital["geonameid"]


def test_countries_win_over_cities_and_states_of_the_same_name() -> None:
    georgia = lookup_place("Georgia")
    assert georgia is not None and georgia["country_code"] == "GE" and georgia["feature"] == "country"


def test_news_usage_of_city_names_wins_over_us_states() -> None:
    new_york, washington = lookup_place("New York"), lookup_place("Washington")
    assert new_york is not None and new_york["feature"] == "city"
    assert washington is not None and washington["feature"] == "city"
    assert 38.0 < washington["lat"] < 39.5  # Washington, D.C., not Washington state (~47 N)


def test_us_states_are_regions() -> None:
    texas = lookup_place("Texas")
    assert texas is not None and texas["feature"] == "region" and texas["country_code"] == "US"


@pytest.mark.parametrize("word", ["Of", "Say", "May", "Mai", "the", "Sebelumnya", "", "   ", "x"])
def test_common_words_and_empty_input_are_not_places(word: str) -> None:
    assert lookup_place(word, "und") is None


def test_lookup_is_case_and_whitespace_insensitive() -> None:
    assert lookup_place("  amerika   serikat ", "id") == lookup_place("Amerika Serikat", "id")


@pytest.mark.parametrize(("written", "language", "name", "country_code"), [
    ("Bali", "id", "Bali", "ID"), ("Sumatera", "id", "Sumatra", "ID"), ("Krimea", "id", "Crimea", "UA"),
    ("Крыму", "ru", "Crimea", "UA"), ("Donbass", "de", "Donbas", "UA"),
])
def test_hand_listed_islands_and_regions_beat_same_named_towns(written: str, language: str, name: str,
                                                               country_code: str) -> None:
    place = lookup_place(written, language)
    assert place is not None and place["feature"] == "region"
    assert (place["name"], place["country_code"]) == (name, country_code)
    assert place["geonameid"] is None  # no verified GeoNames id: left empty rather than guessed


def test_the_gazetteer_built_in_a_child_process_is_the_one_built_in_process() -> None:
    from workers.nlp.places import _Gazetteer, _index_built_in_a_child

    here = _Gazetteer()
    here.build()
    child = _index_built_in_a_child()
    assert child is not None
    assert len(child) == len(here.index) > 100_000
    assert child == here.index
