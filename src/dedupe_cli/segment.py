"""Split raw text into paragraphs and words, keeping exact character offsets.

Scraped articles arrive in three layouts, often mixed in one file: blank-line
separated paragraphs, one paragraph per line, and hard-wrapped lines. Every
paragraph keeps its offsets into the original string so the cleaner can cut
duplicates out without touching a byte of what it keeps.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache

from .marks import ASTRAL_MARKS, BMP_MARKS, MARK_CLASS
from .models import Paragraph

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
"""Soft hyphen, zero-width and direction marks: invisible, so matching ignores them."""
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
# A word: a run of letters and digits with their combining marks (vowel signs,
# accents, harakat), which `\w` leaves out; invisible characters inside a word
# belong to it. It starts with a letter or digit, so a stray mark is no word.
# The classes cannot overlap, so nothing backtracks. Marks beyond U+FFFF are
# tried only after a lookahead for such a character: `re` checks them one
# range at a time, which would halve the speed for every word of every text.
# The modifier letter apostrophe U+02BC counts as a letter in `\w`, but it is
# the apostrophe of Ukrainian (мʼясо, м'ясо, м’ясо): like ' and ’ it ends a word.
# ASCII text takes a faster path that must agree with this pattern:
# bytes.translate turns every other byte into a space (and folds case), then
# split().
_LETTERS = r"[^\W_\u02bc]"
_MARKS_RUN = rf"(?:[{BMP_MARKS}{_INVISIBLE}]+|(?=[\U00010000-\U0010ffff])[{ASTRAL_MARKS}]+)"
WORD_RE = re.compile(rf"{_LETTERS}+(?:{_MARKS_RUN}{_LETTERS}*)*")
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256)
)
BULLET_RE = re.compile(r"\s{0,8}(?:[-*•·–]|\d{1,3}[.)])\s")
_HEADING_RE = re.compile(r"\s{0,3}(?:#{1,6}\s|\*\*.*\*\*\s*$|__.*__\s*$)")
_CLOSERS = "\"'”’»)]*_"
SCRIPT_STOPS = "\u0964\u0965\u061f\u06d4"
"""Full stops of other scripts: Devanagari and Bengali danda and double danda, the Arabic
question mark, the Urdu full stop."""
SENTENCE_STOPS = ".!?" + SCRIPT_STOPS
"""Characters that end a sentence, in every script the tool reads."""
_SENTENCE_END = frozenset(SENTENCE_STOPS)
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


@cache
def _entity_re() -> re.Pattern[str]:
    """Character references as scraped pages leave them: `&amp;`, `&#8217;`, `&#x2019;`.

    Only complete ones (with the semicolon): "AT&T" and "Q&A" are text.
    Compiled on first use, as `html` is imported: most texts have nothing to decode.
    """
    return re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _entity(m: re.Match[str]) -> str:
    """The text a character reference stands for; an unknown name stays as written."""
    import html  # with its table of 2,000 names: only texts with references need it
    from html.entities import html5

    ref = m.group()
    if ref[1] == "#":
        return html.unescape(ref)  # HTML's rules for numbers (&#150; is a dash, &#0; is U+FFFD)
    return html5.get(ref[1:], ref)


def decode_entities(text: str) -> str:
    """`text` with its HTML character references decoded (once: `&amp;amp;` is `&amp;`)."""
    return _entity_re().sub(_entity, text) if "&" in text else text


def _fold(text: str) -> str:
    """Case, NFKC and invisible characters folded out of entity-decoded text."""
    if text.isascii():
        return text.lower()
    return _INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", text).casefold())


def normalize(text: str) -> str:
    """Fold text for matching: HTML entities, NFKC, case, and invisible characters.

    Only matching sees this: kept text is never rewritten. ASCII text (most
    of it) only needs lower-casing, which keeps the common case at C speed.
    """
    return _fold(decode_entities(text))


def words(text: str) -> list[str]:
    """Normalised words of `text`; punctuation, quotes and dashes drop out.

    A word keeps its combining marks (हिंदी is one word, not three), and an
    entity-encoded copy has the same words as its original.
    """
    text = decode_entities(text)
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    return WORD_RE.findall(_fold(text))


_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+")


def word_spans(text: str) -> list[tuple[int, int]] | None:
    """Character spans in `text` of the words `words(text)` returns, or None if unsure.

    Normalising non-ASCII text can merge or split words; then there is no
    reliable span for each word and callers must not cut inside the text.
    A word written with character references spans them whole.
    """
    if "&" in text and _entity_re().search(text):
        decoded, refs = _decode_with_offsets(text)
        spans = [m.span() for m in WORD_RE.finditer(decoded)]
        if len(spans) != len(words(text)):
            return None
        return [refs.span(s, e) for s, e in spans]
    if text.isascii():
        return [m.span() for m in _ASCII_WORD_RE.finditer(text)]
    spans = [m.span() for m in WORD_RE.finditer(text)]
    return spans if len(spans) == len(words(text)) else None


def surface_words(text: str) -> list[str] | None:
    """The words of `text` as written (entities decoded, case kept), or None if unsure.

    One per word of `words(text)`, so a caller can ask how a normalised word
    looked (was it capitalised?); None when normalising changed the count.
    """
    decoded = decode_entities(text)
    raw = WORD_RE.findall(decoded)
    return raw if len(raw) == len(words(decoded)) else None


class _References:
    """Where the character references of a text sit, before and after decoding."""

    def __init__(self) -> None:
        self.decoded_starts: list[int] = []
        self.decoded_ends: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, decoded_start: int, decoded_end: int, start: int, end: int) -> None:
        self.decoded_starts.append(decoded_start)
        self.decoded_ends.append(decoded_end)
        self.starts.append(start)
        self.ends.append(end)

    def span(self, s: int, e: int) -> tuple[int, int]:
        """The span in the original text of decoded [s, e): whole references only."""
        i = bisect_right(self.decoded_starts, s) - 1
        if i < 0:
            start = s
        elif s < self.decoded_ends[i]:
            start = self.starts[i]
        else:
            start = self.ends[i] + s - self.decoded_ends[i]
        j = bisect_left(self.decoded_starts, e) - 1
        if j < 0:
            end = e
        elif e <= self.decoded_ends[j]:
            end = self.ends[j]
        else:
            end = self.ends[j] + e - self.decoded_ends[j]
        return start, end


def _decode_with_offsets(text: str) -> tuple[str, _References]:
    """`decode_entities(text)`, and where each decoded reference came from."""
    refs = _References()
    out: list[str] = []
    pos = size = 0
    for m in _entity_re().finditer(text):
        out.append(text[pos : m.start()])
        size += m.start() - pos
        decoded = _entity(m)
        if decoded != m.group():
            refs.add(size, size + len(decoded), m.start(), m.end())
        out.append(decoded)
        size += len(decoded)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), refs


def normalize_text(text: str) -> str:
    """One comparable string for a piece of text: its normalised words."""
    return " ".join(words(text))


@cache
def _marks_re() -> re.Pattern[str]:
    """Compiled on first use: a class of 300 ranges costs start-up, and few words need it."""
    return re.compile(f"[{MARK_CLASS}]+")


def is_alphabetic(word: str) -> bool:
    """Letters only, with their combining marks (`str.isalpha` rejects हिंदी): not a number."""
    return word.isalpha() or (not word.isascii() and _marks_re().sub("", word).isalpha())
