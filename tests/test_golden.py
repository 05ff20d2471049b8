"""The reference article: its clean form was written by hand, not by the tool."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe_cli import clean

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def test_every_sample_has_a_hand_written_expectation() -> None:
    assert len(SAMPLES) >= 4
    for sample in SAMPLES:
        assert (ROOT / "tests" / "cases" / f"{sample.stem}.clean.txt").exists(), sample.name


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_sample_cleans_to_hand_written_expectation(sample: Path) -> None:
    expected = ROOT / "tests" / "cases" / f"{sample.stem}.clean.txt"
    text = sample.read_text(encoding="utf-8")
    assert clean(text).cleaned == expected.read_text(encoding="utf-8")


def test_seed_cleans_to_hand_written_expectation(seed_text: str, seed_clean: str) -> None:
    assert clean(seed_text).cleaned == seed_clean


def test_lookalike_sample_keeps_every_market_line() -> None:
    text = (ROOT / "samples" / "markets-lookalikes.txt").read_text(encoding="utf-8")
    result = clean(text)
    assert [r.index for r in result.removed] == [6, 7]
    assert all("Shares in" not in r.text for r in result.removed)


def test_seed_removals_are_explained(seed_text: str) -> None:
    result = clean(seed_text)
    # the repeated headline copies paragraph 1; body 2-6 copy paragraphs 5-9
    assert [(r.index, r.duplicate_of) for r in result.removed] == [
        (2, 1),
        (10, 5),
        (11, 6),
        (12, 7),
        (13, 8),
        (14, 9),
    ]
    assert all(r.similarity == 100.0 for r in result.removed)
    assert len(result.paragraphs) == 15
    assert result.kept == 9


def test_seed_clean_is_idempotent(seed_clean: str) -> None:
    assert clean(seed_clean).cleaned == seed_clean
    assert clean(seed_clean).removed == ()
