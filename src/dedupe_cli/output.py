"""Where output goes: stdout for data, stderr for messages, a pager for long reports.

Decisions about the terminal (format, colour, pager) are made once, from the
options and the environment, by small functions tests can call with a fake
environment. Writing never raises OSError: a closed pipe becomes `PipeClosed`
(a quiet stop) and any other failure `OutputError` (a one-line error).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .jobs import Outcome
    from .models import Report

COLOR_CHOICES = ("auto", "always", "never")
DEFAULT_PAGER = "less"
PAGER_LESS = "FRX"
"""`LESS` for the pager when the user has none (git's default): quit when one
screen is enough, pass colours through, leave the text on screen."""
PROGRESS_AFTER = 0.5
"""Seconds after which a run on a terminal shows a progress bar (shorter runs stay silent)."""
PROGRESS_DOCS = 50
"""Runs of this many documents or more show the bar from the start."""


class PipeClosed(Exception):
    """stdout was closed by the reader; not an OSError so Click lets it through."""


class OutputError(Exception):
    """stdout cannot take the output (disk full, closed descriptor): one-line error."""


def is_tty(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def color_wanted(choice: str, env: Mapping[str, str], tty: bool) -> bool:
    """--color always/never win; auto follows NO_COLOR, FORCE_COLOR, TERM=dumb, then the TTY."""
    if choice != "auto":
        return choice == "always"
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return tty and env.get("TERM") != "dumb"


def resolve_format(fmt: str, command: str, env: Mapping[str, str], tty: bool) -> str:
    """`auto` is the Rich report on a terminal (report only), plain text otherwise."""
    if fmt != "auto":
        return fmt
    if command == "report" and tty and env.get("TERM") != "dumb":
        return "rich"
    return "plain"


def pager_command(env: Mapping[str, str]) -> str | None:
    """PAGER, else less; an empty PAGER or `cat` means no pager (as git)."""
    cmd = env.get("PAGER", DEFAULT_PAGER).strip()
    return None if cmd in ("", "cat") else cmd


def should_page(lines: int, height: int, tty: bool, allowed: bool, cmd: str | None) -> bool:
    """Page only a report taller than the terminal, only on a terminal, only if allowed."""
    return tty and allowed and cmd is not None and lines > height


def _stdout() -> IO[bytes]:
    """The binary stdout, or an OutputError when the process has none (`>&-`)."""
    if sys.stdout is None:
        raise OutputError("cannot write output: stdout is closed")
    return sys.stdout.buffer


def output_failed(exc: OSError) -> Exception:
    """Map a failed stdout write to what the entry point reports."""
    if isinstance(exc, BrokenPipeError):
        return PipeClosed()
    return OutputError(f"cannot write output: {exc.strerror or exc}")


def write_stdout(text: str) -> None:
    """Write all of it: an unbuffered stdout (PYTHONUNBUFFERED) may take only part."""
    data = memoryview(text.encode("utf-8", "surrogateescape"))
    try:
        out = _stdout()
        while data:
            data = data[out.write(data) or 0 :]
    except OSError as exc:
        raise output_failed(exc) from None


class Messages:
    """stderr: errors always, notes and the summary line unless --quiet."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.failed = False

    def error(self, message: str) -> None:
        self.failed = True
        _echo_err(f"dedupe-cli: error: {message}")

    def note(self, message: str) -> None:
        if not self.quiet:
            _echo_err(message)


def _echo_err(line: str) -> None:
    import click

    click.echo(line, err=True)


class Printer:
    """Writes each document's output in order; never glues two documents together.

    `separator` goes between documents (a blank line for summaries). Rich
    reports are drawn with a rule between documents; on a terminal they are
    held until the end and sent to a pager when taller than the screen.
    """

    def __init__(
        self,
        color: bool = False,
        tty: bool = False,
        pager: bool = False,
        separator: str = "",
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.color, self.tty, self.separator = color, tty, separator
        self.env = os.environ if env is None else env
        self.pager = pager and tty and pager_command(self.env) is not None
        self.documents = 0
        self._line_open = False
        self._console: Any = None
        self._held: list[str] = []

    def text(self, text: str) -> None:
        """One document's text output."""
        if not text:
            return
        lead = "\n" if self._line_open else ""
        if self.documents and self.separator:
            lead += self.separator
        self.documents += 1
        write_stdout(lead + text)
        self._line_open = not text.endswith("\n")

    def report(self, report: Report) -> None:
        """One document as the Rich report."""
        from .render import render_rich

        console = self._rich_console()
        if self.documents:
            from rich.rule import Rule

            console.print(Rule(style="dim"))
        self.documents += 1
        console.print(render_rich(report))
        if not self.pager:
            self._flush_rich()

    def _rich_console(self) -> Any:
        if self._console is None:
            import io

            from rich.console import Console

            self._console = Console(
                file=io.StringIO(),
                force_terminal=self.color or self.tty,
                no_color=not self.color,
                color_system="auto" if self.color else None,
                highlight=False,
                width=_terminal_width() if self.tty else None,
            )
        return self._console

    def _flush_rich(self) -> None:
        held = self._console.file.getvalue()
        self._console.file.seek(0)
        self._console.file.truncate()
        if self.pager:
            self._held.append(held)
        else:
            write_stdout(held)

    def close(self) -> None:
        """Send held reports to the pager (or stdout when they fit the screen)."""
        if self._console is None or not self.pager:
            return
        self._flush_rich()
        text = "".join(self._held)
        cmd = pager_command(self.env)
        if should_page(text.count("\n"), _terminal_height(), self.tty, self.pager, cmd):
            assert cmd is not None
            if run_pager(cmd, text, self.env):
                return
        write_stdout(text)


def _terminal_width() -> int | None:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, AttributeError, ValueError):
        return None


def _terminal_height() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, AttributeError, ValueError):
        return 24


