"""Turn reports into output: plain text, Markdown, JSON, or a Rich renderable.

Renderers build strings (or one Rich renderable) and never print, so they
can be tested directly. What they say is decided once in `render_parts`;
Rich is imported only by the Rich renderer, so piped runs never pay for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .models import Removal, Report, Suspect
from .render_parts import (
    ParagraphView,
    article,
    blocks,
    mark,
    one_line,
    percent,
    preview,
    verdict,
    why,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = [
    "blocks",
    "md_escape",
    "md_inline",
    "one_line",
    "percent",
    "preview",
    "removal_dict",
    "render_diff",
    "render_json",
    "render_markdown",
    "render_plain",
    "render_rich",
    "to_dict",
    "verdict",
]


def _pair(x: Removal | Suspect) -> dict[str, Any]:
    """The fields removals and kept lookalikes share: where, like what, how similar, why."""
    return {
        "index": x.index,
        "text": x.text,
        "duplicate_of": x.duplicate_of,
        "similarity": x.similarity,
        "reason": x.reason,
    }


def _offset(value: int) -> int | None:
    """An offset the detector recorded, or None (never -1) while it records none."""
    return value if value >= 0 else None


def removal_dict(x: Removal) -> dict[str, Any]:
    """A removal with its evidence: rule, where it was, the kept text it copies, differences."""
    return {
        **_pair(x),
        "rule": x.rule or None,
        "start": x.start,
        "end": x.end,
        "source": {
            "start": _offset(x.source_start),
            "end": _offset(x.source_end),
            "paragraph": x.duplicate_of,
        },
        "differences": [{"kind": d.kind, "copy": d.copy, "kept": d.kept} for d in x.differences],
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON object for one article; the schema is documented in the README."""
    r = report.result
    return {
        "source": report.source,
        "paragraphs": len(r.paragraphs),
        "kept": r.kept,
        "cleaned": r.cleaned,
        "removed": [removal_dict(x) for x in r.removed],
        "suspects": [_pair(x) for x in r.suspects],
        "summary": [{"index": s.index, "text": s.text, "score": s.score} for s in report.summary],
    }


def render_json(report: Report) -> str:
    """One line of JSON (JSON Lines when there are several articles)."""
    return json.dumps(to_dict(report), ensure_ascii=False) + "\n"


def _marked(view: ParagraphView) -> str:
    """A paragraph on one line, each removed stretch replaced by its mark."""
    return " ".join(
        one_line(p.text) if p.removal is None else mark(p.removal, view.removed_whole)
        for p in view.pieces
    )


def _section(title: str, lines: Iterable[str]) -> list[str]:
    """A titled block of lines and a blank line, or nothing when there are no lines."""
    body = list(lines)
    return [f"-- {title}", *body, ""] if body else []


def _pair_line(x: Removal | Suspect, reason: str) -> str:
    """`paragraph 8: 99.2% like paragraph 5, near-duplicate: Opposition members…`."""
    return (
        f"  paragraph {x.index + 1}: {percent(x.similarity)} like paragraph"
        f" {x.duplicate_of + 1}, {reason}: {preview(x.text)}"
    )


def render_plain(report: Report) -> str:
    """Report as plain text: stable, uncoloured, easy to grep; the verdict comes first."""
    r = report.result
    views = article(r)
    width = len(str(len(views)))
    return "\n".join(
        [
            f"== {report.source}: {verdict(r)}",
            "",
            *_section("summary", (one_line(s.text) for s in report.summary)),
            *_section("cleaned article", (f"{v.number:>{width}}  {_marked(v)}" for v in views)),
            *_section("removed", (_pair_line(x, why(x)) for x in r.removed)),
            *_section("kept although similar", (_pair_line(x, x.reason) for x in r.suspects)),
        ]
    )


_MD_INLINE = re.compile(r"([\\`*_\[\]<|~])")
"""Characters that start emphasis, code, links, HTML, table cells or strikethrough."""
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
"""An `&` that would start an HTML entity (`&amp;` must show as typed)."""
_MD_BLOCK = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
"""What makes a line a heading, quote, list item or setext underline."""


def md_inline(text: str) -> str:
    """Text on one line whose emphasis, code, links, HTML and `|` render literally."""
    return _MD_ENTITY.sub(r"\\&", _MD_INLINE.sub(r"\\\1", one_line(text)))


def md_escape(text: str) -> str:
    """`md_inline`, and a paragraph start that would make a heading, quote or list."""
    return _MD_BLOCK.sub(
        lambda m: m[0] + "\\" if m[0][0].isdigit() else "\\" + m[0], md_inline(text)
    )


def _md_section(title: str, lines: Iterable[str]) -> list[str]:
    """A `###` section, or nothing when there are no lines."""
    body = list(lines)
    return [f"### {title}", "", *body, ""] if body else []


def _md_table(
    other: str, why_head: str, rows: Iterable[tuple[Removal | Suspect, str]]
) -> list[str]:
    """A GitHub-flavoured table of paragraph pairs; cells escaped so `|` stays text."""
    out = []
    for x, text in rows:
        cells = (x.index + 1, percent(x.similarity), x.duplicate_of + 1, text, preview(x.text))
        out.append(f"| {' | '.join(md_inline(str(cell)) for cell in cells)} |")
    head = [f"| paragraph | similarity | {other} | {why_head} | text |", "|---:|---:|---:|---|---|"]
    return head + out if out else []


def render_markdown(report: Report) -> str:
    """Report as Markdown that renders as the article: one paragraph each, markup escaped."""
    r = report.result
    kept = "\n\n".join(md_escape(v.kept_text) for v in article(r) if v.kept_text)
    return "\n".join(
        [
            f"## {md_escape(report.source)}",
            "",
            f"*{verdict(r)}*",
            "",
            *_md_section("Summary", (f"- {md_escape(s.text)}" for s in report.summary)),
            *_md_section("Cleaned article", [kept] if kept else []),
            *_md_section(
                "Removed", _md_table("duplicate of", "why", ((x, why(x)) for x in r.removed))
            ),
            *_md_section(
                "Kept although similar",
                _md_table("like", "why kept", ((x, x.reason) for x in r.suspects)),
            ),
        ]
    )


def render_rich(report: Report) -> RenderableType:
    """Report as one Rich renderable: verdict, summary, numbered article, removals, lookalikes."""
    from .render_rich import rich_report

    return rich_report(report)


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
