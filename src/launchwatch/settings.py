"""One settings registry, merged in one order: defaults < config file < environment < CLI.

Every setting is declared once, as a field of :class:`Settings` with its default, type and help;
the config file (TOML, ``launchwatch.toml`` in the user config directory or
``LAUNCHWATCH_CONFIG``) and the environment (``LAUNCHWATCH_<NAME>``) may override it, and the
command line last.  pydantic-settings does the merge (:meth:`Settings.settings_customise_sources`
orders its sources) and the validation; a bad value raises :class:`SettingsError` naming the
setting and where the value came from.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import platformdirs
from pydantic import Field, ValidationError
from pydantic_settings import (BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource,
                               SettingsConfigDict, TomlConfigSettingsSource)

from .errors import SettingsError

APP_NAME = "launchwatch"
ENV_PREFIX = "LAUNCHWATCH_"

PositiveInt = Annotated[int, Field(gt=0)]
NonNegativeInt = Annotated[int, Field(ge=0)]


def default_database_url() -> str:
    data_dir = Path(platformdirs.user_data_dir(APP_NAME))
    return f"sqlite:///{data_dir / 'launchwatch.sqlite3'}"


def config_file_path(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if environ.get("LAUNCHWATCH_CONFIG"):
        return Path(environ["LAUNCHWATCH_CONFIG"])
    return Path(platformdirs.user_config_dir(APP_NAME)) / "launchwatch.toml"


@dataclass(frozen=True)
class _Origins:
    """Where one merge reads: the environment and the config file.  Tests pass their own
    (:func:`load_settings`) instead of the process's."""

    environ: Mapping[str, str]
    config_path: Path


# pydantic-settings builds a model's sources in a classmethod that takes no arguments of ours;
# the merge under way tells it where to read through this variable (None: the process's
# environment and config file, as for a plain ``Settings()``).
_READING: ContextVar[_Origins | None] = ContextVar("launchwatch_settings_origins", default=None)


class _MappingEnvSource(EnvSettingsSource):
    """The environment source over a given mapping instead of ``os.environ``."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        # As the base class reads os.environ: names folded to lower case unless the settings
        # are case-sensitive (they are not).
        return {name if self.case_sensitive else name.lower(): value
                for name, value in self._environ.items()}


class Settings(BaseSettings):
    """The merged settings; read them as attributes (``settings.database_url``)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    database_url: str | None = Field(None, description=(
        "SQLAlchemy URL of the store; default is a SQLite file in the platform data directory. "
        "Example: postgresql://user@localhost/launchwatch"))
    batch_progress_min: PositiveInt = Field(20, description=(
        "show a progress bar when a batch has at least this many reports"))
    ingest_workers: NonNegativeInt = Field(0, description=(
        "processes that extract during `launchwatch ingest`; 0: one per CPU core for batches "
        "of 1,000 reports or more, else 1"))
    dask_scheduler: str | None = Field(None, description=(
        "address of a running Dask scheduler for `launchwatch ingest --engine dask` and "
        "`events assess --engine dask` (tcp://host:8786); unset: a local cluster on this "
        "machine"))
    dask_workers: NonNegativeInt = Field(0, description=(
        "worker processes of the local Dask cluster; 0: one per CPU core"))
    dask_partition_reports: PositiveInt = Field(5_000, description=(
        "reports in one Dask task of a bulk ingest (a large JSONL file is cut into byte "
        "ranges of about this many lines; small files are grouped this many to a task)"))
    default_country: str = Field("North Korea", description=(
        "launching state assumed when a report names none but describes a launch"))
    api_token: str | None = Field(None, repr=False, description=(
        "token required for writes through the HTTP API; writes are refused when unset"))
    api_read_open: bool = Field(True, description=(
        "allow reads through the HTTP API without a token"))
    max_upload_bytes: PositiveInt = Field(1_000_000, description=(
        "largest report the HTTP API accepts, in bytes"))
    web_extraction_processes: NonNegativeInt = Field(2, description=(
        "worker processes in which the web app extracts posted reports, so that a slow "
        "report never slows the server's other answers; 0: extract in threads of the "
        "server's own process (tests, a server with one user)"))
    anonymous_export_max_events: NonNegativeInt = Field(1_000, description=(
        "most events one export of the HTTP API holds for a reader without the API token; "
        "with the token an export has no cap"))
    alerts_file: Path | None = Field(None, description=(
        "TOML file of alert rules and channels (README 'Alerts'); unset: no alerts but the "
        "rules stored through the HTTP API"))
    base_url: str = Field("http://127.0.0.1:8000", description=(
        "address of the web app as readers reach it, for the map link in alerts"))
    context_window_days: NonNegativeInt = Field(7, description=(
        "days before and after a launch day in which context events (visits, exercises, ...) "
        "are listed with the event, in `events show`, the HTTP API and the event page"))
    host: str = Field("127.0.0.1", description="address `launchwatch serve` binds to")
    port: PositiveInt = Field(8000, description="port `launchwatch serve` listens on")

    @classmethod
    def settings_customise_sources(
            cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """First wins: the command line (the init values), the environment, the config file;
        the fields' defaults are below them all.  No ``.env`` or secrets directory."""
        origins = _origins()
        return (init_settings, _MappingEnvSource(settings_cls, origins.environ),
                TomlConfigSettingsSource(settings_cls, toml_file=origins.config_path))

    def as_dict(self) -> dict[str, Any]:
        return self.model_dump()

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()


@dataclass(frozen=True)
class Setting:
    """One setting as the registry documents it."""

    name: str
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name.upper()


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(name, field.default, field.description or "")
    for name, field in Settings.model_fields.items())
"""Every setting, in the order :class:`Settings` declares them."""

_BY_NAME = {s.name: s for s in SETTINGS}


def _origins() -> _Origins:
    reading = _READING.get()
    return reading if reading is not None else \
        _Origins(os.environ, config_file_path(os.environ))


def load_settings(cli: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None,
                  config_path: Path | None = None) -> Settings:
    """Merge defaults < config file < environment < ``cli`` (None values left out) and
    validate every value."""
    environ = os.environ if environ is None else environ
    origins = _Origins(environ, config_path or config_file_path(environ))
    given = {key: value for key, value in (cli or {}).items() if value is not None}
    for key in given:
        if key not in _BY_NAME:
            raise SettingsError(f"unknown setting {key!r}", field=key)
    token = _READING.set(origins)
    try:
        return Settings(**given)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"cannot read the config file ({exc}); fix or remove it",
                            path=origins.config_path) from None
    except ValidationError as exc:
        raise _explained(exc, given, origins) from None
    finally:
        _READING.reset(token)


def _explained(error: ValidationError, given: Mapping[str, Any],
               origins: _Origins) -> SettingsError:
    """The first problem of ``error`` as a sentence naming the setting, the value and the
    source it came from (the first source that has it, as the merge takes it)."""
    problem = error.errors()[0]
    name = str(problem["loc"][0]) if problem["loc"] else ""
    path = origins.config_path
    if name not in _BY_NAME:
        return SettingsError(f"unknown setting {name!r}; known settings are "
                             f"{', '.join(sorted(_BY_NAME))}", path=path)
    setting = _BY_NAME[name]
    if name in given:
        origin = "the command line"
    elif setting.env_var in origins.environ:
        origin = setting.env_var
    else:
        origin = f"config file {path}"
    reason = problem["msg"][0].lower() + problem["msg"][1:]
    return SettingsError(f"{problem.get('input')!r} from {origin} is not valid ({reason}); "
                         f"{setting.help}", field=name)
