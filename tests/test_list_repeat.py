"""`list-repeat`: a list re-posted with other markers goes; one changed number keeps its item.

The marker in front of a list item is layout; every other number is a fact.
The property tests build an article with a list, some prose, and the same
list with other markers, then change one number inside one item of the copy:
that item must survive, whatever the markers and layout.
"""

from __future__ import annotations

import json

from cli_harness import invoke_main
from hypothesis import given, settings
from hypothesis import strategies as st
from test_explanations import assert_explanations_true

from dedupe_cli.article import Article
from dedupe_cli.config import DEFAULT_CONFIG
from dedupe_cli.dedupe import clean_text
from dedupe_cli.rules_lists import LIST, after_marker, find_items, marker_kind

MARKERS = {
    "dash": lambda k: "-",
    "bullet": lambda k: "•",
    "en-dash": lambda k: "–",
    "number": lambda k: f"{k + 1}.",
    "number-paren": lambda k: f"{k + 1})",
    "bracketed": lambda k: f"({k + 1})",
    "letter": lambda k: f"{'abcdefgh'[k]})",
}
ITEMS = [
    "{n} g unsalted butter, softened at room temperature",
    "{n} g caster sugar, plus extra for dusting",
    "{n} large free-range eggs, lightly beaten",
    "{n} g self-raising flour, sifted twice",
    "{n} tablespoons of milk, warmed in a pan",
    "{n} ml double cream, whipped until stiff",
]
PROSE = [
    "Residents packed the town hall on Thursday evening, and the meeting ran well past its end.",
    "Local businesses have until the end of the month to send their comments, the council said.",
]


def as_list(items: list[str], marker: str, block: bool) -> str:
    """The items with `marker`s: lines of one block, or one paragraph each."""
    return ("\n" if block else "\n\n").join(
        f"{MARKERS[marker](k)} {t}" for k, t in enumerate(items)
    )


def article(items: list[str], first: str, second: str, block: bool, copy: list[str]) -> str:
    """Title, the list with `first` markers, prose, the copy with `second` markers."""
    a, b = as_list(items, first, block), as_list(copy, second, block)
    return "\n\n".join(["Victoria sponge", a, *PROSE, b, "Serve with tea."]) + "\n"


lists = st.integers(min_value=2, max_value=5).flatmap(
    lambda n: st.tuples(
        st.permutations(range(len(ITEMS))).map(lambda order: order[:n]),
        st.lists(st.integers(min_value=1, max_value=400), min_size=n, max_size=n),
    )
)
marker_pairs = st.tuples(st.sampled_from(sorted(MARKERS)), st.sampled_from(sorted(MARKERS))).filter(
    lambda pair: pair[0] != pair[1]
)


@settings(max_examples=150, deadline=None)
@given(
    lists,
    marker_pairs,
    st.booleans(),
    st.data(),
)
def test_one_number_changed_in_a_remarked_list_keeps_that_item_and_its_list(
    found: tuple[list[int], list[int]],
    markers: tuple[str, str],
    block: bool,
    data: st.DataObject,
) -> None:
    order, numbers = found
    items = [ITEMS[i].format(n=n) for i, n in zip(order, numbers, strict=True)]
    j = data.draw(st.integers(min_value=0, max_value=len(items) - 1), label="changed item")
    other = data.draw(st.integers(min_value=1, max_value=400).filter(lambda n: n != numbers[j]))
    copy = list(items)
    copy[j] = ITEMS[order[j]].format(n=other)
    text = article(items, *markers, block, copy)
    result = clean_text(text)
    lines = result.cleaned.splitlines()
    assert f"{MARKERS[markers[1]](j)} {copy[j]}" in lines
    # another version of the list, not a copy: its unchanged items stay with it
    assert all(f"{MARKERS[markers[1]](k)} {item}" in lines for k, item in enumerate(copy))


