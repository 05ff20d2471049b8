"""Sentence splitter: the cases news text throws at it, and hostile input."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_cli.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones and Mrs. Brown. They talked.",
            ["Mr. Smith met Dr. Jones and Mrs. Brown.", "They talked."],
        ),
        (
            "Gen. Mills and Sen. Warren spoke at St. Paul's. Crowds came.",
            ["Gen. Mills and Sen. Warren spoke at St. Paul's.", "Crowds came."],
        ),
        (
            "J. K. Rowling wrote it. George W. Bush read it.",
            ["J. K. Rowling wrote it.", "George W. Bush read it."],
        ),
        (
            "Profits rose to $1.13bn, up 3.5% on 2003. Shares fell.",
            ["Profits rose to $1.13bn, up 3.5% on 2003.", "Shares fell."],
        ),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        ("He flew to the U.S. The trip was long.", ["He flew to the U.S.", "The trip was long."]),
        (
            "Acme Inc. said profits fell. Acme Ltd. agreed.",
            ["Acme Inc. said profits fell.", "Acme Ltd. agreed."],
        ),
        ("He works at Acme Co. The firm grew.", ["He works at Acme Co.", "The firm grew."]),
        (
            "Fruit, e.g. Apples, i.e. red ones. Done.",
            ["Fruit, e.g. Apples, i.e. red ones.", "Done."],
        ),
        ("It opened on Jan. 5 at No. 10 Downing St. in London.", None),
        (
            "Books, pens etc. were sold. Nothing else.",
            ["Books, pens etc. were sold.", "Nothing else."],
        ),
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        ("'Why?' he asked. 'Because,' she said.", ["'Why?' he asked.", "'Because,' she said."]),
        ("It was over.' He left.", ["It was over.'", "He left."]),
        (
            "He paused... Then he spoke... and stopped.",
            ["He paused...", "Then he spoke... and stopped."],
        ),
        ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
        ("'We will win.' he said. They lost.", ["'We will win.' he said.", "They lost."]),
        ("He waited\u2026 Then left.", ["He waited\u2026", "Then left."]),
        (
            "Army Spc. Caleb Barnes was held. He denies it.",
            ["Army Spc. Caleb Barnes was held.", "He denies it."],
        ),
        ("He said no. Then left.", ["He said no.", "Then left."]),
    ],
)
def test_splits_news_sentences(text: str, expected: list[str] | None) -> None:
    assert split_sentences(text) == (expected if expected is not None else [text])


def test_headline_line_is_its_own_sentence() -> None:
    text = "Ad sales boost Time Warner profit\n\nQuarterly profits rose. Sales fell.\n"
    assert split_sentences(text) == [
        "Ad sales boost Time Warner profit",
        "Quarterly profits rose.",
        "Sales fell.",
    ]


def test_line_break_ends_sentence_even_without_full_stop() -> None:
    text = "Wagner leaves Mali\nRussian mercenaries claim success\nThe group said so."
    assert split_sentences(text) == [
        "Wagner leaves Mali",
        "Russian mercenaries claim success",
        "The group said so.",
    ]


def test_hard_wrapped_paragraph_is_joined() -> None:
    text = (
        "The Wagner Group, a Russian paramilitary organization, has revealed\n"
        "its decision to withdraw from Mali. Soldiers retreated from a key base,\n"
        "Officials said, after a surge in attacks.\n"
        "Next paragraph here."
    )
    assert split_sentences(text) == [
        "The Wagner Group, a Russian paramilitary organization, has revealed\n"
        "its decision to withdraw from Mali.",
        "Soldiers retreated from a key base,\nOfficials said, after a surge in attacks.",
        "Next paragraph here.",
    ]


_PARAGRAPH = (
    "The Wagner Group, a Russian paramilitary organization, has revealed its decision to "
    "withdraw from Mali, citing the achievement of its primary mission against Islamist "
    "militants in the country. Officials in Bamako said Mr. Diallo and Gen. Keita met "
    "Russian envoys on Tuesday. George W. Bush was not there."
)
_PARAGRAPH_SENTENCES = [
    "The Wagner Group, a Russian paramilitary organization, has revealed its decision to "
    "withdraw from Mali, citing the achievement of its primary mission against Islamist "
    "militants in the country.",
    "Officials in Bamako said Mr. Diallo and Gen. Keita met Russian envoys on Tuesday.",
    "George W. Bush was not there.",
]


@pytest.mark.parametrize("width", [60, 66, 72, 80])
def test_paragraph_wrapped_at_any_width_splits_like_the_unwrapped_one(width: int) -> None:
    """Wrapped lines often start with a capital (Russian, Diallo, Bush): the
    shape of the paragraph, not just a lowercase start, shows the wrap."""
    wrapped = textwrap.fill(_PARAGRAPH, width)
    assert "\n" in wrapped
    assert [" ".join(s.split()) for s in split_sentences(wrapped)] == _PARAGRAPH_SENTENCES


def test_title_case_headline_above_wrapped_paragraph_stays_separate() -> None:
    headline = "Wagner Group Announces Withdrawal from Mali Amid Ongoing Violence"
    sentences = split_sentences(headline + "\n" + textwrap.fill(_PARAGRAPH, 72))
    assert sentences[0] == headline
    assert len(sentences) == 4


def test_short_lines_are_not_taken_as_wrapped() -> None:
    text = "Wagner quits Mali\nRussia keeps troops there\nAfrica Corps takes over."
    assert len(split_sentences(text)) == 3


def test_wrapped_line_ending_in_full_stop_is_not_joined() -> None:
    assert split_sentences("It ended.\nthen lowercase starts a new line") == [
        "It ended.",
        "then lowercase starts a new line",
    ]


def test_blank_line_always_separates() -> None:
    assert split_sentences("a headline\n\nlowercase body.") == ["a headline", "lowercase body."]


def test_spans_point_into_the_text() -> None:
    text = "  First one.   Second one!  \n\n Third "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third"]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "." * 1_000_000,
        '"' * 500_000,
        " " * 1_000_000,
        ". " * 300_000,
        "A." * 300_000,
        '."' * 300_000,
        "Mr. " * 200_000,
        "x\n" * 300_000,
        "." + " " * 500_000 + "A",
    ],
)
def test_adversarial_inputs_finish(text: str) -> None:
    spans = sentence_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)


_PIECES = [*"abcAB .!?\"'\n\u2026,09", "Mr.", "U.S.", "...", "\n\n", "e.g. ", "J. "]
news_text = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_spans_are_ordered_disjoint_trimmed_and_cover_every_visible_char(text: str) -> None:
    spans = sentence_spans(text)
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev_end = e
    covered = [False] * len(text)
    for s, e in spans:
        covered[s:e] = [True] * (e - s)
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


@settings(max_examples=200, deadline=None)
@given(news_text)
def test_split_sentences_matches_spans(text: str) -> None:
    assert split_sentences(text) == [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "भारत में बारिश हुई। स्कूल बंद रहे। लोग घर में रहे॥ अंत",
            ["भारत में बारिश हुई।", "स्कूल बंद रहे।", "लोग घर में रहे॥", "अंत"],
        ),
        ("বৃষ্টি হয়েছে। স্কুল বন্ধ।", ["বৃষ্টি হয়েছে।", "স্কুল বন্ধ।"]),
        ("هل أنت بخير؟ نعم، أنا بخير.", ["هل أنت بخير؟", "نعم، أنا بخير."]),
        ("یہ ایک جملہ ہے۔ یہ دوسرا ہے۔", ["یہ ایک جملہ ہے۔", "یہ دوسرا ہے۔"]),
    ],
    ids=["hindi-danda", "bengali-danda", "arabic-question-mark", "urdu-full-stop"],
)
def test_scripts_with_their_own_full_stop_split_at_it(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_a_danda_inside_a_line_without_space_after_is_no_boundary() -> None:
    # like "3.5": a boundary needs whitespace after the stop
    assert split_sentences("क।ख ग") == ["क।ख ग"]
