"""The detector's one piece of mutable state: every decision, with its rule and evidence.

Rules never keep state of their own. They ask the `Article` (read-only) and
this ledger, and answer by recording a decision (a removal with its verdict,
or a refusal with its reason). The result, and so every explanation a user
sees, is built from these records alone, so it cannot drift from what was
decided. With tracing on, every rule tried is also noted, for `explain`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .align import Verdict
from .article import Article
from .models import Attempt


class Cut(NamedTuple):
    """A piece of a paragraph to remove: offsets in its text, its words, the verdict, the rule."""

    start: int
    end: int
    words: tuple[int, int]
    """The piece's words, as a range of the article's word stream."""
    verdict: Verdict
    rule: str


@dataclass(frozen=True)
class Decision:
    """A whole paragraph found to be a copy: the verdict, its source paragraph, the rule.

    `pieces` is set when the paragraph copies several places (every sentence
    a copy of something): each piece is then explained on its own.
    """

    verdict: Verdict
    source: int
    short: bool
    rule: str
    pieces: tuple[Cut, ...] = ()


class Ledger:
    """Decisions on one article's paragraphs.

    `removed`: whole paragraphs that go. `held`: short copies waiting for run
    or heading evidence (they go only if a later rule settles them).
    `refused`: the verdict that kept a paragraph (a lookalike, or too far
    from its source). `cuts`: pieces cut out of partly copied paragraphs.
    """

    def __init__(self, article: Article, tracing: bool = False) -> None:
        self.article = article
        self.removed: dict[int, Decision] = {}
        self.held: dict[int, Decision] = {}
        self.refused: dict[int, Verdict] = {}
        self.cuts: dict[int, list[Cut]] = {}
        self.trace: list[Attempt] | None = [] if tracing else None
        self.tried: set[tuple[int, tuple[int, int]]] = set()
        """(paragraph, source region) pairs already verified: each is tried once."""
        self.partial_context: dict[int, tuple[bool, bool]] = {}
        """The neighbours' fate when a paragraph was last judged for cuts."""
        self._kept_before: dict[int, int | None] = {}
        self._kept_after: dict[int, int | None] = {}

    # -- records ------------------------------------------------------------------------------

    def note(
        self, i: int, rule: str, accepted: bool, evidence: str, verdict: Verdict | None = None
    ) -> None:
        """Trace one rule tried on paragraph i (only when tracing)."""
        if self.trace is None:
            return
        source, sim = -1, 0.0
        if verdict is not None and verdict.source_word >= 0:
            source = self.article.paragraph_of(min(verdict.source_word, self._last_word()))
            sim = round(verdict.similarity, 1)
        self.trace.append(Attempt(i, rule, accepted, evidence, source, sim))

    def _last_word(self) -> int:
        return max(0, len(self.article.doc.words) - 1)

    def remove(self, i: int, decision: Decision) -> None:
        """Paragraph i goes whole; cuts made in it before are part of that, not extra."""
        self.refused.pop(i, None)
        self.held.pop(i, None)
        self.cuts.pop(i, None)
        self.removed[i] = decision
        self.note(i, decision.rule, True, decision.verdict.reason, decision.verdict)

    def hold(self, i: int, decision: Decision) -> None:
        self.refused.pop(i, None)
        self.held[i] = decision
        why = "a short copy: removed only with run or heading evidence"
        self.note(i, decision.rule, False, why, decision.verdict)

    def refuse(self, i: int, verdict: Verdict, rule: str) -> None:
        """Keep the first reason a paragraph was refused (later tries add to the trace)."""
        self.refused.setdefault(i, verdict)
        self.note(i, rule, False, verdict.reason, verdict)

    def spare(self, i: int, verdict: Verdict, rule: str) -> None:
        """Take a removal back: the paragraph is kept, for the reason in `verdict`."""
        del self.removed[i]
        self._kept_before.clear()  # i is kept again: jumps over it are stale
        self._kept_after.clear()
        self.refused[i] = verdict
        self.note(i, rule, False, verdict.reason, verdict)

    def cut(self, i: int, cuts: list[Cut]) -> None:
        self.cuts[i] = cuts
        for c in cuts:
            self.note(i, c.rule, True, c.verdict.reason, c.verdict)

    def uncut(self, i: int, keep: list[Cut], rule: str) -> None:
        """Take back some cuts of paragraph i (those not in `keep`)."""
        if keep:
            self.cuts[i] = keep
        else:
            del self.cuts[i]
        self.note(i, rule, False, "kept: the text a cut copied was itself removed")

    # -- questions ----------------------------------------------------------------------------

    def copy(self, i: int | None) -> Decision | None:
        """The decision on paragraph i if it is a copy (a held short copy is still one)."""
        if i is None:
            return None
        return self.removed.get(i) or self.held.get(i)

    def undecided(self, i: int) -> bool:
        return i not in self.removed and i not in self.held and i not in self.cuts

    def is_lookalike(self, i: int) -> bool:
        return i in self.refused and self.refused[i].lookalike

    def kept_source(self, i: int) -> int:
        """Where a chain of removed copies ends: the kept paragraph they all copy."""
        while i in self.removed:
            i = self.removed[i].source
        return i

    def prev_kept(self, i: int) -> int | None:
        """The paragraph before i once removed copies are gone (what a rerun would see)."""
        return self._kept_neighbour(i, self.article.prev_with_words, self._kept_before)

    def next_kept(self, i: int) -> int | None:
        """The paragraph after i once removed copies are gone."""
        return self._kept_neighbour(i, self.article.next_with_words, self._kept_after)

    def _kept_neighbour(
        self, i: int, step: Callable[[int], int | None], memo: dict[int, int | None]
    ) -> int | None:
        """The nearest paragraph with words in one direction that is not a removed copy.

        Jumps over runs of removed copies remember where they landed, so
        100k repeats of one paragraph cost linear time, not quadratic.
        """
        j = step(i)
        jumped = []
        while j is not None and j in self.removed:
            jumped.append(j)
            j = memo.get(j, step(j))
        for k in jumped:
            memo[k] = j
        return j

    def neighbour_removed(self, i: int) -> tuple[bool, bool]:
        """Is the paragraph before i / after i a removed copy?"""
        art = self.article
        return art.prev_with_words(i) in self.removed, art.next_with_words(i) in self.removed

    def size(self) -> tuple[int, int, int]:
        """How many decisions of each kind: the passes repeat until this stops changing."""
        return len(self.removed), len(self.held), len(self.cuts)
