"""Every removal's explanation is true: its text, its source, its similarity, its rule.

Checked on generated articles (hypothesis) and on the samples: the
explanation is built from the decision record, so it must hold whatever
rule decided.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from article_strategies import Article, articles
from hypothesis import given, settings
from rapidfuzz import fuzz

from dedupe_cli.config import DEFAULT_CONFIG, DedupeConfig
from dedupe_cli.dedupe import clean_text
from dedupe_cli.models import CleanResult, gone_paragraphs
from dedupe_cli.pipeline import REMOVING_RULES
from dedupe_cli.segment import words

ROOT = Path(__file__).resolve().parent.parent
RULES = set(REMOVING_RULES)
SOURCE_AFTER = {"teaser-repeat"}
"""The one rule that may remove the earlier copy: a teaser goes, the body paragraph after
it (which says all it says, and more) is its source."""


def rule_threshold(rule: str, cfg: DedupeConfig) -> float:
    """The bar each rule's reported similarity clears (caption-repeat's bar is an exact
    copy of the caption's sentence; its similarity includes the credit; list-repeat's
    bar is the item's words without its marker, its similarity includes the marker:
    see README)."""
    if rule in ("caption-repeat", "list-repeat"):
        return 0.0
    return cfg.runs.threshold if rule == "run-extension" else cfg.threshold


def surviving(text: str, start: int, end: int, removed: list[tuple[int, int]]) -> str:
    """The text of [start, end) that is not removed (a source spanning several
    paragraphs may take in a removed copy; that copy is not what is kept)."""
    out, pos = [], start
    for s, e in sorted(removed):
        if e <= pos or s >= end:
            continue
        out.append(text[pos:s])
        pos = max(pos, e)
    out.append(text[pos:end])
    return " ".join(out)


def assert_explanations_true(result: CleanResult, cfg: DedupeConfig = DEFAULT_CONFIG) -> None:
    text = result.original
    removed_spans = [(r.start, r.end) for r in result.removed]
    gone = gone_paragraphs(text, result.paragraphs, result.removed)
    for r in result.removed:
        assert r.rule in RULES, r
        assert text[r.start : r.end] == r.text
        assert 0 <= r.source_start < r.source_end, r
        assert r.source_end <= r.start or (r.rule in SOURCE_AFTER and r.end <= r.source_start), r
        source = surviving(text, r.source_start, r.source_end, removed_spans)
        measured = fuzz.ratio(" ".join(words(r.text)), " ".join(words(source)))
        assert measured >= r.similarity - 0.1, (r, source, measured)
        assert r.similarity >= rule_threshold(r.rule, cfg), r
        # the kept text it copies survives (its similarity is measured on what
        # survives, above), and so does the paragraph it is named after
        assert r.duplicate_of not in gone, r


MAX_COPIES = 4
"""Known limit: a sentence repeated more often than this, in paragraphs of one
and two copies, can be explained by a source spanning several removed copies
(the decision is right, the similarity of that span is not); see the README."""


def few_copies(article: Article) -> bool:
    return max(article.sentences.count(s) for s in article.sentences) <= MAX_COPIES


@settings(max_examples=200, deadline=None)
@given(articles(noise=False).filter(few_copies))
def test_every_removal_names_a_surviving_source_at_least_as_similar_as_reported(
    article: Article,
) -> None:
    assert_explanations_true(clean_text(article.text))


@settings(max_examples=100, deadline=None)
@given(articles(noise=True).filter(few_copies))
def test_explanations_stay_true_with_invisible_and_exotic_characters(article: Article) -> None:
    assert_explanations_true(clean_text(article.text))


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.txt")), ids=lambda p: p.stem)
def test_sample_removals_are_explained_truly(sample: Path) -> None:
    result = clean_text(sample.read_text(encoding="utf-8"))
    assert result.removed
    assert_explanations_true(result)


def test_threshold_100_removes_nothing_below_100_on_its_own_evidence() -> None:
    text = (ROOT / "samples" / "council-budget-blank.txt").read_text(encoding="utf-8")
    cfg = DedupeConfig(threshold=100.0)
    result = clean_text(text, cfg)
    for r in result.removed:
        assert r.similarity >= rule_threshold(r.rule, cfg)
    strict = DedupeConfig(threshold=100.0, runs=DEFAULT_CONFIG.runs.__class__(threshold=100.0))
    assert all(r.similarity == 100.0 for r in clean_text(text, strict).removed)


RESTART_AFTER_A_REMOVED_WORD = (
    "Gikogi hofeta hokoda hokori hopeko judafe jumule mufefe nirisu ritagi "
    "tagile. Gikogi hofeta hokoda hokori hopeko judafe jumule mufefe nirisu"
    " ritagi tagile.\n\nDadaju dadako dadale dadamu dadani dapele dadape fegi"
    "mu fehoho fekole felegi. Fefeko fefele dadari dadasu dadata dafeda daf"
    "efe dafegi dafeho dafeju dafeko dafele dafemu.\n\nDafepe fenigi dasuko d"
    "atasu fejuho gifeni konigi. Gikogi hofeta hokoda hokori hopeko judafe "
    "jumule mufefe nirisu ritagi tagile.\n\nDadaju dadako dadale dadamu dadan"
    "i dapele dadape fegimu fehoho fekole felegi. Fehomu fehoni fehope feho"
    "ri fehosu lepeko mudari musuho mutape nijuni nikoho surini susuni feda"
    "\tle. Dadaju dadako dadale dadamu dadani dapele dadape fegimu fehoho fe"
    "kole felegi.\n\nDadada dadafe dadagi dadaho fedata felemu felepe fetako "
    "gigisu gijumu.\n\nDadada dadafe dadagi dadaho fedata felemu felepe fetak"
    "o gigisu gijumu.\n\nDadada dadafe dadagi dadaho fedata felemu felepe fet"
    "ako gigisu gijumu."
)
"""Found by hypothesis: "feda\tle. Dadaju ..." restarts inside "tagile", whose sentence
was itself cut; the fragment "le" then has no kept source and counts as added."""


def test_a_restart_fragment_of_a_removed_word_is_not_credited_as_a_restart() -> None:
    assert_explanations_true(clean_text(RESTART_AFTER_A_REMOVED_WORD))


COPY_OF_A_LATER_ROUND_COPY = (
    "Dadada dadafe dadagi dadaho dadaju dadako dadale.\n\nDadada dadafe dadag"
    "i dadaho dadaju dadako dadale.\n\nDadada dadafe dadagi dadaho dadaju dad"
    "ako dadale.\n\nDadada dadafe dadagi dadaho dadaju dadako dadale.\n\nDafele"
    " dafemu dafeni dafepe daferi dafesu dafeta.\n\nDadamu ddaani dadape dada"
    "ri dadasu dadata.\n\nDadada ddaafe dadagi dadaho dadaju dadako dadale.\n\n"
    "Dadamu dadani dadape dadari dadasu dadata.\n\nDadamu dadani dadape dadar"
    "i dadasu dadata."
)
"""Found by hypothesis: round 1 removes the last line as a short-stutter of the line
before; round 2 removes that line as a run-extension copy (88%) of a damaged earlier one."""


def test_an_exact_copy_of_a_later_round_copy_is_explained_on_that_copys_evidence() -> None:
    result = clean_text(COPY_OF_A_LATER_ROUND_COPY)
    assert_explanations_true(result)
    assert [r.rule for r in result.removed][-2:] == ["run-extension", "run-extension"]
