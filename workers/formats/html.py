"""HTML bodies to plain text with paragraph breaks (html-text on lxml; scripts and styles dropped)."""

from __future__ import annotations

import html_text


def html_to_text(markup: str) -> str:
    """Block elements become paragraphs separated by a blank line; inline markup disappears."""
    if not markup or not markup.strip():
        return ""
    return html_text.extract_text(markup, guess_layout=True).strip()
