"""Settings resolution, pinned before the move to pydantic-settings (issue 14).

One name per setting for the environment and secrets.toml; overrides, then secrets, then the
environment, then defaults; empty (or blank) values count as unset; an invalid value is named.
"""

from __future__ import annotations

import pytest

from estel.config import SETTING_NAMES, Settings, load_settings
from estel.errors import BadInput


def test_every_setting_has_its_documented_name():
    assert SETTING_NAMES["brain"] == "ESTEL_BRAIN"
    assert SETTING_NAMES["sqlite_path"] == "ESTEL_DB_PATH"
    assert SETTING_NAMES["openai_api_key"] == "OPENAI_API_KEY"
    assert set(SETTING_NAMES) == set(Settings.model_fields)


def test_defaults_with_nothing_set():
    settings = load_settings(secrets={}, environ={})
    assert settings.brain == "auto"
    assert settings.resolved_brain == "offline"
    assert settings.sqlite_path == "estel.db"
    assert settings.rate_limit_per_minute == 60
    assert settings.openai_api_key is None


def test_secrets_win_over_the_environment_and_overrides_over_both():
    secrets = {"ESTEL_DB_PATH": "from-secrets.db", "ESTEL_OPENAI_MODEL": "m-secrets"}
    environ = {"ESTEL_DB_PATH": "from-env.db", "ESTEL_OPENAI_MODEL": "m-env",
               "ESTEL_OPENAI_TIMEOUT": "12"}
    settings = load_settings(secrets=secrets, environ=environ, openai_model="m-override")
    assert settings.sqlite_path == "from-secrets.db"
    assert settings.openai_model == "m-override"
    assert settings.openai_timeout == 12.0  # only the environment sets it


@pytest.mark.parametrize("empty", ["", "   "])
def test_empty_values_are_unset(empty):
    settings = load_settings(secrets={"ESTEL_BRAIN": empty},
                             environ={"OPENAI_API_KEY": empty, "ESTEL_DB_PATH": empty})
    assert settings.resolved_brain == "offline"
    assert settings.sqlite_path == "estel.db"


def test_an_empty_secret_falls_back_to_the_environment():
    settings = load_settings(secrets={"ESTEL_DB_PATH": ""}, environ={"ESTEL_DB_PATH": "e.db"})
    assert settings.sqlite_path == "e.db"


def test_values_are_stripped_and_none_overrides_are_ignored():
    settings = load_settings(environ={"ESTEL_OPENAI_MODEL": "  llama3.1 "}, openai_model=None)
    assert settings.openai_model == "llama3.1"


def test_secret_values_never_print():
    settings = load_settings(environ={"OPENAI_API_KEY": "sk-very-secret"})
    assert settings.openai_api_key.get_secret_value() == "sk-very-secret"
    assert "sk-very-secret" not in repr(settings)
    assert settings.resolved_brain == "openai"


def test_an_invalid_value_is_reported_with_its_name():
    with pytest.raises(BadInput, match="ESTEL_RATE_LIMIT_PER_MINUTE"):
        load_settings(environ={"ESTEL_RATE_LIMIT_PER_MINUTE": "0"})
    with pytest.raises(BadInput, match="ESTEL_BRAIN"):
        load_settings(secrets={"ESTEL_BRAIN": "gpt"}, environ={})


def test_a_secrets_mapping_that_raises_counts_as_empty():
    class NoFile(dict):
        def get(self, key, default=None):
            raise FileNotFoundError("no secrets.toml")

    assert load_settings(secrets=NoFile(), environ={}).brain == "auto"


def test_the_process_environment_is_read_by_default(monkeypatch):
    monkeypatch.setenv("ESTEL_DB_PATH", "proc.db")
    assert load_settings().sqlite_path == "proc.db"
