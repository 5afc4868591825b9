"""`assure db roles`: on PostgreSQL, the database's own roles for each access level."""

from __future__ import annotations

import typer

from assure.commands.common import DbOpt, TodayOpt, context, errors, fail

app = typer.Typer(help="The database itself: who it lets read and write.", no_args_is_help=True)


@app.command("roles")
def roles(ctx: typer.Context, db: DbOpt = None, today: TodayOpt = None) -> None:
    """Create the group roles (DB_viewer, DB_officer, DB_commissioner) and put each person's
    login role in the group of their access (PostgreSQL only; run it as the database's owner)."""
    from assure.services import roles as service
    from assure.services import setup

    c = context(ctx, db, today)
    if setup.sqlite_file(c.db) is not None:  # before opening it, which would create it
        fail(service.NOT_POSTGRES)
    with errors():
        report = service.apply(c.store(), c.actor())
    typer.echo(f"Group roles in {report.database}:")
    for level, group in report.groups.items():
        typer.echo(f"  {group} ({level})")
    for m in report.people:
        said = " (created with LOGIN and no password: set one)" if m.created else ""
        was = f", was {', '.join(m.previous) or 'in no group'}" if m.previous or m.created else ""
        typer.echo(f"{m.login} ({m.person}): {m.group}{was}{said}")
    for login, group in report.removed:
        typer.echo(f"{login}: removed from {group} (no longer mapped to it)")
