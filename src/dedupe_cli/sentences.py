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
  and the next line clearly continues it: it starts lowercase, this line ends
  with a comma, dash or open bracket, or the pair has the shape of a wrapped
  paragraph (this line is 50-100 chars and the next word would not have fit
  within the paragraph's widest line; Title Case lines are never wrapped).
* Inside a line, a run of ``. ! ? …`` (plus closing quotes/brackets) ends a
  sentence when whitespace follows and the next word does not start lowercase.
* Scripts with their own full stop end sentences with it too: the danda
  ``।`` (Hindi, Bengali), ``؟`` (Arabic), ``۔`` (Urdu).
* Abbreviations and initials suppress that boundary (``Mr. Smith``,
  ``J. K. Rowling``, ``No. 10``); the ambiguous ones (``U.S.``, ``Inc.``,
  ``etc.``, a single capital) only end a sentence before a typical
  sentence-opening word such as "The" or "He".
"""

from __future__ import annotations

import re

from .segment import SCRIPT_STOPS


def _words(spec: str) -> frozenset[str]:
    """A word set from a whitespace-separated literal (keeps the lists compact)."""
    return frozenset(spec.split())


# Terminal punctuation runs: bounded by construction (a character class with +
# cannot backtrack, it only matches maximal runs).
_TERMINATORS = re.compile(f"[.!?\u2026{SCRIPT_STOPS}]+")
_LINE_END_TERMINAL = frozenset(".!?\u2026:" + SCRIPT_STOPS)
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
_WRAP_MIN = 50  # shortest line taken as hard-wrapped (wrap widths are ~60-80)
_WRAP_MAX = 100  # longer lines are whole paragraphs, not wrapped lines


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


def _run_widths(lines: list[str]) -> list[int]:
    """For each line, the longest line in its run of short non-blank lines.

    A hard-wrapped paragraph is such a run, and its longest line estimates the
    wrap width. Long lines (paragraph per line) and blank lines get 0.
    """
    widths = [0] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and 0 < len(lines[j]) <= _WRAP_MAX:
            j += 1
        if j > i:
            width = max(len(x) for x in lines[i:j])
            widths[i:j] = [width] * (j - i)
        i = max(j, i + 1)
    return widths


def _looks_like_heading(line: str) -> bool:
    """Markdown headings and Title Case lines are headlines, not wrapped prose."""
    if line.startswith("#"):
        return True
    words = [w for w in line.split() if w.strip("*\"'“‘(")[:1].isalpha()]
    capitals = sum(w.strip("*\"'“‘(")[0].isupper() for w in words)
    return len(words) >= 3 and capitals >= 0.7 * len(words)


def _wrapped(line: str, nxt: str, width: int) -> bool:
    """Shape test for a wrap: ``line`` is as full as the paragraph allows.

    A greedy wrapper breaks a line when the next word would not fit, so a
    wrapped line plus the next line's first word is wider than the widest
    line of the paragraph. Short lines (under 50 chars) and headings are not
    taken as wrapped, so headline stacks stay separate.
    """
    if not width or len(line) < _WRAP_MIN or not 0 < len(nxt) <= _WRAP_MAX:
        return False
    first = nxt.split(maxsplit=1)[0]
    return len(line) + 1 + len(first) > width and not _looks_like_heading(line)


def _ends_in_abbreviation(line: str) -> bool:
    """A line ending ``Mr.`` or an initial does not end its sentence."""
    if not line.endswith("."):
        return False
    word = _word_before(line, len(line) - 1, 0)
    return word in _NEVER_END or (len(word) == 1 and line[-2].isupper())


def _continues(line: str, nxt: str, width: int) -> bool:
    """Whether ``line`` is hard-wrapped into ``nxt`` (both stripped, non-empty).

    Joined when this line does not end its sentence and the next line carries
    on: it starts lowercase, this line ends mid-clause (comma, dash, bracket),
    or the two have the shape of a wrapped paragraph (see :func:`_wrapped`).
    A line ending in a title or initial (``Dr.``, ``W.``) joins on shape too.
    """
    if _ends_terminal(line):
        return _ends_in_abbreviation(line) and _wrapped(line, nxt, width)
    if nxt[0].islower() or line[-1] in _CONTINUATION_ENDS:
        return True
    return _wrapped(line, nxt, width)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines merged across hard wraps: the units that sentences never cross."""
    spans = _line_spans(text)
    lines = [text[s:e].strip() for s, e in spans]
    widths = _run_widths(lines)
    blocks: list[tuple[int, int]] = []
    for k, ((start, end), line) in enumerate(zip(spans, lines, strict=True)):
        if not line:
            continue
        prev = lines[k - 1] if k else ""
        if prev and blocks and _continues(prev, line, widths[k - 1]):
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
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
