"""Extractive summary: pick the k sentences that best stand for the article.

Pure Python on purpose (no numpy, no models): it runs on every article, must
start fast, and must give the same answer every time.

Each sentence gets a score from four ingredients, and the top k are taken
greedily with a redundancy penalty (MMR):

* **centrality** - how much of the rest of the article a sentence shares words
  with: the weighted degree in a TextRank-style graph whose edge weight is the
  content-word overlap divided by ``log|a| + log|b|``. Dividing by the *log* of
  the lengths (not the lengths) keeps a preference for long, fact-dense
  sentences, which is what makes TextRank strong on BBC. Unlike TextRank we
  drop the random walk (on a symmetric graph its stationary distribution is
  close to proportional to this degree) and the self-loops sumy adds (they
  reward length for its own sake), and headline lines are not candidates.
* **position** - news is an inverted pyramid, so a prior ``exp(-rank / k)``.
  Its weight depends on how much of the article is requested: a summary of up
  to ~3/8 of the sentences is a lead-style summary (weight 0.95), one of more
  than ~42% has to cover the body, where centrality decides (weight 0).
* **sentence form** - very short sentences (under five content words) and
  questions (hooks, not facts) are scaled down.
* **redundancy** - while selecting (MMR), a sentence whose words are more
  than 70% contained in an already chosen one loses up to 1.0 (linear from
  70% to 100% containment); shared background words cost nothing. Exact
  repeats (same normalised text) are never candidates twice.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from dedupe_cli.models import SummarySentence
from dedupe_cli.sentences import sentence_spans


def _words(spec: str) -> frozenset[str]:
    """A word set from a whitespace-separated literal (keeps the list compact)."""
    return frozenset(spec.split())


_WORD = re.compile(r"[^\W_]+")
_STOP = _words(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say mr mrs ms one two new also
    s t d ll m re ve"""
)
_CLOSERS = "\"'\u201d\u2019)]*"
_TERMINAL = ".!?\u2026"
_MAX_GRAPH = 250  # beyond this many sentences, use the linear approximation


@dataclass(frozen=True)
class SummaryConfig:
    """Switches and weights; the bench turns ingredients off one at a time."""

    centrality: bool = True
    length: bool = True  # log-length edge normalisation (False: cosine)
    position: bool = True
    form: bool = True
    mmr: bool = True
    skip_headings: bool = True
    title: bool = False  # headline-overlap bonus: measured, hurts, so off
    lead_weight: float = 0.95
    lead_until: float = 0.375  # k/n at or below which the lead weight is full
    body_from: float = 0.42  # k/n at or above which the position weight is 0
    redundancy: float = 1.0
    overlap_floor: float = 0.7  # containment below this is not redundancy
    title_weight: float = 0.2
    min_words: int = 5
    question_factor: float = 0.5


DEFAULT_CONFIG = SummaryConfig()


@dataclass(frozen=True)
class _Sentence:
    index: int
    text: str
    words: tuple[str, ...]
    heading: bool


def _stem(word: str) -> str:
    """Fold plural forms so 'profits' meets 'profit' (a cheap Porter stand-in)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _content_words(text: str) -> tuple[str, ...]:
    """Lowercased, stemmed words minus stop words: what overlap is counted on."""
    return tuple(_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP)


def _normalise(text: str) -> str:
    """Case- and punctuation-blind key: 'Troops left Mali.' == 'troops  left MALI!'."""
    return " ".join(_WORD.findall(text.casefold()))


def _headings(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """Which sentences are a whole line without terminal punctuation: headlines.

    Spans cover every visible character, so a sentence fills its line exactly
    when a newline separates it from both neighbours (checked in linear time).
    """
    bounds = [0, *(e for _, e in spans)], [*(s for s, _ in spans), len(text)]
    breaks = [text.find("\n", a, b) >= 0 or a == 0 for a, b in zip(*bounds, strict=True)]
    breaks[-1] = True
    return [
        breaks[i] and breaks[i + 1] and text[s:e].rstrip(_CLOSERS)[-1:] not in _TERMINAL
        for i, (s, e) in enumerate(spans)
    ]


def _sentences(text: str) -> list[_Sentence]:
    spans = sentence_spans(text)
    return [
        _Sentence(i, text[s:e], _content_words(text[s:e]), heading)
        for i, ((s, e), heading) in enumerate(zip(spans, _headings(text, spans), strict=True))
    ]


def _edge(overlap: int, len_a: int, len_b: int, log_length: bool) -> float:
    """Edge weight: TextRank's overlap / (log|a| + log|b|), or cosine for the ablation."""
    if log_length:
        norm = math.log(len_a) + math.log(len_b)
        return overlap / norm if norm > 0 else float(overlap)
    return overlap / math.sqrt(len_a * len_b)


