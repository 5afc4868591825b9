"""Every configuration value is checked, and a bad one is refused naming its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from assure.core.config import Settings, load_settings
from assure.core.errors import ValidationError
from assure.core.rules import DUE_SOON_DAYS


def loaded(folder: Path, toml: str) -> Settings:
    """The settings a configuration file holding `toml` gives."""
    path = folder / "assure.toml"
    path.write_text(toml)
    return load_settings(path)


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("office = 1", "office"),
        ("[office]\nforce_name = 7", "office.force_name"),
        ("[office]\nallow_as = 'yes'", "office.allow_as"),
        ("[remind]\nwithin_days = 99999999", "remind.within_days"),
        ("[remind]\nwithin_days = -1", "remind.within_days"),
        ("[remind]\nwithin_days = 'soon'", "remind.within_days"),
        ("[smtp]\nport = 70000", "smtp.port"),
        ("[smtp]\nsecurity = 'tls13'", "smtp.security"),
        ("[board]\nrrule = ['x']", "board.rrule"),
        ("statement = 1", "statement"),
        ("[statement]\nreport_on = 'seven'", "statement.report_on"),
        ("[statement]\nreport_on = 7", "statement.report_on"),
    ],
)
def test_a_bad_value_is_refused_naming_its_key(tmp_path: Path, toml: str, key: str) -> None:
    with pytest.raises(ValidationError) as refused:
        loaded(tmp_path, toml)
    assert refused.value.field == key


def test_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "assure.toml"
    path.write_text("[office\n")
    with pytest.raises(ValidationError, match="not valid TOML"):
        load_settings(path)


def test_the_due_soon_window_has_one_default(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "missing.toml").remind_within_days == DUE_SOON_DAYS


def test_the_edges_of_the_window_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "assure.toml"
    for days in (0, 366):
        path.write_text(f"[remind]\nwithin_days = {days}\n")
        assert load_settings(path).remind_within_days == days


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ('[office]\nforce_name = "Kent Police"\n', True),
        ('[office]\narea_name = "Kent"\n', True),
        ('[office]\noffice_name = "OPCC"\n', False),
        ("", False),
    ],
)
def test_the_office_is_named_by_the_configuration_only_if_it_names_the_force_or_area(
    tmp_path: Path, toml: str, named: bool
) -> None:
    assert loaded(tmp_path, toml).named is named


@pytest.mark.parametrize(
    ("toml", "report_on"), [("", "office"), ("[statement]\nreport_on = 'spr'", "spr")]
)
def test_the_statement_reports_on_the_offices_threats_unless_told(
    tmp_path: Path, toml: str, report_on: str
) -> None:
    assert loaded(tmp_path, toml).report_on == report_on


@pytest.mark.parametrize(
    ("toml", "office_name"),
    [
        ("", "Office of the Police and Crime Commissioner for Anyshire"),
        (
            '[office]\narea_name = "Essex"\n',
            "Office of the Police and Crime Commissioner for Essex",
        ),
        (
            '[office]\narea_name = "Essex"\noffice_name = "Office of the Police, Fire and Crime '
            'Commissioner for Essex"\n',
            "Office of the Police, Fire and Crime Commissioner for Essex",
        ),
    ],
)
def test_the_office_name_is_whole_and_its_default_names_the_area(
    tmp_path: Path, toml: str, office_name: str
) -> None:
    assert loaded(tmp_path, toml).office_name == office_name
