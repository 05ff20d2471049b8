"""Duplicate-detection benchmark for dedupe-cli (issue 4).

Takes clean BBC articles (``../shared/data/bbc_dev100.jsonl``), corrupts them
deterministically with duplicated paragraphs, runs a cleaner on each corrupted
text and checks the output against the clean article.

Run from the repo root::

    python bench/dedup_bench.py                       # library, all kinds
    python bench/dedup_bench.py --mode cli --limit 20 # the real CLI via subprocess
    python bench/dedup_bench.py --kinds near,midstart --show-failures 10

Articles
    Each non-blank line of an article's ``text`` is one paragraph; the first is
    the title. Whitespace inside a paragraph is collapsed to single spaces and
    paragraphs repeated (after normalisation) inside a clean article are
    dropped, so the clean article has no duplicates of its own. A text of
    fewer than 7 lines is split into sentences, one paragraph each (so
    ``--data ../shared/data/cnndm_dev100.jsonl``, one line per article, gives a
    held-out set of one-sentence paragraphs). Skipped: articles that still
    have fewer than 7 paragraphs, and articles whose clean text repeats itself:
    some run of 9 normalised words twice, or a paragraph of 8+ words nearly
    contained in another (rapidfuzz partial_ratio >= 90). CNN/DailyMail
    repeats photo captions in the body: 50 of cnndm_dev100 are skipped; none
    of bbc_dev100.
    ``--limit N`` takes articles round-robin over the categories.

Layouts (every case is rendered in all three)
    ``blank``   paragraphs separated by one blank line;
    ``lines``   one paragraph per line;
    ``wrapped`` each paragraph hard-wrapped at 72 columns, blank line between.
    Every text ends with one newline. The expected output is the clean article
    rendered in the same layout, so restoration is checked byte for byte.

Corruption kinds (``P0`` is the title; a "run" is consecutive paragraphs)
    block     a copy of run Pi..Pj inserted right after Pj (``after``) or at the
              end of the article (``end``).
    tail      the last 1-3 paragraphs repeated at the end (``last1..3``).
    near      a copied run in which every copied paragraph is altered in one
              way: ``typos`` (char swap/drop/insert in 2-3 words; one word
              per 8 in short paragraphs), ``quotes`` (straight <-> curly
              quotes, hyphen -> en/em dash), ``space`` (double spaces,
              leading/trailing space), ``case`` (lower/upper case), ``punct``
              (commas between words dropped, one added, end mark changed),
              ``word`` (one word dropped or added), ``mixed`` (two or three of
              these edits, not case; one on a paragraph under 8 words). A
              copied run of one paragraph (here and in ``multi``) is one of at
              least 10 words: a lone short line repeated elsewhere is what a
              refrain (a negative control) looks like, so it is not a fair
              positive.
    rewrap    layout wrapped: the copy is re-wrapped at another width
              (``w40``, ``w60``, ``w100``, ``w0`` = not wrapped). Layouts blank and
              lines: the copy has its first two paragraphs merged into one and
              the third split in two (``merge-split``).
    title     the title repeated right after itself (``after``), before a
              middle paragraph (``mid``) or at the end (``end``).
    multi     a run present 3 or 4 times: copies back to back (``back``) or
              spread over the rest of the article (``spread``).
    midstart  the scrape restarted at an offset inside an earlier paragraph Pi
              after Pj (i <= j) and ran to the end, so the text is P0..Pj then
              Pi[off:], Pi+1, ... The restart is a new paragraph (``new-*``) or
              glued onto Pj with one space (``glued-*``); Pi has 6+ words
              when the article has such a paragraph; the offset is a
              sentence start inside Pi (``*-sent``; BBC lines are mostly
              one sentence, so when no paragraph has two it falls back to
              ``*-word``), a word start (``*-word``) or any character
              (``*-char``, often mid-word).
    edited    a copied run (3-5 paragraphs) with one paragraph dropped from the
              copy (``drop``) or one paragraph of *another* article inserted in
              the copy (``insert``).

Negative controls (the expected output is the input, byte for byte)
    clean     the clean article.
    lookalike templated paragraphs with different facts: match reports
              (``match``), market updates (``market``), "X said Y" lines
              (``quotes``), or a real article plus a copy of one of its
              paragraphs with every number changed (``numbers``) or one name
              changed (``name``).
    refrain   short legitimate repeats in a real article: the same short quote
              as a paragraph in two places (``quote``), or a list whose short
              item repeats (``list``).

What "restored exactly" means
    The output equals the expected text byte for byte. For every corruption kind
    the expected text is the clean article, except ``edited/insert`` where it is
    the clean article with the inserted paragraph where it sits, i.e. between Pj
    and Pj+1 (the copied run ends at Pj). For ``midstart`` the duplicated text is
    only the restarted part: ``new-*`` expects the fragment paragraph and the
    repeated run removed; ``glued-*`` expects Pj restored exactly, so the glued
    tail *and* the joining space must be cut. A copy is always the later one:
    the first copy is the one to keep.

Metrics (per kind x layout, and per kind over all layouts)
    exact %   cases whose output equals the expected text exactly.
    norm %    cases equal after collapsing whitespace inside each paragraph
              (paragraph breaks still count): "right up to spacing".
    lost      unique sentences missing from the output. The expected text is
              split into paragraphs (by the layout) and sentences, each
              normalised (NFKC, curly quotes/dashes to ASCII, case-folded,
              whitespace collapsed); a sentence expected n times is lost
              n - k times if the normalised output holds it only k < n times
              as whole words (so a sentence glued to a fragment or merged into
              another paragraph still counts as kept; a short sentence that
              also occurs inside a longer one can hide a loss).
    left      duplicate text not removed: the output's sentences (fragments
              too) compared with the expected ones as multisets; left = the
              output's sentences beyond the expected count.
    FP        negative controls only: cases whose output differs from the input
              in any way.
    time      total seconds and mean milliseconds per case of the cleaner call
              (the subprocess for ``cli`` and ``awk``; in-process for ``lib``).

Rows: ``dedupe-cli`` (``--mode lib``: ``dedupe_cli.clean`` in-process, the default;
``--mode cli``: ``python -c 'from dedupe_cli.cli import main; main()' clean`` per
case, reading stdin) and the baseline ``awk '!seen[$0]++'`` as a real subprocess.
``--awk-keep-blank`` adds ``awk '!NF || !seen[$0]++'``, which keeps blank lines: plain
awk deletes every blank line after the first, so it can never be exact in the
blank and wrapped layouts. ``--mode standin`` swaps dedupe-cli for an
exact-paragraph dedupe, for a self-check of the harness. The package is
imported from this checkout's ``src/`` (``--src PATH``: another checkout's, to
compare commits with the same cases).

Settings
    ``--set GROUP.FIELD=VALUE`` (repeatable) changes one field of
    ``dedupe_cli.config.DedupeConfig`` for the run, e.g. ``--set runs.threshold=80
    --set partial.long_sentences_words=30``; ``--list-settings`` prints every name
    with its default and what it trades off. ``--mode lib`` applies them all;
    ``--mode cli`` passes ``threshold`` as ``--threshold`` (the only one the CLI
    has) and refuses the others. ``bench/sweep.py`` varies them one at a time.

The same seed gives the same cases: every random choice comes from a
``random.Random`` seeded with the seed, the article id and the kind.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_settings

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "bbc_dev100.jsonl"
LAYOUTS = ("blank", "lines", "wrapped")
WRAP = 72
MIN_PARAGRAPHS = 7
REPEAT_WORDS = 9
KINDS = ("block", "tail", "near", "rewrap", "title", "multi", "midstart", "edited")
CONTROLS = ("clean", "lookalike", "refrain")
ALL_KINDS = KINDS + CONTROLS
NEAR_VARIANTS = ("typos", "quotes", "space", "case", "punct", "word", "mixed")
MIDSTART_VARIANTS = tuple(f"{g}-{a}" for g in ("new", "glued") for a in ("sent", "word", "char"))
LOOKALIKE_VARIANTS = ("match", "market", "quotes", "numbers", "name")


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class Article:
    """A clean article: ``paragraphs[0]`` is the title."""

    id: str
    category: str
    paragraphs: tuple[str, ...]


_ASCII_PUNCT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def norm(text: str) -> str:
    """Text normalised for comparison: case, quotes, dashes and spacing ignored."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_ASCII_PUNCT).casefold()
    return " ".join(text.split())


