"""What the detector's results say: the fields of removals and suspects, settings, tracing.

What is removed from which article is in the case files (tests/cases/detector,
run by test_detector_cases.py); these tests are about the API around it.
"""

from __future__ import annotations

from dedupe_cli import clean
from dedupe_cli.config import DedupeConfig
from dedupe_cli.dedupe import clean_text
from dedupe_cli.segment import split_paragraphs

TITLE = "Storm closes harbour for third day"
P = [
    "Fishing boats stayed tied up in Port Alder on Thursday as a storm kept the harbour "
    "closed for a third day, the coastguard said.",
    "Harbour master Jane Ross said the entrance would stay shut until the swell dropped, "
    "probably not before Saturday morning.",
    "Local traders say the closure is costing them thousands of pounds a day, with fresh "
    "catches going to rival ports further south.",
]
ARTICLE = [TITLE, *P]


def per_line(paras: list[str]) -> str:
    return "\n".join(paras) + "\n"


def test_a_removal_quotes_its_text_and_locates_it_and_its_source() -> None:
    text = per_line([*ARTICLE, P[1]])
    (removal,) = clean(text).removed
    assert (removal.index, removal.duplicate_of) == (4, 2)
    assert (removal.similarity, removal.reason, removal.rule) == (100.0, "exact", "exact-repeat")
    assert removal.text == P[1] == text[removal.start : removal.end]
    assert text[removal.source_start : removal.source_end] == P[1]
    assert removal.source_end <= removal.start


def test_a_cut_out_piece_is_reported_as_a_partial_copy() -> None:
    unique = "Ferries to the islands were cancelled as well."
    result = clean(per_line([*ARTICLE, unique + " " + P[2]]))
    (removal,) = result.removed
    assert removal.reason == "partial copy" and removal.text == P[2]
    assert result.cleaned == per_line([*ARTICLE, unique])
    assert result.kept == len(result.paragraphs)  # the paragraph survives in part


def test_a_kept_lookalike_is_a_suspect_whose_reason_names_the_changed_word() -> None:
    result = clean(per_line([*ARTICLE, P[1].replace("Jane Ross", "Mark Ellis")]))
    assert result.removed == ()
    (suspect,) = result.suspects
    assert (suspect.index, suspect.duplicate_of) == (4, 2)
    assert "mark" in suspect.reason


def test_near_duplicates_report_their_differences() -> None:
    typo = P[1].replace("entrance", "entrnace")
    (removal,) = clean(per_line([*ARTICLE, typo])).removed
    assert removal.rule == "near-duplicate" and removal.similarity < 100
    differences = {(d.kind, d.copy, d.kept) for d in removal.differences}
    assert ("typo", "entrnace", "entrance") in differences


def test_the_threshold_argument_is_the_config_threshold() -> None:
    typo = P[1].replace("entrance", "entrnace")
    text = per_line([*ARTICLE, typo])
    similarity = clean(text).removed[0].similarity  # rounded to 0.1
    assert clean(text, threshold=similarity - 0.1).removed
    assert not clean(text, threshold=similarity + 0.1).removed
    assert clean(text, threshold=95).removed == clean_text(text, DedupeConfig(95.0)).removed


def test_tracing_records_the_rules_tried_without_changing_the_result() -> None:
    text = per_line([*ARTICLE, P[1], P[0].replace("Alder", "Ashby")])
    plain, traced = clean_text(text), clean_text(text, tracing=True)
    assert plain.trace == ()
    assert (traced.cleaned, traced.removed, traced.suspects) == (
        plain.cleaned,
        plain.removed,
        plain.suspects,
    )
    accepted = {(a.paragraph, a.rule) for a in traced.trace if a.accepted}
    assert (4, "exact-repeat") in accepted
    assert any(a.paragraph == 5 and not a.accepted for a in traced.trace)


def test_a_dash_starting_a_line_inside_wrapped_prose_does_not_start_a_list() -> None:
    """The detector compares paragraphs, so a wrapped sentence must stay one."""
    raw = (
        "They would take their breasts, imaginary breasts, in both hands\n"
        "- in their hands and wiggle them, she told the committee on Monday\n"
        "afternoon.\n"
    )
    assert len(split_paragraphs(raw)) == 1
