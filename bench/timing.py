"""Timing and child processes, done one way for every benchmark in bench/.

- ``Stopwatch``: the seconds a block took, wall (``time.perf_counter``) or CPU
  of this process (``time.process_time``: on a shared machine wall time also
  counts the other processes);
- ``best_of``: the fastest of k runs of a call;
- ``run_child``: a command in a fresh process, with its wall time, its own
  peak memory (``os.wait4``) and the sampled peak of its whole process tree;
- ``output_of``, ``git_revision``, ``machine``: what a number was measured on.

Scripts run as ``python bench/<name>.py`` import it as ``timing`` (their
folder is first on ``sys.path``).
"""

from __future__ import annotations

import os
import platform
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


class Stopwatch:
    """Seconds spent in a ``with`` block: ``with Stopwatch(cpu=True) as t: ...; t.seconds``.

    >>> with Stopwatch() as t:
    ...     _ = sum(range(1000))
    >>> t.seconds >= 0
    True
    """

    def __init__(self, cpu: bool = False) -> None:
        self.clock = time.process_time if cpu else time.perf_counter
        self.seconds = 0.0

    def __enter__(self) -> Stopwatch:
        self._start = self.clock()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = self.clock() - self._start


def best_of(repeats: int, call: Callable[[], Any], cpu: bool = False) -> float:
    """The fewest seconds ``call()`` took in ``repeats`` runs (the first also warms caches)."""
    best = float("inf")
    for _ in range(repeats):
        with Stopwatch(cpu) as t:
            call()
        best = min(best, t.seconds)
    return best


def output_of(cmd: Sequence[str], cwd: Path = REPO) -> str | None:
    """What a short command prints (stripped); None when it fails or cannot start."""
    try:
        run = subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return run.stdout.strip() if run.returncode == 0 else None


def git_revision(path: str | None = None) -> str | None:
    """The short hash of HEAD, or of the last commit that touched ``path``."""
    if path is None:
        return output_of(["git", "rev-parse", "--short", "HEAD"])
    return output_of(["git", "log", "-1", "--format=%h", "--", path]) or None


def machine() -> dict[str, object]:
    """What the numbers were measured on (no wall-clock time: results stay comparable)."""
    try:
        import pelican

        pelican_version = pelican.__version__
    except Exception:  # pragma: no cover - pelican is a hard dependency
        pelican_version = "?"
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pelican": pelican_version,
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "git": git_revision() or "",
    }


# -- child processes -----------------------------------------------------------------------


@dataclass
class Child:
    """How one child process ran."""

    seconds: float
    peak_mb: float  # the child's own ru_maxrss
    tree_mb: float  # sampled peak of the summed PSS of the child and its descendants
    returncode: int
    log_tail: str


def run_child(cmd: Sequence[str], log: Path, env: Mapping[str, str] | None = None, cwd: Path = REPO) -> Child:
    """Run one child (output to ``log``), timing it and reading its peak memory two ways.

    ``peak_mb`` is ``ru_maxrss`` from ``os.wait4``: this child's own peak
    (``RUSAGE_CHILDREN`` would be the maximum over every child so far).
    Linux's wait4 also folds in the child's reaped descendants, but as a
    maximum, never a sum, so a build that forks extraction workers looks
    smaller than it is. ``tree_mb`` is therefore sampled too: the peak of
    the summed PSS of the child and all its descendants (every 0.2 s, so
    very short spikes can be missed). Linux reports both in KiB.
    """
    with log.open("wb") as out:
        with Stopwatch() as t:
            proc = subprocess.Popen(list(cmd), stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env={**os.environ, **(env or {})})
            sampler = TreeSampler(proc.pid)
            sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
        sampler.done.set()
        sampler.join()
    text = log.read_text(encoding="utf-8", errors="replace")
    tail = "\n".join(text.strip().splitlines()[-15:])
    return Child(t.seconds, usage.ru_maxrss / 1024, sampler.peak_kb / 1024, os.waitstatus_to_exitcode(status), tail)


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it, from /proc (Linux only; [] elsewhere)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name may contain spaces and parentheses: the ppid is
        # the second field after the last ")".
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def tree_pss_kb(root: int) -> int:
    """Proportional set size summed over a process tree, in KiB.

    PSS shares copy-on-write pages between a forked parent and its workers,
    so the sum is the tree's real footprint, unlike a sum of RSS.
    """
    total = 0
    for pid in _descendants(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except (OSError, ValueError):
            continue
    return total


class TreeSampler(threading.Thread):
    """Samples ``tree_pss_kb`` every ``interval`` s until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))
            self.done.wait(self.interval)
