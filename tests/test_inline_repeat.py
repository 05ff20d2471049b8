"""`inline-repeat`: a sentence repeated inside one long paragraph (captions in a story)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_cli.dedupe import clean_text
from dedupe_cli.segment import words

BODY = (
    "Responding officers found the couple inside their home on Beaty Street in Fort Worth. "
    "Hampton was taken by ambulance to John Peter Smith Hospital but died a few hours later. "
    "Homicide Sergeant Joe Loughman said the couple had known each other since childhood. "
)


def test_caption_copy_after_a_label_is_cut_and_the_next_caption_kept() -> None:
    text = (
        BODY + "Victim: Hampton, pictured, was taken by ambulance to John Peter Smith Hospital "
        "but died a few hours later In happier times: Martin, right, is pictured with friends.\n"
    )
    result = clean_text(text)
    [cut] = [r for r in result.removed if r.rule == "inline-repeat"]
    assert cut.text == (
        "was taken by ambulance to John Peter Smith Hospital but died a few hours later"
    )
    assert "In happier times: Martin, right, is pictured with friends." in result.cleaned
    assert "Victim: Hampton, pictured," in result.cleaned
    assert result.cleaned.count("John Peter Smith Hospital") == 1
    assert text[cut.source_start : cut.source_end].startswith("was taken by ambulance")


def test_repeated_sentence_starting_after_a_full_stop_is_cut() -> None:
    text = BODY + (
        "Police have appealed for witnesses. Hampton was taken by ambulance to John Peter "
        "Smith Hospital but died a few hours later. Neighbours said they heard two shots.\n"
    )
    result = clean_text(text)
    assert result.cleaned.count("died a few hours later") == 1
    assert "Police have appealed for witnesses." in result.cleaned
    assert "Neighbours said they heard two shots." in result.cleaned


@pytest.mark.parametrize("end", [".", " as well."], ids=["same-end", "goes-on"])
def test_a_repeated_clause_inside_a_new_sentence_stays(end: str) -> None:
    # another subject: "the union" is a new fact, not a caption of the first sentence;
    # the copied words end where the source's do, so only the start refuses the cut
    text = (
        "The company said on Monday that it would appeal the ruling of the regional labour "
        "court in Leipzig. Workers gathered outside the plant for a second day. The union "
        "said on Monday that it would appeal the ruling of the regional labour court in "
        f"Leipzig{end} Talks resume next week.\n"
    )
    result = clean_text(text)
    assert result.cleaned == text


def test_the_same_sentence_in_two_paragraphs_is_not_an_inline_repeat() -> None:
    # templated entries: another entry's answer, under another heading
    entry = "Assistance dogs travel free of charge on every route we operate across the region."
    text = (
        f"Can I bring my dog on the Northern line? {entry} Other pets must stay in a carrier.\n\n"
        f"Can I bring my dog on the Coastal line? {entry} Pets are not allowed at all.\n"
    )
    result = clean_text(text)
    assert not [r for r in result.removed if r.rule == "inline-repeat"]


# -- properties -----------------------------------------------------------------------------

SENTENCES = [
    "The ladders were made from wood taken from a wrecked hut behind the kitchens.",
    "Police were called to the bar in West Palm Beach on Friday night after a report.",
    "The drug gives women with advanced cervical cancer around four months of extra life.",
    "Organisers said more than 100 performances were scheduled over the whole weekend.",
    "Mason has said he will pay back the whole sum out of his pension pot next year.",
    "The train passes very close to a number of skiers making their way down the slope.",
]
LEADS = ["", "Allen", "Her husband", "She", "The court heard", "Police said"]
JOINS = [". ", " ", ". Pictured: ", ", pictured, "]


@st.composite
def _story(draw: st.DrawFn) -> tuple[str, str]:
    """A one-paragraph story whose last sentence repeats one earlier sentence, maybe
    after a lead, glued on or cut short; returns (story, the repeat as written)."""
    body = draw(st.permutations(SENTENCES))[:4]
    src = draw(st.sampled_from(body)).rstrip(".")
    lead = draw(st.sampled_from(LEADS))
    words_ = src.split()
    cut = draw(st.integers(0, 3))
    start = draw(st.integers(0, 3))
    copy = " ".join(words_[start : len(words_) - cut])
    if lead:
        copy = f"{lead} {copy[0].lower()}{copy[1:]}"
    join = draw(st.sampled_from(JOINS))
    story = " ".join(body)[:-1] + join + copy + " Talks resume next week."
    return story + "\n", copy


@settings(max_examples=300, deadline=None)
@given(_story())
def test_an_inline_removal_only_removes_words_its_kept_source_has(case: tuple[str, str]) -> None:
    text, _copy = case
    result = clean_text(text)
    for rm in result.removed:
        assert text[rm.start : rm.end] == rm.text
        source = text[rm.source_start : rm.source_end]
        assert set(words(rm.text)) <= set(words(source)), (rm.text, source)
    for sentence in SENTENCES:
        if sentence in text:
            assert sentence.rstrip(".") in result.cleaned
    assert "Talks resume next week." in result.cleaned
