"""Pass 5: paragraphs that are only partly a copy lose the copied part, and only that.

Rules (identifiers as in `Removal.rule` and the README):

- `tail-restart`: the paragraph ends in a copy of earlier text that starts
  where a scrape visibly restarted (after a finished sentence, mid-word, or
  a long copy); the tail is cut.
- `end-stutter`: the paragraph's last few words repeat the words just before them.
- `copied-sentences`: whole sentences that copy earlier text, cut when they
  touch a removed neighbour or are several and long (`partial.*`).
- `whole-by-sentences`: every sentence is a copy (of different places): the
  whole paragraph goes.
"""

from __future__ import annotations

from .align import Verdict, after_sentence, is_word_tail, restart_junction, token_start, verify
from .article import Article, heading_like
from .ledger import Cut, Decision, Ledger
from .models import Paragraph
from .rules_inline import inline_repeats
from .rules_lists import after_marker
from .segment import word_spans, words
from .sentences import sentence_spans

TAIL = "tail-restart"
STUTTER_END = "end-stutter"
SENTENCES = "copied-sentences"
ALL_SENTENCES = "whole-by-sentences"


def partial_candidates(art: Article) -> list[int]:
    """Paragraphs a partial cut could apply to: two copied words, or a stutter at the end."""
    doc = art.doc
    return [
        i
        for i in art.wordy
        if doc.covered(*art.words_of(i)) >= 2 or end_stutter(art, art.paragraphs[i])
    ]


def cut_partial_copies(art: Article, led: Ledger, candidates: list[int]) -> None:
    """Pass 5: cut the copied part out of paragraphs that are partly copies.

    A paragraph is judged again in a later round only if a neighbour's fate
    changed, since that is the only evidence that moves.
    """
    for i in candidates:
        if led.undecided(i) and not led.is_lookalike(i):
            context = led.neighbour_removed(i)
            if led.partial_context.get(i) == context:
                continue
            led.partial_context[i] = context
            _judge_partial(art, led, art.paragraphs[i])


def _judge_partial(art: Article, led: Ledger, p: Paragraph) -> None:
    a, b = art.words_of(p.index)
    covered = art.doc.covered(a, b)
    if covered < 2:  # (a cut needs at least two copied words)
        cuts = end_stutter(art, p)
    elif covered < art.cfg.min_words:  # too few for sentence cuts, which need min_words
        cuts = tail_restart(art, led, p)
    else:
        cuts = tail_restart(art, led, p) or copied_sentences(art, led, p)
        if not cuts and p.index not in led.removed:  # (whole-by-sentences took it whole)
            cuts = inline_repeats(art, p)
    if cuts:
        led.cut(p.index, cuts)


def tail_restart(art: Article, led: Ledger, p: Paragraph) -> list[Cut]:
    """`tail-restart`: a paragraph that ends in a copy (a scrape that restarted mid-text).

    The copied words run to the end of the paragraph (the last one may be
    cut short, as the scrape stopped); the cut starts at the first copied
    word, or at the word fragment just before it. A shared ending
    mid-sentence ("...after the firm reported results") is a template, not
    a restart, unless it is `partial.long_tail_words` long. A list marker
    ("...is different:\n1. a packed lunch") ends no sentence: such a tail is
    an item of another list (`rules_lists`).
    """
    doc, cfg = art.doc, art.cfg
    a, b = art.words_of(p.index)
    t = doc.covered_from(a, b - 1 if _cut_short_end(art, a, b) else b)
    if b - t < 2 or t == a:
        return end_stutter(art, p)
    spans = word_spans(p.text)
    if spans is None:
        return end_stutter(art, p)
    fragment = is_word_tail(doc.words[t - 1], art.source_before(t))
    start = t - 1 if fragment else t
    offset = token_start(p.text, spans[start - a][0])
    long_copy = b - t >= cfg.partial.long_tail_words
    sentence = after_sentence(p.text, offset) and not after_marker(p.text, offset)
    if not (fragment or long_copy or sentence):
        return end_stutter(art, p)
    if not (fragment or sentence) and same_template(art, a, t):
        led.note(p.index, TEMPLATE, False, f"kept: {TEMPLATE_WHY}")
        return end_stutter(art, p)
    junction = restart_junction(p.text, offset)
    if b - t < cfg.partial.min_restart_words and not junction:
        return end_stutter(art, p)
    if not _tail_evidence(art, led, p.index, t, b, fragment or junction):
        return []
    if not any(led.neighbour_removed(p.index)) and templated_entries(
        art, p.index, art.paragraph_of(doc.source(t))
    ):
        led.note(p.index, TEMPLATED, False, f"kept: {TEMPLATED_WHY}")
        return []
    verdict = verify(doc, start, b, cfg, only_ok=True)
    if verdict is None or not verdict.ok or words(p.text[offset:]) != doc.words[start:b]:
        return []
    return [Cut(offset, len(p.text), (start, b), verdict, TAIL)]


