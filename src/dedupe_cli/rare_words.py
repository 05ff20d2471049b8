"""Earlier paragraphs sharing most of a paragraph's rare words: candidates for damaged copies.

Typos every few words leave no five-word run intact, so the shingle index
misses such a copy; its rare words still match. A word is rare when it
occurs in few paragraphs; a paragraph's candidates are the earlier ones
that share enough of its rare words. Exact repeats of a paragraph are left
out of the counts (they do not make a word common).

Most paragraphs share too few rare words with everything before them to
have any candidate, and proving that is most of the work: it is done with
sets, at C speed (a numpy version over word hashes was slower: most of its
time went to sorting). The inverted index that finds the candidates is
built only when some paragraph needs it, and only as far as that
paragraph. Paragraphs are asked about in order (asked out of order, the
answers stay right, only the screen lets more through).

Pure functions over the word stream; no I/O.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from itertools import chain, compress, filterfalse

from .align import Words
from .config import DEFAULT_CONFIG, CandidateConfig


class RareWords:
    """The rare-word index of one document (`unique`: the first paragraph of each text).

    `cfg` says when a word is rare (`rare_word_paragraphs`) and how many rare
    words an earlier paragraph must share (`shared_words`, `min_shared_words`).
    """

    def __init__(
        self, doc: Words, unique: list[int], cfg: CandidateConfig = DEFAULT_CONFIG.candidates
    ) -> None:
        self.doc = doc
        self.cfg = cfg
        self._unique = unique
        self._common: set[str] | None = None
        self._rare: dict[int, frozenset[str]] = {}
        self._before: set[str] = set()
        self._seen_upto = 0  # _unique[:_seen_upto] are in _before
        self._postings: dict[str, list[int]] = {}
        self._indexed_upto = 0  # _unique[:_indexed_upto] are in _postings

    def votes(self, i: int) -> tuple[Counter[int], float] | None:
        """Earlier paragraphs with the number of i's rare words they share, and the number needed.

        None when no earlier paragraph can share enough of them.
        """
        rare = self.rare(i)
        need = max(self.cfg.min_shared_words, self.cfg.shared_words * len(rare))
        if self._seen_before(i, rare) < need:
            return None
        postings = self._postings_before(i)
        return Counter(j for w in rare for j in postings.get(w, ()) if j < i), need

    def rare(self, i: int) -> frozenset[str]:
        """The words of paragraph i found in few paragraphs."""
        if self._common is None:
            self._common = self._common_words()
        rare = self._rare.get(i)
        if rare is None:
            a, b = self.doc.bounds[i], self.doc.bounds[i + 1]
            common = self._common.__contains__
            rare = self._rare[i] = frozenset(filterfalse(common, self.doc.words[a:b]))
        return rare

    def _common_words(self) -> set[str]:
        """Words in more than `rare_word_paragraphs` of the unique paragraphs.

        Each paragraph's set of words is counted and dropped at once: keeping
        them all costs more memory than the words themselves. With that few
        paragraphs or fewer, no word can be common.
        """
        most = self.cfg.rare_word_paragraphs
        if len(self._unique) <= most:
            return set()
        words, bounds = self.doc.words, self.doc.bounds
        per_paragraph = (frozenset(words[bounds[i] : bounds[i + 1]]) for i in self._unique)
        df = Counter(chain.from_iterable(per_paragraph))
        return set(compress(df.keys(), map(most.__lt__, df.values())))

    def _seen_before(self, i: int, rare: frozenset[str]) -> int:
        """How many of `rare` occur in the paragraphs before i."""
        new, self._seen_upto = self._unique_between(self._seen_upto, i)
        for j in new:
            self._before |= self.rare(j)
        return len(rare & self._before)

    def _postings_before(self, i: int) -> dict[str, list[int]]:
        """The paragraphs before i that each rare word occurs in, in order."""
        new, self._indexed_upto = self._unique_between(self._indexed_upto, i)
        for j in new:
            for w in self.rare(j):
                self._postings.setdefault(w, []).append(j)
        return self._postings

    def _unique_between(self, upto: int, i: int) -> tuple[list[int], int]:
        """Unique paragraphs from list position `upto` up to paragraph i, and the new position.

        Each pointer only moves forward, so every paragraph is added once.
        """
        end = max(upto, bisect_left(self._unique, i))
        return self._unique[upto:end], end
