"""Issue 7, property tests: cleaning only deletes, never loses unique text, JSON round-trips.

Complements test_properties.py (the detector's own properties) with messier
inputs: sentence-level repeats, typos, invisible and control characters,
CR-only line endings, and arbitrary Unicode through the real CLI.
"""

from __future__ import annotations

import json
import os

from article_strategies import NOISE, SEPARATORS, TEXT, Article, articles, sentence_pool
from cli_harness import invoke_main
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dedupe_cli import clean
from dedupe_cli.models import CleanResult

EXAMPLES = int(os.environ.get("DEDUPE_PROPERTY_EXAMPLES", "80"))
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def denoise(text: str) -> str:
    return text.translate({ord(c): None for c in NOISE})


def assert_only_spans_removed(result: CleanResult) -> None:
    """The output is the input minus the reported removals (and whitespace next to them).

    Removals are in order, do not overlap and quote the input exactly; what is
    left between them appears in the output in the same order, trimmed at
    most of the whitespace that touched a removal.
    """
    original, cleaned = result.original, result.cleaned
    removals = sorted(result.removed, key=lambda r: r.start)
    assert [r.start for r in removals] == [r.start for r in result.removed]
    chunks, pos = [], 0
    for r in removals:
        assert r.start >= pos
        assert original[r.start : r.end] == r.text
        chunks.append(original[pos : r.start])
        pos = r.end
    chunks.append(original[pos:])
    out = 0
    for i, chunk in enumerate(chunks):
        core = chunk
        if i > 0:
            core = core.lstrip()
        if i < len(chunks) - 1:
            core = core.rstrip()
        found = cleaned.find(core, out)
        assert found >= 0 and not cleaned[out:found].strip(), (core, cleaned[out:])
        out = found + len(core)
    assert not cleaned[out:].strip()
    assert len(cleaned) <= len(original) - sum(len(r.text) for r in removals)


@PROPERTY
@given(articles(noise=False))
def test_unique_sentences_are_never_lost(article: Article) -> None:
    result = clean(article.text)
    for sentence in article.unique:
        assert sentence in result.cleaned


@PROPERTY
@given(articles(noise=True))
def test_unique_sentences_survive_noise(article: Article) -> None:
    """Noise is only ever inserted, so deleting it from the output must reveal them."""
    kept = denoise(clean(article.text).cleaned)
    for sentence in article.unique:
        assert sentence in kept


@PROPERTY
@given(articles(noise=True))
def test_output_is_the_input_with_spans_removed(article: Article) -> None:
    assert_only_spans_removed(clean(article.text))


@PROPERTY
@given(TEXT)
def test_arbitrary_text_only_loses_reported_spans(text: str) -> None:
    assert_only_spans_removed(clean(text))


# Pinned examples: each was once cleaned differently by a second pass (a copied
# sentence ending a kept paragraph; N copies of a short paragraph; a typo'd copy
# between exact ones). The search is derandomized so CI and local runs agree.
MAYOR = "The mayor said the bridge would reopen next spring."
TRAFFIC = "Traffic was diverted through the old town."
PARTIAL_TAIL = f"{MAYOR}\n\n{TRAFFIC} {MAYOR}\n\n{MAYOR} {MAYOR}"
SHORT_COPIES = "\n\n".join(["Police closed the road."] * 3)
TYPO_BETWEEN_COPIES = f"{MAYOR}\n\n{MAYOR} {MAYOR.replace('bridge', 'brideg')} {MAYOR}"


@settings(PROPERTY, derandomize=True, database=None)
@given(articles(noise=True).map(lambda a: a.text))
@example(PARTIAL_TAIL)
@example(SHORT_COPIES)
@example(TYPO_BETWEEN_COPIES)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean(text).cleaned
    assert clean(once).cleaned == once


def test_typo_copy_between_exact_copies_leaves_one_copy() -> None:
    assert clean(TYPO_BETWEEN_COPIES).cleaned == MAYOR
    assert clean(SHORT_COPIES).cleaned == "Police closed the road."


def test_the_fixed_partial_tail_case_is_idempotent() -> None:
    once = clean(PARTIAL_TAIL).cleaned
    assert once == f"{MAYOR}\n\n{TRAFFIC}"
    assert clean(once).cleaned == once


@PROPERTY
@given(
    sentence_pool(),
    st.sampled_from(SEPARATORS),
    st.sampled_from(["", "\n", "\r\n", "\r", "\n\n", " \n"]),
    st.sampled_from(["", "  ", "\t"]),
)
def test_distinct_paragraphs_are_returned_byte_for_byte(
    pool: list[str], sep: str, trailing: str, indent: str
) -> None:
    text = sep.join(indent + s for s in pool) + trailing
    result = clean(text)
    assert result.removed == ()
    assert result.cleaned == text


@PROPERTY
@given(st.one_of(TEXT, articles(noise=True).map(lambda a: a.text)))
def test_json_parses_and_round_trips_the_cleaned_text(text: str) -> None:
    text = text.replace("\x00", "").removeprefix("\ufeff")  # NUL is binary; a BOM is dropped
    expected = clean(text).cleaned
    for command in (["clean", "--json"], ["report", "--json"], ["summarize", "--json"]):
        out = invoke_main(command, stdin=text.encode("utf-8"))
        assert out.code == 0, out.stderr
        # JSON Lines split on "\n" only: raw U+2028 or NEL inside a string is valid JSON
        line, end = out.stdout.decode("utf-8").split("\n")
        assert end == ""
        obj = json.loads(line)
        assert obj["cleaned"] == expected
        assert obj["source"] == "<stdin>"


@PROPERTY
@given(articles(noise=True))
def test_cli_clean_prints_exactly_the_cleaned_text(article: Article) -> None:
    out = invoke_main(["clean"], stdin=article.text.encode("utf-8"))
    assert out.code == 0
    assert out.stdout == clean(article.text).cleaned.encode("utf-8")
