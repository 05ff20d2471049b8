"""Find text that repeats earlier text in the same article, and cut it out.

The article is aligned against itself at the word level, which makes the
paragraph layout irrelevant to matching: re-wrapped, merged or split copies
still share long runs of words with their original.

1. Candidates: every run of `shingle` normalised words is looked up in a hash
   index of the runs seen before it (linear time). A word covered by a run
   that occurred earlier is "covered", and remembers where its source is.
2. Verification: a paragraph (or sentence) that is mostly covered is aligned
   word by word against its source region with rapidfuzz. The copy may differ
   from the source only by typos, dropped words, a few added small words and
   a partial first/last word. A different number or name, or a substituted
   word, means the text says something else and it is kept.
3. Decision: long paragraphs go on their own evidence; short ones (titles,
   list items, quoted refrains) only as part of a removed run, as an
   immediate repeat, or as a repeat of the article's heading.

Nothing here does I/O; the result says what was removed and why.
"""

from __future__ import annotations

import dataclasses
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import islice, pairwise, product

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel

from .models import CleanResult, Paragraph, Removal, Suspect
from .segment import BULLET_RE, WORD_RE, split_paragraphs, word_spans, words
from .sentences import sentence_spans


@dataclass(frozen=True)
class DedupeConfig:
    """Detection settings; defaults were chosen with bench/dedup_bench.py."""

    threshold: float = 90.0
    """Minimum similarity (0-100) between a copy and its source."""
    shingle: int = 5
    """Words per shingle in the candidate index."""
    min_words: int = 8
    """Paragraphs shorter than this need run, stutter or heading evidence."""
    coverage: float = 0.5
    """Share of a paragraph's words that must repeat earlier text to be checked."""
    max_verify_words: int = 400
    """Longer texts are verified in chunks, which keeps alignment linear."""


DEFAULT_CONFIG = DedupeConfig()


@dataclass(frozen=True)
class _Verdict:
    """The outcome of checking one stretch of words against earlier text."""

    ok: bool
    similarity: float
    source_word: int
    reason: str
    lookalike: bool = False
    source_end: int = -1
    """One past the last source word matched (-1 when unknown)."""


class _Words:
    """All words of the article as one stream, with paragraph boundaries.

    `firsts[s]` is where the k-word shingle starting at word s first occurs;
    `repeat[s]` is 1 when that is entirely before s (the shingle repeats).
    Both are built with C-level iteration: this is the hot path.
    """

    def __init__(self, paragraphs: list[Paragraph], k: int) -> None:
        self.k = k
        self.paragraphs = paragraphs
        self.words: list[str] = []
        self.bounds: list[int] = [0]
        for p in paragraphs:
            self.words += words(p.text)
            self.bounds.append(len(self.words))
        self.firsts = _first_occurrences(self.words, k)
        n = len(self.firsts)
        self.repeat = bytes(map(k.__le__, map(operator.sub, range(n), self.firsts)))
        self._caps: dict[int, list[bool]] = {}

    def paragraph_of(self, word: int) -> int:
        """Index of the paragraph holding word number `word`."""
        return bisect_right(self.bounds, word) - 1

    def any_repeat(self, a: int, b: int) -> bool:
        """Does any shingle overlapping words[a:b] repeat earlier text?"""
        return self.repeat.find(1, max(0, a - self.k + 1), b) != -1

    def source(self, t: int) -> int:
        """Where word t was seen before, as part of a repeated shingle (or -1)."""
        for s in range(max(0, t - self.k + 1), min(t + 1, len(self.repeat))):
            if self.repeat[s]:
                return self.firsts[s] + (t - s)
        return -1

    def sources(self, a: int, b: int) -> list[int]:
        """`source(t)` for every t in [a, b), in one pass over the repeated shingles."""
        k, n = self.k, len(self.repeat)
        lo = max(0, a - k + 1)
        starts = [s for s in range(lo, min(b, n)) if self.repeat[s]]
        out = []
        j = 0
        for t in range(a, b):
            while j < len(starts) and starts[j] < t - k + 1:
                j += 1
            s = starts[j] if j < len(starts) and starts[j] <= t else -1
            out.append(self.firsts[s] + (t - s) if s >= 0 else -1)
        return out

    def capitalised(self, t: int) -> bool:
        """Was word t capitalised in the input? (a name, or a sentence start)"""
        i = self.paragraph_of(t)
        caps = self._caps.get(i)
        if caps is None:
            raw = WORD_RE.findall(self.paragraphs[i].text)
            n = self.bounds[i + 1] - self.bounds[i]
            # if normalisation changed the word count, treat every word as a name
            caps = [w[:1].isupper() for w in raw] if len(raw) == n else [True] * n
            self._caps[i] = caps
        return caps[t - self.bounds[i]]


