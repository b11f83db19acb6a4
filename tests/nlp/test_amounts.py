"""Specification of amount finding (`workers.nlp.amounts.find_amounts`)."""
from __future__ import annotations

import pytest

from workers.nlp.amounts import find_amounts

KEYS = {"text", "start", "end", "value", "comparator", "value_min", "value_max", "unit"}


def _assert_spans(text: str, amounts: list[dict]) -> None:
    for a in amounts:
        assert set(a) == KEYS
        assert text[a["start"]:a["end"]] == a["text"]
        assert a["comparator"] in (">", ">=", "<", "<=", "~", None)


def _one(text: str, language: str) -> dict:
    amounts = find_amounts(text, language)
    _assert_spans(text, amounts)
    assert len(amounts) == 1, amounts
    return amounts[0]


# --- the seed --------------------------------------------------------------------------------------

def test_seed_gold_quantities_have_exact_spans_values_and_ranges(seed_text, seed_gold):
    got = {(a["start"], a["end"]): a for a in find_amounts(seed_text, "id")}
    for gold in seed_gold["quantities"]:
        a = got.get((gold["start"], gold["end"]))
        assert a is not None, gold["text"]
        assert a["text"] == gold["text"]
        assert a["value"] == gold["value"]
        assert a["comparator"] == gold.get("comparator")
        assert a["value_min"] == gold.get("value_min")
        assert a["value_max"] == gold.get("value_max")


def test_seed_units_are_people_for_orang_and_the_noun_as_written_otherwise(seed_text):
    units = {a["text"]: a["unit"] for a in find_amounts(seed_text, "id")}
    # Gold glosses the last two in English ("fighters", "pieces of heavy equipment"); we keep the noun.
    assert units == {"Lebih dari 2.000 orang": "people", "ratusan pejuang": "pejuang",
                     "puluhan peralatan berat": "peralatan berat"}


def test_seed_date_digits_are_not_amounts(seed_text):
    assert all("2024" not in a["text"] for a in find_amounts(seed_text, "id"))


# --- numbers and separators ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("id", "Sebanyak 2.000 warga mengungsi.", 2000),
        ("id", "Inflasi mencapai 2,5 persen.", 2.5),
        ("de", "Es kamen 1.500 Menschen.", 1500),
        ("es", "Llegaron 12.500 personas.", 12500),
        ("en", "Some 2,000 people fled.", 2000),
        ("en", "Growth slowed to 2.5 percent.", 2.5),
        ("ms", "Seramai 2,000 orang dipindahkan.", 2000),
        ("fr", "On compte 2 000 personnes.", 2000),
        ("fr", "La croissance atteint 3,5 %.", 3.5),
        ("ru", "Эвакуированы 2 000 человек.", 2000),
        ("en", "The firm employs 1,234,567 people.", 1234567),
        ("de", "Die Stadt hat 1.234.567 Einwohner.", 1234567),
        ("en", "Shares rose to 1,234.50 points.", 1234.5),
        ("de", "Der Index stieg auf 1.234,50 Punkte.", 1234.5),
    ],
)
def test_number_separators_follow_the_language(language, text, value):
    assert _one(text, language)["value"] == value



