"""The Markdown the statement template writes, read into blocks for HTML and Word.

The template writes a small, regular subset: headings (#), paragraphs, bullet items (- ),
pipe tables, **bold**, and backslash escapes (assure.render.wording.md_escape). Reading only
that subset takes a few milliseconds where a full CommonMark parser takes seconds on a national
register's statement (thousands of table rows); anything else in a line is kept as its text.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass, field

Run = tuple[str, bool]  # text, bold

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass
class Block:
    kind: str  # heading, paragraph, item, table
    level: int = 0
    runs: list[Run] = field(default_factory=list)
    rows: list[list[list[Run]]] = field(default_factory=list)  # table: rows of cells of runs

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


_BOLD = re.compile(r"(?<!\\)\*\*")
_PIPE = re.compile(r"(?<!\\)\|")
_escaped = operator.itemgetter(1)  # the character after the backslash


def inline(text: str) -> list[Run]:
    """Split on unescaped ** into runs, then undo backslash escapes."""
    if "*" not in text and "\\" not in text:  # most cells: one plain run
        return [(text, False)] if text else []
    runs: list[Run] = []
    bold = False
    for i, part in enumerate(_BOLD.split(text)):
        if i:
            bold = not bold
        if part:
            runs.append((_ESCAPE.sub(_escaped, part) if "\\" in part else part, bold))
    return runs


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    parts = _PIPE.split(line) if "\\" in line else line.split("|")
    return [cell.strip() for cell in parts]


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", runs=inline(" ".join(para))))
            para.clear()

    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        if not stripped:
            flush()
        elif heading:
            flush()
            blocks.append(Block("heading", len(heading[1]), inline(heading[2])))
        elif stripped.startswith(("- ", "* ", "+ ")):
            flush()
            blocks.append(Block("item", runs=inline(stripped[2:].strip())))
        elif (
            stripped.startswith("|")
            and i + 1 < len(lines)
            and _SEPARATOR.match(lines[i + 1].strip())
        ):
            flush()
            table = Block("table", rows=[[inline(c) for c in _cells(stripped)]])
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                table.rows.append([inline(c) for c in _cells(lines[i])])
                i += 1
            blocks.append(table)
            continue
        else:
            para.append(stripped)
        i += 1
    flush()
    return blocks


@functools.lru_cache(maxsize=2)
def parsed(text: str) -> tuple[Block, ...]:
    """The blocks of `text`, parsed once for every format written from it (read them only)."""
    return tuple(parse(text))
