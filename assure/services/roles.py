"""PostgreSQL roles: the database itself enforces who may write, not only assure's policy.

`assure db roles` makes one group role per access level, named after the database
(`DB_viewer`, `DB_officer`, `DB_commissioner`: `assure_viewer` for a database called assure),
grants each what its level needs, and puts each person's login role in the group of their
access, out of the others. A viewer who connects with psql can then no more write than
through assure. What the groups may do:

- viewer: SELECT on every table.
- officer: SELECT, INSERT, UPDATE and DELETE on every table and the sequences' USAGE, except
  the audit trail, which it may read and add to but never change, and the schema version.
- commissioner: SELECT on every table; INSERT and UPDATE on the statement (building a draft
  and approving it) and INSERT on the audit trail.

An officer records a commissioner's approval, so an officer's role may update the statement
too: who approves is assure's policy, not a GRANT. Schema changes stay with the owner (the
role that ran `assure init`), so run this again after an upgrade adds a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from assure.core import audit, policy
from assure.core.actor import Actor, effective_access
from assure.core.db import Store
from assure.core.errors import AssureError, ValidationError
from assure.models import AuditEntry, Person, Statement
from assure.models.base import pk

LEVELS = policy.ACCESS_LEVELS
RESERVED = {"public", "none", "current_user", "session_user", "current_role", "system_user"}
NOT_POSTGRES = (
    "database roles are a PostgreSQL feature; on SQLite the database file's permissions "
    "decide who may write it"
)


@dataclass(frozen=True)
class Mapped:
    """One person's login role and the group it is now in."""

    login: str
    person: str
    group: str
    created: bool  # the login role did not exist and was made (LOGIN, no password)
    previous: tuple[str, ...]  # the groups it was in before, when that changed


@dataclass(frozen=True)
class RolesReport:
    database: str
    groups: dict[str, str]  # access level -> group role
    people: list[Mapped]  # every login in the register
    removed: list[tuple[str, str]]  # (login, group) of logins no longer mapped to that group


def group_names(database: str) -> dict[str, str]:
    """The group role of each access level in `database`: `DB_viewer` and so on."""
    prefix = re.sub(r"[^a-z0-9_]", "_", database.lower())[:48]
    return {level: f"{prefix}_{level}" for level in LEVELS}


def apply(store: Store, actor: Actor) -> RolesReport:
    """Create the group roles, grant them their privileges and map each login to its group.

    All in one transaction, with an audit entry for the run and one for each login whose
    group changed. Raises AssureError on SQLite and when the connected role may not manage
    roles; ValidationError for a login that cannot be a role of its own.
    """
    if store.dialect != "postgresql":
        raise AssureError(NOT_POSTGRES)
    policy.require(actor, "manage-roles")
    try:
        with store.writing() as session:
            return _apply(session, actor)
    except DBAPIError as exc:
        first = str(exc.orig or exc).splitlines()[0]
        raise AssureError(
            f"{first}: run `assure db roles` as the database's owner, with CREATEROLE"
        ) from None


def _apply(session: Session, actor: Actor) -> RolesReport:
    conn = session.connection()
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar_one())
    groups = group_names(database)
    for level, group in groups.items():
        _ensure_role(conn, group, login=False)
        _grant(conn, database, level, group)
    people = [_map(session, actor, person, groups) for person in _logins(session)]
    wanted = {(m.login, m.group) for m in people}
    removed = [pair for pair in _members(conn, groups) if pair not in wanted]
    for member, group in removed:
        conn.exec_driver_sql(f"REVOKE {_q(conn, group)} FROM {_q(conn, member)}")
    summary = "; ".join(f"{level}: {group}" for level, group in groups.items())
    audit.note(session, actor, ("database", 0), "roles", "group roles", None, summary)
    return RolesReport(database, groups, people, removed)


def _logins(session: Session) -> list[Person]:
    query = select(Person).where(col(Person.login).is_not(None)).order_by(col(Person.login))
    return [p for p in session.exec(query) if (p.login or "").strip()]


