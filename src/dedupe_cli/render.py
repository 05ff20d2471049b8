"""Turn reports into output: plain text, Markdown, JSON, or a Rich renderable.

Renderers build strings (or one Rich renderable) and never print, so they
can be tested directly. Rich is imported only by the Rich renderer: piped
runs never pay for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .models import CleanResult, Removal, Report, Suspect

if TYPE_CHECKING:
    from rich.console import RenderableType

PREVIEW = 60


def one_line(text: str) -> str:
    """The text on one line: a hard-wrapped sentence is still one sentence."""
    return " ".join(text.split())


def preview(text: str, width: int = PREVIEW) -> str:
    """One line of at most `width` characters."""
    flat = one_line(text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def blocks(removed: Iterable[Removal]) -> int:
    """Number of separate runs of removed text (consecutive paragraphs count once)."""
    count, last = 0, None
    for r in sorted(removed, key=lambda r: (r.index, r.start)):
        if last is None or r.index > last + 1:
            count += 1
        last = r.index
    return count


def verdict(result: CleanResult) -> str:
    """One line saying what was found."""
    if not result.removed:
        return "no duplicates found"
    n_blocks = blocks(result.removed)
    whole = len(result.paragraphs) - result.kept
    partial = len(result.removed) - whole
    parts = [
        f"{n_blocks} duplicate block{'s' * (n_blocks != 1)}",
        f"{whole} paragraph{'s' * (whole != 1)} removed",
    ]
    if partial:
        parts.append(f"{partial} sentence{'s' * (partial != 1)} cut from partial copies")
    return ", ".join(parts)


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON object for one article; the schema is documented in the README."""
    r = report.result
    return {
        "source": report.source,
        "paragraphs": len(r.paragraphs),
        "kept": r.kept,
        "cleaned": r.cleaned,
        "removed": [
            {
                "index": x.index,
                "text": x.text,
                "duplicate_of": x.duplicate_of,
                "similarity": x.similarity,
                "reason": x.reason,
            }
            for x in r.removed
        ],
        "suspects": [
            {
                "index": x.index,
                "text": x.text,
                "duplicate_of": x.duplicate_of,
                "similarity": x.similarity,
                "reason": x.reason,
            }
            for x in r.suspects
        ],
        "summary": [{"index": s.index, "text": s.text, "score": s.score} for s in report.summary],
    }


def render_json(report: Report) -> str:
    """One line of JSON (JSON Lines when there are several articles)."""
    return json.dumps(to_dict(report), ensure_ascii=False) + "\n"


def _removed_lines(result: CleanResult) -> list[str]:
    return [
        f"  paragraph {x.index + 1}: {percent(x.similarity)} like paragraph {x.duplicate_of + 1}"
        f" ({x.reason}): {preview(x.text)}"
        for x in result.removed
    ]


def render_plain(report: Report) -> str:
    """Report as plain text: stable, uncoloured, easy to grep."""
    r = report.result
    out = [f"== {report.source}: {verdict(r)}", "", r.cleaned.rstrip("\r\n"), ""]
    if report.summary:
        out += ["-- summary", *(one_line(s.text) for s in report.summary), ""]
    if r.removed:
        out += ["-- removed", *_removed_lines(r), ""]
    if r.suspects:
        out += [
            "-- kept although similar",
            *(
                f"  paragraph {x.index + 1} vs {x.duplicate_of + 1}: {x.reason}: {preview(x.text)}"
                for x in r.suspects
            ),
            "",
        ]
    return "\n".join(out)


def render_markdown(report: Report) -> str:
    """Report as Markdown, for pasting into issues and notebooks."""
    r = report.result
    out = [f"## {report.source}", "", f"*{verdict(r)}*", "", r.cleaned.rstrip("\r\n"), ""]
    if report.summary:
        out += ["### Summary", "", *(f"- {one_line(s.text)}" for s in report.summary), ""]
    if r.removed:
        out += [
            "### Removed",
            "",
            "| paragraph | similarity | duplicate of | reason | text |",
            "|---:|---:|---:|---|---|",
        ]
        out += [_markdown_row(x) for x in r.removed]
        out.append("")
    if r.suspects:
        out += ["### Kept although similar", ""]
        out += [
            f"- paragraph {x.index + 1} (like {x.duplicate_of + 1}): {x.reason}: {preview(x.text)}"
            for x in r.suspects
        ]
        out.append("")
    return "\n".join(out)


def _markdown_row(x: Removal) -> str:
    text = preview(x.text).replace("|", "\\|")
    return (
        f"| {x.index + 1} | {percent(x.similarity)} | {x.duplicate_of + 1} | {x.reason} | {text} |"
    )


def render_rich(report: Report) -> RenderableType:
    """Report as one Rich renderable: verdict, article, summary, removals table."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    r = report.result
    style = "bold green" if not r.removed else "bold yellow"
    parts: list[RenderableType] = [Text(f"{report.source}: {verdict(r)}", style=style)]
    parts.append(Panel(Text(r.cleaned.strip()), title="cleaned article", title_align="left"))
    if report.summary:
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(style="cyan")
        bullets.add_column(ratio=1)
        for sentence in report.summary:
            bullets.add_row("•", Text(sentence.text))
        parts.append(Panel(bullets, title="summary", title_align="left", border_style="cyan"))
    if r.removed:
        parts.append(_pairs_table("removed", "copy of", "reason", r.removed))
    if r.suspects:
        parts.append(_pairs_table("kept although similar", "like", "why kept", r.suspects))
    return Group(*parts)


def _pairs_table(
    title: str, other: str, why: str, items: Iterable[Removal | Suspect]
) -> RenderableType:
    """One row per paragraph: where it is, how similar, to which, why, a preview."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", expand=True)
    for name in ("¶", "sim", other):
        table.add_column(name, justify="right")
    table.add_column(why)
    table.add_column("text", ratio=1, overflow="ellipsis", no_wrap=True)
    for x in items:
        table.add_row(
            str(x.index + 1),
            percent(x.similarity),
            str(x.duplicate_of + 1),
            x.reason.removeprefix("kept: "),
            preview(x.text, 200),
        )
    return table


def percent(similarity: float) -> str:
    """100% only for identical text: 99.6 shows as 99.6%, not 100%."""
    return "100%" if similarity >= 100 else f"{min(similarity, 99.9):.1f}%"


def render_diff(report: Report) -> str:
    """Unified diff from the input to the cleaned text (like black --diff)."""
    import difflib

    r = report.result
    before = r.original.splitlines(keepends=True)
    after = r.cleaned.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, f"{report.source}", f"{report.source} (cleaned)")
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
