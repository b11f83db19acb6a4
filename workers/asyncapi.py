"""The AsyncAPI 3.0 description of Warta's topics, generated from the settings and the JSON Schemas.

``warta asyncapi`` writes ``schemas/asyncapi.yaml``; a test regenerates it and fails when the
committed file differs, so the document cannot drift from the topics, keys, headers and payload
schemas the code actually uses. The payload schemas are bundled from the per-topic JSON Schema
files at generation time (their ``urn:warta:schema:*`` references rewritten to
``#/components/schemas/*``), because AsyncAPI tooling such as ``asyncapi generate models`` cannot
follow ``urn:`` references; the files stay the one place they are written.
"""

from __future__ import annotations

from typing import Any

from . import __version__
from .pipeline import STAGES
import re

from .schemas import TOPIC_SCHEMAS, load_schema
from .settings import Settings

#: Kafka headers on every record a Warta stage produces (CloudEvents binary mode + tracing).
HEADERS: dict[str, tuple[str, str]] = {
    "ce_specversion": ("CloudEvents version, always `1.0`.", "1.0"),
    "ce_id": ("Unique id of this event (the article id, the stage and a content hash).", ""),
    "ce_source": ("Which Warta stage produced it, e.g. `/warta/stage/enrich`.", ""),
    "ce_type": ("Event type per topic, e.g. `org.warta.article.enriched`.", ""),
    "ce_time": ("When the stage produced it (RFC 3339).", ""),
    "ce_subject": ("The article id.", ""),
    "content-type": ("`application/json`.", "application/json"),
    "traceparent": ("W3C trace context, the same trace id from raw to enriched.", ""),
}

#: CloudEvents `type` per topic role.
EVENT_TYPES = {
    "raw": "org.warta.article.raw",
    "lang": "org.warta.article.language",
    "segmented": "org.warta.article.segmented",
    "quoted": "org.warta.article.quoted",
    "enriched": "org.warta.article.enriched",
    "dlq": "org.warta.article.deadletter",
    "ninjs": "org.warta.article.ninjs",
}


def _camel(role: str) -> str:
    return "articles" + role.capitalize()


_URN_REF = re.compile(r"^urn:warta:schema:([\w.]+)(?:#/\$defs/(\w+))?$")
_LOCAL_REF = re.compile(r"^#/\$defs/(\w+)$")


def _component_name(schema: str, definition: str | None = None) -> str:
    if definition:
        return "".join(part.capitalize() for part in definition.split("_"))
    return "".join(part.capitalize() for part in schema.split("."))  # articles.raw -> ArticlesRaw


def _bundled(node: Any, in_defs: bool) -> Any:
    """A JSON Schema with its urn: / $defs references pointing into components.schemas."""
    if isinstance(node, list):
        return [_bundled(item, in_defs) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("$schema", "$id", "$defs", "x-version"):
            continue
        if key == "$ref" and isinstance(value, str):
            urn, local = _URN_REF.match(value), _LOCAL_REF.match(value)
            if urn:
                value = "#/components/schemas/" + _component_name(urn.group(1), urn.group(2))
            elif local and in_defs:
                value = "#/components/schemas/" + _component_name("defs", local.group(1))
        out[key] = _bundled(value, in_defs)
    return out


def _payload_schemas() -> dict[str, Any]:
    components: dict[str, Any] = {}
    for name in ["defs", *TOPIC_SCHEMAS.values()]:
        schema = load_schema(name)
        if name == "defs":
            for definition, body in schema["$defs"].items():
                components[_component_name("defs", definition)] = {
                    "title": _component_name("defs", definition), **_bundled(body, True)}
        else:
            components[_component_name(name)] = {
                **_bundled(schema, False), "title": _component_name(name),
                "description": f"{schema['title']}. {schema.get('description', '')}".strip(),
            }
    return components


def build(settings: Settings) -> dict[str, Any]:
    """The AsyncAPI document as a dict (ordered as it is written)."""
    header_schema = {
        "type": "object",
        "properties": {
            name: {"type": "string", "description": doc, **({"const": const} if const else {})}
            for name, (doc, const) in HEADERS.items()
        },
    }
    channels: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for role, topic in settings.topics.items():
        schema_name = TOPIC_SCHEMAS[role]
        schema = load_schema(schema_name)
        message_name = _camel(role) + "Message"
        messages[message_name] = {
            "name": message_name,
            "title": schema["title"],
            "summary": schema.get("description", ""),
            "contentType": "application/json",
            "headers": {"$ref": "#/components/schemas/warta-headers"} if role != "raw" else {
                "type": "object", "description": "Feeds may send any headers."},
            "payload": {"$ref": f"#/components/schemas/{_component_name(schema_name)}"},
            "bindings": {"kafka": {
                "key": {"type": "string", "description": "The article id (UTF-8)."},
                "bindingVersion": "0.5.0",
            }},
        }
        channels[_camel(role)] = {
            "address": topic,
            "title": topic,
            "description": schema.get("description", ""),
            "messages": {message_name: {"$ref": f"#/components/messages/{message_name}"}},
            "bindings": {"kafka": {
                "topic": topic,
                "partitions": settings.topic_partitions,
                "replicas": settings.topic_replication,
                "bindingVersion": "0.5.0",
            }},
        }
    operations: dict[str, Any] = {
        "publishRawArticles": {
            "action": "send",
            "title": "Feeds publish raw articles (`warta feed`)",
            "channel": {"$ref": "#/channels/articlesRaw"},
        },
    }
    for stage in STAGES:
        operations[f"{stage.name}Receive"] = {
            "action": "receive",
            "title": f"Stage `{stage.name}` consumes {settings.topics[stage.input]}",
            "channel": {"$ref": f"#/channels/{_camel(stage.input)}"},
        }
        operations[f"{stage.name}Send"] = {
            "action": "send",
            "title": f"Stage `{stage.name}` produces {settings.topics[stage.output]}"
                     f" (or {settings.topic_dlq})",
            "channel": {"$ref": f"#/channels/{_camel(stage.output)}"},
        }
    operations["consumeEnrichedArticles"] = {
        "action": "receive",
        "title": "Downstream consumers read enriched articles",
        "channel": {"$ref": "#/channels/articlesEnriched"},
    }
    operations["deadLetters"] = {
        "action": "send",
        "title": "Any stage sends what it cannot process to the dead-letter topic",
        "channel": {"$ref": "#/channels/articlesDlq"},
    }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Warta",
            "version": __version__,
            "description": "Raw news articles in, enriched structured records out. Every record is"
                           " keyed by article id; each stage adds its fields and a `pipeline` entry.",
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {
                "host": settings.bootstrap_servers.split(",")[0],
                "protocol": "kafka",
                "description": "The local broker of `warta kafka start` (WARTA_BROKER).",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": {"warta-headers": header_schema, **_payload_schemas()},
            "messages": messages,
        },
    }


def render(settings: Settings | None = None) -> str:
    """The document as YAML, with the default settings unless others are given."""
    import yaml

    document = build(settings or Settings.from_env({}))
    header = ("# Generated by `warta asyncapi` from workers/settings.py and the JSON Schemas beside\n"
              "# this file; do not edit by hand (a test regenerates and compares it).\n")
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
