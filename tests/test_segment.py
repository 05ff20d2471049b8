"""Paragraph splitting across the three layouts, with exact offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_cli.segment import WORD_RE, normalize_text, split_paragraphs, words


def texts(raw: str) -> list[str]:
    return [p.text for p in split_paragraphs(raw)]


def test_blank_line_paragraphs() -> None:
    assert texts("One para.\n\nTwo para.\n\n\nThree.\n") == ["One para.", "Two para.", "Three."]


def test_one_paragraph_per_line_with_long_lines() -> None:
    long1 = "A " * 80 + "end."
    long2 = "B " * 80 + "end."
    assert texts(f"{long1}\n{long2}\n") == [long1, long2]


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    raw = (
        "The Wagner Group, a Russian paramilitary organization, has revealed its\n"
        "decision to withdraw from Mali, citing the achievement of its primary\n"
        "mission against Islamist militants.\n"
        "\n"
        "Second paragraph here.\n"
    )
    paras = split_paragraphs(raw)
    assert len(paras) == 2
    assert paras[0].text.endswith("militants.")
    assert paras[0].text.count("\n") == 2


def test_offsets_index_the_original() -> None:
    raw = "  Title\r\n\r\nBody text here.\r\n"
    for p in split_paragraphs(raw):
        assert raw[p.start : p.end] == p.text
    assert texts(raw) == ["Title", "Body text here."]


def test_bullets_are_separate_paragraphs() -> None:
    assert texts("- apples and pears\n- plums\n") == ["- apples and pears", "- plums"]


def test_normalisation_ignores_quotes_dashes_case_and_invisibles() -> None:
    a = "“Don’t stop” — he SAID, wag\u200bner"
    b = '"Don\'t stop" - he said, wagner'
    assert normalize_text(a) == normalize_text(b)


def test_words_keep_numbers_apart() -> None:
    assert words("Sales rose 3.5% to $1,200") == ["sales", "rose", "3", "5", "to", "1", "200"]


@given(st.text(alphabet=st.characters(max_codepoint=127, exclude_characters="&"), max_size=200))
def test_ascii_fast_path_agrees_with_the_word_pattern(text: str) -> None:
    # (no "&": an entity such as &eacute; leaves the ASCII path; tests/test_words.py)
    assert words(text) == WORD_RE.findall(text.lower())


@given(st.text(max_size=200))
def test_normalised_words_are_stable_under_renormalisation(text: str) -> None:
    # a copy of a copy must match the original: normalising twice changes nothing
    once = words(text)
    assert words(" ".join(once)) == once


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(["a", " ", "\n", "\t", "é", "\u2028", "\x0b"]), max_size=60)
)
def test_line_splitting_agrees_with_the_line_pattern(text: str) -> None:
    from dedupe_cli.segment import _LINE_RE, _lines

    expected, pos = [], 0
    while pos < len(text):
        m = _LINE_RE.match(text, pos)
        assert m is not None
        line = m.group().rstrip("\r\n")
        expected.append((pos, pos + len(line), line))
        pos = m.end()
    assert list(_lines(text)) == expected
