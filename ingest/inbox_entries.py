"""The entries of the inbox folder, listed and read so that nothing outside the folder is ever read.

A symbolic link in the inbox could point anywhere (the password file, another user's data, /proc/self/environ):
it is never followed. A named pipe would block the reader for ever, a device could be endless: only regular files
are read, and the check is made on the open file itself (O_NOFOLLOW, then fstat), so a file swapped for a link
between the listing and the reading is refused too. Everything that is skipped for being of the wrong kind is
reported with the reason, so that it can become a rejection row.

File names are bytes on POSIX. Python gives a name that is not UTF-8 (a Windows-1256 Arabic name from a share
or a zip) as a string with surrogates, which DuckDB cannot store: `display_name` shows the undecodable bytes as
\\xNN, which is what the warehouse keeps; the path used to open the file keeps the real bytes.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

# Names ingest never reads: hidden and temporary files (editors, partial copies).
IGNORED_PREFIXES = (".", "~", "#")


def display_name(name: str) -> str:
    """A file name as a string DuckDB can store and people can read: bytes that are not UTF-8 shown as \\xNN."""
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Refused:
    """An inbox entry that is not read, and why (a sentence a person reads)."""

    name: str  # display_name of the entry
    reason: str


def kind_of(mode: int) -> str | None:
    """What an entry that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def refusal(kind: str) -> str:
    return (
        f"not read: the inbox entry is {kind}, and Rasd reads only regular files inside the inbox (links are "
        "never followed, so nothing outside the inbox is read); copy the file itself into the inbox"
    )


def list_inbox(inbox: Path) -> tuple[list[Path], list[Refused]]:
    """The regular files directly in `inbox` (sorted by name, hidden and temporary ones left out), and the
    entries that are refused for being links, folders, pipes, sockets or devices. Nothing is followed."""
    files: list[Path] = []
    refused: list[Refused] = []
    with os.scandir(inbox) as entries:
        for entry in entries:
            if entry.name.startswith(IGNORED_PREFIXES):
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:  # removed between the listing and the look: gone
                continue
            kind = kind_of(mode)
            if kind is None:
                files.append(Path(entry.path))
            else:
                refused.append(Refused(display_name(entry.name), refusal(kind)))
    files.sort(key=lambda p: os.fsencode(p.name))
    refused.sort(key=lambda r: r.name)
    return files, refused


class NotRegularFile(OSError):
    """The path is not a regular file (a link, a pipe, ...); the message is the reason a person reads."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, never through a link and never more than `limit` + 1 bytes (the
    caller sees a file over the limit by its length). Raises NotRegularFile for anything else."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:  # O_NOFOLLOW on a symbolic link
            raise NotRegularFile(refusal("a symbolic link")) from None
        raise
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFile(refusal(kind))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
