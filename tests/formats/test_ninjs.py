"""IPTC ninjs items become raw articles: id from uri, headline, body (plain or HTML), language,
published_at from versioncreated, source from the copyright holder; other fields are kept."""

from __future__ import annotations

import orjson

from tests.conftest import REPO
from workers.formats import from_ninjs, is_ninjs, normalise
from workers.schemas import first_error


def test_ninjs_3_item_with_plain_text_body() -> None:
    item = orjson.loads((REPO / "seeds" / "000.ninjs.json").read_bytes())
    article = from_ninjs(item)
    assert article["id"] == "urn:warta:seed:000"
    assert article["body"] == (REPO / "seeds" / "000.txt").read_text(encoding="utf-8")
    assert article["headline"].startswith("Putin berang")
    assert article["language"] == "id"
    assert article["published_at"] == "2024-08-08T14:30:00+07:00"
    assert article["source"] == "CNBC.NEWS"
    assert article["ninjs"]["subjects"][0]["name"] == "conflict, war and peace"
    assert first_error("articles.raw", article) is None


def test_ninjs_2_item_with_html_body_keeps_paragraphs_and_drops_markup() -> None:
    item = {
        "uri": "urn:example:1", "headline": "Port strike ends", "language": "en",
        "versioncreated": "2024-03-01T09:00:00",
        "body_html": "<p>Dock workers in <b>Rotterdam</b> returned on Friday.</p>"
                     "<p>&ldquo;We won,&rdquo; a union leader said.</p><script>track()</script>",
        "copyrightholder": "Example Wire",
    }
    article = from_ninjs(item)
    assert article["body"] == "Dock workers in Rotterdam returned on Friday.\n\n“We won,” a union leader said."
    assert article["published_at"] == "2024-03-01T09:00:00Z"  # no offset given: read as UTC
    assert article["source"] == "Example Wire"


def test_only_items_without_a_warta_body_are_treated_as_ninjs() -> None:
    assert is_ninjs({"uri": "u", "headlines": [{"value": "h"}], "bodies": []})
    assert not is_ninjs({"uri": "u", "body": "Warta raw article that happens to have a uri."})
    raw = {"id": "a", "body": "text"}
    assert normalise(raw) is raw


def test_an_unreadable_timestamp_is_left_out_rather_than_failing_the_article() -> None:
    article = from_ninjs({"uri": "u", "body_text": "Text.", "versioncreated": "Thursday noon"})
    assert "published_at" not in article and article["body"] == "Text."


def test_an_enriched_record_maps_onto_ninjs_people_organisations_places_and_an_extension() -> None:
    from workers.formats.ninjs import EXTENSION, to_ninjs
    from workers.pipeline import process_article
    from workers.settings import Settings

    item = orjson.loads((REPO / "seeds" / "000.ninjs.json").read_bytes())
    record = process_article(from_ninjs(item), Settings.from_env({})).record
    ninjs = to_ninjs(record)
    assert ninjs["uri"] == "urn:warta:seed:000" and ninjs["language"] == "id"
    assert ninjs["headlines"][0]["value"].startswith("Putin berang")
    assert ninjs["versioncreated"] == "2024-08-08T14:30:00+07:00"
    assert {p["name"] for p in ninjs["people"]} >= {"Vladimir Putin", "Aleksey Smirnov", "Rybar"}
    assert "Ministry of Defence of the Russian Federation" in {o["name"] for o in ninjs["organisations"]}
    ukraine = next(p for p in ninjs["places"] if p["name"] == "Ukraine")
    assert ukraine["literal"] == "Ukraina"
    lon, lat = ukraine["geometry_geojson"]["coordinates"]
    assert 22 < lon < 41 and 44 < lat < 53  # a point inside Ukraine, GeoJSON order lon, lat
    assert ninjs["subjects"] == item["subjects"]  # the feed's subjects come back
    extension = ninjs[EXTENSION]
    assert extension["quotes"] == record["quotes"] and extension["sentences"] == record["sentences"]
    body = ninjs["bodies"][0]["value"]
    for quote in extension["quotes"]:  # offsets still point into the body ninjs carries
        assert body[quote["start"]:quote["end"]] == quote["text"]
