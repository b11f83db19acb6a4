"""Settings: one declaration per setting, read from WARTA_* variables, documented in README."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from tests.conftest import REPO
from workers.settings import Settings, settings_table


def test_defaults_name_the_documented_topics() -> None:
    settings = Settings.from_env({})
    assert settings.topics == {
        "raw": "articles.raw",
        "lang": "articles.lang",
        "segmented": "articles.segmented",
        "quoted": "articles.quoted",
        "enriched": "articles.enriched",
        "dlq": "articles.dlq",
    }
    assert settings.bootstrap_servers == "127.0.0.1:9092"


def test_environment_overrides_are_parsed_to_the_declared_type() -> None:
    settings = Settings.from_env({
        "WARTA_TOPIC_PARTITIONS": "12",
        "WARTA_SESSION_TIMEOUT_S": "4.5",
        "WARTA_TOPIC_ENRICHED": "news.enriched",
        "WARTA_KAFKA_HOME": "/tmp/k",
        "WARTA_BROKER": "kafka://a:1;kafka://b:2",
    })
    assert settings.topic_partitions == 12
    assert settings.session_timeout_s == 4.5
    assert settings.topics["enriched"] == "news.enriched"
    assert settings.kafka_home == Path("/tmp/k")
    assert settings.bootstrap_servers == "a:1,b:2"


def test_a_misspelt_or_malformed_setting_is_an_error_not_ignored() -> None:
    with pytest.raises(ValueError, match="WARTA_TOPIC_PARTITION"):
        Settings.from_env({"WARTA_TOPIC_PARTITION": "3"})
    with pytest.raises(ValueError, match="WARTA_WEB_PORT"):
        Settings.from_env({"WARTA_WEB_PORT": "eighty"})


def test_every_setting_has_a_warta_env_var_and_a_doc() -> None:
    envs = [f.metadata["env"] for f in fields(Settings)]
    assert len(envs) == len(set(envs))
    assert all(env.startswith("WARTA_") for env in envs)
    assert all(f.metadata["doc"].strip() for f in fields(Settings))


def test_readme_settings_table_is_the_generated_one() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert settings_table() in readme, "run `warta settings --markdown` and paste it into README"


def test_to_env_round_trips_and_drops_foreign_warta_variables() -> None:
    from dataclasses import replace

    settings = replace(Settings.from_env({}), topic_partitions=9, kafka_home=Path("/tmp/kh"),
                       sasl_password="s3cret")
    env = settings.to_env({"PATH": "/bin", "WARTA_TOPIC_RAW": "stale", "WARTA_TEST_X": "1"})
    assert env["PATH"] == "/bin" and env["WARTA_TEST_X"] == "1"
    assert Settings.from_env(env) == settings
