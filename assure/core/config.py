"""Settings from one TOML file (data/assure.toml or ASSURE_CONFIG) and ASSURE_* variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from assure.core.errors import ValidationError

ROOT = Path(__file__).resolve().parent.parent.parent
DATA_DIR = ROOT / "data"
EXPORTS_DIR = ROOT / "exports"
DEFAULT_DB = DATA_DIR / "assure.db"


@dataclass(frozen=True)
class SmtpSettings:
    """Where reminders are sent from. The password is never printed: see __repr__."""

    host: str = ""
    port: int = 0
    security: str = "none"  # none, starttls or ssl
    user: str = ""
    password: str = field(default="", repr=False)
    sender: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.host)


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with defaults that suit a new office."""

    force_name: str = "Anyshire Constabulary"
    area_name: str = "Anyshire"
    pcc_name: str = "the Police and Crime Commissioner"
    office_name: str = "Office of the Police and Crime Commissioner"
    board_name: str = "Business Coordination Board"
    # RFC 5545 recurrence of the board, with its first meeting as DTSTART.
    board_rrule: str = "DTSTART:20250408\nRRULE:FREQ=WEEKLY;INTERVAL=6;BYDAY=TU"
    remind_within_days: int = 14
    allow_as: bool = False
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    source: Path | None = None


def config_path() -> Path:
    """Return the configuration file in force (it may not exist)."""
    env = os.environ.get("ASSURE_CONFIG")
    return Path(env) if env else DATA_DIR / "assure.toml"


def _int(value: object, name: str) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a whole number") from None


def load_settings(path: Path | None = None) -> Settings:
    """Return the settings from the TOML file (if any) overridden by the environment.

    Raises ValidationError when the file is not valid TOML or a value has the wrong type.
    """
    path = path or config_path()
    raw: dict[str, object] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValidationError(str(path), f"not valid TOML ({exc})") from None
    office = raw.get("office", {})
    board = raw.get("board", {})
    remind = raw.get("remind", {})
    smtp_raw = raw.get("smtp", {})
    assert isinstance(office, dict) and isinstance(board, dict)
    assert isinstance(remind, dict) and isinstance(smtp_raw, dict)
    env = os.environ
    security = str(env.get("ASSURE_SMTP_SECURITY", smtp_raw.get("security", "none"))).lower()
    if security not in {"none", "starttls", "ssl"}:
        raise ValidationError("smtp.security", f"{security!r} is not one of none, starttls, ssl")
    default_port = {"none": 25, "starttls": 587, "ssl": 465}[security]
    smtp = SmtpSettings(
        host=str(env.get("ASSURE_SMTP_HOST", smtp_raw.get("host", ""))),
        port=_int(env.get("ASSURE_SMTP_PORT", smtp_raw.get("port", default_port)), "smtp.port"),
        security=security,
        user=str(env.get("ASSURE_SMTP_USER", smtp_raw.get("user", ""))),
        password=str(env.get("ASSURE_SMTP_PASSWORD", smtp_raw.get("password", ""))),
        sender=str(env.get("ASSURE_SMTP_FROM", smtp_raw.get("from", ""))),
    )
    defaults = Settings()
    return Settings(
        force_name=str(office.get("force_name", defaults.force_name)),
        area_name=str(office.get("area_name", defaults.area_name)),
        pcc_name=str(env.get("ASSURE_PCC_NAME", office.get("pcc_name", defaults.pcc_name))),
        office_name=str(office.get("office_name", defaults.office_name)),
        board_name=str(board.get("name", defaults.board_name)),
        board_rrule=str(board.get("rrule", defaults.board_rrule)),
        remind_within_days=_int(
            env.get("ASSURE_REMIND_WITHIN", remind.get("within_days", 14)), "remind.within_days"
        ),
        allow_as=bool(office.get("allow_as", defaults.allow_as)),
        smtp=smtp,
        source=path if path.exists() else None,
    )
