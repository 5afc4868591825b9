"""The `assure` command line. Heavy modules (Textual, SQLAlchemy) are imported only when needed."""

from __future__ import annotations

from typing import IO, Any

import typer
from typer._click import echo
from typer._click.exceptions import UsageError  # Typer's own Click, which it raises

from assure import __version__
from assure.commands import (
    backup,
    boardpack,
    database,
    remind,
    response,
    setup,
    statement,
    transfer,
)
from assure.commands.common import DbOpt, TodayOpt, globals_of

app = typer.Typer(
    name="assure",
    help="Governance assurance for an OPCC: board actions, HMICFRS findings, plan priorities, "
    "evidence, and the annual Strategic Policing Requirement statement. "
    "Run with no command to open the app.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"assure {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: DbOpt = None,
    today: TodayOpt = None,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Open the app when no command is given."""
    glob = globals_of(ctx)
    glob.db, glob.today = db, today
    if ctx.invoked_subcommand is None:
        from assure.commands.common import context, errors
        from assure.tui.launch import run_tui

        c = context(ctx, None, None)
        with errors():
            c.store()  # creates and seeds the database on first use
        run_tui(c.db, c.today)


app.command("init")(setup.init)
app.command("demo")(setup.demo)
app.command("remind")(remind.remind)
app.add_typer(statement.app, name="statement")
app.command("import")(transfer.import_)
app.command("export")(transfer.export)
app.command("board-pack")(boardpack.board_pack)
app.add_typer(response.app, name="response")
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)
app.add_typer(database.app, name="db")


def _usage_error_in_one_line(error: UsageError, file: IO[Any] | None = None) -> None:
    """A mistyped argument is one line naming the command and where its help is, as every other
    refusal is (Click's own form is four lines under a usage banner)."""
    command = error.ctx.command_path if error.ctx is not None else "assure"
    echo(f"{command}: {error.format_message()} (see {command} --help)", err=True, file=file)


def main() -> None:
    """Console-script entry point."""
    UsageError.show = _usage_error_in_one_line  # type: ignore[method-assign,assignment]
    app()