def parse_article(row: dict) -> Article:
    """Paragraphs of one JSONL row, whitespace collapsed, repeats dropped.

    A text of fewer than MIN_PARAGRAPHS lines (CNN/DailyMail stores each
    article as one line) is split into sentences, one paragraph each.
    """
    lines = [" ".join(line.split()) for line in row["text"].splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < MIN_PARAGRAPHS:
        lines = split_sentences(" ".join(lines))
    seen: set[str] = set()
    paragraphs: list[str] = []
    for text in lines:
        if norm(text) not in seen:
            seen.add(norm(text))
            paragraphs.append(text)
    return Article(row["id"], row.get("category", ""), tuple(paragraphs))


def repeats_a_run(paragraphs: Sequence[str], n: int = REPEAT_WORDS) -> bool:
    """Does the text hold some run of ``n`` normalised words twice?"""
    seen: set[tuple[str, ...]] = set()
    for paragraph in paragraphs:
        words = re.findall(r"\w+", norm(paragraph))
        for k in range(len(words) - n + 1):
            run = tuple(words[k : k + n])
            if run in seen:
                return True
            seen.add(run)
    return False


def contains_near_copy(paragraphs: Sequence[str], threshold: float = 90.0) -> bool:
    """Is some paragraph of 8+ words (nearly) contained in a longer one?"""
    texts = [norm(p) for p in paragraphs]
    for a, b in itertools.permutations(range(len(texts)), 2):
        short, long = texts[a], texts[b]
        if len(short.split()) < 8 or len(short) > len(long):
            continue
        if fuzz.partial_ratio(short, long) >= threshold:
            return True
    return False


def usable(article: Article) -> bool:
    """Long enough to corrupt, and with no repeated text of its own."""
    paras = article.paragraphs
    return (
        len(paras) >= MIN_PARAGRAPHS and not repeats_a_run(paras) and not contains_near_copy(paras)
    )


def read_articles(path: Path) -> list[Article]:
    with path.open(encoding="utf-8") as fh:
        return [parse_article(json.loads(line)) for line in fh if line.strip()]


def load_articles(path: Path, limit: int | None = None) -> list[Article]:
    """The usable articles, taken round-robin over categories."""
    articles = [a for a in read_articles(path) if usable(a)]
    by_cat: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        by_cat[art.category].append(art)
    ordered = [a for group in _zip_longest(by_cat.values()) for a in group]
    return ordered[:limit] if limit else ordered


def _zip_longest(groups: Iterable[list[Article]]) -> Iterable[list[Article]]:
    groups = list(groups)
    for i in range(max((len(g) for g in groups), default=0)):
        yield [g[i] for g in groups if i < len(g)]


# --------------------------------------------------------------------------- text helpers

_SENT_END = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)+[A-Z]?|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Gen|Gov|Sen|Rep|Lt|Col|Prof))\.$"
)


