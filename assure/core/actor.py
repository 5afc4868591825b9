"""Who is acting: a person's name and what their role lets them do."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlmodel import Session, select

from assure.core.errors import ValidationError
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


def resolve_actor(session: Session, as_name: str | None = None, allow_as: bool = False) -> Actor:
    """Return the acting person: `--as NAME` where allowed, else the OS login's person.

    An office that has mapped no logins yet is a single-user install: the login acts as an
    officer. Once logins are mapped, an unmapped login is a viewer.
    """
    if as_name:
        if not allow_as:
            raise ValidationError(
                "--as", "acting as someone else is not allowed by the configuration"
            )
        person = session.exec(select(Person).where(Person.name == as_name)).first()
        if person is None:
            raise ValidationError("--as", f"no person called {as_name!r}")
        return Actor(person.name, person.access)
    login = os_login()
    person = session.exec(select(Person).where(Person.login == login)).first()
    if person is not None:
        return Actor(person.name, person.access if person.active else "viewer")
    mapped = session.exec(select(Person.id).where(Person.login.is_not(None))).first()  # type: ignore[union-attr]
    return Actor(login, "viewer" if mapped is not None else "officer")
