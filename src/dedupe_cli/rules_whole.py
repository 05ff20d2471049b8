"""Pass 1: each paragraph on its own evidence, and what a short copy needs to go alone.

Rules (identifiers as in `Removal.rule` and the README):

- `exact-repeat`: the paragraph's normalised words equal an earlier paragraph's.
- `near-duplicate`: the shingle index points at earlier text, and the word-by-word
  alignment explains every difference as harmless, at `threshold` or more.
- `shared-rare-words`: no shingle survived (typos every few words), but an
  earlier paragraph shares most of its rare words; verified like the above.
- `short-stutter` / `heading-repeat`: a short copy (under `min_words`) goes on
  its own only right after its source, or as a repeat of the article's heading.
  Any other short copy is held for run evidence (`rules_runs`).
"""

from __future__ import annotations

from .align import Verdict, verify
from .article import Article
from .ledger import Decision, Ledger
from .rules_caption import CAPTION, caption_cut, caption_repeat

EXACT = "exact-repeat"
NEAR = "near-duplicate"
RARE = "shared-rare-words"
STUTTER = "short-stutter"
HEADING = "heading-repeat"


def judge_alone(art: Article, led: Ledger, i: int) -> None:
    """Pass 1 for paragraph i: the first rule that finds a candidate decides."""
    a, b = art.words_of(i)
    earlier = art.first_occurrence(i)
    if earlier != i:
        lo, hi = art.words_of(earlier)
        decide(art, led, i, Verdict(True, 100.0, lo, "exact", False, hi), EXACT)
        return
    verdict = verify(art.doc, a, b, art.cfg)
    if verdict is not None and not verdict.ok and (caption := caption_repeat(art, i)):
        led.note(i, NEAR, False, verdict.reason, verdict)
        led.remove(i, Decision(caption, art.paragraph_of(caption.source_word), False, CAPTION))
    elif verdict is not None and not verdict.ok and (piece := caption_cut(art, i)):
        led.note(i, NEAR, False, verdict.reason, verdict)
        led.cut(i, [piece])
    elif verdict is not None:
        decide(art, led, i, verdict, NEAR)
    elif b - a >= art.cfg.min_words and (found := shared_rare_words(art, led, i)) is not None:
        decide(art, led, i, found, RARE)


def shared_rare_words(art: Article, led: Ledger, i: int) -> Verdict | None:
    """`shared-rare-words`: an earlier paragraph with most of the same rare words.

    Typos every few words leave no five-word run intact, so the shingle
    index misses such a copy. Rare words still match (an inverted index keeps
    it linear); the best few earlier matches are verified, and only a
    confirmed copy counts (a weak way to find candidates: a near miss is not
    evidence). Reads `candidates.*`.
    """
    a, b = art.words_of(i)
    found = art.rare_words.votes(i)
    if found is None:
        return None  # no earlier paragraph can have enough of them
    votes, need = found
    size = b - a
    ranked = sorted(
        (j for j, n in votes.items() if n >= need),
        key=lambda j: (-votes[j], abs(art.size(j) - size), j),
    )
    for j in ranked[: art.cfg.candidates.shared_word_candidates]:
        verdict = verify(art.doc, a, b, art.cfg, art.words_of(j), only_ok=True)
        if verdict is not None and verdict.ok:
            return verdict
        if verdict is not None:
            led.note(i, RARE, False, verdict.reason, verdict)
    return None


def decide(
    art: Article, led: Ledger, i: int, verdict: Verdict, rule: str, run: bool = False
) -> None:
    """Record a verdict; a short copy goes now only with stutter or heading evidence."""
    if not verdict.ok:
        led.refuse(i, verdict, rule)
        return
    source = art.paragraph_of(verdict.source_word)
    short = art.is_short(i)
    if short and not run:
        alone = short_evidence(art, led, i, source)
        if alone is None:
            led.hold(i, Decision(verdict, source, short, rule))
            return
        rule = alone
    led.remove(i, Decision(verdict, source, short, rule))


def short_evidence(art: Article, led: Ledger, i: int, source: int) -> str | None:
    """`short-stutter` or `heading-repeat`: may short copy i go on its own?

    A stutter sits right after its source once the copies between them are
    gone (or after another copy of the same source); a heading repeat copies
    one of the article's first two paragraphs that does not read like a
    sentence. Two words are never enough.
    """
    if art.size(i) < 3:
        return None
    prev = led.prev_kept(i)
    if source == prev or led.kept_source(source) == prev:
        return STUTTER
    return HEADING if art.is_heading(source) else None
