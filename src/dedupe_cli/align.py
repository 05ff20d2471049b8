"""Is this stretch of words a copy of earlier text? Candidates and verification.

The article's words form one stream, so layout does not matter: re-wrapped,
merged or split copies still share long runs of words with their original.

1. Candidates: every run of `shingle` normalised words is looked up in a hash
   index of the runs seen before it (linear time). A word covered by a run
   that occurred earlier is "covered", and remembers where its source is.
2. Verification: a stretch that is mostly covered is aligned word by word
   against its source region with rapidfuzz. The copy may differ from the
   source only by typos, dropped words, a few added small words and a cut
   first or last word. A different number or name, or a substituted word,
   means the text says something else and it is kept.

Which differences are harmless (the copy may go, as the source says it all):
- a typo: one or two slips of the keys in a word that is not a number, and
  does not make another real word (legal/illegal, rise/rose, not/now);
- a dropped word: the kept source still has it;
- an added word: only a small one, lowercase and letters only, at most one
  per `typos.added_words_per` words. A repeated word ("the the") is one of
  a word nearby, and free;
- a restart or cut: the copy starting inside a source word (a scrape that
  jumped back), or its last word cut short.
Never harmless: numbers, names (capitalised words), and negation and answer
words (`lexicon.POLARITY_WORDS`: not, nicht, pas, nie, yes, ...) added,
dropped, changed, or right before the copied words in the source when the
copy starts a sentence there ("Not all dogs" copied as "All dogs"): the
copy says the opposite, so it is a lookalike and kept. A leading label ("Update:", "Pictured:") is
capitalised, so it reads as a name and keeps the copy: stripping labels
needs evidence beyond one paragraph (a rule of the detector, not of the
alignment).

Pure functions over the word stream; no I/O.
"""

from __future__ import annotations

import operator
import re
import sys
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, islice, pairwise
from typing import Any, cast

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel

from .config import DEFAULT_CONFIG, DedupeConfig, TypoConfig
from .lexicon import FIGURE_HEDGES, POLARITY_WORDS, shown
from .models import Difference, Paragraph
from .segment import SENTENCE_STOPS, is_alphabetic, surface_words, words


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one stretch of words against earlier text.

    For a copy of words[a:b], `similarity` is the rapidfuzz ratio between
    exactly the copy's words and the source words [source_word, source_end),
    each joined by spaces, so the explanation can be checked. Two cases
    differ: after a `restart` difference the copy's first word (a fragment
    of the source word before source_word) is left out of the comparison,
    and a text verified in chunks reports its least similar chunk (a lower
    bound for the whole).
    """

    ok: bool
    similarity: float
    source_word: int
    reason: str
    lookalike: bool = False
    source_end: int = -1
    """One past the last source word matched (-1 when unknown)."""
    differences: tuple[Difference, ...] = ()
    """For an accepted copy: every way it differs from its source, word by word
    (typo, dropped, added, cut, restart), in the copy's order."""


