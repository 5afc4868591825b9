"""Files written whole or not at all, private from their first byte.

Every file assure writes (exports, board packs, statements, backups, the outbox's .eml files)
goes through `write_atomic`: the content goes to a scratch file beside the target, created
0600, flushed to disk, then renamed over the target in one step, so a reader sees the old file
or the new one and never half of one. Any failure removes the scratch file and raises
AssureError with one line saying why ("no space left on the device ...").

Scratch files are named `.assure-PID-TOKEN.NAME.part` (SQLite may add -journal, -wal or -shm):
one left behind by a killed run is recognised by its pid being gone and removed by the next
run that writes in that folder (`clear_leftovers`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path

from assure.core.errors import AssureError

PRIVATE = 0o600
SCRATCH_NAME = re.compile(r"^\.assure-(\d+)-[0-9a-f]{8}\.")
SIDECARS = ("", "-journal", "-wal", "-shm")

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "no such folder",
    errno.ENOTDIR: "a file is in the way of its folder",
    errno.EISDIR: "it is a folder",
    errno.EEXIST: "a file or a broken link is in the way of its folder",
}


def reason(exc: OSError) -> str:
    """Why a file operation failed, in words: "no space left on the device"."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc))


def problem(exc: OSError, path: Path) -> str:
    """One line saying why `path` could not be written, led by the reason."""
    return f"{reason(exc)}: cannot write {path}; nothing was written"


def scratch_path(target: Path) -> Path:
    """A new scratch file name beside `target`, recognisable by `clear_leftovers`."""
    return target.parent / f".assure-{os.getpid()}-{secrets.token_hex(4)}.{target.name}.part"


def remove_scratch(scratch: Path) -> None:
    """Remove a scratch file and any files SQLite kept beside it; never raises."""
    for suffix in SIDECARS:
        with contextlib.suppress(OSError):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def clear_leftovers(folder: Path) -> list[Path]:
    """Remove the scratch files a killed run left in `folder`; return what was removed.

    A scratch file whose process is still running is another run's work in progress and is
    left alone.
    """
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    removed: list[Path] = []
    for entry in entries:
        match = SCRATCH_NAME.match(entry.name)
        if match and not _alive(int(match[1])):
            try:
                entry.unlink()
            except OSError:
                continue
            removed.append(entry)
    return removed


def target_of(path: Path) -> Path:
    """Where writing `path` lands: through a symlink to its file, its folder created.

    Raises AssureError for a broken symlink (writing through it would create a file
    somewhere the user did not name) and for a folder that cannot be made.
    """
    if path.is_symlink():
        if not path.exists():
            raise AssureError(
                f"{path} is a broken symbolic link (to {os.readlink(path)}); "
                "remove it or choose another file"
            )
        path = Path(os.path.realpath(path))
    if path.is_dir():
        raise AssureError(f"{path} is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AssureError(problem(exc, path)) from None
    return path


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder
        _sync(folder)


def write_atomic(
    path: Path,
    content: bytes | Callable[[Path], None],
    *,
    mode: int = PRIVATE,
    replace: bool = True,
) -> Path:
    """Write `content` to `path` whole or not at all; return the path written.

    `content` is the bytes, or a function that fills the (empty, private) scratch file it is
    given, as SQLite's backup does. With `replace=False` an existing file is refused.
    Raises AssureError with one line when the file cannot be written; nothing is left behind.
    """
    path = target_of(path)
    clear_leftovers(path.parent)
    if not replace and path.exists():
        raise AssureError(f"{path} already exists; choose a new file name")
    scratch = scratch_path(path)
    try:
        fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            if isinstance(content, bytes):
                _write_all(fd, content)
                os.fsync(fd)
        finally:
            os.close(fd)
        if not isinstance(content, bytes):
            content(scratch)
            _sync(scratch)
        os.chmod(scratch, mode)  # the umask may have narrowed it; never widen past `mode`
        if not replace and path.exists():
            raise AssureError(f"{path} already exists; choose a new file name")
        os.replace(scratch, path)
    except OSError as exc:
        raise AssureError(problem(exc, path)) from None
    finally:
        remove_scratch(scratch)
    _sync_folder(path.parent)
    return path
