"""One article as the detection rules see it: paragraphs, words, neighbours. Read-only.

Built once per cleaning round; nothing here changes while the rules run, so
any rule may ask anything of it in any order. What the rules decide lives in
`ledger.Ledger`, the one mutable thing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .align import SLACK, Words
from .config import DedupeConfig
from .models import Paragraph
from .rare_words import RareWords
from .segment import BULLET_RE, WORD_RE, normalize, split_paragraphs, word_spans, words


def heading_like(p: Paragraph) -> bool:
    """Reads like a title: no closing punctuation, not a list item."""
    if BULLET_RE.match(p.text):
        return False
    text = p.text.strip().strip("*#_ \"'“”‘’")
    return bool(text) and text[-1] not in ".!?:;,"


def _spans_by_character(text: str) -> list[tuple[int, int]] | None:
    """Word spans found in the text normalised character by character (slow, exact offsets)."""
    folded: list[str] = []
    origin: list[int] = []
    for at, ch in enumerate(text):
        n = normalize(ch)
        folded.append(n)
        origin += [at] * len(n)
    flat = "".join(folded)
    found = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(flat)]
    if [w for _, _, w in found] != words(text):
        return None
    return [(origin[s], origin[e - 1] + 1) for s, e, _ in found]


class Article:
    """The text, its paragraphs and word stream, and questions about positions."""

    def __init__(self, text: str, cfg: DedupeConfig) -> None:
        self.text = text
        self.cfg = cfg
        self.paragraphs = split_paragraphs(text)
        self.doc = Words(self.paragraphs, cfg.shingle)
        bounds = self.doc.bounds
        self.wordy = [i for i in range(len(self.paragraphs)) if bounds[i + 1] > bounds[i]]
        """Paragraphs that have words (the others are never judged)."""
        self.keys = {i: " ".join(self.doc.words[bounds[i] : bounds[i + 1]]) for i in self.wordy}
        self.occurrences: dict[str, list[int]] = {}
        """The paragraphs with each text (as normalised words), in order."""
        for i, key in self.keys.items():
            self.occurrences.setdefault(key, []).append(i)
        unique = [i for i, key in self.keys.items() if self.occurrences[key][0] == i]
        self.rare_words = RareWords(self.doc, unique, cfg.candidates)
        self.short = [i for i in self.wordy if bounds[i + 1] - bounds[i] < cfg.min_words]
        self.short_set = frozenset(self.short)
        self._spans: dict[int, list[tuple[int, int]] | None] = {}

    def word_spans(self, i: int) -> list[tuple[int, int]] | None:
        """Character spans of paragraph i's words, computed once (a memo, not state).

        Where `segment.word_spans` is unsure (normalising non-ASCII text moved
        word boundaries), each character is normalised on its own and the
        words found in that are mapped back; None if even that disagrees.
        """
        if i not in self._spans:
            text = self.paragraphs[i].text
            self._spans[i] = word_spans(text) or _spans_by_character(text)
        return self._spans[i]

    def words_of(self, i: int) -> tuple[int, int]:
        """Paragraph i's words as a range of the word stream."""
        return self.doc.bounds[i], self.doc.bounds[i + 1]

    def size(self, i: int) -> int:
        a, b = self.words_of(i)
        return b - a

    def is_short(self, i: int) -> bool:
        return self.size(i) < self.cfg.min_words

    def first_occurrence(self, i: int) -> int:
        """The first paragraph with exactly i's words (i itself if it is the first)."""
        return self.occurrences[self.keys[i]][0]

    def paragraph_of(self, word: int) -> int:
        return self.doc.paragraph_of(word)

    def prev_with_words(self, i: int) -> int | None:
        k = bisect_left(self.wordy, i)
        return self.wordy[k - 1] if k > 0 else None

    def next_with_words(self, i: int) -> int | None:
        k = bisect_right(self.wordy, i)
        return self.wordy[k] if k < len(self.wordy) else None

    def is_heading(self, i: int) -> bool:
        """One of the first two paragraphs (a title, or one under a standfirst), title-like."""
        return i in self.wordy[:2] and heading_like(self.paragraphs[i])

    def is_heading_region(self, region: tuple[int, int]) -> bool:
        return any(self.words_of(h) == region for h in self.wordy[:2])

    def ends_a_paragraph(self, word: int) -> bool:
        bounds = self.doc.bounds
        k = bisect_left(bounds, word)
        return k < len(bounds) and bounds[k] == word

    def source_follows(self, end: int, start: int) -> bool:
        """Does source text starting at `start` follow source text ending at `end`?

        Region ends are known to within the alignment slack; a copy may also
        have dropped the one paragraph in between.
        """
        if abs(start - end) <= SLACK:
            return True
        k = self.doc.paragraph_of(end) if end < len(self.doc.words) else None
        return (
            k is not None
            and k + 1 < len(self.paragraphs)
            and (abs(self.doc.bounds[k + 1] - start) <= SLACK)
        )

    def same_block(self, i: int, j: int) -> bool:
        """Are paragraphs i < j lines of one block (no blank line between them)?"""
        between = self.text[self.paragraphs[i].end : self.paragraphs[j].start]
        return between.count("\n") + between.count("\r") - between.count("\r\n") <= 1

    def source_before(self, t: int) -> str:
        """The word before word t's source ("" at the start)."""
        s = self.doc.source(t)
        return self.doc.words[s - 1] if s > 0 else ""
