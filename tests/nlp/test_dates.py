"""Specification of date finding and resolution (`workers.nlp.dates.find_dates`)."""
from __future__ import annotations

import datetime as dt

import pytest

from workers.nlp.dates import find_dates


def _assert_spans(text: str, dates: list[dict]) -> None:
    for d in dates:
        assert text[d["start"]:d["end"]] == d["text"]
        assert d["kind"] in ("absolute", "relative")


def _by_text(dates: list[dict]) -> dict[str, dict]:
    return {d["text"]: d for d in dates}


# --- the seed --------------------------------------------------------------------------------------

def test_seed_gold_dates_with_a_value_are_found_with_exact_span_and_value(seed_text, seed_gold):
    found = {(d["start"], d["end"]): d for d in find_dates(seed_text, "id")}
    for gold in seed_gold["dates"]:
        if gold["value"] is None:
            continue  # "Sebelumnya pada hari itu": gold allows leaving it out
        got = found.get((gold["start"], gold["end"]))
        assert got is not None, gold["text"]
        assert got["text"] == gold["text"]
        assert got["value"] == gold["value"]
        assert got["kind"] == ("absolute" if gold["kind"] == "absolute" else "relative")


def test_seed_weekday_resolves_against_the_preceding_absolute_date_when_no_reference(seed_text):
    selasa = _by_text(find_dates(seed_text, "id"))["Selasa pagi"]
    assert selasa["value"] == "2024-08-06"  # the Tuesday before Thursday 8 August 2024


# --- resolution rules ------------------------------------------------------------------------------

def test_relative_dates_resolve_against_the_reference_when_given():
    text = "Kebakaran terjadi pada Selasa pagi, kata polisi."
    [d] = find_dates(text, "id", reference=dt.date(2024, 8, 15))  # a Thursday
    assert d["value"] == "2024-08-13"
    assert d["kind"] == "relative"


def test_reference_wins_over_absolute_dates_in_the_text():
    text = "The report, dated 1 March 2024, was published. Officials met on Tuesday."
    dates = _by_text(find_dates(text, "en", reference=dt.date(2024, 8, 15)))
    assert dates["1 March 2024"]["value"] == "2024-03-01"
    assert dates["Tuesday"]["value"] == "2024-08-13"


def test_relative_date_without_any_anchor_stays_unresolved():
    [d] = find_dates("The minister resigned on Tuesday.", "en")
    assert d["text"] == "Tuesday"
    assert d["value"] is None


def test_weekday_on_the_reference_day_is_that_day():
    [d] = find_dates("The vote took place on Thursday.", "en", reference=dt.date(2024, 8, 8))
    assert d["value"] == "2024-08-08"


def test_last_and_next_move_strictly_before_and_after_the_reference():
    ref = dt.date(2024, 8, 8)  # Thursday
    dates = _by_text(find_dates("Talks failed last Thursday and resume next Thursday.", "en", reference=ref))
    assert dates["last Thursday"]["value"] == "2024-08-01"
    assert dates["next Thursday"]["value"] == "2024-08-15"
    later = _by_text(find_dates("Rapat digelar Senin depan.", "id", reference=ref))
    assert later["Senin depan"]["value"] == "2024-08-12"


def test_yesterday_today_tomorrow_are_offsets_from_the_anchor():
    ref = dt.date(2024, 1, 1)
    dates = _by_text(find_dates("Kemarin hujan, hari ini cerah, besok mendung.", "id", reference=ref))
    assert dates["Kemarin"]["value"] == "2023-12-31"
    assert dates["hari ini"]["value"] == "2024-01-01"
    assert dates["besok"]["value"] == "2024-01-02"


def test_year_less_date_takes_the_year_closest_to_the_anchor():
    dates = _by_text(find_dates("Le sommet du 28 décembre a été reporté.", "fr", reference=dt.date(2025, 1, 3)))
    assert dates["28 décembre"]["value"] == "2024-12-28"


