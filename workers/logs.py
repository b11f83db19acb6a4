"""Structured logs: one JSON object per line on stderr, with the article id and stage on every line.

The agent processing an article sets :data:`log_context` for the duration of that article; a
logging filter copies it onto every record, so Faust's and aiokafka's own lines logged meanwhile
carry the same fields (``null`` outside an article).
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

#: (article id, stage) of the article the current task is processing.
log_context: ContextVar[tuple[str | None, str | None]] = ContextVar(
    "warta_log_context", default=(None, None)
)

_LEVELS = {"crit": "CRITICAL", "warn": "WARNING"}


class ArticleContext(logging.Filter):
    """Adds ``article_id`` and ``stage`` to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        article_id, stage = log_context.get()
        if not hasattr(record, "article_id"):
            record.article_id = article_id
        if not hasattr(record, "stage"):
            record.stage = stage
        return True


def python_level(level: str) -> str:
    """Faust's level names (crit, warn, ...) to the logging module's."""
    return _LEVELS.get(level.lower(), level.upper())


def logging_config(level: str) -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` for JSON lines on stderr at ``level``."""
    level = python_level(level)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"article": {"()": ArticleContext}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(article_id)s %(stage)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            }
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "json",
                "filters": ["article"],
            }
        },
        "root": {"level": level, "handlers": ["stderr"]},
    }
