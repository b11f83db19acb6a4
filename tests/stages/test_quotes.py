"""Specification of the quote-extraction stage (workers.stages.quotes.extract_quotes)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import workers.stages.quotes as quotes_module
from workers.stages.quote_cues import get_table, supported_languages
from workers.stages.quotes import extract_quotes
from workers.stages.sentences import segment_sentences

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000.txt"
EVAL = REPO / ".." / "shared" / "eval"
GOLD = EVAL / "seed-gold.json"


def _quotes(text: str, language: str) -> list[dict]:
    return extract_quotes(text, segment_sentences(text, language), language)


def _assert_spans_exact(text: str, found: list[dict]) -> None:
    for q in found:
        assert text[q["start"]:q["end"]] == q["text"]
        if q["cue"] is not None:
            assert text[q["cue_start"]:q["cue_end"]] == q["cue"]
        if q["speaker"] is not None:
            sp = q["speaker"]
            assert text[sp["start"]:sp["end"]] == sp["text"]


@pytest.fixture
def no_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entity recognition is another stage's job; hostile-input tests measure only this stage."""
    monkeypatch.setattr(quotes_module, "find_entities", lambda text, language: [])


# --- the seed article --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_quotes(seed_text: str) -> list[dict]:
    return _quotes(seed_text, "id")


def test_seed_direct_quote_with_postposed_ujar_is_attributed_to_putin(seed_text, seed_quotes):
    content = "Pasukan Ukraina melakukan tembakan sembarangan dari berbagai jenis senjata, termasuk " \
              "senjata roket, ke bangunan sipil, rumah, ambulans,"
    start = seed_text.index(content)
    q = next(q for q in seed_quotes if q["start"] == start)
    assert q["type"] == "direct"
    assert q["end"] == start + len(content)  # marks excluded, the comma inside them kept
    assert q["cue"] == "ujar" and q["cue_start"] == seed_text.index("ujar Putin")
    assert q["speaker"]["text"] == "Putin"
    assert q["speaker"]["start"] == seed_text.index("ujar Putin") + len("ujar ")
    assert q["speaker"]["name"] == "Vladimir Putin"


def test_seed_direct_quote_by_blogger_tersebut_resolves_to_rybar(seed_text, seed_quotes):
    content = "Berdasarkan rekaman terbaru, formasi Ukraina berhasil maju,"
    start = seed_text.index(content)
    q = next(q for q in seed_quotes if q["start"] == start)
    assert q["type"] == "direct" and q["end"] == start + len(content)
    assert q["cue"] == "tulis"
    assert q["speaker"]["text"] == "blogger tersebut"
    assert q["speaker"]["start"] == seed_text.index("blogger tersebut")
    assert q["speaker"]["name"] == "Rybar"


def test_seed_postposed_kata_without_quote_marks_is_reported_speech(seed_text, seed_quotes):
    end = seed_text.index(", kata Smirnov")
    q = next(q for q in seed_quotes if q["end"] == end)
    assert q["type"] == "indirect"
    assert q["text"].startswith("Lebih dari 2.000 orang")
    assert q["cue"] == "kata" and q["speaker"]["text"] == "Smirnov"
    assert q["speaker"]["name"] == "Aleksey Smirnov"


def test_seed_every_span_is_an_exact_slice_and_output_is_in_text_order(seed_text, seed_quotes):
    _assert_spans_exact(seed_text, seed_quotes)
    assert [q["start"] for q in seed_quotes] == sorted(q["start"] for q in seed_quotes)


@pytest.fixture(scope="module")
def gold() -> dict:
    if not EVAL.is_dir():
        pytest.skip("shared eval data not present")
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _gold_speaker_name(gold: dict, entities: list[dict], canonical: str) -> str | None:
    """The entity stage's name for the cluster the gold annotators mean by `canonical`."""
    spans = {(e["start"], e["end"]) for e in gold["entities"] if e["canonical"] == canonical}
    for ent in entities:
        if any((m["start"], m["end"]) in spans for m in ent["mentions"]):
            return ent["name"]
    return None


