"""People: add, change and find the owners of work and the users of assure."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from assure.core import audit, policy, validate
from assure.core.actor import Actor, resolve_actor
from assure.core.db import Store
from assure.core.errors import NotFound, ValidationError
from assure.models import Person
from assure.models.base import pk
from assure.models.people import ACCESS_ROLES


def find_person(session: Session, name_or_email: str) -> Person | None:
    """Return the person whose name or e-mail matches (ignoring case), or None."""
    text = name_or_email.strip()
    if not text:
        return None
    exact = session.exec(
        select(Person).where(or_(col(Person.name) == text, col(Person.email) == text))
    ).first()
    if exact is not None or text.isascii():
        key = text.lower()
        folded = or_(func.lower(Person.name) == key, func.lower(Person.email) == key)
        return exact or session.exec(select(Person).where(folded)).first()
    # SQLite's lower() folds ASCII only, so names such as "Zoë Ünal" are compared in Python.
    key = text.casefold()
    for person in session.exec(select(Person)):
        if person.name.casefold() == key or (person.email or "").casefold() == key:
            return person
    return None


def get_person(session: Session, name_or_email: str, field: str = "owner") -> Person:
    """Return the matching person; raise ValidationError naming `field` when there is none."""
    person = find_person(session, name_or_email)
    if person is None:
        raise ValidationError(field, f"no person called {name_or_email!r} (add them first)")
    return person


def add_person(
    session: Session,
    actor: Actor,
    name: str,
    role: str = "",
    organisation: str = "",
    email: str = "",
    access: str = "viewer",
    login: str | None = None,
) -> Person:
    """Add a person; raise ValidationError for a duplicate name or a bad e-mail or access."""
    name = validate.required(name, "name", 200)
    if find_person(session, name) is not None:
        raise ValidationError("name", f"{name!r} already exists")
    if access not in ACCESS_ROLES:
        raise ValidationError("access", f"{access!r} is not one of {', '.join(ACCESS_ROLES)}")
    person = Person(
        name=name,
        role=validate.optional_text(role, "role", 200),
        organisation=validate.optional_text(organisation, "organisation", 200),
        email=validate.email(email),
        access=access,
        login=login or None,
    )
    audit.create(session, person, actor)
    return person


def update_person(
    session: Session,
    actor: Actor,
    person_id: int,
    expected_version: int | None = None,
    **fields: object,
) -> Person:
    """Change a person's fields; raise NotFound or ValidationError."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person with id {person_id}")
    clean: dict[str, object] = {}
    for key, value in fields.items():
        if key == "name":
            clean[key] = validate.required(str(value), "name", 200)
            other = find_person(session, str(clean[key]))
            if other is not None and other.id != person.id:
                raise ValidationError("name", f"{clean[key]!r} already exists")
        elif key == "email":
            clean[key] = validate.email(str(value))
        elif key == "access":
            if value not in ACCESS_ROLES:
                raise ValidationError(
                    "access", f"{value!r} is not one of {', '.join(ACCESS_ROLES)}"
                )
            clean[key] = value
        elif key in {"role", "organisation"}:
            clean[key] = validate.optional_text(str(value), key, 200)
        elif key in {"active", "login"}:
            clean[key] = value
        else:
            raise ValidationError(key, "is not a field of a person")
    audit.change(session, person, clean, actor, expected_version)
    return person


def list_people(session: Session, active_only: bool = False) -> list[Person]:
    query = select(Person).order_by(Person.name)
    if active_only:
        query = query.where(Person.active)
    return list(session.exec(query))


def identify(store: Store, as_name: str | None = None, allow_as: bool = False) -> Actor:
    """Return who is acting on `store`: the OS login's person, or `--as NAME` where allowed."""
    with store.reading() as session:
        return resolve_actor(session, as_name, allow_as)


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    role: str
    organisation: str
    email: str
    login: str
    access: str
    active: bool
    version: int


def _row(person: Person) -> PersonRow:
    return PersonRow(
        pk(person), person.name, person.role, person.organisation, person.email,
        person.login or "", person.access, person.active, person.version,
    )  # fmt: skip


def people(store: Store, actor: Actor) -> list[PersonRow]:
    """Everyone, by name, active or not."""
    policy.require(actor, "read")
    with store.reading() as session:
        return [_row(p) for p in list_people(session)]


def person(store: Store, actor: Actor, person_id: int) -> PersonRow:
    """One person as their form shows them."""
    policy.require(actor, "read")
    with store.reading() as session:
        found = session.get(Person, person_id)
        if found is None:
            raise NotFound(f"no person with id {person_id}")
        return _row(found)


def add(
    store: Store,
    actor: Actor,
    *,
    name: str,
    role: str = "",
    organisation: str = "",
    email: str = "",
    access: str = "viewer",
    login: str = "",
) -> PersonRow:
    """Add a person; giving them more than viewer access, or a login, needs "set-access"."""
    policy.require(actor, "edit-person")
    if access != "viewer" or login:
        policy.require(actor, "set-access")
    with store.writing() as session:
        added = add_person(session, actor, name, role, organisation, email, access, login or None)
        session.flush()
        return _row(added)


def change(
    store: Store, actor: Actor, person_id: int, *, version: int, **fields: object
) -> PersonRow:
    """Change a person's details; their access, login or being active needs "set-access".

    Refused when someone saved the person since `version` was read.
    """
    policy.require(actor, "edit-person")
    with store.writing() as session:
        current = session.get(Person, person_id)
        if current is None:
            raise NotFound(f"no person with id {person_id}")
        guarded = {"access": current.access, "login": current.login or "", "active": current.active}
        if any(key in fields and fields[key] != old for key, old in guarded.items()):
            policy.require(actor, "set-access")
        if "login" in fields:
            fields["login"] = str(fields["login"]).strip() or None
        changed = update_person(session, actor, person_id, expected_version=version, **fields)
        session.flush()
        return _row(changed)
