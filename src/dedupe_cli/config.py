"""Detection settings: every tuned constant of the detector, in frozen dataclasses.

Each field's docstring says what it trades off. Defaults were chosen with
`bench/dedup_bench.py` (synthetic corruptions) and `bench/realworld_bench.py`
(labelled real pages); `dedup_bench.py --set GROUP.FIELD=VALUE` varies any of
them, so every default can be re-derived by a sweep (bench/RESULTS.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RunConfig:
    """Evidence from runs: copies next to copies whose sources sit side by side."""

    threshold: float = 75.0
    """Minimum similarity for a paragraph that continues a removed run (rule
    `run-extension`). Lower than `threshold` because one typo costs a short
    line many points; the word-by-word explanation must still hold."""
    min_pair_words: int = 6
    """Two short copies side by side, with neighbouring sources, this long
    together are a run (`short-in-run`); shorter pairs recur by chance."""
    strict_below_words: int = 4
    """Run candidates with fewer words than this must reach `threshold`, not
    `runs.threshold`: a two-word line has no typo budget worth trusting."""


@dataclass(frozen=True)
class PartialConfig:
    """Cutting the copied part out of a paragraph that is only partly a copy."""

    long_tail_words: int = 32
    """A copied tail this long is a restart wherever it starts (`tail-restart`):
    no template shares that much wording."""
    min_restart_words: int = 3
    """A restart (a word fragment, or text repeating what came just before)
    at least this long is cut; shorter ones are common phrases."""
    long_sentences_words: int = 25
    """Copied sentences this long in all are cut without a removed neighbour
    as evidence (`copied-sentences`)."""
    inline_min_words: int = 8
    """A sentence repeated later inside the same paragraph (`inline-repeat`,
    caption sentences pasted into the story) is cut when at least this long;
    shorter repeats are set phrases ("said it would appeal the decision")."""
    inline_lead_words: int = 8
    """An inline copy may start after a lead this short in its own sentence
    ("Allen splurged ...": the subject again); lead and copy then go together
    if they are a near-duplicate of the source sentence. A longer lead is a
    sentence of its own that merely reuses a clause."""


@dataclass(frozen=True)
class CandidateConfig:
    """Finding candidates that the shingle index misses (damaged copies)."""

    shared_word_candidates: int = 3
    """How many of the best earlier paragraphs sharing rare words are verified."""
    rare_word_paragraphs: int = 8
    """A word in at most this many paragraphs is rare (a good witness)."""
    shared_words: float = 0.5
    """Share of a paragraph's rare words an earlier one must have to be a candidate."""
    min_shared_words: int = 4
    """...and at least this many of them."""
    region_tolerance_words: int = 3
    """Shingle matches within max(this, copy length / 5) words of the most common
    offset outline the source region; wider tolerance admits stray matches."""
    region_tolerance_per: int = 5
    """...the 5 above: one more word of tolerance per this many copy words, since
    longer copies drift further (dropped or added words shift the offset)."""


@dataclass(frozen=True)
class TypoConfig:
    """What a word-by-word difference may be and still be harmless."""

    max_edits: int = 2
    """Edits (OSA distance) a long word may have and still be a typo."""
    short_word_letters: int = 4
    """Words this short (and names) allow one edit only: 'rise'/'rose' differ."""
    min_typo_letters: int = 3
    """Words shorter than this never have a typo that makes another word of the
    same length: list labels ('a)'/'b)'), initials and two-letter words
    ('of'/'or') are other words. A letter dropped or added ('of'/'o') still is one."""
    vowel_swap_letters: int = 5
    """In words up to this long, one vowel changed is another word (win/won,
    rise/rose), not a typo; longer words rarely have such a twin."""
    added_words_per: int = 10
    """A copy may add one small word per this many words (at least one)."""
    max_swap_words: int = 4
    """A differing stretch shorter than this between matches is a swapped name
    or number (a lookalike, kept); longer ones count as added text."""
    slack_words: int = 3
    """Source regions are estimated to within this many words; alignment widens by it."""


@dataclass(frozen=True)
class ListConfig:
    """Lists repeated with other markers or numbering (`list-repeat`, `rules_lists`)."""

    min_items: int = 2
    """Consecutive items of a later list that must copy consecutive items of an
    earlier one: a single item with another marker is no evidence that the
    marker is all that differs."""
    min_run_words: int = 6
    """...with this many words in all (markers not counted), as for two short
    copies side by side (`runs.min_pair_words`): "- Yes / - No" recurs by chance."""
    max_candidates: int = 4
    """Earlier items tried as the source of one item (those with its words first,
    then those its shingles point to); more only costs time on long lists."""


