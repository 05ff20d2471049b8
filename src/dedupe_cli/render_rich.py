"""The terminal report as one Rich renderable: what to read first comes first.

Order: verdict, summary, the article numbered as the input with a mark where
each removal was, the removals with their differences, the kept lookalikes.
All article text goes in as `Text`, never as markup, so `**`, `#` and `[...]`
show exactly as typed. Imported only when a report is drawn on a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .models import Removal, Report, Suspect
from .render_parts import ParagraphView, article, mark, one_line, percent, preview, verdict, why

NARROW = 60
"""Below this many columns the tables are stacked, so no text column shrinks to "…"."""

TEXT_SHOWN = 200
"""Characters of a removed paragraph shown in the removals table."""

Pairs = Sequence[tuple[Removal | Suspect, str]]
"""Paragraph pairs and the reason shown for each (removals or kept lookalikes)."""


class ByWidth:
    """One of two renderables, chosen by the width the console offers when drawing."""

    def __init__(self, wide: RenderableType, narrow: RenderableType, min_width: int) -> None:
        self.wide, self.narrow, self.min_width = wide, narrow, min_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.min_width else self.narrow


def rich_report(report: Report) -> RenderableType:
    """Verdict, summary, numbered article, removals, lookalikes."""
    r = report.result
    style = "bold green" if not r.removed else "bold yellow"
    parts: list[RenderableType] = [Text(f"{report.source}: {verdict(r)}", style=style)]
    if report.summary:
        parts.append(_summary(s.text for s in report.summary))
    views = article(r)
    if views:
        parts.append(Panel(_article(views), title="cleaned article", title_align="left"))
    if r.removed:
        parts.append(_pairs("removed", "copy of", [(x, why(x)) for x in r.removed]))
    if r.suspects:
        rows: Pairs = [(x, x.reason.removeprefix("kept: ")) for x in r.suspects]
        parts.append(_pairs("kept although similar", "like", rows))
    return Group(*parts)


def _summary(sentences: Iterable[str]) -> RenderableType:
    bullets = Table.grid(padding=(0, 1))
    bullets.add_column(style="cyan")
    bullets.add_column(ratio=1, overflow="fold")
    for sentence in sentences:
        bullets.add_row("•", Text(one_line(sentence)))
    return Panel(bullets, title="summary", title_align="left", border_style="cyan")


def _article(views: Sequence[ParagraphView]) -> RenderableType:
    """Input paragraph numbers in the margin; removed text struck through or marked."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="dim", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for view in views:
        grid.add_row(str(view.number), _paragraph(view))
    return grid


def _paragraph(view: ParagraphView) -> Text:
    if view.removed_whole:
        marks = (mark(p.removal, whole=True) for p in view.pieces if p.removal is not None)
        return Text(" ".join(marks), style="dim italic")
    text = Text()
    for piece in view.pieces:
        if text:
            text.append(" ")
        if piece.removal is None:
            text.append(one_line(piece.text))
        else:
            text.append(one_line(piece.text), style="dim strike")
            text.append(" " + mark(piece.removal, whole=False), style="dim italic")
    return text


def _pairs(title: str, other: str, rows: Pairs) -> RenderableType:
    """A table when there is room, else one stacked entry per pair."""
    return ByWidth(_table(title, other, rows), _stacked(title, other, rows), NARROW)


def _table(title: str, other: str, rows: Pairs) -> RenderableType:
    table = Table(title=title, title_justify="left", expand=True)
    for name in ("¶", other, "sim"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("why, and the text", ratio=1, overflow="fold")
    for x, reason in rows:
        table.add_row(
            str(x.index + 1), str(x.duplicate_of + 1), percent(x.similarity), _why(x, reason)
        )
    return table


def _stacked(title: str, other: str, rows: Pairs) -> RenderableType:
    entries: list[RenderableType] = [Text(title, style="italic")]
    for x, reason in rows:
        head = f"¶{x.index + 1} {other} ¶{x.duplicate_of + 1}, {percent(x.similarity)}"
        entries += [Text(head, style="bold"), Padding(_why(x, reason), (0, 0, 0, 2))]
    return Group(*entries)


def _why(x: Removal | Suspect, reason: str) -> Text:
    """The reason (and differences) on top, the text it is about dimmed below."""
    return Text.assemble(reason, "\n", (preview(x.text, TEXT_SHOWN), "dim"))
