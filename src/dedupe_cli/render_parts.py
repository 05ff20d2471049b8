"""What every report format says, before any format decides how it looks.

The verdict, percentages, short explanations of a removal, and the article
cut into kept and removed pieces per paragraph live here, so the plain,
Markdown and Rich reports cannot drift apart. Pure functions; no Rich.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import CleanResult, Paragraph, Removal

PREVIEW = 60
"""Characters of removed text shown on one report line (the JSON has all of it)."""

DIFFERENCES_SHOWN = 3
"""Differences listed per removal in human reports; the rest are counted, the JSON has all."""


def one_line(text: str) -> str:
    """The text on one line: a hard-wrapped sentence is still one sentence."""
    return " ".join(text.split())


def preview(text: str, width: int = PREVIEW) -> str:
    """One line of at most `width` characters."""
    flat = one_line(text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def percent(similarity: float) -> str:
    """100% only for identical text: 99.6 shows as 99.6%, not 100%."""
    return "100%" if similarity >= 100 else f"{min(similarity, 99.9):.1f}%"


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


def differences(removal: Removal, shown: int = DIFFERENCES_SHOWN) -> list[str]:
    """The removal's differences in short (`typo 'goverment'→'government'`), at most `shown`.

    Empty while the detector records none, so callers leave the slot out.
    """
    diffs = [d.short() for d in removal.differences]
    more = len(diffs) - shown
    return diffs[:shown] + [f"{more} more"] * (more > 0)


def why(removal: Removal, sep: str = "; ") -> str:
    """The reason and, when known, the differences that made the copy harmless."""
    return sep.join([removal.reason, *differences(removal)])


@dataclass(frozen=True)
class Piece:
    """A stretch of one paragraph: kept text, or text removed by `removal`."""

    text: str
    removal: Removal | None = None


@dataclass(frozen=True)
class ParagraphView:
    """One input paragraph as a report shows it: numbered from 1, in pieces."""

    number: int
    pieces: tuple[Piece, ...]

    @property
    def removed_whole(self) -> bool:
        """True when nothing of the paragraph was kept."""
        return bool(self.pieces) and all(p.removal is not None for p in self.pieces)

    @property
    def kept_text(self) -> str:
        """The kept pieces on one line (what the cleaned article holds of it)."""
        return one_line(" ".join(p.text for p in self.pieces if p.removal is None))


def article(result: CleanResult) -> tuple[ParagraphView, ...]:
    """Every input paragraph, with the removals cut out of it marked in place.

    Numbers are the input's, as in the removals table, so "paragraph 11 copies
    6" can be matched on screen.
    """
    by_paragraph: dict[int, list[Removal]] = {}
    for r in result.removed:
        by_paragraph.setdefault(r.index, []).append(r)
    return tuple(
        ParagraphView(p.index + 1, _pieces(p, by_paragraph.get(p.index, [])))
        for p in result.paragraphs
    )


def _pieces(p: Paragraph, removals: list[Removal]) -> tuple[Piece, ...]:
    """Kept and removed stretches of `p` in order; blank kept stretches are dropped."""
    out: list[Piece] = []
    at = 0
    for r in sorted(removals, key=lambda r: r.start):
        start = min(max(r.start - p.start, at), len(p.text))
        end = min(max(r.end - p.start, start), len(p.text))
        out += [Piece(p.text[at:start]), Piece(p.text[start:end] or r.text, r)]
        at = end
    out.append(Piece(p.text[at:]))
    return tuple(piece for piece in out if piece.removal or piece.text.strip())


def mark(removal: Removal, whole: bool) -> str:
    """Where text was removed: `[removed: copy of ¶6, 100%]`, `[cut: …]` for part of one."""
    verb = "removed" if whole else "cut"
    return f"[{verb}: copy of ¶{removal.duplicate_of + 1}, {percent(removal.similarity)}]"
