"""Score extractive summarisers on the shared BBC and CNN/DailyMail dev sets.

Run from the repository root::

    PYTHONPATH=src python bench/summary_bench.py --data-dir ../shared/data

Needs the ``bench`` extra (rouge-score, sumy, pysbd). Nothing here downloads
data: sumy gets sentences from pysbd and words from a regex tokenizer, because
its own tokenizers need NLTK data.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pysbd
from rouge_score import rouge_scorer
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from dedupe_cli.summarize import DEFAULT_CONFIG, SummaryConfig, summarize

Summariser = Callable[[str, int], list[str]]
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SEGMENTER = pysbd.Segmenter(language="en", clean=False)


class RegexTokenizer:
    """Word tokenizer for sumy that needs no NLTK data."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return _WORD.findall(text)

    def to_sentences(self, text: str) -> list[str]:
        return pysbd_sentences(text)


def pysbd_sentences(text: str) -> list[str]:
    """pysbd sentences, line by line (a line break always ends a sentence)."""
    out = []
    for line in text.split("\n"):
        out.extend(s.strip() for s in _SEGMENTER.segment(line) if s.strip())
    return out


def sumy_document(text: str) -> ObjectDocumentModel:
    tokenizer = RegexTokenizer()
    sentences = [Sentence(s, tokenizer) for s in pysbd_sentences(text)]
    return ObjectDocumentModel([Paragraph(sentences)])


def sumy_summariser(cls: type) -> Summariser:
    summariser = cls(Stemmer("english"))
    summariser.stop_words = get_stop_words("english")

    def run(text: str, k: int) -> list[str]:
        return [str(s) for s in summariser(sumy_document(text), k)]

    return run


def lead(text: str, k: int) -> list[str]:
    return pysbd_sentences(text)[:k]


def ours(config: SummaryConfig) -> Summariser:
    def run(text: str, k: int) -> list[str]:
        return [s.text for s in summarize(text, sentences=k, config=config)]

    return run


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def reference_lines(row: dict) -> list[str]:
    """Reference sentences: BBC has one per line; CNN/DM highlights are split."""
    lines = [x.strip() for x in row["summary"].split("\n") if x.strip()]
    if len(lines) == 1:
        lines = pysbd_sentences(lines[0])
    return lines


def evaluate(rows: Sequence[dict], summarise: Summariser, fixed_k: int | None) -> tuple[float, ...]:
    """Mean ROUGE-1/2/Lsum F1 (percent) and mean milliseconds per article."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals = [0.0, 0.0, 0.0]
    elapsed = 0.0
    for row in rows:
        ref = reference_lines(row)
        k = fixed_k or len([x for x in row["summary"].split("\n") if x.strip()])
        start = time.perf_counter()
        picked = summarise(row["text"], k)
        elapsed += time.perf_counter() - start
        scores = scorer.score("\n".join(ref), "\n".join(picked))
        for i, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
            totals[i] += scores[key].fmeasure
    n = len(rows)
    return (*(100 * t / n for t in totals), 1000 * elapsed / n)


def table(title: str, results: dict[str, tuple[float, ...]]) -> str:
    lines = [
        f"### {title}",
        "",
        "| Method | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | ms/article |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, (r1, r2, rl, ms) in results.items():
        lines.append(f"| {name} | {r1:.2f} | {r2:.2f} | {rl:.2f} | {ms:.2f} |")
    return "\n".join(lines)


BASELINES: dict[str, Summariser] = {
    "Lead-k": lead,
    "sumy LexRank": sumy_summariser(LexRankSummarizer),
    "sumy TextRank": sumy_summariser(TextRankSummarizer),
    "sumy LSA": sumy_summariser(LsaSummarizer),
    "sumy Luhn": sumy_summariser(LuhnSummarizer),
    "sumy SumBasic": sumy_summariser(SumBasicSummarizer),
}

ABLATIONS: dict[str, SummaryConfig] = {
    "ours (full)": DEFAULT_CONFIG,
    "- position prior": replace(DEFAULT_CONFIG, position=False),
    "- centrality": replace(DEFAULT_CONFIG, centrality=False),
    "- log-length edges (cosine instead)": replace(DEFAULT_CONFIG, length=False),
    "- headline exclusion": replace(DEFAULT_CONFIG, skip_headings=False),
    "- sentence form (short/question penalty)": replace(DEFAULT_CONFIG, form=False),
    "- redundancy control (MMR)": replace(DEFAULT_CONFIG, mmr=False),
    "+ title overlap (off by default)": replace(DEFAULT_CONFIG, title=True),
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--no-baselines", action="store_true", help="only our method")
    parser.add_argument("--limit", type=int, default=0, help="use the first N articles")
    args = parser.parse_args(argv)
    sets = [("BBC dev100 (k = reference sentences)", "bbc_dev100.jsonl", None)]
    sets.append(("CNN/DailyMail dev100 (k = 3)", "cnndm_dev100.jsonl", 3))
    for title, name, k in sets:
        rows = load(args.data_dir / name)
        if args.limit:
            rows = rows[: args.limit]
        results = {}
        if not args.no_baselines:
            results = {n: evaluate(rows, f, k) for n, f in BASELINES.items()}
        results["ours"] = evaluate(rows, ours(DEFAULT_CONFIG), k)
        print(table(title, results), end="\n\n")
        ablation = {n: evaluate(rows, ours(c), k) for n, c in ABLATIONS.items()}
        print(table(f"Ablation, {title}", ablation), end="\n\n")


if __name__ == "__main__":
    main()
