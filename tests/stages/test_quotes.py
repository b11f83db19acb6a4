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


def test_quoted_outlet_name_inside_a_sentence_is_not_a_quote():
    text = "Как рассказал «Вестнику» директор школы Марина Белова, занятия начнутся в понедельник."
    found = extract_quotes(text, segment_sentences(text, "ru"), "ru",
                           entities=_hand_entities(text, {"Марина Белова": ("person", ["Марина Белова"])}))
    assert all(q["text"] != "Вестнику" for q in found)


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


# --- reported speech across languages (entities supplied by hand, as the pipeline passes them) -----

P, O, L = "person", "organisation", "location"

# (language, text, {entity name: (type, [mention surfaces])},
#  [(type, content, cue, speaker surface, resolved speaker name)] in text order)
REPORTED = [
 # ---------------- en
 ("en", "Finance Minister Jim Chalmers says the budget will return to surplus next year.",
  {"Jim Chalmers": (P, ["Jim Chalmers"])},
  [("indirect", "the budget will return to surplus next year", "says", "Jim Chalmers", "Jim Chalmers")]),
 ("en", "The Reserve Bank warned on Tuesday that inflation could stay above its target until 2026.",
  {"Reserve Bank": (O, ["Reserve Bank"])},
  [("indirect", "inflation could stay above its target until 2026", "warned", "Reserve Bank", "Reserve Bank")]),
 ("en", "Police told reporters that the suspect, a 34-year-old man, had been arrested near the border.", {},
  [("indirect", "the suspect, a 34-year-old man, had been arrested near the border", "told", "Police", None)]),
 ("en", "Qantas posted a record loss last year. The company said in a statement that it would cut 1,200 jobs by December.",
  {"Qantas": (O, ["Qantas"])},
  [("indirect", "it would cut 1,200 jobs by December", "said", "The company", "Qantas")]),
 ("en", "“We are ready to talk, but not at any price,” said Foreign Minister Penny Wong.",
  {"Penny Wong": (P, ["Penny Wong"])},
  [("direct", "We are ready to talk, but not at any price,", "said", "Penny Wong", "Penny Wong")]),
 ("en", "The strike will continue until the government makes a better offer, union secretary Sally McManus said on Friday.",
  {"Sally McManus": (P, ["Sally McManus"])},
  [("indirect", "The strike will continue until the government makes a better offer", "said", "Sally McManus", "Sally McManus")]),
 ("en", "The minister’s spokesman said the visit had been postponed because of the weather.", {},
  [("indirect", "the visit had been postponed because of the weather", "said", "The minister’s spokesman", None)]),
 ("en", "Senator Lisa Murkowski denied that she had discussed the nomination with the White House.",
  {"Lisa Murkowski": (P, ["Lisa Murkowski"]), "White House": (O, ["White House"])},
  [("indirect", "she had discussed the nomination with the White House", "denied", "Lisa Murkowski", "Lisa Murkowski")]),
 ("en", "The talks collapsed late on Sunday, according to two officials familiar with the matter.", {},
  [("indirect", "The talks collapsed late on Sunday", "according to", "two officials", None)]),
 ("en", "Opposition leader Peter Dutton said the plan was “a recipe for higher power bills” and would hurt families.",
  {"Peter Dutton": (P, ["Peter Dutton"])},
  [("indirect", "the plan was “a recipe for higher power bills” and would hurt families", "said", "Peter Dutton", "Peter Dutton")]),
 ("en", "“The water rose very fast. We lost everything in less than an hour,” one resident told the ABC.",
  {"ABC": (O, ["ABC"])},
  [("direct", "The water rose very fast. We lost everything in less than an hour,", "told", "one resident", None)]),
 ("en", "“We have done our job this week,” coach Ange Postecoglou said.\n\n“Now it is up to the players to finish the season strongly at home.”",
  {"Ange Postecoglou": (P, ["Ange Postecoglou"])},
  [("direct", "We have done our job this week,", "said", "Ange Postecoglou", "Ange Postecoglou"),
   ("direct", "Now it is up to the players to finish the season strongly at home.", None, "Ange Postecoglou", "Ange Postecoglou")]),
 ("en", "Elon Musk lost the case on Monday. Musk wrote on X that the company would appeal the ruling.",
  {"Elon Musk": (P, ["Elon Musk", "Musk"])},
  [("indirect", "the company would appeal the ruling", "wrote", "Musk", "Elon Musk")]),
 ("en", "Detective Inspector Sarah Jones said two people had been questioned. She added that the investigation was still at an early stage.",
  {"Sarah Jones": (P, ["Sarah Jones"])},
  [("indirect", "two people had been questioned", "said", "Sarah Jones", "Sarah Jones"),
   ("indirect", "the investigation was still at an early stage", "added", "She", "Sarah Jones")]),
 ("en", "The Ministry of Defence opened an inquiry last month. The ministry acknowledged that several files had been lost during the move.",
  {"Ministry of Defence": (O, ["Ministry of Defence"])},
  [("indirect", "several files had been lost during the move", "acknowledged", "The ministry", "Ministry of Defence")]),
 ("en", "Talks with the unions will resume next week, said a government spokesman.", {},
  [("indirect", "Talks with the unions will resume next week", "said", "a government spokesman", None)]),
 ("en", "Donald Trump, who spoke at a rally in Ohio, said the election had been stolen from him.",
  {"Donald Trump": (P, ["Donald Trump"])},
  [("indirect", "the election had been stolen from him", "said", "Donald Trump", "Donald Trump")]),
 ("en", "Greenpeace published its annual report on Monday. They said deforestation in the Amazon had slowed for a second year.",
  {"Greenpeace": (O, ["Greenpeace"])},
  [("indirect", "deforestation in the Amazon had slowed for a second year", "said", "They", "Greenpeace")]),
 ("en", "The company plans to open a new plant in Ohio next year.", {}, []),
 ("en", "Many voters believe that the economy is getting worse.", {}, []),
 ("en", "He said goodbye to his colleagues on Friday.", {}, []),
 # ---------------- id
 ("id", "“Kami tidak akan mundur sedikit pun,” ujar Menteri Luar Negeri Retno Marsudi di Jakarta, Senin (5/2/2024).",
  {"Retno Marsudi": (P, ["Retno Marsudi"])},
  [("direct", "Kami tidak akan mundur sedikit pun,", "ujar", "Retno Marsudi", "Retno Marsudi")]),
 ("id", "Juru bicara Kementerian Kesehatan Siti Nadia Tarmizi menjelaskan, jumlah kasus baru turun dalam dua pekan terakhir.",
  {"Siti Nadia Tarmizi": (P, ["Siti Nadia Tarmizi"]), "Kementerian Kesehatan": (O, ["Kementerian Kesehatan"])},
  [("indirect", "jumlah kasus baru turun dalam dua pekan terakhir", "menjelaskan", "Siti Nadia Tarmizi", "Siti Nadia Tarmizi")]),
 ("id", "Harga cabai diperkirakan terus naik hingga Lebaran, kata Kepala Badan Pangan Nasional Arief Prasetyo Adi.",
  {"Arief Prasetyo Adi": (P, ["Arief Prasetyo Adi"]), "Badan Pangan Nasional": (O, ["Badan Pangan Nasional"])},
  [("indirect", "Harga cabai diperkirakan terus naik hingga Lebaran", "kata", "Arief Prasetyo Adi", "Arief Prasetyo Adi")]),
 ("id", "Menurut polisi, kebakaran itu dipicu korsleting listrik di lantai dua.", {},
  [("indirect", "kebakaran itu dipicu korsleting listrik di lantai dua", "Menurut", "polisi", None)]),
 ("id", "Presiden Joko Widodo mengatakan pemerintah akan “all out” membantu korban banjir di Demak.",
  {"Joko Widodo": (P, ["Joko Widodo"])},
  [("indirect", "pemerintah akan “all out” membantu korban banjir di Demak", "mengatakan", "Joko Widodo", "Joko Widodo")]),
 ("id", "Gubernur Jawa Tengah Ganjar Pranowo meninjau lokasi banjir. Ia menegaskan bahwa semua pengungsi akan mendapat makanan.",
  {"Ganjar Pranowo": (P, ["Ganjar Pranowo"])},
  [("indirect", "semua pengungsi akan mendapat makanan", "menegaskan", "Ia", "Ganjar Pranowo")]),
 ("id", "Kementerian Luar Negeri memanggil duta besar Rusia. Kementerian itu mengatakan langkah tersebut merupakan protes resmi.",
  {"Kementerian Luar Negeri": (O, ["Kementerian Luar Negeri"])},
  [("indirect", "langkah tersebut merupakan protes resmi", "mengatakan", "Kementerian itu", "Kementerian Luar Negeri")]),
 ("id", "Situasi di perbatasan sudah kondusif, katanya kepada wartawan.", {},
  [("indirect", "Situasi di perbatasan sudah kondusif", "kata", "nya", None)]),
 ("id", "“Kami sudah bekerja maksimal,” kata Kapolda Metro Jaya Irjen Karyoto.\n\n“Semua pelaku akan kami tangkap dalam waktu dekat dan kami proses sesuai hukum.”",
  {"Karyoto": (P, ["Karyoto"])},
  [("direct", "Kami sudah bekerja maksimal,", "kata", "Karyoto", "Karyoto"),
   ("direct", "Semua pelaku akan kami tangkap dalam waktu dekat dan kami proses sesuai hukum.", None, "Karyoto", "Karyoto")]),
 ("id", "Greenpeace Indonesia merilis laporan terbaru pada Kamis. Mereka menyebut deforestasi di Kalimantan meningkat tajam.",
  {"Greenpeace Indonesia": (O, ["Greenpeace Indonesia"])},
  [("indirect", "deforestasi di Kalimantan meningkat tajam", "menyebut", "Mereka", "Greenpeace Indonesia")]),
 ("id", "Pemerintah berencana membangun bendungan baru di Jawa Barat tahun depan.", {}, []),
 # ---------------- ms
 ("ms", "Perdana Menteri Anwar Ibrahim berkata bahawa kerajaan akan menaikkan gaji penjawat awam.",
  {"Anwar Ibrahim": (P, ["Anwar Ibrahim"])},
  [("indirect", "kerajaan akan menaikkan gaji penjawat awam", "berkata", "Anwar Ibrahim", "Anwar Ibrahim")]),
 ("ms", "Menurut polis, mangsa ditemui di dalam kereta yang terbakar.", {},
  [("indirect", "mangsa ditemui di dalam kereta yang terbakar", "Menurut", "polis", None)]),
 ("ms", "Menteri Kesihatan Dzulkefly Ahmad hadir di majlis itu. Beliau berkata, kerajaan tidak akan menaikkan harga ubat tahun ini.",
  {"Dzulkefly Ahmad": (P, ["Dzulkefly Ahmad"])},
  [("indirect", "kerajaan tidak akan menaikkan harga ubat tahun ini", "berkata", "Beliau", "Dzulkefly Ahmad")]),
 ("ms", "“Kita perlu bersatu untuk membina semula negara,” kata Anwar dalam ucapannya di Putrajaya.",
  {"Anwar Ibrahim": (P, ["Anwar"])},
  [("direct", "Kita perlu bersatu untuk membina semula negara,", "kata", "Anwar", "Anwar Ibrahim")]),
 # ---------------- fr
 ("fr", "« Nous ne céderons pas », a déclaré le ministre de l’Intérieur.", {},
  [("direct", "Nous ne céderons pas", "a déclaré", "le ministre", None)]),
 ("fr", "Le Premier ministre Michel Barnier s’est exprimé mardi. « La situation est grave », a-t-il déclaré devant les députés.",
  {"Michel Barnier": (P, ["Michel Barnier"])},
  [("direct", "La situation est grave", "a-t-il déclaré", "il", "Michel Barnier")]),
 ("fr", "Le gouvernement a annoncé que les retraites seraient revalorisées de 2,2 % en janvier.", {},
  [("indirect", "les retraites seraient revalorisées de 2,2 % en janvier", "a annoncé", "Le gouvernement", None)]),
 ("fr", "La situation reste très tendue dans le nord du pays, a indiqué la préfecture.", {},
  [("indirect", "La situation reste très tendue dans le nord du pays", "a indiqué", "la préfecture", None)]),
 ("fr", "Selon le parquet, deux suspects ont été placés en garde à vue.", {},
  [("indirect", "deux suspects ont été placés en garde à vue", "Selon", "le parquet", None)]),
 ("fr", "« Nous allons reconstruire l’école avant la rentrée », assure Jean Dupont, le maire de la commune.",
  {"Jean Dupont": (P, ["Jean Dupont"])},
  [("direct", "Nous allons reconstruire l’école avant la rentrée", "assure", "Jean Dupont", "Jean Dupont")]),
 ("fr", "Le président Emmanuel Macron a affirmé que la réforme était « indispensable » pour l’avenir du pays.",
  {"Emmanuel Macron": (P, ["Emmanuel Macron"])},
  [("indirect", "la réforme était « indispensable » pour l’avenir du pays", "a affirmé", "Emmanuel Macron", "Emmanuel Macron")]),
 ("fr", "La ministre de la Santé Catherine Vautrin était à Lyon jeudi. Elle a affirmé qu’aucune décision n’avait encore été prise.",
  {"Catherine Vautrin": (P, ["Catherine Vautrin"])},
  [("indirect", "aucune décision n’avait encore été prise", "a affirmé", "Elle", "Catherine Vautrin")]),
 ("fr", "Il faudra encore plusieurs semaines pour rétablir le courant, explique un responsable d’Enedis.",
  {"Enedis": (O, ["Enedis"])},
  [("indirect", "Il faudra encore plusieurs semaines pour rétablir le courant", "explique", "un responsable", "Enedis")]),
 # ---------------- de
 ("de", "„Wir werden nicht nachgeben“, sagte Bundeskanzler Olaf Scholz am Montag.",
  {"Olaf Scholz": (P, ["Olaf Scholz"])},
  [("direct", "Wir werden nicht nachgeben", "sagte", "Olaf Scholz", "Olaf Scholz")]),
 ("de", "Die Lage sei unter Kontrolle, sagte ein Sprecher der Polizei.", {},
  [("indirect", "Die Lage sei unter Kontrolle", "sagte", "ein Sprecher der Polizei", None)]),
 ("de", "Die Ministerin erklärte, dass die Regierung neue Hilfen plane.", {},
  [("indirect", "die Regierung neue Hilfen plane", "erklärte", "Die Ministerin", None)]),
 ("de", "Bundespräsident Frank-Walter Steinmeier besuchte am Sonntag die Unglücksstelle. „Das ist ein schwerer Tag für unser Land“, sagte er.",
  {"Frank-Walter Steinmeier": (P, ["Frank-Walter Steinmeier"])},
  [("direct", "Das ist ein schwerer Tag für unser Land", "sagte", "er", "Frank-Walter Steinmeier")]),
 ("de", "Nach Angaben der Feuerwehr brach das Feuer gegen drei Uhr im Keller aus.", {},
  [("indirect", "brach das Feuer gegen drei Uhr im Keller aus", "Nach Angaben", "der Feuerwehr", None)]),
 ("de", "Der Konzern teilte mit, die Produktion werde im Herbst wieder aufgenommen.", {},
  [("indirect", "die Produktion werde im Herbst wieder aufgenommen", "teilte mit", "Der Konzern", None)]),
 ("de", "Merz betonte, Deutschland stehe fest an der Seite der Ukraine.",
  {"Friedrich Merz": (P, ["Merz"])},
  [("indirect", "Deutschland stehe fest an der Seite der Ukraine", "betonte", "Merz", "Friedrich Merz")]),
 ("de", "Scholz sagte, die Entscheidung sei „ein schwerer Fehler“ gewesen.",
  {"Olaf Scholz": (P, ["Scholz"])},
  [("indirect", "die Entscheidung sei „ein schwerer Fehler“ gewesen", "sagte", "Scholz", "Olaf Scholz")]),
 # ---------------- es
 ("es", "—No vamos a ceder —dijo el ministro.", {},
  [("direct", "No vamos a ceder", "dijo", "el ministro", None)]),
 ("es", "“No vamos a permitir más retrasos en las obras”, dijo el ministro de Transportes, Óscar Puente.",
  {"Óscar Puente": (P, ["Óscar Puente"])},
  [("direct", "No vamos a permitir más retrasos en las obras", "dijo", "el ministro", "Óscar Puente")]),
 ("es", "Según la policía, el incendio comenzó de madrugada en la cocina.", {},
  [("indirect", "el incendio comenzó de madrugada en la cocina", "Según", "la policía", None)]),
 ("es", "El presidente Pedro Sánchez afirmó que España reconocerá al Estado palestino.",
  {"Pedro Sánchez": (P, ["Pedro Sánchez"])},
  [("indirect", "España reconocerá al Estado palestino", "afirmó", "Pedro Sánchez", "Pedro Sánchez")]),
 ("es", "La empresa ha anunciado que cerrará dos fábricas en 2025.", {},
  [("indirect", "cerrará dos fábricas en 2025", "ha anunciado", "La empresa", None)]),
 ("es", "La situación está bajo control, dijo un portavoz de la Guardia Civil.",
  {"Guardia Civil": (O, ["Guardia Civil"])},
  [("indirect", "La situación está bajo control", "dijo", "un portavoz", "Guardia Civil")]),
 ("es", "Sánchez dijo que la medida es “de justicia social” y que beneficiará a millones de personas.",
  {"Pedro Sánchez": (P, ["Sánchez"])},
  [("indirect", "la medida es “de justicia social” y que beneficiará a millones de personas", "dijo", "Sánchez", "Pedro Sánchez")]),
 ("es", "La vicepresidenta Yolanda Díaz visitó la fábrica. Ella aseguró que el Gobierno protegerá los empleos.",
  {"Yolanda Díaz": (P, ["Yolanda Díaz"])},
  [("indirect", "el Gobierno protegerá los empleos", "aseguró", "Ella", "Yolanda Díaz")]),
 # ---------------- pt
 ("pt", "“Não vamos recuar”, disse o presidente.", {},
  [("direct", "Não vamos recuar", "disse", "o presidente", None)]),
 ("pt", "O ministro da Fazenda, Fernando Haddad, afirmou que o déficit será zerado em 2025.",
  {"Fernando Haddad": (P, ["Fernando Haddad"])},
  [("indirect", "o déficit será zerado em 2025", "afirmou", "Fernando Haddad", "Fernando Haddad")]),
 ("pt", "A situação está sob controle, disse o porta-voz da Defesa Civil.", {},
  [("indirect", "A situação está sob controle", "disse", "o porta-voz", None)]),
 ("pt", "Segundo a polícia, o incêndio começou durante a madrugada.", {},
  [("indirect", "o incêndio começou durante a madrugada", "Segundo", "a polícia", None)]),
 # ---------------- it
 ("it", "«Non faremo passi indietro», ha detto il premier.", {},
  [("direct", "Non faremo passi indietro", "ha detto", "il premier", None)]),
 ("it", "Il ministro dell’Economia Giancarlo Giorgetti ha dichiarato che i conti pubblici sono in ordine.",
  {"Giancarlo Giorgetti": (P, ["Giancarlo Giorgetti"])},
  [("indirect", "i conti pubblici sono in ordine", "ha dichiarato", "Giancarlo Giorgetti", "Giancarlo Giorgetti")]),
 ("it", "La situazione è sotto controllo, ha spiegato il sindaco.", {},
  [("indirect", "La situazione è sotto controllo", "ha spiegato", "il sindaco", None)]),
 ("it", "Secondo la polizia, l’incendio è partito da un cortocircuito.", {},
  [("indirect", "l’incendio è partito da un cortocircuito", "Secondo", "la polizia", None)]),
 # ---------------- nl
 ("nl", "Minister Hanke Bruins Slot bezocht vrijdag het rampgebied. „We gaan door met de hulp”, zei ze.",
  {"Hanke Bruins Slot": (P, ["Hanke Bruins Slot"])},
  [("direct", "We gaan door met de hulp", "zei", "ze", "Hanke Bruins Slot")]),
 ("nl", "Premier Mark Rutte zei dat het kabinet extra geld vrijmaakt voor de zorg.",
  {"Mark Rutte": (P, ["Mark Rutte"])},
  [("indirect", "het kabinet extra geld vrijmaakt voor de zorg", "zei", "Mark Rutte", "Mark Rutte")]),
 ("nl", "De situatie is weer onder controle, aldus de burgemeester.", {},
  [("indirect", "De situatie is weer onder controle", "aldus", "de burgemeester", None)]),
 ("nl", "Volgens de politie raakten drie mensen gewond.", {},
  [("indirect", "raakten drie mensen gewond", "Volgens", "de politie", None)]),
 # ---------------- ru
 ("ru", "Глава МИД Сергей Лавров выступил в Москве. «Мы не отступим», — сказал он.",
  {"Сергей Лавров": (P, ["Сергей Лавров"])},
  [("direct", "Мы не отступим", "сказал", "он", "Сергей Лавров")]),
 ("ru", "— Ситуация под контролем, — заявил губернатор Алексей Смирнов.",
  {"Алексей Смирнов": (P, ["Алексей Смирнов"])},
  [("direct", "Ситуация под контролем,", "заявил", "Алексей Смирнов", "Алексей Смирнов")]),
 ("ru", "Министр Сергей Лавров заявил, что переговоры продолжатся.",
  {"Сергей Лавров": (P, ["Сергей Лавров"])},
  [("indirect", "переговоры продолжатся", "заявил", "Сергей Лавров", "Сергей Лавров")]),
 ("ru", "По словам губернатора, пострадали три человека.", {},
  [("indirect", "пострадали три человека", "По словам", "губернатора", None)]),
 # ---------------- ja
 ("ja", "岸田首相は「経済対策を急ぐ」と述べた。", {}, [("direct", "経済対策を急ぐ", "述べ", "岸田首相", "岸田")]),
 ("ja", "政府は、来年度の予算を増やすと発表した。", {}, [("indirect", "来年度の予算を増やす", "発表し", "政府", None)]),
 ("ja", "警察によると、3人がけがをした。", {}, [("indirect", "3人がけがをした", "によると", "警察", None)]),
 # ---------------- zh
 ("zh", "外交部发言人汪文斌表示，中方坚决反对这一做法。", {},
  [("indirect", "中方坚决反对这一做法", "表示", "外交部发言人汪文斌", "汪文斌")]),
 ("zh", "“我们不会让步，”他说。", {}, [("direct", "我们不会让步，", "说", "他", None)]),
 ("zh", "据新华社报道，会议将于下周举行。", {}, [("indirect", "会议将于下周举行", "据", "新华社", "新华社")]),

 ("en", "“Prices will keep rising,” she wrote, adding that the bank had “no credible plan” to stop them.", {},
  [("direct", "Prices will keep rising,", "wrote", "she", None),
   ("indirect", "the bank had “no credible plan” to stop them", "adding", "she", None)]),
 ("en", "Boeing cut its delivery forecast on Wednesday, saying supply problems had slowed production.",
  {"Boeing": (O, ["Boeing"])},
  [("indirect", "supply problems had slowed production", "saying", "Boeing", "Boeing")]),
 ("en", "The Justice Department has already warned that it will send fewer observers to the polls.",
  {"Justice Department": (O, ["Justice Department"])},
  [("indirect", "it will send fewer observers to the polls", "warned", "Justice Department", "Justice Department")]),
 ("en", "President Joe Biden said Tuesday the economy was stronger than many people thought.",
  {"Joe Biden": (P, ["Joe Biden"])},
  [("indirect", "the economy was stronger than many people thought", "said", "Joe Biden", "Joe Biden")]),
 ("en", "Smith wrote the book that changed the debate on climate policy.", {}, []),
 ("en", "The senator denied the charges and left the building without comment.", {}, []),
]