def _sentence_ends(paragraph: str) -> list[int]:
    """Offsets just after each sentence end (and its spaces), abbreviations skipped."""
    ends = []
    for m in _SENT_END.finditer(paragraph):
        before = paragraph[: m.start() + 1]
        if m.group().startswith(".") and _ABBREVIATION.search(before):
            continue
        ends.append(m.end())
    return ends


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, split after . ! ? before a capital or digit
    (not after initials such as U.S. or B.B., nor after Mr. Dr. and the like)."""
    out: list[str] = []
    start = 0
    for end in _sentence_ends(paragraph):
        out.append(paragraph[start:end].strip())
        start = end
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def sentence_starts(paragraph: str) -> list[int]:
    """Offsets of the sentence starts inside a paragraph, except the first."""
    return [end for end in _sentence_ends(paragraph) if end < len(paragraph)]


def wrap(text: str, width: int) -> str:
    """Hard-wrap one paragraph; width 0 leaves it on one line."""
    if width <= 0:
        return text
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


@dataclass(frozen=True)
class Unit:
    """One paragraph of a corrupted text, with its own wrap width if it has one."""

    text: str
    width: int = WRAP


def render(units: Sequence[Unit], layout: str) -> str:
    """The text of the paragraphs in a layout, ending with one newline."""
    if layout == "blank":
        return "\n\n".join(u.text for u in units) + "\n"
    if layout == "lines":
        return "\n".join(u.text for u in units) + "\n"
    if layout == "wrapped":
        return "\n\n".join(wrap(u.text, u.width) for u in units) + "\n"
    raise ValueError(f"unknown layout {layout!r}")


def units(paragraphs: Iterable[str]) -> tuple[Unit, ...]:
    return tuple(Unit(p) for p in paragraphs)


def parse_paragraphs(text: str, layout: str) -> list[str]:
    """Paragraphs of a text in a layout, whitespace collapsed (for the metrics)."""
    blocks = text.split("\n") if layout == "lines" else re.split(r"\n[ \t]*\n", text)
    paragraphs = [" ".join(b.split()) for b in blocks]
    return [p for p in paragraphs if p]


def sentence_counts(text: str, layout: str) -> Counter[str]:
    return Counter(norm(s) for p in parse_paragraphs(text, layout) for s in split_sentences(p))


# --------------------------------------------------------------------------- corruptions


@dataclass(frozen=True)
class Corruption:
    """What a generator made: the corrupted paragraphs and the expected ones."""

    variant: str
    note: str
    units: tuple[Unit, ...]
    expected: tuple[str, ...]


@dataclass(frozen=True)
class Context:
    """What every generator gets: the article, its random source, the other articles."""

    article: Article
    rng: random.Random
    layout: str
    pool: tuple[str, ...]
    ordinal: int

    @property
    def paras(self) -> tuple[str, ...]:
        return self.article.paragraphs

    def cycle(self, variants: Sequence[str]) -> str:
        """Variants in turn over the articles (shifted each round, so that a
        variant does not stay with one category of the round-robin order)."""
        n = len(variants)
        return variants[(self.ordinal + self.ordinal // n) % n]


LONE_MIN_WORDS = 10


def pick_run(ctx: Context, min_len: int, max_len: int) -> tuple[int, int]:
    """A run of body paragraphs Pi..Pj (inclusive), as long as the article allows.

    A run of one paragraph is a paragraph of at least ``LONE_MIN_WORDS`` words:
    a lone short line repeated elsewhere is what a legitimate refrain looks like.
    """
    n = len(ctx.paras)
    length = ctx.rng.randint(min_len, max(min_len, min(max_len, n - 1)))
    length = min(length, n - 1)
    i = ctx.rng.randint(1, n - length)
    if length == 1:
        long_ones = [k for k in range(1, n) if len(ctx.paras[k].split()) >= LONE_MIN_WORDS]
        i = ctx.rng.choice(long_ones or [i])
    return i, i + length - 1


def insert_copy(ctx: Context, copy: Sequence[Unit], j: int, at_end: bool) -> tuple[Unit, ...]:
    """The article with ``copy`` inserted after Pj, or at the end."""
    body = list(units(ctx.paras))
    pos = len(body) if at_end else j + 1
    return tuple(body[:pos] + list(copy) + body[pos:])


def gen_block(ctx: Context) -> Corruption:
    i, j = pick_run(ctx, 2, 4)
    at_end = ctx.cycle(("after", "end")) == "end"
    variant = "end" if at_end else "after"
    where = "at the end" if at_end else f"after P{j}"
    doc = insert_copy(ctx, units(ctx.paras[i : j + 1]), j, at_end)
    return Corruption(variant, f"copy of P{i}..P{j} {where}", doc, ctx.paras)


def gen_tail(ctx: Context) -> Corruption:
    k = min(1 + ctx.ordinal % 3, len(ctx.paras) - 1)
    doc = units(ctx.paras + ctx.paras[-k:])
    return Corruption(f"last{k}", f"last {k} paragraph(s) repeated at the end", doc, ctx.paras)


# ---- near-duplicate edits: each takes a paragraph and the rng, returns the altered copy


def _words(text: str) -> list[str]:
    return text.split(" ")


def edit_typos(text: str, rng: random.Random) -> str:
    words = _words(text)
    candidates = [k for k, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    wanted = max(1, min(3, len(words) // 8, rng.randint(2, 3)))
    for k in rng.sample(candidates, min(len(candidates), wanted)):
        w = words[k]
        p = rng.randrange(1, len(w) - 1)
        op = rng.choice(("swap", "drop", "insert"))
        if op == "swap":
            w = w[: p - 1] + w[p] + w[p - 1] + w[p + 1 :]
        elif op == "drop":
            w = w[:p] + w[p + 1 :]
        else:
            w = w[:p] + rng.choice("aeiourstln") + w[p:]
        words[k] = w
    return " ".join(words)


def edit_quotes(text: str, rng: random.Random) -> str:
    del rng
    text = re.sub(r'"(?=\w)', "“", text)
    text = text.replace('"', "”").replace("'", "’").replace(" - ", " – ")
    return text.replace("--", "—")


def edit_space(text: str, rng: random.Random) -> str:
    words = _words(text)
    for k in rng.sample(range(1, len(words)), min(len(words) - 1, 3)):
        words[k] = " " + words[k]
    return " " + " ".join(words) + " "


def edit_case(text: str, rng: random.Random) -> str:
    return text.upper() if rng.random() < 0.5 else text.lower()


def edit_punct(text: str, rng: random.Random) -> str:
    """Commas between words dropped (not those inside numbers), one added, end mark changed."""
    out = text.replace(", ", " ")
    words = _words(out)
    if len(words) > 4:
        k = rng.randrange(1, len(words) - 2)
        words[k] += ","
    out = " ".join(words)
    core = out.rstrip()
    tail = out[len(core) :]
    if core.endswith("."):
        return core[:-1] + rng.choice(("!", ";", "")) + tail
    return core + "." + tail


_FILLER = ("also", "now", "reportedly", "still", "however", "indeed")


def edit_word(text: str, rng: random.Random) -> str:
    words = _words(text)
    k = rng.randrange(1, len(words)) if len(words) > 1 else 1
    if rng.random() < 0.5 and len(words) > 3:
        return " ".join(words[:k] + words[k + 1 :])
    return " ".join([*words[:k], rng.choice(_FILLER), *words[k:]])


def edit_mixed(text: str, rng: random.Random) -> str:
    """Two or three of the other edits (not case) on the same copy; one if it is short."""
    count = rng.randint(2, 3) if len(text.split()) >= 8 else 1
    names = rng.sample(("typos", "quotes", "space", "punct", "word"), count)
    for name in names:
        text = NEAR_EDITS[name](text, rng)
    return text


NEAR_EDITS: dict[str, Callable[[str, random.Random], str]] = {
    "typos": edit_typos,
    "quotes": edit_quotes,
    "space": edit_space,
    "case": edit_case,
    "punct": edit_punct,
    "word": edit_word,
    "mixed": edit_mixed,
}


def gen_near(ctx: Context) -> Corruption:
    variant = ctx.cycle(NEAR_VARIANTS)
    i, j = pick_run(ctx, 1, 3)
    if variant == "quotes":
        i, j = _run_with_quotes(ctx, i, j)
    edit = NEAR_EDITS[variant]
    copy = tuple(Unit(edit(p, ctx.rng)) for p in ctx.paras[i : j + 1])
    at_end = ctx.rng.random() < 0.5
    where = "at the end" if at_end else f"after P{j}"
    doc = insert_copy(ctx, copy, j, at_end)
    return Corruption(variant, f"copy of P{i}..P{j} with {variant} edits {where}", doc, ctx.paras)


def _run_with_quotes(ctx: Context, i: int, j: int) -> tuple[int, int]:
    """Move the run onto a paragraph that has quotes, apostrophes or dashes."""
    hits = [k for k, p in enumerate(ctx.paras) if k and re.search(r"['\"]| - ", p)]
    if not hits or any(k in hits for k in range(i, j + 1)):
        return i, j
    k = ctx.rng.choice(hits)
    return k, min(k + (j - i), len(ctx.paras) - 1)


def split_in_two(text: str) -> tuple[str, str]:
    """A paragraph cut at its middle sentence start, or its middle word."""
    starts = sentence_starts(text)
    if starts:
        cut = min(starts, key=lambda s: abs(s - len(text) // 2))
        return text[:cut].rstrip(), text[cut:]
    words = _words(text)
    half = max(1, len(words) // 2)
    return " ".join(words[:half]), " ".join(words[half:])


def gen_rewrap(ctx: Context) -> Corruption:
    if ctx.layout == "wrapped":
        width = (40, 60, 100, 0)[ctx.ordinal % 4]
        i, j = pick_run(ctx, 2, 4)
        copy = tuple(Unit(p, width) for p in ctx.paras[i : j + 1])
        doc = insert_copy(ctx, copy, j, at_end=False)
        note = f"copy of P{i}..P{j} re-wrapped at width {width or 'none'} after P{j}"
        return Corruption(f"w{width}", note, doc, ctx.paras)
    i, j = pick_run(ctx, 3, 4)
    first, second = split_in_two(ctx.paras[i + 2])
    merged = ctx.paras[i] + " " + ctx.paras[i + 1]
    copy = units([merged, first, second, *ctx.paras[i + 3 : j + 1]])
    note = f"copy of P{i}..P{j} after P{j}: P{i}+P{i + 1} merged, P{i + 2} split"
    return Corruption("merge-split", note, insert_copy(ctx, copy, j, False), ctx.paras)


def gen_title(ctx: Context) -> Corruption:
    variant = ctx.cycle(("after", "mid", "end"))
    body = list(ctx.paras)
    pos = {"after": 1, "mid": max(2, len(body) // 2), "end": len(body)}[variant]
    doc = units([*body[:pos], body[0], *body[pos:]])
    return Corruption(variant, f"title repeated at position {pos}", doc, ctx.paras)


def gen_multi(ctx: Context) -> Corruption:
    variant = ctx.cycle(("back", "spread"))
    i, j = pick_run(ctx, 1, 3)
    extra = ctx.rng.choice((2, 3))
    run = units(ctx.paras[i : j + 1])
    body = list(units(ctx.paras))
    if variant == "back":
        doc = body[: j + 1] + list(run) * extra + body[j + 1 :]
    else:
        spots = sorted(ctx.rng.choices(range(j + 1, len(body) + 1), k=extra), reverse=True)
        doc = body
        for spot in spots:
            doc = doc[:spot] + list(run) + doc[spot:]
    note = f"P{i}..P{j} present {extra + 1} times ({variant})"
    return Corruption(variant, note, tuple(doc), ctx.paras)


def gen_midstart(ctx: Context) -> Corruption:
    variant = ctx.cycle(MIDSTART_VARIANTS)
    glued, at = variant.split("-")
    i, off, at = _restart_point(ctx, at)
    variant = f"{glued}-{at}"
    j = ctx.rng.randint(i, min(len(ctx.paras) - 1, i + 3))
    fragment = ctx.paras[i][off:]
    rest = list(ctx.paras[i + 1 :])
    if glued == "new":
        doc = [*ctx.paras[: j + 1], fragment, *rest]
        note = f"after P{j}: restart at char {off} of P{i} as a new paragraph"
    else:
        doc = [*ctx.paras[:j], ctx.paras[j] + " " + fragment, *rest]
        note = f"restart at char {off} of P{i} glued onto P{j}"
    return Corruption(variant, f"{note}: {fragment[:30]!r}...", units(doc), ctx.paras)


def _restart_point(ctx: Context, at: str) -> tuple[int, int, str]:
    """Paragraph and offset of a restart at a sentence, a word or any character."""
    n = len(ctx.paras)
    with_sents = [k for k in range(1, n) if sentence_starts(ctx.paras[k])]
    if at == "sent" and with_sents:
        i = ctx.rng.choice(with_sents)
        return i, ctx.rng.choice(sentence_starts(ctx.paras[i])), at
    at = "word" if at == "sent" else at
    wordy = [k for k in range(1, n) if len(ctx.paras[k].split()) >= 6]
    i = ctx.rng.choice(wordy or list(range(1, n)))
    text = ctx.paras[i]
    off = _char_offset(text, ctx.rng)
    if at == "word":
        starts = [m.start() for m in re.finditer(r"(?<= )\S", text)] or [0]
        off = min(starts, key=lambda s: abs(s - off))
    return i, off, at


def _char_offset(text: str, rng: random.Random) -> int:
    """A non-space offset in the middle part of a paragraph."""
    lo, hi = max(1, len(text) // 5), max(2, len(text) * 4 // 5)
    off = rng.randint(lo, min(hi, len(text) - 1))
    while off < len(text) - 1 and text[off] == " ":
        off += 1
    return off


def gen_edited(ctx: Context) -> Corruption:
    variant = ctx.cycle(("drop", "insert"))
    i, j = pick_run(ctx, 3, 5)
    run = list(ctx.paras[i : j + 1])
    expected = list(ctx.paras)
    if variant == "drop" and len(run) >= 3:
        k = ctx.rng.randrange(1, len(run))
        note = f"copy of P{i}..P{j} after P{j} without P{i + k}"
        copy = run[:k] + run[k + 1 :]
    else:
        variant = "insert"
        new = foreign_paragraph(ctx)
        k = ctx.rng.randrange(1, len(run))
        copy = [*run[:k], new, *run[k:]]
        expected = [*expected[: j + 1], new, *expected[j + 1 :]]
        note = f"copy of P{i}..P{j} after P{j} with a new paragraph after its P{i + k - 1}"
    doc = insert_copy(ctx, units(copy), j, at_end=False)
    return Corruption(variant, note, doc, tuple(expected))


def foreign_paragraph(ctx: Context) -> str:
    """A paragraph of another article, unlike anything in this one."""
    own = {norm(p) for p in ctx.paras}
    fits = [p for p in ctx.pool if 80 <= len(p) <= 300 and norm(p) not in own]
    return ctx.rng.choice(fits)


# ---- negative controls


def gen_clean(ctx: Context) -> Corruption:
    return Corruption("as-is", "the clean article", units(ctx.paras), ctx.paras)


def _names(words: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(words.split(sep))


TEAMS = _names("Arsenal Chelsea Everton Fulham Leeds Millwall Norwich Reading Stoke Wigan Hull")
VENUES = _names("Highbury|Stamford Bridge|Goodison Park|Craven Cottage|Elland Road|The Den", "|")
PLAYERS = _names("Smith Jones Taylor Brown Wilson Evans Thomas Roberts Walker Wright Green Hall")
COMPANIES = _names("Tesco|Vodafone|BP|Barclays|Unilever|BT|Rolls-Royce|Diageo|Centrica", "|")
PLACES = _names("London Leeds Cardiff Glasgow Belfast Bristol York Dundee Swansea Derby")
DAYS = _names("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


def _match_line(rng: random.Random) -> str:
    a, b = rng.sample(TEAMS, 2)
    s1, s2 = rng.randint(1, 4), rng.randint(0, 3)
    p1, p2 = rng.sample(PLAYERS, 2)
    venue = rng.choice(VENUES)
    return (
        f"{a} beat {b} {max(s1, s2 + 1)}-{s2} at {venue} on {rng.choice(DAYS)}, "
        f"with goals from {p1} and {p2}."
    )


def _market_line(rng: random.Random) -> str:
    move = rng.choice(("rose", "fell", "climbed", "slipped"))
    return (
        f"Shares in {rng.choice(COMPANIES)} {move} {rng.randint(1, 9)}% to "
        f"{rng.randint(80, 900)}p after the firm reported results"
        f" for the {rng.choice(('first', 'second', 'third', 'fourth'))} quarter."
    )


def _quote_line(rng: random.Random) -> str:
    name = f"{rng.choice('ABCDEFGHJKLMNPRS')}. {rng.choice(PLAYERS)}"
    return (
        f"{name}, who spoke in {rng.choice(PLACES)} on {rng.choice(DAYS)}, said "
        f"{rng.randint(2, 60)} jobs would go by {rng.randint(2006, 2012)}."
    )


LOOKALIKE_LINES: dict[str, tuple[str, Callable[[random.Random], str]]] = {
    "match": ("Weekend football round-up", _match_line),
    "market": ("Market report: shares move on results", _market_line),
    "quotes": ("Job cuts: what they said", _quote_line),
}


def _templated(ctx: Context, variant: str) -> tuple[str, ...]:
    title, line = LOOKALIKE_LINES[variant]
    lines: list[str] = [title]
    seen = {norm(title)}
    while len(lines) < ctx.rng.randint(7, 11):
        text = line(ctx.rng)
        if norm(text) not in seen:
            seen.add(norm(text))
            lines.append(text)
    return tuple(lines)


def change_numbers(text: str, rng: random.Random) -> str:
    """Every digit run replaced by a different number of the same length."""

    def repl(m: re.Match[str]) -> str:
        old = m.group()
        new = old
        while new == old:
            new = str(rng.randint(1, 9)) + "".join(
                str(rng.randint(0, 9)) for _ in range(len(old) - 1)
            )
        return new

    return re.sub(r"\d+", repl, text)


_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{2,}")


def change_name(text: str, rng: random.Random) -> str | None:
    """One capitalised name (not at a sentence start) replaced everywhere."""
    names = sorted(set(_NAME.findall(text)))
    if not names:
        return None
    old = rng.choice(names)
    new = rng.choice([p for p in PLAYERS if p != old])
    return re.sub(rf"\b{old}\b", new, text)


def gen_lookalike(ctx: Context) -> Corruption:
    variant = ctx.cycle(LOOKALIKE_VARIANTS)
    if variant in LOOKALIKE_LINES:
        paras = _templated(ctx, variant)
        return Corruption(variant, f"templated {variant} lines", units(paras), paras)
    body = list(ctx.paras)
    for k in ctx.rng.sample(range(1, len(body)), len(body) - 1):
        changed = (
            change_numbers(body[k], ctx.rng)
            if variant == "numbers"
            else change_name(body[k], ctx.rng)
        )
        if changed and changed != body[k] and norm(changed) not in {norm(p) for p in body}:
            pos = ctx.rng.randint(k + 1, len(body))
            paras = tuple([*body[:pos], changed, *body[pos:]])
            note = f"P{k} with {variant} changed inserted at {pos}"
            return Corruption(variant, note, units(paras), paras)
    return gen_clean(ctx)


REFRAINS = (
    "'We will win,' he said.",
    '"It is not over," she said.',
    '"We are not going anywhere."',
    'He shook his head: "No."',
)
LISTS = (
    ("The day's programme:", "Opening address", "Coffee break", "Panel on trade", "Coffee break"),
    ("How the judges voted:", "Yes", "No", "Yes", "Abstain"),
    ("Q: Will you stand again?", "A: No comment.", "Q: Have you spoken to him?", "A: No comment."),
)


def gen_refrain(ctx: Context) -> Corruption:
    variant = ctx.cycle(("quote", "list"))
    body = list(ctx.paras)
    if variant == "quote":
        line = ctx.rng.choice(REFRAINS)
        a = ctx.rng.randint(1, max(1, len(body) - 3))
        b = ctx.rng.randint(a + 2, len(body) + 1)
        body.insert(a, line)
        body.insert(b, line)
        note = f"refrain {line!r} at P{a} and P{b}"
    else:
        items = ctx.rng.choice(LISTS)
        a = ctx.rng.randint(1, len(body))
        body[a:a] = items
        note = f"list {items[0]!r} inserted at P{a}"
    return Corruption(variant, note, units(body), tuple(body))


GENERATORS: dict[str, Callable[[Context], Corruption]] = {
    "block": gen_block,
    "tail": gen_tail,
    "near": gen_near,
    "rewrap": gen_rewrap,
    "title": gen_title,
    "multi": gen_multi,
    "midstart": gen_midstart,
    "edited": gen_edited,
    "clean": gen_clean,
    "lookalike": gen_lookalike,
    "refrain": gen_refrain,
}


@dataclass(frozen=True)
class Case:
    """One benchmark input with the text a perfect cleaner would return."""

    kind: str
    variant: str
    layout: str
    article_id: str
    note: str
    text: str
    expected: str

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.variant}-{self.layout}-{self.article_id.replace('/', '_')}"

    @property
    def is_control(self) -> bool:
        return self.kind in CONTROLS


def make_case(
    article: Article, kind: str, layout: str, seed: int, ordinal: int, pool: tuple[str, ...]
) -> Case:
    rng = random.Random(f"{seed}:{article.id}:{kind}")
    ctx = Context(article, rng, layout, pool, ordinal)
    c = GENERATORS[kind](ctx)
    text = render(c.units, layout)
    expected = render(units(c.expected), layout)
    return Case(kind, c.variant, layout, article.id, c.note, text, expected)


def generate_cases(
    articles: Sequence[Article],
    seed: int,
    kinds: Sequence[str] = ALL_KINDS,
    layouts: Sequence[str] = LAYOUTS,
) -> list[Case]:
    """Every kind for every article in every layout, deterministic for a seed."""
    cases = []
    for kind in kinds:
        for ordinal, art in enumerate(articles):
            pool = tuple(p for other in articles if other.id != art.id for p in other.paragraphs)
            for layout in layouts:
                cases.append(make_case(art, kind, layout, seed, ordinal, pool))
    return cases


# --------------------------------------------------------------------------- cleaners


@dataclass(frozen=True)
class Run:
    output: str
    seconds: float
    detail: tuple[str, ...] = ()


class Cleaner:
    name = "cleaner"

    def __call__(self, text: str) -> Run:
        raise NotImplementedError


class LibCleaner(Cleaner):
    """``dedupe_cli.clean`` in-process; the removals go into the detail.

    With a config (from ``--set``) it calls ``dedupe.clean_text(text, config)``;
    without one, plain ``clean(text)``, which older checkouts also have.
    """

    name = "dedupe-cli"

    def __init__(self, config: object | None = None) -> None:
        if config is None:
            from dedupe_cli import clean

            self._clean: Callable[[str], object] = clean
        else:
            from dedupe_cli.dedupe import clean_text

            self._clean = lambda text: clean_text(text, config)
        import dedupe_cli

        print(f"dedup_bench: dedupe_cli from {Path(dedupe_cli.__file__).parent}", file=sys.stderr)

    def __call__(self, text: str) -> Run:
        t0 = time.perf_counter()
        result: Any = self._clean(text)
        seconds = time.perf_counter() - t0
        detail = tuple(
            f"removed #{r.index} [{r.start}:{r.end}] dup of #{r.duplicate_of} "
            f"sim={r.similarity:.2f} {r.reason}: {shorten(r.text, 70)!r}"
            for r in result.removed
        ) + tuple(
            f"suspect #{x.index} kept, like #{x.duplicate_of} "
            f"sim={x.similarity:.2f} {x.reason}: {shorten(x.text, 70)!r}"
            for x in getattr(result, "suspects", ())
        )
        return Run(result.cleaned, seconds, detail)


class ProcessCleaner(Cleaner):
    """A command reading the text on stdin and writing the result to stdout."""

    def __init__(self, name: str, argv: Sequence[str], env: dict[str, str] | None = None) -> None:
        self.name = name
        self.argv = list(argv)
        self.env = env

    def __call__(self, text: str) -> Run:
        t0 = time.perf_counter()
        proc = subprocess.run(
            self.argv, input=text.encode(), capture_output=True, env=self.env, check=False
        )
        seconds = time.perf_counter() - t0
        detail = (f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-300:]}",)
        return Run(
            proc.stdout.decode(errors="replace"), seconds, () if not proc.returncode else detail
        )


def cli_cleaner(src: Path, threshold: str | None = None) -> ProcessCleaner:
    """``dedupe-cli clean`` from ``src``, in a fresh interpreter per case."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    code = "import sys; from dedupe_cli.cli import main; sys.exit(main())"
    argv = [sys.executable, "-c", code, "clean"]
    if threshold is not None:
        argv += ["--threshold", threshold]
    return ProcessCleaner("dedupe-cli", argv, env)


