"""`warta process`/`feed` inputs: formats by flag, suffix or content; one Input per article."""

from __future__ import annotations

import orjson
import pytest

from tests.conftest import REPO
from workers.inputs import detect_format, read_inputs

SEEDS = REPO / "seeds"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("000.txt", "text"), ("000.ninjs.json", "ninjs"), ("001.ninjs.json", "ninjs"),
     ("000.newsml.xml", "newsml")],
)
def test_format_is_detected_from_content(name: str, expected: str) -> None:
    assert detect_format((SEEDS / name).read_bytes()) == expected


def test_jsonl_content_and_a_single_raw_article_are_jsonl() -> None:
    assert detect_format(b'{"id": "a", "body": "x"}\n{"id": "b", "body": "y"}\n') == "jsonl"
    assert detect_format(b'{"id": "a",\n "body": "x"}') == "jsonl"


def test_every_seed_format_yields_the_same_kind_of_article() -> None:
    by_file = {name: list(read_inputs([str(SEEDS / name)]))
               for name in ("000.txt", "000.ninjs.json", "000.newsml.xml")}
    assert all(len(items) == 1 for items in by_file.values())
    ids = {name: items[0].key() for name, items in by_file.items()}
    assert ids == {"000.txt": b"000", "000.ninjs.json": b"urn:warta:seed:000",
                   "000.newsml.xml": b"urn:warta:seed:000:newsml"}


def test_a_ninjs_array_gives_one_input_per_item(tmp_path) -> None:
    items = [{"uri": f"urn:x:{i}", "headline": "H", "body_text": f"Story {i}."} for i in range(3)]
    path = tmp_path / "feed.json"
    path.write_bytes(orjson.dumps(items))
    inputs = list(read_inputs([str(path)], "ninjs"))
    assert [i.payload["id"] for i in inputs] == ["urn:x:0", "urn:x:1", "urn:x:2"]


def test_unreadable_newsml_is_passed_on_as_bytes_for_the_dead_letter_path(tmp_path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<newsItem><oops>")
    (item,) = read_inputs([str(path)])
    assert item.payload == b"<newsItem><oops>"