_NUMPY_FROM_WORDS = 200_000
"""Above this many words the shingle index is built with numpy (sorting beats a huge dict)."""


def _first_occurrences(seq: list[str], k: int) -> list[int]:
    """For each k-word shingle, the position where it first occurs."""
    n = len(seq) - k + 1
    if n <= 0:
        return []
    if n >= _NUMPY_FROM_WORDS:
        return _first_occurrences_numpy(seq, k)
    hashes = list(map(hash, zip(*(islice(seq, j, None) for j in range(k)), strict=False)))
    first = dict(zip(reversed(hashes), range(n - 1, -1, -1), strict=True))
    return list(map(first.__getitem__, hashes))


def _first_occurrences_numpy(seq: list[str], k: int) -> list[int]:
    """The same as `_first_occurrences`, by sorting 64-bit shingle hashes.

    A stable sort puts equal shingles together in order of position, so the
    first of each group is its first occurrence. Imported lazily: numpy costs
    start-up time that small inputs should not pay.
    """
    import numpy as np

    n = len(seq) - k + 1
    words = np.fromiter(map(hash, seq), dtype=np.int64, count=len(seq))
    keys = words[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            keys = keys * np.int64(1_000_003) ^ words[j : j + n]
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    group = np.cumsum(starts) - 1
    firsts = np.empty(n, dtype=np.int64)
    firsts[order] = order[starts][group]
    return firsts.tolist()


def _source_region(doc: _Words, a: int, b: int, coverage: float) -> tuple[int, int] | None:
    """The earlier stretch of words that words[a:b] most likely copies."""
    if not doc.any_repeat(a, b):
        return None
    pairs = [(t, s) for t, s in zip(range(a, b), doc.sources(a, b), strict=True) if s >= 0]
    if not pairs or len(pairs) < coverage * (b - a):
        return None
    offsets = Counter(t - s for t, s in pairs)
    mode = offsets.most_common(1)[0][0]
    tol = max(3, (b - a) // 5)
    aligned = [(t, s) for t, s in pairs if abs(t - s - mode) <= tol]
    # extrapolate over the copy's unmatched ends, but not past the source paragraphs
    first_s, last_s = aligned[0][1], aligned[-1][1]
    lo = max(first_s - (aligned[0][0] - a), doc.bounds[doc.paragraph_of(first_s)])
    hi = min(last_s + (b - aligned[-1][0]), doc.bounds[doc.paragraph_of(last_s) + 1], a)
    return (lo, hi) if lo < hi else None


_NEGATIONS = ("un", "in", "im", "il", "ir", "dis", "non", "de", "anti", "mis")
_VOWELS = frozenset("aeiouy")
_OPPOSITES = frozenset(
    frozenset(pair)
    for pair in (
        ("increase", "decrease"),
        ("increased", "decreased"),
        ("increases", "decreases"),
        ("increasing", "decreasing"),
        ("accept", "except"),
        ("ever", "never"),
        ("import", "export"),
        ("imports", "exports"),
        ("inflow", "outflow"),
        ("max", "min"),
        ("more", "less"),
        ("most", "least"),
        ("can", "cant"),
    )
)


def _is_typo(a: str, b: str, strict: bool = False) -> bool:
    """A small slip of the keys on a word that is not a number: not a new fact.

    Edits that make another real word are facts, not typos: a negation
    prefix (legal/illegal), a known opposite (increase/decrease), or a vowel
    swapped in a short word (rise/rose, win/won). `strict` allows one slip
    only: for names (Jones/James are two people) and for loose matches.
    """
    if a == b:
        return True
    limit = 1 if strict or min(len(a), len(b)) <= 4 else 2
    if abs(len(a) - len(b)) > limit or not (a.isalpha() and b.isalpha()):
        return False  # too far apart, or a number (words are letters and digits only)
    if frozenset((a, b)) in _OPPOSITES or OSA.distance(a, b, score_cutoff=limit) > limit:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.endswith(short) and long_[: len(long_) - len(short)] in _NEGATIONS:
        return False
    return not _vowel_swap(a, b)


def _vowel_swap(a: str, b: str) -> bool:
    """One vowel changed in a short word: rise/rose, win/won, man/men."""
    if len(a) != len(b) or len(a) > 5:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS


@dataclass(frozen=True)
class _Alignment:
    """How a copy lines up with its source, word by word."""

    structural: bool
    """Only typos, dropped words and a few added small words separate them."""
    facts: str
    """Non-empty when a number, a name or a word differs: then it is not a copy."""
    lo: int
    hi: int
    """The source words the copy actually matched."""
    partial_first: bool = False
    """The copy's first word is the tail of a source word (a mid-word restart)."""
    added: int = 0
    """Copy words with no counterpart in the source."""
    similarity: float = 0.0
    """rapidfuzz ratio of the copy's words against the matched source words."""


_SLACK = 3
_MAX_SWAP_WORDS = 4
"""Lookalikes swap a name or a number (1-3 words); longer differences are new text."""


def _align(doc: _Words, a: int, b: int, lo: int, hi: int) -> _Alignment:
    """Align words[a:b] against words[lo:hi] and explain every difference.

    The alignment keeps the longest common subsequence of words, so an added
    or dropped word never shifts its neighbours out of line. Between two
    matched stretches, copy words are paired with source words: each pair
    must be a typo; unpaired copy words are additions (allowed if few and
    not numbers or names); unpaired source words were dropped, which loses
    nothing.

    The region is only estimated from where shingles matched, so it is tried
    as it is and widened by a few words (within its paragraphs); the better
    explanation wins. Widening alone can mislead: a common word such as
    "the" just outside the region may be matched instead of the right one.
    """
    partial_at = _fragment_source(doc, a, b, lo, hi)
    partial = partial_at is not None
    if partial_at is not None:
        a, lo = a + 1, partial_at + 1
    first = doc.bounds[doc.paragraph_of(lo)]
    last = doc.bounds[doc.paragraph_of(max(lo, hi - 1)) + 1]
    wide = (max(first, lo - _SLACK), min(a, last, hi + _SLACK))
    tries = [_align_in(doc, a, b, lo, hi, (lo, hi), partial)]
    if wide != (lo, hi):
        tries.append(_align_in(doc, a, b, lo, hi, wide, partial))
    return min(tries, key=lambda al: (not al.structural, bool(al.facts), al.added, -al.similarity))


def _align_in(
    doc: _Words, a: int, b: int, lo: int, hi: int, window: tuple[int, int], partial: bool
) -> _Alignment:
    """One alignment of words[a:b] against the source words in `window`."""
    lo2, hi2 = window
    copy, src = doc.words[a:b], doc.words[lo2:hi2]
    gaps, span = _gaps(copy, src)
    if span is None:
        return _Alignment(False, "", lo, hi, partial, added=b - a)
    total_added, all_facts = 0, ""
    max_added = max(1, (b - a) // 10)
    real_lo, real_hi = lo - lo2, hi - lo2  # the estimated region, without the slack
    for (c0, c1), (s0, s1), edge in gaps:
        own = copy[c0:c1]
        if edge == "lead":
            theirs = src[max(s0, real_lo) : s1]
            theirs = theirs[max(0, len(theirs) - len(own)) :]
        elif edge == "tail":
            theirs = src[s0 : min(s1, real_hi)][: len(own)]
        else:
            theirs = src[s0:s1]
        nearby = doc.words[max(0, lo2 + s0 - _SLACK) : lo2 + s1 + _SLACK]
        ends = c0 + len(own) == len(copy)
        budget = max_added - total_added
        added, facts = _explain_gap(doc, a + c0, own, (theirs, nearby), edge, ends, budget)
        total_added += added
        all_facts = all_facts or facts
        if total_added > max_added:
            break  # not a copy: the rest cannot change that
    structural = total_added <= max_added
    matched = doc.words[lo2 + span[0] : lo2 + span[1]]
    sim = fuzz.ratio(" ".join(copy), " ".join(matched))
    return _Alignment(
        structural, all_facts, lo2 + span[0], lo2 + span[1], partial, total_added, sim
    )


def _explain_gap(
    doc: _Words,
    at: int,
    own: list[str],
    source: tuple[list[str], list[str]],
    edge: str,
    ends_copy: bool,
    budget: int,
) -> tuple[int, str]:
    """Explain the copy's words in one unmatched stretch: (words added, first fact).

    Each copy word may be a typo of some source word in the stretch (each
    used once) or close to it (the alignment may have matched a repeated
    word, as in "Spend Spend Spend", one place off), or the copy's last word
    may be cut short. Anything else is
    an added word, and a changed fact when the source had a word there
    (between matches) or when it is a number or a name. A long unexplained
    stretch is new text, not a swapped name: it counts as added words. Once
    more words are added than `budget` allows, the rest is not examined.
    """
    theirs, nearby = source
    left = list(theirs)
    added, facts = 0, ""
    for k, x in enumerate(own):
        last = ends_copy and k == len(own) - 1
        name = doc.capitalised(at + k)
        match = next((y for y in left if _is_typo(x, y, name) or (last and y.startswith(x))), None)
        if match is not None:
            left.remove(match)
            continue
        if x.isalpha() and any(_is_typo(x, y, strict=True) for y in nearby):
            continue  # (numbers never: "2-1" and "1-2" are different results)
        if left and k < len(theirs):
            facts = facts or f"'{x}' where the original has '{theirs[k]}'"
            if edge == "mid" and len(own) < _MAX_SWAP_WORDS:
                continue  # a swapped word or name: a lookalike, not extra text
        added += 1
        if doc.capitalised(at + k) or not x.isalpha():
            facts = facts or f"adds '{x}'"
        if added > budget:
            break  # more added words than a copy may have: no need to look further
    return added, facts


_Gap = tuple[tuple[int, int], tuple[int, int], str]


def _gaps(copy: list[str], src: list[str]) -> tuple[list[_Gap], tuple[int, int] | None]:
    """Unmatched stretches between the common words of copy and source.

    Returns each gap as (copy range, source range, "lead" | "mid" | "tail"),
    and the source span from the first to the last matched word (widened by
    the copy words that sit before or after the matches).
    """
    equal = [op for op in Indel.opcodes(copy, src) if op.tag == "equal"]
    if not equal:
        return [], None
    gaps: list[_Gap] = []
    first, last = equal[0], equal[-1]
    if first.src_start > 0:
        gaps.append(((0, first.src_start), (0, first.dest_start), "lead"))
    for x, y in pairwise(equal):
        if x.src_end < y.src_start or x.dest_end < y.dest_start:
            gaps.append(((x.src_end, y.src_start), (x.dest_end, y.dest_start), "mid"))
    if last.src_end < len(copy):
        gaps.append(((last.src_end, len(copy)), (last.dest_end, len(src)), "tail"))
    lo = max(0, first.dest_start - first.src_start)
    hi = min(len(src), last.dest_end + (len(copy) - last.src_end))
    return gaps, (lo, hi)


_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)\]]*\s*$")


