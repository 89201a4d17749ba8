"""Failpoints: named places in the pipeline where a test can make the process die or fail, to check that a
crash leaves the warehouse consistent and that the next run completes the work.

    RASD_FAILPOINTS="extraction.article=120"          kill the process (SIGKILL) at the 120th pass
    RASD_FAILPOINTS="extraction.article=120:raise"    raise FailpointError there instead
    RASD_FAILPOINTS="ingest.before_commit=1,extraction.batch=2"

Unset (always, outside tests), a failpoint costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal

_hits: dict[str, int] = {}


class FailpointError(RuntimeError):
    """Raised by a failpoint set to `raise`."""


def _spec() -> dict[str, tuple[int, str]]:
    out = {}
    for part in os.environ.get("RASD_FAILPOINTS", "").split(","):
        name, _, rest = part.strip().partition("=")
        if not name or not rest:
            continue
        count, _, action = rest.partition(":")
        if count.strip().isdigit():
            out[name] = (int(count), action.strip() or "kill")
    return out


def failpoint(name: str) -> None:
    """Count a pass through `name`; at the configured pass, kill the process or raise."""
    if "RASD_FAILPOINTS" not in os.environ:
        return
    spec = _spec().get(name)
    if spec is None:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] != spec[0]:
        return
    if spec[1] == "raise":
        raise FailpointError(f"failpoint {name} at pass {spec[0]}")
    os.kill(os.getpid(), signal.SIGKILL)


def reset() -> None:
    """Forget the passes counted so far (tests that run several times in one process)."""
    _hits.clear()
