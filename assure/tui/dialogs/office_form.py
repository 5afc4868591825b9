"""The first run's question: what is this office called (the header and documents use it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assure.services import office
from assure.tui.dialogs.form import Field, FormModal

if TYPE_CHECKING:
    from assure.tui.app import AssureApp


def name_office(app: AssureApp, found: office.OfficeNames | None) -> FormModal[office.OfficeNames]:
    """Name the office (asked once, on a database that has no names), or correct its names."""
    fields = [
        Field("force_name", "Force", value=found.force_name if found else "", required=True,
              placeholder="e.g. Kent Police"),
        Field("area_name", "Police area", value=found.area_name if found else "",
              required=True, placeholder="e.g. Kent"),
        Field("pcc_name", "Commissioner's name", value=found.pcc_name if found else ""),
        Field("office_name", "Office", value=found.office_name if found else "",
              placeholder="e.g. Office of the Police and Crime Commissioner for Kent"),
    ]  # fmt: skip
    return FormModal(
        "Name this office (shown in the header and on every document)"
        if found is None
        else "The office's names",
        fields,
        lambda v: office.name_office(
            app.store,
            app.actor,
            force_name=v["force_name"],
            area_name=v["area_name"],
            pcc_name=v["pcc_name"],
            office_name=v["office_name"],
            version=found.version if found else None,
        ),
        says=lambda names: f"This is {names.area_name}'s office.",
    )
