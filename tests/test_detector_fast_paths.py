"""The speed-ups are exact: every shortcut gives the answer the long way gives."""

from __future__ import annotations

import gc

import pytest
from article_strategies import articles
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dedupe_cli import align
from dedupe_cli.align import SLACK, Words, _align, _best_ratio, _fragment_source
from dedupe_cli.dedupe import clean_text
from dedupe_cli.segment import split_paragraphs

_WORDS = ["storm", "harbour", "council", "said", "the", "boats", "were", "moved", "at", "dawn"]


def _edited(draw, source: list[str]) -> list[str]:
    """The source with a few words dropped, changed or added."""
    out = list(source)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, max(0, len(out) - 1)))
        action = draw(st.sampled_from(["drop", "typo", "add", "swap"]))
        if action == "drop" and len(out) > 1:
            del out[at]
        elif action == "typo" and out:
            w = out[at]
            out[at] = w[1:] + w[:1] if len(w) > 1 else w + "x"
        elif action == "add":
            out.insert(at, draw(st.sampled_from(_WORDS)))
        elif out:
            out[at] = draw(st.sampled_from(_WORDS))
    return out


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_similarity_bound_is_never_below_what_the_alignment_finds(data: st.DataObject) -> None:
    source = data.draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=25))
    copy = _edited(data.draw, source) or ["dawn"]
    text = " ".join(source) + ".\n\n" + " ".join(copy) + "."
    doc = Words(split_paragraphs(text), 5)
    a, b = doc.bounds[1], doc.bounds[2]
    lo = data.draw(st.integers(0, min(SLACK, len(source) - 1)))
    hi = data.draw(st.integers(max(lo + 1, len(source) - SLACK), len(source)))
    partial_at = _fragment_source(doc, a, b, lo, hi)
    found = _align(doc, a, b, lo, hi, partial_at)
    assert _best_ratio(doc, a, b, lo, hi, partial_at) >= found.similarity - 1e-9


def _result(text: str) -> tuple[object, ...]:
    r = clean_text(text)
    return r.cleaned, r.removed, r.suspects


@settings(max_examples=80, deadline=None)
@given(articles())
def test_numpy_and_plain_python_indexes_clean_alike(article) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(align, "use_numpy", lambda n_words: False)
        plain = _result(article.text)
        mp.setattr(align, "use_numpy", lambda n_words: True)
        vectorised = _result(article.text)
    assert vectorised == plain


@pytest.mark.parametrize("enabled", [True, False])
def test_cleaning_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        clean_text("One line about the storm.\n\nOne line about the storm.\n")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 2**64 - 1), max_size=3000),
    st.lists(st.integers(0, 2**64 - 1), max_size=20),
    st.data(),
)
def test_every_repeated_key_survives_the_bucket_passes(randoms, near, data) -> None:
    import numpy as np

    from dedupe_cli.align import _maybe_repeated

    # keys differing only in their last bit share buckets until the very last pass
    keys = randoms + near + [k ^ 1 for k in near]
    keys += data.draw(st.lists(st.sampled_from(keys), max_size=50)) if keys else []
    arr = np.array(keys, dtype=np.uint64)
    kept = set(_maybe_repeated(arr).tolist())
    counts: dict[int, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    assert {i for i, k in enumerate(keys) if counts[k] > 1} <= kept


@pytest.mark.parametrize("n", [1, 2, 127, 128, 200, 255, 5000])
def test_bucket_passes_handle_keys_equal_but_for_the_last_bit(n: int) -> None:
    import random

    import numpy as np

    from dedupe_cli.align import _maybe_repeated

    rng = random.Random(n)
    keys = [rng.getrandbits(64) for _ in range(n)]
    keys += [keys[0] ^ 1, keys[-1]]  # a near miss that survives every pass, and a repeat
    kept = set(_maybe_repeated(np.array(keys, dtype=np.uint64)).tolist())
    assert {n - 1, n + 1} <= kept


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "storm", "harbour"]), max_size=120), st.data())
def test_covered_from_finds_where_the_copied_run_starts(seq: list[str], data) -> None:
    text = " ".join(seq) + "."
    for vectorised in (False, True):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(align, "use_numpy", lambda n_words, v=vectorised: v)
            doc = Words(split_paragraphs(text), 5)
        n = len(doc.words)
        a = data.draw(st.integers(0, n))
        b = data.draw(st.integers(a, n))
        t = b
        while t > a and doc.source(t - 1) >= 0:  # the walk it replaces
            t -= 1
        assert doc.covered_from(a, b) == t


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "storm", "harbour"]), max_size=300))
@example(["a", "b", "c", "storm", "harbour"] * 3)  # repeats right after itself
@example(["a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a"])  # overlaps itself
def test_numpy_shingle_index_agrees_with_the_dict_one(seq: list[str]) -> None:
    from dedupe_cli.align import _word_sources, _word_sources_numpy, shingle_index

    firsts, repeat = shingle_index(seq, 5, vectorised=False)
    firsts_np, repeat_np = shingle_index(seq, 5, vectorised=True)
    assert list(firsts_np) == firsts
    assert repeat_np == repeat
    src_np, covered_np = _word_sources_numpy(repeat, firsts_np, 5, len(seq))
    assert (src_np.tolist(), covered_np.tolist()) == _word_sources(repeat, firsts, 5, len(seq))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=120), st.data())
def test_sources_in_one_pass_agree_with_word_by_word(seq: list[str], data) -> None:
    from dedupe_cli.models import Paragraph

    text = " ".join(seq)
    doc = Words([Paragraph(0, 0, len(text), text)], 5)
    a = data.draw(st.integers(0, len(seq) - 1))
    b = data.draw(st.integers(a, len(seq)))
    assert doc.sources(a, b) == [doc.source(t) for t in range(a, b)]
