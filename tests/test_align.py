"""Word-by-word verification (`align.verify`): its settings, and the differences it reports."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from dedupe_cli.align import Verdict, Words, verify
from dedupe_cli.config import DEFAULT_CONFIG, DedupeConfig, with_setting
from dedupe_cli.models import Difference
from dedupe_cli.rare_words import RareWords
from dedupe_cli.segment import split_paragraphs

SOURCE = (
    "Fishing boats stayed tied up in Port Alder on Thursday as a storm kept the harbour "
    "closed for a third day, the coastguard said."
)
FILLER = "Winds of up to 90mph were recorded overnight on the headland near the station."


def check(copy: str, source: str = SOURCE, cfg: DedupeConfig = DEFAULT_CONFIG) -> Verdict:
    """The verdict on the last paragraph of `source / filler / copy`."""
    doc = Words(split_paragraphs(f"{source}\n\n{FILLER}\n\n{copy}\n"), cfg.shingle)
    verdict = verify(doc, doc.bounds[2], doc.bounds[3], cfg)
    assert verdict is not None, "no candidate found"
    return verdict


def test_two_edits_in_a_long_word_are_a_typo_only_while_max_edits_allows_two() -> None:
    copy = SOURCE.replace("coastguard", "coasgtuard")  # a swap: one OSA edit
    copy = copy.replace("harbour", "harbor")  # one edit
    copy2 = SOURCE.replace("coastguard", "cosatgurd")  # two edits in one word
    assert check(copy).ok
    assert check(copy2).ok
    assert not check(copy2, cfg=with_setting(DEFAULT_CONFIG, "typos.max_edits", "1")).ok


def test_added_words_budget_follows_added_words_per() -> None:
    copy = SOURCE.replace("stayed", "also stayed").replace("kept", "still kept")
    copy = copy.replace("closed", "now closed")
    assert not check(copy).ok  # 3 added words in 23: two are allowed by default
    assert check(copy, cfg=with_setting(DEFAULT_CONFIG, "typos.added_words_per", "5")).ok


def test_short_word_limit_follows_short_word_letters() -> None:
    strict = with_setting(DEFAULT_CONFIG, "typos.short_word_letters", "5")
    loose = SOURCE.replace("harbour", "harbr")  # two edits, 5 letters left
    assert check(loose).ok
    assert not check(loose, cfg=strict).ok


def _rare_words_cfg(min_shared: int) -> DedupeConfig:
    return replace(
        DEFAULT_CONFIG,
        candidates=replace(DEFAULT_CONFIG.candidates, min_shared_words=min_shared),
    )


def test_rare_word_candidates_need_min_shared_words() -> None:
    text = "alpha beta gamma delta\n\nomega\n\nalpha beta gamma zeta\n"
    doc = Words(split_paragraphs(text), 5)
    assert RareWords(doc, [0, 1, 2]).votes(2) is None  # 3 shared, 4 needed
    lenient = RareWords(doc, [0, 1, 2], _rare_words_cfg(3).candidates)
    found = lenient.votes(2)
    assert found is not None
    assert found[0][0] == 3


def test_a_copy_with_one_typo_reports_the_typo_with_both_words() -> None:
    verdict = check(SOURCE.replace("coastguard", "coastgaurd"))
    assert verdict.ok
    assert [(d.kind, d.copy, d.kept) for d in verdict.differences] == [
        ("typo", "coastgaurd", "coastguard")
    ]


def test_a_copy_with_a_dropped_word_reports_it_dropped() -> None:
    verdict = check(SOURCE.replace(" tied up", " up"))
    assert verdict.ok
    assert [(d.kind, d.copy, d.kept) for d in verdict.differences] == [("dropped", "", "tied")]


def test_a_copy_with_an_added_word_reports_it_added() -> None:
    verdict = check(SOURCE.replace("kept", "still kept"))
    assert verdict.ok
    assert [(d.kind, d.copy, d.kept) for d in verdict.differences] == [("added", "still", "")]


def test_an_exact_copy_has_no_differences() -> None:
    verdict = check(SOURCE)
    assert verdict.ok and verdict.similarity == 100
    assert verdict.differences == ()


def test_a_copy_restarting_mid_word_reports_the_restart() -> None:
    source = SOURCE + " Winds of up to 90mph were recorded."
    verdict = check("oastguard said. Winds of up to 90mph were recorded.", source)
    assert verdict.ok
    assert verdict.differences[0] == Difference("restart", "oastguard", "coastguard")


_VOCAB = [
    "storm", "harbour", "council", "said", "the", "boats", "were", "moved", "at", "dawn",
    "fishing", "coastguard", "warning", "closed", "because", "winds", "across", "headland",
]  # fmt: skip


def _edit(draw: st.DrawFn, source: list[str]) -> list[str]:
    """The source with a few words dropped, misspelt or added."""
    out = list(source)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(out) - 1))
        action = draw(st.sampled_from(["drop", "typo", "add"]))
        if action == "drop" and len(out) > 1:
            del out[at]
        elif action == "typo" and len(out[at]) > 3:
            w = out[at]
            out[at] = w[:1] + w[2] + w[1] + w[3:]
        elif action == "add":
            out.insert(at, draw(st.sampled_from(_VOCAB)))
    return out


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_accepted_verdicts_report_their_true_similarity_and_differences(data) -> None:
    source = data.draw(st.lists(st.sampled_from(_VOCAB), min_size=8, max_size=30))
    copy = _edit(data.draw, source)
    cut = data.draw(st.integers(0, 3))  # maybe restart mid-word
    text = f"{' '.join(source)}.\n\n{FILLER}\n\n{' '.join(copy)[cut:]}.\n"
    doc = Words(split_paragraphs(text), DEFAULT_CONFIG.shingle)
    a, b = doc.bounds[2], doc.bounds[3]
    verdict = verify(doc, a, b, DEFAULT_CONFIG)
    if verdict is None or not verdict.ok:
        return
    kinds = [d.kind for d in verdict.differences]
    start = a + 1 if "restart" in kinds else a  # the fragment is set aside
    copy_words = doc.words[start:b]
    kept = doc.words[verdict.source_word : verdict.source_end]
    assert fuzz.ratio(" ".join(copy_words), " ".join(kept)) == pytest.approx(
        verdict.similarity, abs=0.1
    )
    assert "restart" not in kinds[1:]  # only the first word can be a fragment
    for d in verdict.differences:
        if d.kind in ("typo", "added", "cut"):
            assert d.copy in copy_words
        if d.kind in ("typo", "dropped", "cut"):
            assert d.kept in kept
        if d.kind == "restart":
            assert doc.words[a] == d.copy and d.kept.endswith(d.copy)
    if verdict.similarity < 100:
        assert verdict.differences, "a near-duplicate must say how it differs"
