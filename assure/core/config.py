"""Settings from one TOML file (data/assure.toml or ASSURE_CONFIG) and ASSURE_* variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from assure.core.errors import ValidationError
from assure.core.rules import DUE_SOON_DAYS, MAX_WINDOW_DAYS

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
    timeout: int = 30  # seconds to wait for the server's reply to each command

    @property
    def configured(self) -> bool:
        return bool(self.host)


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with defaults that suit a new office."""

    force_name: str = "Anyshire Constabulary"
    area_name: str = "Anyshire"
    pcc_name: str = "the Police and Crime Commissioner"
    office_name: str = "Office of the Police and Crime Commissioner for Anyshire"  # whole
    board_name: str = "Business Coordination Board"
    # RFC 5545 recurrence of the board, with its first meeting as DTSTART.
    board_rrule: str = "DTSTART:20250408\nRRULE:FREQ=WEEKLY;INTERVAL=6;BYDAY=TU"
    remind_within_days: int = DUE_SOON_DAYS
    allow_as: bool = False
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    # the threats the statement's sections and summary table list: the office's grouping
    # ("office") or the SPR edition's own ("spr", each reported by the office threat covering it)
    report_on: str = "office"
    named: bool = False  # the configuration (or the database, see services.office) names the office
    source: Path | None = None


def office_of(area_name: str) -> str:
    """The office's name when none is given: printed whole, never with the area added."""
    return f"Office of the Police and Crime Commissioner for {area_name}"


def config_path() -> Path:
    """Return the configuration file in force (it may not exist)."""
    env = os.environ.get("ASSURE_CONFIG")
    return Path(env) if env else DATA_DIR / "assure.toml"


def _int(value: object, name: str, low: int, high: int) -> int:
    """A whole number from `low` to `high`; the message names the setting."""
    if isinstance(value, bool):
        raise ValidationError(name, f"{value!r} is not a whole number")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a whole number") from None
    if not low <= number <= high:
        raise ValidationError(name, f"{number} is not from {low} to {high}")
    return number


def _table(raw: dict[str, object], name: str) -> dict[str, object]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ValidationError(name, f"must be a table ([{name}] with keys under it)")
    return value


def _text(table: dict[str, object], key: str, default: str, name: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ValidationError(name, f"{value!r} is not text (put it in quotes)")
    return value


def _flag(table: dict[str, object], key: str, default: bool, name: str) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ValidationError(name, f"{value!r} is not true or false")
    return value


def _choice(
    table: dict[str, object], key: str, default: str, name: str, allowed: tuple[str, ...]
) -> str:
    value = _text(table, key, default, name)
    if value not in allowed:
        raise ValidationError(name, f"{value!r} is not one of {', '.join(allowed)}")
    return value


REPORT_ON = ("office", "spr")


def load_settings(path: Path | None = None) -> Settings:
    """Return the settings from the TOML file (if any) overridden by the environment.

    Raises ValidationError naming the setting when the file is not valid TOML or a value has
    the wrong type or is out of range.
    """
    path = path or config_path()
    raw: dict[str, object] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ValidationError(str(path), f"not valid TOML ({exc})") from None
        except OSError as exc:
            raise ValidationError(str(path), f"cannot be read ({exc.strerror})") from None
    office, board = _table(raw, "office"), _table(raw, "board")
    remind, smtp_raw = _table(raw, "remind"), _table(raw, "smtp")
    statement = _table(raw, "statement")
    env = os.environ
    security = env.get("ASSURE_SMTP_SECURITY") or _text(
        smtp_raw, "security", "none", "smtp.security"
    )
    security = security.lower()
    if security not in {"none", "starttls", "ssl"}:
        raise ValidationError("smtp.security", f"{security!r} is not one of none, starttls, ssl")
    default_port = {"none": 25, "starttls": 587, "ssl": 465}[security]
    smtp = SmtpSettings(
        host=env.get("ASSURE_SMTP_HOST") or _text(smtp_raw, "host", "", "smtp.host"),
        port=_int(env.get("ASSURE_SMTP_PORT", smtp_raw.get("port", default_port)), "smtp.port",
                  1, 65535),
        security=security,
        user=env.get("ASSURE_SMTP_USER") or _text(smtp_raw, "user", "", "smtp.user"),
        password=env.get("ASSURE_SMTP_PASSWORD")
        or _text(smtp_raw, "password", "", "smtp.password"),
        sender=env.get("ASSURE_SMTP_FROM") or _text(smtp_raw, "from", "", "smtp.from"),
        timeout=_int(env.get("ASSURE_SMTP_TIMEOUT", smtp_raw.get("timeout", 30)), "smtp.timeout",
                     1, 600),
    )  # fmt: skip
    defaults = Settings()
    area = _text(office, "area_name", defaults.area_name, "office.area_name")
    return Settings(
        force_name=_text(office, "force_name", defaults.force_name, "office.force_name"),
        area_name=area,
        pcc_name=env.get("ASSURE_PCC_NAME")
        or _text(office, "pcc_name", defaults.pcc_name, "office.pcc_name"),
        office_name=_text(office, "office_name", office_of(area), "office.office_name"),
        board_name=_text(board, "name", defaults.board_name, "board.name"),
        board_rrule=_text(board, "rrule", defaults.board_rrule, "board.rrule"),
        remind_within_days=_int(
            env.get("ASSURE_REMIND_WITHIN", remind.get("within_days", DUE_SOON_DAYS)),
            "remind.within_days",
            0,
            MAX_WINDOW_DAYS,
        ),
        allow_as=_flag(office, "allow_as", defaults.allow_as, "office.allow_as"),
        smtp=smtp,
        report_on=_choice(
            statement, "report_on", defaults.report_on, "statement.report_on", REPORT_ON
        ),
        source=path if path.exists() else None,
        named="force_name" in office or "area_name" in office,
    )
