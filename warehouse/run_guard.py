"""What `rasd run` says when the warehouse is in use or the disk is full, instead of what happens to fail first.

Two `rasd run` on one warehouse used to interleave their steps until one of them failed inside dbt with "dbt exit
code 2"; a full disk surfaced as "cannot rollback - no transaction is active". Now a run holds an exclusive lock
on `<warehouse>.lock` for its whole length (the file records who holds it), and any other process holding the
DuckDB file itself (a notebook, the duckdb CLI) is found before the run starts: both end the run at once with the
process that holds the warehouse. Failures on a full disk are shown as such, with the free space.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from warehouse.connection import warehouse_holder


class WarehouseInUse(RuntimeError):
    """Another process holds the warehouse; the message names it."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def _holder(lock: Path) -> str:
    try:
        text = lock.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "another process"


@contextlib.contextmanager
def run_lock(warehouse: Path, what: str = "rasd run") -> Iterator[None]:
    """Hold the warehouse for one run: raises WarehouseInUse (naming the holder's PID) when another run holds it
    or another process has the DuckDB file open. The lock is released when the process ends, however it ends."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_path(warehouse)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            raise WarehouseInUse(
                f"the warehouse {warehouse} is in use by {_holder(lock)}: wait for that run to finish "
                f"(or end it), then run again"
            ) from None
        started = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        os.ftruncate(fd, 0)
        os.write(fd, f"PID {os.getpid()} ({what}, started {started})\n".encode())
        check_not_open(warehouse)
        yield
    finally:
        os.close(fd)  # releases the lock


_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def check_not_open(warehouse: Path) -> None:
    """Raise WarehouseInUse when another process has the DuckDB file open (DuckDB names it in its error)."""
    holder = warehouse_holder(warehouse)
    if holder is not None:
        raise WarehouseInUse(
            f"the warehouse {warehouse} is in use by {holder}: close it there (readers should open "
            "serving.duckdb, never the warehouse) and run again"
        )


def explain(message: str, path: Path | None = None) -> str:
    """A failure's message, rewritten when its cause is one a person acts on: the warehouse held by another
    process (which), or a full disk (which folder, how much is free). Other messages are returned as they are."""
    held = _LOCK_HOLDER.search(message)
    if held:
        where = f"the warehouse {path}" if path is not None else "the warehouse"
        return (
            f"{where} is in use by PID {held['pid']} ({held['program']}): close it there (readers should open "
            "serving.duckdb, never the warehouse) and run again"
        )
    if "No space left on device" in message or "ENOSPC" in message or "Disk quota exceeded" in message:
        free = ""
        if path is not None:
            with contextlib.suppress(OSError):
                free = f" ({shutil.disk_usage(path.parent).free / 2**20:,.1f} MiB free now)"
        where = f" holding {path.parent}" if path is not None else ""
        return (
            f"the disk{where} is full{free}: free some space and run again; nothing half-written was kept (the "
            f"step's transaction was rolled back). Cause: {message.strip().splitlines()[0][:300]}"
        )
    return message

