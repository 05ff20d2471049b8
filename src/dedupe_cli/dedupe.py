"""Find text that repeats earlier text in the same article, and cut it out.

`align` finds candidates and verifies them word by word; this module decides,
paragraph by paragraph, what goes: long paragraphs on their own evidence;
short ones (titles, list items, quoted refrains) only as part of a removed
run, as an immediate repeat, or as a repeat of the article's heading; partial
copies lose only the copied words. `cut` removes the spans.

Nothing here does I/O; the result says what was removed and why.
"""

from __future__ import annotations

import dataclasses
import gc
import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, product

from .align import (
    SLACK,
    Verdict,
    Words,
    after_sentence,
    is_word_tail,
    restart_junction,
    token_start,
    verify,
)
from .config import DEFAULT_CONFIG, DedupeConfig
from .cut import cut, merge_rounds
from .models import CleanResult, Paragraph, Removal, Suspect
from .rare_words import RareWords
from .segment import BULLET_RE, split_paragraphs, word_spans, words
from .sentences import sentence_spans

__all__ = ["DEFAULT_CONFIG", "DedupeConfig", "clean_text", "cut"]


@dataclass
class _Decision:
    """A whole-paragraph verdict, before short paragraphs are settled."""

    verdict: Verdict
    source: int
    short: bool


def _heading_like(p: Paragraph) -> bool:
    """Reads like a title: no closing punctuation, not a list item."""
    if BULLET_RE.match(p.text):
        return False
    text = p.text.strip().strip("*#_ \"'“”‘’")
    return bool(text) and text[-1] not in ".!?:;,"


_Cut = tuple[int, int, Verdict]
"""A piece of a paragraph to remove: start and end offsets in its text, and why."""


