"""Bench rows: `assure import actions` of the office's legacy register against a floor.

The register is the office's own action log as it is kept today: open actions, half of them
overdue, with no ref, meeting or raised date (columns action, owner, due_date, status). It is
imported from CSV (10,000 rows, and 100,000 unless --quick) and from .xlsx (10,000 rows), each
into a fresh copy of a database made by `assure init`. The floor is measured in the same run:
this process reads the same CSV and writes the same rows with plain `executemany` into another
fresh copy, seven audit rows per action, so the ratio says what the import's checks cost.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.harness import ASSURE, TIMED_OUT, Row, env_for, run_once

ROWS = 10_000
BIG = 100_000
OWNERS = 50
HEADER = ["action", "owner", "due_date", "status"]
FLOOR_RATIO = 8.0
XLSX_RATIO = 1.5
BIG_SECONDS = 30.0
TIMEOUT_S = 300.0  # a run still going then is stopped and reported as missed
REPEAT_UNDER_S = 20.0  # a slower run is not repeated: one is enough to miss the target


def legacy_rows(n: int, today: date) -> Iterator[list[Any]]:
    """`n` open actions, even ones overdue (up to 180 days), odd ones due within 120 days."""
    for i in range(n):
        late = i % 2 == 0
        due = today - timedelta(days=1 + i % 180) if late else today + timedelta(days=1 + i % 120)
        yield [f"Legacy action {i + 1}", f"Owner {i % OWNERS + 1}", due, "open"]


def write_csv(path: Path, n: int, today: date) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for title, owner, due, status in legacy_rows(n, today):
            writer.writerow([title, owner, f"{due:%d/%m/%Y}", status])
    return path


def write_xlsx(path: Path, n: int, today: date) -> Path:
    """The same register as a spreadsheet, its due dates real date cells as Excel keeps them."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    sheet.append(HEADER)
    for row in legacy_rows(n, today):
        sheet.append(row)
    book.save(path)
    return path


def bench_rows(context: dict[str, Any]) -> list[Row]:
    work: Path = context["work"]
    today: date = context["today"]
    runs: int = context["runs"]
    base = work / "import-base.db"
    _, _, code, err = run_once([*ASSURE, "init", "--db", str(base)], env_for(None, str(today)))
    if code != 0:
        return [Row("import actions", None, None, 0, note=f"failed: {err.decode()[-60:]}")]
    source = write_csv(work / "legacy-10k.csv", ROWS, today)
    floors = [floor_once(_fresh(base, work / "floor.db"), source) for _ in range(max(3, runs))]
    floor = statistics.median(floors)
    rows = [
        Row(
            f"floor: executemany of {ROWS:,} actions + {ROWS * 7:,} audit rows",
            floor,
            None,
            len(floors),
            note="in-process, same CSV, same fresh database",
        )
    ]
    csv_row = import_row(
        f"import actions: legacy CSV ({ROWS:,} rows)", base, source, ROWS, today, runs
    )
    _judge(csv_row, floor, FLOOR_RATIO, "floor")
    rows.append(csv_row)
    sheet = write_xlsx(work / "legacy-10k.xlsx", ROWS, today)
    xlsx_row = import_row(
        f"import actions: legacy .xlsx ({ROWS:,} rows)", base, sheet, ROWS, today, runs
    )
    if csv_row.wall_s is not None:
        _judge(xlsx_row, csv_row.wall_s, XLSX_RATIO, "CSV")
    rows.append(xlsx_row)
    if not context.get("quick"):
        big = write_csv(work / "legacy-100k.csv", BIG, today)
        big_row = import_row(f"import actions: legacy CSV ({BIG:,} rows)", base, big, BIG, today, 1)
        big_row.target = f"<= {BIG_SECONDS:.0f} s, <= 300 MB"
        if big_row.wall_s is not None and big_row.wall_s > BIG_SECONDS:
            big_row.note = (big_row.note + "; missed").lstrip("; ")
        rows.append(big_row)
    return rows


