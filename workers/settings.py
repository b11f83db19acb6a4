"""Every Warta setting, declared once: environment variable, type, default and doc.

Settings are read from ``WARTA_*`` environment variables (and nothing else) into one frozen
:class:`Settings` object. The README's settings table is generated from the same declarations
(``warta settings --markdown``) and a test checks the two agree, so a setting cannot be added
without being documented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

_CACHE_HOME = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "warta"


def _setting(env: str, default: Any, doc: str, *, secret: bool = False) -> Any:
    # Secrets stay out of repr(), so a logged Settings object never shows them.
    return field(default=default, repr=not secret,
                 metadata={"env": env, "doc": doc, "secret": secret})


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of the worker, the CLI and the local broker."""

    # -- Kafka connection and consumer group ---------------------------------------------------
    broker: str = _setting(
        "WARTA_BROKER", "kafka://127.0.0.1:9092",
        "Kafka bootstrap servers, `kafka://host:port` (`;`-separated for several).")
    app_id: str = _setting(
        "WARTA_APP_ID", "warta",
        "Faust application id; also the Kafka consumer group id of the workers.")
    session_timeout_s: float = _setting(
        "WARTA_SESSION_TIMEOUT_S", 10.0,
        "Consumer session and rebalance timeout in seconds (Faust's 60 s default makes a"
        " worker wait ~30 s to join; lower is faster to start and to notice a dead worker).")
    heartbeat_interval_s: float = _setting(
        "WARTA_HEARTBEAT_INTERVAL_S", 1.0, "Consumer heartbeat interval in seconds.")
    security_protocol: str = _setting(
        "WARTA_SECURITY_PROTOCOL", "PLAINTEXT",
        "Kafka security protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.")
    sasl_mechanism: str = _setting(
        "WARTA_SASL_MECHANISM", "SCRAM-SHA-512",
        "SASL mechanism with SASL_*: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.")
    sasl_username: str = _setting("WARTA_SASL_USERNAME", "", "SASL user name.")
    sasl_password: str = _setting(
        "WARTA_SASL_PASSWORD", "", "SASL password (never logged; prefer the _FILE form).",
        secret=True)
    sasl_password_file: Path | None = _setting(
        "WARTA_SASL_PASSWORD_FILE", None,
        "File holding the SASL password (e.g. a mounted secret); used when WARTA_SASL_PASSWORD is empty.")
    ssl_cafile: Path | None = _setting(
        "WARTA_SSL_CAFILE", None, "CA bundle to verify the brokers with SSL/SASL_SSL.")
    ssl_certfile: Path | None = _setting(
        "WARTA_SSL_CERTFILE", None, "Client certificate (PEM) for mutual TLS.")
    ssl_keyfile: Path | None = _setting(
        "WARTA_SSL_KEYFILE", None, "Private key (PEM) of the client certificate.")
    commit_interval_s: float = _setting(
        "WARTA_COMMIT_INTERVAL_S", 1.0,
        "How often processed offsets are committed, in seconds.")

    # -- Topics -----------------------------------------------------------------------------------
    topic_raw: str = _setting("WARTA_TOPIC_RAW", "articles.raw", "Input: raw articles from feeds.")
    topic_lang: str = _setting(
        "WARTA_TOPIC_LANG", "articles.lang", "Articles with `language` added.")
    topic_segmented: str = _setting(
        "WARTA_TOPIC_SEGMENTED", "articles.segmented", "Articles with `sentences` added.")
    topic_quoted: str = _setting(
        "WARTA_TOPIC_QUOTED", "articles.quoted", "Articles with `quotes` added.")
    topic_enriched: str = _setting(
        "WARTA_TOPIC_ENRICHED", "articles.enriched",
        "Output: fully enriched articles (what downstream consumers read).")
    topic_dlq: str = _setting(
        "WARTA_TOPIC_DLQ", "articles.dlq",
        "Dead-letter topic: every input a stage could not process, with the reason.")
    topic_ninjs: str = _setting(
        "WARTA_TOPIC_NINJS", "",
        "When set, the enrich stage also publishes each enriched article as an IPTC ninjs 3.0 item"
        " to this topic (e.g. `articles.ninjs`).")
    topic_partitions: int = _setting(
        "WARTA_TOPIC_PARTITIONS", 6,
        "Partitions of every Warta topic when Warta creates it (the ceiling on parallel workers).")
    topic_replication: int = _setting(
        "WARTA_TOPIC_REPLICATION", 1, "Replication factor of topics Warta creates.")

    max_in_flight: int = _setting(
        "WARTA_MAX_IN_FLIGHT", 100,
        "Most messages a stage has processed whose outputs the broker has not acknowledged yet;"
        " their offsets are committed only once it has. Bounds memory and the work redone after"
        " a crash.")
    producer_linger_s: float = _setting(
        "WARTA_PRODUCER_LINGER_S", 0.005,
        "How long the producer waits to fill a request with more records, in seconds: fewer,"
        " larger produce requests cost the broker and the worker less CPU (adds at most this per"
        " stage to latency).")
    stream_buffer: int = _setting(
        "WARTA_STREAM_BUFFER", 256,
        "Messages fetched ahead per stage before the consumer pauses those partitions (Faust's"
        " `stream_buffer_maxsize`); bounds the worker's memory when a topic has a backlog.")

    # -- Input limits -------------------------------------------------------------------------
    max_body_chars: int = _setting(
        "WARTA_MAX_BODY_CHARS", 200_000,
        "Longest accepted article body in characters; longer ones go to the DLQ (`BodyTooLarge`).")
    max_message_bytes: int = _setting(
        "WARTA_MAX_MESSAGE_BYTES", 8 * 1024 * 1024,
        "Largest record the worker produces (producer `max.request.size`); keep the broker's"
        " `message.max.bytes` at least this large.")

    # -- Worker process ---------------------------------------------------------------------------
    web_bind: str = _setting(
        "WARTA_WEB_BIND", "127.0.0.1", "Address the worker's web server binds to.")
    web_port: int = _setting("WARTA_WEB_PORT", 6066, "Port of the worker's web server.")
    lag_interval_s: float = _setting(
        "WARTA_LAG_INTERVAL_S", 5.0,
        "How often a worker reads its group's lag from the broker for `/metrics`, in seconds.")
    log_level: str = _setting(
        "WARTA_LOG_LEVEL", "info", "Log level: debug, info, warn, error or crit.")
    data_dir: Path = _setting(
        "WARTA_DATA_DIR", _CACHE_HOME / "worker",
        "Directory for the worker's local state (Faust data dir).")

    # -- Local broker (`warta kafka start`) -------------------------------------------------------
    kafka_version: str = _setting(
        "WARTA_KAFKA_VERSION", "4.3.1", "Apache Kafka version fetched from Maven Central.")
    kafka_home: Path = _setting(
        "WARTA_KAFKA_HOME", _CACHE_HOME / "kafka",
        "Cache directory for the local broker's jars, config, logs and pid file.")
    kafka_port: int = _setting(
        "WARTA_KAFKA_PORT", 9092, "Client port of the local broker on 127.0.0.1.")
    kafka_controller_port: int = _setting(
        "WARTA_KAFKA_CONTROLLER_PORT", 9093, "KRaft controller port of the local broker.")
    kafka_data_dir: Path | None = _setting(
        "WARTA_KAFKA_DATA_DIR", None,
        "Log directory of the local broker (default: `data-<port>` under WARTA_KAFKA_HOME).")
    kafka_heap: str = _setting(
        "WARTA_KAFKA_HEAP", "1g", "Java heap (-Xmx) of the local broker.")
    kafka_sasl_port: int = _setting(
        "WARTA_KAFKA_SASL_PORT", 0,
        "When non-zero, the local broker also listens with SASL_PLAINTEXT (SCRAM-SHA-256/512) on"
        " this port, with WARTA_SASL_USERNAME/PASSWORD as its one user.")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Build settings from ``WARTA_*`` variables; unknown ``WARTA_*`` names are an error."""
        environ = os.environ if environ is None else environ
        known = {f.metadata["env"]: f for f in fields(cls)}
        # WARTA_TEST_* is reserved for the test suite's own switches (e.g. WARTA_TEST_BOOTSTRAP).
        unknown = sorted(k for k in environ if k.startswith("WARTA_") and k not in known
                         and not k.startswith("WARTA_TEST_"))
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for env, f in known.items():
            if env in environ:
                values[f.name] = _parse(f.type, environ[env], env)
        return cls(**values)

    def to_env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """``base`` (default: this process's environment) with every ``WARTA_*`` variable set so
        that a ``warta`` subprocess reads exactly these settings."""
        env = {k: v for k, v in (os.environ if base is None else base).items()
               if not k.startswith("WARTA_") or k.startswith("WARTA_TEST_")}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                env[f.metadata["env"]] = str(value)
        return env

    @property
    def topics(self) -> dict[str, str]:
        """Topic role → topic name, in data-flow order (dead-letter last)."""
        return {
            "raw": self.topic_raw,
            "lang": self.topic_lang,
            "segmented": self.topic_segmented,
            "quoted": self.topic_quoted,
            "enriched": self.topic_enriched,
            "dlq": self.topic_dlq,
        }

    @property
    def bootstrap_servers(self) -> str:
        """`host:port[,host:port]` form of :attr:`broker` for plain Kafka clients."""
        return ",".join(
            part.strip().removeprefix("kafka://")
            for part in self.broker.split(";") if part.strip()
        )

    @property
    def kafka_log_dir(self) -> Path:
        return self.kafka_data_dir or self.kafka_home / f"data-{self.kafka_port}"


def _parse(type_name: Any, raw: str, env: str) -> Any:
    kind = str(type_name)
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if "Path" in kind:
            return Path(raw).expanduser() if raw else None
        return raw
    except ValueError:
        raise ValueError(f"{env}={raw!r} is not a valid {kind}") from None


def settings_table() -> str:
    """Markdown table of every setting, for README."""
    rows = ["| Variable | Default | Meaning |", "| --- | --- | --- |"]
    for f in fields(Settings):
        default = f.default
        if isinstance(default, Path):
            # Shown symbolically so the table does not depend on who generated it.
            default = str(default).replace(str(_CACHE_HOME), "~/.cache/warta")
        shown = "" if default in (None, "") else f"`{default}`"
        rows.append(f"| `{f.metadata['env']}` | {shown} | {f.metadata['doc']} |")
    return "\n".join(rows)