# --- forms per language ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("language", "text", "span", "value"),
    [
        ("en", "The ceasefire began on Thursday, August 8, 2024, officials said.", "Thursday, August 8, 2024",
         "2024-08-08"),
        ("en", "It was signed on 8 August 2024 in Geneva.", "8 August 2024", "2024-08-08"),
        ("en", "Figures for May 2024 were revised.", "May 2024", "2024-05"),
        ("id", "Rapat digelar Kamis (8/8/2024) di Jakarta.", "Kamis (8/8/2024)", "2024-08-08"),
        ("id", "Undang-undang itu disahkan pada 17 Agustus 2024.", "17 Agustus 2024", "2024-08-17"),
        ("ms", "Mesyuarat itu diadakan pada 8 Ogos 2024 di Putrajaya.", "8 Ogos 2024", "2024-08-08"),
        ("fr", "Le texte a été adopté le jeudi 8 août 2024 à Paris.", "jeudi 8 août 2024", "2024-08-08"),
        ("fr", "La réforme entre en vigueur le 1er janvier 2025.", "1er janvier 2025", "2025-01-01"),
        ("de", "Am Donnerstag, den 8. August 2024 wurde abgestimmt.", "Donnerstag, den 8. August 2024",
         "2024-08-08"),
        ("de", "Stand: 08.08.2024", "08.08.2024", "2024-08-08"),
        ("es", "El jueves 8 de agosto de 2024 se firmó el acuerdo.", "jueves 8 de agosto de 2024",
         "2024-08-08"),
        ("pt", "Na quinta-feira, 8 de agosto de 2024, o acordo foi assinado.",
         "quinta-feira, 8 de agosto de 2024", "2024-08-08"),
        ("it", "Giovedì 8 agosto 2024 il governo ha approvato il decreto.", "Giovedì 8 agosto 2024",
         "2024-08-08"),
        ("nl", "Op donderdag 8 augustus 2024 stemde de Kamer in.", "donderdag 8 augustus 2024", "2024-08-08"),
        ("ru", "В четверг, 8 августа 2024 года, было подписано соглашение.", "четверг, 8 августа 2024",
         "2024-08-08"),
        ("zh", "2024年8月8日，双方签署了协议。", "2024年8月8日", "2024-08-08"),
        ("ja", "2024年8月8日に合意が署名された。", "2024年8月8日", "2024-08-08"),
        ("en", "Published 2024-08-08T10:30:00Z by the desk.", "2024-08-08T10:30:00Z", "2024-08-08T10:30:00Z"),
    ],
)
def test_absolute_dates_in_each_language(language, text, span, value):
    dates = find_dates(text, language)
    _assert_spans(text, dates)
    got = _by_text(dates)
    assert span in got, dates
    assert got[span]["value"] == value


@pytest.mark.parametrize(
    ("language", "text", "span"),
    [
        ("en", "The blast happened on Tuesday night near the port.", "Tuesday night"),
        ("fr", "L'explosion a eu lieu mardi soir près du port.", "mardi soir"),
        ("de", "Die Explosion ereignete sich am Dienstagabend.", "Dienstagabend"),
        ("es", "La explosión ocurrió el martes por la noche.", "martes por la noche"),
        ("pt", "A explosão aconteceu na terça-feira à noite.", "terça-feira à noite"),
        ("it", "L'esplosione è avvenuta martedì sera vicino al porto.", "martedì sera"),
        ("nl", "De explosie vond dinsdagavond plaats.", "dinsdagavond"),
        ("ms", "Letupan itu berlaku pada Selasa malam.", "Selasa malam"),
        ("ru", "Взрыв произошел во вторник вечером.", "вторник вечером"),
        ("zh", "爆炸发生在星期二晚上。", "星期二"),
    ],
)
def test_weekday_mentions_resolve_to_the_most_recent_such_weekday(language, text, span):
    dates = _by_text(find_dates(text, language, reference=dt.date(2024, 8, 8)))
    assert dates[span]["value"] == "2024-08-06"
    assert dates[span]["kind"] == "relative"


