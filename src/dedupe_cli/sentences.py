"""Sentence spans (interim splitter; replaced by the summary work)."""

from __future__ import annotations

import re

_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END_RE.finditer(text):
        _add(text, start, m.end(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    s = start + len(chunk) - len(chunk.lstrip())
    e = end - len(chunk) + len(chunk.rstrip())
    if s < e:
        spans.append((s, e))


def split_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]