# Languages without word lists of their own borrow the English ones, but not English separators.
@pytest.mark.parametrize(
    ("language", "text", "span", "value"),
    [
        ("sv", "Omkring 168 000 personer evakuerades.", "168 000 personer", 168_000),
        ("no", "Rundt 168 000 personer ble evakuert.", "168 000 personer", 168_000),
        ("fi", "Noin 168 000 ihmistä evakuoitiin.", "168 000 ihmistä", 168_000),
        ("pl", "Około 168 000 osób ewakuowano.", "168 000 osób", 168_000),
        ("cs", "Kolem 168 000 lidí bylo evakuováno.", "168 000 lidí", 168_000),
        ("uk", "Близько 168 000 людей евакуювали.", "168 000 людей", 168_000),
        ("sv", "Det kostar 3 500 000 kronor.", "3 500 000 kronor", 3_500_000),
        ("pl", "Około 168\u00a0000 osób", "168\u00a0000 osób", 168_000),
        ("fi", "Noin 1\u202f250\u202f000 euroa", "1\u202f250\u202f000 euroa", 1_250_000),
        # A comma is their decimal mark, so a lone dot before three digits groups thousands.
        ("sv", "Biljetten kostar 1.000 kronor.", "1.000 kronor", 1000),
        ("cs", "Stálo to 2.500 korun.", "2.500 korun", 2500),
        ("sv", "Räntan steg med 2,5 procent.", "2,5 procent", 2.5),
        ("uk", "Ціни зросли на 3,75 відсотка.", "3,75 відсотка", 3.75),
        ("no", "Over 3 000 personer", "Over 3 000 personer", 3000),
        # Languages that group with a dot.
        ("da", "Der kom 2.000 mennesker.", "2.000 mennesker", 2000),
        ("tr", "Yaklaşık 12.500 kişi.", "12.500 kişi", 12_500),
        ("el", "Περίπου 2.000 άτομα.", "2.000 άτομα", 2000),
    ],
)
def test_languages_without_tables_read_numbers_with_their_own_separators(language, text, span, value):
    a = _one(text, language)
    assert (a["text"], a["value"]) == (span, value)


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        # A space group is three digits after a head of one to three: small numbers and years stay apart.
        ("sv", "Alternativen 1 2 3 och 12 345.", [1, 2, 3, 12_345]),
        ("pl", "W 2024 000 przypadków nie było.", []),
        ("cs", "Bylo 10 00 lidí.", [10]),
        ("fi", "Vuonna 1999 200 ihmistä kuoli.", [200]),
        # Languages with tables keep their own separators.
        ("en", "About 168 000 people.", [168]),
        ("en", "It cost 1.000 dollars.", [1]),
        ("de", "Es kamen 1.500 Menschen.", [1500]),
        ("fr", "On compte 2 000 personnes.", [2000]),
        # Languages of no known style keep the English reading.
        ("ko", "About 2,000 people and 1.5 percent.", [2000, 1.5]),
    ],
)
def test_space_groups_and_languages_with_tables_are_unchanged_by_the_fallback(language, text, values):
    amounts = find_amounts(text, language)
    _assert_spans(text, amounts)
    assert [a["value"] for a in amounts] == values

@pytest.mark.parametrize(
    ("language", "text", "value", "unit"),
    [
        ("id", "Kerugian mencapai Rp1,5 triliun.", 1_500_000_000_000, "IDR"),
        ("id", "Harga naik menjadi Rp 15.000 per liter.", 15_000, "IDR"),
        ("en", "The deal is worth $2.5bn.", 2_500_000_000, "USD"),
        ("en", "It raised 1.2 million euros.", 1_200_000, "EUR"),
        ("fr", "Le budget est de 3,5 milliards d'euros.", 3_500_000_000, "EUR"),
        ("de", "Der Schaden beträgt 1,5 Milliarden Euro.", 1_500_000_000, "EUR"),
        ("es", "Costó 3,5 millones de dólares.", 3_500_000, "USD"),
        ("pt", "O prejuízo foi de R$ 3,5 bilhões.", 3_500_000_000, "BRL"),
        ("ms", "Projek itu bernilai RM1.5 bilion.", 1_500_000_000, "MYR"),
        ("ru", "Ущерб составил 3,5 млрд рублей.", 3_500_000_000, "RUB"),
        ("zh", "损失3.5亿元。", 350_000_000, "CNY"),
        ("en", "Unemployment fell to 4.1%.", 4.1, "percent"),
        ("de", "Die Zustimmung liegt bei 30 Prozent.", 30, "percent"),
    ],
)
def test_scale_words_currencies_and_percentages(language, text, value, unit):
    a = _one(text, language)
    assert (a["value"], a["unit"]) == (value, unit)


# --- comparators, vague words, ranges --------------------------------------------------------------

@pytest.mark.parametrize(
    ("language", "text", "comparator", "value"),
    [
        ("id", "Sedikitnya 12 orang tewas.", ">=", 12),
        ("id", "Sekitar 3 juta orang terdampak.", "~", 3_000_000),
        ("en", "More than 2,000 people fled.", ">", 2000),
        ("en", "At least 24 civilians were wounded.", ">=", 24),
        ("en", "Fewer than 50 homes remain.", "<", 50),
        ("en", "Up to 300 troops will be sent.", "<=", 300),
        ("fr", "Plus de 2 000 personnes ont fui.", ">", 2000),
        ("de", "Mehr als 2.000 Menschen flohen.", ">", 2000),
        ("es", "Más de 2.000 personas huyeron.", ">", 2000),
        ("pt", "Mais de 2.000 pessoas fugiram.", ">", 2000),
        ("it", "Più di 2.000 persone sono fuggite.", ">", 2000),
        ("nl", "Meer dan 2.000 mensen vluchtten.", ">", 2000),
        ("ru", "Более 2 000 человек бежали.", ">", 2000),
        ("zh", "超过2000人逃离。", ">", 2000),
        ("ja", "2000人以上が避難した。", ">=", 2000),
    ],
)
def test_comparators_in_each_language(language, text, comparator, value):
    a = _one(text, language)
    assert (a["comparator"], a["value"]) == (comparator, value)
    if language not in ("zh", "ja"):
        assert a["unit"] == "people" or language == "en" and a["unit"] in ("civilians", "homes", "troops")


