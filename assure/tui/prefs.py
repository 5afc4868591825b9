"""The app's remembered preferences (the theme), kept per user, never in the database."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path


def path() -> Path:
    """$ASSURE_PREFS, else $XDG_CONFIG_HOME/assure/app.toml (~/.config/assure/app.toml)."""
    explicit = os.environ.get("ASSURE_PREFS")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "assure" / "app.toml"


def load_theme() -> str | None:
    """The theme chosen last time, or None (a missing or unreadable file is no preference)."""
    try:
        theme = tomllib.loads(path().read_text(encoding="utf-8")).get("theme")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    return theme if isinstance(theme, str) else None


def save_theme(theme: str) -> None:
    """Remember the theme; a preference that cannot be written is not worth an error."""
    target = path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_suffix(".tmp")
        scratch.write_text(f"theme = {theme!r}\n".replace("'", '"'), encoding="utf-8")
        scratch.replace(target)
    except OSError:
        pass