def test_numeric_day_month_order_follows_the_language_unless_unambiguous():
    assert find_dates("Filed 8/6/2024.", "en")[0]["value"] == "2024-08-06"  # US month/day
    assert find_dates("Diajukan 8/6/2024.", "id")[0]["value"] == "2024-06-08"
    assert find_dates("Filed 25/12/2024.", "en")[0]["value"] == "2024-12-25"


def test_indonesian_day_month_after_weekday_without_year():
    [d] = find_dates("Polisi menangkap pelaku pada Minggu (4/8).", "id", reference=dt.date(2024, 8, 8))
    assert d["text"] == "Minggu (4/8)"
    assert d["value"] == "2024-08-04"


# --- what is not a date ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("id", "Harga naik dalam seminggu terakhir dan minggu lalu stabil."),  # minggu = week
        ("pt", "Foi a segunda vez que a quinta edição foi adiada."),  # segunda/quinta = second/fifth
        ("en", "Officials may 5 times revise the figure of 1.234.567 and 31/02/2024 is not a day."),
        ("id", "Sebanyak 1.234.567 pemilih terdaftar."),
        ("en", "The score was 3/4 of the total."),
    ],
)
def test_homographs_amounts_and_impossible_dates_are_not_dates(language, text):
    assert find_dates(text, language) == []


# --- robustness ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "",
        "“" * 100_000,
        "".join(chr(c) for c in range(32)) * 1000,
        "8/" * 50_000,
        "1." * 50_000,
        "Selasa " * 20_000,
        "8 Agustus " * 20_000,
    ],
)
def test_hostile_input_is_handled_and_spans_stay_exact(text):
    for language in ("id", "en", "zh", "xx"):
        _assert_spans(text, find_dates(text, language))