@pytest.mark.parametrize(
    ("language", "text", "low", "high", "unit"),
    [
        ("id", "Belasan rumah rusak.", 11, 19, "rumah"),
        ("id", "Puluhan ribu orang berunjuk rasa.", 10_000, 99_999, "people"),
        ("en", "Hundreds of soldiers were killed.", 100, 999, "soldiers"),
        ("en", "Tens of thousands of people marched.", 10_000, 99_999, "people"),
        ("fr", "Des centaines de manifestants ont défilé.", 100, 999, "manifestants"),
        ("de", "Zehntausende Demonstranten zogen durch Berlin.", 10_000, 99_999, "Demonstranten"),
        ("es", "Decenas de heridos fueron atendidos.", 10, 99, "heridos"),
        ("pt", "Centenas de soldados chegaram.", 100, 999, "soldados"),
        ("it", "Migliaia di persone in piazza.", 1000, 9999, "people"),
        ("nl", "Honderden soldaten zijn gewond.", 100, 999, "soldaten"),
        ("ru", "Сотни солдат погибли.", 100, 999, "солдат"),
        ("zh", "数百名士兵阵亡。", 100, 999, "people"),
    ],
)
def test_vague_quantity_words_give_a_range_and_no_value(language, text, low, high, unit):
    a = _one(text, language)
    assert (a["value"], a["value_min"], a["value_max"], a["unit"]) == (None, low, high, unit)


def test_single_approximate_words_are_values_with_tilde():
    a = _one("Une centaine de blessés ont été soignés.", "fr")
    assert (a["value"], a["comparator"], a["unit"]) == (100, "~", "blessés")


def test_numeric_ranges_fill_min_and_max():
    a = _one("Between 300-400 homes were damaged.", "en")
    assert (a["value"], a["value_min"], a["value_max"], a["unit"]) == (None, 300, 400, "homes")


def test_english_prenominal_modifier_stays_with_its_noun():
    a = _one("Flows fell to around 39.6 million cubic metres a day.", "en")
    assert (a["value"], a["unit"]) == (39_600_000, "cubic metres")


# --- what is not an amount -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("id", "Rapat dimulai pukul 10.30 WIB."),
        ("id", "Rapat dimulai pukul 10 pagi."),
        ("en", "The meeting starts at 10:30 GMT."),
        ("en", "The F-16 and the Su-34 flew over the city."),
        ("id", "Pandemi COVID-19 melanda pada 2020."),
        ("en", "The law was passed in 2023."),
        ("id", "Rapat digelar Kamis (8/8/2024) di Jakarta."),
        ("en", "The final score was 2-1."),
        ("en", "She finished 8th in the race."),
    ],
)
def test_times_model_names_years_dates_scores_and_ordinals_are_not_amounts(language, text):
    assert find_amounts(text, language) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("id", "Rapat dimulai pukul\u00a010 pagi."),
        ("id", "Rapat dimulai pkl. 10 pagi."),
        ("id", "Rapat dimulai pukul \n10 pagi."),  # a space, then a line break
        ("id", "Rapat dimulai 10\u00a0WIB."),
        ("id", "Rapat dimulai 10\tWIB."),
        ("id", "Rapat dimulai 10 \u00a0wib."),
        ("en", "It starts at \n10.30, not later."),
    ],
)
def test_clock_times_are_found_across_every_kind_of_space(language, text):
    assert find_amounts(text, language) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The meeting starts at\n10.30 on Monday."),
        ("en", "The meeting starts at\r\n10.30 on Monday."),
        ("en", "The meeting starts at \r\n 10.30 on Monday."),
        ("de", "Das Treffen beginnt um\n10.30 im Rathaus."),
        ("nl", "De vergadering begint om\n10.30 in het stadhuis."),
        ("it", "La riunione inizia alle\n10.30 in municipio."),
        ("id", "Rapat dimulai jam\n10.30 di kantor gubernur."),
        ("id", "Rapat dimulai pukul\n10.30 di kantor gubernur."),
        ("id", "Rapat dimulai pukul\r\n10 di kantor gubernur."),
    ],
)
def test_a_line_break_between_time_word_and_clock_time_is_a_space(language, text):
    assert find_amounts(text, language) == []


