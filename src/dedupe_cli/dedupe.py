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

import operator
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from .models import CleanResult, Paragraph, Removal, Suspect
from .segment import BULLET_RE, WORD_RE, split_paragraphs, words
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
    ok: bool
    similarity: float
    source_word: int
    reason: str
    lookalike: bool = False


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


def _first_occurrences(seq: list[str], k: int) -> list[int]:
    """For each k-word shingle, the position where it first occurs."""
    n = len(seq) - k + 1
    if n <= 0:
        return []
    hashes = list(map(hash, zip(*(islice(seq, j, None) for j in range(k)), strict=False)))
    first = dict(zip(reversed(hashes), range(n - 1, -1, -1), strict=True))
    return list(map(first.__getitem__, hashes))


def _source_region(doc: _Words, a: int, b: int, coverage: float) -> tuple[int, int] | None:
    """The earlier stretch of words that words[a:b] most likely copies."""
    if not doc.any_repeat(a, b):
        return None
    pairs = [(t, s) for t in range(a, b) if (s := doc.source(t)) >= 0]
    if not pairs or len(pairs) < coverage * (b - a):
        return None
    offsets = Counter(t - s for t, s in pairs)
    mode = offsets.most_common(1)[0][0]
    tol = max(3, (b - a) // 5)
    aligned = [(t, s) for t, s in pairs if abs(t - s - mode) <= tol]
    lo = aligned[0][1] - (aligned[0][0] - a)
    hi = aligned[-1][1] + (b - aligned[-1][0])
    lo, hi = max(lo, 0), min(hi, a)
    return (lo, hi) if lo < hi else None


def _is_typo(a: str, b: str) -> bool:
    """Small edit on a word that is not a number: a typo, not a new fact."""
    if any(c.isdigit() for c in a + b):
        return False
    limit = 1 if min(len(a), len(b)) <= 4 else 2
    return OSA.distance(a, b, score_cutoff=limit) <= limit


def _explain(doc: _Words, a: int, b: int, lo: int, hi: int) -> tuple[bool, bool, str]:
    """Check that words[a:b] differs from words[lo:hi] only harmlessly.

    Returns (structurally a copy, differs in facts, reason).
    """
    copy, src = doc.words[a:b], doc.words[lo:hi]
    inserted = 0
    facts = ""
    for op in Levenshtein.editops(copy, src):
        i = op.src_pos
        if op.tag == "delete":  # a word the copy has and the source lacks
            inserted += 1
            if doc.capitalised(a + i) or any(c.isdigit() for c in copy[i]):
                facts = facts or f"adds '{copy[i]}'"
        elif op.tag == "replace":
            x, y = copy[i], src[op.dest_pos]
            edge = (i == 0 and y.endswith(x)) or (i == len(copy) - 1 and y.startswith(x))
            if not (edge or _is_typo(x, y)):
                facts = facts or f"'{x}' where the original has '{y}'"
    if inserted > max(1, (b - a) // 10):
        return False, False, f"{inserted} words not in the original"
    return True, bool(facts), facts


def _verify(doc: _Words, a: int, b: int, cfg: DedupeConfig) -> _Verdict | None:
    """Is words[a:b] a copy of earlier text? None when there is no candidate."""
    if b - a > cfg.max_verify_words:
        return _verify_chunks(doc, a, b, cfg)
    region = _source_region(doc, a, b, cfg.coverage)
    if region is None:
        return None
    lo, hi = region
    sim = fuzz.ratio(" ".join(doc.words[a:b]), " ".join(doc.words[lo:hi]))
    structural, differs, why = _explain(doc, a, b, lo, hi)
    if not structural:
        return _Verdict(False, sim, lo, why)
    if differs:
        return _Verdict(False, sim, lo, f"kept: {why}", lookalike=True)
    if sim < cfg.threshold:
        return _Verdict(False, sim, lo, f"similarity {sim:.0f} below {cfg.threshold:.0f}")
    return _Verdict(True, sim, lo, "exact" if sim == 100 else "near-duplicate")


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
    return _Verdict(True, sim, first.source_word, first.reason)


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
    text = p.text.strip().strip("*#_ ")
    return bool(text) and text[-1] not in ".!?:;\"'”’"


class _Cleaner:
    """Runs detection over one article and collects removals."""

    def __init__(self, text: str, cfg: DedupeConfig) -> None:
        self.text = text
        self.cfg = cfg
        self.paragraphs = split_paragraphs(text)
        self.doc = _Words(self.paragraphs, cfg.shingle)
        bounds = self.doc.bounds
        self.wordy = [i for i in range(len(self.paragraphs)) if bounds[i + 1] > bounds[i]]
        self.whole: dict[int, _Decision] = {}
        self.pending: dict[int, _Decision] = {}
        self.partial: dict[int, list[tuple[int, int, _Verdict]]] = {}
        self.suspects: list[Suspect] = []

    def run(self) -> CleanResult:
        seen: dict[str, int] = {}
        for p in self.paragraphs:
            self._judge(p, seen)
        self._settle_short()
        for p in self.paragraphs:
            if p.index not in self.whole and p.index not in self.pending:
                self._judge_sentences(p)
        return self._result()

    def _words_of(self, i: int) -> tuple[int, int]:
        return self.doc.bounds[i], self.doc.bounds[i + 1]

    def _prev_with_words(self, i: int) -> int | None:
        k = bisect_left(self.wordy, i)
        return self.wordy[k - 1] if k > 0 else None

    def _next_with_words(self, i: int) -> int | None:
        k = bisect_right(self.wordy, i)
        return self.wordy[k] if k < len(self.wordy) else None

    def _judge(self, p: Paragraph, seen: dict[str, int]) -> None:
        a, b = self._words_of(p.index)
        if a == b:
            return
        key = " ".join(self.doc.words[a:b])
        earlier = seen.setdefault(key, p.index)
        if earlier != p.index:
            verdict = _Verdict(True, 100.0, self.doc.bounds[earlier], "exact")
        else:
            verdict = _verify(self.doc, a, b, self.cfg)
            if verdict is None:
                return
        source = self.doc.paragraph_of(verdict.source_word)
        if not verdict.ok:
            if verdict.lookalike or verdict.similarity >= 80:
                self.suspects.append(
                    Suspect(p.index, p.text, source, round(verdict.similarity, 1), verdict.reason)
                )
            return
        short = b - a < self.cfg.min_words
        decision = _Decision(verdict, source, short)
        if short and not self._short_ok(p, source):
            self.pending[p.index] = decision
        else:
            self.whole[p.index] = decision

    def _short_ok(self, p: Paragraph, source: int) -> bool:
        """A short repeat stands alone only as a stutter or a repeated heading.

        The heading is one of the article's first two paragraphs (a title, or
        a title under a standfirst) that does not read like a sentence.
        """
        a, b = self._words_of(p.index)
        if b - a < 3:
            return False
        stutter = source == self._prev_with_words(p.index) and b - a >= 4
        heading = source in self.wordy[:2] and _heading_like(self.paragraphs[source])
        return stutter or heading

    def _settle_short(self) -> None:
        """Short repeats next to a removed paragraph belong to the same run."""
        changed = True
        while changed and self.pending:
            changed = False
            for i in sorted(self.pending):
                if self._next_to_removed(i):
                    self.whole[i] = self.pending.pop(i)
                    changed = True

    def _next_to_removed(self, i: int) -> bool:
        return self._prev_with_words(i) in self.whole or self._next_with_words(i) in self.whole

    def _judge_sentences(self, p: Paragraph) -> None:
        """Cut copied sentences out of a paragraph that is only partly a copy."""
        a, b = self._words_of(p.index)
        if a == b or not self.doc.any_repeat(a, b):
            return
        spans = sentence_spans(p.text)
        ranges = self._sentence_words(p, spans, a)
        if ranges is None or len(ranges) < 2:
            return
        hits: list[tuple[int, int, _Verdict]] = []
        for (s, e), (wa, wb) in zip(spans, ranges, strict=True):
            v = _verify(self.doc, wa, wb, self.cfg) if wb > wa else None
            if v is not None and v.lookalike:
                return
            if v is not None and v.ok:
                hits.append((s, e, v))
        if len(hits) == len(spans):
            v = hits[0][2]
            self.whole[p.index] = _Decision(v, self.doc.paragraph_of(v.source_word), False)
        elif hits and self._partial_ok(p, hits, spans):
            self.partial[p.index] = hits

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

    def _partial_ok(
        self, p: Paragraph, hits: list[tuple[int, int, _Verdict]], spans: list[tuple[int, int]]
    ) -> bool:
        """Sentence cuts need run evidence: they touch a removed neighbour or are long."""
        at_end = hits[-1][1] == spans[-1][1] and (p.index + 1) in self.whole
        at_start = hits[0][0] == spans[0][0] and (p.index - 1) in self.whole
        n_words = sum(len(words(p.text[s:e])) for s, e, _ in hits)
        return at_end or at_start or (len(hits) >= 2 and n_words >= 25)

    def _result(self) -> CleanResult:
        removals = [self._whole_removal(i, d) for i, d in sorted(self.whole.items())]
        for i, hits in sorted(self.partial.items()):
            p = self.paragraphs[i]
            for s, e, v in hits:
                src = self._kept_source(self.doc.paragraph_of(v.source_word))
                removals.append(
                    Removal(
                        i,
                        p.text[s:e],
                        src,
                        round(v.similarity, 1),
                        "partial copy",
                        p.start + s,
                        p.start + e,
                    )
                )
        removals.sort(key=lambda r: r.start)
        cleaned = cut(self.text, self.paragraphs, removals)
        return CleanResult(
            self.text, cleaned, tuple(self.paragraphs), tuple(removals), tuple(self.suspects)
        )

    def _kept_source(self, i: int) -> int:
        while i in self.whole:
            i = self.whole[i].source
        return i

    def _whole_removal(self, i: int, d: _Decision) -> Removal:
        p = self.paragraphs[i]
        reason = d.verdict.reason
        if d.short and reason == "exact":
            reason = "exact (repeated run or heading)"
        return Removal(
            i,
            p.text,
            self._kept_source(d.source),
            round(d.verdict.similarity, 1),
            reason,
            p.start,
            p.end,
        )


def _delete_spans(spans: list[tuple[int, int]], gone: list[bool]) -> list[tuple[int, int]]:
    """Character ranges to delete so removed segments take one separator with them.

    A run of removed segments takes the separator after it; a run at the end
    takes the separator before it, so the text keeps its trailing newline.
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
        if j + 1 < n:
            out.append((spans[i][0], spans[j + 1][0]))
        elif i > 0:
            out.append((spans[i - 1][1], spans[j][1]))
        else:
            out.append((spans[i][0], spans[j][1]))
        i = j + 1
    return out


def cut(text: str, paragraphs: list[Paragraph], removals: list[Removal]) -> str:
    """The text with the removed paragraphs and sentences taken out."""
    whole = {
        r.index
        for r in removals
        if (r.start, r.end) == (paragraphs[r.index].start, paragraphs[r.index].end)
    }
    spans = [(p.start, p.end) for p in paragraphs]
    deletions = _delete_spans(spans, [p.index in whole for p in paragraphs])
    by_para: dict[int, list[Removal]] = {}
    for r in removals:
        if r.index not in whole:
            by_para.setdefault(r.index, []).append(r)
    for i, rs in by_para.items():
        p = paragraphs[i]
        sents = [(p.start + s, p.start + e) for s, e in sentence_spans(p.text)]
        gone_set = {(r.start, r.end) for r in rs}
        deletions += _delete_spans(sents, [s in gone_set for s in sents])
    deletions.sort()
    parts = []
    pos = 0
    for s, e in deletions:
        parts.append(text[pos:s])
        pos = max(pos, e)
    parts.append(text[pos:])
    return "".join(parts)


def clean_text(text: str, config: DedupeConfig = DEFAULT_CONFIG) -> CleanResult:
    """Remove repeated paragraphs and sentences; keep first copies, byte for byte."""
    return _Cleaner(text, config).run()
