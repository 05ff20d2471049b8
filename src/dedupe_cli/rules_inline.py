"""A sentence repeated inside one long paragraph (captions pasted into the story).

Rule (identifier as in `Removal.rule` and the README):

- `inline-repeat`: a run of at least `partial.inline_min_words` words that
  repeats, word for word, the end of an earlier sentence of the same
  paragraph (at least `partial.inline_source_share` of it) is cut, and only
  that run. The copy must stand where a sentence or a caption stands: at a
  sentence start, after a label ("Victim:"), or after a caption word
  ("pictured"); and it must end where a sentence ends, or run straight into
  the next capitalised sentence (captions often have no full stop). A
  repeated clause inside a new sentence ("The union said it would appeal
  the decision") is none of these and stays.

Only the same paragraph counts: on templated pages the same sentence under
another heading is another entry's answer, not a repeat.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .align import Verdict
from .article import Article
from .ledger import Cut
from .models import Paragraph
from .segment import words
from .sentences import sentence_spans

INLINE = "inline-repeat"

CAPTION_WORDS = frozenset(
    [
        "pictured",
        "pictures",
        "picture",
        "photo",
        "photograph",
        "image",
        "above",
        "below",
        "left",
        "right",
        "centre",
        "center",
        "inset",
        "file",
        "stock",
        "abgebildet",
        "bild",
        "foto",
        "photographie",
        "zdjęcie",
        "fot",
    ]
)
"""Words that mark the text before a copy as a photo caption's lead-in."""

_END = re.compile(r"[\"'”’)\]]*[.!?…]+[\"'”’)\]]*")
_OPENS = ".!?:;…\"'”’)("
_CLOSERS = " \"'”’)].!?…"


def inline_repeats(art: Article, p: Paragraph) -> list[Cut]:
    """`inline-repeat` cuts for paragraph p (none unless every condition holds)."""
    a, b = art.words_of(p.index)
    cfg = art.cfg.partial
    if b - a < 2 * cfg.inline_min_words:
        return []
    spans = art.word_spans(p.index)
    runs = _runs(art, a, b, cfg.inline_min_words)
    if spans is None or not runs:
        return []
    layout = _Layout(p.text, spans, sentence_spans(p.text))
    cuts = []
    for t0, t1, s0 in runs:
        cut = _cut(art, layout, a, (t0, t1), s0)
        if cut is not None:
            cuts.append(cut)
    return cuts


class _Layout:
    """A paragraph's words and sentences as character spans, with lookups by offset."""

    def __init__(
        self, text: str, spans: list[tuple[int, int]], sentences: list[tuple[int, int]]
    ) -> None:
        self.text = text
        self.spans = spans
        self.word_starts = [s for s, _ in spans]
        self.sentences = sentences
        self.sentence_starts = [s for s, _ in sentences]

    def sentence_at(self, at: int) -> tuple[int, int] | None:
        k = bisect_right(self.sentence_starts, at) - 1
        return self.sentences[k] if k >= 0 and self.sentences[k][1] > at else None

    def words_between(self, start: int, end: int) -> int:
        return bisect_right(self.word_starts, end - 1) - bisect_right(self.word_starts, start - 1)


def _runs(art: Article, a: int, b: int, least: int) -> list[tuple[int, int, int]]:
    """Maximal runs [t0, t1) of words copying earlier words of the same paragraph in order."""
    src = art.doc.sources(a, b)
    if not src or max(src) < a:
        return []  # every copied word copies an earlier paragraph: no inline repeat
    out = []
    t = 0
    n = b - a
    while t < n:
        s = src[t]
        if s < a:
            t += 1
            continue
        u = t + 1
        while u < n and src[u] == s + (u - t) and s + (u - t) < a + t:
            u += 1
        if u - t >= least:
            out.append((a + t, a + u, s))
        t = u
    return out


def _cut(art: Article, lay: _Layout, a: int, run: tuple[int, int], s0: int) -> Cut | None:
    t0, t1 = run
    n = t1 - t0
    text, spans = lay.text, lay.spans
    src_end = spans[s0 + n - 1 - a][1]
    sent = lay.sentence_at(spans[s0 - a][0])
    if sent is None or text[src_end : sent[1]].strip(_CLOSERS):
        return None  # the earlier sentence goes on after the copied words
    if n < art.cfg.partial.inline_source_share * lay.words_between(*sent):
        return None
    start, end = spans[t0 - a][0], spans[t1 - 1 - a][1]
    if not _stands_alone(text, start) or (end := _ends_copy(text, end)) < 0:
        return None
    if words(text[start:end]) != art.doc.words[t0:t1]:
        return None
    verdict = Verdict(True, 100.0, s0, "exact", False, s0 + n)
    return Cut(start, end, (t0, t1), verdict, INLINE)


def _stands_alone(text: str, start: int) -> bool:
    """Is the copy where a sentence or caption starts (not inside another sentence)?"""
    before = text[:start].rstrip()
    if not before or before[-1] in _OPENS:
        return True
    lead = words(before[-60:])[-6:]
    return any(w in CAPTION_WORDS for w in lead)


def _ends_copy(text: str, end: int) -> int:
    """Where the cut ends: after the copy's own full stop, or before a new sentence; -1 if
    the sentence goes on (the copy is a clause of something longer)."""
    m = _END.match(text, end)
    if m:
        return m.end()
    rest = text[end:].lstrip()
    if not rest or rest[0].isupper() or rest[0] in "\"'“‘(":
        return end
    return -1