class Words:
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
        self.vectorised = use_numpy(len(self.words))
        self.firsts, self.repeat = shingle_index(self.words, k, self.vectorised)
        self._caps: dict[int, list[bool]] = {}
        self._src: Sequence[int] | None = None
        self._covered: Sequence[int] = []

    def paragraph_of(self, word: int) -> int:
        """Index of the paragraph holding word number `word`."""
        return bisect_right(self.bounds, word) - 1

    def any_repeat(self, a: int, b: int) -> bool:
        """Does any shingle overlapping words[a:b] repeat earlier text?"""
        return self.repeat.find(1, max(0, a - self.k + 1), b) != -1

    def source(self, t: int) -> int:
        """Where word t was seen before, as part of a repeated shingle (or -1)."""
        src = self._sources()
        return int(src[t]) if 0 <= t < len(src) else -1

    def sources(self, a: int, b: int) -> list[int]:
        """`source(t)` for every t in [a, b)."""
        src = self._sources()[a:b]
        return src if isinstance(src, list) else cast(Any, src).tolist()

    def covered(self, a: int, b: int) -> int:
        """How many of words[a:b] have a source (prefix sums: O(1) per call)."""
        if not self.any_repeat(a, b):
            return 0
        self._sources()
        return int(self._covered[b] - self._covered[a])

    def covered_from(self, a: int, b: int) -> int:
        """The first t >= a from which every word up to b has a source.

        A binary search on the prefix sums: a copied tail of a million words
        costs a few steps, not a step per word.
        """
        if b <= a or self.source(b - 1) < 0:
            return b
        cov = self._covered
        lo, hi = a, b - 1  # words[hi:b] are all covered; find the smallest such hi
        while lo < hi:
            mid = (lo + hi) // 2
            if cov[b] - cov[mid] == b - mid:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def _sources(self) -> Sequence[int]:
        """Every word's source, built once on first use (documents without repeats never do).

        A list, or for a vectorised index a numpy array: converting millions
        of positions to Python ints costs more than reading the few needed.
        """
        if self._src is None:
            n = len(self.words)
            if self.vectorised:
                self._src, self._covered = _word_sources_numpy(self.repeat, self.firsts, self.k, n)
            else:
                self._src, self._covered = _word_sources(self.repeat, self.firsts, self.k, n)
        return self._src

    def capitalised(self, t: int) -> bool:
        """Was word t capitalised in the input? (a name, or a sentence start)"""
        i = self.paragraph_of(t)
        caps = self._caps.get(i)
        if caps is None:
            raw = surface_words(self.paragraphs[i].text) or []
            n = self.bounds[i + 1] - self.bounds[i]
            # if normalisation changed the word count, treat every word as a name
            caps = [w[:1].isupper() for w in raw] if len(raw) == n else [True] * n
            self._caps[i] = caps
        return caps[t - self.bounds[i]]


_NUMPY_FROM_WORDS = 20_000
"""From this many words on, the index is built with numpy (about 120 KB of text)."""

_NUMPY_LOADED_FROM_WORDS = 500
"""Once numpy is loaded anyway, it is faster from about 3 KB of text on."""


def use_numpy(n_words: int) -> bool:
    """Build this document's index with numpy?

    Importing numpy costs more than it saves on one small article, so a
    single small input never loads it; a batch loads it once (`load_numpy`).
    """
    if n_words >= _NUMPY_FROM_WORDS:
        return True
    return n_words >= _NUMPY_LOADED_FROM_WORDS and "numpy" in sys.modules


def load_numpy() -> None:
    """Load numpy now, so that small documents use it too (for runs over many documents)."""
    import numpy  # noqa: F401


def shingle_index(seq: list[str], k: int, vectorised: bool) -> tuple[Sequence[int], bytes]:
    """For each k-word shingle, where it first occurs; and 1 where that is earlier.

    A shingle "repeats" at s when its first occurrence ends before s starts.
    """
    if vectorised:
        return _shingle_index_numpy(word_hashes(seq), k)
    n = len(seq) - k + 1
    if n <= 0:
        return [], b""
    hashes = list(map(hash, zip(*(islice(seq, j, None) for j in range(k)), strict=False)))
    first = dict(zip(reversed(hashes), range(n - 1, -1, -1), strict=True))
    firsts = list(map(first.__getitem__, hashes))
    return firsts, bytes(map(k.__le__, map(operator.sub, range(n), firsts)))


_BUCKET_BITS = 25
"""At most 32M buckets (256 MB, for 16M+ shingles) when spotting shingles seen only once."""


_SORT_ALL_BELOW = 4096
"""Fewer shingles than this are simply all sorted: bucketing them costs more."""


def _maybe_repeated(keys: Any) -> Any:
    """Positions of the keys that may occur more than once (all that do, few that do not).

    A key alone in its hash bucket occurs once. Each pass buckets the keys
    still in doubt by other bits of their hash, so keys that only shared a
    bucket by chance drop out, until a pass no longer pays (it removes less
    than a quarter of them): sorting is left with mostly real repeats.
    """
    import numpy as np

    shared = np.arange(len(keys), dtype=np.int64)
    used = 0
    while len(shared) >= _SORT_ALL_BELOW and used < 64:
        bits = min(max(8, min(_BUCKET_BITS, (2 * len(shared)).bit_length())), 64 - used)
        used += bits
        bucket = ((keys[shared] >> np.uint64(64 - used)) & np.uint64((1 << bits) - 1)).astype(
            np.intp
        )
        still = np.bincount(bucket, minlength=1 << bits)[bucket] > 1
        before = len(shared)
        shared = shared[still]
        if len(shared) > 0.75 * before:
            break
    return shared