def awk_cleaner(program: str = "!seen[$0]++") -> ProcessCleaner:
    awk = shutil.which("awk") or "awk"
    return ProcessCleaner(f"awk '{program}'", [awk, program])


class StandInCleaner(Cleaner):
    """Exact dedupe of paragraphs (blank-line blocks, else lines): for self-checks."""

    name = "stand-in (exact)"

    def __call__(self, text: str) -> Run:
        t0 = time.perf_counter()
        sep = "\n\n" if "\n\n" in text else "\n"
        seen: set[str] = set()
        kept = []
        for block in text.rstrip("\n").split(sep):
            if block not in seen:
                seen.add(block)
                kept.append(block)
        return Run(sep.join(kept) + "\n", time.perf_counter() - t0)


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Outcome:
    case: Case
    tool: str
    run: Run
    exact: bool
    normal: bool
    lost: int
    left: int

    @property
    def changed(self) -> bool:
        return self.run.output != self.case.text


def count_lost(expected: Counter[str], output: str, layout: str) -> int:
    """Expected sentences found fewer times (as whole words) in the output than expected."""
    text = "\n".join(norm(p) for p in parse_paragraphs(output, layout))
    lost = 0
    for sentence, n in expected.items():
        found = len(re.findall(rf"(?<!\w){re.escape(sentence)}(?!\w)", text))
        lost += max(0, n - found)
    return lost