def test_a_blank_line_separates_a_time_word_from_the_next_paragraphs_number():
    # The word closing one paragraph does not govern the number opening the next.
    assert [a["text"] for a in find_amounts("Rapat dimulai pukul\n\n10 orang hadir.", "id")] == ["10 orang"]
    assert [a["value"] for a in find_amounts("Where is it at\n\n10.30 on the scale.", "en")] == [10.3]


def test_a_line_break_after_a_preposition_leaves_a_large_number_an_amount():
    a = _one("The drone flew at\n2,000 feet.", "en")
    assert (a["value"], a["unit"]) == (2000, "feet")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "La réunion commence à 10 h 30 au siège."),
        ("es", "La reunión empieza a las 10.30 en Madrid."),
        ("nl", "Het slachtoffer werd rond 02.30 uur gevonden."),
        ("id", "Hubungi 0812-3456-7890 untuk informasi."),
        ("en", "Call 202-555-0143 for details."),
        ("de", "Rufen Sie 030 an."),
        ("id", "Ia tinggal di RT 05/RW 03 Kelurahan Menteng."),
        ("en", "When I ran in '08, I lost."),
    ],
)
def test_minutes_clock_times_phone_numbers_and_zero_led_codes_are_not_amounts(language, text):
    assert find_amounts(text, language) == []


def test_a_zero_before_a_decimal_mark_is_still_an_amount():
    assert [a["value"] for a in find_amounts("Inflasi naik 0,5 persen, bukan 0 persen.", "id")] == [0.5, 0]
    assert [a["value"] for a in find_amounts("Rates rose 0.25 points.", "en")] == [0.25]


def test_a_thin_space_groups_thousands():
    a = _one("Il y a environ 400\u2009000\u00a0cas connus.", "fr")
    assert (a["value"], a["unit"]) == (400_000, "cas")


def test_a_number_next_to_punctuation_is_not_taken_for_a_clock_time():
    assert [a["value"] for a in find_amounts("Sebanyak (2.000) warga, dan 10, 20.", "id")] == [2000, 10, 20]


def test_a_preposition_before_a_large_number_does_not_make_it_a_clock_time():
    a = _one("The drone flew at 2,000 feet.", "en")
    assert (a["value"], a["unit"]) == (2000, "feet")


def test_excluded_spans_are_skipped():
    text = "Sebanyak 2.000 warga dan 300 polisi dikerahkan."
    start = text.index("2.000")
    assert [a["text"] for a in find_amounts(text, "id", exclude=[(start, start + 5)])] == ["300 polisi"]


def test_without_exclude_date_mentions_are_found_and_skipped():
    text = "Sebanyak 2.000 warga mengungsi sejak 12 Agustus 2024."
    assert [a["text"] for a in find_amounts(text, "id")] == ["2.000 warga"]


# --- robustness ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "",
        "“" * 100_000,
        "".join(chr(c) for c in range(32)) * 1000,
        "1" * 100_000,
        "1." * 50_000,
        "1 " * 50_000,
        "1,000," * 20_000,
        "$1 " * 30_000,
        "lebih dari " * 20_000,
        "Rp" * 50_000,
        "1\u00a0" * 50_000,
    ],
)
def test_hostile_input_is_handled_and_spans_stay_exact(text):
    for language in ("id", "en", "fr", "zh", "xx"):
        _assert_spans(text, find_amounts(text, language, exclude=[]))


# --- where an amount may start ---------------------------------------------------------------------

