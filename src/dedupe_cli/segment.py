"""Split raw text into paragraphs and words, keeping exact character offsets.

Scraped articles arrive in three layouts, often mixed in one file: blank-line
separated paragraphs, one paragraph per line, and hard-wrapped lines. Every
paragraph keeps its offsets into the original string so the cleaner can cut
duplicates out without touching a byte of what it keeps.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .models import Paragraph

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
# A word: a run of letters and digits. ASCII text takes a faster path that
# must agree with this pattern: bytes.translate turns every other byte into a
# space (and folds case), then split().
WORD_RE = re.compile(r"[^\W_]+")
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256)
)
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
BULLET_RE = re.compile(r"\s{0,8}(?:[-*•·–]|\d{1,3}[.)])\s")
_HEADING_RE = re.compile(r"\s{0,3}(?:#{1,6}\s|\*\*.*\*\*\s*$|__.*__\s*$)")
_CLOSERS = "\"'”’»)]*_"
_SENTENCE_END = frozenset(".!?")
_MAX_WRAP_WIDTH = 100
_FULL_LINE = 0.6


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end-without-newline, content) for each line."""
    if "\r" not in text:  # the usual case: str.split is several times faster than the regex
        pos = 0
        pieces = text.split("\n")
        if pieces[-1] == "":
            pieces.pop()  # text ends with a newline (or is empty): no line after it
        for line in pieces:
            yield pos, pos + len(line), line
            pos += len(line) + 1
        return
    pos = 0
    n = len(text)
    while pos < n:
        m = _LINE_RE.match(text, pos)
        assert m is not None  # the pattern matches the empty string
        line = m.group().rstrip("\r\n")
        yield pos, pos + len(line), line
        pos = m.end()


def _is_blank(line: str) -> bool:
    return not line.strip()


def _continues(prev: str, cur: str, width: int) -> bool:
    """True when `cur` is the next hard-wrapped line of `prev`'s paragraph.

    A wrapped line follows a full line (the writer ran out of room). A line
    that starts like a list item starts a new paragraph unless the full
    line before it ends mid-sentence: wrapped prose often puts a dash first.
    """
    if width > _MAX_WRAP_WIDTH or _HEADING_RE.match(cur) or _HEADING_RE.match(prev):
        return False
    prev_s = prev.rstrip()
    if len(prev_s) < _FULL_LINE * width:
        return False
    ends_sentence = prev_s.rstrip(_CLOSERS)[-1:] in _SENTENCE_END
    if BULLET_RE.match(cur):
        return not (ends_sentence or BULLET_RE.match(prev))
    return cur.lstrip()[:1].islower() or not ends_sentence


def _blocks(text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Group lines into runs of non-blank lines."""
    block: list[tuple[int, int, str]] = []
    for line in _lines(text):
        if _is_blank(line[2]):
            if block:
                yield block
            block = []
        else:
            block.append(line)
    if block:
        yield block


def _block_paragraphs(block: list[tuple[int, int, str]]) -> Iterator[tuple[int, int]]:
    """Split one block of non-blank lines into paragraph spans."""
    width = max(len(line.rstrip()) for _, _, line in block)
    start, end, prev = block[0]
    for s, e, line in block[1:]:
        if _continues(prev, line, width):
            end = e
        else:
            yield start, end
            start, end = s, e
        prev = line
    yield start, end


def split_paragraphs(text: str) -> list[Paragraph]:
    """Find paragraphs in any of the three layouts; offsets index into `text`.

    Leading and trailing spaces of a paragraph stay outside its span so that
    indentation and separators belong to the layout, not the paragraph.
    """
    out: list[Paragraph] = []
    for block in _blocks(text):
        for start, end in _block_paragraphs(block):
            chunk = text[start:end]
            s = start + (len(chunk) - len(chunk.lstrip()))
            e = end - (len(chunk) - len(chunk.rstrip()))
            out.append(Paragraph(len(out), s, e, text[s:e]))
    return out


def normalize(text: str) -> str:
    """Fold text for matching: NFKC, case, and invisible characters.

    ASCII text (most of it) only needs lower-casing, which keeps the common
    case at C speed.
    """
    if text.isascii():
        return text.lower()
    return _INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", text).casefold())


def words(text: str) -> list[str]:
    """Normalised words of `text`; punctuation, quotes and dashes drop out."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    return WORD_RE.findall(normalize(text))


_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+")


def word_spans(text: str) -> list[tuple[int, int]] | None:
    """Character spans of the words `words(text)` returns, or None if unsure.

    Normalising non-ASCII text can merge or split words; then there is no
    reliable span for each word and callers must not cut inside the text.
    """
    if text.isascii():
        return [m.span() for m in _ASCII_WORD_RE.finditer(text)]
    spans = [m.span() for m in WORD_RE.finditer(text)]
    return spans if len(spans) == len(words(text)) else None


def normalize_text(text: str) -> str:
    """One comparable string for a piece of text: its normalised words."""
    return " ".join(words(text))
