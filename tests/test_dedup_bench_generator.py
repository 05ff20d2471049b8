"""The benchmark's corruption generator, independent of how good the detector is."""

from __future__ import annotations

from collections import Counter

import pytest
from bench_loader import load_bench

bench = load_bench("dedup_bench")

ROWS = [
    {
        "id": f"cat{n % 2}/{n:03d}",
        "category": f"cat{n % 2}",
        "text": f"Title number {n}\n\n"
        + "\n".join(
            f"Paragraph {k} of article {n} says that {k * n} things happened, "
            f'and Mr Smith{k} said: "It is so." Then he left.'
            for k in range(1, 9)
        )
        + "\n",
    }
    for n in range(1, 7)
]


@pytest.fixture(scope="module")
def articles():
    return [bench.parse_article(row) for row in ROWS]


@pytest.fixture(scope="module")
def cases(articles):
    return bench.generate_cases(articles, seed=7)


def test_same_seed_same_cases(articles, cases):
    assert bench.generate_cases(articles, seed=7) == cases


def test_other_seed_other_cases(articles, cases):
    assert bench.generate_cases(articles, seed=8) != cases


def test_every_kind_and_layout_is_generated(cases):
    assert {(c.kind, c.layout) for c in cases} == {
        (k, lay) for k in bench.ALL_KINDS for lay in bench.LAYOUTS
    }


def test_corrupted_cases_differ_from_expected(cases):
    for case in cases:
        if not case.is_control:
            assert case.text != case.expected, case.id


def test_controls_expect_their_input(cases):
    for case in cases:
        if case.is_control:
            assert case.text == case.expected, case.id


def _paragraph_counts(case) -> Counter[str]:
    return Counter(bench.parse_paragraphs(case.text, case.layout))


def test_clean_and_lookalike_controls_have_no_exact_repeats(cases):
    for case in cases:
        if case.kind in ("clean", "lookalike"):
            assert max(_paragraph_counts(case).values()) == 1, case.id


def test_refrain_controls_repeat_only_short_paragraphs(cases):
    for case in cases:
        if case.kind == "refrain":
            repeated = [p for p, n in _paragraph_counts(case).items() if n > 1]
            assert repeated, case.id
            assert all(len(p) < 40 for p in repeated), case.id


def test_expected_text_has_no_repeated_paragraph(cases):
    for case in cases:
        if case.kind in bench.KINDS:
            counts = Counter(bench.parse_paragraphs(case.expected, case.layout))
            assert max(counts.values()) == 1, case.id


def test_inserted_paragraph_is_expected_and_foreign(articles, cases):
    own = {a.id: set(a.paragraphs) for a in articles}
    for case in cases:
        if (case.kind, case.variant) == ("edited", "insert"):
            extra = set(bench.parse_paragraphs(case.expected, "lines")) - own[case.article_id]
            if case.layout == "lines":
                assert len(extra) == 1, case.id


def test_layouts_render_as_described():
    units = bench.units(["Title", "word " * 30])
    assert bench.render(units, "lines").count("\n") == 2
    assert "\n\n" in bench.render(units, "blank")
    wrapped = bench.render(units, "wrapped")
    assert max(len(line) for line in wrapped.splitlines()) <= bench.WRAP


def test_perfect_output_scores_exact_and_no_output_loses_everything(cases):
    case = next(c for c in cases if c.kind == "block")
    good = bench.score(case, "t", bench.Run(case.expected, 0.0))
    assert (good.exact, good.lost, good.left) == (True, 0, 0)
    bad = bench.score(case, "t", bench.Run("", 0.0))
    assert not bad.exact and bad.lost > 0


def test_one_line_article_is_split_into_sentence_paragraphs():
    row = {"id": "x", "text": "First one here. Second one here. Third one here.\n"}
    assert bench.parse_article(row).paragraphs == (
        "First one here.",
        "Second one here.",
        "Third one here.",
    )


def test_text_repeating_a_long_run_is_not_usable():
    run = "one two three four five six seven eight nine"
    assert bench.repeats_a_run([f"Start {run}.", f"Later {run} again."])
    assert not bench.repeats_a_run(["one two three four five six seven eight", "one two three"])
