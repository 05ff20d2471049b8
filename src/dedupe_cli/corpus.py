"""Paragraphs that repeat across documents: MinHash with LSH banding, verified.

Pipeline, each step a pure function so an engine (local processes, Dask) can
run the heavy ones on chunks anywhere and get the same answer:

1. `normalize` every paragraph (NFKC, case, punctuation and quotes out), and
   group exact repeats by their normalised text: they need no hashing.
2. `signatures`: one-permutation MinHash over character 5-grams, computed on
   numpy arrays a chunk of paragraphs at a time. Hashing each gram once and
   binning it (instead of 128 hash functions per gram) is what makes this
   ~100x cheaper than classic MinHash; empty bins are filled by rotation
   ("densified" OPH), which keeps P[equal bin] = Jaccard.
3. `candidate_pairs`: LSH banding (16 bands x 8 rows by default: recall for
   Jaccard 0.8 is 0.95, where 9 x 13 gives 0.4); within a bucket each member
   is paired with the first member and its predecessor, so pairs stay linear.
4. `verify`: rapidfuzz `cpdist` scores all candidate pairs in one call.
5. `group`: union-find over exact groups and verified pairs; the earliest
   paragraph of a cluster is kept, the later ones are removed.

numpy is imported lazily: only this mode pays for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from .marks import MARK_CLASS

if TYPE_CHECKING:
    import numpy as np

    from .models import Paragraph

T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[T], R], Sequence[T]], Iterable[R]]
_NON_WORD = re.compile(rf"(?:[^\w{MARK_CLASS}]|_)+")
"""What separates words: not a letter, digit or combining mark (हिंदी keeps its vowel signs)."""
_EMPTY = 0xFFFFFFFF


@dataclass(frozen=True)
class CorpusConfig:
    """Cross-document settings; defaults chosen with bench/corpus_bench.py."""

    threshold: float = 90.0
    """Minimum rapidfuzz ratio (0-100) of normalised texts for a near-duplicate."""
    bands: int = 16
    rows: int = 8
    ngram: int = 5
    """Characters per shingle."""
    min_words: int = 3
    """Shorter paragraphs are never matched ("Yes.", a lone name)."""
    chunk: int = 2048
    """Paragraphs per signature chunk: bounds the temporary numpy arrays."""
    seed: int = 1

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows


def normalize(text: str) -> str:
    """Comparable form: NFKC, casefolded, words separated by single spaces.

    The reference definition; `normalize_many` computes the same in bulk.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def normalize_many(texts: Sequence[str]) -> list[str]:
    """`normalize` for many texts at once: one pass over one numpy array.

    A regex per paragraph was the bottleneck of the whole corpus pass; here
    the case and Unicode folding run once on the joined text, and a lookup
    table maps every non-alphanumeric character to a space.
    """
    if not texts:
        return []
    np = _np()
    joined = "\0".join(map(_nfkc, texts))
    if joined.count("\0") != max(len(texts) - 1, 0):  # NUL inside a text: not a word
        joined = "\0".join(_nfkc(t).replace("\0", " ") for t in texts)
    codes = _casefold(np.frombuffer(_utf32(joined), dtype=np.uint32), joined)
    keep = _is_alnum(codes) | (codes == 0)
    mapped = np.where(keep, codes, np.uint32(32)).tobytes().decode("utf-32-le", "surrogatepass")
    return [" ".join(t.split()) for t in mapped.split("\0")]


def _utf32(text: str) -> bytes:
    """Code points as bytes; lone surrogates (possible in JSON input) pass through."""
    return text.encode("utf-32-le", "surrogatepass")


def _nfkc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


_TABLES: Any = None


