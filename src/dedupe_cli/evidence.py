"""From decisions to what the user is told: removals with their true source and differences.

Everything here is read off the ledger's records, so an explanation always
matches the decision it explains. A removal's source is the kept text it
copies, followed through copies of copies to text that survives; its
`similarity` is measured between the removed words and exactly those
source words.
"""

from __future__ import annotations

from .align import Verdict
from .article import Article
from .ledger import Cut, Decision, Ledger
from .models import Difference, Removal, Suspect
from .rules_sources import main_paragraph, surviving_source
from .rules_teaser import TEASER
from .segment import words

_EDGE = ".,;:!?"
"""Punctuation a source span leaves off its last word: not a variant of the word."""
MAX_VARIANTS = 5
"""At most this many byte-level variants are listed per removal (the rest are alike)."""


def removals(art: Article, led: Ledger) -> list[Removal]:
    """Every removal, in text order."""
    out = [r for i, d in sorted(led.removed.items()) for r in _whole(art, led, i, d)]
    out += [_piece(art, led, i, c, _cut_reason(c)) for i, cuts in led.cuts.items() for c in cuts]
    out.sort(key=lambda r: r.start)
    return out


def suspects(art: Article, led: Ledger) -> tuple[Suspect, ...]:
    """Paragraphs that looked like copies but were kept, with the reason."""
    out = []
    floor = art.cfg.suspect_similarity
    for i, v in sorted(led.refused.items()):
        if i in led.removed or i in led.cuts or not (v.lookalike or v.similarity >= floor):
            continue
        source = art.paragraph_of(v.source_word)
        out.append(Suspect(i, art.paragraphs[i].text, source, round(v.similarity, 1), v.reason))
    return tuple(out)


def _whole(art: Article, led: Ledger, i: int, d: Decision) -> list[Removal]:
    """A whole paragraph: one removal, or one per piece when it copies several places."""
    if d.pieces:
        return [_piece(art, led, i, c, c.verdict.reason) for c in d.pieces]
    p = art.paragraphs[i]
    reason = d.verdict.reason
    if d.short and reason == "exact":
        reason = "exact (short: in a run, or the heading)"
    return [_removal(art, led, i, (p.start, p.end), art.words_of(i), d.verdict, d.rule, reason)]


def _cut_reason(c: Cut) -> str:
    """A cut is a "partial copy"; a related-article teaser's cut says what it is."""
    return c.verdict.reason if c.rule == TEASER else "partial copy"


def _piece(art: Article, led: Ledger, i: int, c: Cut, reason: str = "partial copy") -> Removal:
    p = art.paragraphs[i]
    span = (p.start + c.start, p.start + c.end)
    return _removal(art, led, i, span, c.words, c.verdict, c.rule, reason)


def _removal(
    art: Article,
    led: Ledger,
    i: int,
    span: tuple[int, int],
    copy_words: tuple[int, int],
    v: Verdict,
    rule: str,
    reason: str,
) -> Removal:
    src = surviving_source(art, led, v, copy_words)
    lo, hi, chained = src.lo, src.hi, src.followed
    similarity = round(src.similarity, 1)
    src_start, src_end = _char_span(art, lo, hi)
    if src.fragment:
        src_start = _word_end(art, lo) - src.fragment
    removed_text = art.text[span[0] : span[1]]
    kept_text = art.text[src_start:src_end]
    diffs = (*_word_differences(v, chained), *_byte_differences(removed_text, kept_text))
    return Removal(
        i,
        removed_text,
        main_paragraph(art, lo, hi),
        similarity,
        reason,
        span[0],
        span[1],
        rule,
        src_start,
        src_end,
        diffs,
    )


def _char_span(art: Article, lo: int, hi: int) -> tuple[int, int]:
    """Character offsets in the input of the words [lo, hi) of the stream."""
    first, last = art.paragraph_of(lo), art.paragraph_of(max(lo, hi - 1))
    return _char_at(art, first, lo, True), _char_at(art, last, hi - 1, False)


def _char_at(art: Article, k: int, word: int, start: bool) -> int:
    """Where word `word` (of paragraph k) starts or ends; the paragraph's edge if unsure."""
    p = art.paragraphs[k]
    a, b = art.words_of(k)
    if start and word == a:
        return p.start
    if not start and word == b - 1:
        return p.end
    spans = art.word_spans(k)
    if spans is None or not 0 <= word - a < len(spans):
        return p.start if start else p.end
    return p.start + spans[word - a][0 if start else 1]


def _word_end(art: Article, word: int) -> int:
    """Where word `word` ends in the input, to the character (not the paragraph's end,
    which may take in a closing full stop: a fragment is counted back from here)."""
    k = art.paragraph_of(word)
    spans = art.word_spans(k)
    a = art.words_of(k)[0]
    if spans is None or not 0 <= word - a < len(spans):
        return _char_at(art, k, word, False)
    return art.paragraphs[k].start + spans[word - a][1]


def _word_differences(v: Verdict, chained: bool) -> tuple[Difference, ...]:
    """The alignment's account of the differences (none to give for a re-measured source)."""
    return () if chained else v.differences


def _byte_differences(copy: str, kept: str) -> tuple[Difference, ...]:
    """Same words, other bytes: quotes, entities, case, line breaks."""
    if copy == kept:
        return ()
    a, b = copy.split(), kept.split()
    if a == b:
        return (Difference("layout", "", ""),)
    if len(a) != len(b):
        return ()
    out = []
    for x, y in zip(a, b, strict=True):
        if x.strip(_EDGE) != y.strip(_EDGE) and _same_word(x, y):
            out.append(Difference("variant", x, y))
            if len(out) == MAX_VARIANTS:
                break
    return tuple(out)


def _same_word(x: str, y: str) -> bool:
    return words(x) == words(y)