_OPENERS = frozenset("$£€¥([{\"'“‘«#@*-–—")


def _token_start(text: str, offset: int) -> int:
    """Move back over the punctuation that opens a word: "$600", "(1975)", "“Yes"."""
    while offset > 0 and text[offset - 1] in _OPENERS:
        offset -= 1
    return offset


def _after_sentence(text: str, offset: int) -> bool:
    """Does the text before `offset` end with a finished sentence?"""
    return bool(_SENTENCE_END_RE.search(text[:offset]))


def _restart_junction(text: str, offset: int) -> bool:
    """Does the text at `offset` start lowercase right after a finished sentence?

        "...put up for sale. relatively modest player."

    No sentence starts in lowercase: this is where a scrape jumped back.
    """
    return text[offset : offset + 1].islower() and _after_sentence(text, offset)


def _fragment_source(doc: _Words, a: int, b: int, lo: int, hi: int) -> int | None:
    """Where the copy's first word is the cut-off end of a source word, if it is.

    The region's first word is the usual place; a region guessed from a
    neighbour is searched for the word whose tail it is, followed by the
    copy's second word.
    """
    if doc.source(a) >= 0 or not 0 < lo < a:
        return None
    first = doc.words[a]
    if _is_word_tail(first, doc.words[lo]):
        return lo
    after = doc.words[a + 1] if a + 1 < b else None
    for s in range(lo, min(hi, a) - 1):
        if _is_word_tail(first, doc.words[s]) and doc.words[s + 1] == after:
            return s
    return None


