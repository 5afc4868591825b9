"""`make bench`: one table of medians (wall time, peak memory) for assure's commands.

Builds throwaway databases (demo, and synthetic at 10,000, 100,000 and 1,000,000 actions), runs
each command several times, prints the table and writes it as JSON to bench/results.json.
Rows of features that are not there yet print as n/a instead of failing the run.
`--only GROUP` (repeatable) runs only some rows, building only the databases they need:
`bench/run.py --only statement` measures the statement row alone.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import taskwarrior
from bench.harness import ASSURE, ROOT, Row, env_for, imports_of, measure, run_once

TODAY = date(2026, 5, 1)
MEMORY_CEILING_MB = 300
PLUGINS = (
    "bench.statement_bench",
    "bench.import_bench",
    "bench.tui_bench",
    "bench.tui_start_bench",
)


def group_of(plugin: str) -> str:
    """bench.tui_start_bench is the group tui-start."""
    return plugin.split(".")[1].removesuffix("_bench").replace("_", "-")


# Row groups for --only: the commands' own rows, each plugin's, the Taskwarrior comparison, and
# the million-action register (its build alone takes about 100 s; --quick skips it).
GROUPS = ("core", *(group_of(name) for name in PLUGINS), "taskwarrior", "1m")
NEEDS = {  # the databases each group reads
    "core": {"demo", "10k", "100k"},
    "statement": {"100k"},
    "tui": {"10k", "100k"},
    "tui-start": {"demo"},
    "taskwarrior": {"100k"},  # and a register of 10,000 open actions, written for it
    "1m": {"1m"},
}
SCALES = (("demo", 0), ("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000))


def build(db: Path, scale: int) -> Row:
    args = [*ASSURE, "demo", "--no-tui", "--yes", "--db", str(db)]
    if scale:
        args += ["--scale", str(scale)]
    wall, peak, code, err = run_once(args, env_for(None, TODAY.isoformat()))
    if code != 0:
        raise SystemExit(f"building {db.name} failed: {err.decode()[-400:]}")
    label = f"demo --scale {scale:,}" if scale else "demo --no-tui"
    target = "< 300 MB" if scale >= 1_000_000 else "< 30 s" if scale >= 100_000 else ""
    return Row(f"build: assure {label}", wall, peak, 1, target)


def compile_assure() -> None:
    """Compile assure's modules to bytecode, as installing the package does. Where the
    environment sets PYTHONDONTWRITEBYTECODE (this project's build machine does) an editable
    checkout never keeps its bytecode, and every command compiled each module it imports
    again: about a quarter of a second of the statement build."""
    import compileall

    import assure

    if not compileall.compile_dir(Path(assure.__file__).parent, quiet=1):
        raise SystemExit("compiling assure's modules failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--quick", action="store_true", help="skip the 100,000- and 1,000,000-action rows"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=GROUPS,
        metavar="GROUP",
        help=f"run only this group of rows (repeatable): {', '.join(GROUPS)}",
    )
    opts = parser.parse_args()
    compile_assure()
    wanted = set(opts.only or GROUPS)
    needed = set().union(*(NEEDS.get(group, set()) for group in wanted))
    if opts.quick:
        needed -= {"100k", "1m"}
        if "statement" in wanted:
            needed.add("10k")  # the statement row falls back to the 10,000-action register
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="assure-bench-") as tmp:
        work = Path(tmp)
        dbs = {n: work / f"{n}.db" for n in ("empty", *(label for label, _ in SCALES))}
        if "core" in wanted:
            rows.extend(core_rows(dbs["empty"], opts.runs))
        for label, scale in SCALES:
            if label in needed:
                built = build(dbs[label], scale)
                if ("1m" if label == "1m" else "core") in wanted:
                    rows.append(built)
        sizes: list[tuple[str, Path]] = [
            (label, dbs[label]) for label in ("10k", "100k") if label in needed
        ]
        if "core" in wanted:
            rows.extend(remind_rows(sizes, opts.runs))
        if "1m" in needed:
            rows.extend(remind_rows([("1m", dbs["1m"])], opts.runs))
        context = {
            "work": work,
            "today": TODAY,
            "demo": dbs["demo"] if "demo" in needed else None,
            "10k": dbs["10k"] if "10k" in needed else None,
            "100k": dbs["100k"] if "100k" in needed else None,
            "runs": opts.runs,
            "quick": opts.quick,
        }
        for name in PLUGINS:
            if group_of(name) in wanted:
                rows.extend(plugin_rows(name, context))
        peers: list[tuple[str, Path]] = []
        if "taskwarrior" in wanted:
            peers.append(("10k open", open_register(work)))
            peers += [(label, db) for label, db in sizes if label == "100k"]
        if "1m" in needed:
            peers.append(("1m", dbs["1m"]))
        if peers:
            rows.extend(taskwarrior_rows(peers, work, opts.runs))
    for row in rows:  # every command has the same memory ceiling
        if row.peak_mb is not None and row.peak_mb > MEMORY_CEILING_MB:
            row.note = (row.note + f"; over {MEMORY_CEILING_MB} MB").lstrip("; ")
    report(rows)


def core_rows(empty: Path, runs: int) -> list[Row]:
    """Help, a new database, and the scheduler's call on it."""
    rows = [measure("assure --help", [*ASSURE, "--help"], env_for(), runs)]
    mods = imports_of(["--help"], env_for())
    rows[-1].note = (
        "imports textual!"
        if "textual" in mods
        else "no textual, no sqlalchemy"
        if "sqlalchemy" not in mods
        else "no textual"
    )
    rows.append(measure("assure init (new database)", [*ASSURE, "init"], env_for(empty), 1))
    rows.append(
        measure(
            "assure remind --format json (empty db)",
            [*ASSURE, "remind", "--format", "json"],
            env_for(empty),
            runs,
        )
    )
    mods = imports_of(["remind", "--format", "json"], env_for(empty))
    if "textual" in mods:
        rows[-1].note = "imports textual!"
    return rows


def remind_rows(sizes: list[tuple[str, Path]], runs: int) -> list[Row]:
    return [
        measure(
            f"assure remind --format json ({label})",
            [*ASSURE, "remind", "--format", "json"],
            env_for(db),
            runs,
            "< 300 MB",
        )
        for label, db in sizes
    ]


def plugin_rows(name: str, context: dict[str, object]) -> list[Row]:
    """A plugin's rows; one that is missing or fails gives a row saying so, never a crash."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        label = name.split(".")[1].replace("_bench", "") + " rows"
        return [Row(label, None, None, 0, note="n/a: not built yet")]
    try:
        rows: list[Row] = module.bench_rows(context)
    except Exception as exc:  # a broken plugin must not hide the other rows
        return [Row(name, None, None, 0, note=f"failed: {exc!s:.70}")]
    return rows


def open_register(work: Path) -> Path:
    """A register of 10,000 open actions, half overdue: the import bench's legacy rows, written
    with executemany into a new database (so the comparison does not wait on the import)."""
    from bench import import_bench

    db = work / "10k-open.db"
    _, _, code, err = run_once([*ASSURE, "init", "--db", str(db)], env_for(None, str(TODAY)))
    if code != 0:
        raise SystemExit(f"making {db.name} failed: {err.decode()[-400:]}")
    source = import_bench.write_csv(work / "legacy-open.csv", import_bench.ROWS, TODAY)
    import_bench.floor_once(db, source)
    return db


def taskwarrior_rows(sizes: list[tuple[str, Path]], work: Path, runs: int) -> list[Row]:
    if not taskwarrior.available():
        return [Row("taskwarrior comparison", None, None, 0, note="n/a: `task` not installed")]
    rows: list[Row] = []
    for label, db in sizes:
        try:
            target = 1.0 if label.startswith("10k") else 0.3
            rows.extend(
                taskwarrior.compare(
                    label, db, work / f"task-{label.replace(' ', '-')}", TODAY, max(runs, 5), target
                )
            )
        except Exception as exc:
            rows.append(Row(f"taskwarrior ({label})", None, None, 0, note=f"failed: {exc!s:.70}"))
    return rows


def report(rows: list[Row]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"assure benchmarks (medians; {platform.machine()}, {platform.python_version()})"
    )
    for col in ("row", "wall", "peak MB", "runs", "target", "note"):
        table.add_column(col, justify="right" if col in ("wall", "peak MB", "runs") else "left")
    for row in rows:
        table.add_row(
            row.name,
            "-"
            if row.wall_s is None
            else f"{row.wall_s * 1000:.0f} ms"
            if row.wall_s < 10
            else f"{row.wall_s:.1f} s",
            "-" if row.peak_mb is None else f"{row.peak_mb:.0f}",
            str(row.runs),
            row.target,
            row.note,
        )
    Console(width=160).print(table)
    out = ROOT / "bench" / "results.json"
    out.write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "python": platform.python_version(),
                "rows": [r.as_json() for r in rows],
            },
            indent=2,
        )
    )
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
