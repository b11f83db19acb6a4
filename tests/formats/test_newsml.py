"""NewsML-G2 newsItems become raw articles; hostile XML is refused, never expanded."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from workers.errors import InvalidXML
from workers.formats import from_newsml, looks_like_xml
from workers.schemas import first_error
from workers.settings import Settings
from workers.pipeline import process_article


def test_the_seed_as_newsml_gives_its_paragraphs_headline_and_metadata() -> None:
    (article,) = from_newsml((REPO / "seeds" / "000.newsml.xml").read_bytes())
    paragraphs = [p for p in (REPO / "seeds" / "000.txt").read_text(encoding="utf-8").splitlines() if p]
    assert article["body"].split("\n\n") == paragraphs
    assert article["id"] == "urn:warta:seed:000:newsml"
    assert article["headline"].startswith("Putin berang")
    assert (article["language"], article["dateline"], article["source"]) == ("id", "MOSKOW", "CNBC.NEWS")
    assert article["published_at"] == "2024-08-08T14:30:00+07:00"
    assert first_error("articles.raw", article) is None


def test_a_news_message_with_two_items_gives_two_articles() -> None:
    document = b"""<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
      <newsItem guid="urn:a" xml:lang="en"><contentSet><inlineData contenttype="text/plain">First story.</inlineData></contentSet></newsItem>
      <newsItem guid="urn:b" xml:lang="fr"><contentSet><inlineData contenttype="text/plain">Deuxi\xc3\xa8me.</inlineData></contentSet></newsItem>
    </itemSet></newsMessage>"""
    assert [(a["id"], a["language"], a["body"]) for a in from_newsml(document)] == [
        ("urn:a", "en", "First story."), ("urn:b", "fr", "Deuxième.")]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:bomb"><contentSet>
<inlineData>&lol3;</inlineData></contentSet></newsItem>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE item [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:xxe"><contentSet>
<inlineData>&secret;</inlineData></contentSet></newsItem>"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY, b"<newsItem><unclosed>",
                                      b"<rss><channel/></rss>"],
                         ids=["entity-bomb", "external-entity", "malformed", "not-newsml"])
def test_hostile_or_foreign_xml_is_refused(document: bytes) -> None:
    with pytest.raises(InvalidXML):
        from_newsml(document)
    outcome = process_article(document, Settings.from_env({}))
    assert not outcome.ok and outcome.record["error"]["class"] == "InvalidXML"
    assert "root:x:0:0" not in str(outcome.record)  # nothing was read from the file system


def test_xml_is_told_apart_from_json_and_text() -> None:
    assert looks_like_xml(b"\xef\xbb\xbf  <?xml version='1.0'?><a/>")
    assert not looks_like_xml(b'{"body": "<p>"}') and not looks_like_xml(b"Plain text <b>")