@dataclass(frozen=True)
class TeaserConfig:
    """A lead or teaser that the next paragraph repeats in full (`teaser-repeat`)."""

    lead_within: int = 3
    """The lead is the first paragraph that reads like a sentence among the
    article's first this many (a title, kicker or byline may stand before
    it); only the lead may go as a reworded teaser. More reaches paragraphs
    that are body text, not a teaser."""
    byline_lines: int = 2
    """Short lines that do not read like sentences (a byline, a dateline) the
    lead's body paragraph may come after: news pages put them between the two."""
    max_words: int = 100
    """A paragraph longer than this is body text, not a teaser (leads and pull
    quotes run to 20-60 words); it also bounds the cost of aligning one."""
    swap_words_per: int = 10
    """A teaser may differ by one word of its swapped reporting verb per this
    many words (at least one): "teilte ... mit" for "kündigte ... an" needs
    20. As with typos, a short text with every tenth word changed has too
    little left to call it the same (it is also the real-world bench's 90%
    containment check)."""
    max_added_words: int = 3
    """Words the body may add inside the stretch that repeats the teaser
    ("the Treasury [formally] announced"); words after it, to the end of the
    sentence, are free. More would let a different sentence that shares the
    teaser's words pass for its repeat."""


@dataclass(frozen=True)
class DedupeConfig:
    """Detection settings; the nested groups hold the rules' own constants."""

    threshold: float = 90.0
    """Minimum similarity (0-100) between a copy and its source for every rule
    that removes text on its own evidence (all but `run-extension`)."""
    shingle: int = 5
    """Words per shingle in the candidate index: shorter finds more damaged
    copies, and more coincidences to verify."""
    min_words: int = 8
    """Paragraphs shorter than this need run, stutter or heading evidence."""
    coverage: float = 0.5
    """Share of a paragraph's words that must repeat earlier text to be checked."""
    max_verify_words: int = 400
    """Longer texts are verified in chunks, which keeps alignment linear."""
    suspect_similarity: float = 80.0
    """Kept paragraphs at least this similar to earlier text are reported as suspects."""
    max_rounds: int = 4
    """Cleaning is repeated on its own output until stable, at most this often."""
    runs: RunConfig = field(default_factory=RunConfig)
    partial: PartialConfig = field(default_factory=PartialConfig)
    candidates: CandidateConfig = field(default_factory=CandidateConfig)
    typos: TypoConfig = field(default_factory=TypoConfig)
    lists: ListConfig = field(default_factory=ListConfig)
    teaser: TeaserConfig = field(default_factory=TeaserConfig)


DEFAULT_CONFIG = DedupeConfig()


def for_thresholds(threshold: float, run_threshold: float) -> DedupeConfig:
    """The defaults with the two bars the command line sets (`--threshold`, `--run-threshold`)."""
    return DedupeConfig(threshold=threshold, runs=RunConfig(threshold=run_threshold))


def with_setting(cfg: T, dotted: str, value: str) -> T:
    """`cfg` with one field changed, named as `runs.threshold` (for benches and sweeps).

    The value is parsed as the field's current type; an unknown name raises
    KeyError naming the fields that exist.
    """
    head, _, rest = dotted.partition(".")
    names = {f.name for f in fields(cfg)}  # type: ignore[arg-type]
    if head not in names:
        raise KeyError(f"no setting {dotted!r}; known: {', '.join(sorted(names))}")
    current: Any = getattr(cfg, head)
    if rest:
        if not is_dataclass(current):
            raise KeyError(f"{head!r} is not a group of settings")
        return replace(cfg, **{head: with_setting(current, rest, value)})  # type: ignore[type-var]
    if is_dataclass(current):
        raise KeyError(f"{head!r} is a group; name one of its fields")
    return replace(cfg, **{head: type(current)(value)})  # type: ignore[type-var]


def setting_names(cfg: Any = DEFAULT_CONFIG, prefix: str = "") -> list[str]:
    """Every settable name, dotted, in declaration order."""
    out: list[str] = []
    for f in fields(cfg):
        value = getattr(cfg, f.name)
        if is_dataclass(value):
            out += setting_names(value, f"{prefix}{f.name}.")
        else:
            out.append(prefix + f.name)
    return out
