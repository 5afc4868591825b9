"""Synthetic registers at national scale (`assure demo --scale N`) for benchmarks.

N board actions across many forces' boards over five financial years, with N/5 findings and
N/2 evidence items: most closed, about 10% open and about 5% overdue. Rows are generated and
written in batches with executemany, never held all at once, so a million actions fit in the
same memory as ten thousand; each table is one audited bulk operation (one audit entry naming
the row count), because 100,000 per-field entries would only measure the audit.
"""

from __future__ import annotations

import random
import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from itertools import islice
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col

from assure.core import lifecycle
from assure.core.clock import FinancialYear
from assure.core.workdays import on_or_after, on_or_before
from assure.models import (
    Action,
    ActionThreat,
    AuditEntry,
    Evidence,
    EvidenceDimension,
    EvidenceThreat,
    Finding,
    Inspection,
    Meeting,
    Person,
    Threat,
)
from assure.models.base import utcnow
from assure.services.evidence.spr import edition_in_force

BATCH = 5_000
YEARS = 5
ACTIONS_PER_FORCE = 2_500


def _table(model: Any) -> Any:
    return model.__table__


def _ids(conn: Connection, statement: Any) -> list[int]:
    """Return the integer ids a one-column query yields."""
    return [int(v) for v in conn.execute(statement).scalars() if v is not None]


def _id_array(conn: Connection, statement: Any) -> array[int]:
    """The ids a one-column query yields, 8 bytes each (a million Python ints take 36 MB)."""
    return array("q", (int(v) for v in conn.execute(statement).scalars()))


def _insert(
    conn: Connection,
    model: Any,
    rows: Iterable[dict[str, Any]],
    tick: Callable[[int | None], None] | None = None,
) -> int:
    """Insert `rows` in batches as they are generated; return how many were written."""
    stream = iter(rows)
    written = 0
    while batch := list(islice(stream, BATCH)):
        conn.execute(insert(_table(model)), batch)
        written += len(batch)
        if tick is not None:
            tick(written)
    return written


def _max_id(conn: Connection, model: Any) -> int:
    return int(conn.execute(select(func.max(_table(model).c.id))).scalar() or 0)


_BOARD = re.compile(r"Force (\d+) Accountability Board")


def board_name(force: int) -> str:
    """The synthetic board of force number `force` (1-based)."""
    return f"Force {force:02d} Accountability Board"


def force_of(board: str) -> int | None:
    """The force number in a synthetic board's name, however many digits; None for others."""
    match = _BOARD.fullmatch(board)
    return int(match[1]) if match else None


def action_ref(force: int, held: date, number: int) -> str:
    """The ref of the `number`th synthetic action raised at force `force`'s meeting on `held`."""
    return f"F{force:02d}-{held:%Y-%m-%d}-{number:03d}"