def _hand_entities(text: str, spec: dict[str, tuple[str, list[str]]]) -> list[dict]:
    """Every occurrence of each listed surface is a mention of that entity."""
    out = []
    for name, (etype, surfaces) in spec.items():
        mentions = []
        for s in surfaces:
            i = text.find(s)
            while i >= 0:
                mentions.append({"start": i, "end": i + len(s), "text": s})
                i = text.find(s, i + len(s))
        out.append({"name": name, "type": etype, "mentions": mentions})
    return out


@pytest.mark.parametrize(("language", "text", "spec", "expected"), REPORTED,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(REPORTED)])
def test_reported_and_direct_speech_with_cue_speaker_and_resolution(language, text, spec, expected):
    found = extract_quotes(text, segment_sentences(text, language), language,
                           entities=_hand_entities(text, spec))
    got = [(q["type"], q["text"], q["cue"], q["speaker"] and q["speaker"]["text"],
            q["speaker"] and q["speaker"]["name"]) for q in found]
    assert got == expected
    _assert_spans_exact(text, found)


def test_every_required_language_has_reported_speech_cases():
    counts: dict[str, int] = {}
    for language, _, _, expected in REPORTED:
        if expected:
            counts[language] = counts.get(language, 0) + 1
    for language in ("en", "id", "fr", "de", "es"):
        assert counts.get(language, 0) >= 6, language
    for language in ("ms", "pt", "it", "nl", "ru", "ja", "zh"):
        assert counts.get(language, 0) >= 3, language