def _fresh(base: Path, db: Path) -> Path:
    """A copy of the initialised database `base` at `db` (replacing any earlier copy)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
        if Path(f"{base}{suffix}").exists() and suffix != "-shm":
            shutil.copyfile(f"{base}{suffix}", f"{db}{suffix}")
    return db


def import_row(name: str, base: Path, source: Path, n: int, today: date, runs: int) -> Row:
    """Import `source` (`n` rows) into fresh copies of `base`, up to `runs` times (once if it
    is slow); the row notes if the import did not write `n` actions."""
    walls: list[float] = []
    peaks: list[float] = []
    db = base.with_name(f"import-{source.stem}.db")
    cmd = [*ASSURE, "import", "actions", str(source), "--create-owners"]
    for _ in range(runs):
        wall, peak, code, err = run_once(
            cmd, env_for(_fresh(base, db), str(today)), timeout=TIMEOUT_S
        )
        if code == TIMED_OUT:
            return Row(name, wall, peak, 1, note=f"missed: stopped after {TIMEOUT_S:.0f} s")
        if code != 0:
            reason = err.decode(errors="replace").strip().splitlines()[-1:] or [f"exit {code}"]
            return Row(name, None, None, 0, note=f"failed: {reason[0][:70]}")
        walls.append(wall)
        peaks.append(peak)
        if wall > REPEAT_UNDER_S:
            break
    actions, audits = _written(db)
    row = Row(name, statistics.median(walls), statistics.median(peaks), len(walls))
    if actions != n:
        row.note = f"wrote {actions:,} of {n:,} actions"
    row.extra["audit_rows_per_action"] = round(audits / max(1, actions), 2)
    return row


def _written(db: Path) -> tuple[int, int]:
    """How many actions and action audit entries `db` holds."""
    con = sqlite3.connect(db)
    try:
        actions = con.execute("SELECT count(*) FROM action").fetchone()[0]
        audits = con.execute(
            "SELECT count(*) FROM auditentry WHERE record_type = 'action'"
        ).fetchone()[0]
    finally:
        con.close()
    return int(actions), int(audits)


def _judge(row: Row, base_s: float, limit: float, of: str) -> None:
    """Note `row`'s ratio to `base_s` against its target of at most `limit` times."""
    row.target = f"<= {limit:g}x {of}"
    if row.wall_s is None:
        return
    ratio = row.wall_s / base_s
    row.extra[f"ratio_vs_{of.lower()}"] = round(ratio, 2)
    verdict = f"ratio {ratio:.1f}x {of}" + ("" if ratio <= limit else " (missed)")
    row.note = f"{verdict}; {row.note}".rstrip("; ") if row.note else verdict


def floor_once(db: Path, source: Path) -> float:
    """Seconds to read `source` and write its rows, owners and audit rows with executemany.

    Seven audit rows per action, the shape the services write: one per non-empty field (ref,
    title, owner, due date, status, created at) and one noting the import. Same pragmas as the
    app, one transaction.
    """
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        start = time.perf_counter()
        _floor_write(con, source)
        return time.perf_counter() - start
    finally:
        con.close()


def _floor_write(con: sqlite3.Connection, source: Path) -> None:
    with source.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = [(t, o, datetime.strptime(d, "%d/%m/%Y").date(), s) for t, o, d, s in reader]
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    con.execute("BEGIN")
    names = sorted({owner for _, owner, _, _ in rows})
    con.executemany(
        "INSERT INTO person (name, role, organisation, email, access, active, version) "
        "VALUES (?, '', '', '', 'viewer', 1, 1)",
        [(name,) for name in names],
    )
    owner = dict(con.execute("SELECT name, id FROM person"))
    last = con.execute("SELECT coalesce(max(id), 0) FROM action").fetchone()[0]
    actions = [
        (f"IMP-{k:05d}", title, owner[name], due.isoformat(), status, now)
        for k, (title, name, due, status) in enumerate(rows, 1)
    ]
    con.executemany(
        "INSERT INTO action (ref, title, owner_id, due_date, status, created_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, 1)",
        actions,
    )
    ids = [i for (i,) in con.execute("SELECT id FROM action WHERE id > ? ORDER BY id", (last,))]
    fields = ("ref", "title", "owner_id", "due_date", "status", "created_at")
    audits = [
        (now, "bench", aid, "create", field, str(value))
        for aid, action in zip(ids, actions, strict=True)
        for field, value in zip(fields, action, strict=True)
    ]
    audits += [(now, "bench", aid, "import", "source", f"line {k}") for k, aid in enumerate(ids)]
    con.executemany(
        "INSERT INTO auditentry (at, who, record_type, record_id, operation, field, new) "
        "VALUES (?, ?, 'action', ?, ?, ?, ?)",
        audits,
    )
    con.execute("COMMIT")
