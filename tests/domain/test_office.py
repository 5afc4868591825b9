"""The office's names: none until named, named once with an audit, the configuration wins."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.engine import Engine

from assure.core.actor import Actor
from assure.core.config import Settings
from assure.core.db import Store
from assure.core.errors import ConflictError, PermissionDenied, ValidationError
from assure.services import history, office
from tests.conftest import OFFICER

VIEWER = Actor("Val Viewer", "viewer")


def test_a_new_database_has_no_names_until_the_office_is_named(engine: Engine) -> None:
    store = Store(engine=engine)
    assert office.names(store, OFFICER) is None
    named = office.name_office(store, OFFICER, force_name=" Kent Police ", area_name="Kent")
    assert (named.force_name, named.area_name, named.version) == ("Kent Police", "Kent", 1)
    assert office.names(store, VIEWER) == named


def test_renaming_is_audited_and_refused_if_changed_since_read(engine: Engine) -> None:
    store = Store(engine=engine)
    first = office.name_office(store, OFFICER, force_name="Kent Police", area_name="Kent")
    again = office.name_office(
        store, OFFICER, force_name="Kent Police", area_name="Kent and Medway",
        version=first.version,
    )  # fmt: skip
    assert again.version == 2
    with pytest.raises(ConflictError):
        office.name_office(store, OFFICER, force_name="X", area_name="Y", version=first.version)
    trail = history.history(store, OFFICER, "office", 1).audit
    assert ("update", "area name", "Kent", "Kent and Medway") in {
        (r.operation, r.field, r.old, r.new) for r in trail
    }


@pytest.mark.parametrize(("actor", "error"), [(VIEWER, PermissionDenied), (OFFICER, None)])
def test_only_those_who_may_configure_name_the_office(
    engine: Engine, actor: Actor, error: type[Exception] | None
) -> None:
    store = Store(engine=engine)
    if error is None:
        office.name_office(store, actor, force_name="Kent Police", area_name="Kent")
        assert office.names(store, actor) is not None
        return
    with pytest.raises(error):
        office.name_office(store, actor, force_name="Kent Police", area_name="Kent")
    assert office.names(store, OFFICER) is None


def test_a_blank_force_is_refused(engine: Engine) -> None:
    store = Store(engine=engine)
    with pytest.raises(ValidationError) as refused:
        office.name_office(store, OFFICER, force_name="  ", area_name="Kent")
    assert refused.value.field == "force_name"
    assert office.names(store, OFFICER) is None


def test_the_configuration_names_win_over_the_recorded() -> None:
    recorded = office.OfficeNames("Kent Police", "Kent", "Matthew Scott", "", 1)
    unnamed = Settings()
    merged = office.with_names(unnamed, recorded)
    assert (merged.force_name, merged.area_name, merged.pcc_name, merged.named) == (
        "Kent Police", "Kent", "Matthew Scott", True,
    )  # fmt: skip
    # a blank recorded office name is the default for the recorded area, never the default area's
    assert merged.office_name == "Office of the Police and Crime Commissioner for Kent"
    named = replace(unnamed, office_name="OPCC Kent")
    assert office.with_names(named, recorded).office_name == "OPCC Kent"
    configured = replace(unnamed, force_name="Essex Police", area_name="Essex", named=True)
    assert office.with_names(configured, recorded) == configured
    assert office.with_names(unnamed, None) == unnamed
