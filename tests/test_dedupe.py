"""Duplicate detection: one small hand-written case per kind of mess, and lookalikes."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dedupe_cli import clean

TITLE = "Storm closes harbour for third day"
P = [
    "Fishing boats stayed tied up in Port Alder on Thursday as a storm kept the harbour "
    "closed for a third day, the coastguard said.",
    "Winds of up to 90mph were recorded overnight on the headland, and waves broke over "
    "the sea wall near the old lifeboat station.",
    "Harbour master Jane Ross said the entrance would stay shut until the swell dropped, "
    "probably not before Saturday morning.",
    "Local traders say the closure is costing them thousands of pounds a day, with fresh "
    "catches going to rival ports further south.",
    "The Met Office has issued an amber warning for the whole coast until midnight on "
    "Friday, with more rain expected inland.",
]


def blank(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def per_line(paras: list[str]) -> str:
    return "\n".join(paras) + "\n"


def wrapped(paras: list[str], width: int = 64) -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in paras) + "\n"


LAYOUTS = [blank, per_line, wrapped]
ARTICLE = [TITLE, *P]


def assert_restores(corrupted: list[str], layout=blank, expected: list[str] = ARTICLE) -> None:
    result = clean(layout(corrupted))
    assert result.cleaned == layout(expected)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_repeated_block(layout) -> None:
    assert_restores([TITLE, *P[:4], *P[1:4], P[4]], layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_repeated_tail(layout) -> None:
    assert_restores([*ARTICLE, *P[3:]], layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_repeated_title(layout) -> None:
    assert_restores([TITLE, TITLE, *P], layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_three_copies_of_a_run(layout) -> None:
    assert_restores([*ARTICLE, *P[1:3], *P[1:3]], layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_near_duplicate_copy(layout) -> None:
    typo = P[1].replace("overnight", "overnihgt").replace("waves", "Waves")
    curly = P[2].replace("said", "said,").replace("shut", "closed shut")
    dropped = P[3].replace(" fresh", "")
    assert_restores([*ARTICLE, typo, curly, dropped], layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_merged_copy(layout) -> None:
    assert_restores([*ARTICLE, P[1] + " " + P[2]], layout)


def test_split_copy() -> None:
    first, second = P[3].split(", with ")
    assert_restores([*ARTICLE, first + ".", "With " + second])


def test_rewrapped_copy() -> None:
    text = wrapped(ARTICLE) + "\n" + textwrap.fill(P[1] + " " + P[2], 40) + "\n"
    assert clean(text).cleaned == wrapped(ARTICLE)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_copy_starting_mid_sentence(layout) -> None:
    tail = P[2][P[2].index("tay shut") :]
    assert_restores([*ARTICLE, tail, P[3], P[4]], layout)


def test_copy_glued_to_a_unique_paragraph_keeps_the_unique_part() -> None:
    unique = "Ferries to the islands were cancelled as well."
    text = per_line([*ARTICLE, unique + " " + P[3], P[4]])
    result = clean(text)
    assert result.cleaned == per_line([*ARTICLE, unique])
    assert {r.reason for r in result.removed} >= {"partial copy"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_run_with_a_dropped_paragraph(layout) -> None:
    assert_restores([*ARTICLE, P[1], P[3], P[4]], layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_run_with_an_inserted_unique_paragraph(layout) -> None:
    new = "A second storm is forecast to arrive from the Atlantic early next week."
    corrupted = [*ARTICLE, P[1], P[2], new, P[3]]
    assert_restores(corrupted, layout, expected=[*ARTICLE, new])


def test_removal_names_its_source_and_similarity() -> None:
    result = clean(blank([*ARTICLE, P[2]]))
    (removal,) = result.removed
    assert removal.index == 6 and removal.duplicate_of == 3
    assert removal.similarity == 100.0 and removal.reason == "exact"
    assert removal.text == P[2]


# ---- must never be removed -----------------------------------------------------------------

MATCHES = [
    "Arsenal beat Chelsea 2-1 at their home ground on Saturday afternoon, with goals from "
    "John Smith and Ahmed Khan sealing the win in front of a crowd of 40,000 fans.",
    "Fulham beat Everton 3-0 at their home ground on Saturday afternoon, with goals from "
    "Tom Brown and Wei Chen sealing the win in front of a crowd of 25,000 fans.",
    "Arsenal beat Chelsea 2-1 at their home ground on Sunday afternoon, with goals from "
    "John Smith and Ahmed Khan sealing the win in front of a crowd of 40,000 fans.",
]
MARKETS = [
    f"Shares in Tesco rose {x}% to 120p in early trading on the London Stock Exchange on "
    "Monday, after the company reported better than expected quarterly results."
    for x in (3, 4)
]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    "paras",
    [
        ARTICLE,
        [TITLE, *MATCHES],
        [TITLE, *P[:2], *MARKETS, *P[2:]],
        [*ARTICLE, P[2].replace("Jane Ross", "Mark Ellis")],
        [*ARTICLE, P[1].replace("90mph", "70mph")],
        [*ARTICLE, P[3].replace("costing", "saving")],
        [*ARTICLE, P[4].replace("amber", "red")],
        [TITLE, '"We will not give up," she said.', *P, '"We will not give up," she said.'],
        [TITLE, "The menu includes:", "- soup", "- bread", "Later it changed to:", "- soup"],
    ],
    ids=["clean", "matches", "markets", "name", "number", "verb", "adjective", "refrain", "list"],
)
def test_lookalikes_and_short_repeats_are_kept(layout, paras: list[str]) -> None:
    text = layout(paras)
    result = clean(text)
    assert result.cleaned == text
    assert result.removed == ()


def test_lookalike_is_reported_as_suspect() -> None:
    result = clean(blank([*ARTICLE, P[2].replace("Jane Ross", "Mark Ellis")]))
    (suspect,) = result.suspects
    assert suspect.index == 6 and suspect.duplicate_of == 3
    assert "mark" in suspect.reason


def test_zero_width_and_curly_quotes_match_but_output_keeps_bytes() -> None:
    original = "Officials said the \u201cplan\u201d was agreed late on Tuesday night after talks."
    copy = 'Officials said the "plan" was ag\u200breed late on Tuesday night after talks.'
    text = per_line([TITLE, original, copy])
    assert clean(text).cleaned == per_line([TITLE, original])


def test_templated_lines_sharing_a_tail_are_kept() -> None:
    lines = [
        "Job cuts: what they said",
        "E. Hall, who spoke in York on Friday, said 28 jobs would go by 2006.",
        "C. Brown, who spoke in York on Wednesday, said 25 jobs would go by 2011.",
        "L. Brown, who spoke in Glasgow on Thursday, said 8 jobs would go by 2006.",
    ]
    text = per_line(lines)
    assert clean(text).cleaned == text


def test_trailing_spaces_of_a_removed_copy_go_with_it() -> None:
    text = per_line([*ARTICLE, P[4] + "  "])
    assert clean(text).cleaned == per_line(ARTICLE)


def test_dash_at_line_start_inside_wrapped_prose_is_not_a_list() -> None:
    raw = (
        "They would take their breasts, imaginary breasts, in both hands\n"
        "- in their hands and wiggle them, she told the committee on Monday\n"
        "afternoon.\n"
    )
    from dedupe_cli.segment import split_paragraphs

    assert len(split_paragraphs(raw)) == 1


def test_unchanged_half_of_a_split_lookalike_stays() -> None:
    quote = (
        '"Conspiracy theories are always fun - fun to invent, fun to read, fun to fantasise about."'
    )
    first = "Writing his Christmas message in the Northern Echo, the Bishop said:"
    text = per_line([TITLE, first, quote, P[0], first.replace("Northern", "Wright"), quote])
    result = clean(text)
    assert result.cleaned == text
    assert {s.index for s in result.suspects} >= {4, 5}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("costing", "saving"),
        ("stay shut", "stay open"),
        ("legal", "illegal"),
        ("increase", "decrease"),
        ("rise", "rose"),
        ("win", "won"),
        ("ever", "never"),
    ],
)
def test_a_changed_word_that_is_a_real_word_is_a_fact(old: str, new: str) -> None:
    base = (
        f"Officials said the decision to {old} the harbour fees would not be revisited "
        "before the end of the season, according to the council."
    )
    changed = base.replace(old, new, 1)
    text = per_line([TITLE, base, *P[:2], changed])
    assert clean(text).cleaned == text


@pytest.mark.parametrize(
    ("word", "typo"), [("council", "coucnil"), ("season", "seasn"), ("revisited", "revisitted")]
)
def test_a_typo_is_still_a_copy(word: str, typo: str) -> None:
    base = (
        "Officials said the decision to raise the harbour fees would not be revisited "
        "before the end of the season, according to the council."
    )
    text = per_line([TITLE, base, *P[:2], base.replace(word, typo)])
    assert clean(text).cleaned == per_line([TITLE, base, *P[:2]])


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


def test_cleaning_twice_changes_nothing_more() -> None:
    mayor = "The mayor said the bridge would reopen next spring."
    traffic = "Traffic was diverted through the old town."
    text = f"{mayor}\n\n{traffic} {mayor}\n\n{mayor} {mayor}"
    once = clean(text).cleaned
    assert clean(once).cleaned == once
    assert once == f"{mayor}\n\n{traffic}"


def test_restart_glued_after_a_full_stop_is_cut() -> None:
    # the scrape jumped back into P[0] ("...for a third day, the coastguard said.")
    restart = "the coastguard said."
    text = per_line([TITLE, P[0], P[1], P[2] + " " + restart, *P[1:3]])
    assert clean(text).cleaned == per_line([TITLE, *P[:3]])


def test_a_removed_copy_inside_a_block_keeps_the_blank_line_after_it() -> None:
    wrapped_block = textwrap.fill(P[3], 60) + "\n" + textwrap.fill(P[1], 60)
    text = "\n\n".join([TITLE, P[0], P[1], wrapped_block, P[4]]) + "\n"
    expected = "\n\n".join([TITLE, P[0], P[1], textwrap.fill(P[3], 60), P[4]]) + "\n"
    assert clean(text).cleaned == expected


def test_templated_lines_sharing_a_long_ending_keep_it() -> None:
    lines = [
        "Markets: how shares moved",
        "Shares in Diageo climbed 2% to 310p after the firm reported results for the third "
        "quarter.",
        "Shares in BT slipped 8% to 206p after the firm reported results for the fourth quarter.",
        "Shares in Rolls-Royce slipped 6% to 634p after the firm reported results for the third "
        "quarter.",
    ]
    text = per_line(lines)
    assert clean(text).cleaned == text


def test_a_name_two_letters_away_is_another_person() -> None:
    base = "The Queen will also host a reception for survivors at St James's Palace on Friday."
    other = base.replace("Palace", "Jones")
    text = per_line([TITLE, base, *P[:2], other])
    assert clean(text).cleaned == text


def test_a_copy_with_typos_every_few_words_is_found_by_its_rare_words() -> None:
    heavy = (
        "Harbour mastre Jane Ross siad the entrance woudl stay shut untill the swell "
        "dropped, probabyl not before Saturday mornign."
    )
    text = per_line([*ARTICLE, heavy])
    result = clean(text)
    assert result.cleaned == per_line(ARTICLE)
    assert result.removed[0].duplicate_of == 3


def test_swapped_numbers_are_a_different_result() -> None:
    base = (
        "Fulham were beaten last weekend (2-1 defeat at home to Arsenal) and now face a "
        "difficult trip to the north of England."
    )
    text = per_line([TITLE, base, *P[:2], base.replace("2-1", "1-2")])
    assert clean(text).cleaned == text


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=120), st.data())
def test_sources_in_one_pass_agree_with_word_by_word(seq: list[str], data) -> None:
    from dedupe_cli.align import Words as _Words
    from dedupe_cli.models import Paragraph

    text = " ".join(seq)
    doc = _Words([Paragraph(0, 0, len(text), text)], 5)
    a = data.draw(st.integers(0, len(seq) - 1))
    b = data.draw(st.integers(a, len(seq)))
    assert doc.sources(a, b) == [doc.source(t) for t in range(a, b)]


def test_restart_that_begins_with_a_currency_sign_is_cut_whole() -> None:
    base = "The producers bought Flight into Danger for $600 (£318) and it was shown in 1956."
    restart = "$600 (£318) and it was shown in 1956."
    text = per_line([TITLE, P[0], base + " " + restart, P[1]])
    assert clean(text).cleaned == per_line([TITLE, P[0], base, P[1]])


def test_a_long_copy_glued_mid_sentence_is_cut() -> None:
    body = " ".join(P)  # one long paragraph, no paragraph breaks
    glued = body + " and then " + body  # the restart comes mid-sentence
    text = per_line([TITLE, glued])
    result = clean(text)
    assert result.cleaned == per_line([TITLE, body + " and then"])


def test_a_long_copy_that_stops_mid_word_is_cut() -> None:
    body = " ".join(P)
    text = per_line([TITLE, body + " " + body[:-12]])  # the copy stops inside a word
    assert clean(text).cleaned == per_line([TITLE, body])