def run_pager(cmd: str, text: str, env: Mapping[str, str]) -> bool:
    """Show text in the pager; False if it could not start (then print it plainly).

    While the pager runs, Ctrl-C belongs to it (as in git): this process ignores it.
    """
    import signal
    import subprocess

    pager_env = {**env}
    pager_env.setdefault("LESS", PAGER_LESS)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            proc = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, env=pager_env)
        except OSError:
            return False
        assert proc.stdin is not None
        try:
            proc.stdin.write(text.encode("utf-8", "surrogateescape"))
            proc.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit early: as with `| head`, nothing to report
        proc.wait()
        return True
    finally:
        signal.signal(signal.SIGINT, previous)


class Progress:
    """Counts outcomes; draws a Rich bar on stderr once a terminal run is long enough."""

    def __init__(self, total: int | None, enabled: bool, label: str = "documents") -> None:
        self.total = total
        self.enabled = enabled
        self.label = label
        self.start = time.monotonic()
        self.seen = self.docs = self.removed = self.saved = self.dirty = 0
        self._bar: Any = None
        self._task: Any = None

    def add(self, outcome: Outcome) -> None:
        self.seen += 1
        if not outcome.error:
            self.docs += 1
            self.removed += outcome.removed
            self.saved += outcome.saved
            self.dirty += outcome.removed > 0
        if not self.enabled:
            return
        if self._bar is None and self._due():
            self._open()
        if self._bar is not None:
            self._bar.update(self._task, completed=self.seen)

    def _due(self) -> bool:
        return (self.total or 0) >= PROGRESS_DOCS or time.monotonic() - self.start > PROGRESS_AFTER

    def _open(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self._bar = Bar(
            TextColumn(self.label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=self.total, completed=self.seen)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def summary(self, verb: str = "removed") -> str:
        secs = time.monotonic() - self.start
        return (
            f"{self.docs} document{'s' * (self.docs != 1)}, {self.removed} duplicate"
            f"{'s' * (self.removed != 1)} {verb}, {human_bytes(self.saved)} saved, {secs:.1f} s"
        )


def human_bytes(n: float) -> str:
    """1234567 -> '1.2 MB' (decimal units, as disks are sold)."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if abs(n) < 1000 or unit == "GB":
            return f"{int(n)} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} bytes"