def test_amounts_at_the_start_of_the_text_and_after_punctuation_are_found():
    text = ("Hundreds of people fled (more than 2,000 people) and—about 300 troops—arrived; costs hit "
            "US$5 million and $2bn.")
    amounts = find_amounts(text, "en")
    _assert_spans(text, amounts)
    assert [(a["text"], a["value"], a["comparator"], a["unit"]) for a in amounts] == [
        ("Hundreds of people", None, None, "people"),
        ("more than 2,000 people", 2000, ">", "people"),
        ("about 300 troops", 300, "~", "troops"),
        ("US$5 million", 5_000_000, None, "USD"),
        ("$2bn", 2_000_000_000, None, "USD"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "span", "value"),
    [
        ("fr", "L’armée a déployé « plus de 2 000 soldats » dans la région.", "plus de 2 000 soldats", 2000),
        ("de", "(Rund 300 Soldaten) kamen am Abend an.", "Rund 300 Soldaten", 300),
        ("id", "“Sekitar 500 warga” mengungsi ke masjid.", "Sekitar 500 warga", 500),
    ],
)
def test_comparator_after_an_opening_quote_or_bracket_starts_the_amount(language, text, span, value):
    a = _one(text, language)
    assert (a["text"], a["value"]) == (span, value)


def test_a_comparator_inside_another_word_is_not_one():
    # "over" in "moreover", "some" in "awesome", "under" in "thunder": no comparator, bare numbers stay.
    texts = {a["text"]: a["comparator"] for a in find_amounts("Moreover, awesome 12 cars; thunder 40 homes.", "en")}
    assert texts == {"12 cars": None, "40 homes": None}


# --- how the pattern is tried (internals: what each shortcut must leave unchanged) -----------------

# Characters that case-blind matching ties to others in ways `str.lower` does not ("ı", "ſ", the Kelvin
# sign, "İ", the final sigma), next to amounts in several scripts.
_CASE_TRAPS = [
    "5 MİLLİON people and 7 mıllıon", "3 ſcale, 4 \u212a, 5 \u212aM, 6 ΣΣ", "Rp5 juta dan RP 7 MILIAR",
    "US$ 2,5 Mio. und 3 MRD. Euro", "более 5 МЛН руб. и 7 ТЫС.", "約5億円、3000人以上、200万ドル",
    "F16, 1990 and 2-1, 10:30 WIB", "12 PER CENT, 7 ％ and 1 ПРОЦЕНТ", "5 D’EUROS et 7 de dollars",
]


@pytest.mark.parametrize("code", ["en", "id", "de", "fr", "ru", "zh", "ja", "es", "sv", "da"])
def test_the_number_pattern_matches_at_a_digit_as_the_whole_pattern_does(code):
    from workers.nlp.amounts import _LANGS, _fallback

    lang = _LANGS.get(code) or _fallback(code)
    names = lang.number_pattern.groupindex
    for text in _CASE_TRAPS:
        for pos, ch in enumerate(text):
            if not ch.isdecimal():
                continue
            whole, number = lang.pattern.match(text, pos), lang.number_pattern.match(text, pos)
            assert (whole is None) == (number is None), (text, pos)
            if whole is not None:
                assert [whole.span(n) for n in names] == [number.span(n) for n in names], (text, pos)
                assert (whole.lastgroup == "n1") == (number.lastgroup == "n1"), (text, pos)


def test_first_character_classes_match_what_their_words_first_characters_match_case_blind():
    import re
    import sys

    from workers.nlp.amounts import _CURRENCY_SUFFIX, _PERCENT, _SCALES, _first_char_of

    every_char = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    for words in [*_SCALES.values(), _PERCENT, ["of", "de", "di", "d'", "d’", *_CURRENCY_SUFFIX]]:
        firsts = sorted({w[0] for w in words})
        literals = re.compile("|".join(map(re.escape, firsts)), re.IGNORECASE)
        look_ahead = re.compile(_first_char_of(words) + ".", re.IGNORECASE | re.DOTALL)
        assert [m.start() for m in literals.finditer(every_char)] == \
            [m.start() for m in look_ahead.finditer(every_char)], firsts


@pytest.mark.parametrize("code", ["zh", "ja"])
def test_cjk_trigger_spans_are_where_the_trigger_matches(code):
    from workers.nlp._trie import lowered
    from workers.nlp.amounts import _LANGS, _cjk_trigger_spans

    lang = _LANGS[code]
    for text in [*_CASE_TRAPS, "超过3000人，约5亿美元，数十人；HK$5，US$12，€3、数百万", "およそ5万円、少なくとも12人、￥3"]:
        low, _ = lowered(text)
        assert _cjk_trigger_spans(low, lang) == [m.start() for m in lang.trigger.finditer(low)], text
