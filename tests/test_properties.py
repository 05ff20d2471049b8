"""Invariants of cleaning, checked on generated articles (hypothesis)."""

from __future__ import annotations

from article_strategies import unique_word_sentences
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_cli import clean

SEPARATORS = st.sampled_from(["\n", "\n\n", "\r\n", "\n\n\n"])


@st.composite
def distinct_paragraphs(draw: st.DrawFn, min_size: int = 2) -> list[str]:
    """Paragraphs of 8-25 words with no word used twice, so nothing repeats."""
    sizes = draw(st.lists(st.integers(8, 25), min_size=min_size, max_size=8))
    return unique_word_sentences(draw, sizes)


def join(paras: list[str], sep: str, trailing: str) -> str:
    return sep.join(paras) + trailing


@settings(max_examples=60, deadline=None)
@given(distinct_paragraphs(), SEPARATORS, st.sampled_from(["", "\n"]))
def test_distinct_paragraphs_come_back_byte_for_byte(paras, sep, trailing) -> None:
    text = join(paras, sep, trailing)
    result = clean(text)
    assert result.cleaned == text
    assert result.removed == ()


@settings(max_examples=60, deadline=None)
@given(distinct_paragraphs(min_size=3), SEPARATORS, st.data())
def test_inserting_a_copied_run_and_cleaning_restores_the_original(paras, sep, data) -> None:
    i = data.draw(st.integers(0, len(paras) - 1))
    j = data.draw(st.integers(i, len(paras) - 1))
    at = data.draw(st.integers(j + 1, len(paras)))
    corrupted = paras[:at] + paras[i : j + 1] + paras[at:]
    assert clean(join(corrupted, sep, "\n")).cleaned == join(paras, sep, "\n")


@settings(max_examples=60, deadline=None)
@given(distinct_paragraphs(min_size=2), SEPARATORS, st.data())
def test_cleaning_is_idempotent_and_only_deletes(paras, sep, data) -> None:
    picks = data.draw(st.lists(st.integers(0, len(paras) - 1), max_size=6))
    text = join(paras + [paras[k] for k in picks], sep, "\n")
    once = clean(text)
    assert clean(once.cleaned).cleaned == once.cleaned
    # every paragraph of the output is an input paragraph, and in input order
    kept = [p.strip() for p in once.cleaned.split(sep) if p.strip()]
    positions = [text.index(p) for p in kept]
    assert positions == sorted(positions)
    # no unique paragraph is lost
    for p in paras:
        assert p in once.cleaned
