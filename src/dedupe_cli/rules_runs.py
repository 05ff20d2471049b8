"""Passes 2-4: evidence from runs of copies, and the protection of lookalikes.

Rules (identifiers as in `Removal.rule` and the README):

- `run-extension` (pass 2): the neighbour of a removed copy is checked against
  the neighbour of its source; it goes at `runs.threshold` (its own bar: one
  typo costs a short line many points), with the same word-by-word
  explanation as every other rule.
- `short-in-run` (pass 3): a held short copy goes when it sits next to a copy
  whose source sits next to its own source.
- `continues-lookalike` (pass 4, a refusal): a copy that continues a kept
  lookalike, in the source too, is the lookalike's other half and is kept.
"""

from __future__ import annotations

import heapq
from dataclasses import replace
from itertools import chain, product

from .align import SLACK, Verdict, verify
from .article import Article
from .ledger import Ledger
from .rules_whole import HEADING, decide, short_evidence

RUN = "run-extension"
SHORT_IN_RUN = "short-in-run"
LOOKALIKE_RUN = "continues-lookalike"


def extend_runs(art: Article, led: Ledger) -> None:
    """Pass 2: neighbours of removed copies, checked against their sources' neighbours.

    This catches copies too damaged for the shingle index to notice on
    their own (a short line with a typo inside a repeated run).

    A paragraph can only find something new when its neighbours changed
    since it was last looked at, so each pass visits just those, in the
    order a pass over all paragraphs would take: a new copy's next
    neighbour (and the short paragraph it now follows) join the current
    pass, its previous neighbour the next pass. The first pass takes
    every paragraph that has a region to try.
    """
    todo = sorted(_run_candidates(art, led))
    while todo:
        again: set[int] = set()
        while todo:
            i = heapq.heappop(todo)
            if _extend_run(art, led, i):
                for j in (art.next_with_words(i), _next_kept_short(art, led, i)):
                    if j is not None:
                        heapq.heappush(todo, j)
                if (j := art.prev_with_words(i)) is not None:
                    again.add(j)
        todo = sorted(again)


def _next_kept_short(art: Article, led: Ledger, i: int) -> int | None:
    """The short paragraph that now comes right after the kept text before i, if any."""
    j = led.next_kept(i)
    return j if j is not None and j in art.short_set else None


def _run_candidates(art: Article, led: Ledger) -> set[int]:
    """The paragraphs `run_regions` can give a region: short ones, neighbours of copies."""
    out = set(art.short)
    for j in chain(led.removed, led.held):
        for k in (art.prev_with_words(j), art.next_with_words(j)):
            if k is not None:
                out.add(k)
    return out


def _extend_run(art: Article, led: Ledger, i: int) -> bool:
    """`run-extension` on paragraph i: True if one of its run regions shows it is a copy."""
    if i in led.removed or i in led.held or led.is_lookalike(i):
        return False
    for region in run_regions(art, led, i):
        if (i, region) in led.tried:
            continue  # each pairing is verified once, however often we pass
        led.tried.add((i, region))
        strict = art.size(i) < art.cfg.runs.strict_below_words
        threshold = art.cfg.threshold if strict else art.cfg.runs.threshold
        verdict = verify(art.doc, *art.words_of(i), art.cfg, region, threshold, only_ok=True)
        if verdict is not None and verdict.ok and not _restart_ends_early(art, led, i, verdict):
            heading = art.is_heading_region(region)
            decide(art, led, i, verdict, HEADING if heading else RUN, run=not heading)
            return True
        if verdict is not None:
            led.note(i, RUN, False, verdict.reason, verdict)
    return False


def _restart_ends_early(art: Article, led: Ledger, i: int, verdict: Verdict) -> bool:
    """A restart repeats the end of the kept text before it ("...of 5%." then "of 5%.").

    A short line matching the start of the previous paragraph and dropping
    its end ("The Godfather" after "The Godfather Part III") is a shorter
    title, contained in the longer one: not a copy.
    """
    kept = led.prev_kept(i)
    if kept is None or not art.is_short(i):
        return False
    start, end = art.words_of(kept)
    return start <= verdict.source_word < end and verdict.source_end < end


def run_regions(art: Article, led: Ledger, i: int) -> list[tuple[int, int]]:
    """Source regions suggested by the neighbours' sources and by the heading.

    A copied run continues in its source: the words after the previous
    copy's source, or before the next copy's source, as many as this
    paragraph has (the alignment trims the slack). A short paragraph may
    also repeat the heading, or restart a few words back into the kept text.
    """
    out = []
    a, b = art.words_of(i)
    n = b - a + SLACK
    before = led.copy(art.prev_with_words(i))
    after = led.copy(art.next_with_words(i))
    if before is not None and (end := before.verdict.source_end) >= 0:
        out.append((end, min(end + n, a)))
    if after is not None:
        start = after.verdict.source_word
        out.append((max(0, start - n), min(start, a)))
    if art.is_short(i):
        out += [art.words_of(h) for h in art.wordy[:2] if h < i and art.is_heading(h)]
        kept = led.prev_kept(i)
        if kept is not None:  # the scrape restarted a few words back
            start, end = art.words_of(kept)
            out.append((max(start, end - n), end))
    return [(lo, hi) for lo, hi in out if lo < hi and not _inside_a_copy(art, led, lo, hi)]