def _map(session: Session, actor: Actor, person: Person, groups: dict[str, str]) -> Mapped:
    """Put the person's login role in the group of their access and out of the others."""
    conn = session.connection()
    login = _login(person, groups)
    group = groups[effective_access(person)]
    created = _ensure_role(conn, login, login=True)
    before = {g for m, g in _members(conn, groups) if m == login}
    if before == {group}:
        return Mapped(login, person.name, group, created, ())
    for other in sorted(before - {group}):
        conn.exec_driver_sql(f"REVOKE {_q(conn, other)} FROM {_q(conn, login)}")
    if group not in before:
        conn.exec_driver_sql(f"GRANT {_q(conn, group)} TO {_q(conn, login)}")
    previous = tuple(sorted(before))
    audit.note(session, actor, ("person", pk(person)), "grant-role", "database role",
               ", ".join(previous) or None, group)  # fmt: skip
    return Mapped(login, person.name, group, created, previous)


def _login(person: Person, groups: dict[str, str]) -> str:
    """The person's login as a role name; ValidationError for one that cannot be theirs."""
    login = (person.login or "").strip()
    if login.lower() in RESERVED or login.startswith("pg_") or login in groups.values():
        raise ValidationError("login", f"{person.name}'s login {login!r} cannot be a role")
    if len(login.encode()) > 63:
        raise ValidationError("login", f"{person.name}'s login is longer than PostgreSQL allows")
    return login


def _q(conn: Connection, name: str) -> str:
    """`name` quoted as an SQL identifier (role names are case-sensitive and may be odd)."""
    return str(conn.dialect.identifier_preparer.quote_identifier(name))


def _ensure_role(conn: Connection, name: str, *, login: bool) -> bool:
    """Create the role unless it exists (a login role with LOGIN and no password: the
    administrator sets one, or the server trusts the OS account); return True if created."""
    found = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(n)s", {"n": name})
    if found.first() is not None:
        return False
    conn.exec_driver_sql(f"CREATE ROLE {_q(conn, name)} {'LOGIN' if login else 'NOLOGIN'}")
    return True


def _members(conn: Connection, groups: dict[str, str]) -> list[tuple[str, str]]:
    """(member, group) for every role in one of the groups."""
    rows = conn.exec_driver_sql(
        "SELECT m.rolname, g.rolname FROM pg_auth_members a "
        "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
        "WHERE g.rolname = ANY(%(groups)s) ORDER BY 1, 2",
        {"groups": list(groups.values())},
    )
    return [(str(member), str(group)) for member, group in rows]


def _grant(conn: Connection, database: str, level: str, group: str) -> None:
    """Give the group exactly its level's privileges (any earlier grant is taken back first)."""
    q = _q(conn, group)
    schema = _q(conn, str(conn.exec_driver_sql("SELECT current_schema()").scalar_one()))
    for sql in (
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {q}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {q}",
        f"GRANT CONNECT ON DATABASE {_q(conn, database)} TO {q}",
        f"GRANT USAGE ON SCHEMA {schema} TO {q}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {q}",
        *_writes(conn, level, schema, q),
    ):
        conn.exec_driver_sql(sql)


def _writes(conn: Connection, level: str, schema: str, q: str) -> list[str]:
    """The statements that give `level` its writes beyond reading."""
    trail = _q(conn, str(AuditEntry.__tablename__))
    statement = _q(conn, str(Statement.__tablename__))
    if level == policy.OFFICER:
        return [
            f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {q}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {q}",
            f"REVOKE UPDATE, DELETE ON {trail} FROM {q}",  # the audit trail is append-only
            f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {q}",
        ]
    if level == policy.COMMISSIONER:
        return [
            f"GRANT INSERT, UPDATE ON {statement} TO {q}",
            f"GRANT INSERT ON {trail} TO {q}",
            *(f"GRANT USAGE ON SEQUENCE {_sequence(conn, t)} TO {q}" for t in (statement, trail)),
        ]
    return []


def _sequence(conn: Connection, table: str) -> str:
    """The sequence behind a table's id, as an SQL name."""
    found = conn.exec_driver_sql("SELECT pg_get_serial_sequence(%(t)s, 'id')", {"t": table})
    return str(found.scalar_one())
