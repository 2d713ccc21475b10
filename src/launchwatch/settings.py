"""One settings registry, merged in one order: defaults < config file < environment < CLI.

Every setting is declared once in :data:`SETTINGS` with its default, type and help; the
config file (TOML, ``launchwatch.toml`` in the user config directory or ``LAUNCHWATCH_CONFIG``)
and the environment (``LAUNCHWATCH_<NAME>``) may override it, and the command line last.
Values are validated at start-up; a bad one raises :class:`SettingsError` naming it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import platformdirs

from .errors import SettingsError

APP_NAME = "launchwatch"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env_var(self) -> str:
        return "LAUNCHWATCH_" + self.name.upper()


def _bool(text: str) -> bool:
    lowered = str(text).strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("expected true or false")


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError("expected 0 or a positive whole number")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise ValueError("expected a positive whole number")
    return value


def default_database_url() -> str:
    data_dir = Path(platformdirs.user_data_dir(APP_NAME))
    return f"sqlite:///{data_dir / 'launchwatch.sqlite3'}"


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", None, "SQLAlchemy URL of the store; default is a SQLite file in the "
            "platform data directory. Example: postgresql://user@localhost/launchwatch"),
    Setting("batch_progress_min", 20, "show a progress bar when a batch has at least this many "
            "reports", _positive_int),
    Setting("ingest_workers", 0, "processes that extract during `launchwatch ingest`; 0: one per "
            "CPU core for batches of 1,000 reports or more, else 1", _non_negative_int),
    Setting("default_country", "North Korea", "launching state assumed when a report names none "
            "but describes a launch"),
    Setting("api_token", None, "token required for writes through the HTTP API; writes are "
            "refused when unset"),
    Setting("api_read_open", True, "allow reads through the HTTP API without a token", _bool),
    Setting("max_upload_bytes", 1_000_000, "largest report the HTTP API accepts, in bytes",
            _positive_int),
    Setting("anonymous_export_max_events", 1_000, "most events one export of the HTTP API "
            "holds for a reader without the API token; with the token an export has no cap",
            _non_negative_int),
    Setting("host", "127.0.0.1", "address `launchwatch serve` binds to"),
    Setting("port", 8000, "port `launchwatch serve` listens on", _positive_int),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def config_file_path(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if environ.get("LAUNCHWATCH_CONFIG"):
        return Path(environ["LAUNCHWATCH_CONFIG"])
    return Path(platformdirs.user_config_dir(APP_NAME)) / "launchwatch.toml"


class Settings:
    """The merged settings; read them as attributes (``settings.database_url``)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    @property
    def resolved_database_url(self) -> str:
        return self._values.get("database_url") or default_database_url()


def _validated(setting: Setting, raw: Any, origin: str) -> Any:
    if raw is None:
        return None
    try:
        return setting.parse(str(raw))
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{raw!r} from {origin} is not valid ({exc}); {setting.help}",
                            field=setting.name) from None


def load_settings(cli: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None,
                  config_path: Path | None = None) -> Settings:
    """Merge defaults < config file < environment < ``cli`` and validate every value."""
    environ = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}

    path = config_path or config_file_path(environ)
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"cannot read the config file ({exc}); fix or remove it",
                                path=path) from None
        for key, raw in data.items():
            if key not in _BY_NAME:
                raise SettingsError(f"unknown setting {key!r}; known settings are "
                                    f"{', '.join(sorted(_BY_NAME))}", path=path)
            values[key] = _validated(_BY_NAME[key], raw, f"config file {path}")

    for setting in SETTINGS:
        if setting.env_var in environ:
            values[setting.name] = _validated(setting, environ[setting.env_var], setting.env_var)

    for key, raw in (cli or {}).items():
        if raw is None:
            continue
        if key not in _BY_NAME:
            raise SettingsError(f"unknown setting {key!r}", field=key)
        values[key] = _validated(_BY_NAME[key], raw, "the command line")
    return Settings(values)
