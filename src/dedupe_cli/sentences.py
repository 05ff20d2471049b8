"""Split article text into sentences, returning character spans.

Spans (not strings) are the primary result so callers can map a sentence back
to the exact place in the article. The splitter is a single left-to-right pass
with bounded look-around at each candidate full stop, so it is linear in the
input and cannot backtrack catastrophically on hostile text (long runs of dots,
quotes or spaces, or megabytes without a sentence end).

Rules, in order:

* Lines are the first cut: news text puts one paragraph per line, and a
  headline without a full stop is still its own sentence. A *hard-wrapped*
  line is glued to the next one when it does not end in terminal punctuation
  and the next line clearly continues it (starts lowercase, or the line ends
  with a comma, hyphen, dash or open bracket).
* Inside a line, a run of ``. ! ? …`` (plus closing quotes/brackets) ends a
  sentence when whitespace follows and the next word does not start lowercase.
* Abbreviations and initials suppress that boundary (``Mr. Smith``,
  ``J. K. Rowling``, ``No. 10``); the ambiguous ones (``U.S.``, ``Inc.``,
  ``etc.``, a single capital) only end a sentence before a typical
  sentence-opening word such as "The" or "He".
"""

from __future__ import annotations

import re


def _words(spec: str) -> frozenset[str]:
    """A word set from a whitespace-separated literal (keeps the lists compact)."""
    return frozenset(spec.split())


# Terminal punctuation runs: bounded by construction (a character class with +
# cannot backtrack, it only matches maximal runs).
_TERMINATORS = re.compile(r"[.!?\u2026]+")
_LINE_END_TERMINAL = frozenset(".!?\u2026:")
_CLOSERS = frozenset("\"'\u201d\u2019)]\u00bb*")
_OPENERS = frozenset("\"'\u201c\u2018([\u00ab*")
_CONTINUATION_ENDS = frozenset(",-\u2013\u2014(/&")

# Titles and similar that precede a name: never end a sentence.
_NEVER_END = _words(
    """mr mrs ms messrs dr prof gen sen rep gov lt col capt sgt cpl maj adm cmdr
    rev fr st mt ft pres supt insp det hon spc pvt pfc brig e.g i.e eg ie cf vs v viz approx
    dept est fig figs"""
)
# Abbreviations that are followed by a number (``No. 10``, ``Jan. 5``).
_BEFORE_NUMBER = _words(
    """no nos jan feb mar apr jun jul aug sep sept oct nov dec p pp vol art ch
    sec para ed"""
)
# Abbreviations that often end a sentence too: end one only before a word that
# typically opens a sentence.
_AMBIGUOUS = _words(
    """inc ltd co corp plc llc jr sr bros etc al u.s u.k u.n u.s.a e.u a.m p.m
    jan feb apr jun jul aug sep sept oct nov dec"""
)
_SENTENCE_OPENERS = _words(
    """the a an he she it they we i you this that these those there his her its
    their our but and however in on at for as if when while after before since
    meanwhile mr mrs ms dr officials police some many one"""
)
_MAX_WORD = 12  # look-back for the abbreviation before a full stop
_MAX_LOOK = 64  # look-ahead over closers, spaces and openers


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Cut ``text`` at newlines into [start, end) spans without the newline."""
    spans = []
    start = 0
    while True:
        nl = text.find("\n", start)
        if nl < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, nl))
        start = nl + 1


def _ends_terminal(line: str) -> bool:
    """True when a stripped line ends a sentence (closers ignored)."""
    i = len(line) - 1
    stop = max(-1, i - _MAX_LOOK)
    while i > stop and line[i] in _CLOSERS:
        i -= 1
    return i >= 0 and line[i] in _LINE_END_TERMINAL


def _continues(line: str, nxt: str) -> bool:
    """Whether ``line`` is hard-wrapped into ``nxt`` (both stripped, non-empty).

    A wrapped line has no terminal punctuation, and the next line carries on
    the sentence: it starts lowercase, or this line ends mid-clause.
    """
    if _ends_terminal(line):
        return False
    return nxt[0].islower() or line[-1] in _CONTINUATION_ENDS


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines merged across hard wraps: the units that sentences never cross."""
    blocks: list[tuple[int, int]] = []
    prev = ""
    for start, end in _line_spans(text):
        line = text[start:end].strip()
        if not line:
            prev = ""
            continue
        if prev and blocks and _continues(prev, line):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
        prev = line
    return blocks


def _word_before(text: str, dot: int, lo: int) -> str:
    """The lowercased token (letters and inner dots) ending just before ``dot``."""
    i = dot
    stop = max(lo, dot - _MAX_WORD)
    while i > stop and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    if i > lo and (text[i - 1].isalnum() or text[i - 1] in "'-"):
        return "-"  # too long or glued to something else: not an abbreviation
    return text[i:dot].lower()


def _next_word(text: str, i: int, hi: int) -> str:
    """The word starting at ``i`` (bounded), for the sentence-opener test."""
    j = i
    stop = min(hi, i + _MAX_WORD)
    while j < stop and text[j].isalpha():
        j += 1
    return text[i:j].lower()


def _is_boundary(text: str, run_start: int, after: int, first: int, hi: int, lo: int) -> bool:
    """Decide whether the terminator run at ``run_start`` ends a sentence.

    ``after`` is where whitespace begins after the run and its closers,
    ``first`` the first character of the next word (openers skipped).
    """
    nxt = text[first]
    if nxt.islower():
        return False
    if text[run_start] != ".":
        return True  # ? ! and … are not abbreviation marks
    word = _word_before(text, run_start, lo)
    if after != run_start + 1 or not word:
        return True  # closer or ellipsis after the dot, or no word before it
    if word in _NEVER_END:
        return False
    if nxt.isdigit() and word in _BEFORE_NUMBER:
        return False
    single_initial = len(word) == 1 and text[run_start - 1].isupper()
    if word in _AMBIGUOUS or single_initial or "." in word:
        return _next_word(text, first, hi) in _SENTENCE_OPENERS
    return True


def _split_block(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentence boundaries inside one block ``text[lo:hi]``."""
    cuts = []
    for m in _TERMINATORS.finditer(text, lo, hi):
        after = m.end()
        limit = min(hi, after + _MAX_LOOK)
        while after < limit and text[after] in _CLOSERS:
            after += 1
        if after >= hi:
            break
        if not text[after].isspace():
            continue
        first = after
        while first < limit and (text[first].isspace() or text[first] in _OPENERS):
            first += 1
        if first >= hi:
            break
        if first == limit or _is_boundary(text, m.start(), after, first, hi, lo):
            cuts.append(after)
    spans = []
    start = lo
    for cut in [*cuts, hi]:
        spans.append((start, cut))
        start = cut
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans [start, end) of the sentences of ``text``, in order.

    Spans are trimmed of surrounding whitespace and never empty, so
    ``text[s:e]`` is exactly the sentence as it appears in the article.
    """
    spans = []
    for lo, hi in _blocks(text):
        for start, end in _split_block(text, lo, hi):
            start, end = _trim(text, start, end)
            if start < end:
                spans.append((start, end))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see :func:`sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]