def _inside_a_copy(art: Article, led: Ledger, lo: int, hi: int) -> bool:
    """Does the region lie in a paragraph that is itself a copy? A run continues in its
    source, not in itself: "The Godfather" after "The Godfather Part II" (a copy of
    "The Godfather Part III") is not the next line of that run."""
    return any(
        k in led.removed or k in led.held for k in (art.paragraph_of(lo), art.paragraph_of(hi - 1))
    )


def settle_short(art: Article, led: Ledger) -> None:
    """Pass 3 (`short-in-run`): held short copies that continue a run, in the source too."""
    changed = True
    while changed and led.held:
        changed = False
        for i in sorted(led.held):
            d = led.held[i]
            run = _continues_run(art, led, i)
            rule = SHORT_IN_RUN if run else short_evidence(art, led, i, d.source)
            if rule is not None:
                led.remove(i, replace(d, rule=rule))
                changed = True


def _continues_run(art: Article, led: Ledger, i: int) -> bool:
    """Does short copy i sit next to a copy whose source sits next to i's source?

    The neighbour must be a removed copy, or another short copy when the
    two together are long enough to be more than a coincidence. One
    paragraph may be missing from the copy or inserted into it (an edited
    run), so the neighbour may be one paragraph further away, in the copy
    or in the source.
    """
    for j in _run_neighbours(art, led, i):
        if j not in led.removed and j in led.held:
            if art.size(i) + art.size(j) < art.cfg.runs.min_pair_words:
                continue
        elif j not in led.removed:
            continue
        for (m_lo, m_hi), (t_lo, t_hi) in product(_sources(art, led, i), _sources(art, led, j)):
            # after a copy, the short one must finish its source paragraph (or
            # a short copy after it must): a lone "Why?" after a run is not a
            # copy of the next paragraph's first word
            ends = art.ends_a_paragraph(m_hi) or _continued(art, led, i)
            if j < i and ends and art.source_follows(t_hi, m_lo):
                return True
            if j > i and art.source_follows(m_hi, t_lo):
                return True
    return False


def _sources(art: Article, led: Ledger, i: int) -> list[tuple[int, int]]:
    """Source words of copy i; an exact repeat may copy any earlier occurrence."""
    decision = led.copy(i)
    assert decision is not None  # only copies have sources
    v = decision.verdict
    same = art.occurrences.get(art.keys[i], [])
    earlier = [art.words_of(j) for j in same if j < i] if v.reason == "exact" else []
    return earlier or [(v.source_word, v.source_end)]


def _continued(art: Article, led: Ledger, i: int) -> bool:
    """Is short copy i followed by another short copy of the words after its source?"""
    j = art.next_with_words(i)
    return (
        j is not None
        and j in led.held
        and art.source_follows(led.held[i].verdict.source_end, led.held[j].verdict.source_word)
    )


def _run_neighbours(art: Article, led: Ledger, i: int) -> list[int]:
    """The copies next to i, looking past one paragraph that is not a copy."""
    out = []
    for step in (art.prev_with_words, art.next_with_words):
        j = step(i)
        if j is not None and j not in led.removed and j not in led.held:
            j = step(j)
        if j is not None:
            out.append(j)
    return out


def spare_lookalike_runs(art: Article, led: Ledger) -> None:
    """Pass 4 (`continues-lookalike`): a copy continuing a lookalike, in the source too, stays.

    A hard-wrapped lookalike can split in two: the half with the changed
    name is kept, and its unchanged other half must stay with it. Only lines
    of one block count: a paragraph after a blank line is a paragraph of its
    own, and an exact copy of one goes even next to a lookalike.
    """
    changed = True
    while changed:
        changed = False
        for i in sorted(led.removed):
            if _next_to_lookalike(art, led, i):
                d = led.removed[i]
                why = f"kept: continues a lookalike of paragraph {d.source + 1}"
                led.spare(
                    i, replace(d.verdict, ok=False, reason=why, lookalike=True), LOOKALIKE_RUN
                )
                changed = True


def _next_to_lookalike(art: Article, led: Ledger, i: int) -> bool:
    mine = led.removed[i]
    prev, nxt = art.prev_with_words(i), art.next_with_words(i)
    if mine.source in (prev, nxt):
        return False  # it repeats the lookalike itself: a plain copy
    before = led.refused.get(prev) if prev is not None and art.same_block(prev, i) else None
    after = led.refused.get(nxt) if nxt is not None and art.same_block(i, nxt) else None
    v = mine.verdict
    return bool(
        (before and before.lookalike and abs(v.source_word - before.source_end) <= SLACK)
        or (after and after.lookalike and abs(after.source_word - v.source_end) <= SLACK)
    )