def score(case: Case, tool: str, run: Run) -> Outcome:
    exp = sentence_counts(case.expected, case.layout)
    got = sentence_counts(run.output, case.layout)
    lost = count_lost(exp, run.output, case.layout)
    left = sum((got - exp).values())
    normal = parse_paragraphs(run.output, case.layout) == parse_paragraphs(
        case.expected, case.layout
    )
    return Outcome(case, tool, run, run.output == case.expected, normal, lost, left)


def evaluate(cases: Sequence[Case], cleaner: Cleaner) -> list[Outcome]:
    return [score(case, cleaner.name, cleaner(case.text)) for case in cases]


# --------------------------------------------------------------------------- reporting


@dataclass
class Stats:
    n: int = 0
    exact: int = 0
    normal: int = 0
    lost: int = 0
    left: int = 0
    fp: int = 0
    controls: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def add(self, o: Outcome) -> None:
        self.n += 1
        self.exact += o.exact
        self.normal += o.normal
        self.lost += o.lost
        self.left += o.left
        self.seconds += o.run.seconds
        if o.case.is_control:
            self.controls += 1
            self.fp += o.changed

    def row(self) -> list[str]:
        fp = f"{self.fp}/{self.controls}" if self.controls else "-"
        return [
            str(self.n),
            pct(self.exact, self.n),
            pct(self.normal, self.n),
            str(self.lost),
            str(self.left),
            fp,
            f"{self.seconds:.2f}",
            f"{1000 * self.seconds / max(self.n, 1):.1f}",
        ]