def test_plural_pronoun_prefers_the_last_organisation_over_a_nearer_person():
    text = ("Greenpeace sent observers to the hearing, where Judge Maria Lopez read the verdict. "
            "They said the ruling would be appealed within a month.")
    spec = {"Greenpeace": ("organisation", ["Greenpeace"]), "Maria Lopez": ("person", ["Maria Lopez"])}
    (q,) = extract_quotes(text, segment_sentences(text, "en"), "en", entities=_hand_entities(text, spec))
    assert q["speaker"]["text"] == "They" and q["speaker"]["name"] == "Greenpeace"


def test_mixed_quote_is_reported_once_as_the_clause_around_the_fragment(no_entities):
    text = "The minister said the new rules were “long overdue” and would take effect in May."
    (q,) = _quotes(text, "en")
    assert q["type"] == "indirect"
    assert q["text"] == "the new rules were “long overdue” and would take effect in May"


# --- speaker rules that generalise across outlets and languages -----------------------------------
# Same layout as REPORTED: (language, text, entities, expected quotes in text order).

SPEAKER_RULES = [
 # a postposed speaker with an apposition between the name and the verb
 ("en", "“The move to take risk off the table continues,” Chris Weston, chief strategist at IG Ltd., said in a note.",
  {"Chris Weston": (P, ["Chris Weston"]), "IG Ltd.": (O, ["IG Ltd."])},
  [("direct", "The move to take risk off the table continues,", "said", "Chris Weston", "Chris Weston")]),
 ("es", "“No habrá más recortes”, Carlos Cuerpo, ministro de Economía, aseguró en Bruselas.",
  {"Carlos Cuerpo": (P, ["Carlos Cuerpo"])},
  [("direct", "No habrá más recortes", "aseguró", "Carlos Cuerpo", "Carlos Cuerpo")]),
 ("fr", "« Nous tiendrons nos engagements », Bruno Le Maire, ministre de l’Économie, a déclaré lundi.",
  {"Bruno Le Maire": (P, ["Bruno Le Maire"])},
  [("direct", "Nous tiendrons nos engagements", "a déclaré", "Bruno Le Maire", "Bruno Le Maire")]),
 ("de", "„Wir halten an dem Ziel fest“, Robert Habeck, der Wirtschaftsminister, sagte am Dienstag.",
  {"Robert Habeck": (P, ["Robert Habeck"])},
  [("direct", "Wir halten an dem Ziel fest", "sagte", "Robert Habeck", "Robert Habeck")]),
 # a described speaker no table lists ('the influential daily') and one standing alone ('another')
 ("en", "“We endorse her without hesitation,” the influential US daily wrote in its editorial.", {},
  [("direct", "We endorse her without hesitation,", "wrote", "the influential US daily", None)]),
 ("en", "“I’m voting for him,” one said. “I feel good about the vice-president,” said another.", {},
  [("direct", "I’m voting for him,", "said", "one", None),
   ("direct", "I feel good about the vice-president,", "said", "another", None)]),
 # what follows a postposed cue up to a comma is circumstance; the rest of the sentence is not a clause
 ("en", "“How many times does he have to say it?” he asked, referring to the Ku Klux Klan, as he cut off the anchor.", {},
  [("direct", "How many times does he have to say it?", "asked", "he", None)]),
 # a participle before a second quotation: its speaker is the one just quoted
 ("en", "“We endorse her,” the newspaper wrote, adding, “We are not doing this lightly.”",
  {}, [("direct", "We endorse her,", "wrote", "the newspaper", None),
       ("direct", "We are not doing this lightly.", "adding", "the newspaper", None)]),
 # manner-of-speaking verbs attribute after a quotation
 ("en", "“Go register,” Trump implored the crowd.", {"Donald Trump": (P, ["Trump"])},
  [("direct", "Go register,", "implored", "Trump", "Donald Trump")]),
 ("es", "—Vamos a ganar estas elecciones —exclamó el candidato.", {},
  [("direct", "Vamos a ganar estas elecciones", "exclamó", "el candidato", None)]),
 ("de", "„Das lassen wir uns nicht gefallen“, rief der Gewerkschafter.", {},
  [("direct", "Das lassen wir uns nicht gefallen", "rief", "der Gewerkschafter", None)]),
 ("nl", "„Dit is een zwarte dag voor de haven”, riep de vakbondsman.", {},
  [("direct", "Dit is een zwarte dag voor de haven", "riep", "de vakbondsman", None)]),
 ("ru", "«Мы победим!» — воскликнул губернатор.", {},
  [("direct", "Мы победим!", "воскликнул", "губернатор", None)]),
 ("id", "“Kami menolak kenaikan harga BBM,” seru seorang aktivis di depan gedung DPR.", {},
  [("direct", "Kami menolak kenaikan harga BBM,", "seru", "seorang aktivis", None)]),
 ("pt", "“A inflação vai cair no segundo semestre”, lembrou o ministro.", {},
  [("direct", "A inflação vai cair no segundo semestre", "lembrou", "o ministro", None)]),
 ("it", "«Il governo non cadrà», ricorda il ministro.", {},
  [("direct", "Il governo non cadrà", "ricorda", "il ministro", None)]),
 ("ms", "Menteri itu mendedahkan bahawa projek tersebut akan siap tahun depan.", {},
  [("indirect", "projek tersebut akan siap tahun depan", "mendedahkan", "Menteri itu", None)]),
 ("ja", "首相は「増税はしない」と明言した。", {}, [("direct", "増税はしない", "明言し", "首相", None)]),
 ("zh", "外交部发言人毛宁介绍，双方将举行新一轮会谈。", {},
  [("indirect", "双方将举行新一轮会谈", "介绍", "外交部发言人毛宁", "毛宁")]),
 # a colon closing a short clause: its subject speaks
 ("en", "Kamala Harris spoke briefly. She sighed: “It has been a long campaign for all of us.”",
  {"Kamala Harris": (P, ["Kamala Harris"])},
  [("direct", "It has been a long campaign for all of us.", None, "She", "Kamala Harris")]),
 # a cue-less quotation inside a sentence is the words of its subject
 ("en", "Trump called it “one of the great miscarriages of justice in our history” on Monday.",
  {"Donald Trump": (P, ["Trump"])},
  [("direct", "one of the great miscarriages of justice in our history", None, "Trump", "Donald Trump")]),
 # a leading adverbial set off by a comma is not the subject
 ("en", "In an email, Paul Manafort denied the report and said that the claims were an outrageous smear.",
  {"Paul Manafort": (P, ["Paul Manafort"])},
  [("indirect", "the claims were an outrageous smear", "said", "Paul Manafort", "Paul Manafort")]),
 ("en", "SELMA, Ala. — Donald Trump rallied veterans on Thursday and asserted that top generals backed him.",
  {"Donald Trump": (P, ["Donald Trump"]), "Selma": ("location", ["SELMA"])},
  [("indirect", "top generals backed him", "asserted", "Donald Trump", "Donald Trump")]),
 # an unlisted subject with a marked clause
 ("en", "Other members of the team stated that they were fine with the protest.", {},
  [("indirect", "they were fine with the protest", "stated", "Other members of the team", None)]),
 ("id", "Para diplomat mengatakan bahwa perundingan akan dilanjutkan pekan depan.", {},
  [("indirect", "perundingan akan dilanjutkan pekan depan", "mengatakan", "Para diplomat", None)]),
 ("en", "The researchers observed crystals formed in the samples.", {}, []),
 # a relative pronoun after a comma stands for the name before it; its clause ends at the next comma
 ("en", "Jake McClendon, who said he plans to vote for a third candidate, has argued that young voters must reject hateful rhetoric.",
  {"Jake McClendon": (P, ["Jake McClendon"])},
  [("indirect", "he plans to vote for a third candidate", "said", "who", "Jake McClendon"),
   ("indirect", "young voters must reject hateful rhetoric", "has argued", "Jake McClendon", "Jake McClendon")]),
 ("fr", "Le syndicat a rencontré Sophie Binet, qui a affirmé que la grève continuerait.",
  {"Sophie Binet": (P, ["Sophie Binet"])},
  [("indirect", "la grève continuerait", "a affirmé", "qui", "Sophie Binet")]),
 ("es", "El juez citó a Begoña Gómez, quien aseguró que no había cometido ningún delito.",
  {"Begoña Gómez": (P, ["Begoña Gómez"])},
  [("indirect", "no había cometido ningún delito", "aseguró", "quien", "Begoña Gómez")]),
 ("ru", "Журналисты встретились с Марией Захаровой, которая заявила, что переговоры продолжатся.",
  {"Мария Захарова": (P, ["Марией Захаровой"])},
  [("indirect", "переговоры продолжатся", "заявила", "которая", "Мария Захарова")]),
 # two apostrophes as a double mark; a cue-less fragment inside a reported clause is reported once
 ("en", "''We are not going anywhere,'' Ms. Tolstedt said on Friday.",
  {"Carrie Tolstedt": (P, ["Tolstedt"])},
  [("direct", "We are not going anywhere,", "said", "Tolstedt", "Carrie Tolstedt")]),
 ("en", "Mr. Sloan told an interviewer in June that the ''fundamental strategy we have is not going to change.''",
  {"John Sloan": (P, ["Sloan"])},
  [("indirect", "the ''fundamental strategy we have is not going to change.''", "told", "Sloan", "John Sloan")]),
]

