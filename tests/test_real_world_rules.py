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


@pytest.mark.xfail(strict=True, reason="issue 12: caption furniture not recognised")
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


# --- known failures found by the held-out probes --------------------------------------------

BOY = "पुलिस ने बताया कि नाव पलटने से लापता हुआ लड़का दस साल का है और उसकी तलाश जारी है।"
GIRL = "पुलिस ने बताया कि नाव पलटने से लापता हुई लड़की दस साल की है और उसकी तलाश जारी है।"
HINDI_FILLER = "मुख्यमंत्री ने प्रभावित ज़िलों का हवाई सर्वेक्षण किया।"


@pytest.mark.xfail(strict=True, reason="issue 12: vowel-sign changes accepted as typos")
@pytest.mark.parametrize("other", [GIRL, BOY.replace("लड़का", "लड़की")], ids=["girl", "one-sign"])
def test_a_hindi_word_changed_by_its_vowel_sign_is_another_word(other: str) -> None:
    # लड़का/लड़की (boy/girl), हुआ/हुई, का/की: gender is carried by the vowel sign
    assert _kept(_article("बाढ़", BOY, HINDI_FILLER, other))


NORTH = (
    "The northbound carriageway of the M6 will be closed between junctions 16 and 17 "
    "from 9pm on Friday until 6am on Monday for resurfacing work."
)
SOUTH = NORTH.replace("northbound", "southbound")


@pytest.mark.xfail(strict=True, reason="issue 12: 'southbound' taken for a typo of 'northbound'")
def test_a_lookalike_with_another_direction_keeps_one_copy_of_each() -> None:
    text = _article("Roadworks", NORTH, SOUTH, TOWN, "Key closures", NORTH, SOUTH)
    cleaned = clean_text(text).cleaned
    assert (cleaned.count(NORTH), cleaned.count(SOUTH)) == (1, 1)


@pytest.mark.xfail(strict=True, reason="issue 12: headings with list labels taken for copies")
def test_headings_that_differ_by_a_list_label_are_all_kept() -> None:
    assert _kept(
        _article(
            "Mark scheme: Paper 2, Section B",
            "Question 4 a)",
            "Award one mark for a correct definition of opportunity cost.",
            "Question 4 b)",
            "Award up to three marks for a diagram showing the shift in the supply curve.",
        )
    )


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


@pytest.mark.xfail(strict=True, reason="issue 12: a teaser repeated inside a longer paragraph")
def test_a_teaser_repeated_at_the_start_of_the_first_body_paragraph_goes_once() -> None:
    cleaned = clean_text(_article("Outage", TEASER, "By Tom Pascoe", f"{TEASER} {NEW}")).cleaned
    assert cleaned.count(TEASER) == 1 and NEW in cleaned


RAIN = "तेज़ बारिश के कारण मुंबई के कई निचले इलाक़ों में पानी भर गया है।"


@pytest.mark.xfail(strict=True, reason="issue 12: the danda (।) does not end a sentence")
def test_a_hindi_sentence_repeated_inline_goes() -> None:
    line = (
        f"मौसम विभाग ने रेड अलर्ट जारी किया है। {RAIN} नगर निगम ने स्कूलों में छुट्टी घोषित कर दी है।"
        f" {RAIN} अंधेरी सबवे को बंद कर दिया गया है।"
    )
    cleaned = clean_text(_article("मुंबई", line)).cleaned
    assert cleaned.count(RAIN) == 1 and "अंधेरी सबवे को बंद कर दिया गया है।" in cleaned
