"""Structured logs: every line is one JSON object carrying the article id and stage."""

from __future__ import annotations

import io
import json
import logging
import logging.config

from workers.logs import log_context, logging_config, python_level


def _capture(level: str) -> tuple[io.StringIO, logging.Logger]:
    config = logging_config(level)
    stream = io.StringIO()
    config["handlers"]["stderr"]["stream"] = stream
    logging.config.dictConfig(config)
    return stream, logging.getLogger("warta.test")


def test_each_line_is_json_with_article_id_and_stage_from_the_current_article() -> None:
    stream, log = _capture("info")
    log.info("outside any article")
    token = log_context.set(("afp-42", "quotes"))
    try:
        log.warning("dead letter: %s", "InvalidJSON", extra={"error_class": "InvalidJSON"})
    finally:
        log_context.reset(token)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["article_id"] is None and first["stage"] is None
    assert first["level"] == "INFO" and first["message"] == "outside any article"
    assert second["article_id"] == "afp-42" and second["stage"] == "quotes"
    assert second["error_class"] == "InvalidJSON" and second["logger"] == "warta.test"
    assert "T" in second["time"]


def test_level_comes_from_settings_in_faust_spelling() -> None:
    stream, log = _capture("warn")
    log.info("hidden")
    log.warning("shown")
    assert [json.loads(line)["message"] for line in stream.getvalue().splitlines()] == ["shown"]
    assert python_level("crit") == "CRITICAL" and python_level("debug") == "DEBUG"
