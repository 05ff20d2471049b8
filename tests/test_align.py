"""Word-by-word verification (`align.verify`): its settings, and the differences it reports."""

from __future__ import annotations

from dataclasses import replace

from dedupe_cli.align import Verdict, Words, verify
from dedupe_cli.config import DEFAULT_CONFIG, DedupeConfig, with_setting
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
