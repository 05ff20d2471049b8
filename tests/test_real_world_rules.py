"""Rules fixed on real pages (issue 12): each test is one class of wrong removal or missed copy."""

from __future__ import annotations

from dedupe_cli.dedupe import clean_text

TOWN = "Residents packed the town hall on Thursday evening, and the meeting ran well past its end."
TIMETABLE = (
    "The timetable was agreed after months of talks between the operator, the island council "
    "and the harbour authority, and it will be reviewed again before the winter season begins."
)


def test_exact_long_paragraph_after_a_lookalike_paragraph_is_removed() -> None:
    text = "\n\n".join(
        [
            TOWN,
            "The ferry to the island leaves the harbour at nine o'clock every morning.",
            TIMETABLE,
            "Local businesses have been asked to submit their comments by the end of the month.",
            "The ferry to the island leaves the harbour at ten o'clock every morning.",
            TIMETABLE,
        ]
    )
    result = clean_text(text + "\n")
    assert "ten o'clock" in result.cleaned  # the lookalike is its own fact
    assert result.cleaned.count(TIMETABLE) == 1
    assert [r.rule for r in result.removed] == ["exact-repeat"]


def test_unchanged_line_after_a_lookalike_line_of_one_block_stays() -> None:
    first = "Writing his Christmas message in the Northern Echo, the Bishop said:"
    quote = '"Conspiracy theories are always fun - fun to invent, fun to read, fun to share."'
    text = "\n".join([TOWN, first, quote, first.replace("Northern", "Wright"), quote]) + "\n"
    assert clean_text(text).cleaned == text


def test_titles_in_a_row_that_differ_by_a_word_are_all_kept() -> None:
    titles = ["The best sequels", "Our top three", "The Godfather Part III", "The Godfather"]
    text = "\n\n".join([*titles, TOWN]) + "\n"
    assert clean_text(text).cleaned == text


def test_headings_that_differ_by_a_roman_numeral_are_all_kept() -> None:
    for titles in (
        ["A history of the canal", "More in this series", "Part III", "Part II", "Part I"],
        ["Kings of England", "Our series", "Henry VII", "Henry VIII"],
        ["Les rois", "Notre série", "Louis XIV", "Louis XV", "Louis XVI"],
        ["Geschichte", "Mehr dazu", "Teil III", "Teil II", "Teil I"],
    ):
        text = "\n\n".join([*titles, TOWN]) + "\n"
        assert clean_text(text).cleaned == text, titles


def test_a_number_is_never_the_cut_short_end_of_another() -> None:
    line = "Quarterly sales at the group's stores rose by"
    text = "\n\n".join([TOWN, f"{line} 25", "Staff were told on Monday.", f"{line} 2"]) + "\n"
    assert clean_text(text).cleaned == text


def test_templated_entries_keep_their_shared_tail() -> None:
    tail = (
        "Konzern übermittelt Ihre personenbezogenen Daten in die USA. Die Rechtsgrundlage für "
        "die Datenübermittlung in die USA ist Ihre Einwilligung gemäß Art. 49 Abs 1 lit a "
        "iVm Art. 6 Abs 1 lit a DSGVO, die Sie jederzeit widerrufen können."
    )
    text = "\n\n".join(
        [
            "Facebook Pixel",
            f"Rechtsgrundlage für die Übermittlung in die USA: Der Facebook {tail}",
            "YouTube",
            f"Der Dienst Youtube wird Ihnen nicht zur Verfügung gestellt Rechtsgrundlage für"
            f" die Datenübermittlung in die USA: Der Google {tail}",
        ]
    )
    result = clean_text(text + "\n")
    assert result.cleaned == text + "\n"


def test_entries_opening_with_the_same_label_keep_their_shared_sentences() -> None:
    shared = (
        "The legal basis for the data transfer to the USA is your consent under Art. 49 GDPR. "
        "The USA does not have a level of data protection that meets EU standards. "
        "US intelligence services can access your data without you being informed of it."
    )
    text = "\n\n".join(
        [
            "Privacy settings",
            f"Purpose: error analysis and statistics of our website visits. {shared}",
            f"Purpose: playing videos from the YouTube service on our pages. {shared}",
        ]
    )
    result = clean_text(text + "\n")
    assert result.cleaned == text + "\n"
