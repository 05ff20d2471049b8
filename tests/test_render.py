"""The reports people read (plain, Markdown, Rich) and the JSON explanation fields.

Hand-built results pin what each format shows for every field of a removal;
end-to-end cases on the samples pin what is true of today's detector output.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from article_strategies import Article, articles
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.console import Console

from dedupe_cli.dedupe import clean_text
from dedupe_cli.models import CleanResult, Difference, Paragraph, Removal, Report, Suspect
from dedupe_cli.render import (
    md_escape,
    md_inline,
    one_line,
    render_markdown,
    render_plain,
    render_rich,
    to_dict,
)
from dedupe_cli.render_parts import article

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MARKDOWN = MarkdownIt("commonmark").enable("table")
MARKUPISH = st.lists(
    st.sampled_from([*"ab1 2.#>-+*_`[]()<|~&;!\\=:/\"'\n\t", "&amp;", "&#35;", "http://x.y"]),
    min_size=1,
    max_size=12,
).map("".join)
"""Short texts made of what Markdown could read as markup."""

HEADING = "# Budget **vote** [tonight] | 2 > 1"
KEPT = "Council leader Amir Patel said the authority had no good options left after years of cuts."
TYPO_COPY = KEPT.replace("authority", "authorty")
UNIQUE = "Ferries to the islands were cancelled as well."
LIST_LIKE = "1. Some councils said the same - and more."


def _result(*, explained: bool = True) -> CleanResult:
    """Five paragraphs: a Markdown-looking heading, a kept one, its typo copy,
    a unique sentence glued to a copy, and one that looks like a list item."""
    texts = [HEADING, KEPT, TYPO_COPY, f"{UNIQUE} {KEPT}", LIST_LIKE]
    original = "\n".join(texts) + "\n"
    paragraphs, at = [], 0
    for i, text in enumerate(texts):
        paragraphs.append(Paragraph(i, at, at + len(text), text))
        at += len(text) + 1
    kept = paragraphs[1]
    evidence = {
        "rule": "whole-near",
        "source_start": kept.start,
        "source_end": kept.end,
        "differences": (Difference("typo", "authorty", "authority"),),
    }
    whole = Removal(2, TYPO_COPY, 1, 98.9, "near-duplicate", paragraphs[2].start,
                    paragraphs[2].end, **(evidence if explained else {}))  # fmt: skip
    cut_start = paragraphs[3].start + len(UNIQUE) + 1
    partial = Removal(3, KEPT, 1, 100.0, "partial copy", cut_start, paragraphs[3].end)
    removed = (whole, partial)
    cleaned = "\n".join([HEADING, KEPT, UNIQUE, LIST_LIKE]) + "\n"
    suspect = Suspect(4, LIST_LIKE, 1, 85.0, "kept: '2' where the original has '3'")
    return CleanResult(original, cleaned, tuple(paragraphs), removed, (suspect,))


def _report(**kwargs: bool) -> Report:
    return Report("budget.md", _result(**kwargs))


def _rich_text(report: Report, width: int) -> str:
    console = Console(record=True, width=width, color_system=None)
    console.print(render_rich(report))
    return console.export_text()


def _flat(text: str) -> str:
    """Drawn text with borders and line wrapping taken out, so wrapped phrases match."""
    return " ".join(text.replace("│", " ").split())


def test_json_removal_carries_rule_offsets_source_and_differences() -> None:
    report = _report()
    entry = to_dict(report)["removed"][0]
    original = report.result.original
    assert original[entry["start"] : entry["end"]] == entry["text"] == TYPO_COPY
    assert entry["rule"] == "whole-near"
    assert original[entry["source"]["start"] : entry["source"]["end"]] == KEPT
    assert entry["source"]["paragraph"] == entry["duplicate_of"] == 1
    assert entry["differences"] == [{"kind": "typo", "copy": "authorty", "kept": "authority"}]
    assert {"index", "text", "duplicate_of", "similarity", "reason"} <= set(entry)


def test_json_unknown_evidence_is_null_never_minus_one() -> None:
    entry = to_dict(_report(explained=False))["removed"][0]
    assert entry["rule"] is None
    assert entry["source"] == {"start": None, "end": None, "paragraph": 1}
    assert entry["differences"] == []


def test_plain_report_starts_with_the_verdict_and_numbers_paragraphs_from_one() -> None:
    lines = render_plain(_report()).splitlines()
    assert lines[0] == "== budget.md: 1 duplicate block, 1 paragraph removed, 1 sentence cut" + (
        " from partial copies"
    )
    article = lines[lines.index("-- cleaned article") + 1 :][:5]
    assert article[0] == f"1  {HEADING}"
    assert article[2] == "3  [removed: copy of ¶2, 98.9%]"
    assert article[3] == f"4  {UNIQUE} [cut: copy of ¶2, 100%]"


def test_plain_removal_lines_show_differences_in_short() -> None:
    text = render_plain(_report())
    assert (
        "paragraph 3: 98.9% like paragraph 2, near-duplicate; typo 'authorty'→'authority'" in text
    )
    assert "paragraph 4: 100% like paragraph 2, partial copy: " in text


def test_plain_report_without_evidence_has_no_empty_slots() -> None:
    text = render_plain(_report(explained=False))
    assert "paragraph 3: 98.9% like paragraph 2, near-duplicate: " in text
    assert "()" not in text and "-1" not in text and "; :" not in text


def test_markdown_renders_as_the_article_with_markup_escaped() -> None:
    html = MARKDOWN.render(render_markdown(_report()))
    article = html.split("<h3>Cleaned article</h3>")[1].split("<h3>")[0]
    # every kept paragraph is its own paragraph, shown as typed
    assert article.count("<p>") == 4
    assert "<p># Budget **vote** [tonight] | 2 &gt; 1</p>" in article
    assert f"<p>{LIST_LIKE}</p>" in article
    assert f"<p>{UNIQUE}</p>" in article
    for tag in ("<h1>", "<strong>", "<em>", "<ol", "<ul>", "<blockquote>"):
        assert tag not in article


def test_markdown_removals_table_keeps_cells_intact() -> None:
    html = MARKDOWN.render(render_markdown(_report()))
    removed = html.split("<h3>Removed</h3>")[1].split("<h3>")[0]
    assert removed.count("<tr>") == 3  # header and two removals
    assert "near-duplicate; typo 'authorty'→'authority'" in removed
    lookalikes = html.split("<h3>Kept although similar</h3>")[1]
    assert "1. Some councils said the same - and more." in lookalikes


@given(MARKUPISH)
def test_markdown_paragraph_renders_any_text_literally(text: str) -> None:
    if one_line(text):
        out = MARKDOWN.render(md_escape(text))
        assert out.startswith("<p>") and out.endswith("</p>\n")
        assert html.unescape(out[3:-5]) == one_line(text)


@given(MARKUPISH)
def test_markdown_table_cell_renders_any_text_literally(text: str) -> None:
    out = MARKDOWN.render(f"| a |\n|---|\n| {md_inline(text)} |\n")
    cell = re.search(r"<td>(.*)</td>", out, re.DOTALL)
    assert cell is not None and html.unescape(cell[1]) == one_line(text)


@pytest.mark.parametrize("width", [80, 40])
def test_rich_report_marks_removals_where_they_were(width: int) -> None:
    text = _rich_text(_report(), width)
    flat = _flat(text)
    assert flat.index("budget.md") < flat.index("cleaned article")
    assert "3 [removed: copy of ¶2, 98.9%]" in flat
    assert f"4 {UNIQUE} {KEPT} [cut: copy of ¶2, 100%]" in flat
    assert "near-duplicate; typo 'authorty'→'authority'" in flat
    assert all(len(line) <= width for line in text.splitlines())


@pytest.mark.parametrize("width", [80, 40])
def test_rich_report_shows_markup_as_typed_and_never_collapses_text(width: int) -> None:
    report = Report("[bold]x[/bold].txt", _result())
    flat = _flat(_rich_text(report, width))
    assert "[bold]x[/bold].txt" in flat
    assert "# Budget **vote** [tonight] | 2 > 1" in flat
    removals = flat[flat.index("removed ") :]
    assert "Council leader Amir Patel said the authority" in removals.replace(
        "authorty", "authority"
    )
    assert "kept although similar" in flat and "'2' where the original has '3'" in flat
    assert "…" not in flat  # no column squeezed to an ellipsis


def test_rich_report_folds_long_words_instead_of_cutting_them() -> None:
    word = "Supercalifragilisticexpialidocious-ly"
    result = CleanResult(f"{word}\n", f"{word}\n", (Paragraph(0, 0, len(word), word),))
    drawn = _rich_text(Report("w", result), 20)
    assert "…" not in drawn
    assert word in "".join(drawn.replace("│", "").split())


def test_rich_report_stacks_tables_when_narrow() -> None:
    assert "┃" in _rich_text(_report(), 80)
    assert "┃" not in _rich_text(_report(), 40)


def test_rich_and_plain_without_evidence_show_no_empty_parentheses() -> None:
    for text in (_rich_text(_report(explained=False), 80), render_plain(_report(explained=False))):
        assert "()" not in text and "-1" not in text


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_samples_json_offsets_locate_the_removed_text(name: str) -> None:
    result = clean_text((SAMPLES / name).read_text(encoding="utf-8"))
    entries = to_dict(Report(name, result))["removed"]
    assert entries
    for entry in entries:
        assert result.original[entry["start"] : entry["end"]] == entry["text"]
        assert entry["source"]["paragraph"] == entry["duplicate_of"]
        start, end = entry["source"]["start"], entry["source"]["end"]
        # null until the detector records it; then a real span of the input
        assert (start, end) == (None, None) or 0 <= start < end <= len(result.original)


def test_samples_reports_mark_each_removed_paragraph_by_number() -> None:
    result = clean_text((SAMPLES / "wagner-mali.txt").read_text(encoding="utf-8"))
    report = Report("wagner-mali.txt", result)
    plain = render_plain(report).splitlines()
    rich = _flat(_rich_text(report, 40))
    for copy, kept in [(3, 2), *((n, n - 5) for n in range(11, 16))]:
        assert f"{copy:>2}  [removed: copy of ¶{kept}, 100%]" in plain
        assert f"{copy} [removed: copy of ¶{kept}, 100%]" in rich


def test_samples_reports_show_the_detectors_differences() -> None:
    result = clean_text((SAMPLES / "council-budget-blank.txt").read_text(encoding="utf-8"))
    report = Report("council.txt", result)
    typo = "near-duplicate; typo 'branhces'→'branches'"
    assert f"paragraph 8: 99.2% like paragraph 5, {typo}: " in render_plain(report)
    for width in (80, 40):
        assert typo in _flat(_rich_text(report, width))
    assert typo in MARKDOWN.render(render_markdown(report))


def test_partial_copy_is_marked_after_the_kept_sentence() -> None:
    kept = (
        "Local traders say the closure is costing them thousands of pounds a day, with fresh"
        " catches going to rival ports further south."
    )
    article = [
        "Storm closes harbour for third day",
        "Fishing boats stayed tied up in Port Alder on Thursday as a storm kept the harbour"
        " closed for a third day, the coastguard said.",
        kept,
        f"{UNIQUE} {kept}",
        "The Met Office has issued an amber warning for the whole coast until midnight on"
        " Friday, with more rain expected inland.",
    ]
    result = clean_text("\n".join(article) + "\n")
    assert [r.reason for r in result.removed] == ["partial copy"]
    (entry,) = to_dict(Report("storm.txt", result))["removed"]
    assert result.original[entry["start"] : entry["end"]] == entry["text"] == kept
    plain = render_plain(Report("storm.txt", result)).splitlines()
    assert f"4  {UNIQUE} [cut: copy of ¶3, 100%]" in plain
    rich = _flat(_rich_text(Report("storm.txt", result), 40))
    assert f"4 {UNIQUE} {kept} [cut: copy of ¶3, 100%]" in rich


@settings(max_examples=60, deadline=None)
@given(articles(noise=True))
def test_generated_articles_show_every_paragraph_and_one_mark_per_removal(art: Article) -> None:
    result = clean_text(art.text)
    report = Report("gen.txt", result)
    plain = render_plain(report).splitlines()
    numbered = plain[plain.index("-- cleaned article") + 1 :][: len(result.paragraphs)]
    assert [line.split()[0] for line in numbered] == [
        str(n) for n in range(1, len(result.paragraphs) + 1)
    ]
    marks = sum(
        line.count("[removed: copy of ¶") + line.count("[cut: copy of ¶") for line in numbered
    )
    assert marks == len(result.removed)
    flat = _flat(_rich_text(report, 40))
    assert flat.count("[removed: copy of ¶") + flat.count("[cut: copy of ¶") == marks
    html_out = MARKDOWN.render(render_markdown(report))
    shown = re.findall(r"<p>(.*?)</p>", html_out.split("<h3>Cleaned article</h3>")[-1])
    kept = [one_line(v.kept_text) for v in article(result) if v.kept_text]
    assert [html.unescape(p) for p in shown] == kept


def test_text_renderers_do_not_import_rich() -> None:
    code = (
        "import sys\n"
        "from dedupe_cli import render\n"
        "from dedupe_cli.dedupe import clean_text\n"
        "from dedupe_cli.models import Report\n"
        "rep = Report('x', clean_text('One line here.\\n\\nOne line here.\\n'))\n"
        "for draw in (render.render_plain, render.render_markdown, render.render_json):\n"
        "    draw(rep)\n"
        "print('rich' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.stdout.decode().strip() == "False", proc.stderr.decode()


def test_json_is_one_line_per_article() -> None:
    from dedupe_cli.render import render_json

    out = render_json(_report())
    assert out.count("\n") == 1 and json.loads(out)["removed"][1]["rule"] is None