def test_seed_gold_all_required_quotes_found_with_cue_speaker_and_resolution(gold):
    from workers.nlp.entities import find_entities

    text = gold["text"]
    found = extract_quotes(text, gold["sentences"], "id")
    by_span = {(q["start"], q["end"]): q for q in found}
    entities = find_entities(text, "id")
    for g in (g for g in gold["quotes"] if not g["optional"]):
        q = by_span.get((g["start"], g["end"]))
        assert q is not None, f"missing {g['id']}: {g['text']!r}"
        assert q["type"] == g["type"]
        assert (q["cue"], q["cue_start"], q["cue_end"]) == (g["cue"], g["cue_start"], g["cue_end"])
        assert (q["speaker"]["start"], q["speaker"]["end"]) == (g["speaker_start"], g["speaker_end"])
        expected = _gold_speaker_name(gold, entities, g["speaker_resolved"])
        assert expected is not None, f"entity stage has no cluster for {g['speaker_resolved']!r}"
        assert q["speaker"]["name"] == expected, g["id"]


def test_seed_gold_no_quote_outside_the_gold_annotation(gold):
    text = gold["text"]
    found = extract_quotes(text, gold["sentences"], "id")
    gold_spans = {(g["start"], g["end"]) for g in gold["quotes"]}  # optional ones are allowed, not required
    assert [q["text"] for q in found if (q["start"], q["end"]) not in gold_spans] == []


# --- speaker resolution (entities supplied by hand) ----------------------------------------------


def test_pronoun_and_description_resolve_to_nearest_compatible_named_mention(monkeypatch):
    text = ("Kepala Bappenas Suharso Monoarfa hadir bersama PT Pertamina. "
            "Perusahaan itu mengatakan bahwa pasokan bahan bakar aman hingga akhir tahun. "
            "Dia menegaskan bahwa anggaran infrastruktur tidak akan dipangkas tahun ini.")

    def entities(t: str, language: str) -> list[dict]:
        def mention(s: str) -> dict:
            i = t.index(s)
            return {"start": i, "end": i + len(s), "text": s}
        return [{"name": "Suharso Monoarfa", "type": "person", "mentions": [mention("Suharso Monoarfa")]},
                {"name": "Pertamina", "type": "organisation", "mentions": [mention("PT Pertamina")]}]

    monkeypatch.setattr(quotes_module, "find_entities", entities)
    found = _quotes(text, "id")
    by_speaker = {q["speaker"]["text"]: q for q in found}
    assert by_speaker["Perusahaan itu"]["speaker"]["name"] == "Pertamina"
    assert by_speaker["Dia"]["speaker"]["name"] == "Suharso Monoarfa"


def test_role_description_prefers_the_person_carrying_that_title(monkeypatch):
    text = ("Gubernur Jawa Barat Ridwan Kamil bertemu Menteri Keuangan Sri Mulyani di Bandung. "
            "Gubernur mengatakan bahwa proyek jalan tol akan selesai tahun depan.")

    def entities(t: str, language: str) -> list[dict]:
        out = []
        for name in ("Ridwan Kamil", "Sri Mulyani"):
            i = t.index(name)
            out.append({"name": name, "type": "person", "mentions": [{"start": i, "end": i + len(name), "text": name}]})
        return out

    monkeypatch.setattr(quotes_module, "find_entities", entities)
    (q,) = _quotes(text, "id")
    assert q["speaker"]["text"] == "Gubernur"
    assert q["speaker"]["name"] == "Ridwan Kamil"  # Sri Mulyani is nearer but is a minister


def test_unresolvable_speaker_keeps_surface_and_has_no_name(no_entities):
    text = "Harga beras naik tajam sejak awal bulan, katanya."
    (q,) = _quotes(text, "id")
    assert q["cue"] == "kata" and q["speaker"]["text"] == "nya" and q["speaker"]["name"] is None