# A gendered pronoun skips the nearer person of the other gender (titles, given names, surname endings).
GENDER = [
 ("en", "Ms. Warren questioned Mr. Stumpf for an hour. She said the bank had cheated its customers.",
  {"Elizabeth Warren": (P, ["Warren"]), "John Stumpf": (P, ["Stumpf"])},
  [("indirect", "the bank had cheated its customers", "said", "She", "Elizabeth Warren")]),
 ("en", "Angela Rayner met Keir Starmer on Monday. She said the party was united.",
  {"Angela Rayner": (P, ["Angela Rayner"]), "Keir Starmer": (P, ["Keir Starmer"])},
  [("indirect", "the party was united", "said", "She", "Angela Rayner")]),
 ("fr", "Mme Borne a reçu M. Berger à Matignon. « Le dialogue continue », a-t-elle déclaré.",
  {"Élisabeth Borne": (P, ["Borne"]), "Laurent Berger": (P, ["Berger"])},
  [("direct", "Le dialogue continue", "a-t-elle déclaré", "elle", "Élisabeth Borne")]),
 ("de", "Frau Baerbock traf Herrn Wang in Peking. Sie sagte, die Gespräche seien offen gewesen.",
  {"Annalena Baerbock": (P, ["Baerbock"]), "Wang Yi": (P, ["Wang"])},
  [("indirect", "die Gespräche seien offen gewesen", "sagte", "Sie", "Annalena Baerbock")]),
 ("es", "La ministra Yolanda Díaz se reunió con el señor Garamendi. Ella aseguró que habrá acuerdo.",
  {"Yolanda Díaz": (P, ["Yolanda Díaz"]), "Antonio Garamendi": (P, ["Garamendi"])},
  [("indirect", "habrá acuerdo", "aseguró", "Ella", "Yolanda Díaz")]),
 ("ru", "Мария Захарова ответила Джону Кирби. Она сказала, что санкции не сработают.",
  {"Мария Захарова": (P, ["Мария Захарова"]), "Джон Кирби": (P, ["Джону Кирби"])},
  [("indirect", "санкции не сработают", "сказала", "Она", "Мария Захарова")]),
 ("en", "Mr. Stumpf faced Ms. Warren at the hearing. He said the bank had fired 5,300 employees.",
  {"Elizabeth Warren": (P, ["Warren"]), "John Stumpf": (P, ["Stumpf"])},
  [("indirect", "the bank had fired 5,300 employees", "said", "He", "John Stumpf")]),
]


