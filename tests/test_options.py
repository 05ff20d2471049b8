"""Every option means one thing in every command; errors that help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_harness import ARTICLE, ARTICLE_CLEAN, cli_env, invoke_main, one_line_error

from dedupe_cli import inputs, output
from dedupe_cli.cli import cli

DOC_COMMANDS = ["report", "clean", "check", "summarize"]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "c.rst").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", [*DOC_COMMANDS, "corpus"])
def test_dash_r_is_recursive_in_every_command(command: str, tree: Path) -> None:
    out = invoke_main([command, "-r", str(tree), "--glob", "*.md"])
    assert out.code in (0, 1), out.stderr
    assert b"Officials confirmed" in out.stdout or command == "check"
    assert "is a directory" not in out.stderr


def test_summarize_ratio_has_no_short_r() -> None:
    out = invoke_main(["summarize", "-r", "0.3", "-"], stdin=ARTICLE.encode())
    assert out.code == 2  # -r is --recursive: 0.3 is a file name that does not exist
    assert "0.3: no such file" in out.stderr
    assert invoke_main(["summarize", "--ratio", "0.5"], stdin=ARTICLE.encode()).code == 0


@pytest.mark.parametrize("command", DOC_COMMANDS)
def test_every_printing_command_has_the_output_options(command: str) -> None:
    from click.testing import CliRunner

    help_text = CliRunner().invoke(cli, [command, "--help"]).output
    for option in ("--format", "--json", "--color", "--quiet", "--recursive", "--glob"):
        assert option in help_text, (command, option)


@pytest.mark.parametrize("command", DOC_COMMANDS)
def test_json_is_one_object_per_document(command: str) -> None:
    out = invoke_main([command, "--json"], stdin=ARTICLE.encode())
    assert out.code == (1 if command == "check" else 0)
    (obj,) = (json.loads(line) for line in out.stdout.decode().splitlines())
    assert obj["source"] == "<stdin>"


def test_check_json_says_what_would_change() -> None:
    out = invoke_main(["check", "--json"], stdin=ARTICLE.encode())
    obj = json.loads(out.stdout)
    assert obj["changed"] is True and obj["verdict"].startswith("would remove 1 paragraph")
    assert "cleaned" not in obj


def test_check_says_would_remove() -> None:
    out = invoke_main(["check", "-"], stdin=ARTICLE.encode())
    assert out.code == 1
    assert out.stdout == b"<stdin>: would remove 1 paragraph (1 duplicate block)\n"


@pytest.mark.parametrize("command", ["clean", "check"])
def test_diff_exits_1_when_something_would_change(command: str) -> None:
    dirty = invoke_main([command, "--diff"], stdin=ARTICLE.encode())
    assert dirty.code == 1 and dirty.stdout.startswith(b"--- <stdin>")
    clean = invoke_main([command, "--diff"], stdin=ARTICLE_CLEAN.encode())
    assert clean.code == 0 and clean.stdout == b""


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--json", "--format", "markdown"],
        ["clean", "--json", "--diff"],
        ["check", "--format", "json", "--diff"],
        ["clean", "--jsonl", "--diff"],
        ["clean", "--in-place", "--json", "x.txt"],
        ["clean", "--in-place", "-o", "y.txt", "x.txt"],
    ],
)
def test_conflicting_output_options_are_usage_errors(args: list[str]) -> None:
    out = invoke_main(args, stdin=ARTICLE.encode())
    assert out.code == 2 and out.stdout == b""
    assert "cannot be used together" in one_line_error(out.stderr)


def test_quiet_silences_the_summary_line(tree: Path) -> None:
    loud = invoke_main(["check", "-r", str(tree)])
    quiet = invoke_main(["check", "-q", "-r", str(tree)])
    assert "1 of 1 file with duplicates" in loud.stderr
    assert quiet.stderr == "" and quiet.stdout == loud.stdout and quiet.code == 1


@pytest.mark.parametrize(
    ("choice", "env", "tty", "wanted"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"TERM": "dumb"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_follows_option_then_environment_then_terminal(
    choice: str, env: dict[str, str], tty: bool, wanted: bool
) -> None:
    assert output.color_wanted(choice, env, tty) is wanted


def test_color_always_colours_a_piped_rich_report() -> None:
    coloured = invoke_main(["report", "--format", "rich", "--color", "always"], ARTICLE.encode())
    plain = invoke_main(["report", "--format", "rich", "--color", "never"], ARTICLE.encode())
    assert b"\x1b[" in coloured.stdout and b"\x1b[" not in plain.stdout


def test_rich_reports_are_separated_by_a_rule(tree: Path) -> None:
    a = str(tree / "a.txt")
    out = invoke_main(["report", "--format", "rich", "--color", "never", a, a])
    assert out.stdout.decode().count("─" * 20) >= 1
    one = invoke_main(["report", "--format", "rich", "--color", "never", a])
    assert out.stdout.count(b"\n") > 2 * one.stdout.count(b"\n")


@pytest.mark.parametrize(
    ("lines", "height", "tty", "allowed", "cmd", "paged"),
    [
        (100, 24, True, True, "less", True),
        (10, 24, True, True, "less", False),  # fits the screen
        (100, 24, False, True, "less", False),  # piped
        (100, 24, True, False, "less", False),  # --no-pager
        (100, 24, True, True, None, False),  # PAGER=cat or empty
    ],
)
def test_pager_only_for_a_tall_report_on_a_terminal(
    lines: int, height: int, tty: bool, allowed: bool, cmd: str | None, paged: bool
) -> None:
    assert output.should_page(lines, height, tty, allowed, cmd) is paged


def test_pager_command_honours_pager_and_git_conventions() -> None:
    assert output.pager_command({}) == "less"
    assert output.pager_command({"PAGER": "most -s"}) == "most -s"
    assert output.pager_command({"PAGER": ""}) is None
    assert output.pager_command({"PAGER": "cat"}) is None


def test_pager_gets_the_report_and_less_gets_frx(tmp_path: Path) -> None:
    seen = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(
        "import os, sys\n"
        f"open({str(seen)!r}, 'w').write(os.environ['LESS'] + '|' + sys.stdin.read())\n"
    )
    cmd = f"{sys.executable} {script}"
    assert output.run_pager(cmd, "the report\n", {"PATH": os.environ.get("PATH", "")})
    assert seen.read_text() == "FRX|the report\n"


# ---- errors that help -------------------------------------------------------------------


def test_typo_of_a_command_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = invoke_main(["claen", str(path)])
    assert out.code == 2 and out.stdout == b""
    assert "No such command 'claen'. Did you mean 'clean'?" in one_line_error(out.stderr)


def test_an_existing_file_named_like_a_typo_is_still_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("claen").write_text(ARTICLE, encoding="utf-8")
    out = invoke_main(["claen"])
    assert out.code == 0 and b"== claen" in out.stdout


def test_help_prints_help() -> None:
    out = invoke_main(["help"])
    assert out.code == 0 and b"Usage: dedupe-cli" in out.stdout and b"Commands:" in out.stdout
    sub = invoke_main(["help", "clean"])
    assert sub.code == 0 and b"--in-place" in sub.stdout


def test_glob_repeats_and_accepts_braces(tree: Path) -> None:
    assert inputs.expand_braces("*.{md,txt}") == ["*.md", "*.txt"]
    assert inputs.expand_braces("{a,b{c,d}}.x") == ["a.x", "bc.x", "bd.x"]
    both = ["--glob", "*.md", "--glob", "*.txt"]
    for globs in (both, ["--glob", "*.{md,txt}"]):
        out = invoke_main(["check", "-r", str(tree), *globs])
        assert out.code == 1
        assert out.stdout.count(b"would remove") == 2, globs


def test_inputs_that_match_no_file_are_an_error(tree: Path) -> None:
    out = invoke_main(["check", "-r", str(tree), "--glob", "*.nothing"])
    assert out.code == 2 and out.stdout == b""
    assert "no file matching *.nothing" in one_line_error(out.stderr)


# ---- several inputs, completion -----------------------------------------------------------


def test_several_inputs_are_never_glued_together(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("First article, no final newline.", encoding="utf-8")
    b.write_text("Second article.\n", encoding="utf-8")
    both = subprocess.run(
        [sys.executable, "-m", "dedupe_cli", "clean", str(a), str(b)],
        capture_output=True,
        env=cli_env(),
        timeout=60,
    )
    assert both.stdout == b"First article, no final newline.\nSecond article.\n"
    alone = invoke_main(["clean", str(a)])
    assert alone.stdout == b"First article, no final newline."  # one input: byte for byte


def test_shell_completion_completes_subcommands() -> None:
    env = {**cli_env(), "_DEDUPE_CLI_COMPLETE": "bash_complete", "COMP_WORDS": "dedupe-cli cl"}
    proc = subprocess.run(
        [sys.executable, "-m", "dedupe_cli"],
        capture_output=True,
        text=True,
        env={**env, "COMP_CWORD": "1"},
        timeout=60,
    )
    assert proc.returncode == 0
    assert "plain,clean" in proc.stdout.splitlines()
    options = subprocess.run(
        [sys.executable, "-m", "dedupe_cli"],
        capture_output=True,
        text=True,
        env={**env, "COMP_WORDS": "dedupe-cli check --qu", "COMP_CWORD": "2"},
        timeout=60,
    )
    assert "plain,--quiet" in options.stdout.splitlines()