TEMPLATE = "template-tail"
TEMPLATE_WHY = "the words before the copied tail match the words before its source but one"


def same_template(art: Article, a: int, t: int) -> bool:
    """`template-tail` (a refusal): is the tail starting mid-sentence at word t a template?

    "... Der Google Konzern übermittelt Ihre Daten" after "... Der Facebook
    Konzern übermittelt Ihre Daten": the word just before the copy differs
    from the word before its source, but the word (or two) before that is the
    same: one name swapped in a shared sentence, not a scrape that jumped back.
    """
    w = art.doc.words
    s = art.doc.source(t)
    if s < 1 or w[t - 1] == w[s - 1]:
        return False
    return any(t - k >= a and s - k >= 0 and w[t - k] == w[s - k] for k in (2, 3))


def _cut_short_end(art: Article, a: int, b: int) -> bool:
    """Is the last word the start of the word that follows its neighbour's source?"""
    doc = art.doc
    if b - a < 2 or doc.source(b - 1) >= 0:
        return False
    before = doc.source(b - 2)
    w = doc.words
    return 0 <= before < len(w) - 1 and w[before + 1].startswith(w[b - 1])


def end_stutter(art: Article, p: Paragraph) -> list[Cut]:
    """`end-stutter`: the last few words repeat the words just before them.

    Too short for the shingle index ("...grew by 8.5%. grew by 8.5%."), but
    an immediate repeat at the very end is a restart, not style.
    """
    a, b = art.words_of(p.index)
    w = art.doc.words
    shortest = art.cfg.partial.min_restart_words
    for n in range(min(art.cfg.shingle, (b - a) // 2), shortest - 1, -1):
        if w[b - n : b] == w[b - 2 * n : b - n] and len(set(w[b - n : b])) > 1:
            spans = word_spans(p.text)
            if spans is None:
                return []
            offset = spans[b - n - a][0]
            lo, hi = b - 2 * n, b - n
            verdict = Verdict(True, 100.0, lo, "exact", False, hi)
            return [Cut(offset, len(p.text), (b - n, b), verdict, STUTTER_END)]
    return []


def _tail_evidence(art: Article, led: Ledger, i: int, t: int, b: int, restart: bool) -> bool:
    """Is the copied tail words[t:b] a restart rather than a coincidence?

    Long tails that run into a removed copy (or end the article) are; so
    are short ones that show the restart (a word fragment, or a lowercase
    word right after a full stop) or repeat the words just before them.
    """
    cfg, doc = art.cfg, art.doc
    nxt = art.next_with_words(i)
    if b - t >= cfg.min_words and (nxt is None or nxt in led.removed or b - t >= 2 * cfg.min_words):
        return True
    if restart or doc.source(b - 1) == t - 1:
        return True
    # the copied tail leads straight into the next removed copy, in the source too
    follows = led.removed.get(nxt) if nxt is not None else None
    return (
        follows is not None
        and b - t > cfg.partial.min_restart_words  # 3 words ("their full potential") recur
        and abs(follows.verdict.source_word - doc.source(b - 1) - 1) <= 1
    )


def copied_sentences(art: Article, led: Ledger, p: Paragraph) -> list[Cut]:
    """`copied-sentences`: whole sentences of the paragraph that copy earlier text.

    A lookalike sentence keeps the whole paragraph; when every sentence is
    a copy, the paragraph goes whole (`whole-by-sentences`).
    """
    a, b = art.words_of(p.index)
    if not _enough_covered(art, led, p.index, art.doc.covered(a, b), b - a):
        return []
    spans = sentence_spans(p.text)
    ranges = _sentence_words(art, p, spans, a)
    if ranges is None or len(ranges) < 2 or not _cuts_possible(art, led, p, ranges):
        return []
    hits: list[Cut] = []
    for (s, e), (wa, wb) in zip(spans, ranges, strict=True):
        v = verify(art.doc, wa, wb, art.cfg) if wb > wa else None
        if v is not None and v.lookalike:
            led.note(p.index, SENTENCES, False, v.reason, v)
            return []
        if v is not None and v.ok:
            hits.append(Cut(s, e, (wa, wb), v, SENTENCES))
    if len(hits) == len(spans):
        v = hits[0].verdict
        pieces = tuple(c._replace(rule=ALL_SENTENCES) for c in hits)
        source = art.paragraph_of(v.source_word)
        led.remove(p.index, Decision(v, source, False, ALL_SENTENCES, pieces))
        return []
    if hits and not any(led.neighbour_removed(p.index)):
        source = art.paragraph_of(hits[0].verdict.source_word)
        if templated_entries(art, p.index, source):
            led.note(p.index, TEMPLATED, False, f"kept: {TEMPLATED_WHY}", hits[0].verdict)
            return []
    return hits if hits and _partial_ok(art, led, p, hits, spans) else []


TEMPLATED = "templated-entry"
TEMPLATED_WHY = "its copied sentences belong to another entry, under another heading"


def templated_entries(art: Article, i: int, source: int) -> bool:
    """`templated-entry` (a refusal): are paragraph i and its source two entries of a template?

    FAQ and consent pages repeat the same sentences in every entry ("Guide
    dogs travel free", the legal basis of a transfer). Cutting them out of
    the later entry changes its answer; a scrape restart is neither under a
    title of its own nor opens with the same label. Two entries are: each
    right under a short title-like line (two different ones), or both opening
    with the same label ("Zweck:", "Purpose:", "Q:").
    """
    if source == i:
        return False
    if _same_label(art.paragraphs[i].text, art.paragraphs[source].text):
        return True
    mine, theirs = art.prev_with_words(i), art.prev_with_words(source)
    if mine is None or theirs is None or mine in (source, theirs):
        return False
    return all(art.is_short(k) and heading_like(art.paragraphs[k]) for k in (mine, theirs))


def _same_label(a: str, b: str) -> bool:
    """Do both texts open with the same label of one to three words ending in ':' or '?'?"""
    x, y = a.split(maxsplit=3)[:3], b.split(maxsplit=3)[:3]
    for k, word in enumerate(x):
        if word.endswith((":", "?")):
            return x[: k + 1] == y[: k + 1]
    return False


def _enough_covered(art: Article, led: Ledger, i: int, covered: int, size: int) -> bool:
    """Can sentence cuts succeed with this many covered words? (before finding sentences)

    Every copied sentence is at least `coverage` covered. Away from a
    removed neighbour, cuts need sentences of `partial.long_sentences_words`
    words in all, or every sentence.
    """
    if any(led.neighbour_removed(i)):
        return True
    cov = art.cfg.coverage
    return covered >= cov * art.cfg.partial.long_sentences_words or covered >= cov * size


def _cuts_possible(art: Article, led: Ledger, p: Paragraph, ranges: list[tuple[int, int]]) -> bool:
    """Could verifying the sentences give cuts? (verification is the expensive part)

    A sentence with too few covered words has no candidate, so it is
    neither a copy nor a lookalike: the copies can only come from the
    others, and `_cuts_acceptable` must be able to accept them.
    """
    cov = art.cfg.coverage
    doc = art.doc
    maybe = [wb > wa and doc.covered(wa, wb) >= cov * (wb - wa) for wa, wb in ranges]
    if all(maybe):
        return True
    n_words = sum(wb - wa for (wa, wb), m in zip(ranges, maybe, strict=True) if m)
    return _cuts_acceptable(art, led, p.index, n_words, sum(maybe), maybe[0], maybe[-1])


def _sentence_words(
    art: Article, p: Paragraph, spans: list[tuple[int, int]], a: int
) -> list[tuple[int, int]] | None:
    ranges = []
    pos = a
    for s, e in spans:
        n = len(words(p.text[s:e]))
        ranges.append((pos, pos + n))
        pos += n
    return ranges if pos == art.words_of(p.index)[1] else None


def _partial_ok(
    art: Article, led: Ledger, p: Paragraph, hits: list[Cut], spans: list[tuple[int, int]]
) -> bool:
    n_words = sum(len(words(p.text[c.start : c.end])) for c in hits)
    first, last = hits[0].start == spans[0][0], hits[-1].end == spans[-1][1]
    return _cuts_acceptable(art, led, p.index, n_words, len(hits), first, last)


def _cuts_acceptable(
    art: Article, led: Ledger, i: int, n_words: int, n_cut: int, first: bool, last: bool
) -> bool:
    """The rule for cutting copied sentences out of paragraph i.

    `n_cut` sentences of `n_words` words in all; `first`/`last`: whether
    they include the paragraph's first/last sentence. They must touch a
    removed neighbour on that side, or be several and long.
    """
    if n_words < art.cfg.min_words:
        return False
    before, after = led.neighbour_removed(i)
    return (
        (last and after)
        or (first and before)
        or (n_cut >= 2 and n_words >= art.cfg.partial.long_sentences_words)
    )