def _is_word_tail(word: str, source_word: str) -> bool:
    """`word` is the end of `source_word`: a scrape that restarted mid-word.

    Letters only: "8" at the end of "28" is a different number, not a cut.
    """
    return word.isalpha() and len(word) < len(source_word) and source_word.endswith(word)


def _verify(
    doc: _Words,
    a: int,
    b: int,
    cfg: DedupeConfig,
    region: tuple[int, int] | None = None,
    threshold: float | None = None,
) -> _Verdict | None:
    """Is words[a:b] a copy of earlier text? None when there is no candidate."""
    threshold = cfg.threshold if threshold is None else threshold
    if region is None and b - a > cfg.max_verify_words:
        return _verify_chunks(doc, a, b, cfg)
    region = region or _source_region(doc, a, b, cfg.coverage)
    if region is None:
        return None
    al = _align(doc, a, b, *region)
    sim = al.similarity
    if not al.structural:
        return _Verdict(False, sim, al.lo, "too many words not in the original", False, al.hi)
    if al.facts:
        return _Verdict(False, sim, al.lo, f"kept: {al.facts}", True, al.hi)
    if sim < threshold:
        why = f"similarity {sim:.1f} below {threshold:.0f}"
        return _Verdict(False, sim, al.lo, why, False, al.hi)
    return _Verdict(True, sim, al.lo, "exact" if sim == 100 else "near-duplicate", False, al.hi)