@settings(max_examples=100, deadline=None)
@given(lists, marker_pairs, st.booleans())
def test_a_remarked_list_loses_every_item_of_the_copy_and_keeps_the_first_byte_for_byte(
    found: tuple[list[int], list[int]], markers: tuple[str, str], block: bool
) -> None:
    order, numbers = found
    items = [ITEMS[i].format(n=n) for i, n in zip(order, numbers, strict=True)]
    text = article(items, *markers, block, items)
    result = clean_text(text)
    assert result.cleaned.count(as_list(items, markers[0], block)) == 1
    assert_explanations_true(result)  # each removal names the earlier item, truly
    lines = result.cleaned.splitlines()
    for k, item in enumerate(items):
        assert f"{MARKERS[markers[1]](k)} {item}" not in lines
        assert " ".join(item.split()) in result.cleaned


def test_the_marker_is_the_only_difference_a_removal_names() -> None:
    items = [ITEMS[0].format(n=225), ITEMS[1].format(n=225)]
    result = clean_text(article(items, "bullet", "number", False, items))
    mine = [r for r in result.removed if r.rule == LIST]
    assert [r.text[:3] for r in mine] == ["1. ", "2. "]
    for r in mine:
        assert next((d.kind, d.copy, d.kept) for d in r.differences)[:2] == ("marker", r.text[:2])
        kept = result.original[r.source_start : r.source_end]
        assert kept == "• " + r.text[3:]  # the earlier item, byte for byte


def test_explain_and_json_name_the_rule_and_the_marker(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "list.txt"
    items = [ITEMS[0].format(n=225), ITEMS[1].format(n=225), ITEMS[2].format(n=4)]
    path.write_text(article(items, "dash", "number-paren", False, items), encoding="utf-8")
    out = invoke_main(["explain", str(path)])
    assert out.code == 0, out.stderr
    assert "removed by list-repeat: it copies ¶2" in out.stdout.decode()
    assert "marker '1)'→'-'" in out.stdout.decode()
    data = json.loads(invoke_main(["clean", "--json", str(path)]).stdout)
    rules = {(r["rule"], r["differences"][0]["kind"]) for r in data["removed"]}
    assert rules == {(LIST, "marker")}


def test_two_items_of_a_list_in_one_block_are_two_items_after_a_line_of_text() -> None:
    text = "Two changes are planned:\n(a) Mill Lane closes to all cars\n(b) bus stops move\n"
    art = Article(text, DEFAULT_CONFIG)
    items = find_items(art)
    assert [(i.paragraph, i.marker) for i in items] == [(0, "(a)"), (0, "(b)")]
    words = art.doc.words
    assert [words[i.lo : i.hi] for i in items] == [
        ["mill", "lane", "closes", "to", "all", "cars"],
        ["bus", "stops", "move"],
    ]
    assert [words[i.lead : i.lo] for i in items] == [["a"], ["b"]]


def test_markers_of_one_kind_compare_by_value() -> None:
    assert marker_kind("1.") == marker_kind("(1)") == marker_kind("1)") == ("number", "1")
    assert marker_kind("a)") == ("letter", "a") and marker_kind("iv.") == ("roman", "iv")
    assert marker_kind("•") == marker_kind("-") == ("bullet", "")


def test_a_full_stop_after_a_list_number_is_not_the_end_of_a_sentence() -> None:
    text = "The list is different:\n1. a packed lunch"
    assert after_marker(text, text.index("a packed"))
    assert not after_marker("It ended in 1990. a restart", 18)


def test_items_that_differ_only_in_their_numbers_make_no_other_version_of_a_list() -> None:
    """'2. I agree' is not a changed '1. I agree'; the list's exact repeats still go."""
    text = "\n".join(f"{k % 3 + 1}. I agree with the terms of use" for k in range(6)) + "\n"
    result = clean_text(text)
    assert [r.index for r in result.removed] == [3, 4, 5]
    assert result.cleaned == text.split("\n1. ", 1)[0] + "\n"


def test_the_copied_last_line_of_another_version_of_a_list_stays() -> None:
    # found by hypothesis: the last item of a re-marked list with one quantity changed
    # was cut by tail-restart (a copy of the first list's last line), leaving the list short
    items = [t.format(n=n) for t, n in zip(ITEMS, [1, 143, 135, 59, 281], strict=False)]
    copy = [ITEMS[0].format(n=175), *items[1:]]
    result = clean_text(article(items, "bullet", "letter", True, copy))
    lines = result.cleaned.splitlines()
    assert all(f"{MARKERS['letter'](k)} {item}" in lines for k, item in enumerate(copy))
