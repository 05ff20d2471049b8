"""Synthetic benchmark inputs built from the 200 real articles in shared/data.

Only 200 real articles exist, so larger inputs are made by recombining and
perturbing their paragraphs with a fixed seed: runs are repeatable and no big
data file is committed.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FILES = ("bbc_dev100.jsonl", "cnndm_dev100.jsonl")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")


def _data_dir() -> Path:
    for base in (DATA, Path("/work/shared/data")):
        if base.is_dir():
            return base
    raise SystemExit("shared/data not found: the bench needs bbc_dev100.jsonl, cnndm_dev100.jsonl")


def real_articles() -> list[str]:
    out = []
    for name in FILES:
        with open(_data_dir() / name, encoding="utf-8") as fh:
            out.extend(json.loads(line)["text"] for line in fh)
    return out


def paragraph_pool() -> list[str]:
    """Real paragraphs: BBC lines, and CNN/DM blobs cut into 3-sentence pieces."""
    pool: list[str] = []
    for text in real_articles():
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        if len(lines) > 1:
            pool.extend(x for x in lines if len(x) > 40)
            continue
        sents = _SENT.split(text)
        pool.extend(" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3))
    return [p for p in pool if len(p) > 40]


class Mutator:
    """Makes new distinct paragraphs and planted near-copies, deterministically."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.pool = paragraph_pool()
        self.vocab = sorted({w for p in self.pool for w in p.split() if w.isalpha()})

    def distinct(self) -> str:
        """A paragraph unlike the others: real ones with 40% of words replaced."""
        words = self.rng.choice(self.pool).split()
        if self.rng.random() < 0.6:  # real paragraphs average 250 characters; aim for 400
            words += self.rng.choice(self.pool).split()
        for i in range(len(words)):
            if self.rng.random() < 0.4:
                words[i] = self.rng.choice(self.vocab)
        return " ".join(words)

    def near_copy(self, text: str) -> str:
        """A copy with a typo, curly quotes, or a dropped word (or two of these)."""
        for _ in range(self.rng.randint(1, 2)):
            text = self.rng.choice((self._typo, self._quotes, self._drop))(text)
        return text

    def _typo(self, text: str) -> str:
        i = self.rng.randrange(len(text) - 1)
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]

    def _quotes(self, text: str) -> str:
        return (
            text.replace('"', "“").replace("'", "’")
            if ('"' in text or "'" in text)
            else ("“" + text + "”")
        )

    def _drop(self, text: str) -> str:
        words = text.split()
        if len(words) < 4:
            return text
        del words[self.rng.randrange(1, len(words) - 1)]
        return " ".join(words)


BOILERPLATE = (
    "Sign up for our newsletter to get the top stories every morning.",
    "Follow us on Twitter and Facebook for the latest updates.",
    "Copyright 2024 The Daily Example. All rights reserved.",
    "Read more: the stories our readers loved this week.",
)


@dataclass
class Corpus:
    """Documents (lists of paragraphs) and the planted (copy, original) pairs."""

    docs: list[list[str]]
    planted: list[tuple[tuple[int, int], tuple[int, int]]]

    @property
    def paragraphs(self) -> list[str]:
        return [p for d in self.docs for p in d]


def make_corpus(n_docs: int = 10_000, seed: int = 7, copy_rate: float = 0.1) -> Corpus:
    """n_docs articles of ~7 paragraphs; `copy_rate` of paragraphs are near-copies.

    Copies come from an earlier document (syndication), and one document in
    five ends with a boilerplate line, varied slightly like real templates.
    """
    m = Mutator(seed)
    rng = m.rng
    docs: list[list[str]] = []
    planted: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for d in range(n_docs):
        paras: list[str] = []
        for i in range(rng.randint(5, 9)):
            if d and rng.random() < copy_rate:
                sd = rng.randrange(d)
                si = rng.randrange(len(docs[sd]))
                paras.append(m.near_copy(docs[sd][si]))
                planted.append(((d, i), (sd, si)))
            else:
                paras.append(m.distinct())
        if rng.random() < 0.2:
            paras.append(rng.choice(BOILERPLATE))
        docs.append(paras)
    return Corpus(docs, planted)