def _verify_chunks(doc: _Words, a: int, b: int, cfg: DedupeConfig) -> _Verdict | None:
    """Verify a long text piecewise; it is a copy only if every piece is."""
    step = cfg.max_verify_words
    verdicts = [_verify(doc, s, min(s + step, b), cfg) for s in range(a, b, step)]
    if any(v is None for v in verdicts):
        return None
    bad = [v for v in verdicts if v is not None and not v.ok]
    first = verdicts[0]
    assert first is not None
    if bad:
        return bad[0]
    sim = min(v.similarity for v in verdicts if v is not None)
    last = verdicts[-1]
    assert last is not None
    return _Verdict(True, sim, first.source_word, first.reason, False, last.source_end)


@dataclass
class _Decision:
    """A whole-paragraph verdict, before short paragraphs are settled."""

    verdict: _Verdict
    source: int
    short: bool


def _heading_like(p: Paragraph) -> bool:
    """Reads like a title: no closing punctuation, not a list item."""
    if BULLET_RE.match(p.text):
        return False
    text = p.text.strip().strip("*#_ \"'“”‘’")
    return bool(text) and text[-1] not in ".!?:;,"


_MIN_SHORT_RUN_WORDS = 6
"""Two short copies side by side, with neighbouring sources, this long together are a run."""

_MIN_RESTART_WORDS = 3
"""A restart (a word fragment, or text repeating what just came before) this long is cut."""

_RARE_WORD_PARAGRAPHS = 8
"""Words in more paragraphs than this are too common to suggest a source."""

_SHARED_WORDS = 0.5
"""Share of a paragraph's rare words an earlier paragraph must have to be a candidate."""

_MIN_SHARED_WORDS = 4
"""...and at least this many of them."""

_SHARED_WORD_CANDIDATES = 3
"""How many of the best such paragraphs are verified."""

_RUN_DISCOUNT = 15.0
"""A paragraph that continues a removed run needs this much less similarity.

Short paragraphs lose many points of similarity to one typo or a dropped
word; the run they sit in is evidence enough, and the word-by-word
explanation (typos, dropped or added small words only) still has to hold.
"""

