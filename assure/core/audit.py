"""Writes that carry their audit entries: create, change and delete, in the caller's transaction.

Every service writes through these three functions, so there is no way to change a record
without the audit trail saying who changed which field from what to what.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, SQLModel, select

from assure.core.actor import Actor
from assure.core.errors import ConflictError
from assure.models import AuditEntry
from assure.models.base import utcnow


def record_type(obj: SQLModel) -> str:
    """Return the audit name of a record's type (its table name)."""
    return str(obj.__tablename__)


# Values longer than this are audited by their SHA-256 and length, not copied whole (a built
# statement's text would otherwise be stored twice); the hash still proves what was written.
LONG_VALUE = 2000


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    text = str(value)
    if len(text) > LONG_VALUE:
        digest = hashlib.sha256(text.encode()).hexdigest()
        return f"sha256:{digest} ({len(text)} characters)"
    return text


def create(session: Session, obj: SQLModel, actor: Actor) -> SQLModel:
    """Insert `obj` and one audit entry per non-empty field; return it with its id."""
    session.add(obj)
    session.flush()
    fields = obj.model_dump()
    entries = _created(record_type(obj), int(obj.id), fields, actor)  # type: ignore[attr-defined]
    session.add_all(AuditEntry(**entry) for entry in entries)
    return obj


def create_many(
    session: Session,
    model: type[SQLModel],
    rows: Sequence[Mapping[str, Any]],
    actor: Actor,
    key: str,
    written: Callable[[int], None] | None = None,
) -> list[int]:
    """Insert many records of `model` (given as field -> value, defaults filled in) with the
    audit entries `create` writes for each; return their ids, in order.

    `key` names a field whose values tell the rows apart (a ref): the ids come back from each
    multi-row insert by key, since a database need not return them in the rows' order. So a
    large import costs a few statements rather than a few per row, and no ORM object is made.
    `written` is told how many rows are in after each batch.
    """
    keys = [row[key] for row in rows]
    if len(set(keys)) != len(keys):
        raise ValueError(f"create_many: the {key} of each row must differ")
    table = model.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    at, ids = utcnow(), list[int]()
    for start in range(0, len(rows), _BATCH):  # a batch at a time: a big file stays small
        filled = [_with_defaults(model, row) for row in rows[start : start + _BATCH]]
        insert_ = insert(table).returning(table.c[key], table.c.id)
        made = {k: i for k, i in connection.execute(insert_, filled)}
        batch = [made[row[key]] for row in filled]
        entries = [
            dict(entry, at=at)
            for record_id, row in zip(batch, filled, strict=True)
            for entry in _created(str(table.name), record_id, row, actor)
        ]
        connection.execute(insert(AuditEntry.__table__), entries)  # type: ignore[attr-defined]
        ids += batch
        if written:
            written(len(ids))
    return ids


_BATCH = 2000


def _with_defaults(model: type[SQLModel], row: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of a new `model` record, in the model's order: given, else its default."""
    filled: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        if name in row:
            filled[name] = row[name]
        elif info.default_factory is not None:
            filled[name] = info.default_factory()  # type: ignore[call-arg]
        elif not info.is_required():
            filled[name] = info.default
    return filled


def _created(
    rtype: str, record_id: int, fields: Mapping[str, Any], actor: Actor
) -> Iterator[dict[str, Any]]:
    """The audit entries of a record just inserted: one per field with a value."""
    for name, value in fields.items():
        if name in {"id", "version"} or value in (None, ""):
            continue
        yield dict(
            who=actor.name,
            record_type=rtype,
            record_id=record_id,
            operation="create",
            field=name,
            new=_text(value),
        )


def change(
    session: Session,
    obj: SQLModel,
    changes: Mapping[str, Any],
    actor: Actor,
    expected_version: int | None = None,
) -> list[str]:
    """Apply `changes` to `obj`, audit each field that really changed; return their names.

    With `expected_version`, raise ConflictError if someone saved the record since it was read.
    """
    version = getattr(obj, "version", None)
    if expected_version is not None and version is not None and version != expected_version:
        raise ConflictError(_conflict_message(session, obj))
    changed: list[str] = []
    for name, value in changes.items():
        old = getattr(obj, name)
        if old == value:
            continue
        setattr(obj, name, value)
        changed.append(name)
        session.add(
            AuditEntry(
                who=actor.name,
                record_type=record_type(obj),
                record_id=int(obj.id),  # type: ignore[attr-defined]
                operation="update",
                field=name,
                old=_text(old),
                new=_text(value),
            )
        )
    if changed and version is not None:
        obj.version = version + 1
    session.add(obj)
    session.flush()
    return changed


def delete(session: Session, obj: SQLModel, actor: Actor) -> None:
    """Delete `obj`, keeping its last values in the audit trail."""
    record_id = int(obj.id)  # type: ignore[attr-defined]
    session.add(
        AuditEntry(
            who=actor.name,
            record_type=record_type(obj),
            record_id=record_id,
            operation="delete",
            old=str(obj.model_dump()),
        )
    )
    session.delete(obj)
    session.flush()


def note(
    session: Session,
    actor: Actor,
    record: tuple[str, int],
    operation: str,
    field: str = "",
    old: Any = None,
    new: Any = None,
) -> None:
    """Record an act that changes no field of a record (a database role granted to a person's
    login; `record` is its type and id, ("database", 0) for the database itself)."""
    entry = AuditEntry(
        who=actor.name, record_type=record[0], record_id=record[1], operation=operation,
        field=field, old=_text(old), new=_text(new),
    )  # fmt: skip
    session.add(entry)


def link(session: Session, link_obj: SQLModel, owner: SQLModel, actor: Actor, label: str) -> None:
    """Add a link row (e.g. evidence to threat) and audit it against its owning record."""
    session.add(link_obj)
    session.add(_link_entry(link_obj, owner, actor, label, "link"))


def unlink(session: Session, link_obj: SQLModel, owner: SQLModel, actor: Actor, label: str) -> None:
    """Remove a link row and audit it against its owning record."""
    session.add(_link_entry(link_obj, owner, actor, label, "unlink"))
    session.delete(link_obj)
    session.flush()


def _link_entry(
    link_obj: SQLModel, owner: SQLModel, actor: Actor, label: str, operation: str
) -> AuditEntry:
    """The audit entry of a link made (the row as `new`) or cut (the row as `old`)."""
    row = str(link_obj.model_dump())
    return AuditEntry(
        who=actor.name,
        record_type=record_type(owner),
        record_id=int(owner.id),  # type: ignore[attr-defined]
        operation=operation,
        field=label,
        old=row if operation == "unlink" else None,
        new=row if operation == "link" else None,
    )


def history(session: Session, rtype: str, record_id: int) -> list[AuditEntry]:
    """Return the audit trail of one record, oldest first."""
    return list(
        session.exec(
            select(AuditEntry)
            .where(AuditEntry.record_type == rtype, AuditEntry.record_id == record_id)
            .order_by(AuditEntry.id)  # type: ignore[arg-type]
        )
    )


def _conflict_message(session: Session, obj: SQLModel) -> str:
    last = session.exec(
        select(AuditEntry)
        .where(
            AuditEntry.record_type == record_type(obj),
            AuditEntry.record_id == obj.id,  # type: ignore[attr-defined]
        )
        .order_by(AuditEntry.id.desc())  # type: ignore[union-attr]
    ).first()
    if last is None:
        return "this record was changed by someone else; reload it and try again"
    return f"changed by {last.who} at {last.at:%Y-%m-%d %H:%M}; reload it and try again"
