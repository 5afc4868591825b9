"""Registers in and out of spreadsheets: CSV and XLSX import, CSV, XLSX and JSON export.

Import is all or nothing. Every row is written through the same services the app uses, each
inside a savepoint, so the services' own validation checks the whole file; each refused row is
reported with its line, column and reason, and if any row was refused (or on a dry run) the
transaction is rolled back and nothing is written. A row whose key already exists updates that
record, and a row that matches it changes nothing, so importing the same file twice is harmless.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from assure.core import policy
from assure.core.actor import Actor
from assure.core.clock import parse_uk_date
from assure.core.errors import AssureError, ValidationError
from assure.models import (
    Action,
    Evidence,
    EvidenceDimension,
    EvidenceThreat,
    Finding,
    FindingThreat,
    Inspection,
    Meeting,
    Person,
    Priority,
    Theme,
    Threat,
)
from assure.services import people
from assure.services.board import actions as board
from assure.services.evidence import records as evidence
from assure.services.evidence import spr
from assure.services.inspections import findings as inspections
from assure.services.plan import priorities as plan

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_REPORTED = 50

COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "people": (("name",), ("role", "organisation", "email")),
    "actions": (
        ("action", "owner", "due_date"),
        ("ref", "meeting_date", "agenda_item", "status", "update"),
    ),
    "findings": (
        ("report", "ref", "kind", "text"),
        (
            "report_published",
            "parent_ref",
            "force_lead",
            "opcc_lead",
            "target_date",
            "status",
            "threats",
        ),
    ),
    "evidence": (("title", "date"), ("kind", "source", "summary", "threats", "dimensions")),
    "priorities": (("theme", "priority"), ("opcc_lead", "force_lead", "rag")),
}
KINDS = tuple(COLUMNS)
# a service's field name -> the import column it came from
FIELD_TO_COLUMN = {
    "actions": {"title": "action", "new_due": "due_date"},
    "evidence": {"occurred_on": "date"},
    "findings": {"target_date": "target_date", "published_on": "report_published"},
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column or 'row'}: {self.reason}"


@dataclass
class ImportReport:
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


# --- reading files -----------------------------------------------------------------------------


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """Header and (line number, cells) of a CSV (UTF-8, with or without BOM) or XLSX file."""
    if not path.is_file():
        raise AssureError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise AssureError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise AssureError(f"{path}: {size:,} bytes is more than the {MAX_BYTES:,} allowed")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise AssureError(f"{path}: this is not a text CSV file (binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AssureError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8' and try again"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise AssureError(f"{path}: the file is empty") from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for cells in reader:
            if any(c.strip() for c in cells):
                yield reader.line_num, cells

    return header, rows()


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises several kinds for a file that is not a workbook
        raise AssureError(f"{path}: not an Excel workbook") from None
    sheet = book.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = [str(c or "") for c in next(iterator)]
    except StopIteration:
        raise AssureError(f"{path}: the first sheet is empty") from None

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for number, cells in enumerate(iterator, start=2):
            values = ["" if c is None else c for c in cells]
            if any(str(v).strip() for v in values):
                yield number, values

    return header, rows()


def check_header(kind: str, header: list[str]) -> list[str]:
    required, optional = COLUMNS[kind]
    names = [h.strip().lower().replace(" ", "_") for h in header]
    unknown = [h for h in names if h and h not in required + optional]
    if unknown:
        raise AssureError(
            f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} for {kind}; "
            f"the columns are {', '.join(required + optional)}"
        )
    missing = [c for c in required if c not in names]
    if missing:
        raise AssureError(
            f"missing required column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"
        )
    return names


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any, column: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    return parse_uk_date(text, column) if text else None


def _list(value: Any) -> list[str]:
    return [p.strip() for p in _text(value).split(";") if p.strip()]


# --- importing ---------------------------------------------------------------------------------


class _Importer:
    def __init__(
        self, session: Session, actor: Actor, today: date, kind: str, create_owners: bool
    ) -> None:
        self.s, self.actor, self.today, self.kind = session, actor, today, kind
        self.create_owners = create_owners
        self.report = ImportReport(kind)

    def person(self, name: str, column: str) -> str:
        if not name:
            return ""
        found = people.find_person(self.s, name)
        if found is not None:
            return found.name
        if not self.create_owners:
            raise ValidationError(
                column, f"no person called {name!r} (add them, or use --create-owners)"
            )
        email = name if "@" in name else ""
        created = people.add_person(
            self.s, self.actor, email.split("@")[0] if email else name, email=email
        )
        self.report.owners_created.append(created.name)
        return created.name

    def threat_ids(self, codes: list[str]) -> list[int]:
        edition = spr.edition_in_force(self.s, self.today)
        return [spr.threat_by_code(self.s, edition, c).id or 0 for c in codes]

    def dimension_ids(self, codes: list[str]) -> list[int]:
        return [spr.dimension_by_code(self.s, c).id or 0 for c in codes]

    # each returns "created", "updated" or "unchanged"

    def people(self, r: dict[str, Any]) -> str:
        name = _text(r.get("name"))
        existing = people.find_person(self.s, name) if name else None
        fields = {k: _text(r[k]) for k in ("role", "organisation", "email") if k in r}
        if existing is None:
            people.add_person(
                self.s,
                self.actor,
                name,
                fields.get("role", ""),
                fields.get("organisation", ""),
                fields.get("email", ""),
            )
            return "created"
        changes: dict[str, Any] = {k: v for k, v in fields.items() if getattr(existing, k) != v}
        if not changes:
            return "unchanged"
        assert existing.id is not None
        people.update_person(self.s, self.actor, existing.id, None, **changes)
        return "updated"

    def actions(self, r: dict[str, Any]) -> str:
        title = _text(r.get("action"))
        owner = self.person(_text(r.get("owner")), "owner")
        due = _date(r.get("due_date"), "due_date")
        ref = _text(r.get("ref", ""))
        status = _text(r.get("status", "")) or None
        update = _text(r.get("update", ""))
        existing = (
            self.s.scalars(select(Action).where(col(Action.ref) == ref)).first() if ref else None
        )
        if existing is None:
            meeting = None
            if _text(r.get("meeting_date", "")):
                day = _date(r.get("meeting_date"), "meeting_date")
                meeting = board.meeting_on(self.s, day) if day else None
                if meeting is None and day is not None:
                    meeting = board.add_meeting(self.s, self.actor, day)
            if due is None:
                raise ValidationError("due_date", "required")
            action = board.add_action(
                self.s,
                self.actor,
                title=title,
                owner=owner,
                due_date=due,
                today=self.today,
                meeting=meeting,
                ref=ref or None,
                status=status or "open",
            )
            if update:
                board.progress(self.s, self.actor, action, update, self.today, start=False)
            return "created"
        current_owner = people.find_person(self.s, owner)
        changes: dict[str, Any] = {}
        if existing.title != title:
            changes["title"] = title
        if current_owner is not None and existing.owner_id != current_owner.id:
            changes["owner"] = owner
        if due is not None and existing.due_date != due:
            changes["due_date"] = due
        if changes:
            board.edit_action(self.s, self.actor, existing, **changes)
        if update:
            from assure.services import updates

            latest = updates.updates_for(self.s, "action", existing.id or 0)
            if not latest or latest[0].text != update:
                board.progress(self.s, self.actor, existing, update, self.today, start=False)
                changes["update"] = update
        return "updated" if changes else "unchanged"

    def evidence(self, r: dict[str, Any]) -> str:
        title = _text(r.get("title"))
        day = _date(r.get("date"), "date")
        if day is None:
            raise ValidationError("date", "required")
        existing = self.s.scalars(
            select(Evidence).where(col(Evidence.title) == title, col(Evidence.occurred_on) == day)
        ).first()
        if existing is not None:
            fields = {
                k: _text(r[k]) for k in ("kind", "source", "summary") if k in r and _text(r[k])
            }
            changes: dict[str, Any] = {k: v for k, v in fields.items() if getattr(existing, k) != v}
            if not changes:
                return "unchanged"
            evidence.edit_evidence(self.s, self.actor, existing, None, **changes)
            return "updated"
        evidence.add_evidence(
            self.s,
            self.actor,
            title=title,
            occurred_on=day,
            kind=_text(r.get("kind", "")) or "other",
            source=_text(r.get("source", "")),
            summary=_text(r.get("summary", "")),
            threat_ids=self.threat_ids(_list(r.get("threats", ""))),
            dimension_ids=self.dimension_ids(_list(r.get("dimensions", ""))),
        )
        return "created"

    def findings(self, r: dict[str, Any]) -> str:
        title = _text(r.get("report"))
        report = self.s.scalars(select(Inspection).where(col(Inspection.title) == title)).first()
        if report is None:
            published = _date(r.get("report_published", ""), "report_published")
            if published is None:
                raise ValidationError(
                    "report", f"no report called {title!r}: give report_published to add it"
                )
            report = inspections.add_inspection(
                self.s, self.actor, title=title, kind="peel", published_on=published
            )
        ref = _text(r.get("ref"))
        existing = self.s.scalars(
            select(Finding).where(col(Finding.inspection_id) == report.id, col(Finding.ref) == ref)
        ).first()
        status = _text(r.get("status", ""))
        if existing is not None:
            if status and existing.status != status:
                inspections.set_finding_status(
                    self.s, self.actor, existing, status, "Imported.", self.today
                )
                return "updated"
            return "unchanged"
        parent_ref = _text(r.get("parent_ref", ""))
        parent = None
        if parent_ref:
            parent = self.s.scalars(
                select(Finding).where(
                    col(Finding.inspection_id) == report.id, col(Finding.ref) == parent_ref
                )
            ).first()
            if parent is None:
                raise ValidationError("parent_ref", f"no finding {parent_ref!r} in {title}")
        inspections.add_finding(
            self.s,
            self.actor,
            report,
            ref=ref,
            kind=_text(r.get("kind")),
            text=_text(r.get("text")),
            parent=parent,
            force_lead=self.person(_text(r.get("force_lead", "")), "force_lead") or None,
            opcc_lead=self.person(_text(r.get("opcc_lead", "")), "opcc_lead") or None,
            target_date=_date(r.get("target_date", ""), "target_date"),
            status=status or "awaiting-review",
            threat_ids=self.threat_ids(_list(r.get("threats", ""))),
        )
        return "created"

    def priorities(self, r: dict[str, Any]) -> str:
        theme, title = _text(r.get("theme")), _text(r.get("priority"))
        priority = plan.find_priority(self.s, theme, title)
        if priority is None:
            raise ValidationError("priority", f"no priority {title!r} under the theme {theme!r}")
        names = _names(self.s)
        changes: dict[str, Any] = {}
        for column in ("opcc_lead", "force_lead"):
            name = self.person(_text(r.get(column, "")), column)
            if name and names.get(getattr(priority, f"{column}_id") or 0) != name:
                changes[column] = name
        rag = _text(r.get("rag", ""))
        if rag and rag != priority.rag:
            changes["rag"] = rag
        if not changes:
            return "unchanged"
        plan.set_leads(self.s, self.actor, priority, **changes)
        return "updated"


def _names(session: Session) -> dict[int, str]:
    return {pid: name for pid, name in session.execute(select(col(Person.id), col(Person.name)))}


def import_file(
    session: Session,
    actor: Actor,
    kind: str,
    path: Path,
    today: date,
    *,
    dry_run: bool = False,
    create_owners: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Check every row of `path` and write them all, or none (see the module docstring)."""
    if kind not in COLUMNS:
        raise ValidationError("KIND", f"{kind!r} is not one of {', '.join(KINDS)}")
    policy.require(actor, "import")
    header, rows = read_table(path)
    names = check_header(kind, header)
    importer = _Importer(session, actor, today, kind, create_owners)
    handler: Callable[[dict[str, Any]], str] = getattr(importer, kind)
    report = importer.report
    mapping = FIELD_TO_COLUMN.get(kind, {})
    for number, cells in rows:
        report.rows += 1
        if report.rows > MAX_ROWS:
            raise AssureError(f"{path}: more than {MAX_ROWS:,} rows; split the file")
        record = {n: (cells[i] if i < len(cells) else "") for i, n in enumerate(names) if n}
        savepoint = session.begin_nested()
        try:
            outcome = handler(record)
            savepoint.commit()
        except ValidationError as exc:
            savepoint.rollback()
            column = mapping.get(exc.field, exc.field)
            report.errors.append(RowError(number, column if column in names else "", exc.problem))
            continue
        except AssureError as exc:
            savepoint.rollback()
            report.errors.append(RowError(number, "", str(exc)))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
        if progress and report.rows % 500 == 0:
            progress(report.rows)
    if report.rows == 0:
        raise AssureError(f"{path}: no rows under the header")
    return report


