"""People: add, change and find the owners of work and the users of assure."""

from __future__ import annotations

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from assure.core import audit, validate
from assure.core.actor import Actor, resolve_actor
from assure.core.db import Store
from assure.core.errors import NotFound, ValidationError
from assure.models import Person
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