STAT_COLUMNS = ["cases", "exact %", "norm %", "lost", "left", "FP", "total s", "mean ms"]


def pct(a: int, b: int) -> str:
    """A percentage; one decimal unless it is exactly 0 or 100."""
    if not b:
        return "-"
    return str(100 * a // b) if a in (0, b) else f"{100 * a / b:.1f}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |" for r in rows]
    return "\n".join(lines)


def grouped(outcomes: Iterable[Outcome], key: Callable[[Outcome], tuple[str, ...]]) -> dict:
    groups: dict[tuple[str, ...], Stats] = defaultdict(Stats)
    for o in outcomes:
        groups[key(o)].add(o)
    return groups


def kind_order(kind: str) -> int:
    return ALL_KINDS.index(kind)


def summary_table(outcomes: Sequence[Outcome], tools: Sequence[str]) -> str:
    groups = grouped(outcomes, lambda o: (o.case.kind, o.tool))
    kinds = sorted({o.case.kind for o in outcomes}, key=kind_order)
    rows = [[k, t, *groups[(k, t)].row()] for k in kinds for t in tools]
    totals = grouped(outcomes, lambda o: ("all", o.tool))
    rows += [["**all**", t, *totals[("all", t)].row()] for t in tools]
    return table(["kind", "tool", *STAT_COLUMNS], rows)


def detail_table(outcomes: Sequence[Outcome], tools: Sequence[str]) -> str:
    groups = grouped(outcomes, lambda o: (o.case.kind, o.case.layout, o.tool))
    keys = sorted(
        {(o.case.kind, o.case.layout) for o in outcomes},
        key=lambda k: (kind_order(k[0]), LAYOUTS.index(k[1])),
    )
    rows = [[k, lay, t, *groups[(k, lay, t)].row()] for k, lay in keys for t in tools]
    return table(["kind", "layout", "tool", *STAT_COLUMNS], rows)


def variant_table(outcomes: Sequence[Outcome], tools: Sequence[str]) -> str:
    groups = grouped(outcomes, lambda o: (o.case.kind, o.case.variant, o.tool))
    keys = sorted(
        {(o.case.kind, o.case.variant) for o in outcomes}, key=lambda k: (kind_order(k[0]), k[1])
    )
    rows = [[k, v, t, *groups[(k, v, t)].row()] for k, v in keys for t in tools]
    return table(["kind", "variant", "tool", *STAT_COLUMNS], rows)


def shorten(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    half = (width - 5) // 2
    return f"{text[:half]} ... {text[-half:]}"


def failures(outcomes: Sequence[Outcome], limit: int) -> list[Outcome]:
    """Up to ``limit`` failing cases, round-robin over kind/variant, smallest first."""
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if not o.exact:
            groups[(o.case.kind, o.case.variant)].append(o)
    queues = [_interleave_layouts(groups[k]) for k in sorted(groups, key=_kind_variant_order)]
    picked: list[Outcome] = []
    while len(picked) < limit and any(queues):
        for q in queues:
            if q and len(picked) < limit:
                picked.append(q.pop(0))
    return picked


def _kind_variant_order(key: tuple[str, str]) -> tuple[int, str]:
    return kind_order(key[0]), key[1]


def _interleave_layouts(outcomes: list[Outcome]) -> list[Outcome]:
    """Smallest input first, taking the layouts in turn."""
    by_size = sorted(outcomes, key=lambda o: (len(o.case.text), o.case.id))
    rank: Counter[str] = Counter()
    keyed = []
    for o in by_size:
        keyed.append((rank[o.case.layout], len(o.case.text), o.case.id, o))
        rank[o.case.layout] += 1
    return [k[-1] for k in sorted(keyed, key=lambda k: k[:3])]


def _show_spaces(line: str) -> str:
    """A diff line with leading/trailing blanks, tabs and double spaces made visible."""
    if line[:1] not in "-+" or line[:3] in ("---", "+++"):
        return line
    mark, text = line[0], line[1:]
    core = text.strip(" \t")
    lead, trail = text[: len(text) - len(text.lstrip(" \t"))], text[len(text.rstrip(" \t")) :]
    core = core.replace("\t", "→").replace("  ", "·␣")
    return (
        mark
        + lead.replace(" ", "·").replace("\t", "→")
        + core
        + trail.replace(" ", "·").replace("\t", "→")
    )


def first_difference(expected: str, got: str, context: int = 40) -> str:
    """Where two texts first differ: offset, line and a little of each side."""
    n = next((k for k, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b), None)
    if n is None:
        n = min(len(expected), len(got))
    line = expected.count("\n", 0, n) + 1
    lo = max(0, n - context)
    return (
        f"first difference at char {n} (line {line}): expected "
        f"{expected[lo : n + context]!r}, got {got[lo : n + context]!r}"
    )


def describe_failure(o: Outcome, max_lines: int = 40) -> str:
    c = o.case
    head = [
        f"### FAIL {c.id}",
        f"- corruption: {c.note}",
        f"- input {len(c.text)} chars, expected {len(c.expected)}, got {len(o.run.output)}; "
        f"lost {o.lost} sentence(s), left {o.left}; norm-equal {o.normal}",
    ]
    head.append("- " + first_difference(c.expected, o.run.output))
    if o.run.detail and o.run.detail[0].startswith(("removed", "suspect")):
        head.append("- (P<n> above: clean-article paragraphs; #<n> below: the detector's)")
    head += [f"- {d}" for d in o.run.detail[:12]]
    if len(o.run.detail) > 12:
        head.append(f"- ... {len(o.run.detail) - 12} more")
    head.append("- diff: expected -> got; `·` = a space at a line end or in a double space")
    diff = list(
        difflib.unified_diff(
            c.expected.splitlines(), o.run.output.splitlines(), "expected", "got", lineterm="", n=1
        )
    )
    body = [_show_spaces(line) if line[:1] in "-+@" else shorten(line, 160) for line in diff]
    if len(body) > max_lines:
        body = [*body[:max_lines], f"... ({len(body) - max_lines} more diff lines)"]
    return "\n".join([*head, "```diff", *body, "```"])


def dump(outcomes: Sequence[Outcome], directory: Path) -> None:
    """Input, expected and output of each case, for ``dedupe-cli clean < X.in.txt``."""
    directory.mkdir(parents=True, exist_ok=True)
    for o in outcomes:
        base = directory / o.case.id
        base.with_suffix(".in.txt").write_text(o.case.text, encoding="utf-8")
        base.with_suffix(".expected.txt").write_text(o.case.expected, encoding="utf-8")
        base.with_suffix(".got.txt").write_text(o.run.output, encoding="utf-8")


# --------------------------------------------------------------------------- command line


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--limit", type=int, default=None, help="number of articles (default all)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--kinds", default=",".join(ALL_KINDS), help="comma-separated kinds")
    p.add_argument("--layouts", default=",".join(LAYOUTS), help="comma-separated layouts")
    p.add_argument("--case", default=None, help="only case ids containing this text")
    p.add_argument("--mode", choices=("lib", "cli", "standin"), default="lib")
    p.add_argument(
        "--src",
        type=Path,
        default=REPO / "src",
        help="import dedupe_cli from this src folder (default: this checkout's)",
    )
    p.add_argument("--no-baseline", action="store_true", help="skip the awk baseline")
    p.add_argument(
        "--awk-keep-blank",
        action="store_true",
        help="add a baseline row awk '!NF || !seen[$0]++' (keeps blank lines)",
    )
    p.add_argument("--by-variant", action="store_true", help="also print a per-variant table")
    p.add_argument("--show-failures", type=int, default=0, metavar="N")
    p.add_argument("--dump-failures", type=Path, default=None, metavar="DIR")
    bench_settings.add_arguments(p)
    args = p.parse_args(argv)
    args.kinds = _choices(p, args.kinds, ALL_KINDS, "kinds")
    args.layouts = _choices(p, args.layouts, LAYOUTS, "layouts")
    return args


def _choices(p: argparse.ArgumentParser, value: str, allowed: Sequence[str], what: str) -> list:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in chosen if v not in allowed]
    if bad:
        p.error(f"unknown {what}: {', '.join(bad)} (choose from {', '.join(allowed)})")
    return chosen


def main_cleaner(args: argparse.Namespace) -> Cleaner:
    """The cleaner under test, with the ``--set`` settings applied."""
    if args.mode == "cli":
        return cli_cleaner(args.src, cli_threshold(args.settings))
    if args.mode == "standin":
        return StandInCleaner()
    if not args.settings:
        return LibCleaner()
    return LibCleaner(bench_settings.config_or_exit(args.settings, "dedup_bench"))


def cli_threshold(assignments: Sequence[str]) -> str | None:
    """The CLI has only ``--threshold``: its value, or exit if another setting is given."""
    bench_settings.config_or_exit(assignments, "dedup_bench")  # names and values are valid
    pairs = [bench_settings.split_assignment(a) for a in assignments]
    others = [name for name, _ in pairs if name != "threshold"]
    if others:
        name = others[0]
        print(
            f"dedup_bench: --set {name} applies to --mode lib only (the CLI has --threshold)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return pairs[-1][1] if pairs else None


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(args.src.resolve()))
    if args.list_settings:
        print(bench_settings.settings_listing())
        return 0
    cleaner = main_cleaner(args)  # before the cases: a bad --set fails at once
    skipped = sum(not usable(a) for a in read_articles(args.data))
    articles = load_articles(args.data, args.limit)
    cases = generate_cases(articles, args.seed, args.kinds, args.layouts)
    if args.case:
        cases = [c for c in cases if args.case in c.id]
    cleaners = [cleaner]
    if not args.no_baseline:
        cleaners.append(awk_cleaner())
    if args.awk_keep_blank:
        cleaners.append(awk_cleaner("!NF || !seen[$0]++"))
    tools = [c.name for c in cleaners]
    outcomes = [o for cl in cleaners for o in evaluate(cases, cl)]
    print(
        f"{len(articles)} articles ({skipped} skipped as unusable), {len(cases)} cases, "
        f"seed {args.seed}, mode {args.mode}, settings: {bench_settings.changed(args.settings)}\n"
    )
    print("#### By kind\n\n" + summary_table(outcomes, tools) + "\n")
    print("#### By kind and layout\n\n" + detail_table(outcomes, tools) + "\n")
    if args.by_variant:
        print("#### By variant\n\n" + variant_table(outcomes, tools) + "\n")
    mine = [o for o in outcomes if o.tool == tools[0]]
    if args.show_failures:
        shown = failures(mine, args.show_failures)
        print(f"#### Failures of {tools[0]} ({sum(not o.exact for o in mine)} in all)\n")
        print("\n\n".join(describe_failure(o) for o in shown))
    if args.dump_failures:
        dump([o for o in mine if not o.exact], args.dump_failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
