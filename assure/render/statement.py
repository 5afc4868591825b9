"""The statement as Markdown (from the office's Jinja2 template), HTML and Word.

The Markdown is the statement: it is what is stored, hashed and approved. HTML and Word are
rendered from it (assure.render.mdsubset reads the template's Markdown), so user text escaped
once for Markdown renders as text everywhere. Each export carries the statement's SHA-256 and a
banner on every page: "DRAFT" or "Approved by NAME on DATE".
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assure.core.config import DATA_DIR
from assure.render import mdsubset
from assure.render.banner import MARKER as MARKER
from assure.render.banner import Banner as Banner
from assure.render.banner import signed
from assure.render.mdsubset import Run
from assure.render.statement_word import docx as docx
from assure.render.statement_word import text_of_docx as text_of_docx
from assure.render.wording import (  # the template's filters
    andjoin,
    assurance,
    cites,
    clause,
    count,
    day,
    md_escape,
    mid,
    sentence,
    words,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from assure.services.statement.model import StatementData
    from assure.services.statement.usecases import StoredStatement
TEMPLATES = DATA_DIR / "templates"


# --- Markdown ----------------------------------------------------------------------------------


def environment() -> Any:
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        # compiled templates kept (per user, in the temporary directory) from one build to the
        # next: compiling the two statement templates is a tenth of a build
        bytecode_cache=FileSystemBytecodeCache(),
        autoescape=False,  # Markdown: every value goes through the md filter instead
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md_escape, day=day, cites=cites, clause=clause, n=count, sentence=sentence, mid=mid,
        andjoin=andjoin, assurance=assurance, words=words,
    )  # fmt: skip
    return env


def markdown(data: StatementData) -> str:
    """The statement's text, written by data/templates/statement.md.j2."""
    text: str = environment().get_template("statement.md.j2").render(d=data)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def title_of(content: str) -> str:
    """The statement's title: its first heading (so a file renders the same whatever the
    settings say when it is rendered again to be verified)."""
    found = re.search(r"^# (.+)$", content, re.M)
    return "".join(text for text, _ in mdsubset.inline(found[1])) if found else "SPR assurance"


def file_bytes(content: str, banner: Banner, kind: str) -> bytes:
    """An export of a stored statement as `kind` (md, html or docx): the same bytes every time
    for the same statement and banner, so a file can be checked byte for byte."""
    if kind == "md":
        return markdown_file(content, banner).encode()
    if kind == "html":
        return html(content, banner, title_of(content)).encode()
    return docx(content, banner, title_of(content))


def recorded_hash(data: bytes, kind: str) -> str | None:
    """The statement hash a file records (its marker), or None when it records none.

    Raises ValueError when a .docx is not a Word package."""
    if kind == "docx":
        try:
            return text_of_docx(data)[0]
        except Exception as exc:  # python-docx raises several kinds for a file that is not Word
            raise ValueError("not a Word document") from exc
    pattern = {
        "md": rf"<!-- {MARKER}: ([0-9a-f]{{64}}) -->",
        "html": rf'<meta name="{MARKER}" content="([0-9a-f]{{64}})">',
    }[kind]
    found = re.search(pattern, data.decode("utf-8", "replace"))
    return found[1] if found else None


def markdown_file(content: str, banner: Banner) -> str:
    """The .md export: the banner and the hash in a comment line, then the statement."""
    body = signed(content, banner)
    return f"> **{banner.text}**\n\n<!-- {MARKER}: {banner.sha256} -->\n\n{body}"


def content_of_markdown_file(text: str) -> tuple[str | None, str]:
    """(recorded hash, statement text) of an exported .md file."""
    match = re.search(rf"<!-- {MARKER}: ([0-9a-f]{{64}}) -->\n\n", text)
    if not match:
        return None, text
    return match[1], text[match.end() :]


# --- HTML --------------------------------------------------------------------------------------