class _Cleaner:
    """Runs detection over one article and collects removals.

    Passes: (1) each paragraph on its own evidence; (2) runs extended to
    neighbours that copy the neighbours of the source, and short repeats of
    the heading; (3) short repeats settled by run evidence; (4) paragraphs
    that are only partly a copy lose the copied part.
    """

    def __init__(self, text: str, cfg: DedupeConfig) -> None:
        self.text = text
        self.cfg = cfg
        self.paragraphs = split_paragraphs(text)
        self.doc = Words(self.paragraphs, cfg.shingle)
        bounds = self.doc.bounds
        self.wordy = [i for i in range(len(self.paragraphs)) if bounds[i + 1] > bounds[i]]
        self.whole: dict[int, _Decision] = {}
        self.pending: dict[int, _Decision] = {}
        self.rejected: dict[int, Verdict] = {}
        self.partial: dict[int, list[_Cut]] = {}
        self._keys = {i: " ".join(self.doc.words[bounds[i] : bounds[i + 1]]) for i in self.wordy}
        self.occurrences: dict[str, list[int]] = {}
        """The paragraphs with each text (as normalised words), in order."""
        for i, key in self._keys.items():
            self.occurrences.setdefault(key, []).append(i)
        unique = [i for i, key in self._keys.items() if self.occurrences[key][0] == i]
        self._rare_words = RareWords(self.doc, unique)
        self._kept_before: dict[int, int | None] = {}
        self._kept_after: dict[int, int | None] = {}
        self._tried: set[tuple[int, tuple[int, int]]] = set()
        self._partial_context: dict[int, tuple[bool, bool]] = {}
        self._short = [i for i in self.wordy if bounds[i + 1] - bounds[i] < cfg.min_words]
        self._short_set = frozenset(self._short)
        self._partial_candidates = [
            i
            for i in self.wordy
            if self.doc.covered(bounds[i], bounds[i + 1]) >= 2
            or self._stutter_cut(self.paragraphs[i])
        ]

    def run(self) -> CleanResult:
        for i in self.wordy:
            self._judge(i)
        changed = True
        while changed:
            # passes 2-4 until nothing changes: every removal can be the evidence
            # for another (a short copy settled by a run can anchor the next one;
            # a paragraph found to be all copy makes its neighbour end in a run).
            # Repeating makes cleaning idempotent: a second run finds nothing new.
            before = (len(self.whole), len(self.pending), len(self.partial))
            self._extend_runs()
            self._settle_short()
            self._spare_lookalike_runs()
            self._cut_partial_copies()
            changed = (len(self.whole), len(self.pending), len(self.partial)) != before
        return self._result()

    def _cut_partial_copies(self) -> None:
        """Pass 4: cut the copied part out of paragraphs that are partly copies.

        A paragraph is judged again in a later round only if a neighbour's
        fate changed, since that is the only evidence that moves. One with
        (almost) no copied words can only lose a stutter at its end, whatever
        its neighbours: it is a candidate only if it has one.
        """
        for i in self._partial_candidates:
            if self._undecided(i) and not self._is_lookalike(i):
                context = (
                    self._prev_with_words(i) in self.whole,
                    self._next_with_words(i) in self.whole,
                )
                if self._partial_context.get(i) == context:
                    continue
                self._partial_context[i] = context
                self._judge_partial(self.paragraphs[i])

    def _undecided(self, i: int) -> bool:
        return i not in self.whole and i not in self.pending and i not in self.partial

    def _is_lookalike(self, i: int) -> bool:
        return i in self.rejected and self.rejected[i].lookalike

    def _words_of(self, i: int) -> tuple[int, int]:
        return self.doc.bounds[i], self.doc.bounds[i + 1]

    def _prev_with_words(self, i: int) -> int | None:
        k = bisect_left(self.wordy, i)
        return self.wordy[k - 1] if k > 0 else None

    def _prev_kept(self, i: int) -> int | None:
        """The paragraph before i once removed copies are gone (what a rerun would see)."""
        return self._kept_neighbour(i, self._prev_with_words, self._kept_before)

    def _next_kept(self, i: int) -> int | None:
        """The paragraph after i once removed copies are gone."""
        return self._kept_neighbour(i, self._next_with_words, self._kept_after)

    def _kept_neighbour(
        self, i: int, step: Callable[[int], int | None], memo: dict[int, int | None]
    ) -> int | None:
        """The nearest paragraph with words in one direction that is not a removed copy.

        Jumps over runs of removed copies remember where they landed, so
        100k repeats of one paragraph cost linear time, not quadratic.
        """
        j = step(i)
        jumped = []
        while j is not None and j in self.whole:
            jumped.append(j)
            j = memo.get(j, step(j))
        for k in jumped:
            memo[k] = j
        return j

    def _next_with_words(self, i: int) -> int | None:
        k = bisect_right(self.wordy, i)
        return self.wordy[k] if k < len(self.wordy) else None

    # -- pass 1 -------------------------------------------------------------------------------

    def _judge(self, i: int) -> None:
        a, b = self._words_of(i)
        earlier = self.occurrences[self._keys[i]][0]
        if earlier != i:
            lo, hi = self._words_of(earlier)
            verdict: Verdict | None = Verdict(True, 100.0, lo, "exact", False, hi)
        else:
            verdict = verify(self.doc, a, b, self.cfg)
        if verdict is None and b - a >= self.cfg.min_words:
            verdict = self._verify_by_shared_words(i)
        if verdict is not None:
            self._decide(i, verdict)

    def _verify_by_shared_words(self, i: int) -> Verdict | None:
        """A second way to find a candidate: an earlier paragraph with most of the same words.

        Typos every few words leave no five-word run intact, so the shingle
        index misses such a copy. Rare words still match: each paragraph is
        looked up by its words that occur in few paragraphs (an inverted
        index, so the work stays linear), and the best earlier match is
        verified like any other candidate.
        """
        a, b = self._words_of(i)
        found = self._rare_words.votes(i)
        if found is None:
            return None  # no earlier paragraph can have enough of them
        votes, need = found
        size = b - a
        ranked = sorted(
            (j for j, n in votes.items() if n >= need),
            key=lambda j: (-votes[j], abs(self._words_of(j)[1] - self._words_of(j)[0] - size), j),
        )
        for j in ranked[: self.cfg.candidates.shared_word_candidates]:
            verdict = verify(self.doc, a, b, self.cfg, self._words_of(j), only_ok=True)
            # a weak way to find candidates: only a confirmed copy counts, not a near miss
            if verdict is not None and verdict.ok:
                return verdict
        return None

    def _decide(self, i: int, verdict: Verdict, run: bool = False) -> None:
        """Record a verdict; short copies wait for run or heading evidence."""
        if not verdict.ok:
            self.rejected.setdefault(i, verdict)
            return
        self.rejected.pop(i, None)
        source = self.doc.paragraph_of(verdict.source_word)
        a, b = self._words_of(i)
        short = b - a < self.cfg.min_words
        decision = _Decision(verdict, source, short)
        if short and not run and not self._short_ok(i, source):
            self.pending[i] = decision
        else:
            self.whole[i] = decision

    def _short_ok(self, i: int, source: int) -> bool:
        """A short repeat stands alone only as a stutter or a repeated heading.

        The heading is one of the article's first two paragraphs (a title, or
        a title under a standfirst) that does not read like a sentence.
        """
        a, b = self._words_of(i)
        if b - a < 3:
            return False
        prev = self._prev_kept(i)
        # right after its source (once the copies between them are gone), or
        # after another copy of the same source
        stutter = source == prev or self._kept_source(source) == prev
        return stutter or self._is_heading(source)

    def _is_heading(self, i: int) -> bool:
        return i in self.wordy[:2] and _heading_like(self.paragraphs[i])

    # -- pass 2 -------------------------------------------------------------------------------

    def _extend_runs(self) -> None:
        """Neighbours of a removed copy are checked against the source's neighbours.

        This catches copies too damaged for the shingle index to notice on
        their own (a short line with a typo inside a repeated run), with the
        same verification as everything else.

        A paragraph can only find something new when its neighbours changed
        since it was last looked at, so each pass visits just those, in the
        order a pass over all paragraphs would take: a new copy's next
        neighbour (and the short paragraph it now follows) join the current
        pass, its previous neighbour the next pass. The first pass takes
        every paragraph that has a region to try.
        """
        todo = sorted(self._run_candidates())
        while todo:
            again: set[int] = set()
            while todo:
                i = heapq.heappop(todo)
                if self._extend_run(i):
                    for j in (self._next_with_words(i), self._next_kept_short(i)):
                        if j is not None:
                            heapq.heappush(todo, j)
                    if (j := self._prev_with_words(i)) is not None:
                        again.add(j)
            todo = sorted(again)

    def _next_kept_short(self, i: int) -> int | None:
        """The short paragraph that now comes right after the kept text before i, if any."""
        j = self._next_kept(i)
        return j if j is not None and j in self._short_set else None

    def _run_candidates(self) -> set[int]:
        """The paragraphs `_run_regions` can give a region: short ones, neighbours of copies."""
        out = set(self._short)
        for j in chain(self.whole, self.pending):
            out.add(self._prev_with_words(j))
            out.add(self._next_with_words(j))
        out.discard(None)
        return out  # type: ignore[return-value]

    def _extend_run(self, i: int) -> bool:
        """Try the untried run regions of paragraph i; True if it turned out a copy."""
        if i in self.whole or i in self.pending or self._is_lookalike(i):
            return False
        for region in self._run_regions(i):
            if (i, region) in self._tried:
                continue  # each pairing is verified once, however often we pass
            self._tried.add((i, region))
            a, b = self._words_of(i)
            short = b - a < self.cfg.runs.strict_below_words
            threshold = self.cfg.threshold if short else self.cfg.runs.threshold
            verdict = verify(self.doc, a, b, self.cfg, region, threshold, only_ok=True)
            if verdict is not None and verdict.ok:
                self._decide(i, verdict, run=not self._is_heading_region(region))
                return True
        return False

    def _run_regions(self, i: int) -> list[tuple[int, int]]:
        """Source regions suggested by the neighbours' sources and by the heading.

        A copied run continues in its source: the words after the previous
        copy's source, or before the next copy's source, as many as this
        paragraph has (the alignment trims the slack).
        """
        out = []
        a, b = self._words_of(i)
        n = b - a + SLACK
        prev, nxt = self._prev_with_words(i), self._next_with_words(i)
        before, after = self._copy(prev), self._copy(nxt)
        if before is not None and (end := before.verdict.source_end) >= 0:
            out.append((end, min(end + n, a)))
        if after is not None:
            start = after.verdict.source_word
            out.append((max(0, start - n), min(start, a)))
        if b - a < self.cfg.min_words:
            out += [self._words_of(h) for h in self.wordy[:2] if h < i and self._is_heading(h)]
            kept = self._prev_kept(i)
            if kept is not None:  # the scrape restarted a few words back
                start, end = self._words_of(kept)
                out.append((max(start, end - n), end))
        return [(lo, hi) for lo, hi in out if lo < hi]

    def _copy(self, i: int | None) -> _Decision | None:
        """The decision on paragraph i if it is a copy (a pending short copy is still one)."""
        if i is None:
            return None
        return self.whole.get(i) or self.pending.get(i)

    def _is_heading_region(self, region: tuple[int, int]) -> bool:
        return any(self._words_of(h) == region for h in self.wordy[:2])

    # -- pass 3 -------------------------------------------------------------------------------

    def _settle_short(self) -> None:
        """Short repeats that continue a run of copies, in the source too, are copies."""
        changed = True
        while changed and self.pending:
            changed = False
            for i in sorted(self.pending):
                if self._continues_run(i) or self._short_ok(i, self.pending[i].source):
                    self.whole[i] = self.pending.pop(i)
                    changed = True

    def _continues_run(self, i: int) -> bool:
        """Does short copy i sit next to a copy whose source sits next to i's source?

        The neighbour must be a removed copy, or another short copy when the
        two together are long enough to be more than a coincidence. One
        paragraph may be missing from the copy or inserted into it (an edited
        run), so the neighbour may be one paragraph further away, in the copy
        or in the source.
        """
        for j in self._run_neighbours(i):
            if j not in self.whole and j in self.pending:
                a, b = self._words_of(i)
                c, d = self._words_of(j)
                if (b - a) + (d - c) < self.cfg.runs.min_pair_words:
                    continue
            elif j not in self.whole:
                continue
            for (m_lo, m_hi), (t_lo, t_hi) in product(self._sources(i), self._sources(j)):
                # after a copy, the short one must finish its source paragraph (or
                # a short copy after it must): a lone "Why?" after a run is not a
                # copy of the next paragraph's first word
                ends = self._ends_a_paragraph(m_hi) or self._continued(i)
                if j < i and ends and self._source_follows(t_hi, m_lo):
                    return True
                if j > i and self._source_follows(m_hi, t_lo):
                    return True
        return False

    def _sources(self, i: int) -> list[tuple[int, int]]:
        """Source words of copy i; an exact repeat may copy any earlier occurrence."""
        decision = self._copy(i)
        assert decision is not None  # only copies have sources
        v = decision.verdict
        same = self.occurrences.get(self._keys[i], [])
        earlier = [self._words_of(j) for j in same if j < i] if v.reason == "exact" else []
        return earlier or [(v.source_word, v.source_end)]

    def _continued(self, i: int) -> bool:
        """Is short copy i followed by another short copy of the words after its source?"""
        j = self._next_with_words(i)
        return j in self.pending and self._source_follows(
            self.pending[i].verdict.source_end, self.pending[j].verdict.source_word
        )

    def _run_neighbours(self, i: int) -> list[int]:
        """The copies next to i, looking past one paragraph that is not a copy."""
        out = []
        for step in (self._prev_with_words, self._next_with_words):
            j = step(i)
            if j is not None and j not in self.whole and j not in self.pending:
                j = step(j)
            if j is not None:
                out.append(j)
        return out

    def _source_follows(self, end: int, start: int) -> bool:
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

    def _spare_lookalike_runs(self) -> None:
        """A copy that continues a lookalike, in the source too, is part of the lookalike.

        A hard-wrapped lookalike can split in two: the half with the changed
        name is kept, and its unchanged other half must stay with it.
        """
        changed = True
        while changed:
            changed = False
            for i in sorted(self.whole):
                if self._next_to_lookalike(i):
                    d = self.whole.pop(i)
                    self._kept_before.clear()  # i is kept again: jumps over it are stale
                    self._kept_after.clear()
                    why = f"kept: continues a lookalike of paragraph {d.source + 1}"
                    self.rejected[i] = dataclasses.replace(
                        d.verdict, ok=False, reason=why, lookalike=True
                    )
                    changed = True

    def _next_to_lookalike(self, i: int) -> bool:
        mine = self.whole[i].verdict
        prev, nxt = self._prev_with_words(i), self._next_with_words(i)
        if self.whole[i].source in (prev, nxt):
            return False  # it repeats the lookalike itself: a plain copy
        before = self.rejected.get(prev) if prev is not None else None
        after = self.rejected.get(nxt) if nxt is not None else None
        return bool(
            (before and before.lookalike and abs(mine.source_word - before.source_end) <= SLACK)
            or (after and after.lookalike and abs(after.source_word - mine.source_end) <= SLACK)
        )

    def _ends_a_paragraph(self, word: int) -> bool:
        k = bisect_left(self.doc.bounds, word)
        return k < len(self.doc.bounds) and self.doc.bounds[k] == word

    # -- pass 4 -------------------------------------------------------------------------------

    def _judge_partial(self, p: Paragraph) -> None:
        """Cut the copied part out of a paragraph that is only partly a copy."""
        a, b = self._words_of(p.index)
        covered = self.doc.covered(a, b)
        if covered < 2:  # (a cut needs at least two copied words)
            cuts = self._stutter_cut(p)
        elif covered < self.cfg.min_words:  # too few for sentence cuts, which need min_words
            cuts = self._tail_cut(p)
        else:
            cuts = self._tail_cut(p) or self._sentence_cuts(p)
        if cuts:
            self.partial[p.index] = cuts

    def _tail_cut(self, p: Paragraph) -> list[_Cut]:
        """A paragraph that ends in a copy (a scrape that restarted mid-text).

        The copied words run to the end of the paragraph (the last one may be
        cut short, as the scrape stopped); the cut starts at the first copied
        word, or at the word fragment just before it.
        """
        a, b = self._words_of(p.index)
        t = self.doc.covered_from(a, b - 1 if self._cut_short_end(a, b) else b)
        if b - t < 2 or t == a:
            return self._stutter_cut(p)
        spans = word_spans(p.text)
        if spans is None:
            return self._stutter_cut(p)
        fragment = is_word_tail(self.doc.words[t - 1], self._source_before(t))
        start = t - 1 if fragment else t
        offset = token_start(p.text, spans[start - a][0])
        long_copy = b - t >= self.cfg.partial.long_tail_words
        if not (fragment or long_copy or after_sentence(p.text, offset)):
            # a copy glued on by a restart follows finished text or cuts a word:
            # a shared ending mid-sentence ("...after the firm reported results")
            # is a template, not a restart (unless it is far longer than one)
            return self._stutter_cut(p)
        junction = restart_junction(p.text, offset)
        if b - t < self.cfg.partial.min_restart_words and not junction:
            return self._stutter_cut(p)
        if not self._tail_evidence(p.index, t, b, fragment or junction):
            return []
        verdict = verify(self.doc, start, b, self.cfg, only_ok=True)
        if verdict is None or not verdict.ok or words(p.text[offset:]) != self.doc.words[start:b]:
            return []
        return [(offset, len(p.text), verdict)]

    def _cut_short_end(self, a: int, b: int) -> bool:
        """Is the last word the start of the word that follows its neighbour's source?"""
        if b - a < 2 or self.doc.source(b - 1) >= 0:
            return False
        before = self.doc.source(b - 2)
        w = self.doc.words
        return 0 <= before < len(w) - 1 and w[before + 1].startswith(w[b - 1])

    def _stutter_cut(self, p: Paragraph) -> list[_Cut]:
        """A paragraph whose last few words repeat the words just before them.

        Too short for the shingle index ("...grew by 8.5%. grew by 8.5%."),
        but an immediate repeat at the very end is a restart, not style.
        """
        a, b = self._words_of(p.index)
        w = self.doc.words
        for n in range(
            min(self.cfg.shingle, (b - a) // 2), self.cfg.partial.min_restart_words - 1, -1
        ):
            if w[b - n : b] == w[b - 2 * n : b - n] and len(set(w[b - n : b])) > 1:
                spans = word_spans(p.text)
                if spans is None:
                    return []
                offset = spans[b - n - a][0]
                lo, hi = b - 2 * n, b - n
                verdict = Verdict(True, 100.0, lo, "exact", False, hi)
                return [(offset, len(p.text), verdict)]
        return []

    def _tail_evidence(self, i: int, t: int, b: int, restart: bool) -> bool:
        """Is the copied tail words[t:b] a restart rather than a coincidence?

        Long tails that run into a removed copy (or end the article) are; so
        are short ones that show the restart (a word fragment, or a lowercase
        word right after a full stop) or repeat the words just before them.
        """
        nxt = self._next_with_words(i)
        if b - t >= self.cfg.min_words and (
            nxt is None or nxt in self.whole or b - t >= 2 * self.cfg.min_words
        ):
            return True
        if restart or self.doc.source(b - 1) == t - 1:
            return True
        # the copied tail leads straight into the next removed copy, in the source too
        follows = self.whole.get(nxt) if nxt is not None else None
        return (
            follows is not None
            and b - t
            > self.cfg.partial.min_restart_words  # 3 words ("their full potential") recur by chance
            and abs(follows.verdict.source_word - self.doc.source(b - 1) - 1) <= 1
        )

    def _source_before(self, t: int) -> str:
        s = self.doc.source(t)
        return self.doc.words[s - 1] if s > 0 else ""

    def _sentence_cuts(self, p: Paragraph) -> list[_Cut]:
        """Whole sentences of the paragraph that copy earlier text."""
        a, b = self._words_of(p.index)
        if not self._enough_covered_for_sentences(p.index, self.doc.covered(a, b), b - a):
            return []
        spans = sentence_spans(p.text)
        ranges = self._sentence_words(p, spans, a)
        if ranges is None or len(ranges) < 2 or not self._sentence_cuts_possible(p, ranges):
            return []
        hits: list[_Cut] = []
        for (s, e), (wa, wb) in zip(spans, ranges, strict=True):
            v = verify(self.doc, wa, wb, self.cfg) if wb > wa else None
            if v is not None and v.lookalike:
                return []
            if v is not None and v.ok:
                hits.append((s, e, v))
        if len(hits) == len(spans):
            v = hits[0][2]
            self.whole[p.index] = _Decision(v, self.doc.paragraph_of(v.source_word), False)
            return []
        return hits if hits and self._partial_ok(p, hits, spans) else []

    def _enough_covered_for_sentences(self, i: int, covered: int, size: int) -> bool:
        """Can sentence cuts succeed with this many covered words? (before finding sentences)

        Every copied sentence is at least `coverage` covered. Away from a
        removed neighbour, cuts need sentences of `self.cfg.partial.long_sentences_words`
        words in all, or every sentence (then the paragraph is covered as
        much as one sentence must be).
        """
        if self._prev_with_words(i) in self.whole or self._next_with_words(i) in self.whole:
            return True
        cov = self.cfg.coverage
        return covered >= cov * self.cfg.partial.long_sentences_words or covered >= cov * size

    def _sentence_cuts_possible(self, p: Paragraph, ranges: list[tuple[int, int]]) -> bool:
        """Could verifying the sentences give cuts? (verification is the expensive part)

        A sentence with too few covered words has no candidate, so it is
        neither a copy nor a lookalike: the copies can only come from the
        others, and `_partial_ok` must be able to accept them.
        """
        cov = self.cfg.coverage
        maybe = [wb > wa and self.doc.covered(wa, wb) >= cov * (wb - wa) for wa, wb in ranges]
        if all(maybe):
            return True
        n_words = sum(wb - wa for (wa, wb), m in zip(ranges, maybe, strict=True) if m)
        return self._cuts_acceptable(p.index, n_words, sum(maybe), maybe[0], maybe[-1])

    def _sentence_words(
        self, p: Paragraph, spans: list[tuple[int, int]], a: int
    ) -> list[tuple[int, int]] | None:
        ranges = []
        pos = a
        for s, e in spans:
            n = len(words(p.text[s:e]))
            ranges.append((pos, pos + n))
            pos += n
        return ranges if pos == self._words_of(p.index)[1] else None

    def _partial_ok(self, p: Paragraph, hits: list[_Cut], spans: list[tuple[int, int]]) -> bool:
        """Sentence cuts need run evidence: they touch a removed neighbour or are long."""
        n_words = sum(len(words(p.text[s:e])) for s, e, _ in hits)
        first, last = hits[0][0] == spans[0][0], hits[-1][1] == spans[-1][1]
        return self._cuts_acceptable(p.index, n_words, len(hits), first, last)

    def _cuts_acceptable(self, i: int, n_words: int, n_cut: int, first: bool, last: bool) -> bool:
        """The rule for cutting copied sentences out of paragraph i.

        `n_cut` sentences of `n_words` words in all; `first`/`last`: whether
        they include the paragraph's first/last sentence. They must touch a
        removed neighbour on that side, or be several and long.
        """
        if n_words < self.cfg.min_words:
            return False
        at_end = last and self._next_with_words(i) in self.whole
        at_start = first and self._prev_with_words(i) in self.whole
        return (
            at_end or at_start or (n_cut >= 2 and n_words >= self.cfg.partial.long_sentences_words)
        )

    # -- result -------------------------------------------------------------------------------

    def _result(self) -> CleanResult:
        removals = [self._whole_removal(i, d) for i, d in sorted(self.whole.items())]
        removals += [
            self._partial_removal(i, cut) for i, cuts in self.partial.items() for cut in cuts
        ]
        removals.sort(key=lambda r: r.start)
        cleaned = cut(self.text, self.paragraphs, removals)
        return CleanResult(
            self.text, cleaned, tuple(self.paragraphs), tuple(removals), self._suspects()
        )

    def _suspects(self) -> tuple[Suspect, ...]:
        """Paragraphs that looked like copies but were kept, with the reason."""
        out = []
        for i, v in sorted(self.rejected.items()):
            if (
                i in self.whole
                or i in self.partial
                or not (v.lookalike or v.similarity >= self.cfg.suspect_similarity)
            ):
                continue
            source = self.doc.paragraph_of(v.source_word)
            out.append(
                Suspect(i, self.paragraphs[i].text, source, round(v.similarity, 1), v.reason)
            )
        return tuple(out)

    def _partial_removal(self, i: int, piece: _Cut) -> Removal:
        p = self.paragraphs[i]
        s, e, v = piece
        src = self._kept_source(self.doc.paragraph_of(v.source_word))
        return Removal(
            i, p.text[s:e], src, round(v.similarity, 1), "partial copy", p.start + s, p.start + e
        )

    def _kept_source(self, i: int) -> int:
        while i in self.whole:
            i = self.whole[i].source
        return i

    def _whole_removal(self, i: int, d: _Decision) -> Removal:
        p = self.paragraphs[i]
        reason = d.verdict.reason
        if d.short and reason == "exact":
            reason = "exact (short: in a run, or the heading)"
        return Removal(
            i,
            p.text,
            self._kept_source(d.source),
            round(d.verdict.similarity, 1),
            reason,
            p.start,
            p.end,
        )


def clean_text(text: str, config: DedupeConfig = DEFAULT_CONFIG) -> CleanResult:
    """Remove repeated paragraphs and sentences; keep first copies, byte for byte.

    The cleaner runs again on its own output until that output is stable, so
    cleaning is idempotent by construction: removing one copy can make
    another one plain (two copies of a short line that were kept apart by a
    third). Later rounds report their removals in the input's terms.
    """
    with _cycle_collector_paused():
        result = _Cleaner(text, config).run()
        for _ in range(config.max_rounds - 1):
            if not result.removed:
                break
            again = _Cleaner(result.cleaned, config).run()
            if not again.removed:
                break
            result = merge_rounds(result, again)
    return result


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while cleaning (plain reference counting goes on).

    Cleaning makes millions of small objects (words, offsets) and no
    reference cycles; the collector would re-scan them all again and again
    as they pile up, which costs a fifth of the time on a 10 MB article and
    grows faster than the input.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
