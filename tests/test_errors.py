"""Every error class has exactly one destination, and the DLQ schema names every DLQ class."""

from __future__ import annotations

from workers.errors import ALL_ERRORS, WartaError
from workers.schemas import load_schema


def test_every_error_goes_to_the_dlq_or_crashes() -> None:
    assert {e.destination for e in ALL_ERRORS} <= {"dlq", "crash"}
    assert all(issubclass(e, WartaError) for e in ALL_ERRORS)


def test_dlq_schema_lists_exactly_the_dlq_error_classes() -> None:
    listed = set(load_schema("articles.dlq")["properties"]["error"]["properties"]["class"]["enum"])
    assert listed == {e.__name__ for e in ALL_ERRORS if e.destination == "dlq"}
