"""Who is acting: a person's name and what their role lets them do."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assure.core.errors import ValidationError

if TYPE_CHECKING:  # the app names an Actor long before it loads SQLModel and the models
    from sqlmodel import Session

    from assure.models import Person


@dataclass(frozen=True)
class Actor:
    """The person making a change, and their access (viewer, officer or commissioner).

    What an access level allows is the policy's business (assure.core.policy), not this one's.
    """

    name: str
    access: str = "officer"


# Names the reference data `assure init` loads in the audit trail. It is no person and the
# policy grants it nothing: it only ever reaches the audit writer, through setup.
INSTALLER = Actor("assure init (reference data)", "installer")


def os_login() -> str:
    """Return the login of the process's real user id.

    Not `getpass.getuser()`, which believes LOGNAME and USER: anyone can set those, and a
    viewer who could would become an officer. The operating system's account is the identity.
    """
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # a uid with no account (some containers): name it, never guess
        return f"uid-{os.getuid()}"


def session_login(session: Session) -> str:
    """Return who is connected: on PostgreSQL the session user, elsewhere the OS login.

    On PostgreSQL each person connects as their own database role (`assure db roles` maps
    them), so the server has already said who they are; the OS account running the program
    may be a shared one. `session_user`, not `current_user`: SET ROLE changes the latter.
    """
    if session.get_bind().dialect.name == "postgresql":
        return str(session.connection().exec_driver_sql("SELECT session_user").scalar_one())
    return os_login()


def effective_access(person: Person) -> str:
    """What a person in the register may do: their access, or viewer once they are inactive."""
    return person.access if person.active else "viewer"


def resolve_actor(session: Session, as_name: str | None = None, allow_as: bool = False) -> Actor:
    """Return the acting person: `--as NAME` where allowed, else the login's person.

    The login is the OS account's, or on PostgreSQL the session user (`session_login`).

    An office that has mapped no logins yet is a single-user install: the login acts as an
    officer. Once logins are mapped, an unmapped login is a viewer.
    """
    from sqlmodel import select

    from assure.models import Person

    if as_name:
        if not allow_as:
            raise ValidationError(
                "--as", "acting as someone else is not allowed by the configuration"
            )
        person = session.exec(select(Person).where(Person.name == as_name)).first()
        if person is None:
            raise ValidationError("--as", f"no person called {as_name!r}")
        return Actor(person.name, person.access)
    login = session_login(session)
    person = session.exec(select(Person).where(Person.login == login)).first()
    if person is not None:
        return Actor(person.name, effective_access(person))
    mapped = session.exec(select(Person.id).where(Person.login.is_not(None))).first()  # type: ignore[union-attr]
    return Actor(login, "viewer" if mapped is not None else "officer")
