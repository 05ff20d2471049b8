"""Detection settings, in one frozen dataclass shared by the detector's modules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DedupeConfig:
    """Detection settings; defaults were chosen with bench/dedup_bench.py."""

    threshold: float = 90.0
    """Minimum similarity (0-100) between a copy and its source."""
    shingle: int = 5
    """Words per shingle in the candidate index."""
    min_words: int = 8
    """Paragraphs shorter than this need run, stutter or heading evidence."""
    coverage: float = 0.5
    """Share of a paragraph's words that must repeat earlier text to be checked."""
    max_verify_words: int = 400
    """Longer texts are verified in chunks, which keeps alignment linear."""


DEFAULT_CONFIG = DedupeConfig()