@pytest.mark.parametrize(("language", "text", "spec", "expected"), SPEAKER_RULES + GENDER,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(SPEAKER_RULES + GENDER)])
def test_speaker_rules_across_languages(language, text, spec, expected):
    found = extract_quotes(text, segment_sentences(text, language), language,
                           entities=_hand_entities(text, spec))
    got = [(q["type"], q["text"], q["cue"], q["speaker"] and q["speaker"]["text"],
            q["speaker"] and q["speaker"]["name"]) for q in found]
    assert got == expected
    _assert_spans_exact(text, found)


def test_pronoun_gender_is_unknown_when_nothing_tells_it():
    """No title, no listed given name: the nearest person, as before."""
    text = "Robin Okafor met Sam Idowu in Lagos. She said the talks had gone well."
    spec = {"Robin Okafor": (P, ["Robin Okafor"]), "Sam Idowu": (P, ["Sam Idowu"])}
    (q,) = extract_quotes(text, segment_sentences(text, "en"), "en", entities=_hand_entities(text, spec))
    assert q["speaker"]["name"] == "Sam Idowu"


# --- the speaker's published name ------------------------------------------------------------
# The entity finder sometimes keeps a title in a person's name, splits a surname or an inflected
# form off as an entity of its own, or finds no CJK names at all; the quote stage still publishes
# the person's name as the text gives it (news-set convention: no titles, honorifics or ranks).
SPEAKER_NAMES = [
    # titles and honorifics the entity name kept
    ("de", "„Die Züge fahren wieder pünktlich“, sagte Bahn-Chefin Petra Köhler am Freitag.",
     {"Bahn-Chefin Petra Köhler": (P, ["Bahn-Chefin Petra Köhler"])},
     [("direct", "Die Züge fahren wieder pünktlich", "Petra Köhler")]),
    ("de", "Umweltministerin Lena Vogt sagte, das Gesetz komme noch in diesem Jahr.",
     {"Umweltministerin Lena Vogt": (P, ["Umweltministerin Lena Vogt"])},
     [("indirect", "das Gesetz komme noch in diesem Jahr", "Lena Vogt")]),
    ("nl", "'We bouwen gewoon door', zei woningbouwminister Sanne Mulder in Utrecht.",
     {"woningbouwminister Sanne Mulder": (P, ["woningbouwminister Sanne Mulder"])},
     [("direct", "We bouwen gewoon door", "Sanne Mulder")]),
    ("en", "\"Nobody should approach him,\" Detective Sergeant Tom Hale told reporters.",
     {"Detective Sergeant Tom Hale": (P, ["Detective Sergeant Tom Hale"])},
     [("direct", "Nobody should approach him,", "Tom Hale")]),
    ("id", "Menteri Kesehatan Budi Hartono mengatakan bahwa stok vaksin cukup hingga akhir tahun.",
     {"Kesehatan Budi Hartono": (P, ["Kesehatan Budi Hartono"])},
     [("indirect", "stok vaksin cukup hingga akhir tahun", "Budi Hartono")]),
    ("ms", "\"Kami akan menambah bas,\" kata Menteri Pengangkutan Datuk Seri Azlan Hamid.",
     {"Pengangkutan Datuk Seri Azlan Hamid": (P, ["Pengangkutan Datuk Seri Azlan Hamid"])},
     [("direct", "Kami akan menambah bas,", "Azlan Hamid")]),
    # a three-word name after a title keeps all its words
    ("nl", "Minister Anne van den Berg bezocht de haven. 'Dit is goed nieuws', zei ze.",
     {"Anne van den Berg": (P, ["Anne van den Berg"])},
     [("direct", "Dit is goed nieuws", "Anne van den Berg")]),
    # inverted cues: the name after the role, past time words and 'to <outlet>'
    ("fr", "« Le stade sera prêt », a affirmé mercredi la ministre des Sports, Nadia Roux.",
     {"Nadia Roux": (P, ["Nadia Roux"])},
     [("direct", "Le stade sera prêt", "Nadia Roux")]),
    ("pt", "«Não vamos fechar escolas», disse à Rádio Sul o presidente da câmara, Vasco Lima.",
     {"Vasco Lima": (P, ["Vasco Lima"]), "Rádio Sul": (O, ["Rádio Sul"])},
     [("direct", "Não vamos fechar escolas", "Vasco Lima")]),
    ("es", "«Estamos listos para la final», dijo a EFE el capitán del equipo, Iker Salas.",
     {"Iker Salas": (P, ["Iker Salas"]), "Agencia EFE": (O, ["EFE"])},
     [("direct", "Estamos listos para la final", "Iker Salas")]),
    ("ru", "— Пациенты в безопасности, — сказал главный врач больницы Олег Зуев.",
     {"Олег Зуев": (P, ["Олег Зуев"])},
     [("direct", "Пациенты в безопасности,", "Олег Зуев")]),
    ("it", "Il reparto riaprirà a marzo, ha spiegato in conferenza stampa il direttore Luca Ferri.",
     {"Luca Ferri": (P, ["Luca Ferri"])},
     [("indirect", "Il reparto riaprirà a marzo", "Luca Ferri")]),
    # a preposition before the name: a lawyer for X is not X; a spokesman for X speaks as X
    ("en", "\"We will appeal,\" said a lawyer for Senator Mark Dunn.",
     {"Mark Dunn": (P, ["Mark Dunn"])},
     [("direct", "We will appeal,", None)]),
    ("en", "\"We will appeal,\" said a spokesman for Senator Mark Dunn.",
     {"Mark Dunn": (P, ["Mark Dunn"])},
     [("direct", "We will appeal,", "Mark Dunn")]),
    # a role noun with its name apposed after the role's complement
    ("es", "«La deuda está controlada», afirmó la alcaldesa de la ciudad, Rosa Vidal, tras el pleno.",
     {"Rosa Vidal": (P, ["Rosa Vidal"])},
     [("direct", "La deuda está controlada", "Rosa Vidal")]),
    ("fr", "Selon le procureur de Nantes, Marc Aubert, l'enquête prendra des mois.",
     {"Marc Aubert": (P, ["Marc Aubert"])},
     [("indirect", "l'enquête prendra des mois", "Marc Aubert")]),
    # a description the table does not list resolves like a role: the nearest person before it
    ("it", "Il pm Sara Greco ha chiesto il rinvio. «Le prove sono solide», ha sottolineato il magistrato.",
     {"Sara Greco": (P, ["Sara Greco"])},
     [("direct", "Le prove sono solide", "Sara Greco")]),
    ("de", "Ein Autofahrer wurde verletzt. „Ich habe nichts gesehen“, sagte der 52-Jährige nach der "
           "Behandlung. Die Polizei ermittelt gegen Karl Moser.",
     {"Karl Moser": (P, ["Karl Moser"])},
     [("direct", "Ich habe nichts gesehen", None)]),
    # surname-only and inflected mentions the finder kept apart
    ("ru", "Главврач Олег Зуев провёл обход. По словам Зуева, мест в больнице хватает.",
     {"Олег Зуев": (P, ["Олег Зуев"]), "Зуева": (P, ["Зуева"])},
     [("indirect", "мест в больнице хватает", "Олег Зуев")]),
    ("es", "La jueza Marta Gil abrió la sesión. «No habrá demoras», advirtió Gil.",
     {"Marta Gil": (P, ["Marta Gil"]), "Gil": (L, ["Gil"])},
     [("direct", "No habrá demoras", "Marta Gil")]),
    # a spokesperson's words are the organisation's
    ("en", "Northwind Airways cancelled 40 flights. \"Safety comes first,\" a spokeswoman said.",
     {"Northwind Airways": (O, ["Northwind Airways"])},
     [("direct", "Safety comes first,", "Northwind Airways")]),
    # subject drop after a quote: the speaker goes on
    ("ja", "記者会見した東西電機の中村健一社長は、新工場を建設すると説明した。その上で「雇用は守る」と強調した。",
     {}, [("indirect", "新工場を建設する", "中村健一"), ("direct", "雇用は守る", "中村健一")]),
    # a subject-drop cue with no quote before it: the person named just before (es, it, pt)
    ("es", "La consejera Elena Prats defendió el recorte en el pleno. «Era inevitable», dijo.",
     {"Elena Prats": (P, ["Elena Prats"])},
     [("direct", "Era inevitable", "Elena Prats")]),
    # a capitalised body the entity finder missed keeps its written name, without the article
    ("es", "«La obra empezará en junio», señaló la Diputación en un comunicado.", {},
     [("direct", "La obra empezará en junio", "Diputación")]),
    # a name left in an oblique case by the finder is published in the nominative
    ("ru", "Министр встретился с губернатором Олегом Кравцовым. Кравцов пообещал, что дорогу отремонтируют.",
     {"Олегом Кравцовым": (P, ["Олегом Кравцовым", "Кравцов"])},
     [("indirect", "дорогу отремонтируют", "Олег Кравцов")]),
    # the body named after a preposition speaks when no one else follows the verb
    ("ru", "Пожар на складе потушен, сообщили в пресс-службе МЧС.",
     {"МЧС": (O, ["МЧС"])},
     [("indirect", "Пожар на складе потушен", "МЧС")]),
    # a sentence's first word the finder kept in a titled name
    ("de", "Laut Polizeisprecherin Anna Weiß gab es keine Verletzten.",
     {"Laut Polizeisprecherin Anna Weiß": (P, ["Laut Polizeisprecherin Anna Weiß"])},
     [("indirect", "gab es keine Verletzten", "Anna Weiß")]),
    # a titled name the finder typed as a place is still a person's
    ("de", "„Das ist ein schwarzer Tag“, sagte Landrat Michael Berg am Abend.",
     {"Landrat Michael Berg": (L, ["Landrat Michael Berg"])},
     [("direct", "Das ist ein schwarzer Tag", "Michael Berg")]),
    # after an article, a German noun leading a name is what the person is, not part of the name
    ("de", "Der Bäcker Jonas Albrecht sagte, er habe die Preise seit einem Jahr nicht erhöht.",
     {"Bäcker Jonas Albrecht": (P, ["Bäcker Jonas Albrecht"])},
     [("indirect", "er habe die Preise seit einem Jahr nicht erhöht", "Jonas Albrecht")]),
    # CJK names without entities: titles before or after the name, dates and places after it
    ("ja", "東西電機の中村健一社長が会見した。中村社長は「価格は据え置く」と述べた。",
     {}, [("direct", "価格は据え置く", "中村健一")]),
    ("ja", "山田花子さん（72）は「こんな大雨は初めてだ」と話した。",
     {}, [("direct", "こんな大雨は初めてだ", "山田花子")]),
    ("zh", "市交通局局长陈立华3日在发布会上表示，地铁新线将于年底开通。",
     {}, [("indirect", "地铁新线将于年底开通", "陈立华")]),
    ("zh", "陈立华在发布会上说：“我们有信心按时完工。”他还表示，票价不会上涨。",
     {}, [("direct", "我们有信心按时完工。", "陈立华"), ("indirect", "票价不会上涨", "陈立华")]),
]


