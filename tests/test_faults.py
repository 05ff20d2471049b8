"""Issue 7, faults: killed mid-write, interrupted, closed pipes, full disks, many files."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from cli_harness import ARTICLE, ARTICLE_CLEAN, cli_env, invoke_main, one_line_error, run_cli

from dedupe_cli import dedupe, sources

POSIX = pytest.mark.skipif(os.name != "posix", reason="signals and FIFOs are POSIX")


def temps(directory: Path) -> list[Path]:
    return sorted(directory.glob(f".*{sources.TEMP_SUFFIX}"))


def run_with_self_kill(path: Path, patch: str) -> subprocess.CompletedProcess[bytes]:
    """Run `clean --in-place` in a child that SIGKILLs itself at a chosen point.

    A real SIGKILL, but at a deterministic moment: `patch` replaces one step
    of the write with "do part of it, then die".
    """
    code = (
        "import os, signal, sys\n"
        "from dedupe_cli import sources\n"
        "from dedupe_cli.cli import main\n"
        "def die(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        f"{patch}\n"
        f"sys.exit(main(['clean', '--in-place', {str(path)!r}]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=cli_env(), timeout=60
    )


@POSIX
@pytest.mark.parametrize(
    "patch",
    [
        # killed after the temp file is complete and synced, just before the rename
        "sources.os.replace = die",
        # killed half-way through writing the temp file
        "real = sources._fill_temp\n"
        "def half(fd, tmp, data, st):\n"
        "    os.write(fd, data[: len(data) // 2])\n"
        "    die()\n"
        "sources._fill_temp = half",
    ],
    ids=["before-rename", "mid-write"],
)
def test_sigkill_mid_write_leaves_original_and_next_run_cleans_up(
    tmp_path: Path, patch: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    path.chmod(0o640)
    killed = run_with_self_kill(path, patch)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert path.read_bytes() == ARTICLE.encode()
    (stray,) = temps(tmp_path)
    assert stray.name.startswith(".a.txt.") and stray.name.endswith(".dedupe-tmp")

    again = run_cli("clean", "--in-place", str(path))
    assert again.returncode == 0, again.stderr
    assert path.read_bytes() == ARTICLE_CLEAN.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert temps(tmp_path) == []


@POSIX
def test_temp_files_of_live_processes_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    dead_pid = int(dead.stdout)
    live = tmp_path / f".a.txt.{os.getpid()}.abcdefgh.dedupe-tmp"
    stale = tmp_path / f".a.txt.{dead_pid}.abcdefgh.dedupe-tmp"
    other = tmp_path / f".b.txt.{dead_pid}.abcdefgh.dedupe-tmp"
    for p in (live, stale, other):
        p.write_bytes(b"partial")
    assert run_cli("clean", "--in-place", str(path)).returncode == 0
    assert live.exists() and other.exists()
    assert not stale.exists()


@POSIX
def test_sigint_exits_130_quietly(tmp_path: Path) -> None:
    """The child blocks reading a FIFO; once it has opened it, it is inside main()."""
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [sys.executable, "-m", "dedupe_cli", "clean", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=cli_env(),
        # a runner that started us in the background may ignore SIGINT, and a
        # child inherits that: give it the default a terminal user would have
        preexec_fn=_default_sigint,
    )
    writer = _open_when_reader_arrives(fifo, proc)
    try:
        os.write(writer, b"Half an article")
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        os.close(writer)
    assert proc.returncode == 130
    assert stdout == b""
    assert stderr.strip() == b""


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _open_when_reader_arrives(fifo: Path, proc: subprocess.Popen[bytes]) -> int:
    """Non-blocking write-open of a FIFO succeeds only once a reader has it open."""
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO or proc.poll() is not None:
                raise
            time.sleep(0.01)


def _many_paragraphs(tmp_path: Path) -> Path:
    """Far more output than a pipe buffer holds (64 KiB), in every format, diff included."""
    big = tmp_path / "big.txt"
    paragraphs = [f"Paragraph {i} reports that item {i} was sold on day {i}." for i in range(3000)]
    big.write_text("\n\n".join(paragraphs + paragraphs), encoding="utf-8")
    return big


@POSIX
@pytest.mark.parametrize(
    "command",
    [
        ["clean"],
        ["report"],
        ["report", "--json"],
        ["report", "--format", "markdown"],
        ["clean", "--diff"],
    ],
)
def test_closed_pipe_is_quiet_for_every_output(tmp_path: Path, command: list[str]) -> None:
    big = _many_paragraphs(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "dedupe_cli", *command, str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=cli_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert stderr == b""


@POSIX
def test_stdout_descriptor_closed(tmp_path: Path) -> None:
    """`>&-`: nowhere to print is an error for printing commands, not for --in-place."""
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    env = cli_env()
    cmd = f"{sys.executable} -m dedupe_cli clean {path} >&-"
    printing = subprocess.run(cmd, shell=True, capture_output=True, env=env, timeout=60)
    assert printing.returncode == 2
    assert one_line_error(printing.stderr.decode()).endswith("stdout is closed")
    in_place = subprocess.run(
        f"{sys.executable} -m dedupe_cli clean --in-place {path} >&-",
        shell=True,
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert in_place.returncode == 0, in_place.stderr
    assert path.read_bytes() == ARTICLE_CLEAN.encode()


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["clean"], ["report"], ["report", "--format", "rich"]])
def test_stdout_disk_full(command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "dedupe_cli", *command],
            input=ARTICLE.encode(),
            stdout=full,
            stderr=subprocess.PIPE,
            env=cli_env(),
            timeout=60,
        )
    assert proc.returncode == 2
    assert "No space left on device" in one_line_error(proc.stderr.decode())


def _enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_in_place_disk_full_keeps_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    monkeypatch.setattr(os, "fsync", _enospc)
    out = invoke_main(["clean", "--in-place", str(path)])
    assert out.code == 2
    assert one_line_error(out.stderr).endswith("a.txt: cannot write: No space left on device")
    assert path.read_bytes() == ARTICLE.encode()
    assert temps(tmp_path) == []


def test_output_file_disk_full_keeps_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"previous run\n")
    monkeypatch.setattr(os, "fsync", _enospc)
    out = invoke_main(["clean", "-o", str(target)], stdin=ARTICLE.encode())
    assert out.code == 2
    assert "No space left on device" in one_line_error(out.stderr)
    assert target.read_bytes() == b"previous run\n"
    assert temps(tmp_path) == []


@POSIX
def test_output_to_a_fifo_writes_into_it(tmp_path: Path) -> None:
    """-o onto a device or FIFO writes into it; renaming would replace it with a file."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    out = invoke_main(["clean", "-o", str(fifo)], stdin=ARTICLE.encode())
    reader.join(timeout=60)
    assert out.code == 0, out.stderr
    assert received == [ARTICLE_CLEAN.encode()]
    assert fifo.is_fifo()


