"""The command line, in-process (CliRunner) and as a real process (pipes, exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dedupe_cli.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "samples" / "wagner-mali.txt")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run_cli(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "dedupe_cli", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=120,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )


def test_clean_from_stdin_matches_golden(
    runner: CliRunner, seed_text: str, seed_clean: str
) -> None:
    result = runner.invoke(cli, ["clean"], input=seed_text)
    assert result.exit_code == 0
    assert result.stdout == seed_clean
    assert result.stderr == ""


def test_bare_invocation_runs_report(runner: CliRunner) -> None:
    result = runner.invoke(cli, [SEED])
    assert result.exit_code == 0
    assert "2 duplicate blocks, 6 paragraphs removed" in result.stdout
    assert "-- removed" in result.stdout


def test_report_json_schema(runner: CliRunner, seed_clean: str) -> None:
    result = runner.invoke(cli, ["report", "--json", SEED])
    assert result.exit_code == 0
    obj = json.loads(result.stdout)
    assert set(obj) >= {"source", "paragraphs", "kept", "cleaned", "removed", "summary"}
    assert obj["cleaned"] == seed_clean
    assert obj["paragraphs"] == 15 and obj["kept"] == 9
    first = obj["removed"][0]
    old = {"index", "text", "duplicate_of", "similarity", "reason"}
    assert set(first) == old | {"rule", "start", "end", "source", "differences"}
    assert (first["index"], first["duplicate_of"]) == (2, 1)
    assert all(set(s) == {"index", "text", "score"} for s in obj["summary"])


def test_json_lines_for_several_files(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["report", "--json", SEED, SEED])
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(json.loads(line)["source"] == SEED for line in lines)


def test_markdown_report(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["report", "--format", "markdown", SEED])
    assert "### Removed" in result.stdout
    assert "| 3 | 100% | 2 |" in result.stdout


def test_rich_report_has_table(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["report", "--format", "rich", "--no-color", SEED])
    assert result.exit_code == 0
    assert "cleaned article" in result.stdout and "removed" in result.stdout
    assert "\x1b[" not in result.stdout


def test_check_exit_codes(runner: CliRunner, tmp_path: Path, seed_clean: str) -> None:
    clean_file = tmp_path / "clean.txt"
    clean_file.write_text(seed_clean, encoding="utf-8")
    dirty = runner.invoke(cli, ["check", SEED, str(clean_file)])
    assert dirty.exit_code == 1
    assert SEED in dirty.stdout and str(clean_file) not in dirty.stdout
    assert "1 of 2 files with duplicates" in dirty.stderr
    assert runner.invoke(cli, ["check", str(clean_file)]).exit_code == 0


def test_in_place_rewrites_only_duplicates(
    runner: CliRunner, tmp_path: Path, seed_text: str, seed_clean: str
) -> None:
    target = tmp_path / "a.txt"
    target.write_text(seed_text, encoding="utf-8")
    target.chmod(0o640)
    result = runner.invoke(cli, ["clean", "--in-place", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == seed_clean
    assert target.stat().st_mode & 0o777 == 0o640
    assert result.stdout == ""
    assert "cleaned" in result.stderr
    assert list(tmp_path.iterdir()) == [target]


def test_output_file(runner: CliRunner, tmp_path: Path, seed_clean: str) -> None:
    out = tmp_path / "out.txt"
    result = runner.invoke(cli, ["clean", "-o", str(out), SEED])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == seed_clean


def test_diff_shows_removed_lines(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["clean", "--diff", SEED])
    removed = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("-") and not line.startswith("---")
    ]
    assert len(removed) == 6
    assert not any(
        line.startswith("+") and not line.startswith("+++") for line in result.stdout.splitlines()
    )


def test_in_place_on_stdin_is_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["clean", "--in-place"], input="x")
    assert result.exit_code == 2
    assert "stdin" in result.stderr


def test_summarize_lines_in_article_order(runner: CliRunner, seed_clean: str) -> None:
    result = runner.invoke(cli, ["summarize", "-n", "2", SEED])
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(line in seed_clean for line in lines)
    assert seed_clean.index(lines[0]) < seed_clean.index(lines[1])


def test_missing_file_does_not_stop_the_others(runner: CliRunner, seed_clean: str) -> None:
    result = runner.invoke(cli, ["clean", "nope.txt", SEED])
    assert result.exit_code == 2
    assert result.stdout == seed_clean
    assert result.stderr.strip() == "dedupe-cli: error: nope.txt: no such file"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"abc\x00def", "binary"), (b"caf\xe9 au lait", "offset 3")],
)
def test_bad_bytes_are_one_line_errors(
    runner: CliRunner, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = runner.invoke(cli, ["clean", str(bad)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_directory_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["clean", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_empty_input_is_fine(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["clean"], input="")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_crlf_is_preserved(runner: CliRunner) -> None:
    text = "Headline here\r\n\r\nA long enough paragraph of words to count as one.\r\n" * 2
    result = runner.invoke(cli, ["clean"], input=text.encode())
    assert result.stdout_bytes == (
        b"Headline here\r\n\r\nA long enough paragraph of words to count as one.\r\n"
    )


def test_help_has_examples(runner: CliRunner) -> None:
    for command in ("report", "clean", "summarize", "check"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "Examples:" in result.stdout and "Exit codes:" in result.stdout


# ---- real processes: pipes, stdin, exit codes -------------------------------------------


def test_subprocess_pipe_is_plain_and_matches_golden(seed_text: str, seed_clean: str) -> None:
    proc = run_cli("clean", stdin=seed_text.encode())
    assert proc.returncode == 0
    assert proc.stdout.decode() == seed_clean
    assert proc.stderr == b""


def test_subprocess_report_in_pipe_has_no_colour() -> None:
    proc = run_cli(SEED)
    assert proc.returncode == 0
    assert b"\x1b[" not in proc.stdout
    assert proc.stdout.startswith(b"== ")


def test_subprocess_check_exit_code() -> None:
    assert run_cli("check", SEED).returncode == 1


def test_subprocess_usage_error_exit_code() -> None:
    proc = run_cli("clean", "--threshold", "500", SEED)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


def test_subprocess_closed_pipe_exits_quietly(tmp_path: Path, seed_text: str) -> None:
    big = tmp_path / "big.txt"
    paragraphs = [
        f"Paragraph number {i} says something unique about item {i}." for i in range(20000)
    ]
    big.write_text("\n".join(paragraphs), encoding="utf-8")
    proc = subprocess.run(
        f"{sys.executable} -m dedupe_cli clean {big} | head -1",
        shell=True,
        capture_output=True,
        timeout=120,
    )
    assert proc.stdout.decode().strip() == paragraphs[0]
    assert proc.stderr == b""


def test_help_and_piped_clean_import_neither_rich_nor_numpy() -> None:
    # start-up matters in scripts: the heavy modules load only when drawn on
    code = (
        "import sys, io\n"
        "from dedupe_cli.cli import main\n"
        "for args in (['--help'], ['corpus', '--help'], ['clean']):\n"
        "    sys.stdin = io.TextIOWrapper(io.BytesIO(b'Some text here.'))\n"
        "    rc = main(args)\n"
        "    assert rc == 0, (args, rc)\n"
        "    for heavy in ('rich', 'numpy'):\n"
        "        assert heavy not in sys.modules, f'{args} imported {heavy}'\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.stdout.decode().strip().endswith("ok"), proc.stderr.decode()


def test_rich_report_lists_kept_lookalikes(runner: CliRunner) -> None:
    sample = str(ROOT / "samples" / "markets-lookalikes.txt")
    result = runner.invoke(cli, ["report", "--format", "rich", "--no-color", sample])
    assert "kept although similar" in result.stdout


def test_similarity_below_100_never_prints_as_100() -> None:
    from dedupe_cli.render import percent

    assert percent(99.96) == "99.9%"
    assert percent(100.0) == "100%"


def test_waiting_on_a_terminal_says_so(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import dedupe_cli.run as run_module

    monkeypatch.setattr(run_module, "is_tty", lambda stream: True)
    result = runner.invoke(cli, ["clean"], input="Some text.")
    assert "reading the article from stdin" in result.stderr
    assert result.stdout == "Some text."


def test_piped_stdin_gets_no_hint(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["clean"], input="Some text.")
    assert result.stderr == ""


def test_summary_of_a_hard_wrapped_article_is_one_sentence_per_line(runner: CliRunner) -> None:
    sample = str(ROOT / "samples" / "harbour-storm-wrapped.txt")
    result = runner.invoke(cli, ["summarize", "-n", "2", sample])
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    text = " ".join((ROOT / "samples" / "harbour-storm-wrapped.txt").read_text().split())
    assert all(line in text for line in lines)


def test_only_long_runs_load_numpy_for_small_documents(tmp_path: Path) -> None:
    # a few files are faster without the import; a JSON Lines dump (more than one task) pays
    # it back
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Article {i} has one line of its own.\n")
    (tmp_path / "dump.jsonl").write_text('{"id": 1, "text": "One line."}\n' * 200)
    code = (
        "import sys\n"
        "from dedupe_cli.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "print(rc, 'numpy' in sys.modules)\n"
    )
    files = [str(tmp_path / f"{i}.txt") for i in range(3)]
    runs = {
        "files": ["clean", "--jobs", "1", *files],
        "jsonl": ["clean", "--jobs", "1", "--jsonl", str(tmp_path / "dump.jsonl")],
    }
    seen = {}
    for name, args in runs.items():
        proc = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, timeout=60, text=True
        )
        seen[name] = proc.stdout.strip().splitlines()[-1]
    assert seen == {"files": "0 False", "jsonl": "0 True"}