@pytest.mark.parametrize(("language", "text", "spec", "expected"), SPEAKER_NAMES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(SPEAKER_NAMES)])
def test_speaker_is_published_under_the_name_the_text_gives(language, text, spec, expected):
    found = extract_quotes(text, segment_sentences(text, language), language,
                           entities=_hand_entities(text, spec))
    got = [(q["type"], q["text"], q["speaker"] and q["speaker"]["name"]) for q in found]
    assert got == expected
    _assert_spans_exact(text, found)


# --- recall: reported clauses and split quotes the cue table alone misses ------------------------
RECALL = [
    # German: an object or an adverbial between the verb and the Konjunktiv clause
    ("de", "Die Reederei sagte der Nachrichtenagentur Reuters, das Schiff sei nicht beschädigt worden.",
     {"Reuters": (O, ["Reuters"])},
     [("indirect", "das Schiff sei nicht beschädigt worden", "sagte")]),
    ("de", "Die Bank schrieb in ihrem Monatsbericht, die Konjunktur habe sich leicht erholt.", {},
     [("indirect", "die Konjunktur habe sich leicht erholt", "schrieb")]),
    # a postposed cue whose speaker is followed by a prepositional phrase
    ("nl", "De wachttijden lopen verder op, schrijft de inspectie in haar jaarverslag.", {},
     [("indirect", "De wachttijden lopen verder op", "schrijft")]),
    # the second, short part of a split quote after its cue
    ("de", "„Die Lage ist ernst“, sagte Bürgermeisterin Eva Brandt. „Wir helfen sofort.“",
     {"Eva Brandt": (P, ["Eva Brandt"])},
     [("direct", "Die Lage ist ernst", "sagte"), ("direct", "Wir helfen sofort.", None)]),
    # a short quotation alone, with no attributed quote before it, stays out
    ("de", "Der Verein nennt das Projekt „Ein Zuhause.“ Es startet im Mai.", {}, []),
]


