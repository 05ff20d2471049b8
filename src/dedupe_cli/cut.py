"""Cutting removals out of the text, and mapping a later round's cuts back.

Kept text is never rewritten: the output is the input with spans deleted,
each removed piece taking one separator with it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from rapidfuzz import fuzz

from .models import CleanResult, Paragraph, Removal, gone_paragraphs
from .segment import words


def _breaks(separator: str) -> int:
    """Line breaks in a separator, whatever the line-ending style."""
    return separator.count("\n") + separator.count("\r") - separator.count("\r\n")


def _delete_spans(
    text: str, spans: list[tuple[int, int]], gone: list[bool]
) -> list[tuple[int, int]]:
    """Character ranges to delete so removed segments take one separator with them.

    A run of removed segments takes the separator after it, unless the one
    before it is weaker (a line break inside a block, where the one after is
    a blank line): then it takes that one, so paragraph breaks survive. A run
    at the end takes the separator before it, so the text keeps its trailing
    newline.
    """
    out = []
    i = 0
    n = len(spans)
    while i < n:
        if not gone[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and gone[j + 1]:
            j += 1
        after = text[spans[j][1] : spans[j + 1][0]] if j + 1 < n else ""
        before = text[spans[i - 1][1] : spans[i][0]] if i > 0 else ""
        if j + 1 < n and i > 0 and _breaks(before) < _breaks(after):
            out.append((spans[i - 1][1], spans[j][1]))
        elif j + 1 < n:
            out.append((spans[i][0], spans[j + 1][0]))
        elif i > 0:
            out.append((spans[i - 1][1], spans[j][1]))
        else:
            out.append((spans[i][0], spans[j][1]))
        i = j + 1
    return out


def _line_start(text: str, start: int) -> int:
    """Extend a paragraph start back over the indentation of its first line."""
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


def _line_end(text: str, end: int) -> int:
    """Extend a paragraph end over trailing spaces and tabs on its last line."""
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


def cut(text: str, paragraphs: list[Paragraph], removals: list[Removal]) -> str:
    """The text with the removed paragraphs and pieces of paragraphs taken out."""
    return "".join(text[s:e] for s, e in _kept_segments(text, paragraphs, removals))


def _kept_segments(
    text: str, paragraphs: list[Paragraph] | tuple[Paragraph, ...], removals: list[Removal]
) -> list[tuple[int, int]]:
    """The stretches of `text` that survive, in order.

    A removed piece takes the white space after it with it, or the white
    space before it when it ends its paragraph (alone, or with the removed
    pieces after it: the last lines of a list), so no stray gap is left.
    """
    whole = gone_paragraphs(text, paragraphs, removals)
    spans = [(_line_start(text, p.start), _line_end(text, p.end)) for p in paragraphs]
    deletions = _delete_spans(text, spans, [p.index in whole for p in paragraphs])
    tails: dict[int, int] = {}  # where each paragraph's kept text ends, before pieces ending it
    for r in sorted(removals, key=lambda r: -r.start):
        if r.index in whole:
            continue
        p = paragraphs[r.index]
        start, end = r.start, r.end
        if end >= tails.get(r.index, p.end):
            while start > p.start and text[start - 1].isspace():
                start -= 1
            tails[r.index] = start
        else:
            while end < p.end and text[end].isspace():
                end += 1
        deletions.append((start, end))
    deletions.sort()
    kept = []
    pos = 0
    for s, e in deletions:
        if s > pos:
            kept.append((pos, s))
        pos = max(pos, e)
    if pos < len(text):
        kept.append((pos, len(text)))
    return kept


def merge_rounds(first: CleanResult, second: CleanResult) -> CleanResult:
    """One result for two rounds: the second round's removals mapped onto the input."""
    kept = _kept_segments(first.original, first.paragraphs, list(first.removed))
    # where each kept stretch starts in the first round's output
    starts, pos = [], 0
    for s, e in kept:
        starts.append(pos)
        pos += e - s
    para_starts = [p.start for p in first.paragraphs]

    def to_original(at: int) -> int:
        k = max(0, bisect_right(starts, at) - 1)
        return kept[k][0] + at - starts[k]

    def paragraph_at(at: int) -> int:
        return max(0, bisect_right(para_starts, to_original(at)) - 1)

    removals: list[Removal] = []
    for r in second.removed:
        source = paragraph_at(second.paragraphs[r.duplicate_of].start)
        for k, (s, e) in enumerate(kept):
            lo = max(r.start, starts[k])
            hi = min(r.end, starts[k] + e - s)
            if lo < hi:  # the part of the removal inside this kept stretch
                o_lo, o_hi = to_original(lo), to_original(lo) + hi - lo
                text = first.original[o_lo:o_hi]
                if text.strip():
                    removals.append(
                        replace(
                            r,
                            index=paragraph_at(lo),
                            text=text,
                            duplicate_of=source,
                            start=o_lo,
                            end=o_hi,
                            source_start=to_original(r.source_start),
                            source_end=to_original(r.source_end - 1) + 1,
                        )
                    )
    removals = _repoint(first.original, list(first.removed), removals) + removals
    removals.sort(key=lambda r: r.start)
    gone = {r.index for r in removals}
    suspects = tuple(x for x in first.suspects if x.index not in gone)
    trace = first.trace + tuple(
        replace(a, paragraph=paragraph_at(second.paragraphs[a.paragraph].start), source=-1)
        for a in second.trace
    )
    return CleanResult(
        first.original, second.cleaned, first.paragraphs, tuple(removals), suspects, trace
    )


def _repoint(text: str, earlier: list[Removal], later: list[Removal]) -> list[Removal]:
    """Earlier removals whose source a later round removed now name that copy's source.

    A byte-for-byte copy of text that was removed in pieces becomes the same
    pieces (when they lie inside its source), each pointing where its twin
    points, on its twin's evidence (rule,
    similarity, reason: an exact copy of a run-extension copy is as good as
    that copy); otherwise the similarity is measured anew between the removed
    text and the kept text it now names.
    """
    if not later:
        return earlier
    by_start = sorted(later, key=lambda r: r.start)
    starts = [r.start for r in by_start]
    out: list[Removal] = []
    for r in earlier:
        k = bisect_right(starts, r.source_start) - 1
        if k < 0 or by_start[k].end <= r.source_start:
            k += 1
        hits = []
        while k < len(by_start) and by_start[k].start < r.source_end:
            hits.append(by_start[k])
            k += 1
        out += _follow(text, r, hits) if hits else [r]
    return out


def _follow(text: str, r: Removal, hits: list[Removal]) -> list[Removal]:
    """Removal r, whose source the removals `hits` took away, pointed at what they copy."""
    inside = all(r.source_start <= h.start and h.end <= r.source_end for h in hits)
    if inside and r.text == text[r.source_start : r.source_end]:
        offset = r.start - r.source_start
        return [
            replace(
                h,
                index=r.index,
                text=text[h.start + offset : h.end + offset],
                start=h.start + offset,
                end=h.end + offset,
            )
            for h in hits
        ]
    hit = hits[0]
    src = text[hit.source_start : hit.source_end]
    sim = round(fuzz.ratio(" ".join(words(r.text)), " ".join(words(src))), 1)
    return [
        replace(
            r,
            duplicate_of=hit.duplicate_of,
            source_start=hit.source_start,
            source_end=hit.source_end,
            similarity=sim,
            differences=(),
        )
    ]
