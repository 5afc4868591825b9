"""Reminder digests as text, JSON, CSV, iCalendar and e-mail (one digest per owner).

Only the standard library and light assure modules are imported at load time; iCalendar is
loaded by `ics()` alone. Each renderer takes the due list's read model (DueItem).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage

from assure.services.interchange.tabular import safe_cell
from assure.services.reminders.due import KIND_LABEL, DueItem, by_owner

# what a response's status says to a reader (JSON and CSV keep the codes)
STATUS_LABEL = {
    "awaiting-response": "awaiting the response",
    "published-on-time": "response published on time",
    "published-late": "response published late",
}
CSV_COLUMNS = (
    "owner",
    "owner_email",
    "kind",
    "ref",
    "title",
    "due_date",
    "original_due_date",
    "days_overdue",
    "status",
    "source",
)


def when(item: DueItem) -> str:
    """'12 days overdue', 'due today', 'due in 3 days'."""
    days = item.days_overdue
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} overdue"
    if days == 0:
        return "due today"
    return f"due in {-days} day{'s' if days != -1 else ''}"


def due_text(item: DueItem) -> str:
    text = f"due {item.due_date:%d %b %Y}"
    if item.original_due_date != item.due_date:
        text += f" (originally {item.original_due_date:%d %b %Y})"
    return text


def status_text(item: DueItem) -> str:
    return STATUS_LABEL.get(item.status, item.status) or "-"


def item_lines(item: DueItem) -> list[str]:
    marker = "OVERDUE" if item.overdue else "due soon"
    return [
        f"  [{marker}] {KIND_LABEL.get(item.kind, item.kind)} {item.ref}: {item.title}",
        f"      {when(item)}; {due_text(item)}; status {status_text(item)}; from {item.source}",
    ]


def owner_heading(owner: str, items: list[DueItem]) -> str:
    overdue = sum(1 for i in items if i.overdue)
    email = items[0].owner_email
    who = f"{owner} <{email}>" if email else f"{owner} (no e-mail address)"
    return f"{who}: {overdue} overdue, {len(items) - overdue} due soon"


def text(items: list[DueItem], today: date, within: int) -> str:
    """The digest for a cron mail or a terminal: plain text, no colour codes."""
    if not items:
        return f"Nothing overdue or due by {today + timedelta(days=within):%d %b %Y}.\n"
    lines = [
        f"Overdue and due-soon work on {today:%d %b %Y} (due within {within} days), "
        f"{len(items)} item{'s' if len(items) != 1 else ''}, most overdue first.",
    ]
    for owner, owned in by_owner(items).items():
        lines += ["", owner_heading(owner, owned)]
        for item in owned:
            lines += item_lines(item)
    return "\n".join(lines) + "\n"


def json_text(items: Iterable[DueItem]) -> str:
    """The documented JSON shape: a list of objects with ISO dates (`[]` when nothing is due)."""
    return json.dumps([item.as_json() for item in items], indent=2, ensure_ascii=False) + "\n"


def csv_text(items: Iterable[DueItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        data = item.as_json()
        writer.writerow([safe_cell(data[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def ics(items: Iterable[DueItem], stamp: datetime | None = None) -> bytes:
    """One all-day event per item on its due date; UIDs are stable, so a re-import updates."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//assure//OPCC governance reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "assure: due dates")
    stamp = stamp or datetime.now(UTC)
    for item in items:
        event = Event()
        event.add("uid", f"{item.kind}-{item.record_id}@assure")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due_date)
        event.add("dtend", item.due_date + timedelta(days=1))
        event.add("summary", f"{KIND_LABEL.get(item.kind, item.kind)} {item.ref}: {item.title}")
        event.add(
            "description",
            f"Owner: {item.owner}\n{when(item).capitalize()}; {due_text(item)}.\n"
            f"Status: {status_text(item)}\nFrom: {item.source}",
        )
        event.add("categories", [KIND_LABEL.get(item.kind, item.kind)])
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def email(
    owner: str, address: str, items: list[DueItem], sender: str, today: date, office: str
) -> EmailMessage:
    """One owner's reminder with plain-text and HTML parts."""
    overdue = sum(1 for i in items if i.overdue)
    msg = EmailMessage()
    msg["Subject"] = (
        f"{office}: {overdue} overdue, {len(items) - overdue} due soon ({today:%d %b %Y})"
    )
    msg["From"] = sender
    msg["To"] = f"{owner} <{address}>"
    body = [
        f"Dear {owner},",
        "",
        f"These items you own are overdue or due soon as of {today:%d %B %Y}:",
        "",
    ]
    for item in items:
        body += item_lines(item)
    body += [
        "",
        "Please send an update or a request for an extension to the governance officer.",
        "",
        office,
    ]
    msg.set_content("\n".join(body) + "\n")
    rows = "".join(
        "<tr>"
        f"<td>{'<strong>OVERDUE</strong>' if i.overdue else 'due soon'}</td>"
        f"<td>{html.escape(KIND_LABEL.get(i.kind, i.kind))} {html.escape(i.ref)}</td>"
        f"<td>{html.escape(i.title)}</td>"
        f"<td>{html.escape(when(i))}</td>"
        f"<td>{html.escape(due_text(i))}</td>"
        f"<td>{html.escape(i.source)}</td>"
        "</tr>"
        for i in items
    )
    msg.add_alternative(
        "<!doctype html><html><body>"
        f"<p>Dear {html.escape(owner)},</p>"
        f"<p>These items you own are overdue or due soon as of {today:%d %B %Y}:</p>"
        '<table border="1" cellpadding="4" cellspacing="0">'
        "<tr><th></th><th>Item</th><th>Title</th><th>When</th><th>Due</th><th>From</th></tr>"
        f"{rows}</table>"
        "<p>Please send an update or a request for an extension to the governance officer.</p>"
        f"<p>{html.escape(office)}</p></body></html>",
        subtype="html",
    )
    return msg
