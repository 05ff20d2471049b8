"""The source of every removal must survive: copies of removed copies, followed to kept text.

Rule (identifier as in the README):

- `source-survives` (a refusal, after the other passes settle): a removal's
  source is followed through removed copies (and cut pieces) to the kept
  text it copies; the similarity is measured anew against that text, and if
  it falls below the removing rule's threshold the removal is taken back.
  Removing A as a copy of B and then A's exact copies leaves B, and B must
  still say what they said.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from .align import Verdict, is_word_tail
from .article import Article
from .ledger import Cut, Decision, Ledger
from .rules_runs import RUN

SOURCE_SURVIVES = "source-survives"
_MAX_HOPS = 16
"""A chain of copies of copies is followed this far (chains are short: each hop is earlier)."""


@dataclass(frozen=True)
class Source:
    """The kept words [lo, hi) a copy repeats, how similar, and whether it was followed."""

    lo: int
    hi: int
    similarity: float
    followed: bool
    fragment: int = 0
    """> 0 when the copy starts mid-word: the source starts this many letters
    before the end of its word `lo` (a scrape that restarted inside a word)."""


def rule_threshold(art: Article, rule: str) -> float:
    """The bar a removal by `rule` had to clear (run evidence has its own)."""
    return art.cfg.runs.threshold if rule == RUN else art.cfg.threshold


def surviving_source(art: Article, led: Ledger, v: Verdict, copy: tuple[int, int]) -> Source:
    """Where the words `copy` (which verdict v found a copy) are repeated in kept text."""
    lo, hi = source_range(art, v)
    followed = False
    for _ in range(_MAX_HOPS):
        k = main_paragraph(art, lo, hi)
        nxt = _copy_verdict(led, k, lo, hi)
        if nxt is None:
            break
        lo, hi = source_range(art, nxt)
        followed = True
    w = art.doc.words
    first = w[copy[0]] if copy[0] < copy[1] else ""
    restart = lo > 0 and is_word_tail(first, w[lo - 1]) and first != w[lo]
    if not followed and restart and _kept_words(art, led, lo - 1, lo)[1]:
        # the copy restarted inside the word before its matched source (which is kept)
        tail = [first, *w[lo:hi]]
        sim = fuzz.ratio(" ".join(w[copy[0] : copy[1]]), " ".join(tail))
        return Source(lo - 1, hi, sim, False, len(first))
    kept, whole = _kept_words(art, led, lo, hi)
    sim = v.similarity
    if followed or not whole:  # measured anew against the text that survives
        sim = fuzz.ratio(" ".join(w[copy[0] : copy[1]]), " ".join(kept))
    return Source(lo, hi, sim, followed or not whole)


def _kept_words(art: Article, led: Ledger, lo: int, hi: int) -> tuple[list[str], bool]:
    """The words of [lo, hi) that survive, and whether that is all of them.

    A source spanning several paragraphs may take in one that was removed,
    or a piece cut from one; those words are not what is kept.
    """
    w = art.doc.words
    first, last = art.paragraph_of(lo), art.paragraph_of(max(lo, hi - 1))
    if first == last and first not in led.cuts and first not in led.removed:
        return w[lo:hi], True
    out: list[str] = []
    for k in range(first, last + 1):
        if k in led.removed:
            continue
        a, b = art.words_of(k)
        pos = max(lo, a)
        end = min(hi, b)
        cuts = led.cuts.get(k, [])
        j = max(0, bisect_right(cuts, pos, key=_first_word) - 1)
        while j < len(cuts) and cuts[j].words[0] < end:
            c = cuts[j]
            j += 1
            if c.words[1] <= pos:
                continue
            out += w[pos : c.words[0]]
            pos = max(pos, c.words[1])
        out += w[pos:end]
    return out, len(out) == hi - lo


def _copy_verdict(led: Ledger, k: int, lo: int, hi: int) -> Verdict | None:
    """The verdict that removed the words [lo, hi) of paragraph k, if they were removed."""
    d = led.removed.get(k)
    if d is not None:
        return _overlapping(d.pieces, lo, hi) or d.verdict
    cuts = led.cuts.get(k)
    return _overlapping(cuts, lo, hi) if cuts else None


def _overlapping(cuts: tuple[Cut, ...] | list[Cut], lo: int, hi: int) -> Verdict | None:
    """The verdict of the cut sharing most words with [lo, hi) (cuts are in text order)."""
    k = max(0, bisect_right(cuts, lo, key=_first_word) - 1)
    best, most = None, 0
    while k < len(cuts) and cuts[k].words[0] < hi:
        c = cuts[k]
        n = min(hi, c.words[1]) - max(lo, c.words[0])
        if n > most:
            best, most = c.verdict, n
        k += 1
    return best


def _first_word(c: Cut) -> int:
    return c.words[0]


def source_range(art: Article, v: Verdict) -> tuple[int, int]:
    """The source words of a verdict (to the end of its paragraph when the end is unknown)."""
    lo = v.source_word
    hi = v.source_end if v.source_end > lo else art.doc.bounds[art.paragraph_of(lo) + 1]
    return lo, hi


def main_paragraph(art: Article, lo: int, hi: int) -> int:
    """The paragraph holding most of the words [lo, hi) (the first on a tie)."""
    first, last = art.paragraph_of(lo), art.paragraph_of(max(lo, hi - 1))
    if first == last:
        return first
    bounds = art.doc.bounds
    sizes = [min(hi, bounds[k + 1]) - max(lo, bounds[k]) for k in range(first, last + 1)]
    return first + sizes.index(max(sizes))


def protect_sources(art: Article, led: Ledger) -> None:
    """`source-survives`: take back removals whose kept source no longer says the same."""
    for i, d in sorted(led.removed.items()):
        if not _survives(art, led, d, i):
            why = "kept: the text it copies was itself removed as a copy of other text"
            led.spare(i, replace(d.verdict, ok=False, reason=why, lookalike=True), SOURCE_SURVIVES)
    for i, cuts in sorted(led.cuts.items()):
        keep = [c for c in cuts if _piece_survives(art, led, c)]
        if len(keep) != len(cuts):
            led.uncut(i, keep, SOURCE_SURVIVES)


def _survives(art: Article, led: Ledger, d: Decision, i: int) -> bool:
    if d.pieces:
        return all(_piece_survives(art, led, c) for c in d.pieces)
    src = surviving_source(art, led, d.verdict, art.words_of(i))
    return not src.followed or src.similarity >= rule_threshold(art, d.rule)


def _piece_survives(art: Article, led: Ledger, c: Cut) -> bool:
    src = surviving_source(art, led, c.verdict, c.words)
    return not src.followed or src.similarity >= rule_threshold(art, c.rule)
