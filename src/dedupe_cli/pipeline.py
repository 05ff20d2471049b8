"""The detector, top to bottom: which rules run, in which order, on what evidence.

    1. `rules_whole.judge_alone`        each paragraph on its own evidence:
                                         exact-repeat, near-duplicate, shared-rare-words,
                                         caption-repeat;
                                         a short copy goes alone only as short-stutter or
                                         heading-repeat, otherwise it is held
    1b. `rules_lists.repeat_lists`      list-repeat: a run of list items repeating an
                                         earlier list with other markers or numbering
    then, until no decision changes (every removal can be the evidence for another):
    2. `rules_runs.extend_runs`         run-extension: neighbours of copies vs their
                                         sources' neighbours
    3. `rules_runs.settle_short`        short-in-run: held short copies next to a copy
                                         whose source is next to theirs
    4. `rules_runs.spare_lookalike_runs` continues-lookalike (a refusal): the other half
                                         of a kept lookalike stays
       `rules_lists.spare_list_numbers`  list-number (a refusal): a copy matched only
                                         with an earlier item's list number stays
       `rules_lists.spare_list_versions` list-version (a refusal): the items of
                                         another version of a list stay with it
    5. `rules_partial.cut_partial_copies` tail-restart, end-stutter, copied-sentences,
                                         whole-by-sentences, inline-repeat
    6. once 2-5 change nothing: `rules_sources.protect_sources`, source-survives (a
                                         refusal): a removal whose source was itself
                                         removed must still match the kept text
    7. `rules_teaser.teaser_repeats`    teaser-repeat: a lead the next paragraph repeats in
                                         full goes (the one rule that removes the earlier
                                         copy); a related-article teaser of the lead too
    8. `evidence.removals`              each decision becomes a Removal: the rule, the
                                         kept text it copies (offsets), how similar, and
                                         what differs

`clean_text` runs this again on its own output until it is stable, so
cleaning is idempotent. Nothing here does I/O; `Ledger` is the only mutable
state and every rule is a plain function of (article, ledger).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from .article import Article
from .config import DEFAULT_CONFIG, DedupeConfig
from .cut import cut, merge_rounds
from .evidence import removals, suspects
from .ledger import Ledger
from .models import CleanResult
from .rules_caption import CAPTION
from .rules_inline import INLINE
from .rules_lists import (
    LIST,
    find_lists,
    repeat_lists,
    spare_list_numbers,
    spare_list_versions,
)
from .rules_partial import (
    ALL_SENTENCES,
    SENTENCES,
    STUTTER_END,
    TAIL,
    cut_partial_copies,
    partial_candidates,
)
from .rules_runs import RUN, SHORT_IN_RUN, extend_runs, settle_short, spare_lookalike_runs
from .rules_sources import protect_sources
from .rules_teaser import TEASER, teaser_repeats
from .rules_whole import EXACT, HEADING, NEAR, RARE, STUTTER, judge_alone

REMOVING_RULES: tuple[str, ...] = (
    EXACT,
    NEAR,
    RARE,
    CAPTION,
    STUTTER,
    HEADING,
    RUN,
    SHORT_IN_RUN,
    TAIL,
    STUTTER_END,
    SENTENCES,
    ALL_SENTENCES,
    INLINE,
    LIST,
    TEASER,
)
"""Every rule that removes text, as `Removal.rule` names it (the README's "How
detection works" and the detector case files use the same ids)."""


def detect(text: str, cfg: DedupeConfig = DEFAULT_CONFIG, tracing: bool = False) -> CleanResult:
    """One round of detection over `text`: every pass, then the result."""
    art = Article(text, cfg)
    led = Ledger(art, tracing)
    for i in art.wordy:
        judge_alone(art, led, i)
    lists = find_lists(art)
    repeat_lists(art, led, lists)
    candidates = partial_candidates(art)
    before = None
    while led.size() != before:
        before = led.size()
        extend_runs(art, led)
        settle_short(art, led)
        spare_lookalike_runs(art, led)
        spare_list_numbers(art, led, lists)
        spare_list_versions(art, led, lists)
        cut_partial_copies(art, led, candidates)
        if led.size() == before:
            protect_sources(art, led)
    teaser_repeats(art, led)
    found = removals(art, led)
    return CleanResult(
        text,
        cut(text, art.paragraphs, found),
        tuple(art.paragraphs),
        tuple(found),
        suspects(art, led),
        tuple(led.trace or ()),
    )


def clean_text(
    text: str, config: DedupeConfig = DEFAULT_CONFIG, tracing: bool = False
) -> CleanResult:
    """Remove repeated paragraphs and sentences; keep first copies, byte for byte.

    The detector runs again on its own output until that output is stable
    (at most `max_rounds` times): removing one copy can make another plain
    (two copies of a short line kept apart by a third). Later rounds report
    their removals in the input's terms. `tracing` records every rule tried
    (for `explain`); it costs a little time and does not change the result.
    """
    with _cycle_collector_paused():
        result = detect(text, config, tracing)
        for _ in range(config.max_rounds - 1):
            if not result.removed:
                break
            again = detect(result.cleaned, config, tracing)
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