# --- templates and exports ---------------------------------------------------------------------


def template_columns(kind: str) -> list[str]:
    required, optional = COLUMNS[kind]
    return [*required, *optional]


def safe_cell(value: Any) -> Any:
    """A CSV cell Excel will show as text: a leading =, +, -, @, tab or CR gets an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_rows(session: Session, kind: str) -> tuple[list[str], list[list[Any]]]:
    """The register as rows under the import columns (so an export re-imports unchanged)."""
    if kind not in COLUMNS:
        raise ValidationError("KIND", f"{kind!r} is not one of {', '.join(KINDS)}")
    names = _names(session)
    if kind == "people":
        return ["name", "role", "organisation", "email"], [
            [p.name, p.role, p.organisation, p.email] for p in people.list_people(session)
        ]
    if kind == "actions":
        meetings = dict(session.execute(select(col(Meeting.id), col(Meeting.held_on))).all())
        return ["ref", "action", "owner", "due_date", "meeting_date", "status"], [
            [
                a.ref,
                a.title,
                names.get(a.owner_id or 0, ""),
                a.due_date,
                meetings.get(a.meeting_id) if a.meeting_id else "",
                a.status,
            ]
            for a in session.scalars(select(Action).order_by(col(Action.ref)))
        ]
    if kind == "evidence":
        threat_codes = _links(session, EvidenceThreat, "evidence_id", Threat, "threat_id")
        dims = dict(
            session.execute(
                select(col(EvidenceDimension.evidence_id), col(EvidenceDimension.dimension_id))
            ).all()
        )
        dim_codes = {d.id: d.code for d in spr.dimensions(session)}
        dim_lists: dict[int, list[str]] = {}
        for eid, did in session.execute(
            select(col(EvidenceDimension.evidence_id), col(EvidenceDimension.dimension_id))
        ):
            dim_lists.setdefault(eid, []).append(dim_codes.get(did, ""))
        del dims
        return ["title", "date", "kind", "source", "summary", "threats", "dimensions"], [
            [
                e.title,
                e.occurred_on,
                e.kind,
                e.source,
                e.summary,
                ";".join(sorted(threat_codes.get(e.id or 0, []))),
                ";".join(sorted(dim_lists.get(e.id or 0, []))),
            ]
            for e in session.scalars(
                select(Evidence).order_by(col(Evidence.occurred_on), col(Evidence.id))
            )
        ]
    if kind == "findings":
        threat_codes = _links(session, FindingThreat, "finding_id", Threat, "threat_id")
        reports = {i.id: i for i in session.scalars(select(Inspection))}
        found = list(
            session.scalars(select(Finding).order_by(col(Finding.inspection_id), col(Finding.id)))
        )
        refs = {f.id: f.ref for f in found}
        return [
            "report",
            "report_published",
            "ref",
            "parent_ref",
            "kind",
            "text",
            "force_lead",
            "opcc_lead",
            "target_date",
            "status",
            "threats",
        ], [
            [
                reports[f.inspection_id].title,
                reports[f.inspection_id].published_on,
                f.ref,
                refs.get(f.parent_id, "") if f.parent_id else "",
                f.kind,
                f.text,
                names.get(f.force_lead_id or 0, ""),
                names.get(f.opcc_lead_id or 0, ""),
                f.target_date or "",
                f.status,
                ";".join(sorted(threat_codes.get(f.id or 0, []))),
            ]
            for f in found
        ]
    rows = session.execute(
        select(Priority, col(Theme.title))
        .join(Theme, col(Theme.id) == col(Priority.theme_id))
        .order_by(col(Theme.position), col(Priority.position))
    )
    return ["theme", "priority", "opcc_lead", "force_lead", "rag"], [
        [
            theme,
            p.title,
            names.get(p.opcc_lead_id or 0, ""),
            names.get(p.force_lead_id or 0, ""),
            p.rag,
        ]
        for p, theme in rows
    ]


def _links(
    session: Session, link: Any, key: str, target: Any, target_key: str
) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for owner_id, code in session.execute(
        select(getattr(link, key), target.code).join(target, target.id == getattr(link, target_key))
    ):
        out.setdefault(owner_id, []).append(code)
    return out


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def to_csv(columns: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(_iso(v)) for v in row])
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel it is UTF-8


def to_json(columns: list[str], rows: list[list[Any]]) -> bytes:
    items = [{c: _iso(v) for c, v in zip(columns, row, strict=True)} for row in rows]
    return (json.dumps(items, indent=2, ensure_ascii=False) + "\n").encode()


def to_xlsx(columns: list[str], rows: list[list[Any]], title: str) -> bytes:
    """A workbook in which no cell is a formula: text is stored as text, dates as dates."""
    return to_xlsx_sheets([(title, columns, rows)])


def to_xlsx_sheets(sheets: list[tuple[str, list[str], list[list[Any]]]]) -> bytes:
    """to_xlsx() with one sheet per (title, columns, rows)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, columns, rows in sheets:
        _sheet(book, title, columns, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Any, title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = book.create_sheet(title[:31])
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, int) and not isinstance(value, bool):
                cell = WriteOnlyCell(sheet, value=value)
            else:
                cell = WriteOnlyCell(sheet, value=None)
                cell.value = "" if value is None else str(value)
                cell.data_type = "s"  # never "f": a leading = stays text
            cells.append(cell)
        sheet.append(cells)
