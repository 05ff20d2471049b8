"""`teaser-repeat`: a lead the next paragraph repeats in full goes; anything else it says stays.

The one rule that removes the earlier copy, so its explanation names a source
after the removal; and the riskiest one ("said" and "denied" differ by one
word), so a property test holds it to containment: a teaser with any of its
words changed, or a negation added, is never removed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_explanations import assert_explanations_true

from dedupe_cli.config import DEFAULT_CONFIG, DedupeConfig, TeaserConfig
from dedupe_cli.dedupe import clean_text
from dedupe_cli.lexicon import POLARITY_WORDS
from dedupe_cli.render import removal_dict
from dedupe_cli.render_explain import render_explain, render_explain_json
from dedupe_cli.rules_teaser import REPORTING, TEASER, containment
from dedupe_cli.segment import words

CASES = Path(__file__).resolve().parent / "cases" / "detector"
TITLE = "Pensions to rise in April"
LEAD = "Ministers have agreed to raise the state pension by 4.1 per cent from April, the Treasury"
TEASER_TEXT = f"{LEAD} said on Wednesday."
BODY = f"{LEAD} announced on Wednesday, ending weeks of speculation."
REST = [
    "The increase will be paid automatically and pensioners do not need to apply for it.",
    "Charities for older people welcomed the rise but said it came too late for this winter.",
]


def article(teaser: str = TEASER_TEXT, body: str = BODY, *more: str) -> str:
    return "\n\n".join([TITLE, teaser, body, *REST, *more]) + "\n"


def test_a_reworded_lead_goes_and_its_source_is_the_body_paragraph_after_it() -> None:
    text = article()
    result = clean_text(text)
    assert TEASER_TEXT not in result.cleaned
    assert BODY in result.cleaned
    (r,) = result.removed
    assert (r.index, r.duplicate_of, r.rule) == (1, 2, TEASER)
    assert r.end <= r.source_start  # the source comes after the removal
    assert text[r.source_start : r.source_end] == f"{LEAD} announced on Wednesday"
    assert r.similarity >= DEFAULT_CONFIG.threshold
    assert [(d.kind, d.copy, d.kept) for d in r.differences] == [("variant", "said", "announced")]
    assert_explanations_true(result)


def test_explain_and_json_show_the_teaser_rule_and_its_later_source() -> None:
    result = clean_text(article(), tracing=True)
    shown = render_explain("a.txt", result)
    assert "removed by teaser-repeat: it copies ¶3" in shown
    assert "the earlier, shorter copy goes" in shown
    data = json.loads(render_explain_json("a.txt", result, only=1))
    (entry,) = data["paragraphs"]
    (removal,) = entry["removed"]
    assert removal["rule"] == TEASER and removal["source"]["paragraph"] == 2
    assert removal_dict(result.removed[0])["differences"][0]["kind"] == "variant"


def test_a_related_article_teaser_of_the_lead_loses_the_copy_and_keeps_its_glued_date() -> None:
    lead = "Strava wertet sein Routen-Tool auf: die Karten zeigen nun die beliebtesten Orte."
    text = "\n\n".join([lead, *REST, f"26.01.2022{lead}", "24.01.2022Die BIKE-Umfrage läuft."])
    result = clean_text(text + "\n")
    (r,) = result.removed
    assert (r.text, r.duplicate_of, r.rule, r.similarity) == (lead, 0, TEASER, 100.0)
    assert "related-article teaser" in r.reason
    assert "\n26.01.2022\n" in result.cleaned
    assert_explanations_true(result)


def test_a_kept_teaser_says_why_in_explain() -> None:
    denied = TEASER_TEXT.replace("said", "denied")
    result = clean_text(article(denied), tracing=True)
    assert denied in result.cleaned
    assert "- teaser-repeat vs ¶3: kept: 'denied' is not in the next paragraph" in render_explain(
        "a.txt", result
    )


def test_at_threshold_100_a_reworded_teaser_stays_and_an_exact_one_goes() -> None:
    strict = DedupeConfig(threshold=100.0)
    assert clean_text(article(), strict).cleaned == article()
    exact = f"{LEAD} said on Wednesday."
    text = article(exact, f"{exact} It ends weeks of speculation about the budget.")
    assert [r.rule for r in clean_text(text, strict).removed] == [TEASER]


@pytest.mark.parametrize(
    "credit",
    ["Foto: dpa/Marcus Brandt", "Aufnahme: Marcus Brandt"],
    ids=["caption-repeat-takes-the-copy", "unknown-credit-both-stay"],
)
def test_a_copy_of_the_lead_with_a_credit_after_it_does_not_make_the_lead_a_teaser(
    credit: str,
) -> None:
    lead = "Tausende Menschen haben am Samstag in der Hamburger Innenstadt demonstriert."
    caption = f"{lead} {credit}"
    text = "\n\n".join(["Klimademo in Hamburg", lead, caption, *REST]) + "\n"
    assert TEASER not in {r.rule for r in clean_text(text).removed}
    assert lead in clean_text(text).cleaned.split("\n\n")


def test_a_paragraph_longer_than_teaser_max_words_is_body_text_not_a_teaser() -> None:
    short = DedupeConfig(teaser=TeaserConfig(max_words=len(words(TEASER_TEXT)) - 1))
    assert clean_text(article(), short).cleaned == article()


def test_a_teaser_repeated_later_too_leaves_the_body_and_true_explanations() -> None:
    # round 1: the later copy goes as a copy of the lead, so the lead (its source) stays;
    # round 2 sees the lead before its body and removes it: the body is the one copy left
    result = clean_text(article(TEASER_TEXT, BODY, TEASER_TEXT))
    assert TEASER_TEXT not in result.cleaned
    assert result.cleaned.count(BODY) == 1
    assert [(r.index, r.duplicate_of) for r in result.removed] == [(1, 2), (5, 2)]
    assert_explanations_true(result)


def test_the_body_may_not_add_a_negation_in_the_teasers_sentence() -> None:
    body = f"{LEAD} announced on Wednesday, but not before the budget."
    assert clean_text(article(TEASER_TEXT, body)).cleaned == article(TEASER_TEXT, body)


def test_containment_allows_one_reporting_verb_swap_in_the_trailing_clause_only() -> None:
    teaser = words("Police said the man was arrested on Monday, the ministry said.")
    body = words("Police confirmed the man was arrested on Monday, the ministry said.")
    ends = [len(body)]
    assert isinstance(containment(teaser, body, ends, 9, True, DEFAULT_CONFIG), str)
    found = containment(teaser, body, ends, 0, True, DEFAULT_CONFIG)
    assert not isinstance(found, str) and found.end == len(body)


def test_a_word_for_word_copy_must_end_where_a_sentence_of_the_body_ends() -> None:
    teaser = words("Heute gilt Achtsamkeit als Megatrend, doch viele verwechseln sie")
    body = words("Heute gilt Achtsamkeit als Megatrend, doch viele verwechseln sie mit Eile.")
    assert isinstance(containment(teaser, body, [len(body)], 0, False, DEFAULT_CONFIG), str)
    longer = [*body, *words("Das ist ein Fehler, den auch Fachleute oft machen.")]
    found = containment(body, longer, [len(body), len(longer)], 0, False, DEFAULT_CONFIG)
    assert not isinstance(found, str) and found.similarity == 100.0


@pytest.mark.parametrize("case", sorted(CASES.glob("teaser-repeat-*.txt")), ids=lambda p: p.stem)
def test_teaser_case_removals_are_explained_truly(case: Path) -> None:
    text = case.read_text(encoding="utf-8").partition("\n---\n")[2].partition("\n# output\n")[0]
    result = clean_text(text)
    assert TEASER in {r.rule for r in result.removed}
    assert_explanations_true(result)


def test_a_two_word_verb_swap_needs_a_teaser_of_twenty_words() -> None:
    lead = "Die Regierung will die Renten zum 1. Juli um 4,6 Prozent erhöhen"
    short = words(f"{lead}, teilte das Ministerium mit.")
    body = words(f"{lead}, kündigte das Ministerium an.")
    refused = containment(short, body, [len(body)], 13, True, DEFAULT_CONFIG)
    assert refused == "'teilte mit' is too much of a 17-word teaser to swap"
    more = " für Arbeit und Soziales am Mittwoch"
    longer = words(f"{lead}, teilte das Ministerium{more} mit.")
    body = words(f"{lead}, kündigte das Ministerium{more} an.")
    assert not isinstance(containment(longer, body, [len(body)], 13, True, DEFAULT_CONFIG), str)


def test_denying_and_refusing_verbs_are_not_reporting_verbs() -> None:
    spoken = {w for phrase in REPORTING for w in phrase}
    refusals = "denied refused rejected dementierte bestritt démenti refusé zaprzeczył negó"
    assert spoken.isdisjoint(words(refusals))


# -- property: containment, whatever the words -----------------------------------------------

DE_WHO = "das Ministerium für Arbeit und Soziales am Mittwoch in Berlin"
"""(A two-word verb swap needs a teaser of 20 words: `teaser.swap_words_per`.)"""
TEMPLATES = {
    "en": (
        ["Ministers", "The council", "Regional officials", "The board of the company"],
        [
            "have agreed to raise the state pension",
            "will close the harbour road",
            "plan to sell the old town hall",
            "voted to extend the school holidays",
        ],
        ["from April", "by the end of the year", "for two weeks", "after the summer"],
        "{claim} {when}, the mayor said on Wednesday.",
        "{claim} {when}, the mayor announced on Wednesday, ending weeks of speculation.",
    ),
    "de": (
        ["Die Regierung", "Der Stadtrat", "Die Landesregierung"],
        [
            "will die Renten erhöhen",
            "will die Hafenstraße sperren",
            "will das alte Rathaus verkaufen",
        ],
        ["ab April", "bis Ende des Jahres", "für zwei Wochen"],
        "{claim} {when}, teilte " + DE_WHO + " mit.",
        "{claim} {when}, kündigte " + DE_WHO + " an.",
    ),
    "fr": (
        ["Le gouvernement", "Le conseil municipal", "La région"],
        [
            "va revaloriser les retraites",
            "va fermer la route du port",
            "va vendre l'ancienne mairie",
        ],
        ["dès avril", "avant la fin de l'année", "pendant deux semaines"],
        "{claim} {when}, a annoncé mercredi le ministère.",
        "{claim} {when}, a confirmé mercredi le ministère, après des semaines de rumeurs.",
    ),
    "pl": (
        ["Rząd", "Rada miasta", "Zarząd województwa"],
        ["podniesie emerytury", "zamknie drogę do portu", "sprzeda stary ratusz"],
        ["od kwietnia", "do końca roku", "na dwa tygodnie"],
        "{claim} {when}, poinformowało w środę ministerstwo.",
        "{claim} {when}, ogłosiło w środę ministerstwo, kończąc tygodnie spekulacji.",
    ),
}
OTHER_WORDS = ["Leeds", "seven", "Brücke", "doubled", "Tuesday", "2031", "annulé", "Kraków"]
NEGATIONS = sorted(w for w in POLARITY_WORDS if len(w) > 1)
_VERBS = {w for phrase in REPORTING for w in phrase}


@st.composite
def teasers(draw: st.DrawFn) -> tuple[str, str]:
    """A lead and a body paragraph that repeats it with another reporting verb, and more."""
    subjects, actions, whens, lead, body = TEMPLATES[draw(st.sampled_from(sorted(TEMPLATES)))]
    claim = f"{draw(st.sampled_from(subjects))} {draw(st.sampled_from(actions))}"
    when = draw(st.sampled_from(whens))
    return lead.format(claim=claim, when=when), body.format(claim=claim, when=when)


def _removed(teaser: str, body: str) -> bool:
    return teaser not in clean_text(article(teaser, body)).cleaned


@settings(max_examples=40, deadline=None)
@given(teasers())
def test_an_unchanged_reworded_teaser_is_removed(pair: tuple[str, str]) -> None:
    assert _removed(*pair)  # (so the properties below are not true of a rule that does nothing)


@settings(max_examples=150, deadline=None)
@given(teasers(), st.data())
def test_a_teaser_with_any_word_changed_is_never_removed(
    pair: tuple[str, str], data: st.DataObject
) -> None:
    teaser, body = pair
    mine = teaser.rstrip(".").split()
    k = data.draw(st.sampled_from([k for k, w in enumerate(mine) if w.strip(",") not in _VERBS]))
    other = data.draw(st.sampled_from([w for w in OTHER_WORDS if w not in body]))
    mine[k] = other + ("," if mine[k].endswith(",") else "")
    assert not _removed(" ".join(mine) + ".", body)


@settings(max_examples=150, deadline=None)
@given(teasers(), st.data())
def test_a_teaser_with_a_negation_added_is_never_removed(
    pair: tuple[str, str], data: st.DataObject
) -> None:
    teaser, body = pair
    mine = teaser.split()
    k = data.draw(st.integers(1, len(mine) - 1))
    mine.insert(k, data.draw(st.sampled_from(NEGATIONS)))
    assert not _removed(" ".join(mine), body)
