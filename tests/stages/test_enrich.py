"""Specification of the enrichment stage (`workers.stages.enrich.enrich`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import workers.stages.enrich as enrich_module
from workers.nlp.fingerprint import hamming
from workers.stages.enrich import enrich

EVAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval"


def _assert_spans(text: str, record: dict) -> None:
    for key in ("dates", "media", "amounts"):
        for item in record[key]:
            assert text[item["start"]:item["end"]] == item["text"], (key, item)


def test_record_has_all_parts_and_json_serialisable(seed_text):
    record = enrich(seed_text, "id")
    assert set(record) == {"entities", "dates", "media", "amounts", "fingerprint"}
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    _assert_spans(seed_text, record)


def test_seed_matches_gold_for_dates_media_and_amounts(seed_text, seed_gold):
    record = enrich(seed_text, "id")
    dates = {(d["start"], d["end"]): d["value"] for d in record["dates"]}
    for gold in seed_gold["dates"]:
        if gold["value"] is not None:
            assert dates[(gold["start"], gold["end"])] == gold["value"]
    media = [(m["name"], m["canonical"], m["relation"], m["start"], m["end"]) for m in record["media"]]
    assert media == [(g["name"], g["canonical"], g["relation"], g["start"], g["end"])
                     for g in seed_gold["media_sources"]]
    amounts = {(a["start"], a["end"]): (a["value"], a["value_min"], a["value_max"]) for a in record["amounts"]}
    assert amounts == {(g["start"], g["end"]): (g["value"], g.get("value_min"), g.get("value_max"))
                       for g in seed_gold["quantities"]}


def test_published_at_anchors_relative_dates():
    text = "Officials said on Tuesday that more than 2,000 people had left, Reuters reported."
    record = enrich(text, "en", published_at="2024-08-15T09:30:00+07:00")
    assert [(d["text"], d["value"]) for d in record["dates"]] == [("Tuesday", "2024-08-13")]
    utc = enrich(text, "en", published_at="2024-08-15T01:00:00Z")
    assert utc["dates"][0]["value"] == "2024-08-13"


def test_unreadable_published_at_is_ignored_not_fatal():
    record = enrich("Protests continued on Tuesday.", "en", published_at="last week sometime")
    assert record["dates"][0]["value"] is None


def test_digits_of_dates_are_not_repeated_as_amounts():
    text = "Pada Kamis (8/8/2024), sekitar 500 warga mengungsi."
    record = enrich(text, "id")
    assert [d["text"] for d in record["dates"]] == ["Kamis (8/8/2024)"]
    assert [a["text"] for a in record["amounts"]] == ["sekitar 500 warga"]


def test_entities_come_from_the_entity_finder(monkeypatch):
    calls = []

    def fake_find_entities(text: str, language: str) -> list[dict]:
        calls.append((text, language))
        return [{"name": "Sentinel", "type": "person", "mentions": []}]

    monkeypatch.setattr(enrich_module, "find_entities", fake_find_entities)
    record = enrich("Budi Hartono tiba di Bandung.", "id")
    assert calls == [("Budi Hartono tiba di Bandung.", "id")]
    assert record["entities"] == [{"name": "Sentinel", "type": "person", "mentions": []}]


def test_resent_article_has_a_close_fingerprint(seed_text):
    resent = "MOSKOW - " + seed_text.replace("Lebih dari 2.000", "Lebih dari 2.100")
    a = enrich(seed_text, "id")["fingerprint"]["simhash"]
    b = enrich(resent, "id")["fingerprint"]["simhash"]
    assert hamming(a, b) <= 8


def test_spans_are_exact_on_public_paragraphs_in_every_language():
    path = EVAL / "langid" / "paragraphs.jsonl"
    if not path.exists():
        pytest.skip("shared eval set not present")
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        record = enrich(item["text"], item["lang"])
        _assert_spans(item["text"], record)


@pytest.mark.parametrize(
    "text",
    ["", "“" * 100_000, "".join(chr(c) for c in range(32)) * 1000, "8/" * 50_000, "Rp1.000 " * 20_000],
)
def test_hostile_input_is_handled(text):
    record = enrich(text, "id")
    _assert_spans(text, record)
    assert len(record["fingerprint"]["simhash"]) == 16


def test_an_article_gives_the_same_record_before_and_after_other_articles(seed_text):
    # The finders share one scan per article; nothing of one article may leak into the next.
    other = "Officials said on Tuesday that more than 2,000 people had left, Reuters reported."
    first = enrich(seed_text, "id", published_at="2024-08-08T10:00:00+07:00")
    between = enrich(other, "en", published_at="2024-08-15T09:30:00Z")
    again = enrich(seed_text, "id", published_at="2024-08-08T10:00:00+07:00")
    assert again == first
    assert [(d["text"], d["value"]) for d in between["dates"]] == [("Tuesday", "2024-08-13")]
    assert [a["text"] for a in between["amounts"]] == ["more than 2,000 people"]
    assert [m["canonical"] for m in between["media"]] == ["Reuters"]


@pytest.mark.parametrize(
    ("language", "text", "date", "amount", "outlet"),
    [
        ("fr", "Mardi dernier, plus de 2 000 personnes ont fui, selon l'AFP.", "Mardi dernier",
         "plus de 2 000 personnes", "Agence France-Presse (AFP)"),
        ("de", "Am Dienstag flohen mehr als 2.000 Menschen, wie dpa berichtete.", "Dienstag",
         "mehr als 2.000 Menschen", "Deutsche Presse-Agentur (dpa)"),
        ("es", "El martes huyeron más de 2.000 personas, según la agencia EFE.", "martes",
         "más de 2.000 personas", "Agencia EFE"),
        ("id", "Pada Selasa, lebih dari 2.000 orang mengungsi, dilansir Antara.", "Selasa",
         "lebih dari 2.000 orang", "Antara"),
    ],
)
def test_each_language_gets_dates_amounts_and_media_in_one_record(language, text, date, amount, outlet):
    record = enrich(text, language, published_at="2024-08-08T12:00:00Z")  # a Thursday
    _assert_spans(text, record)
    assert [(d["text"], d["value"]) for d in record["dates"]] == [(date, "2024-08-06")]
    assert [(a["text"], a["value"]) for a in record["amounts"]] == [(amount, 2000)]
    assert [m["canonical"] for m in record["media"]] == [outlet]


@pytest.mark.parametrize("language", ["da", "sv", "xx"])
def test_languages_without_their_own_lists_use_the_english_dates_and_amounts_and_every_media_cue(language):
    # Wire copy in English inside a Danish or Swedish feed; "selon" is a French media cue.
    text = ("KØBENHAVN - More than 300 people gathered on Monday, 5 August 2024, according to AFP; "
            "a dozen boats left, selon Le Monde.")
    record = enrich(text, language, entities=[])
    _assert_spans(text, record)
    assert [(d["text"], d["value"]) for d in record["dates"]] == [("Monday, 5 August 2024", "2024-08-05")]
    assert [(a["text"], a["comparator"], a["value"]) for a in record["amounts"]] == [
        ("More than 300 people", ">", 300), ("a dozen boats", "~", 12)]
    assert [(m["canonical"], m["cue"]) for m in record["media"]] == [
        ("Agence France-Presse (AFP)", "according to"), ("Le Monde", "selon")]