# --- languages ----------------------------------------------------------------------------------

# (language, text, type, content, cue, speaker surface)
CASES = [
    ("en", "“We will not back down,” Prime Minister Anthony Albanese said on Tuesday.",
     "direct", "We will not back down,", "said", "Anthony Albanese"),
    ("en", "The company said that its profits would fall by a third this year.",
     "indirect", "its profits would fall by a third this year", "said", "The company"),
    ("en", "Inflation will ease next year, the central bank governor said.",
     "indirect", "Inflation will ease next year", "said", "the central bank governor"),
    ("en", "According to the Ministry of Finance, the deficit narrowed to 2.1 percent in March.",
     "indirect", "the deficit narrowed to 2.1 percent in March", "According to", "the Ministry of Finance"),
    ("id", "Juru bicara kepolisian Trunoyudo Wisnu Andiko mengatakan bahwa dua tersangka telah ditangkap.",
     "indirect", "dua tersangka telah ditangkap", "mengatakan", "Trunoyudo Wisnu Andiko"),
    ("id", "Menurut Bank Indonesia, inflasi tahunan turun menjadi 2,6 persen pada Januari.",
     "indirect", "inflasi tahunan turun menjadi 2,6 persen pada Januari", "Menurut", "Bank Indonesia"),
    ("ms", "Perdana Menteri Anwar Ibrahim berkata bahawa kerajaan akan menaikkan gaji penjawat awam.",
     "indirect", "kerajaan akan menaikkan gaji penjawat awam", "berkata", "Anwar Ibrahim"),
    ("ms", "“Kita perlu bersatu,” kata Anwar dalam ucapannya di Putrajaya.",
     "direct", "Kita perlu bersatu,", "kata", "Anwar"),
    ("fr", "« Nous ne céderons pas », a déclaré le ministre de l’Intérieur.",
     "direct", "Nous ne céderons pas", "a déclaré", "le ministre"),
    ("fr", "Le président Emmanuel Macron a déclaré que la France enverrait des renforts.",
     "indirect", "la France enverrait des renforts", "a déclaré", "Emmanuel Macron"),
    ("fr", "Selon la préfecture, trois personnes ont été blessées.",
     "indirect", "trois personnes ont été blessées", "Selon", "la préfecture"),
    ("de", "„Wir werden nicht nachgeben“, sagte Bundeskanzler Olaf Scholz am Montag.",
     "direct", "Wir werden nicht nachgeben", "sagte", "Olaf Scholz"),
    ("de", "Der Minister sagte, die Lage sei unter Kontrolle.",
     "indirect", "die Lage sei unter Kontrolle", "sagte", "Der Minister"),
    ("de", "Laut Polizei wurden drei Menschen verletzt.",
     "indirect", "wurden drei Menschen verletzt", "Laut", "Polizei"),
    ("es", "El presidente Pedro Sánchez dijo que el Gobierno aprobará nuevas ayudas.",
     "indirect", "el Gobierno aprobará nuevas ayudas", "dijo", "Pedro Sánchez"),
    ("es", "—No vamos a ceder —dijo el ministro.", "direct", "No vamos a ceder", "dijo", "el ministro"),
    ("pt", "O presidente Luiz Inácio Lula da Silva disse que o governo vai ampliar o programa.",
     "indirect", "o governo vai ampliar o programa", "disse", "Luiz Inácio Lula da Silva"),
    ("pt", "Segundo a polícia, o incêndio começou durante a madrugada.",
     "indirect", "o incêndio começou durante a madrugada", "Segundo", "a polícia"),
    ("it", "Il premier Giorgia Meloni ha detto che il governo non alzerà le tasse.",
     "indirect", "il governo non alzerà le tasse", "ha detto", "Giorgia Meloni"),
    ("it", "Secondo la polizia, l’incendio è partito da un cortocircuito.",
     "indirect", "l’incendio è partito da un cortocircuito", "Secondo", "la polizia"),
    ("nl", "Premier Mark Rutte zei dat het kabinet extra geld vrijmaakt voor de zorg.",
     "indirect", "het kabinet extra geld vrijmaakt voor de zorg", "zei", "Mark Rutte"),
    ("nl", "Volgens de politie raakten drie mensen gewond.",
     "indirect", "raakten drie mensen gewond", "Volgens", "de politie"),
    ("ru", "«Мы не отступим», — сказал Владимир Путин журналистам.",
     "direct", "Мы не отступим", "сказал", "Владимир Путин"),
    ("ru", "Министр Сергей Лавров заявил, что переговоры продолжатся.",
     "indirect", "переговоры продолжатся", "заявил", "Сергей Лавров"),
    ("ru", "— Мы не отступим, — сказал министр.", "direct", "Мы не отступим,", "сказал", "министр"),
    ("ja", "岸田首相は「経済対策を急ぐ」と述べた。", "direct", "経済対策を急ぐ", "述べ", "岸田首相"),
    ("ja", "政府は、来年度の予算を増やすと発表した。", "indirect", "来年度の予算を増やす", "発表し", "政府"),
    ("ja", "警察によると、3人がけがをした。", "indirect", "3人がけがをした", "によると", "警察"),
    ("zh", "外交部发言人汪文斌表示，中方坚决反对这一做法。",
     "indirect", "中方坚决反对这一做法", "表示", "外交部发言人汪文斌"),
    ("zh", "“我们不会让步，”他说。", "direct", "我们不会让步，", "说", "他"),
    ("zh", "据新华社报道，会议将于下周举行。", "indirect", "会议将于下周举行", "据", "新华社"),
]