@pytest.mark.parametrize(("language", "text", "spec", "expected"), RECALL,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(RECALL)])
def test_reported_clauses_and_split_quotes_are_found(language, text, spec, expected):
    found = extract_quotes(text, segment_sentences(text, language), language,
                           entities=_hand_entities(text, spec))
    assert [(q["type"], q["text"], q["cue"]) for q in found] == expected
    _assert_spans_exact(text, found)


def test_second_part_of_a_split_quote_keeps_the_first_part_speaker():
    text = "„Die Lage ist ernst“, sagte Bürgermeisterin Eva Brandt. „Wir helfen sofort.“"
    found = extract_quotes(text, segment_sentences(text, "de"), "de",
                           entities=_hand_entities(text, {"Eva Brandt": (P, ["Eva Brandt"])}))
    assert [q["speaker"] and q["speaker"]["name"] for q in found] == ["Eva Brandt", "Eva Brandt"]


# --- scans that skip work (a cue-less table, rare characters, short cue words) ------------------


def test_language_without_cue_table_keeps_direct_quotes_and_finds_no_dialogue_lines(no_entities):
    text = ("Asha Mwangi alisema: “Tutajenga shule mpya mwaka huu kwa ajili ya watoto wote.”\n"
            "— Hatutarudi nyuma, — alisema waziri.")
    found = _quotes(text, "sw")
    assert [(q["type"], q["text"], q["cue"]) for q in found] == [
        ("direct", "Tutajenga shule mpya mwaka huu kwa ajili ya watoto wote.", None)]


