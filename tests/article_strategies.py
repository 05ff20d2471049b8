"""Hypothesis strategies for articles with known repeats (shared by invariants and fuzz)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from hypothesis import strategies as st

_SYLLABLES = ["da", "fe", "gi", "ho", "ju", "ko", "le", "mu", "ni", "pe", "ri", "su", "ta"]
_VOCAB = ["".join(p) for p in itertools.product(_SYLLABLES, repeat=3)]  # 2197 words
SEPARATORS = ["\n\n", "\n", "\r\n\r\n", "\r\n", "\r\r", "\n \n", "\n\n\n"]
NOISE = ["\u200b", "\u200d", "\u2060", "\t", "\x0b", "\x0c", "\x1b", "😀", "\u202e"]


@dataclass(frozen=True)
class Article:
    """A generated article and which of its sentences are unique."""

    text: str
    sentences: tuple[str, ...]
    unique: tuple[str, ...]


def unique_word_sentences(
    draw: st.DrawFn, lengths: list[int], endings: tuple[str, ...] = (".",)
) -> list[str]:
    """One sentence per length, no word used twice across them, so nothing overlaps."""
    picks = draw(
        st.lists(
            st.sampled_from(range(len(_VOCAB))),
            min_size=sum(lengths),
            max_size=sum(lengths),
            unique=True,
        )
    )
    out, pos = [], 0
    for n in lengths:
        words = [_VOCAB[i] for i in picks[pos : pos + n]]
        pos += n
        out.append(" ".join(words).capitalize() + draw(st.sampled_from(endings)))
    return out


@st.composite
def sentence_pool(draw: st.DrawFn, size: int = 10) -> list[str]:
    """Sentences of 6-14 words, no word shared between any two, so no accidental overlap."""
    lengths = draw(st.lists(st.integers(6, 14), min_size=size, max_size=size))
    return unique_word_sentences(draw, lengths, (".", "!", "?", "."))


def _typo(sentence: str, at: int) -> str:
    """Swap two letters inside one word: a near-duplicate, not a new fact."""
    words = sentence.split(" ")
    i = 1 + at % (len(words) - 1)
    w = words[i]
    words[i] = w[0] + w[2] + w[1] + w[3:] if len(w) > 3 else w
    return " ".join(words)


@st.composite
def articles(draw: st.DrawFn, noise: bool = False) -> Article:
    """Paragraphs of 1-3 pool sentences; some sentences repeat (exactly or with a typo)."""
    pool = draw(sentence_pool())
    ids = draw(st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=14))
    typos = draw(st.lists(st.booleans(), min_size=len(ids), max_size=len(ids)))
    sentences = [
        _typo(pool[i], k) if typo and ids.count(i) > 1 else pool[i]
        for k, (i, typo) in enumerate(zip(ids, typos, strict=True))
    ]
    cuts = draw(st.lists(st.integers(1, 3), min_size=len(sentences), max_size=len(sentences)))
    paragraphs, pos = [], 0
    for n in cuts:
        if pos < len(sentences):
            paragraphs.append(" ".join(sentences[pos : pos + n]))
            pos += n
    sep = draw(st.sampled_from(SEPARATORS))
    text = sep.join(paragraphs) + draw(st.sampled_from(["", "\n", "\r\n", "\n\n"]))
    if noise:
        text = _sprinkle(draw, text)
    unique = tuple(pool[i] for i in set(ids) if ids.count(i) == 1)
    return Article(text, tuple(sentences), unique)


def _sprinkle(draw: st.DrawFn, text: str) -> str:
    """Insert invisible, control and exotic characters at random places."""
    inserts = draw(
        st.lists(
            st.tuples(st.integers(0, len(text)), st.sampled_from(NOISE)),
            max_size=6,
        )
    )
    for at, char in sorted(inserts, reverse=True):
        text = text[:at] + char + text[at:]
    return text


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
"""Any text that can be encoded as UTF-8 (lone surrogates cannot)."""