def word_hashes(seq: list[str]) -> Any:
    """A numpy array of 64-bit word hashes (unsigned)."""
    import numpy as np

    return np.fromiter(map(hash, seq), dtype=np.int64, count=len(seq)).view(np.uint64)


def _shingle_index_numpy(words: Any, k: int) -> tuple[Any, bytes]:
    """The same as `shingle_index`, vectorised (imported lazily: numpy costs start-up time).

    Shingles are 64-bit hashes combined from word hashes. Counting them in
    hash buckets first finds the many that occur once; only the rest are
    sorted, and a stable sort puts each group's first occurrence first.
    """
    import numpy as np

    n = len(words) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.int64), b""
    keys = words[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            keys *= np.uint64(0x100000001B3)
            keys ^= words[j : j + n]
    shared = _maybe_repeated(keys)
    firsts = np.arange(n, dtype=np.int64)
    if len(shared):
        sub = keys[shared]
        order = np.argsort(sub, kind="stable")
        ordered = sub[order]
        starts = np.ones(len(shared), dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        group_first = shared[order[starts]]
        found = np.empty(len(shared), dtype=np.int64)
        found[order] = group_first[np.cumsum(starts) - 1]
        firsts[shared] = found
    repeat = (np.arange(n, dtype=np.int64) - firsts) >= k
    return firsts, repeat.astype(np.uint8).tobytes()


def _word_sources(
    repeat: bytes, firsts: Sequence[int], k: int, n_words: int
) -> tuple[list[int], list[int]]:
    """Each word's source and the prefix sums of covered words.

    A word's source comes from the first repeated shingle that covers it;
    walking the repeated shingles in order, each word is set once.
    """
    src = [-1] * n_words
    done = 0  # words before this already have their source
    s = repeat.find(1)
    while s != -1:
        f = firsts[s] - s
        for t in range(max(s, done), min(s + k, n_words)):
            src[t] = f + t
        done = s + k
        s = repeat.find(1, s + 1)
    covered = list(accumulate(map((-1).__lt__, src), initial=0))
    return src, covered


def _word_sources_numpy(
    repeat: bytes, firsts: Sequence[int], k: int, n_words: int
) -> tuple[Any, Any]:
    """The same as `_word_sources`, vectorised: each word finds its first covering shingle."""
    import numpy as np

    starts = np.flatnonzero(np.frombuffer(repeat, dtype=np.uint8))
    if not len(starts):  # nothing repeats
        return np.full(n_words, -1, dtype=np.int64), np.zeros(n_words + 1, dtype=np.int64)
    t = np.arange(n_words, dtype=np.int64)
    idx = np.searchsorted(starts, t - k + 1)
    s = starts[np.minimum(idx, len(starts) - 1)]
    ok = (idx < len(starts)) & (s <= t)
    src = np.where(ok, np.asarray(firsts, dtype=np.int64)[s] + t - s, -1)
    covered = np.concatenate(([0], np.cumsum(ok)))
    return src, covered


def _source_region(doc: Words, a: int, b: int, cfg: DedupeConfig) -> tuple[int, int] | None:
    """The earlier stretch of words that words[a:b] most likely copies."""
    if not doc.any_repeat(a, b):
        return None
    pairs = [(t, s) for t, s in zip(range(a, b), doc.sources(a, b), strict=True) if s >= 0]
    if not pairs or len(pairs) < cfg.coverage * (b - a):
        return None
    offsets = Counter(t - s for t, s in pairs)
    mode = offsets.most_common(1)[0][0]
    cand = cfg.candidates
    tol = max(cand.region_tolerance_words, (b - a) // cand.region_tolerance_per)
    aligned = [(t, s) for t, s in pairs if abs(t - s - mode) <= tol]
    # extrapolate over the copy's unmatched ends, but not past the source paragraphs
    first_s, last_s = aligned[0][1], aligned[-1][1]
    lo = max(first_s - (aligned[0][0] - a), doc.bounds[doc.paragraph_of(first_s)])
    hi = min(last_s + (b - aligned[-1][0]), doc.bounds[doc.paragraph_of(last_s) + 1], a)
    return (lo, hi) if lo < hi else None


_NEGATIONS = ("un", "in", "im", "il", "ir", "dis", "non", "de", "anti", "mis", "ne")
_VOWELS = frozenset(
    "aeiouy"
    "àáâãäåæèéêëìíîïòóôõöøùúûüýÿąęœ"  # Latin with diacritics (Polish ą/ę, German ä/ö/ü)
    "аеёиоуыэюяієї"  # Cyrillic
    "αεηιουωάέήίόύώϊϋΐΰ"  # Greek
)
"""Vowel letters of the alphabets (lowercase, as words are): one swapped for another in a
short word makes another word in every one of them (win/won, стол/стул, mąka/męka)."""
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


def _is_typo(a: str, b: str, typos: TypoConfig, strict: bool = False) -> bool:
    """A small slip of the keys on a word that is not a number: not a new fact.

    Edits that make another real word are facts, not typos: a negation
    prefix (legal/illegal), a known opposite (increase/decrease), or a vowel
    swapped in a short word (rise/rose, win/won); and a negation or answer
    word is never a typo of another word (not/now, nie/die: `lexicon`), and
    two roman numerals are two numbers (Part II/Part III, Louis XV/XVI).
    `strict` allows one slip only: for names (Jones/James are two people)
    and for loose matches. A word shorter than `typos.min_typo_letters` never
    turns into another word of its length (list labels a)/b), initials,
    of/or), nor does a word of a script that writes vowels as marks when a
    vowel sign or vowel letter changes (Hindi लड़का/लड़की, boy/girl;
    हुआ/हुई); and two directions are two words (northbound/southbound).
    """
    if a == b:
        return True
    if a in POLARITY_WORDS or b in POLARITY_WORDS or (is_roman(a) and is_roman(b)):
        return False
    if len(a) == len(b) < typos.min_typo_letters:
        return False
    if not (a.isascii() and b.isascii()) and _other_vowels(a, b):
        return False
    if a[:2] in _DIRECTION_HEADS and b[:2] in _DIRECTION_HEADS and _other_direction(a, b):
        return False
    limit = 1 if strict or min(len(a), len(b)) <= typos.short_word_letters else typos.max_edits
    if abs(len(a) - len(b)) > limit or not (is_alphabetic(a) and is_alphabetic(b)):
        return False  # too far apart, or a number (words are letters and digits only)
    if frozenset((a, b)) in _OPPOSITES or OSA.distance(a, b, score_cutoff=limit) > limit:
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.endswith(short) and long_[: len(long_) - len(short)] in _NEGATIONS:
        return False
    return not _vowel_swap(a, b, typos.vowel_swap_letters)


def _other_vowels(a: str, b: str) -> bool:
    """Do two words of an abugida (vowels written as marks) differ in their vowels?

    A vowel sign changed is another word (लड़का/लड़की, boy/girl); one dropped
    from a longer word is a slip (सरकारी/सरकरी), as a dropped letter is."""
    va, vb = sorted(filter(_is_vowel_sign, a)), sorted(filter(_is_vowel_sign, b))
    if va == vb:
        return False
    short, long_ = sorted((va, vb), key=len)
    if len(long_) - len(short) == 1 and min(len(a), len(b)) >= 4:
        rest = list(long_)
        for v in short:
            if v not in rest:
                return True
            rest.remove(v)
        return False
    return True


_VOWEL_LETTERS = frozenset(["A", "AA", "I", "II", "U", "UU", "E", "EE", "AI", "O", "OO", "AU"])


def _is_vowel_sign(ch: str) -> bool:
    """A combining vowel sign or mark, or an independent vowel letter of an Indic script."""
    if unicodedata.category(ch) in ("Mn", "Mc"):
        return True
    name = unicodedata.name(ch, "")
    return (
        " LETTER " in name
        and (name.rsplit(" LETTER ", 1)[1] in _VOWEL_LETTERS or "VOCALIC" in name)
        and not name.startswith(("LATIN", "GREEK", "CYRILLIC"))
    )


_DIRECTIONS = ("north", "south", "east", "west", "nord", "süd", "sud", "ost", "ouest", "est")
_DIRECTION_HEADS = frozenset(d[:2] for d in _DIRECTIONS)
"""First two letters of a direction: most word pairs are ruled out without a call."""


def _other_direction(a: str, b: str) -> bool:
    """northbound/southbound, nordwärts/südwärts: the same word with another direction."""
    for x in _DIRECTIONS:
        if a.startswith(x):
            for y in _DIRECTIONS:
                if y != x and b.startswith(y) and a[len(x) :] == b[len(y) :]:
                    return True
    return False


_ROMAN_RE = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


def is_roman(word: str) -> bool:
    """Is this (case-folded) word a roman numeral? ("ii", "xiv"; "mix" too, which is harmless:
    only two numerals side by side are refused as a typo)."""
    return bool(word) and _ROMAN_RE.fullmatch(word) is not None


def _vowel_swap(a: str, b: str, max_letters: int) -> bool:
    """One vowel changed in a short word: rise/rose, win/won, man/men, стол/стул."""
    if len(a) != len(b) or len(a) > max_letters:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diff) != 1 or not (diff[0][0] in _VOWELS and diff[0][1] in _VOWELS):
        return False
    x, y = (unicodedata.normalize("NFD", ch)[0] for ch in diff[0])
    return x != y  # café/cafe, mąka/maka: an accent lost is a slip, not another vowel


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
    differences: tuple[_Diff, ...] = ()
    """(kind, copy word, source word) for each difference, as `Difference` takes them."""


_Diff = tuple[str, str, str]


SLACK = DEFAULT_CONFIG.typos.slack_words
"""The default `typos.slack_words`, for callers that do not pass a config."""


def _align(
    doc: Words,
    a: int,
    b: int,
    lo: int,
    hi: int,
    partial_at: int | None,
    cfg: DedupeConfig = DEFAULT_CONFIG,
) -> _Alignment:
    """Align words[a:b] against words[lo:hi] and explain every difference.

    `partial_at` is where the copy's first word is the cut-off end of a
    source word (`_fragment_source`): then the alignment starts after both.

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
    slack = cfg.typos.slack_words
    partial = partial_at is not None
    if partial_at is not None:
        a, lo = a + 1, partial_at + 1
    first = doc.bounds[doc.paragraph_of(lo)]
    last = doc.bounds[doc.paragraph_of(max(lo, hi - 1)) + 1]
    wide = (max(first, lo - slack), min(a, last, hi + slack))
    tries = [_align_in(doc, a, b, (lo, hi), (lo, hi), partial, cfg.typos)]
    if wide != (lo, hi):
        tries.append(_align_in(doc, a, b, (lo, hi), wide, partial, cfg.typos))
    return min(tries, key=lambda al: (not al.structural, bool(al.facts), al.added, -al.similarity))


def _align_in(
    doc: Words,
    a: int,
    b: int,
    region: tuple[int, int],
    window: tuple[int, int],
    partial: bool,
    typos: TypoConfig,
) -> _Alignment:
    """One alignment of words[a:b] against the source words in `window` (around `region`)."""
    lo, hi = region
    lo2, hi2 = window
    copy, src = doc.words[a:b], doc.words[lo2:hi2]
    gaps, span = _gaps(copy, src)
    if span is None:
        return _Alignment(False, "", lo, hi, partial, added=b - a)
    total_added, all_facts = 0, ""
    diffs: list[_Diff] = []
    max_added = max(1, (b - a) // typos.added_words_per)
    real_lo, real_hi = lo - lo2, hi - lo2  # the estimated region, without the slack
    for (c0, c1), (s0, s1), edge in gaps:
        own = copy[c0:c1]
        # the gap's source words inside the matched span; only those can be dropped
        if edge == "lead":
            spanned = src[max(s0, span[0]) : s1]
            theirs = src[max(s0, real_lo) : s1]
            theirs = theirs[max(0, len(theirs) - len(own)) :]
        elif edge == "tail":
            spanned = src[s0 : min(s1, span[1])]
            theirs = src[s0 : min(s1, real_hi)][: len(own)]
        else:
            spanned = theirs = src[s0:s1]
        slack = typos.slack_words
        nearby = doc.words[max(0, lo2 + s0 - slack) : lo2 + s1 + slack]
        ends = c0 + len(own) == len(copy)
        budget = max_added - total_added
        gap = _explain_gap(doc, a + c0, own, (theirs, spanned, nearby), (edge, ends), budget, typos)
        total_added += gap.added
        all_facts = all_facts or gap.facts
        diffs += gap.differences
        if total_added > max_added:
            break  # not a copy: the rest cannot change that
    structural = total_added <= max_added
    if not partial:
        all_facts = all_facts or _polar_before(doc, lo2 + span[0], a)
    matched = doc.words[lo2 + span[0] : lo2 + span[1]]
    sim = fuzz.ratio(" ".join(copy), " ".join(matched))
    return _Alignment(
        structural, all_facts, lo2 + span[0], lo2 + span[1], partial, total_added, sim, tuple(diffs)
    )


def _polar_before(doc: Words, lo: int, a: int) -> str:
    """The fact lost when the copy at `a` starts a sentence where its source followed a negation.

    "All dogs travel free", copied from "Not all dogs travel free", leaves
    out a word outside the matched span (from `lo`), yet says the opposite.
    Only the word right before the span counts, in the same paragraph, and
    only when the copy makes a sentence start of a lowercase source word. A
    copy starting in lowercase is a scrape restart inside the sentence
    ("...choose never | to click on"), which states nothing of its own; one
    starting with a name may be a line split off ("...and no | U.S.
    president has ever..."). So a German copy "Hunde ..." of "Keine Hunde
    ..." goes unnoticed: nouns are capitalised. Returns "" when nothing is lost.
    """
    t = lo - 1
    if t < 0 or doc.words[t] not in POLARITY_WORDS:
        return ""
    if not doc.capitalised(a) or doc.capitalised(lo):
        return ""
    if doc.paragraph_of(t) != doc.paragraph_of(lo):
        return ""
    return f"the original says '{shown(doc.words[t])}'"


@dataclass(frozen=True)
class _GapExplained:
    """What one unmatched stretch of a copy amounts to."""

    added: int
    """Copy words with no counterpart in the source."""
    facts: str
    """The first changed fact, or ""."""
    differences: list[_Diff]
    """Each harmless difference, in order: typos and additions, then dropped words."""


def _explain_gap(
    doc: Words,
    at: int,
    own: list[str],
    source: tuple[list[str], list[str], list[str]],
    where: tuple[str, bool],
    budget: int,
    typos: TypoConfig,
) -> _GapExplained:
    """Explain the copy's words in one unmatched stretch: words added, first fact, differences.

    Each copy word may be a typo of some source word in the stretch (each
    used once) or close to it (the alignment may have matched a repeated
    word, as in "Spend Spend Spend", one place off), or the copy's last word
    may be cut short. Anything else is an added word, and a changed fact
    when the source had a word there (between matches) or when it is a
    number or a name. A negation or answer word pairs only with itself: one
    added, or left over in the source, is a changed fact. A long unexplained
    stretch is new text, not a swapped name: it counts as added words. Once
    more words are added than `budget` allows, the rest is not examined.

    `source` is (the source words the copy's words may pair with, the gap's
    source words inside the matched span, the source words nearby); the
    spanned words left unpaired are the dropped ones.
    """
    theirs, spanned, nearby = source
    edge, ends_copy = where
    left = list(theirs)
    added, facts = 0, ""
    diffs: list[_Diff] = []
    dropped = list(spanned)
    for k, x in enumerate(own):
        last = ends_copy and k == len(own) - 1
        name = doc.capitalised(at + k)
        polar = x in POLARITY_WORDS
        match = next((y for y in left if _pairs(x, y, typos, name, last and not polar)), None)
        if match is not None:
            left.remove(match)
            dropped.remove(match)
            if match != x:
                diffs.append(("typo" if _is_typo(x, match, typos, name) else "cut", x, match))
            continue
        if x in FIGURE_HEDGES and _number_after(doc, at + k):
            facts = facts or f"'{x}' before a number only in this copy"
            continue  # "almost 40" is not "40"
        if (
            not polar
            and is_alphabetic(x)
            and any(_is_typo(x, y, typos, strict=True) for y in nearby)
        ):
            diffs.append(("added", x, ""))  # a repeat of a word nearby, maybe outside the span
            continue  # (numbers never: "2-1" and "1-2" are different results)
        if left and k < len(theirs):
            facts = facts or f"'{shown(x)}' where the original has '{shown(theirs[k])}'"
            if edge == "mid" and len(own) < typos.max_swap_words:
                continue  # a swapped word or name: a lookalike, not extra text
        if polar:  # a reversed statement: a lookalike, not extra text
            facts = facts or f"'{shown(x)}' only in this copy"
            continue
        added += 1
        diffs.append(("added", x, ""))
        if doc.capitalised(at + k) or not is_alphabetic(x):
            facts = facts or f"adds '{x}'"
        if added > budget:
            break  # more added words than a copy may have: no need to look further
    diffs += [("dropped", "", y) for y in dropped]
    lost = next((y for y in dropped if y in POLARITY_WORDS), None)
    if lost is not None:
        facts = facts or f"the original says '{shown(lost)}'"
    return _GapExplained(added, facts, diffs)


def _number_after(doc: Words, t: int) -> bool:
    """Does a number follow word t in its paragraph, maybe after one more word ("almost |
    40", "up to | 45", "mehr als | 300")?"""
    for nxt in (t + 1, t + 2):
        if nxt >= len(doc.words) or doc.paragraph_of(nxt) != doc.paragraph_of(t):
            return False
        if not is_alphabetic(doc.words[nxt]):
            return True
    return False


def _pairs(x: str, y: str, typos: TypoConfig, name: bool, may_be_cut: bool) -> bool:
    """Can copy word x stand for source word y: the same, a typo, or (last word) cut short?

    A number is never cut short: "2" is not the start of "25", nor "II" of "III".
    """
    return _is_typo(x, y, typos, name) or (
        may_be_cut
        and y.startswith(x)
        and y not in POLARITY_WORDS
        and is_alphabetic(x)
        and not (is_roman(x) and is_roman(y))
    )


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


@cache
def _sentence_end_re() -> re.Pattern[str]:
    """Compiled on first use (start-up): only partial copies ask where a sentence ended."""
    return re.compile(rf"[{SENTENCE_STOPS}][\"'”’)\]]*\s*$")


_OPENERS = frozenset("$£€¥([{\"'“‘«#@*-–—")


def token_start(text: str, offset: int) -> int:
    """Move back over the punctuation that opens a word: "$600", "(1975)", "“Yes"."""
    while offset > 0 and text[offset - 1] in _OPENERS:
        offset -= 1
    return offset


def after_sentence(text: str, offset: int) -> bool:
    """Does the text before `offset` end with a finished sentence?"""
    return bool(_sentence_end_re().search(text[:offset]))


def restart_junction(text: str, offset: int) -> bool:
    """Does the text at `offset` start lowercase right after a finished sentence?

        "...put up for sale. relatively modest player."

    No sentence starts in lowercase: this is where a scrape jumped back.
    """
    return text[offset : offset + 1].islower() and after_sentence(text, offset)


def _fragment_source(doc: Words, a: int, b: int, lo: int, hi: int) -> int | None:
    """Where the copy's first word is the cut-off end of a source word, if it is.

    The region's first word is the usual place; a region guessed from a
    neighbour is searched for the word whose tail it is, followed by the
    copy's second word.
    """
    if doc.source(a) >= 0 or not 0 < lo < a:
        return None
    first = doc.words[a]
    if is_word_tail(first, doc.words[lo]):
        return lo
    after = doc.words[a + 1] if a + 1 < b else None
    for s in range(lo, min(hi, a) - 1):
        if is_word_tail(first, doc.words[s]) and doc.words[s + 1] == after:
            return s
    return None


def is_word_tail(word: str, source_word: str) -> bool:
    """`word` is the end of `source_word`: a scrape that restarted mid-word.

    Letters only: "8" at the end of "28" is a different number, not a cut;
    and never a negation or answer word ("no" at the end of "piano"), but
    for the one-letter ends of contractions ("t" of "can't", also the end of
    "that").
    """
    return (
        is_alphabetic(word)
        and len(word) < len(source_word)
        and source_word.endswith(word)
        and (len(word) == 1 or word not in POLARITY_WORDS)
    )


def verify(
    doc: Words,
    a: int,
    b: int,
    cfg: DedupeConfig,
    region: tuple[int, int] | None = None,
    threshold: float | None = None,
    only_ok: bool = False,
) -> Verdict | None:
    """Is words[a:b] a copy of earlier text? None when there is no candidate.

    `only_ok` is for callers that act on a copy and ignore why anything else
    was kept: then text that cannot reach the threshold is turned down
    before the word-by-word explanation, which is the expensive part.
    """
    threshold = cfg.threshold if threshold is None else threshold
    if region is None and b - a > cfg.max_verify_words:
        return _verify_chunks(doc, a, b, cfg)
    region = region or _source_region(doc, a, b, cfg)
    if region is None:
        return None
    partial_at = _fragment_source(doc, a, b, *region)
    if only_ok and _best_ratio(doc, a, b, *region, partial_at, cfg) < threshold:
        return Verdict(False, 0.0, region[0], "not similar enough", False, region[1])
    al = _align(doc, a, b, *region, partial_at, cfg)
    sim = al.similarity
    if not al.structural:
        return Verdict(False, sim, al.lo, "too many words not in the original", False, al.hi)
    facts = al.facts or (_swapped_word(al.differences) if b - a < cfg.min_words else "")
    if facts:
        return Verdict(False, sim, al.lo, f"kept: {facts}", True, al.hi)
    if sim < threshold:
        why = f"similarity {sim:.1f} below {threshold:.0f}"
        return Verdict(False, sim, al.lo, why, False, al.hi)
    found = [Difference(*d) for d in al.differences]
    if partial_at is not None:
        found.insert(0, Difference("restart", doc.words[a], doc.words[partial_at]))
    reason = "exact" if sim == 100 else "near-duplicate"
    return Verdict(True, sim, al.lo, reason, False, al.hi, tuple(found))


def _swapped_word(differences: Sequence[tuple[str, str, str]]) -> str:
    """In a short line, a word added where one was dropped is another word, not noise.

    "Part II" under "Part III", "Henry VIII" under "Henry VII": a title, list
    label or heading has no room for harmless extra words.
    """
    added = next((c for kind, c, _ in differences if kind == "added"), None)
    dropped = next((k for kind, _, k in differences if kind == "dropped"), None)
    if added is None or dropped is None:
        return ""
    return f"'{shown(added)}' where the original has '{shown(dropped)}'"


def _best_ratio(
    doc: Words,
    a: int,
    b: int,
    lo: int,
    hi: int,
    partial_at: int | None,
    cfg: DedupeConfig = DEFAULT_CONFIG,
) -> float:
    """An upper bound on the similarity `_align` can find for words[a:b] in [lo, hi).

    The alignment compares the copy (without its first word when that is a
    word fragment: `partial_at`, as `_align` gets it) with some stretch M of
    the source words around [lo, hi), widened by the slack. M is a substring
    of that whole window S, so for the Indel distance
    d(C, M) >= d(C, S) - (|S| - |M|), and d(C, M) >= | |C| - |M| |; the best
    ratio over every length of M follows.
    """
    slack = cfg.typos.slack_words
    window = " ".join(doc.words[max(0, lo - slack) : hi + slack])
    start = a if partial_at is None else a + 1
    return _ratio_bound(" ".join(doc.words[start:b]), window)


def _ratio_bound(copy: str, window: str) -> float:
    c, s = len(copy), len(window)
    if c == 0:
        return 100.0
    d = Indel.distance(copy, window)
    best = 0.0
    for x in (0.0, float(s), min(float(c), s), min(max((c - d + s) / 2, 0.0), s)):
        if c + x > 0:
            dist = max(abs(c - x), d - s + x, 0.0)
            best = max(best, 100.0 * (1 - dist / (c + x)))
    return best


def _verify_chunks(doc: Words, a: int, b: int, cfg: DedupeConfig) -> Verdict | None:
    """Verify a long text piecewise; it is a copy only if every piece is."""
    step = cfg.max_verify_words
    verdicts = [verify(doc, s, min(s + step, b), cfg) for s in range(a, b, step)]
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
    found = tuple(d for v in verdicts if v is not None for d in v.differences)
    return Verdict(True, sim, first.source_word, first.reason, False, last.source_end, found)