def test_dialogue_dash_opens_a_quote_only_at_the_start_of_a_line(no_entities):
    text = "Вчера в Москве — Мы не отступим, — сказал министр.\n— Мы не отступим, — сказал министр."
    direct = [q for q in _quotes(text, "ru") if q["type"] == "direct"]
    second_line = text.index("\n") + 3
    assert [(q["text"], q["start"], q["cue"], q["speaker"]["text"]) for q in direct] == [
        ("Мы не отступим,", second_line, "сказал", "министр")]


def test_dotted_capital_i_keeps_every_offset_exact(no_entities):
    # 'İ'.lower() is two code points; cue search runs on a lower-cased copy of the same length
    text = "İstanbul mayor Ekrem İmamoğlu said the city would recover quickly."
    (q,) = _quotes(text, "en")
    _assert_spans_exact(text, [q])
    assert (q["type"], q["text"], q["cue"], q["cue_start"]) == (
        "indirect", "the city would recover quickly", "said", text.index("said"))


def test_short_cue_word_inside_another_word_starts_no_cue(no_entities):
    # 'a detta di' (according to) is a cue; the same letters ending 'casa' are not
    text = "Il piano fallirà presto, a detta di Rossi.\nLa casa detta di Rossi è vuota."
    found = _quotes(text, "it")
    assert [(q["text"], q["cue"], q["speaker"]["text"]) for q in found] == [
        ("Il piano fallirà presto", "a detta di", "Rossi")]


# --- cheap pre-checks give what the full scans give --------------------------------------------


@pytest.mark.parametrize("text", [
    "said, “yes” (no) d'après l’homme — x_y 3.5% katanya! «oui» „ja“ ‚ja‘ …end",
    "tab\tsep\u00a0nbsp\u2009thin–dash—em",
    "lone \ud800 surrogate, emoji 😀word, İstanbul ΣΑΣ",
    "",
])
def test_word_set_is_the_set_of_word_tokens(text):
    lower = quotes_module._same_length_lower(text)
    assert quotes_module._word_set(lower) == set(quotes_module._WORD_RE.findall(lower))


def test_cue_word_with_a_speaker_suffix_is_found_next_to_punctuation(no_entities):
    for text in ("Harga beras akan naik tahun depan, katanya.", "Harga beras akan naik tahun depan,katanya."):
        found = _quotes(text, "id")
        assert [(q["type"], q["text"], q["cue"], q["speaker"]["text"]) for q in found] == [
            ("indirect", "Harga beras akan naik tahun depan", "kata", "nya")]


@pytest.mark.parametrize("language, text, expected", [
    ("fr", "« La situation est grave », a-t-il déclaré.",
     ("direct", "La situation est grave", "a-t-il déclaré", "il")),
    ("fr", "Le ministre a déclaré que la situation était grave.",
     ("indirect", "la situation était grave", "a déclaré", "Le ministre")),
    ("en", "The minister has said that the plan would fail.",
     ("indirect", "the plan would fail", "has said", "The minister")),
])
def test_auxiliary_before_the_verb_joins_the_cue(no_entities, language, text, expected):
    (q,) = _quotes(text, language)
    assert (q["type"], q["text"], q["cue"], q["speaker"]["text"]) == expected


def test_newline_inside_a_quotation_ends_or_continues_it():
    text = ("“Unclosed words here and more words.\n\nA new paragraph said “this is a real quote from "
            "someone” here.\n«Primeiro parágrafo da declaração\n\n«Segundo parágrafo», disse ele.")
    assert [(text[a + 1:b], cont) for a, b, _, cont in quotes_module._pair_marks(text)] == [
        ("this is a real quote from someone", False),
        ("Primeiro parágrafo da declaração\n\n«Segundo parágrafo", True)]


@pytest.mark.parametrize("title, speaker", [
    ("Minister ", "Anna Berg"), ("MINISTER ", "Anna Berg"), ("", "Tom Hale")])
def test_role_speaker_is_the_person_the_role_stands_next_to(title, speaker):
    # the role word is looked for near each earlier person (in any case); without it, the nearest
    text = (f"{title}Anna Berg toured the port with Tom Hale on Monday. "
            "The minister said the port would reopen soon.")
    found = extract_quotes(text, segment_sentences(text, "en"), "en", entities=_hand_entities(
        text, {"Anna Berg": (P, ["Anna Berg"]), "Tom Hale": (P, ["Tom Hale"])}))
    assert [(q["speaker"]["text"], q["speaker"]["name"]) for q in found] == [("The minister", speaker)]


def test_language_without_cue_table_takes_a_speaker_only_before_a_colon(no_entities):
    quote = "“Tutajenga shule mpya mwaka huu kwa ajili ya watoto wote.”"
    with_colon = _quotes("Asha Mwangi: " + quote, "sw")
    without = _quotes("Asha Mwangi aliongeza " + quote, "sw")
    assert [q["speaker"] and q["speaker"]["text"] for q in with_colon + without] == ["Asha Mwangi", None]


def test_a_sentence_boundary_inside_a_cue_word_is_not_a_crash():
    # Found by fuzzing: with a boundary inside "continues", the cue ran past its sentence's end and
    # the postposed-cue check raised AttributeError (the article went to the dead-letter topic).
    text = ("Our border response is further ramping up. At the same time, our health system continues "
            "its preparations in line with our comprehensive pandemic plan.")
    i = text.index("continues")
    sentences = [{"start": a, "end": b, "text": text[a:b]} for a, b in ((0, 43), (44, i + 1), (i + 1, len(text)))]
    assert extract_quotes(text, sentences, "en", entities=[]) == []


def test_clause_cutters_found_from_the_text_wide_scan_are_those_a_search_from_each_clause_finds():
    # _clause_end looks for ", dilansir …" only where one text-wide scan saw a cutter start; it must
    # agree with searching each clause [a, b) on its own, also when b cuts a cutter phrase short.
    import random

    table = get_table("id")
    text = ("Harga beras naik, dilansir Antara, kata Budi, menurut laporan, katanya, seperti dikutip "
            "Reuters,dilansirnya, DILANSIR Kompas, ujar dia, dilansir\u00a0 Tempo.") * 3
    ctx = quotes_module._Ctx(text=text, table=table, sent_starts=[0], sent_ends=[len(text)], mentions=[])
    cutter = quotes_module._cutter_re(table)
    rng = random.Random(7)
    for _ in range(3000):
        a = rng.randrange(len(text))
        b = rng.randrange(a, len(text) + 1)
        m = cutter.search(text, a, b)
        expected = quotes_module._clause_end(
            quotes_module._Ctx(text=text, table=get_table("und"), sent_starts=[0], sent_ends=[len(text)],
                               mentions=[]), a, m.start() if m else b, False)
        assert quotes_module._clause_end(ctx, a, b, False) == expected, (a, b)
