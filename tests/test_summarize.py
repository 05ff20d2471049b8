"""Extractive summariser: contract properties, each ingredient, and a golden case."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_cli.models import SummarySentence
from dedupe_cli.sentences import sentence_spans, split_sentences
from dedupe_cli.summarize import summarize

CASES = Path(__file__).parent / "cases"

# Twenty filler sentences that share no content word with each other.
_FILLER = [f"Aside{i} covers{i} topic{i} alone{i} entirely{i}." for i in range(20)]
_PLACES = ["Gao town", "Timbuktu road", "Mopti camp", "Kidal airstrip", "Boulikessi base"]
_CENTRAL = [f"Wagner troops in Mali faced attacks near {p}." for p in _PLACES]


def _article(*sentences: str) -> str:
    return "\n".join(sentences)


def test_golden_summary_of_cleaned_wagner_article() -> None:
    """Read by hand: the standfirst, the lead and the group's own claim are the
    news; the headline lines (1, 2) are titles, not summary sentences."""
    text = (CASES / "wagner-mali.clean.txt").read_text(encoding="utf-8")
    summary = summarize(text)
    assert [s.index for s in summary] == [0, 3, 4]
    assert summary[0].text.startswith("**The Wagner Group has declared its departure from Mali")
    assert summary[1].text.startswith("The Wagner Group, a Russian paramilitary organization")
    assert summary[2].text.startswith("The group, which has been present since 2021")


def test_cleaned_wagner_file_is_sample_without_repeats() -> None:
    sample = (Path(__file__).parent.parent / "samples" / "wagner-mali.txt").read_text("utf-8")
    lines = sample.split("\n")
    expected = "\n".join(lines[:3] + lines[4:11])  # the sample has no final newline
    assert (CASES / "wagner-mali.clean.txt").read_text(encoding="utf-8") == expected


def test_body_sized_summary_of_wagner_covers_the_body() -> None:
    text = (CASES / "wagner-mali.clean.txt").read_text(encoding="utf-8")
    summary = summarize(text, ratio=0.5)
    assert len(summary) == math.ceil(0.5 * len(sentence_spans(text)))
    assert not {1, 2} & {s.index for s in summary}
    assert max(s.score for s in summary) == pytest.approx(1.0)


def test_short_summary_leans_on_the_lead() -> None:
    text = _article(*_FILLER[:2], *_CENTRAL, *_FILLER[2:])
    assert [s.index for s in summarize(text, sentences=2)] == [0, 1]


def test_long_summary_follows_centrality() -> None:
    text = _article(*_FILLER[:5], *_CENTRAL)
    picked = {s.index for s in summarize(text, ratio=0.5)}
    assert picked == {5, 6, 7, 8, 9}


def test_headline_is_not_picked_while_body_sentences_remain() -> None:
    text = "Wagner quits Mali\n\nWagner said it quit Mali. Attacks on Mali rose. Wagner left."
    picked = summarize(text, sentences=3)
    assert [s.index for s in picked] == [1, 2, 3]
    assert [s.index for s in summarize(text, sentences=4)] == [0, 1, 2, 3]


def test_exact_repeats_are_never_chosen_twice() -> None:
    text = _article("Troops left Mali.", "troops  left MALI!", "Attacks rose sharply.", "Fine.")
    picked = summarize(text, sentences=4)
    assert [s.index for s in picked] == [0, 2, 3]


def test_near_duplicate_is_skipped_by_redundancy_control() -> None:
    lead = "Wagner mercenaries announced their withdrawal from Mali after attacks on bases."
    copy = "Wagner mercenaries announced their withdrawal from Mali after attacks on army bases."
    text = _article(lead, copy, *_FILLER[:18])
    assert [s.index for s in summarize(text, sentences=2)] == [0, 2]


def test_lead_question_scores_below_the_statements_after_it() -> None:
    text = _article(
        "Is this the end of the Wagner mercenary mission across Mali and the Sahel?", *_FILLER
    )
    summary = summarize(text, sentences=3)
    assert [s.index for s in summary] == [0, 1, 2]
    assert summary[0].score < min(s.score for s in summary[1:])


def test_ratio_sets_k_from_sentence_count() -> None:
    text = _article(*_FILLER[:10])
    assert len(summarize(text, ratio=0.25)) == 3
    assert len(summarize(text, sentences=1, ratio=1.0)) == 10


@pytest.mark.parametrize(("sentences", "ratio"), [(0, None), (-1, None), (3, 0.0), (3, 1.5)])
def test_bad_sizes_are_rejected(sentences: int, ratio: float | None) -> None:
    with pytest.raises(ValueError):
        summarize("One. Two.", sentences=sentences, ratio=ratio)


def test_empty_text_gives_empty_summary() -> None:
    assert summarize("") == ()
    assert summarize("   \n\n ") == ()


def test_returns_summary_sentences() -> None:
    (only,) = summarize("Just one sentence here.", sentences=3)
    assert only == SummarySentence(0, "Just one sentence here.", only.score)
    assert isinstance(only.score, float)


_WORDS = st.sampled_from(
    ["wagner", "mali", "troops", "attack", "base", "army", "said", "the", "a", "of", "rose"]
)
_SENTENCE = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(_WORDS, min_size=1, max_size=12),
    st.sampled_from([".", "!", "?", ""]),
)
_ARTICLE = st.lists(_SENTENCE, min_size=0, max_size=25).map("\n".join)


def _distinct_count(text: str) -> int:
    return len({" ".join(s.casefold().rstrip(".!?").split()) for s in split_sentences(text)})


@settings(max_examples=150, deadline=None)
@given(_ARTICLE, st.integers(min_value=1, max_value=30))
def test_summary_contract(text: str, k: int) -> None:
    summary = summarize(text, sentences=k)
    sentences = split_sentences(text)
    indices = [s.index for s in summary]
    assert indices == sorted(set(indices))  # article order, no index twice
    assert all(sentences[s.index] == s.text for s in summary)  # a subsequence
    normalised = [" ".join(s.text.casefold().rstrip(".!?").split()) for s in summary]
    assert len(set(normalised)) == len(normalised)  # no duplicate sentence
    assert len(summary) == min(k, _distinct_count(text))  # k honoured
    assert summarize(text, sentences=k) == summary  # deterministic