def _degrees(bags: list[tuple[str, ...]], log_length: bool) -> list[float]:
    """Weighted degree of each sentence in the word-overlap graph.

    Overlap counts repeated words (sum over shared words of count products),
    built from an inverted index so only pairs that share a word are touched.
    """
    n = len(bags)
    if n > _MAX_GRAPH:
        return _approx_degrees(bags, log_length)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, bag in enumerate(bags):
        counts: dict[str, int] = defaultdict(int)
        for w in bag:
            counts[w] += 1
        for w, c in counts.items():
            postings[w].append((i, c))
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for plist in postings.values():
        for a in range(len(plist)):
            i, ci = plist[a]
            for j, cj in plist[a + 1 :]:
                overlap[i, j] += ci * cj
    degree = [0.0] * n
    for (i, j), o in overlap.items():
        weight = _edge(o, len(bags[i]), len(bags[j]), log_length)
        degree[i] += weight
        degree[j] += weight
    return degree


def _approx_degrees(bags: list[tuple[str, ...]], log_length: bool) -> list[float]:
    """Linear-time stand-in for huge inputs: overlap with the rest of the text,
    normalised against an average partner length."""
    total: dict[str, int] = defaultdict(int)
    for bag in bags:
        for w in bag:
            total[w] += 1
    nonempty = [b for b in bags if b]
    mean_len = max(1, round(sum(map(len, nonempty)) / max(1, len(nonempty))))
    degree = []
    for bag in bags:
        own: dict[str, int] = defaultdict(int)
        for w in bag:
            own[w] += 1
        o = sum(c * (total[w] - c) for w, c in own.items())
        degree.append(_edge(o, len(bag), mean_len, log_length) if o else 0.0)
    return degree


def _scaled(values: list[float]) -> list[float]:
    """Divide by the maximum so centrality and the position prior share a 0-1 scale."""
    top = max(values, default=0.0)
    return [v / top for v in values] if top > 0 else [0.0] * len(values)


def _lead_weight(k: int, n: int, cfg: SummaryConfig) -> float:
    """Position weight: full for lead-sized summaries, zero for body-sized ones."""
    if not cfg.position:
        return 0.0
    share = k / max(n, 1)
    span = max(cfg.body_from - cfg.lead_until, 1e-9)
    return cfg.lead_weight * min(1.0, max(0.0, (cfg.body_from - share) / span))


def _form(sent: _Sentence, cfg: SummaryConfig) -> float:
    """Down-weight fragments and questions, which rarely carry the news."""
    if not cfg.form:
        return 1.0
    factor = min(1.0, len(sent.words) / cfg.min_words)
    if sent.text.rstrip(_CLOSERS + " ").endswith("?"):
        factor *= cfg.question_factor
    return factor


