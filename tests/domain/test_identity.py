"""Identity comes from the operating system's account, never from the environment."""

from __future__ import annotations

import os
import pwd

import pytest
from sqlmodel import Session

from assure.core.actor import os_login, resolve_actor
from assure.models import Person


def test_the_login_is_the_real_user_not_logname(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pwd.getpwuid(os.getuid()).pw_name
    monkeypatch.setenv("LOGNAME", "tom")
    monkeypatch.setenv("USER", "tom")
    assert os_login() == real != "tom"


def test_a_viewer_cannot_become_an_officer_by_setting_logname(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pwd.getpwuid(os.getuid()).pw_name
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
