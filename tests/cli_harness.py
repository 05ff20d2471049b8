"""Running the CLI the three ways the reliability tests need."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from dedupe_cli.cli import main

SRC = str(Path(__file__).resolve().parent.parent / "src")
ARTICLE = (
    "Officials confirmed the bridge would close for repairs next month.\n\n"
    "The closure is expected to last about six weeks, the city said.\n\n"
    "Officials confirmed the bridge would close for repairs next month.\n"
)
ARTICLE_CLEAN = (
    "Officials confirmed the bridge would close for repairs next month.\n\n"
    "The closure is expected to last about six weeks, the city said.\n"
)


@dataclass
class Outcome:
    """What one in-process run of `main` produced."""

    code: int
    stdout: bytes
    stderr: str


def invoke_main(argv: list[str], stdin: bytes = b"") -> Outcome:
    """Call the real entry point (not just the Click group) with captured streams.

    `main` is where exceptions become exit codes and one-line errors, so this
    is what tests of error handling must go through.
    """
    runner = CliRunner()
    with runner.isolation(input=stdin) as (out, err, _mixed):
        code = main(argv)
        return Outcome(code, out.getvalue(), err.getvalue().decode("utf-8", "replace"))


def cli_env() -> dict[str, str]:
    """Environment for a subprocess that must import this worktree's package."""
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": SRC + (os.pathsep + path if path else "")}


def run_cli(
    *args: str, stdin: bytes | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m dedupe_cli` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "dedupe_cli", *args],
        input=stdin,
        capture_output=True,
        env=cli_env(),
        timeout=timeout,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )


def one_line_error(stderr: str) -> str:
    """The single error line; fails when stderr has a traceback or more lines."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith("dedupe-cli: error: "), stderr
    return lines[0]
