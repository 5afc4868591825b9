"""Importing a register from a CSV, XLSX or JSON file: every row is checked, and all or none are
kept.

Every row is checked with the same validators the services use; each refused row is reported
with its line, column and reason. New actions, the bulk of a large register, are checked first
and then written together in a few batched statements (`board.add_actions`), with the same
audit entries the app writes; every other row is written through the services inside its own
savepoint. The caller (the `import_register` use case) rolls the transaction back when any row
was refused, or on a dry run, so nothing is written. A row whose key already exists updates
that record, and a row that matches it changes nothing, so importing the same file twice is
harmless.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from assure.core import audit, lifecycle, policy, validate
from assure.core.actor import Actor
from assure.core.clock import FinancialYear
from assure.core.errors import AssureError, ValidationError
from assure.models import Action, Evidence, Finding, Inspection, Meeting, Person
from assure.models.base import pk
from assure.services import catalogue, people, updates
from assure.services.board import actions as board
from assure.services.evidence import records as evidence
from assure.services.evidence import spr
from assure.services.inspections import findings as inspections
from assure.services.interchange.tabular import (
    Rows,
    check_header,
    check_kind,
    date_of,
    list_of,
    read_table,
    text_of,
)
from assure.services.plan import priorities as plan

MAX_REPORTED = 50
PROGRESS_EVERY = 1000

# told (stage, done, in all) as an import goes: rows "checked", then new actions "writing"
Progress = Callable[[str, int, int], None]

# a service's field name -> the import column it came from
FIELD_TO_COLUMN = {
    "actions": {"title": "action", "new_due": "due_date"},
    "evidence": {"occurred_on": "date"},
    "findings": {"target_date": "target_date", "published_on": "report_published"},
    "assessments": {"threats": "threat", "dimensions": "dimension"},
}


@dataclass
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column or 'row'}: {self.reason}"


@dataclass
class ImportReport:
    """What an import did (or, with errors or on a dry run, would have done)."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    owners_created: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def summary(self) -> str:
        text = (
            f"{self.rows} rows: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.owners_created:
            text += f"; people added: {', '.join(self.owners_created)}"
        return text


@dataclass
class _NewAction:
    """A new action checked and waiting to be written, with what comes with it."""

    fields: dict[str, Any]
    revised: date | None
    history: bool
    update: str


class _Importer:
    """One method per kind; each writes one row and returns created, updated or unchanged."""

    def __init__(
        self, session: Session, actor: Actor, today: date, kind: str, create_owners: bool
    ) -> None:
        self.s, self.actor, self.today, self.kind = session, actor, today, kind
        self.create_owners = create_owners
        self.report = ImportReport(kind)
        self.new_actions: list[_NewAction] = []
        self._actions: dict[str, Action] = {}
        self._people: dict[str, Person] = {}
        self._meetings: dict[date, Meeting] = {}
        self._statuses: dict[str, str] = {}
        self._latest: dict[int, str] = {}  # an existing action's newest update

    def person(self, name: str, column: str) -> str:
        return self._person(name, column).name if name else ""

    def _person(self, name: str, column: str) -> Person:
        """The person called `name` (looked up once per import), added with --create-owners."""
        if name in self._people:
            return self._people[name]
        found = people.find_person(self.s, name) or self._add_person(name, column)
        self._people[name] = found
        return found

    def _add_person(self, name: str, column: str) -> Person:
        if not self.create_owners:
            raise ValidationError(
                column, f"no person called {name!r} (add them, or use --create-owners)"
            )
        email = name if "@" in name else ""
        created = people.add_person(
            self.s, self.actor, email.split("@")[0] if email else name, email=email
        )
        self.report.owners_created.append(created.name)
        return created

    def threat_ids(self, codes: list[str]) -> list[int]:
        edition = spr.edition_in_force(self.s, self.today)
        return [spr.threat_by_code(self.s, edition, c).id or 0 for c in codes]

    def dimension_ids(self, codes: list[str]) -> list[int]:
        return [spr.dimension_by_code(self.s, c).id or 0 for c in codes]

    def people(self, r: dict[str, Any]) -> str:
        name = text_of(r.get("name"))
        existing = people.find_person(self.s, name) if name else None
        fields: dict[str, Any] = {
            k: text_of(r[k]) for k in ("role", "organisation", "email") if k in r
        }
        # a blank login or access keeps what the register has; a new person is a viewer
        login, access = text_of(r.get("login", "")), text_of(r.get("access", "")).lower()
        fields.update({k: v for k, v in (("login", login), ("access", access)) if v})
        if existing is None:
            if fields.get("access", "viewer") != "viewer" or fields.get("login"):
                policy.require(self.actor, "set-access")
            people.add_person(
                self.s,
                self.actor,
                name,
                fields.get("role", ""),
                fields.get("organisation", ""),
                fields.get("email", ""),
                fields.get("access", "viewer"),
                fields.get("login"),
            )
            return "created"
        changes: dict[str, Any] = {
            k: v for k, v in fields.items() if (getattr(existing, k) or "") != v
        }
        if not changes:
            return "unchanged"
        if {"login", "access"} & changes.keys():
            policy.require(self.actor, "set-access")
        self._check_version(existing, r, existing.name)
        assert existing.id is not None
        people.update_person(self.s, self.actor, existing.id, None, **changes)
        return "updated"

    def load_actions(self, records: list[tuple[int, dict[str, Any]]]) -> None:
        """Look up, in a few queries, the actions the file's refs already name."""
        refs = sorted({ref for _, r in records if (ref := text_of(r.get("ref", "")))})
        for start in range(0, len(refs), 500):
            chunk = refs[start : start + 500]
            found = self.s.scalars(select(Action).where(col(Action.ref).in_(chunk)))
            self._actions.update((a.ref, a) for a in found)
        ids = [pk(a) for a in self._actions.values()]
        for start in range(0, len(ids), 500):
            self._latest.update(updates.latest_texts(self.s, "action", ids[start : start + 500]))

    def actions(self, r: dict[str, Any]) -> str:
        existing = self._actions.get(text_of(r.get("ref", "")))
        if existing is None:
            self.new_actions.append(self._new_action(r))
            return "created"
        return "updated" if self._update_action(existing, r) else "unchanged"

    def _new_action(self, r: dict[str, Any]) -> _NewAction:
        """A new action checked, to be written with the others once every row is checked; one
        already closed or superseded comes in as history, with its day. Writes nothing but the
        owners and meetings it names."""
        owner = self._person(text_of(r.get("owner")), "owner")
        due = date_of(r.get("due_date"), "due_date")
        if due is None:
            raise ValidationError("due_date", "required")
        day = date_of(r.get("meeting_date", ""), "meeting_date")
        meeting = self._meeting(day) if day is not None else None
        # without a raised or meeting date the day is not known: a past due date is accepted
        raised = date_of(r.get("raised_on", ""), "raised_on") or day
        status = self._status(text_of(r.get("status", "")) or "open")
        closed_on = date_of(r.get("closed_on", ""), "closed_on")
        fields = board.new_action(
            title=text_of(r.get("action")), owner_id=pk(owner), due_date=due, status=status,
            today=self.today, raised_on=raised, closed_on=closed_on, ref=text_of(r.get("ref", "")),
            meeting_id=meeting.id if meeting else None,
        )  # fmt: skip
        history = lifecycle.action_is_terminal(status)
        if history and closed_on is None:  # the app would close it today: history has its day
            raise ValidationError(
                "closed_on", f"a {status} action is imported with the day it closed"
            )
        update = text_of(r.get("update", ""))
        if update:  # the register's last word on it, kept as a note (history's too)
            validate.required(update, "update", 4000)
        return _NewAction(fields, self._revised_due(r, due), history, update)

    def _meeting(self, day: date) -> Meeting:
        if day not in self._meetings:
            self._meetings[day] = board.meeting_on(self.s, day) or board.add_meeting(
                self.s, self.actor, day
            )
        return self._meetings[day]

    def _status(self, text: str) -> str:
        if text not in self._statuses:
            self._statuses[text] = validate.term(self.s, "action-status", text, "status")
        return self._statuses[text]

    def write_actions(self, written: Callable[[int], None] | None = None) -> None:
        """Write the checked new actions together, with the entries the app writes for each;
        `written` is told how many are in after each batch."""
        plans = self.new_actions
        fields = [p.fields for p in plans]
        ids = board.add_actions(self.s, self.actor, fields, self.today, written)
        for new, action_id in zip(plans, ids, strict=True):
            if new.revised is not None:
                action = board.get_action(self.s, action_id)
                audit.change(self.s, action, {"revised_due_date": new.revised}, self.actor)
            if new.history:
                audit.note(self.s, self.actor, ("action", action_id), "import", "status",
                           new=f"{new.fields['status']} on {new.fields['closed_on']}, "
                           "imported as history")  # fmt: skip
        notes = [(("action", i), p.update) for p, i in zip(plans, ids, strict=True) if p.update]
        updates.add_updates(self.s, self.actor, notes, self.today)

    def _revised_due(self, r: dict[str, Any], due: date) -> date | None:
        revised = date_of(r.get("revised_due_date", ""), "revised_due_date")
        if revised is not None and revised <= due:
            raise ValidationError("revised_due_date", "is not after the original due date")
        return revised

    def _update_action(self, existing: Action, r: dict[str, Any]) -> bool:
        """Apply a row to an existing action; return whether anything changed.

        A status change follows the action's lifecycle (the update column says how or why);
        a row from an export older than the action is refused rather than written over it.
        """
        title = text_of(r.get("action"))
        name = text_of(r.get("owner"))
        owner = self._person(name, "owner") if name else None
        due = date_of(r.get("due_date"), "due_date")
        changes: dict[str, Any] = {}
        if existing.title != title:
            changes["title"] = title
        if owner is not None and existing.owner_id != owner.id:
            changes["owner"] = owner.name
        if due is not None and existing.due_date != due:
            changes["due_date"] = due
        if "revised_due_date" in r:
            revised = date_of(r["revised_due_date"], "revised_due_date")
            if revised != existing.revised_due_date:
                raise ValidationError(
                    "revised_due_date", "moves only through an extension request and decision"
                )
        status = text_of(r.get("status", ""))
        status = self._status(status) if status else ""
        update = text_of(r.get("update", ""))
        new_update = bool(update) and self._latest.get(pk(existing)) != update
        moves = bool(status) and status != existing.status
        if not (changes or moves or new_update):
            return False
        self._check_version(existing, r)
        with self.s.begin_nested():  # a refused move leaves the row's other changes unwritten
            if changes:
                board.edit_action(self.s, self.actor, existing, **changes)
            if moves:
                self._move(existing, status, update)
            elif new_update:
                board.progress(self.s, self.actor, existing, update, self.today, start=False)
        return True

    def _check_version(self, existing: Any, r: dict[str, Any], name: str = "") -> None:
        """Refuse a row exported before `existing` (named `name`, else by its ref) last
        changed: writing it would undo that change without anyone seeing it."""
        text = text_of(r.get("version", ""))
        if not text:
            return
        if not text.isdigit():
            raise ValidationError("version", f"{text!r} is not a whole number")
        if int(text) < existing.version:
            raise ValidationError(
                "version",
                f"{name or existing.ref} changed since this file was exported (version {text}, "
                f"now {existing.version}); export again and make the change there",
            )

    def _move(self, action: Action, status: str, update: str) -> None:
        """Move an action to `status` the way the app would, or refuse naming the allowed moves."""
        current = action.status
        if not lifecycle.action_may_move(current, status):
            label = catalogue.vocabulary_of(self.s, "action-status").label
            allowed = sorted(label(s).lower() for s in lifecycle.ACTION_MOVES.get(current, ()))
            raise ValidationError(
                "status",
                f"{action.ref} is {label(current).lower()} and cannot become "
                f"{label(status).lower()} (it may become: "
                f"{', '.join(allowed) or 'nothing; it is finished'})",
            )
        if status == lifecycle.SUPERSEDED:
            if not update:
                raise ValidationError("update", "say in the update column why it was superseded")
            board.supersede(self.s, self.actor, action, update, self.today)
        elif status == lifecycle.COMPLETE:
            board.propose_completion(
                self.s, self.actor, action, update or "Completion proposed (imported).", self.today
            )
        elif status == lifecycle.CLOSED:
            board.accept_completion(self.s, self.actor, action, update, self.today)
        elif current == lifecycle.COMPLETE:  # back to work: the reason is the update
            if not update:
                raise ValidationError(
                    "update", "say in the update column why the completion was not accepted"
                )
            board.reject_completion(self.s, self.actor, action, update, self.today)
        else:
            board.progress(self.s, self.actor, action, update or "In progress (imported).",
                           self.today)  # fmt: skip

    def evidence(self, r: dict[str, Any]) -> str:
        title = text_of(r.get("title"))
        day = date_of(r.get("date"), "date")
        if day is None:
            raise ValidationError("date", "required")
        existing = self.s.scalars(
            select(Evidence).where(col(Evidence.title) == title, col(Evidence.occurred_on) == day)
        ).first()
        if existing is not None:
            fields = {
                k: text_of(r[k]) for k in ("kind", "source", "summary") if k in r and text_of(r[k])
            }
            changes: dict[str, Any] = {k: v for k, v in fields.items() if getattr(existing, k) != v}
            if not changes:
                return "unchanged"
            self._check_version(existing, r, f"the evidence {title!r}")
            evidence.edit_evidence(self.s, self.actor, existing, None, **changes)
            return "updated"
        evidence.add_evidence(
            self.s,
            self.actor,
            title=title,
            occurred_on=day,
            kind=text_of(r.get("kind", "")) or "other",
            source=text_of(r.get("source", "")),
            summary=text_of(r.get("summary", "")),
            threat_ids=self.threat_ids(list_of(r.get("threats", ""))),
            dimension_ids=self.dimension_ids(list_of(r.get("dimensions", ""))),
        )
        return "created"

    def findings(self, r: dict[str, Any]) -> str:
        report, report_changed = self._report(r)
        ref = text_of(r.get("ref"))
        existing = self.s.scalars(
            select(Finding).where(col(Finding.inspection_id) == report.id, col(Finding.ref) == ref)
        ).first()
        status = text_of(r.get("status", ""))
        if existing is not None:
            if status and existing.status != status:
                self._check_version(existing, r, f"finding {ref}")
                inspections.set_finding_status(
                    self.s, self.actor, existing, status, "Imported.", self.today
                )
                return "updated"
            return "updated" if report_changed else "unchanged"
        inspections.add_finding(
            self.s,
            self.actor,
            report,
            ref=ref,
            kind=text_of(r.get("kind")),
            text=text_of(r.get("text")),
            parent=self._parent(report, text_of(r.get("parent_ref", ""))),
            force_lead=self.person(text_of(r.get("force_lead", "")), "force_lead") or None,
            opcc_lead=self.person(text_of(r.get("opcc_lead", "")), "opcc_lead") or None,
            target_date=date_of(r.get("target_date", ""), "target_date"),
            status=status or "awaiting-review",
            threat_ids=self.threat_ids(list_of(r.get("threats", ""))),
        )
        return "created"

    def _report(self, r: dict[str, Any]) -> tuple[Inspection, bool]:
        """The row's inspection report and whether the row changed its kind.

        A report not yet in the register is added when the row gives its publication date, as
        the row's `report_kind` (PEEL when the column is blank or absent).
        """
        title = text_of(r.get("report"))
        kind = text_of(r.get("report_kind", ""))
        report = self.s.scalars(select(Inspection).where(col(Inspection.title) == title)).first()
        if report is not None:
            if not kind:
                return report, False
            return report, inspections.set_report_kind(self.s, self.actor, report, kind)
        published = date_of(r.get("report_published", ""), "report_published")
        if published is None:
            raise ValidationError(
                "report", f"no report called {title!r}: give report_published to add it"
            )
        kind = inspections.report_kind_code(self.s, kind or "peel")
        added = inspections.add_inspection(
            self.s, self.actor, title=title, kind=kind, published_on=published
        )
        return added, False

    def _parent(self, report: Inspection, parent_ref: str) -> Finding | None:
        if not parent_ref:
            return None
        parent = self.s.scalars(
            select(Finding).where(
                col(Finding.inspection_id) == report.id, col(Finding.ref) == parent_ref
            )
        ).first()
        if parent is None:
            raise ValidationError("parent_ref", f"no finding {parent_ref!r} in {report.title}")
        return parent

    def assessments(self, r: dict[str, Any]) -> str:
        year = FinancialYear.parse(text_of(r.get("year")), "year")
        edition, _ = spr.edition_for_year(self.s, year)
        threat = spr.threat_by_code(self.s, edition, text_of(r.get("threat")))
        dimension = spr.dimension_by_code(self.s, text_of(r.get("dimension")))
        level = evidence.assurance_level(self.s, text_of(r.get("level")))
        rationale = text_of(r.get("rationale"))
        existing = evidence.assessment_of(self.s, threat, year.start_year, dimension)
        if existing is not None and (existing.level_id, existing.rationale) == (
            level.id,
            rationale,
        ):
            return "unchanged"
        if existing is not None:
            self._check_version(existing, r, f"the {threat.code} {dimension.code} assessment")
        evidence.set_assessment(
            self.s, self.actor, threat=threat, year=year.start_year, dimension=dimension,
            level_code=level.code, rationale=rationale, today=self.today,
        )  # fmt: skip
        return "created" if existing is None else "updated"

    def priorities(self, r: dict[str, Any]) -> str:
        theme, title = text_of(r.get("theme")), text_of(r.get("priority"))
        priority = plan.find_priority(self.s, theme, title)
        if priority is None:
            raise ValidationError("priority", f"no priority {title!r} under the theme {theme!r}")
        names = _names(self.s)
        changes: dict[str, Any] = {}
        for column in ("opcc_lead", "force_lead"):
            name = self.person(text_of(r.get(column, "")), column)
            if name and names.get(getattr(priority, f"{column}_id") or 0) != name:
                changes[column] = name
        rag = text_of(r.get("rag", ""))
        if rag and rag != priority.rag:
            changes["rag"] = rag
        if not changes:
            return "unchanged"
        self._check_version(priority, r, f"the priority {title!r}")
        plan.set_leads(self.s, self.actor, priority, **changes)
        return "updated"


def _names(session: Session) -> dict[int, str]:
    return {pid: name for pid, name in session.execute(select(col(Person.id), col(Person.name)))}


def _key(*columns: str) -> Callable[[dict[str, Any]], tuple[str, ...]]:
    """A row's key: the columns that name its record, or () when the row names none (a new
    action without a ref)."""

    def key(record: dict[str, Any]) -> tuple[str, ...]:
        values = tuple(str(text_of(record.get(c, ""))).casefold() for c in columns)
        return values if any(values) else ()

    return key


# the columns that name one record: the same key twice in one file is an error, not last-wins
_KEYS: dict[str, Callable[[dict[str, Any]], tuple[str, ...]]] = {
    "people": _key("name"),
    "actions": _key("ref"),
    "evidence": _key("title", "date"),
    "findings": _key("report", "ref"),
    "priorities": _key("theme", "priority"),
    "assessments": _key("threat", "year", "dimension"),
}


def import_file(
    session: Session,
    actor: Actor,
    kind: str,
    path: Path,
    today: date,
    *,
    create_owners: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row of `path`, then write them in `session`; the caller keeps all or none.

    `progress`, when given, is told (stage, done, total) every PROGRESS_EVERY rows checked and,
    for a file that long, as new actions are written ("writing", from 0). Permission is the
    caller's to check (the `import_register` use case asks the policy).
    """
    check_kind(kind)
    header, rows = read_table(path)
    names = check_header(kind, header)
    importer = _Importer(session, actor, today, kind, create_owners)
    report = importer.report
    records = _records(rows, names, _KEYS[kind], report)
    if report.rows == 0:
        raise AssureError(f"{path}: no rows under the header")
    if kind == "actions":
        importer.load_actions(records)
    handler: Callable[[dict[str, Any]], str] = getattr(importer, kind)
    for done, (number, record) in enumerate(records, 1):
        outcome = _one_row(session, handler, record, number, names, report)
        if outcome is not None:
            setattr(report, outcome, getattr(report, outcome) + 1)
        if progress and done % PROGRESS_EVERY == 0:
            progress("checked", done, len(records))
    if importer.new_actions and not report.errors:
        total = len(importer.new_actions)
        told = progress if progress and len(records) >= PROGRESS_EVERY else None
        if told:
            told("writing", 0, total)
        importer.write_actions((lambda done: told("writing", done, total)) if told else None)
    return report


def _records(
    rows: Rows,
    names: list[str],
    key_of: Callable[[dict[str, Any]], tuple[str, ...]],
    report: ImportReport,
) -> list[tuple[int, dict[str, Any]]]:
    """Every row as (line, column -> cell), counted; a key seen before is an error, not kept."""
    records: list[tuple[int, dict[str, Any]]] = []
    first_seen: dict[tuple[str, ...], int] = {}
    for number, cells in rows:
        report.rows += 1
        record = {n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names) if n}
        key = key_of(record)
        if key and key in first_seen:
            report.errors.append(
                RowError(number, "", f"the same record as line {first_seen[key]} ({'/'.join(key)})")
            )
            continue
        if key:
            first_seen[key] = number
        records.append((number, record))
    return records


def _one_row(
    session: Session,
    handler: Callable[[dict[str, Any]], str],
    record: dict[str, Any],
    number: int,
    names: list[str],
    report: ImportReport,
) -> str | None:
    """Check (and, but for a new action, write) one row; on refusal, note why, return None.

    A row written through the services has its own savepoint, so a refused row leaves nothing
    behind; a new action writes nothing here (see `_Importer.actions`).
    """
    guard = session.begin_nested() if report.kind != "actions" else None
    try:
        outcome = handler(record)
        if guard is not None:
            guard.commit()
        return outcome
    except ValidationError as exc:
        column = FIELD_TO_COLUMN.get(report.kind, {}).get(exc.field, exc.field)
        report.errors.append(RowError(number, column if column in names else "", exc.problem))
    except AssureError as exc:
        report.errors.append(RowError(number, "", str(exc)))
    if guard is not None:
        guard.rollback()
    return None
