"""Identity comes from the operating system's account, never from the environment."""

from __future__ import annotations

import os
import pwd

import pytest
from sqlmodel import Session

from assure.core.actor import os_login, resolve_actor, session_login
from assure.models import Person


def test_the_login_is_the_real_user_not_logname(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pwd.getpwuid(os.getuid()).pw_name
    monkeypatch.setenv("LOGNAME", "tom")
    monkeypatch.setenv("USER", "tom")
    assert os_login() == real != "tom"


def test_a_viewer_cannot_become_an_officer_by_setting_logname(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = session_login(session)  # the OS account's; on PostgreSQL the session user
    session.add(Person(name="Vera Viewer", login=real, access="viewer"))
    session.add(Person(name="Tom Reid", login="tom", access="officer"))
    session.commit()
    monkeypatch.setenv("LOGNAME", "tom")
    monkeypatch.setenv("USER", "tom")
    actor = resolve_actor(session)
    assert (actor.name, actor.access) == ("Vera Viewer", "viewer")


def test_an_unmapped_login_is_a_viewer_once_logins_are_mapped(session: Session) -> None:
    session.add(Person(name="Tom Reid", login="someone-else-entirely", access="officer"))
    session.commit()
    assert resolve_actor(session).access == "viewer"


def test_before_any_login_is_mapped_the_login_acts_as_officer(session: Session) -> None:
    assert resolve_actor(session).access == "officer"


def test_the_login_is_the_os_account_on_sqlite_and_the_session_user_on_postgresql(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "tom")
    login = session_login(session)
    if session.get_bind().dialect.name == "postgresql":
        user = session.connection().exec_driver_sql("SELECT session_user").scalar_one()
        assert login == user != os_login()
    else:
        assert login == pwd.getpwuid(os.getuid()).pw_name
