"""CloudEvents binary-mode headers and the trace that runs from the raw record to the enriched one."""

from __future__ import annotations

import re

from workers.events import cloud_event_headers, header, next_traceparent


def test_headers_name_the_event_type_source_subject_and_a_stable_id() -> None:
    headers = dict(cloud_event_headers(role="enriched", stage="enrich", version="1",
                                       article_id="afp-7", traceparent=next_traceparent(None)))
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_type"] == b"org.warta.article.enriched"
    assert headers["ce_source"] == b"/warta/stage/enrich"
    assert headers["ce_subject"] == b"afp-7"
    assert headers["content-type"] == b"application/json"
    assert re.fullmatch(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", headers["ce_time"])
    # A re-delivery after a crash is the same event: the id does not change between calls.
    again = dict(cloud_event_headers(role="enriched", stage="enrich", version="1",
                                     article_id="afp-7", traceparent=next_traceparent(None)))
    assert headers["ce_id"] == again["ce_id"] == b"afp-7/enrich/1"
    dead = dict(cloud_event_headers(role="dlq", stage="language", version="1", article_id=None,
                                    traceparent=next_traceparent(None)))
    assert dead["ce_type"] == b"org.warta.article.deadletter" and dead["ce_subject"] == b"unknown"


def test_the_trace_id_survives_every_stage_and_each_stage_gets_its_own_span() -> None:
    first = next_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    second = next_traceparent(first)
    assert first.split("-")[1] == second.split("-")[1] == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert first.split("-")[2] != second.split("-")[2] != "00f067aa0ba902b7"
    fresh = next_traceparent("garbage")
    assert re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-01", fresh)


def test_header_reads_pairs_and_dicts() -> None:
    assert header([("a", b"1"), ("traceparent", b"x")], "traceparent") == "x"
    assert header({"traceparent": b"y"}, "traceparent") == "y"
    assert header(None, "traceparent") is None