def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per BMP code point: its casefold (when one character), whether that
    casefold is longer, and whether it belongs in a word (`_in_word`)."""
    global _TABLES
    if _TABLES is None:
        np = _np()
        chars = [chr(c) for c in range(0x10000)]
        folded = [c.casefold() for c in chars]
        fold = np.array([ord(f) if len(f) == 1 else 0 for f in folded], dtype=np.uint32)
        long = np.array([len(f) != 1 for f in folded], dtype=bool)
        alnum = np.array([_in_word(c) for c in chars], dtype=bool)
        _TABLES = (fold, long, alnum)
    return _TABLES


def _casefold(codes: np.ndarray, text: str) -> np.ndarray:
    """str.casefold on code points by table; the few characters that fold
    into several (ß -> ss) or lie beyond the BMP send it to str.casefold."""
    np = _np()
    fold, long, _ = _tables()
    high = codes > 0xFFFF
    if high.any() or long[codes].any():
        return np.frombuffer(_utf32(text.casefold()), dtype=np.uint32)
    return fold[codes]


def _is_alnum(codes: np.ndarray) -> np.ndarray:
    """`_in_word` for each code point, by table (BMP) or one by one (rare)."""
    np = _np()
    alnum = _tables()[2]
    high = codes > 0xFFFF
    out = alnum[np.where(high, 0, codes)]
    if high.any():
        for c in np.unique(codes[high]).tolist():
            out[codes == c] = _in_word(chr(c))
    return out


def _in_word(c: str) -> bool:
    """Letters, digits and combining marks make words; everything else separates them."""
    return c.isalnum() or unicodedata.category(c).startswith("M")


def _np() -> Any:
    import numpy

    return numpy


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: spreads polynomial hashes over all 32 bits."""
    np = _np()
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _gram_hashes(texts: Sequence[str], g: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Hash of every character g-gram, and the index of the text it belongs to.

    All texts are joined with NUL (never in normalised text) and hashed in one
    vectorised pass; grams that straddle a NUL are dropped. A text shorter
    than g is padded so it still has one gram.
    """
    np = _np()
    padded = [t.ljust(g) for t in texts]
    codes = np.frombuffer(_utf32("\0".join(padded)), dtype=np.uint32)
    n = len(codes) - g + 1
    h = np.full(n, seed, dtype=np.uint32)
    for j in range(g):
        h = h * np.uint32(0x01000193) + codes[j : j + n]
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    counts = lengths - g + 1
    owner = np.repeat(np.arange(len(padded), dtype=np.int32), counts)
    shift = np.repeat((np.cumsum(counts) - counts - starts).astype(np.int32), counts)
    pos = np.arange(len(owner), dtype=np.int32) - shift
    del shift
    return _fmix32(h[pos]), owner


def signatures(texts: Sequence[str], cfg: CorpusConfig = CorpusConfig()) -> np.ndarray:
    """One-permutation MinHash signatures, shape (len(texts), bands * rows), uint32.

    Depends only on each text itself, so chunks can be hashed anywhere.
    """
    np = _np()
    k = cfg.num_perm
    sig = np.full(len(texts) * k, _EMPTY, dtype=np.uint32)
    if not texts:
        return sig.reshape(0, k)
    h, owner = _gram_hashes(texts, cfg.ngram, cfg.seed)
    slot = ((h.astype(np.uint64) * np.uint64(k)) >> np.uint64(32)).astype(np.int32)
    slot += owner * np.int32(k)
    del owner
    values = _fmix32(h ^ np.uint32(0x9E3779B9)) >> np.uint32(1)  # < _EMPTY
    np.minimum.at(sig, slot, values)
    return _densify(sig.reshape(len(texts), k))


def _densify(sig: np.ndarray) -> np.ndarray:
    """Fill each empty bin from the next non-empty bin to its right (circular)."""
    np = _np()
    k = sig.shape[1]
    full = sig != _EMPTY
    if full.all():
        return sig
    cols = np.arange(2 * k)
    idx = np.where(np.concatenate((full, full), axis=1), cols, 2 * k)
    nxt = np.minimum.accumulate(idx[:, ::-1], axis=1)[:, ::-1][:, :k]
    dist = (nxt - cols[:k]).astype(np.uint32)
    taken = np.take_along_axis(sig, nxt % k, axis=1)
    return np.where(full, sig, taken + dist * np.uint32(0x9E3779B1))


def band_keys(sig: np.ndarray, cfg: CorpusConfig = CorpusConfig()) -> np.ndarray:
    """One 64-bit key per band: equal keys mean (almost surely) equal bands."""
    np = _np()
    n = sig.shape[0]
    rng = np.random.default_rng(cfg.seed)
    mult = rng.integers(1, 2**63, size=cfg.rows, dtype=np.uint64) | np.uint64(1)
    bands = sig.reshape(n, cfg.bands, cfg.rows)
    keys = np.zeros((n, cfg.bands), dtype=np.uint64)
    for r in range(cfg.rows):
        keys = keys * mult[r] + bands[:, :, r]
    return keys ^ (keys >> np.uint64(29))


def candidate_pairs(keys: np.ndarray) -> np.ndarray:
    """Pairs (i, j), i < j, sharing a bucket in some band; shape (m, 2), unique.

    In a bucket each member is paired with the bucket's first member and
    with its predecessor: linear in the bucket size, yet a chain of
    near-copies stays connected.
    """
    np = _np()
    n, nb = keys.shape
    found = []
    for b in range(nb):
        order = np.argsort(keys[:, b], kind="stable")
        k = keys[order, b]
        same = np.concatenate(([False], k[1:] == k[:-1]))
        if not same.any():
            continue
        run_start = np.maximum.accumulate(np.where(same, 0, np.arange(n)))
        pos = np.flatnonzero(same)
        found.append(np.stack((order[run_start[pos]], order[pos]), axis=1))
        found.append(np.stack((order[pos - 1], order[pos]), axis=1))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack((codes // n, codes % n), axis=1)


def verify(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """rapidfuzz ratio of each pair, all in one C call."""
    from rapidfuzz import fuzz, process

    if not pairs:
        return []
    left, right = zip(*pairs, strict=True)
    return process.cpdist(left, right, scorer=fuzz.ratio).tolist()


def _chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:  # the smaller index (earlier paragraph) stays the root
            self.parent[max(a, b)] = min(a, b)


@dataclass(frozen=True)
class Matches:
    """For each input paragraph: the earlier paragraph it repeats (or -1), and how closely."""

    duplicate_of: list[int]
    similarity: list[float]
    candidates: int = 0

    def clusters(self) -> dict[int, list[int]]:
        """Kept paragraph -> its later copies, for clusters with copies."""
        out: dict[int, list[int]] = {}
        for i, root in enumerate(self.duplicate_of):
            if root >= 0:
                out.setdefault(root, []).append(i)
        return out


def find_duplicates(
    paragraphs: Sequence[str], cfg: CorpusConfig = CorpusConfig(), mapper: Mapper = map
) -> Matches:
    """Match each paragraph to the earliest paragraph it (nearly) repeats.

    `mapper(fn, chunks)` runs the heavy steps; it must return results in
    order (builtin `map`, a process pool's `map`, a Dask client's).
    """
    norm = [t for part in mapper(normalize_many, _chunks(paragraphs, cfg.chunk)) for t in part]
    first: dict[str, int] = {}
    uf = _UnionFind(len(norm))
    uniq: list[int] = []
    for i, t in enumerate(norm):
        if t.count(" ") + 1 < cfg.min_words:
            continue
        j = first.setdefault(t, i)
        if j == i:
            uniq.append(i)
        else:
            uf.union(j, i)
    texts = [norm[i] for i in uniq]
    pairs = _candidates(texts, cfg, mapper)
    text_pairs = [(texts[a], texts[b]) for a, b in pairs]
    scores = [s for part in mapper(verify, _chunks(text_pairs, 20_000)) for s in part]
    for (a, b), score in zip(pairs, scores, strict=True):
        if score >= cfg.threshold:
            uf.union(uniq[a], uniq[b])
    roots = [uf.find(i) for i in range(len(norm))]
    dup_of = [r if r != i else -1 for i, r in enumerate(roots)]
    removed = [i for i, r in enumerate(dup_of) if r >= 0]
    kept_pairs = [(norm[dup_of[i]], norm[i]) for i in removed]
    sims = [s for part in mapper(verify, _chunks(kept_pairs, 20_000)) for s in part]
    similarity = [0.0] * len(norm)
    for i, s in zip(removed, sims, strict=True):
        similarity[i] = round(s, 1)
    return Matches(dup_of, similarity, len(pairs))


def _candidates(texts: list[str], cfg: CorpusConfig, mapper: Mapper) -> list[tuple[int, int]]:
    if len(texts) < 2:
        return []
    np = _np()
    sig = np.empty((len(texts), cfg.num_perm), dtype=np.uint32)
    pos = 0
    for part in mapper(_signatures_for(cfg), _chunks(texts, cfg.chunk)):
        sig[pos : pos + len(part)] = part
        pos += len(part)
    keys = band_keys(sig, cfg)
    del sig
    return [tuple(p) for p in candidate_pairs(keys).tolist()]


@dataclass(frozen=True)
class _SignatureTask:
    """A picklable `signatures` with its config bound (lambdas do not pickle)."""

    cfg: CorpusConfig = field(default_factory=CorpusConfig)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return signatures(texts, self.cfg)


def _signatures_for(cfg: CorpusConfig) -> _SignatureTask:
    return _SignatureTask(cfg)


# ---- documents ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AcrossRemoval:
    """A paragraph removed because an earlier document (or paragraph) has it."""

    index: int
    text: str
    document: int
    paragraph: int
    similarity: float
    cluster: int


@dataclass(frozen=True)
class Cluster:
    """One paragraph kept at (document, paragraph) and its later copies."""

    id: int
    document: int
    paragraph: int
    text: str
    copies: tuple[tuple[int, int, float], ...]


@dataclass(frozen=True)
class CorpusResult:
    """Cleaned texts, what each lost, and the clusters, in document order."""

    cleaned: list[str]
    removed: list[list[AcrossRemoval]]
    clusters: list[Cluster]


def dedupe_documents(
    texts: Sequence[str], cfg: CorpusConfig = CorpusConfig(), mapper: Mapper = map
) -> CorpusResult:
    """Remove paragraphs that repeat earlier ones anywhere in the corpus.

    The first occurrence (in document order, then paragraph order) is kept.
    """
    paras = [p for part in mapper(split_many, _chunks(texts, 256)) for p in part]
    owner = [(d, p.index) for d, ps in enumerate(paras) for p in ps]
    matches = find_duplicates([p.text for ps in paras for p in ps], cfg, mapper)
    groups = _across(matches.clusters(), owner)
    ids = {root: n for n, root in enumerate(sorted(groups))}
    removed: list[list[AcrossRemoval]] = [[] for _ in texts]
    for root, copies in sorted(groups.items()):
        for flat in copies:
            d, i = owner[flat]
            sim = matches.similarity[flat]
            removed[d].append(AcrossRemoval(i, paras[d][i].text, *owner[root], sim, ids[root]))
    cleaned = [_cut(t, ps, rs) for t, ps, rs in zip(texts, paras, removed, strict=True)]
    clusters = [
        Cluster(
            ids[root],
            *owner[root],
            paras[owner[root][0]][owner[root][1]].text,
            tuple((*owner[c], matches.similarity[c]) for c in copies),
        )
        for root, copies in sorted(groups.items())
    ]
    return CorpusResult(cleaned, removed, clusters)


def _across(groups: dict[int, list[int]], owner: list[tuple[int, int]]) -> dict[int, list[int]]:
    """Only copies in a later document than the kept paragraph.

    Repeats inside one document are the in-document detector's call: it
    knows the layout and keeps a copy whose numbers or names differ.
    """
    out: dict[int, list[int]] = {}
    for root, copies in groups.items():
        later = [c for c in copies if owner[c][0] != owner[root][0]]
        if later:
            out[root] = later
    return out


def split_many(texts: Sequence[str]) -> list[list[Paragraph]]:
    """Paragraphs of each text (the same splitter as in-document cleaning)."""
    from .segment import split_paragraphs

    return [split_paragraphs(t) for t in texts]


def _cut(text: str, paras: list[Paragraph], removed: list[AcrossRemoval]) -> str:
    """The text without its removed paragraphs, separators handled as in `clean`."""
    if not removed:
        return text
    from .cut import cut
    from .models import Removal

    gone = [paras[r.index] for r in removed]
    return cut(text, paras, [Removal(p.index, p.text, -1, 0.0, "", p.start, p.end) for p in gone])
