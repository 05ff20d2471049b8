"""The reference article: its clean form was written by hand, not by the tool."""

from __future__ import annotations

from dedupe_cli import clean


def test_seed_cleans_to_hand_written_expectation(seed_text: str, seed_clean: str) -> None:
    assert clean(seed_text).cleaned == seed_clean


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
