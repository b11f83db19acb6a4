"""Reading raw articles and building dead-letter records."""

from __future__ import annotations

import base64

import pytest

from workers.errors import BodyTooLarge, EmptyBody, InvalidJSON, SchemaViolation
from workers.records import content_id, dead_letter, read_raw_article
from workers.schemas import first_error


def test_an_article_without_id_gets_a_stable_content_hash() -> None:
    article = {"headline": "Banjir di Medan", "body": "Ratusan rumah terendam."}
    first = read_raw_article(article, max_body_chars=1000)
    again = read_raw_article(dict(article), max_body_chars=1000)
    assert first["id"] == again["id"] == content_id(article)
    assert first["id"].startswith("sha256:")
    other = read_raw_article({**article, "body": "Puluhan rumah terendam."}, max_body_chars=1000)
    assert other["id"] != first["id"]
    assert "id" not in article  # input left untouched


def test_feed_id_and_unknown_fields_are_kept() -> None:
    record = read_raw_article({"id": "afp-1", "body": "Text.", "desk": "world"}, max_body_chars=100)
    assert record == {"id": "afp-1", "body": "Text.", "desk": "world"}


@pytest.mark.parametrize(
    ("article", "error"),
    [
        ([1, 2], SchemaViolation),
        ({"headline": "no body"}, SchemaViolation),
        ({"body": 42}, SchemaViolation),
        ({"body": "   \n "}, EmptyBody),
        ({"body": "x" * 101}, BodyTooLarge),
        ({"body": "ok", "published_at": "yesterday"}, SchemaViolation),
        ({"body": "nul\x00byte"}, SchemaViolation),
    ],
)
def test_unusable_raw_articles_raise_a_named_error(article: object, error: type) -> None:
    with pytest.raises(error):
        read_raw_article(article, max_body_chars=100)


def test_dead_letter_keeps_json_text_or_bytes_as_received() -> None:
    as_json = dead_letter(stage="language", error=SchemaViolation("x"), original=b'{"id": "k1"}')
    assert as_json["original"] == {"id": "k1"} and as_json["original_encoding"] == "json"
    assert as_json["id"] == "k1"
    as_text = dead_letter(stage="language", error=InvalidJSON("x"), original=b"plain words")
    assert as_text["original"] == "plain words" and as_text["original_encoding"] == "text"
    raw = b"\xff\xfe\x00bytes"
    as_b64 = dead_letter(stage="language", error=InvalidJSON("x"), original=raw)
    assert base64.b64decode(as_b64["original"]) == raw
    for record in (as_json, as_text, as_b64):
        assert first_error("articles.dlq", record) is None
        assert record["error"]["class"] in {"SchemaViolation", "InvalidJSON"}