@pytest.mark.parametrize(("language", "text", "qtype", "content", "cue", "speaker"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_news_sentence_yields_one_attributed_quote(language, text, qtype, content, cue, speaker):
    found = _quotes(text, language)
    assert len(found) == 1, found
    (q,) = found
    assert (q["type"], q["text"], q["cue"], q["speaker"]["text"]) == (qtype, content, cue, speaker)
    _assert_spans_exact(text, found)


def test_every_listed_language_has_its_own_cue_table():
    for code in ("id", "en", "ms", "fr", "de", "es", "pt", "it", "nl", "ru", "ja", "zh"):
        assert code in supported_languages()
        assert get_table(code).language == code
    assert get_table("pt-BR").language == "pt"


def test_unknown_language_still_finds_cued_direct_quotes_by_marks_alone(no_entities):
    text = "„Wir werden nicht nachgeben, egal was die Gegenseite morgen beschließt“, so der Sprecher."
    (q,) = _quotes(text, "xx")
    assert q["type"] == "direct" and q["cue"] is None
    assert q["text"].startswith("Wir werden")


# --- quote-mark handling --------------------------------------------------------------------------


def test_cue_between_two_fragments_attributes_both(no_entities):
    text = "“The vote was fair,” the senator said, “and the result will stand.”"
    found = _quotes(text, "en")
    assert [q["text"] for q in found] == ["The vote was fair,", "and the result will stand."]
    assert {(q["cue_start"], q["speaker"]["text"]) for q in found} == {(text.index("said"), "the senator")}


def test_quote_continued_into_next_paragraph_by_repeated_opening_mark_is_one_quote(no_entities):
    text = ("“We have rebuilt the port in six months.\n"
            "“Next year we will double its capacity,” the mayor told reporters.")
    (q,) = _quotes(text, "en")
    assert q["start"] == 1 and q["end"] == text.index("”")
    assert q["cue"] == "told" and q["speaker"]["text"] == "the mayor"


def test_nested_guillemets_stay_inside_the_outer_quote(no_entities):
    text = "Le ministre a répondu : « Il a dit ‹ jamais › et il avait raison. »"
    (q,) = _quotes(text, "fr")
    assert q["text"] == "Il a dit ‹ jamais › et il avait raison."


def test_colon_introduced_straight_quote_gets_preposed_cue_and_speaker(no_entities):
    text = 'Asked about the deal, Smith said: "This agreement protects thousands of jobs in the region."'
    (q,) = _quotes(text, "en")
    assert q["text"] == "This agreement protects thousands of jobs in the region."
    assert q["cue"] == "said" and q["speaker"]["text"] == "Smith"


def test_reported_clause_wrapping_a_direct_quote_is_not_repeated_as_indirect(no_entities):
    text = 'Smith said: "This agreement protects thousands of jobs in the region."'
    assert [q["type"] for q in _quotes(text, "en")] == ["direct"]


@pytest.mark.parametrize("text", [
    "Critics dismissed the so-called “peace plan” as a stunt.",
    "She starred in “The Quiet Hour” last year.",
    "The band’s new album, “Midnight in the Garden of Good and Evil,” came out on Friday.",
    "Fans call him “The Rocket” and he seems to like it.",
    "Donald “The Donald” Trump drew a crowd in Ohio.",
    "Mereka menyebut kebijakan itu sebagai “reformasi” yang terlambat.",
    "He appeared on NBC’s “Meet the Press” and said little.",
    "In the ’90s the company grew and it didn't look back.",
])
def test_titles_scare_quotes_nicknames_and_apostrophes_are_not_quotes(no_entities, text):
    lang = "id" if "Mereka" in text else "en"
    assert [q for q in _quotes(text, lang) if q["type"] == "direct"] == []


def test_capitalised_cue_word_inside_a_sentence_is_not_a_cue(no_entities):
    text = "The United States Says Goodbye tour ended in Boston last night after forty shows."
    assert _quotes(text, "en") == []


# --- robustness ----------------------------------------------------------------------------------


def test_empty_and_blank_text_give_no_quotes(no_entities):
    assert extract_quotes("", [], "en") == []
    assert extract_quotes("  \n\t ", [], "id") == []


def test_missing_or_invalid_sentences_fall_back_to_lines(no_entities):
    text = "Lebih dari 2.000 orang telah mengungsi, kata Smirnov."
    bogus = [{"start": -5, "end": 10**9}, {"start": "x"}, {}]
    for sentences in ([], bogus):
        (q,) = extract_quotes(text, sentences, "id")
        assert q["text"] == "Lebih dari 2.000 orang telah mengungsi"


@pytest.mark.timeout(20)
@pytest.mark.parametrize("language", ["en", "id", "ja"])
@pytest.mark.parametrize("text", [
    "“" * 100_000,
    "“a”" * 50_000,
    '"' * 100_000,
    "„“«»‹›「」'\"" * 10_000,
    "\x00\x01“\x02said\x1b”\x7f" * 20_000,
    "it's don't 'a 'b c' " * 20_000,
    "\n" * 100_000 + "“x",
    "— a — said he\n" * 50_000,
    "a, " * 300_000 + "said Putin.",
    ("Putin said that the talks would resume soon. “We will not back down,” he said. " * 13_000)[:1_000_000],
], ids=["100k-open", "50k-pairs", "100k-straight", "mixed-marks", "control-chars", "apostrophes",
        "newlines", "dash-lines", "commas-1MB", "prose-1MB"])
def test_hostile_input_returns_without_error(no_entities, language, text):
    found = extract_quotes(text, [], language)
    assert isinstance(found, list)
    for q in found[:200]:
        assert text[q["start"]:q["end"]] == q["text"]


def test_public_quote_eval_set_is_readable_in_place():
    path = EVAL / "quotes-public" / "polnear-test.jsonl"
    if not path.is_file():
        pytest.skip("shared eval data not present")
    with path.open(encoding="utf-8") as fh:
        row = json.loads(fh.readline())
    found = extract_quotes(row["text"], segment_sentences(row["text"], "en"), "en")
    _assert_spans_exact(row["text"], found)
