"""Real-page rules of issue 12 that no case file can hold yet, and its known failures.

Input -> output checks of issue 12 are case files under tests/cases/detector
(keeps-negation-*, keeps-heading-*, keeps-templated-*, keeps-tail-phrase-*,
keeps-source-*, encoding-variant-*, list-markers-*, words-*). Two kinds stay here:

- `caption-repeat`, which the case runner does not yet accept as a removing
  rule (tests/test_detector_cases.py, REMOVING_RULES);
- failures found by the held-out probes (bench/realworld/heldout.jsonl), each
  written as the detector should behave and marked as a strict xfail: when one
  starts to pass, it fails here, and belongs in a case file.
"""

from __future__ import annotations

import pytest

from dedupe_cli.dedupe import clean_text

TOWN = "Residents packed the town hall on Thursday evening, and the meeting ran well past its end."
BODY = "Firefighters worked through the night to contain the blaze at the old warehouse."
AFTER = "Police are investigating the cause."


def _article(*paragraphs: str, sep: str = "\n\n") -> str:
    return sep.join(paragraphs) + "\n"


def _kept(text: str) -> bool:
    return clean_text(text).cleaned == text


@pytest.mark.parametrize(
    "caption",
    [
        f"{BODY[:-1]} (Photo: Jane Smith/PA)",
        f"Pictured: {BODY}",
        f"{BODY} (Foto: dpa)",
        f"{BODY[:-1]} (Bild: Keystone)",
    ],
    ids=["photo-credit", "pictured-label", "foto-credit", "bild-credit"],
)
def test_a_caption_repeating_a_sentence_with_a_credit_or_label_goes(caption: str) -> None:
    result = clean_text(_article(BODY, TOWN, caption, AFTER))
    assert [r.rule for r in result.removed] == ["caption-repeat"]
    assert result.cleaned == _article(BODY, TOWN, AFTER)


@pytest.mark.parametrize(
    "caption",
    [
        f"{BODY} Foto: dpa/Marcus Brandt",  # credit without brackets (German agencies)
        f"{BODY[:-1]} (Foto ANSA)",  # credit without a colon (Italian)
        f"{BODY[:-1]} (Photo AFP)",
        f"{BODY} © Nicolas Tucat / AFP",  # copyright sign as the credit word (French)
        f"{BODY} Fot. PAP",  # Polish abbreviated credit, no brackets
        f"Foto: ANP / {BODY}",  # label followed by the agency (Dutch)
        f"Im Bild: {BODY}",  # two-word label (German)
    ],
    ids=["foto-dpa", "foto-ansa", "photo-afp", "copyright-afp", "fot-pap", "foto-anp", "im-bild"],
)
def test_a_caption_with_other_credit_or_label_furniture_goes(caption: str) -> None:
    assert clean_text(_article(BODY, TOWN, caption, AFTER)).cleaned == _article(BODY, TOWN, AFTER)


@pytest.mark.parametrize(
    ("caption", "description"),
    [
        (f"{BODY} Image: the gutted roof", "the gutted roof"),
        (f"{BODY[:-1]} (photo shows the gutted roof)", "the gutted roof"),
        (f"{BODY} © the harbour trust archive", "the harbour trust archive"),
    ],
    ids=["image-description", "photo-shows", "copyright-description"],
)
def test_a_caption_ending_in_a_description_is_not_a_credit(caption: str, description: str) -> None:
    # lowercase words after "Image:" or "©" describe the picture: news, not furniture
    assert description in clean_text(_article(BODY, TOWN, caption, AFTER)).cleaned


# --- known failures found by the held-out probes --------------------------------------------

ITEMS = ["olive oil, plus extra for drizzling", "one large onion, finely chopped"]


@pytest.mark.parametrize("marker", ["{i}. ", "{i}) "])
def test_a_bulleted_list_repeated_with_numbering_goes(marker: str) -> None:
    first = "\n".join(f"- {x}" for x in ITEMS)
    second = "\n".join(marker.format(i=i) + x for i, x in enumerate(ITEMS, 1))
    cleaned = clean_text(_article("Soup", first, TOWN, second)).cleaned
    assert [cleaned.count(x) for x in ITEMS] == [1, 1]


TEASER = (
    "Thousands of homes in Cornwall could be left without running water for up to a week "
    "after a burst main near Bodmin."
)
NEW = "Engineers are struggling to reach the damaged pipe."


def test_a_teaser_repeated_at_the_start_of_the_first_body_paragraph_goes_once() -> None:
    # passes since teaser-repeat (the lead goes; its body is after the byline)
    cleaned = clean_text(_article("Outage", TEASER, "By Tom Pascoe", f"{TEASER} {NEW}")).cleaned
    assert cleaned.count(TEASER) == 1 and NEW in cleaned
