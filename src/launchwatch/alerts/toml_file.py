"""Reading the TOML files the alerts take (the alerts file, the ``--sources`` file).

A file that cannot be read, or is not TOML, ends the command with a :class:`SettingsError`
that names the file; each caller adds where the file came from and where its format is shown.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from ..errors import SettingsError


def read_toml(path: Path, *, unreadable: str, read_hint: str, format_hint: str
              ) -> dict[str, Any]:
    """The table of the TOML file ``path``.

    ``unreadable`` opens the message of a file that cannot be read ("cannot be read"),
    ``read_hint`` says what to check then ("check the path given to --sources"), and
    ``format_hint`` where the format is shown, for a file that is not valid TOML."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"{unreadable} ({exc.strerror or exc}); {read_hint}",
                            path=path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"is not valid TOML ({exc}); {format_hint}", path=path) from None
