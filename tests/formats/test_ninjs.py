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