def _scores(
    body: list[_Sentence], title: _Sentence | None, k: int, cfg: SummaryConfig
) -> list[float]:
    """Relevance of each body sentence before redundancy is considered."""
    bags = [s.words for s in body]
    central = _scaled(_degrees(bags, cfg.length)) if cfg.centrality else [0.0] * len(body)
    if cfg.title and title is not None and title.words:
        head = set(title.words)
        central = [
            (1 - cfg.title_weight) * c + cfg.title_weight * len(set(b) & head) / len(head)
            for c, b in zip(central, bags, strict=True)
        ]
    lam = _lead_weight(k, len(body), cfg)
    return [
        ((1 - lam) * c + lam * math.exp(-rank / k)) * _form(s, cfg)
        for rank, (s, c) in enumerate(zip(body, central, strict=True))
    ]


def _containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller word set found in the other (1.0: one repeats the other)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _penalty(containment: float, cfg: SummaryConfig) -> float:
    """Only real repetition costs: shared background words below the floor are free."""
    excess = (containment - cfg.overlap_floor) / (1 - cfg.overlap_floor)
    return cfg.redundancy * max(0.0, excess)


def _select(
    pool: list[_Sentence], scores: list[float], k: int, cfg: SummaryConfig
) -> list[tuple[int, float]]:
    """Greedy MMR: best score minus redundancy with what is already chosen.

    Each candidate keeps its largest containment in the chosen set, updated
    once per pick, so the work is O(k * n) set intersections.
    """
    sets = [frozenset(s.words) for s in pool]
    worst = [0.0] * len(pool)
    chosen: list[tuple[int, float]] = []
    remaining = list(range(len(pool)))
    while remaining and len(chosen) < k:
        best, best_value = remaining[0], -math.inf
        for i in remaining:
            value = scores[i] - (_penalty(worst[i], cfg) if cfg.mmr else 0.0)
            if value > best_value:  # strict: ties go to the earlier sentence
                best, best_value = i, value
        chosen.append((best, best_value))
        remaining.remove(best)
        if cfg.mmr:
            for i in remaining:
                worst[i] = max(worst[i], _containment(sets[i], sets[best]))
    return chosen


def _distinct(sentences: list[_Sentence]) -> list[_Sentence]:
    """First occurrence of each normalised sentence text."""
    seen: set[str] = set()
    out = []
    for s in sentences:
        key = _normalise(s.text) or s.text
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _target(n_sentences: int, sentences: int, ratio: float | None) -> int:
    """The requested summary size k; bad sizes are caller errors, so raise."""
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise ValueError(f"ratio must be in (0, 1], got {ratio}")
        return math.ceil(ratio * n_sentences)
    if sentences < 1:
        raise ValueError(f"sentences must be at least 1, got {sentences}")
    return sentences


def summarize(
    text: str,
    sentences: int = 3,
    ratio: float | None = None,
    *,
    config: SummaryConfig = DEFAULT_CONFIG,
) -> tuple[SummarySentence, ...]:
    """The ``k`` most representative sentences of ``text``, in article order.

    ``k`` is ``sentences``, or ``ceil(ratio * number of sentences)`` when
    ``ratio`` is given; fewer come back only when the article has fewer
    distinct sentences. ``index`` is the position in ``sentence_spans(text)``.
    ``score`` is the value the sentence won the greedy selection with:
    ``((1 - w) * centrality + w * exp(-rank / k)) * form`` minus the
    redundancy penalty, where centrality is scaled so the most central
    sentence is 1 and ``w`` is the position weight (see the module docstring).
    Headlines score 0 and are only used when the body runs out.
    """
    all_sentences = _sentences(text)
    k = _target(len(all_sentences), sentences, ratio)
    distinct = _distinct(all_sentences)
    if config.skip_headings:
        body = [s for s in distinct if not s.heading]
        spare = [s for s in distinct if s.heading]
    else:
        body, spare = distinct, []
    title = all_sentences[0] if all_sentences and all_sentences[0].heading else None
    scores = _scores(body, title, k, config) if body else []
    pool = body + spare
    chosen = _select(pool, scores + [0.0] * len(spare), k, config)
    picked = sorted((pool[i].index, pool[i].text, value) for i, value in chosen)
    return tuple(SummarySentence(index, sent, round(score, 6)) for index, sent, score in picked)