def _html_runs(runs: list[Run]) -> str:
    return "".join(
        f"<strong>{escape(text)}</strong>" if bold else escape(text) for text, bold in runs
    )


def html_body(content: str) -> str:
    """The statement's blocks as HTML; every piece of text is escaped."""
    out: list[str] = []
    in_list = False
    for block in mdsubset.parsed(content):
        if block.kind == "item" and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.kind != "item" and in_list:
            out.append("</ul>")
            in_list = False
        if block.kind == "heading":
            out.append(f"<h{block.level}>{_html_runs(block.runs)}</h{block.level}>")
        elif block.kind == "item":
            out.append(f"<li>{_html_runs(block.runs)}</li>")
        elif block.kind == "paragraph":
            out.append(f"<p>{_html_runs(block.runs)}</p>")
        else:
            head, *rows = block.rows
            out.append("<table><thead><tr>")
            out.extend(f"<th>{_html_runs(cell)}</th>" for cell in head)
            out.append("</tr></thead><tbody>")
            for row in rows:
                out.append("<tr>" + "".join(f"<td>{_html_runs(c)}</td>" for c in row) + "</tr>")
            out.append("</tbody></table>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def html(content: str, banner: Banner, title: str) -> str:
    """One self-contained HTML file that prints on A4 with the banner on every page."""
    from markupsafe import Markup

    env = environment()
    env.autoescape = True
    page: str = env.get_template("statement.html.j2").render(
        title=title, banner=banner.text, draft=banner.status == "draft", sha256=banner.sha256,
        marker=MARKER, body=Markup(html_body(signed(content, banner))),
        css_banner=Markup(css_string(banner.text)), css_title=Markup(css_string(title)),
    )  # fmt: skip
    return page


def css_string(text: str) -> str:
    """Text as a quoted CSS string, safe inside <style>: quotes, backslashes and angle brackets
    escaped as CSS code points (HTML entities mean nothing there)."""
    escaped = "".join(
        f"\\{ord(ch):X} " if ch in '"\\<>&' or ch < " " else ch for ch in " ".join(text.split())
    )
    return f'"{escaped}"'


class _Text(HTMLParser):
    """The visible text of an HTML statement's <main>, one line per block."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "tr", "th", "td", "table"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []
        self.sha256: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and dict(attrs).get("name") == MARKER:
            self.sha256 = dict(attrs).get("content")
        if tag == "main":
            self.depth += 1
        elif self.depth and tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def text_of_html(page: str) -> tuple[str | None, str]:
    """(recorded hash, normalised visible text) of an HTML statement."""
    parser = _Text()
    parser.feed(page)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return parser.sha256, "\n".join(line for line in lines if line)


def write(path: Path, data: bytes) -> Path:
    """Write an export readable by its owner only, whole or not at all (AssureError if not)."""
    from assure.core.files import write_atomic

    return write_atomic(path, data)


KINDS = ("md", "html", "docx")


def file_stem(row: StoredStatement) -> str:
    """A stored statement's file name without its suffix: a draft's says so."""
    return f"spr-statement-{row.year}" + ("-draft" if row.status == "draft" else "")


def write_files(row: StoredStatement, folder: Path, kinds: Sequence[str] = KINDS) -> list[Path]:
    """Write the stored statement into `folder` as each of `kinds`; return the paths written.

    All or none: when one cannot be written, those written before it are removed and the
    AssureError raised, so no file names a draft that a failed build then does not store.
    """
    banner = Banner(row.sha256, row.status, row.approved_by, row.approved_on)
    written: list[Path] = []
    try:
        for kind in kinds:
            data = file_bytes(row.content, banner, kind)
            written.append(write(folder / f"{file_stem(row)}.{kind}", data))
    except BaseException:
        remove_files(written)
        raise
    return written


def remove_files(paths: Sequence[Path]) -> None:
    """Remove files written for a build that did not happen; never raises."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            continue
