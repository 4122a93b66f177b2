"""Settings (pydantic-settings): explicit overrides, then Streamlit secrets, then the
environment, then defaults.

Every setting has one name, used both as the environment variable and as the top-level key in
`.streamlit/secrets.toml` (each field's `validation_alias`). pydantic-settings reads the
environment; secrets come in through a small custom source, because this module does not import
streamlit: the UI passes `st.secrets` in (guarded, since a missing secrets file raises), the CLI
and server pass nothing. Empty or blank values count as unset.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from estel.errors import BadInput

# the sources of one load_settings call: (secrets mapping, environment mapping or None = os)
_SOURCES: ContextVar[tuple[Mapping[str, Any], Mapping[str, str] | None]] = ContextVar(
    "estel_settings_sources", default=({}, None))


def _named(default: Any, name: str, **constraints: Any) -> Any:
    return Field(default=default, validation_alias=name, **constraints)


# what the app says when voice answers are off (the sidebar and the Interview page)
TRANSCRIBE_HINT = ("Voice answers: set ESTEL_TRANSCRIBE_MODEL (e.g. whisper-1) with an OpenAI key"
                   " or an OpenAI-compatible OPENAI_BASE_URL that serves audio transcriptions.")


class Settings(BaseSettings):
    """Resolved configuration. Secrets are SecretStr so they never print."""

    model_config = SettingsConfigDict(extra="forbid", frozen=True, case_sensitive=True,
                                      env_ignore_empty=True, validate_by_name=True,
                                      validate_by_alias=True)

    brain: Literal["auto", "offline", "openai"] = _named("auto", "ESTEL_BRAIN")
    openai_api_key: SecretStr | None = _named(None, "OPENAI_API_KEY")
    openai_base_url: str | None = _named(None, "OPENAI_BASE_URL")
    openai_model: str = _named("gpt-4.1-mini", "ESTEL_OPENAI_MODEL")
    openai_temperature: float = _named(0.4, "ESTEL_OPENAI_TEMPERATURE", ge=0, le=2)
    openai_timeout: float = _named(30.0, "ESTEL_OPENAI_TIMEOUT", gt=0, le=600)
    openai_max_retries: int = _named(2, "ESTEL_OPENAI_MAX_RETRIES", ge=0, le=10)
    openai_json_mode: Literal["auto", "json_schema", "json_object"] = _named(
        "auto", "ESTEL_OPENAI_JSON_MODE")
    fallback: Literal["none", "offline"] = _named("none", "ESTEL_FALLBACK")
    # voice answers (issue 15): the server's audio.transcriptions model; unset = no microphone
    transcribe_model: str | None = _named(None, "ESTEL_TRANSCRIBE_MODEL")
    audio_max_seconds: float = _named(300.0, "ESTEL_AUDIO_MAX_SECONDS", gt=0, le=3600)
    audio_max_mb: float = _named(10.0, "ESTEL_AUDIO_MAX_MB", gt=0, le=25)
    # questions read aloud by the server's audio.speech; unset = the browser's own voice
    speech_model: str | None = _named(None, "ESTEL_SPEECH_MODEL")
    speech_voice: str = _named("alloy", "ESTEL_SPEECH_VOICE")
    prompt_path: str | None = _named(None, "ESTEL_PROMPT_PATH")
    # prompt lab variants; None = estel/prompts/variants
    prompt_variants_dir: str | None = _named(None, "ESTEL_PROMPT_VARIANTS_DIR")
    sqlite_path: str = _named("estel.db", "ESTEL_DB_PATH")
    supabase_url: str | None = _named(None, "SUPABASE_URL")
    supabase_key: SecretStr | None = _named(None, "SUPABASE_KEY")
    supabase_timeout: float = _named(10.0, "ESTEL_SUPABASE_TIMEOUT", gt=0, le=120)
    # the project's anon (public) key: with it, candidates can sign in (Supabase Auth) and their
    # sessions are written with their own token, under RLS; SUPABASE_KEY stays the service key
    supabase_anon_key: SecretStr | None = _named(None, "SUPABASE_ANON_KEY")
    # plain PostgreSQL (postgresql://user:password@host:5432/db); wins over Supabase when set
    database_url: SecretStr | None = _named(None, "ESTEL_DATABASE_URL")
    api_token: SecretStr | None = _named(None, "ESTEL_API_TOKEN")
    cors_origins: str = _named("*", "ESTEL_CORS_ORIGINS")
    rate_limit_per_minute: int = _named(60, "ESTEL_RATE_LIMIT_PER_MINUTE", ge=1)

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Overrides, then secrets, then the environment (os.environ unless one is given)."""
        secrets, environ = _SOURCES.get()
        env = env_settings if environ is None else MappingSource(settings_cls, environ)
        return init_settings, MappingSource(settings_cls, secrets), env

    @model_validator(mode="before")
    @classmethod
    def _blank_is_unset(cls, data: Any) -> Any:
        """Strip text values; a blank one ("  ") is unset like an empty one."""
        if not isinstance(data, dict):
            return data
        stripped = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        return {k: v for k, v in stripped.items() if v != ""}

    @property
    def openai_configured(self) -> bool:
        """A key, or a base URL for a local OpenAI-compatible server (which needs no key)."""
        return bool(self.openai_api_key and self.openai_api_key.get_secret_value()) or bool(
            self.openai_base_url
        )

    @property
    def transcription_configured(self) -> bool:
        """Voice answers need a transcription model on a configured OpenAI-compatible server."""
        return bool(self.transcribe_model) and self.openai_configured

    @property
    def speech_configured(self) -> bool:
        return bool(self.speech_model) and self.openai_configured

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
    def sign_in_configured(self) -> bool:
        """Sign-in needs the Supabase store (not plain PostgreSQL, which wins) and the anon key."""
        return (self.supabase_configured and self.database_url is None
                and bool(self.supabase_anon_key and self.supabase_anon_key.get_secret_value()))

    @property
    def supabase_host(self) -> str | None:
        return urlparse(self.supabase_url).hostname if self.supabase_url else None

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]


# field name -> the env var / secret key that sets it
SETTING_NAMES: dict[str, str] = {name: str(field.validation_alias)
                                 for name, field in Settings.model_fields.items()}


class MappingSource(PydanticBaseSettingsSource):
    """Top-level keys of a mapping by setting name: `st.secrets`, or an explicit environment."""

    def __init__(self, settings_cls: type[BaseSettings], mapping: Mapping[str, Any]) -> None:
        super().__init__(settings_cls)
        self.mapping = mapping

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        key = str(field.validation_alias or field_name)
        return _lookup(self.mapping, key), key, False

    def __call__(self) -> dict[str, Any]:
        found = {}
        for name, field in self.settings_cls.model_fields.items():
            value, key, _ = self.get_field_value(field, name)
            if value not in (None, ""):
                found[key] = value
        return found


@contextmanager
def _sources(secrets: Mapping[str, Any], environ: Mapping[str, str] | None) -> Iterator[None]:
    token = _SOURCES.set((secrets, environ))
    try:
        yield
    finally:
        _SOURCES.reset(token)


def load_settings(
    secrets: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Resolve settings: explicit overrides, then secrets, then environment, then defaults.

    Empty strings count as unset, so `OPENAI_API_KEY=` in a shell does not select the OpenAI brain.
    """
    try:
        with _sources(secrets or {}, environ):
            return Settings(**{k: v for k, v in overrides.items() if v is not None})
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
