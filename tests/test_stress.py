"""Runs over many documents, repeated, stopped every way a run is stopped.

Real processes and real signals, bounded in count and time: every run must
end (a hang fails the timeout), with the documented exit code and never a
traceback from the parent or a worker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_harness import ARTICLE, cli_env

POSIX = pytest.mark.skipif(os.name != "posix", reason="signals are POSIX")
FILES = 200
REPEATS = 4
TIMEOUT = 60


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("many")
    for i in range(FILES):
        sub = top / f"d{i % 3}"
        sub.mkdir(exist_ok=True)
        text = ARTICLE if i % 2 else f"Unique article {i} says one thing.\n\nAnd another.\n"
        (sub / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    return top


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "dedupe_cli", *args]


def _assert_quiet(stderr: bytes) -> None:
    assert b"Traceback" not in stderr, stderr.decode()
    assert b"Process " not in stderr, stderr.decode()  # "Process ForkPoolWorker-1: ..."


@POSIX
def test_check_recursive_repeatedly_ends_with_1(folder: Path) -> None:
    for _ in range(REPEATS):
        proc = subprocess.run(
            _cli("check", "-r", str(folder), "-j", "2"),
            capture_output=True,
            env=cli_env(),
            timeout=TIMEOUT,
        )
        assert proc.returncode == 1
        assert proc.stdout.count(b"would remove") == FILES // 2
        _assert_quiet(proc.stderr)


@POSIX
def test_clean_recursive_into_head_stops_quietly(folder: Path) -> None:
    for _ in range(REPEATS):
        proc = subprocess.Popen(
            _cli("clean", "-r", str(folder), "-j", "2"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=cli_env(),
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.readline()  # `| head -1`
        proc.stdout.close()
        stderr = proc.stderr.read()
        assert proc.wait(timeout=TIMEOUT) == 0
        _assert_quiet(stderr)


def _stop_mid_run(folder: Path, signum: int) -> tuple[int, bytes]:
    """Start a many-document run, wait for its first output line, send `signum`."""
    code = (
        "import signal, sys\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from dedupe_cli.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "check", "-r", str(folder), str(folder), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=cli_env(),
        start_new_session=True,  # a group of its own, as a shell job has
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    # as a terminal does: Ctrl-C reaches the whole group, workers included
    target = -proc.pid if signum == signal.SIGINT else proc.pid
    os.kill(target, signum)
    try:
        _, stderr = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    return proc.returncode, stderr


@POSIX
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_mid_run_stops_with_its_exit_code(folder: Path, signum: int, code: int) -> None:
    for _ in range(REPEATS):
        returncode, stderr = _stop_mid_run(folder, signum)
        # 1 only when the run had already finished when the signal came
        assert returncode in (code, 1), stderr.decode()
        _assert_quiet(stderr)


@POSIX
def test_stopped_run_leaves_no_worker_behind(folder: Path) -> None:
    returncode, _ = _stop_mid_run(folder, signal.SIGTERM)
    assert returncode in (143, 1)
    time.sleep(0.2)
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert f"check -r {folder}" not in out