def add_synthetic(
    engine: Engine,
    today: date,
    n: int,
    progress: bool = False,
    seed: int = 7,
    per_force: int = ACTIONS_PER_FORCE,
) -> dict[str, int]:
    """Add `n` synthetic actions with proportional records; return the counts written.

    The actions are spread over n / `per_force` forces' boards (at least one).
    """
    rng = random.Random(seed)
    start = FinancialYear.of(today).start_year - (YEARS - 1)
    first_day = date(start, 4, 1)
    forces = max(1, n // per_force)
    tick = _progress(progress, n)
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        people = _people(conn, forces)
        meetings = _meetings(conn, forces, first_day, today)
        threats = _ids(conn, select(col(Threat.id)))
        current = _current_threats(engine, today)
        counts["people"] = len(people)
        counts["meetings"] = sum(len(m) for m in meetings.values())
        counts["actions"] = _actions(conn, rng, n, meetings, people, current, today, tick)
        counts["findings"] = _findings(conn, rng, n // 5, people, first_day, today)
        counts["evidence"] = _evidence(conn, rng, n // 2, threats, first_day, today)
        for table, count in counts.items():
            conn.execute(
                insert(_table(AuditEntry)),
                [
                    dict(
                        at=utcnow(),
                        who="assure demo --scale",
                        record_type=table,
                        record_id=0,
                        operation="bulk-create",
                        field="rows",
                        new=str(count),
                    )
                ],
            )
    tick(None)
    return counts


def _progress(enabled: bool, total: int) -> Callable[[int | None], None]:
    if not enabled:
        return lambda _n: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("Writing synthetic actions", total=total)
    bar.start()

    def tick(done: int | None) -> None:
        if done is None:
            bar.stop()
        else:
            bar.update(task, completed=done)

    return tick


def _current_threats(engine: Engine, today: date) -> list[int]:
    from sqlmodel import Session

    with Session(engine) as session:
        edition = edition_in_force(session, today)
        return list(
            session.execute(
                select(col(Threat.id)).where(col(Threat.edition_id) == edition.id)
            ).scalars()
        )


def _people(conn: Connection, forces: int) -> list[int]:
    rows = [
        dict(
            name=f"Owner {f:02d}-{k:02d}",
            role="Superintendent",
            organisation=f"Force {f:02d}",
            email=f"owner{f:02d}{k:02d}@force{f:02d}.example",
            access="viewer",
            active=True,
            version=1,
        )
        for f in range(1, forces + 1)
        for k in range(1, 9)
    ]
    conn.execute(insert(_table(Person)), rows)
    return _ids(
        conn,
        select(col(Person.id)).where(col(Person.name).like("Owner %")).order_by(col(Person.id)),
    )


def _meetings(
    conn: Connection, forces: int, first: date, today: date
) -> dict[int, list[tuple[int, date]]]:
    rows = []
    for f in range(1, forces + 1):
        day = first + timedelta(days=f % 42)
        while (held := on_or_after(day)) <= today:  # a board meets on a working day
            rows.append(dict(board=board_name(f), held_on=held, title="", version=1))
            day += timedelta(days=42)
    conn.execute(insert(_table(Meeting)), rows)
    result: dict[int, list[tuple[int, date]]] = {}
    for mid, board, held in conn.execute(
        select(col(Meeting.id), col(Meeting.board), col(Meeting.held_on))
        .where(col(Meeting.board).like("Force %"))
        .order_by(col(Meeting.id))
    ):
        force = force_of(board)
        if force is not None:
            result.setdefault(force, []).append((int(mid or 0), held))
    return result


def _actions(
    conn: Connection,
    rng: random.Random,
    n: int,
    meetings: dict[int, list[tuple[int, date]]],
    people: list[int],
    threats: list[int],
    today: date,
    tick: Callable[[int | None], None],
) -> int:
    forces = sorted(meetings)
    seq: dict[int, int] = {}
    before = _max_id(conn, Action)
    held_days = {force: [held for _, held in found] for force, found in meetings.items()}

    def raised_at(force: int, due: date) -> tuple[int, date] | None:
        """The force's last meeting at least four weeks before `due` (meetings are in date
        order), or None when it has none that early."""
        k = bisect_right(held_days[force], due - timedelta(days=28))
        return meetings[force][k - 1] if k else None

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(n):
            force = forces[i % len(forces)]
            mid, held = rng.choice(meetings[force])
            due = on_or_after(held + timedelta(days=rng.choice((28, 42, 56, 84))))
            roll = rng.random()
            if roll < 0.05:  # overdue
                status, due = "open", on_or_before(today - timedelta(days=rng.randint(1, 200)))
            elif roll < 0.10:  # open, not yet due
                status, due = "in-progress", on_or_after(today + timedelta(days=rng.randint(0, 90)))
            elif roll < 0.12:
                status = "superseded"
            else:
                status = "closed"
            if status in ("open", "in-progress"):  # raised at a meeting shortly before it is due
                mid, held = raised_at(force, due) or (mid, held)
            seq[mid] = seq.get(mid, 0) + 1
            yield dict(
                ref=action_ref(force, held, seq[mid]),
                title=f"Synthetic action {i + 1}",
                meeting_id=mid,
                owner_id=people[(force - 1) * 8 + i % 8],
                raised_on=min(held, due),
                due_date=due,
                status=status,
                # closed on its due date, or by today when that is still to come
                closed_on=on_or_before(min(due, today))
                if lifecycle.action_is_terminal(status)
                else None,
                created_at=utcnow(),
                version=1,
            )

    written = _insert(conn, Action, rows(), tick)
    ids = _id_array(
        conn, select(col(Action.id)).where(col(Action.id) > before).order_by(col(Action.id))
    )
    _insert(
        conn,
        ActionThreat,
        (
            dict(action_id=aid, threat_id=threats[k % len(threats)])
            for k, aid in enumerate(ids)
            if k % 3 == 0
        ),
    )
    return written


def _findings(
    conn: Connection, rng: random.Random, n: int, people: list[int], first: date, today: date
) -> int:
    if n == 0:
        return 0
    reports = []
    for k in range(max(1, n // 20)):
        # published by today, and every step on a working day
        published = on_or_before(
            first + timedelta(days=rng.randint(0, max(1, (today - first).days)))
        )
        responded = on_or_after(published + timedelta(days=rng.randint(30, 70)))
        reports.append(
            dict(
                title=f"Synthetic inspection {k + 1}",
                kind="peel",
                published_on=published,
                response_published_on=responded,
                link="",
                # every s55 step done, as a kept register has them (else remind chases them all)
                comments_invited_on=on_or_after(published + timedelta(days=3)),
                comments_due_on=on_or_after(published + timedelta(days=28)),
                comments_received_on=on_or_before(published + timedelta(days=27)),
                response_link=f"https://pcc.example/hmicfrs/synthetic-{k + 1}",
                copies_sent_on=responded,
                version=1,
            )
        )
    conn.execute(insert(_table(Inspection)), reports)
    report_ids = [
        rid
        for (rid,) in conn.execute(
            select(col(Inspection.id)).where(col(Inspection.title).like("Synthetic %"))
        )
    ]

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(n):
            target = on_or_after(today + timedelta(days=rng.randint(-300, 120)))
            status = "being-progressed" if rng.random() < 0.15 else "complete"
            yield dict(
                inspection_id=report_ids[i % len(report_ids)],
                ref=f"AFI{i + 1}",
                kind="area-for-improvement",
                text=f"Synthetic finding {i + 1}",
                force_lead_id=rng.choice(people),
                target_date=target,
                status=status,
                status_reason="",
                closed_on=on_or_before(min(target, today)) if status == "complete" else None,
                version=1,
            )

    return _insert(conn, Finding, rows())


def _evidence(
    conn: Connection, rng: random.Random, n: int, threats: list[int], first: date, today: date
) -> int:
    if n == 0:
        return 0
    span = max(1, (today - first).days)
    before = _max_id(conn, Evidence)
    rows = (
        dict(
            title=f"Synthetic evidence {i + 1}",
            kind="board-paper",
            occurred_on=on_or_before(first + timedelta(days=rng.randint(0, span))),
            source=f"SYN-{i + 1}",
            summary="Synthetic evidence for benchmarks.",
            recorded_by="assure demo --scale",
            recorded_at=utcnow(),
            version=1,
        )
        for i in range(n)
    )
    _insert(conn, Evidence, rows)
    ids = _id_array(
        conn, select(col(Evidence.id)).where(col(Evidence.id) > before).order_by(col(Evidence.id))
    )
    dims = [d for (d,) in conn.execute(select(col(EvidenceDimension.dimension_id)).distinct())] or [
        1,
        2,
        3,
        4,
    ]
    _insert(
        conn,
        EvidenceThreat,
        (dict(evidence_id=eid, threat_id=threats[k % len(threats)]) for k, eid in enumerate(ids)),
    )
    _insert(
        conn,
        EvidenceDimension,
        (dict(evidence_id=eid, dimension_id=dims[k % len(dims)]) for k, eid in enumerate(ids)),
    )
    return n