_Cut = tuple[int, int, _Verdict]
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
        self.doc = _Words(self.paragraphs, cfg.shingle)
        bounds = self.doc.bounds
        self.wordy = [i for i in range(len(self.paragraphs)) if bounds[i + 1] > bounds[i]]
        self.whole: dict[int, _Decision] = {}
        self.pending: dict[int, _Decision] = {}
        self.rejected: dict[int, _Verdict] = {}
        self.partial: dict[int, list[_Cut]] = {}
        self._postings: dict[str, list[int]] | None = None
        self.occurrences: dict[str, list[int]] = {}
        self._kept_before: dict[int, int | None] = {}
        self._tried: set[tuple[int, tuple[int, int]]] = set()
        self._partial_context: dict[int, tuple[bool, bool]] = {}

    def run(self) -> CleanResult:
        seen: dict[str, int] = {}
        for i in self.wordy:
            self._judge(i, seen)
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
        fate changed, since that is the only evidence that moves.
        """
        for i in self.wordy:
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
        """The paragraph before i once removed copies are gone (what a rerun would see).

        Jumps over runs of removed copies remember where they landed, so
        100k repeats of one paragraph cost linear time, not quadratic.
        """
        j = self._prev_with_words(i)
        jumped = []
        while j is not None and j in self.whole:
            jumped.append(j)
            j = self._kept_before.get(j, self._prev_with_words(j))
        for k in jumped:
            self._kept_before[k] = j
        return j

    def _next_with_words(self, i: int) -> int | None:
        k = bisect_right(self.wordy, i)
        return self.wordy[k] if k < len(self.wordy) else None

    # -- pass 1 -------------------------------------------------------------------------------

    def _judge(self, i: int, seen: dict[str, int]) -> None:
        a, b = self._words_of(i)
        key = " ".join(self.doc.words[a:b])
        earlier = seen.setdefault(key, i)
        self.occurrences.setdefault(key, []).append(i)
        if earlier != i:
            lo, hi = self._words_of(earlier)
            verdict: _Verdict | None = _Verdict(True, 100.0, lo, "exact", False, hi)
        else:
            verdict = _verify(self.doc, a, b, self.cfg)
        if verdict is None and b - a >= self.cfg.min_words:
            verdict = self._verify_by_shared_words(i)
        if verdict is not None:
            self._decide(i, verdict)

    def _verify_by_shared_words(self, i: int) -> _Verdict | None:
        """A second way to find a candidate: an earlier paragraph with most of the same words.

        Typos every few words leave no five-word run intact, so the shingle
        index misses such a copy. Rare words still match: each paragraph is
        looked up by its words that occur in few paragraphs (an inverted
        index, so the work stays linear), and the best earlier match is
        verified like any other candidate.
        """
        a, b = self._words_of(i)
        postings = self._word_postings()
        rare = [w for w in set(self.doc.words[a:b]) if len(postings[w]) <= _RARE_WORD_PARAGRAPHS]
        votes = Counter(j for w in rare for j in postings[w] if j < i)
        need = max(_MIN_SHARED_WORDS, _SHARED_WORDS * len(rare))
        size = b - a
        ranked = sorted(
            (j for j, n in votes.items() if n >= need),
            key=lambda j: (-votes[j], abs(self._words_of(j)[1] - self._words_of(j)[0] - size), j),
        )
        for j in ranked[:_SHARED_WORD_CANDIDATES]:
            verdict = _verify(self.doc, a, b, self.cfg, region=self._words_of(j))
            # a weak way to find candidates: only a confirmed copy counts, not a near miss
            if verdict is not None and verdict.ok:
                return verdict
        return None

    def _word_postings(self) -> dict[str, list[int]]:
        """Which distinct paragraphs each word occurs in (built once, on first use)."""
        if self._postings is None:
            self._postings = {}
            seen: set[tuple[str, ...]] = set()
            for i in self.wordy:
                a, b = self._words_of(i)
                key = tuple(self.doc.words[a:b])
                if key in seen:
                    continue  # exact repeats do not make a word common
                seen.add(key)
                for w in set(key):
                    self._postings.setdefault(w, []).append(i)
        return self._postings

    def _decide(self, i: int, verdict: _Verdict, run: bool = False) -> None:
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
        """
        changed = True
        while changed:
            changed = False
            for i in self.wordy:
                if i in self.whole or i in self.pending or self._is_lookalike(i):
                    continue
                for region in self._run_regions(i):
                    if (i, region) in self._tried:
                        continue  # each pairing is verified once, however often we pass
                    self._tried.add((i, region))
                    a, b = self._words_of(i)
                    short = b - a < _MIN_RESTART_WORDS + 1
                    threshold = self.cfg.threshold - (0 if short else _RUN_DISCOUNT)
                    verdict = _verify(self.doc, a, b, self.cfg, region, threshold)
                    if verdict is not None and verdict.ok:
                        self._decide(i, verdict, run=not self._is_heading_region(region))
                        changed = True
                        break

    def _run_regions(self, i: int) -> list[tuple[int, int]]:
        """Source regions suggested by the neighbours' sources and by the heading.

        A copied run continues in its source: the words after the previous
        copy's source, or before the next copy's source, as many as this
        paragraph has (the alignment trims the slack).
        """
        out = []
        a, b = self._words_of(i)
        n = b - a + _SLACK
        prev, nxt = self._prev_with_words(i), self._next_with_words(i)
        copies = self.whole | self.pending  # a pending short copy is still a verified copy
        if prev in copies and (end := copies[prev].verdict.source_end) >= 0:
            out.append((end, min(end + n, a)))
        if nxt in copies:
            start = copies[nxt].verdict.source_word
            out.append((max(0, start - n), min(start, a)))
        if b - a < self.cfg.min_words:
            out += [self._words_of(h) for h in self.wordy[:2] if h < i and self._is_heading(h)]
            kept = self._prev_kept(i)
            if kept is not None:  # the scrape restarted a few words back
                start, end = self._words_of(kept)
                out.append((max(start, end - n), end))
        return [(lo, hi) for lo, hi in out if lo < hi]

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
                if (b - a) + (d - c) < _MIN_SHORT_RUN_WORDS:
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
        decision = self.whole.get(i) or self.pending[i]
        v = decision.verdict
        a, b = self._words_of(i)
        same = self.occurrences.get(" ".join(self.doc.words[a:b]), [])
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
        if abs(start - end) <= _SLACK:
            return True
        k = self.doc.paragraph_of(end) if end < len(self.doc.words) else None
        return (
            k is not None
            and k + 1 < len(self.paragraphs)
            and (abs(self.doc.bounds[k + 1] - start) <= _SLACK)
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
            (before and before.lookalike and abs(mine.source_word - before.source_end) <= _SLACK)
            or (after and after.lookalike and abs(after.source_word - mine.source_end) <= _SLACK)
        )

    def _ends_a_paragraph(self, word: int) -> bool:
        k = bisect_left(self.doc.bounds, word)
        return k < len(self.doc.bounds) and self.doc.bounds[k] == word

    # -- pass 4 -------------------------------------------------------------------------------

    def _judge_partial(self, p: Paragraph) -> None:
        """Cut the copied part out of a paragraph that is only partly a copy."""
        a, b = self._words_of(p.index)
        if self.doc.any_repeat(a, b):
            cuts = self._tail_cut(p) or self._sentence_cuts(p)
        else:
            cuts = self._stutter_cut(p)
        if cuts:
            self.partial[p.index] = cuts

    def _tail_cut(self, p: Paragraph) -> list[_Cut]:
        """A paragraph that ends in a copy (a scrape that restarted mid-text).

        The copied words run to the end of the paragraph; the cut starts at
        the first copied word, or at the word fragment just before it.
        """
        a, b = self._words_of(p.index)
        t = b
        while t > a and self.doc.source(t - 1) >= 0:
            t -= 1
        spans = word_spans(p.text)
        if b - t < 2 or t == a or spans is None:
            return self._stutter_cut(p)
        fragment = _is_word_tail(self.doc.words[t - 1], self._source_before(t))
        start = t - 1 if fragment else t
        offset = _token_start(p.text, spans[start - a][0])
        if not (fragment or _after_sentence(p.text, offset)):
            # a copy glued on by a restart follows finished text or cuts a word:
            # a shared ending mid-sentence ("...after the firm reported results")
            # is a template, not a restart
            return self._stutter_cut(p)
        junction = _restart_junction(p.text, offset)
        if b - t < _MIN_RESTART_WORDS and not junction:
            return self._stutter_cut(p)
        if not self._tail_evidence(p.index, t, b, fragment or junction):
            return []
        verdict = _verify(self.doc, start, b, self.cfg)
        if verdict is None or not verdict.ok or words(p.text[offset:]) != self.doc.words[start:b]:
            return []
        return [(offset, len(p.text), verdict)]

    def _stutter_cut(self, p: Paragraph) -> list[_Cut]:
        """A paragraph whose last few words repeat the words just before them.

        Too short for the shingle index ("...grew by 8.5%. grew by 8.5%."),
        but an immediate repeat at the very end is a restart, not style.
        """
        a, b = self._words_of(p.index)
        w = self.doc.words
        for n in range(min(self.cfg.shingle, (b - a) // 2), _MIN_RESTART_WORDS - 1, -1):
            if w[b - n : b] == w[b - 2 * n : b - n] and len(set(w[b - n : b])) > 1:
                spans = word_spans(p.text)
                if spans is None:
                    return []
                offset = spans[b - n - a][0]
                lo, hi = b - 2 * n, b - n
                verdict = _Verdict(True, 100.0, lo, "exact", False, hi)
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
            and b - t >= _MIN_RESTART_WORDS + 1  # 3 words ("their full potential") recur by chance
            and abs(follows.verdict.source_word - self.doc.source(b - 1) - 1) <= 1
        )

    def _source_before(self, t: int) -> str:
        s = self.doc.source(t)
        return self.doc.words[s - 1] if s > 0 else ""

    def _sentence_cuts(self, p: Paragraph) -> list[_Cut]:
        """Whole sentences of the paragraph that copy earlier text."""
        a, _ = self._words_of(p.index)
        spans = sentence_spans(p.text)
        ranges = self._sentence_words(p, spans, a)
        if ranges is None or len(ranges) < 2:
            return []
        hits: list[_Cut] = []
        for (s, e), (wa, wb) in zip(spans, ranges, strict=True):
            v = _verify(self.doc, wa, wb, self.cfg) if wb > wa else None
            if v is not None and v.lookalike:
                return []
            if v is not None and v.ok:
                hits.append((s, e, v))
        if len(hits) == len(spans):
            v = hits[0][2]
            self.whole[p.index] = _Decision(v, self.doc.paragraph_of(v.source_word), False)
            return []
        return hits if hits and self._partial_ok(p, hits, spans) else []

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
        at_end = hits[-1][1] == spans[-1][1] and self._next_with_words(p.index) in self.whole
        at_start = hits[0][0] == spans[0][0] and self._prev_with_words(p.index) in self.whole
        n_words = sum(len(words(p.text[s:e])) for s, e, _ in hits)
        if n_words < self.cfg.min_words:
            return False
        return at_end or at_start or (len(hits) >= 2 and n_words >= 25)

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
            if i in self.whole or i in self.partial or not (v.lookalike or v.similarity >= 80):
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
    space before it when it ends its paragraph, so no stray gap is left.
    """
    whole = {
        r.index
        for r in removals
        if (r.start, r.end) == (paragraphs[r.index].start, paragraphs[r.index].end)
    }
    spans = [(_line_start(text, p.start), _line_end(text, p.end)) for p in paragraphs]
    deletions = _delete_spans(text, spans, [p.index in whole for p in paragraphs])
    for r in removals:
        if r.index in whole:
            continue
        p = paragraphs[r.index]
        start, end = r.start, r.end
        if end >= p.end:
            while start > p.start and text[start - 1].isspace():
                start -= 1
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


_MAX_ROUNDS = 4
"""Cleaning is repeated on its own output until nothing changes (at most this often)."""


def clean_text(text: str, config: DedupeConfig = DEFAULT_CONFIG) -> CleanResult:
    """Remove repeated paragraphs and sentences; keep first copies, byte for byte.

    The cleaner runs again on its own output until that output is stable, so
    cleaning is idempotent by construction: removing one copy can make
    another one plain (two copies of a short line that were kept apart by a
    third). Later rounds report their removals in the input's terms.
    """
    result = _Cleaner(text, config).run()
    for _ in range(_MAX_ROUNDS - 1):
        if not result.removed:
            break
        again = _Cleaner(result.cleaned, config).run()
        if not again.removed:
            break
        result = _merge_rounds(result, again)
    return result


def _merge_rounds(first: CleanResult, second: CleanResult) -> CleanResult:
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

    removals = list(first.removed)
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
                        Removal(paragraph_at(lo), text, source, r.similarity, r.reason, o_lo, o_hi)
                    )
    removals.sort(key=lambda r: r.start)
    gone = {r.index for r in removals}
    suspects = tuple(x for x in first.suspects if x.index not in gone)
    return CleanResult(first.original, second.cleaned, first.paragraphs, tuple(removals), suspects)