def test_one_megabyte_article_keeps_every_span_exact(seed_text):
    text = (seed_text * (1_000_000 // len(seed_text) + 1))[:1_000_000]
    dates = find_dates(text, "id")
    _assert_spans(text, dates)
    assert sum(d["value"] == "2024-08-08" for d in dates) >= 400


def test_unknown_language_falls_back_without_failing():
    assert find_dates("Signed 2024-08-08 in Geneva.", "xx")[0]["value"] == "2024-08-08"


# --- where a mention may start ---------------------------------------------------------------------

def test_mentions_at_the_start_of_the_text_and_after_punctuation_are_found():
    text = "Yesterday, officials met (Tuesday) and again “Monday”—Friday too."
    dates = find_dates(text, "en", reference=dt.date(2024, 8, 8))  # a Thursday
    assert [(d["text"], d["value"]) for d in dates] == [
        ("Yesterday", "2024-08-07"), ("Tuesday", "2024-08-06"), ("Monday", "2024-08-05"), ("Friday", "2024-08-02")]


def test_numbers_that_cannot_start_a_date_do_not_hide_the_dates_around_them():
    text = "Sebanyak 150 orang, 12000 warga dan 2024 relawan hadir pada 8/8/2024, 2024/08/09 dan 2024-08-10."
    assert [(d["text"], d["value"]) for d in find_dates(text, "id")] == [
        ("8/8/2024", "2024-08-08"), ("2024/08/09", "2024-08-09"), ("2024-08-10", "2024-08-10")]


def test_a_year_before_nian_with_or_without_one_space_starts_a_cjk_date():
    text = "The Chinese edition printed the date as 2024 年8月8日 and 2024年8月9日."
    assert [(d["text"], d["value"]) for d in find_dates(text, "en")] == [
        ("2024 年8月8日", "2024-08-08"), ("2024年8月9日", "2024-08-09")]


def test_text_with_a_dotted_capital_i_keeps_exact_spans():
    # "İ" lower-cases to two characters; the finder must not shift offsets or lose dates after it.
    text = "İSTANBUL (Reuters) - Talks resumed on Tuesday, 6 August 2024, after İzmir hosted them on 2024-08-01."
    dates = find_dates(text, "en")
    _assert_spans(text, dates)
    assert [(d["text"], d["start"], d["value"]) for d in dates] == [
        ("Tuesday, 6 August 2024", text.index("Tuesday"), "2024-08-06"),
        ("2024-08-01", text.index("2024-08-01"), "2024-08-01")]


def test_a_trigger_word_inside_another_word_is_not_a_date():
    # "mar", "may", "jun" and "sept" start month names but are here parts of other words.
    assert find_dates("The summary of the mayor's marathon on the junction was septic.", "en") == []


@pytest.mark.parametrize(
    ("language", "text", "span"),
    [
        ("en", "The minister resigned on Tuesday after a week of protests.", "Tuesday"),
        ("id", "Menteri itu mengundurkan diri pada Selasa lalu setelah sepekan unjuk rasa.", "Selasa lalu"),
        ("ms", "Menteri itu meletakkan jawatan pada Selasa lepas selepas seminggu protes.", "Selasa lepas"),
        ("fr", "Le ministre a démissionné mardi dernier après une semaine de manifestations.", "mardi dernier"),
        ("de", "Der Minister ist am Dienstag nach einer Woche voller Proteste zurückgetreten.", "Dienstag"),
        ("es", "El ministro dimitió el martes tras una semana de protestas.", "martes"),
        ("pt", "O ministro renunciou na terça-feira após uma semana de protestos.", "terça-feira"),
        ("it", "Il ministro si è dimesso martedì dopo una settimana di proteste.", "martedì"),
        ("nl", "De minister trad dinsdag af na een week van protesten.", "dinsdag"),
    ],
)
def test_weekday_in_running_news_text_resolves_against_the_reference(language, text, span):
    [d] = find_dates(text, language, reference=dt.date(2024, 8, 8))  # a Thursday
    assert (d["text"], d["value"], d["kind"]) == (span, "2024-08-06", "relative")


# --- how the pattern is tried (internals: what each shortcut must leave unchanged) -----------------

_CASE_TRAPS = [
    "Kamis (8/8/2024), 2024-08-08T10:30:00Z, 8 AUGUST 2024 and İ8 Aug. 9th, 2024",
    "on ſunday, 3 ſeptember; TUESDAY NIGHT; yesterday, \u212aamis 12/03/24", "le 1er JANVIER 2024, lundi dernier",
    "2024年8月8日、8月9日、昨天、星期三", "в прошлый ВТОРНИК, 5 МАЯ 2024 года", "am 8. August 2024, Montagabend",
]


@pytest.mark.parametrize("code", ["en", "id", "fr", "de", "ru", "zh", "ja", "es", "pt"])
def test_digit_and_word_patterns_match_as_their_alternation_does(code):
    import re

    from workers.nlp.dates import _LANGS

    lang = _LANGS[code]
    whole = re.compile(f"{lang.digit_pattern.pattern}|{lang.word_pattern.pattern}", re.IGNORECASE)
    for text in _CASE_TRAPS:
        for pos, ch in enumerate(text):
            m = whole.match(text, pos)
            part = (lang.digit_pattern if ch.isdecimal() else lang.word_pattern).match(text, pos)
            got = None if part is None else (part.span(), {k: v for k, v in part.groupdict().items() if v})
            want = None if m is None else (m.span(), {k: v for k, v in m.groupdict().items() if v})
            assert got == want, (text, pos)


@pytest.mark.parametrize("code", ["zh", "ja"])
def test_cjk_trigger_starts_are_where_the_trigger_matches(code):
    from workers.nlp._trie import lowered
    from workers.nlp.dates import _LANGS, _cjk_trigger_starts

    lang = _LANGS[code]
    for text in [*_CASE_TRAPS, "今天12点，2024年8月8日星期四、明天、十一月3日、礼拜天"]:
        low, _ = lowered(text)
        assert _cjk_trigger_starts(low, lang) == [m.start() for m in lang.trigger.finditer(low)], text