def test_output_not_written_when_an_input_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    good = tmp_path / "a.txt"
    good.write_bytes(ARTICLE.encode())
    out = invoke_main(["clean", "-o", str(target), str(good), str(tmp_path / "nope.txt")])
    assert out.code == 2
    assert not target.exists()


def test_exit_code_is_the_worst_outcome(tmp_path: Path) -> None:
    dirty = tmp_path / "dirty.txt"
    dirty.write_bytes(ARTICLE.encode())
    clean = tmp_path / "clean.txt"
    clean.write_bytes(ARTICLE_CLEAN.encode())
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01")
    assert invoke_main(["check", str(clean)]).code == 0
    assert invoke_main(["check", str(clean), str(dirty)]).code == 1
    worst = invoke_main(["check", str(binary), str(dirty), str(clean)])
    assert worst.code == 2
    assert worst.stdout.decode().startswith(f"{dirty}: ")


def test_in_place_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    first, last = tmp_path / "1.txt", tmp_path / "3.txt"
    for p in (first, last):
        p.write_bytes(ARTICLE.encode())
    bad = tmp_path / "2.txt"
    bad.write_bytes(b"caf\xe9 not utf-8")
    out = invoke_main(["clean", "--in-place", str(first), str(bad), str(last)])
    assert out.code == 2
    assert first.read_bytes() == last.read_bytes() == ARTICLE_CLEAN.encode()
    assert bad.read_bytes() == b"caf\xe9 not utf-8"


def test_internal_error_is_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())

    def broken(text: str, config: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(dedupe, "clean_text", broken)
    monkeypatch.delenv("DEDUPE_CLI_DEBUG", raising=False)
    out = invoke_main(["clean", "--in-place", str(path)])
    assert out.code == 2
    line = one_line_error(out.stderr)
    assert f"internal error while processing {path}: ValueError: boom" in line
    assert path.read_bytes() == ARTICLE.encode()
    monkeypatch.setenv("DEDUPE_CLI_DEBUG", "1")
    with pytest.raises(ValueError, match="boom"):
        invoke_main(["clean", str(path)])


@POSIX
def test_sigterm_during_write_removes_temp_and_exits_143(tmp_path: Path) -> None:
    """SIGTERM (timeout, systemd, docker stop) arrives just before the rename."""
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode())
    code = (
        "import os, signal, sys\n"
        "from dedupe_cli import sources\n"
        "from dedupe_cli.cli import main\n"
        "def term(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "sources.os.replace = term\n"
        f"sys.exit(main(['clean', '--in-place', {str(path)!r}]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=cli_env(), timeout=60
    )
    assert proc.returncode == 143
    assert b"Traceback" not in proc.stderr
    assert path.read_bytes() == ARTICLE.encode()
    assert temps(tmp_path) == []
