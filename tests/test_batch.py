"""Many documents: folders, JSON Lines, parallel workers, totals on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dedupe_cli import inputs, jobs, output, runner
from dedupe_cli.cli import cli

CLEAN_DOC = "A first paragraph that says one thing.\n\nA second one that says another.\n"


@pytest.fixture
def folder(tmp_path: Path, seed_text: str) -> Path:
    """Three dirty and two clean articles in nested folders, plus files -r must skip."""
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a1.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "a2.txt").write_text(CLEAN_DOC, encoding="utf-8")
    (tmp_path / "b" / "b1.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "b" / "b2.txt").write_text(CLEAN_DOC, encoding="utf-8")
    (tmp_path / "b" / "b3.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "b" / "notes.md").write_text(seed_text, encoding="utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text(seed_text, encoding="utf-8")
    return tmp_path


def test_recursive_finds_matching_files_in_order(folder: Path) -> None:
    found = list(inputs.expand_paths([str(folder)], True, ["*.txt"]))
    names = [str(Path(p).relative_to(folder)) for p in found]
    assert names == ["a1.txt", "a2.txt", "b/b1.txt", "b/b2.txt", "b/b3.txt"]
    assert len(list(inputs.expand_paths([str(folder)], True, ["*.md"]))) == 1


def test_recursive_clean_equals_cleaning_each_file(folder: Path, seed_clean: str) -> None:
    result = CliRunner().invoke(cli, ["clean", "-r", str(folder), "--jobs", "1"])
    assert result.exit_code == 0
    # the sample has no final newline: one is put between it and the next file, not after
    first = seed_clean + "\n"
    assert result.stdout == first + CLEAN_DOC + first + CLEAN_DOC + seed_clean
    assert result.stderr.startswith("dedupe-cli: 5 documents, 18 duplicates removed,")


@pytest.mark.parametrize("args", [["clean"], ["clean", "--json"], ["check"]])
def test_two_jobs_give_the_same_output_as_one(folder: Path, args: list[str]) -> None:
    runner = CliRunner()
    files = [str(folder / "a1.txt"), str(folder / "a2.txt")] * 10  # several chunks
    one = runner.invoke(cli, [*args, "--jobs", "1", *files])
    two = runner.invoke(cli, [*args, "--jobs", "2", *files])
    assert one.exit_code == two.exit_code
    assert one.stdout == two.stdout and one.stdout


def test_ordered_map_keeps_input_order() -> None:
    assert list(runner.ordered_map(abs, range(-50, 0), jobs=2)) == list(range(50, 0, -1))


def test_check_recursive_lists_dirty_files(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "-r", str(folder)])
    assert result.exit_code == 1
    assert result.stdout.count(": would remove 6 paragraphs (2 duplicate blocks)") == 3
    assert "3 of 5 files with duplicates" in result.stderr


def test_in_place_recursive_rewrites_dirty_files(folder: Path, seed_clean: str) -> None:
    before = (folder / "a2.txt").stat().st_mtime_ns
    result = CliRunner().invoke(cli, ["clean", "-i", "-r", str(folder)])
    assert result.exit_code == 0
    assert (folder / "b" / "b3.txt").read_text(encoding="utf-8") == seed_clean
    assert (folder / "a2.txt").stat().st_mtime_ns == before
    assert (folder / "b" / "notes.md").read_text(encoding="utf-8") != seed_clean
    assert result.stderr.count("cleaned ") == 3


def test_jsonl_keeps_fields_and_adds_results(
    tmp_path: Path, seed_text: str, seed_clean: str
) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"id": "x1", "body": seed_text, "lang": "en"}, {"id": "x2", "body": CLEAN_DOC}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", "--jsonl", "--text-field", "body", str(src)])
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["x1", "x2"]
    assert out[0]["lang"] == "en" and out[0]["body"] == seed_text
    assert out[0]["dedupe"]["cleaned"] == seed_clean and len(out[0]["dedupe"]["removed"]) == 6
    assert out[1]["dedupe"]["cleaned"] == CLEAN_DOC and out[1]["dedupe"]["removed"] == []


def test_jsonl_results_never_overwrite_input_fields(tmp_path: Path, seed_text: str) -> None:
    src = tmp_path / "in.jsonl"
    record = {"id": "x", "text": seed_text, "paragraphs": "mine", "kept": 7, "removed": "no"}
    src.write_text(json.dumps(record) + "\n" + json.dumps({**record, "dedupe": 1}) + "\n")
    result = CliRunner().invoke(cli, ["clean", "--jsonl", str(src)])
    assert result.exit_code == 2
    (line,) = result.stdout.splitlines()
    out = json.loads(line)
    assert {k: out[k] for k in record} == record
    assert out["dedupe"]["paragraphs"] == 15
    assert "already has a 'dedupe' field" in result.stderr and "--result-field" in result.stderr
    renamed = CliRunner().invoke(cli, ["clean", "--jsonl", "--result-field", "dd", str(src)])
    assert renamed.exit_code == 0
    assert [json.loads(x)["dd"]["kept"] for x in renamed.stdout.splitlines()] == [9, 9]


def test_jsonl_from_stdin_reports_bad_lines_and_goes_on(seed_text: str) -> None:
    lines = [json.dumps({"id": "ok", "text": seed_text}), "{not json", json.dumps({"id": "n"})]
    result = CliRunner().invoke(cli, ["check", "--jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 2
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["dedupe"]["changed"] is True
    assert "<stdin>:2: not valid JSON" in result.stderr
    assert "<stdin>:3: no string field 'text' (fields: 'id';" in result.stderr


def test_wrong_text_field_is_one_line_and_the_run_stops(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "body": "x"}) + "\n" for i in range(1000)))
    result = CliRunner().invoke(cli, ["clean", "--jsonl", str(src), "-j", "1"])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].endswith(
        "in.jsonl:1: no string field 'text' (fields: 'id', 'body'; choose with --text-field)"
    )
    assert lines[1].startswith("dedupe-cli: error: stopped after 10 documents")
    assert len(lines) <= 3


def test_jsonl_and_in_place_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", "--jsonl", "-i", str(src)])
    assert result.exit_code == 2 and "--in-place and --jsonl" in result.stderr


def test_progress_bar_only_when_enabled() -> None:
    quiet = output.Progress(total=1000, enabled=False)
    quiet.add(jobs.Outcome("a", removed=2, saved=10))
    assert quiet._bar is None
    shown = output.Progress(total=1000, enabled=True)
    shown.add(jobs.Outcome("a", removed=2, saved=10))
    assert shown._bar is not None
    shown.close()
    assert shown.summary().startswith("1 document, 2 duplicates removed, 10 bytes saved")


def test_stdin_among_several_inputs(folder: Path, seed_text: str, seed_clean: str) -> None:
    result = CliRunner().invoke(cli, ["clean", str(folder / "a2.txt"), "-"], input=seed_text)
    assert result.exit_code == 0
    assert result.stdout == CLEAN_DOC + seed_clean


@pytest.mark.parametrize(
    ("total", "workers", "chunk"),
    [(4000, 2, 32), (4000, 1, 32), (40, 2, 2), (200, 4, 6), (5, 2, 1), (0, 2, 1)],
)
def test_files_per_chunk_keeps_every_worker_busy(total: int, workers: int, chunk: int) -> None:
    # big runs: few round trips to the workers; small runs: enough tasks to share out
    assert jobs.files_per_chunk(total, workers) == chunk
