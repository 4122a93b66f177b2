"""Settings: Streamlit secrets, then the environment, then defaults.

Every setting has one name, used both as the environment variable and as the top-level key in
`.streamlit/secrets.toml`. This module does not import streamlit: the UI passes `st.secrets` in
(guarded, since a missing secrets file raises), the CLI and server pass nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from estel.errors import BadInput

# field name -> the env var / secret key that sets it
SETTING_NAMES: dict[str, str] = {
    "brain": "ESTEL_BRAIN",
    "openai_api_key": "OPENAI_API_KEY",
    "openai_base_url": "OPENAI_BASE_URL",
    "openai_model": "ESTEL_OPENAI_MODEL",
    "openai_temperature": "ESTEL_OPENAI_TEMPERATURE",
    "openai_timeout": "ESTEL_OPENAI_TIMEOUT",
    "openai_max_retries": "ESTEL_OPENAI_MAX_RETRIES",
    "openai_json_mode": "ESTEL_OPENAI_JSON_MODE",
    "fallback": "ESTEL_FALLBACK",
    "prompt_path": "ESTEL_PROMPT_PATH",
    "prompt_variants_dir": "ESTEL_PROMPT_VARIANTS_DIR",
    "sqlite_path": "ESTEL_DB_PATH",
    "supabase_url": "SUPABASE_URL",
    "supabase_key": "SUPABASE_KEY",
    "supabase_timeout": "ESTEL_SUPABASE_TIMEOUT",
    "api_token": "ESTEL_API_TOKEN",
    "cors_origins": "ESTEL_CORS_ORIGINS",
    "rate_limit_per_minute": "ESTEL_RATE_LIMIT_PER_MINUTE",
}


class Settings(BaseModel):
    """Resolved configuration. Secrets are SecretStr so they never print."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    brain: Literal["auto", "offline", "openai"] = "auto"
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4.1-mini"
    openai_temperature: float = Field(default=0.4, ge=0, le=2)
    openai_timeout: float = Field(default=30.0, gt=0, le=600)
    openai_max_retries: int = Field(default=2, ge=0, le=10)
    openai_json_mode: Literal["auto", "json_schema", "json_object"] = "auto"
    fallback: Literal["none", "offline"] = "none"
    prompt_path: str | None = None
    prompt_variants_dir: str | None = None  # prompt lab variants; None = estel/prompts/variants
    sqlite_path: str = "estel.db"
    supabase_url: str | None = None
    supabase_key: SecretStr | None = None
    supabase_timeout: float = Field(default=10.0, gt=0, le=120)
    api_token: SecretStr | None = None
    cors_origins: str = "*"
    rate_limit_per_minute: int = Field(default=60, ge=1)

    @property
    def openai_configured(self) -> bool:
        """A key, or a base URL for a local OpenAI-compatible server (which needs no key)."""
        return bool(self.openai_api_key and self.openai_api_key.get_secret_value()) or bool(
            self.openai_base_url
        )

    @property
    def resolved_brain(self) -> Literal["offline", "openai"]:
        """What `auto` means now: openai when a key (or a base URL) is set, else offline."""
        if self.brain == "auto":
            return "openai" if self.openai_configured else "offline"
        return self.brain

    @property
    def supabase_configured(self) -> bool:
        return bool(self.supabase_url and self.supabase_key)

    @property
    def supabase_host(self) -> str | None:
        return urlparse(self.supabase_url).hostname if self.supabase_url else None

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]


def load_settings(
    secrets: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Resolve settings: explicit overrides, then secrets, then environment, then defaults.

    Empty strings count as unset, so `OPENAI_API_KEY=` in a shell does not select the OpenAI brain.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for field_name, key in SETTING_NAMES.items():
        for source in (secrets or {}, environ):
            value = _lookup(source, key)
            if value not in (None, ""):
                values[field_name] = value
                break
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings.model_validate(values)
    except ValidationError as error:
        problems = "; ".join(
            f"{SETTING_NAMES.get(str(e['loc'][0]), e['loc'][0])}: {e['msg']}"
            for e in error.errors(include_url=False, include_input=False)
        )
        raise BadInput(f"Invalid setting: {problems}") from None


def _lookup(source: Mapping[str, Any], key: str) -> Any:
    try:
        value = source.get(key)
    except (FileNotFoundError, KeyError, AttributeError):  # st.secrets without a file raises
        return None
    if isinstance(value, str):
        return value.strip()
    return value
