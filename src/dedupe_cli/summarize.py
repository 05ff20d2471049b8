"""Extractive summary (interim: lead sentences; replaced by the summary work)."""

from __future__ import annotations

import math

from .models import SummarySentence
from .sentences import split_sentences


def summarize(
    text: str, sentences: int = 3, ratio: float | None = None
) -> tuple[SummarySentence, ...]:
    """The first k distinct sentences."""
    sents = split_sentences(text)
    k = math.ceil(ratio * len(sents)) if ratio else sentences
    out: list[SummarySentence] = []
    seen: set[str] = set()
    for i, s in enumerate(sents):
        if len(out) >= k:
            break
        if s not in seen:
            seen.add(s)
            out.append(SummarySentence(i, s, 1.0))
    return tuple(out)
