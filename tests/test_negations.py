"""A negation or an answer word is content: adding, dropping or changing one is a new fact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_cli import clean
from dedupe_cli.align import Verdict, Words, is_word_tail, verify
from dedupe_cli.config import DEFAULT_CONFIG
from dedupe_cli.lexicon import POLARITY_WORDS
from dedupe_cli.segment import split_paragraphs, words

FILLER = "Winds of up to 90mph were recorded overnight on the headland near the station."


def verdict_on_copy(source: str, copy: str) -> Verdict | None:
    doc = Words(split_paragraphs(f"{source}\n\n{FILLER}\n\n{copy}\n"), DEFAULT_CONFIG.shingle)
    return verify(doc, doc.bounds[2], doc.bounds[3], DEFAULT_CONFIG)


def assert_kept_both(first: str, second: str) -> None:
    text = f"{first}\n\n{FILLER}\n\n{second}\n"
    result = clean(text)
    assert result.cleaned == text, [r.reason for r in result.removed]


# (one, other): the same sentence with and without a negation or answer word
PAIRS = {
    "en-added": (
        "Guide dogs travel free on all of our buses and trains, the operator said.",
        "Guide dogs do not travel free on all of our buses and trains, the operator said.",
    ),
    "en-contraction": (
        "Guide dogs travel free on all of our buses and trains, the operator said.",
        "Guide dogs don't travel free on all of our buses and trains, the operator said.",
    ),
    "en-never": (
        "The council said the old bridge would reopen to traffic after repairs in spring.",
        "The council said the old bridge would never reopen to traffic after repairs in spring.",
    ),
    "de": (
        "Hunde dürfen in allen Bussen und Zügen des Verbunds kostenlos mitfahren, sagte er.",
        "Hunde dürfen in allen Bussen und Zügen des Verbunds nicht kostenlos mitfahren, sagte er.",
    ),
    "de-kein": (
        "Für die Fahrt mit dem Rad im Regionalzug wird ein eigenes Ticket benötigt, so die Bahn.",
        "Für die Fahrt mit dem Rad im Regionalzug wird kein eigenes Ticket benötigt, so die Bahn.",
    ),
    "fr": (
        "Les chiens sont admis gratuitement dans tous les trains de la région, dit-elle.",
        "Les chiens ne sont pas admis gratuitement dans tous les trains de la région, dit-elle.",
    ),
    "es": (
        "Los perros viajan gratis en todos los autobuses y trenes de la ciudad, dijo ayer.",
        "Los perros no viajan gratis en todos los autobuses y trenes de la ciudad, dijo ayer.",
    ),
    "it": (
        "I cani viaggiano gratis su tutti gli autobus e i treni della città, ha detto.",
        "I cani non viaggiano gratis su tutti gli autobus e i treni della città, ha detto.",
    ),
    "pt": (
        "Os cães viajam de graça em todos os ônibus e trens da cidade, disse a empresa ontem.",
        "Os cães não viajam de graça em todos os ônibus e trens da cidade, disse a empresa ontem.",
    ),
    "nl": (
        "Honden reizen gratis mee in alle bussen en treinen van de stad, zei het bedrijf.",
        "Honden reizen niet gratis mee in alle bussen en treinen van de stad, zei het bedrijf.",
    ),
    "pl": (
        "Psy podróżują za darmo we wszystkich autobusach i pociągach w mieście, podała firma.",
        "Psy nie podróżują za darmo we wszystkich autobusach i pociągach w mieście, podała firma.",
    ),
    "cs": (
        "Psi cestují zdarma ve všech autobusech a vlacích ve městě, uvedla včera společnost.",
        "Psi necestují zdarma ve všech autobusech a vlacích ve městě, uvedla včera společnost.",
    ),
    "ru": (
        "Собаки ездят бесплатно во всех автобусах и поездах города, сообщила вчера компания.",
        "Собаки не ездят бесплатно во всех автобусах и поездах города, сообщила вчера компания.",
    ),
    "sv": (
        "Hundar reser gratis på alla bussar och tåg i staden, sade bolaget i går.",
        "Hundar reser inte gratis på alla bussar och tåg i staden, sade bolaget i går.",
    ),
    "hi": (
        "शहर की सभी बसों और ट्रेनों में कुत्ते मुफ्त यात्रा करते हैं, कंपनी ने कल बताया।",
        "शहर की सभी बसों और ट्रेनों में कुत्ते मुफ्त यात्रा नहीं करते हैं, कंपनी ने कल बताया।",
    ),
}


@pytest.mark.parametrize("case", [k for k in PAIRS if k != "cs"])
def test_a_copy_that_adds_a_negation_is_kept(case: str) -> None:
    source, copy = PAIRS[case]
    verdict = verdict_on_copy(source, copy)
    assert verdict is not None and not verdict.ok and verdict.lookalike
    assert verdict.reason.startswith("kept: ")
    assert_kept_both(source, copy)


@pytest.mark.parametrize("case", [k for k in PAIRS if k != "cs"])
def test_a_copy_that_drops_a_negation_is_kept(case: str) -> None:
    copy, source = PAIRS[case]
    verdict = verdict_on_copy(source, copy)
    assert verdict is not None and not verdict.ok and verdict.lookalike
    assert verdict.reason.startswith("kept: ")
    assert_kept_both(source, copy)


def test_czech_negation_by_prefix_is_a_changed_word_not_a_typo() -> None:
    # Czech negates with the prefix ne-: 'cestují' -> 'necestují' is two letters apart
    source, copy = PAIRS["cs"]
    assert_kept_both(source, copy)
    assert_kept_both(copy, source)


def test_the_reason_quotes_the_negation() -> None:
    source, copy = PAIRS["en-added"]
    verdict = verdict_on_copy(source, copy)
    assert verdict is not None
    assert verdict.reason == "kept: 'not' only in this copy"
    verdict = verdict_on_copy(*PAIRS["de"][::-1])
    assert verdict is not None
    assert verdict.reason == "kept: the original says 'nicht'"
    verdict = verdict_on_copy(*PAIRS["en-contraction"])
    assert verdict is not None
    assert verdict.reason == "kept: 'n't' only in this copy"


@pytest.mark.parametrize(
    ("question", "one", "other"),
    [
        ("Is parking available at the station for overnight stays?", "Yes.", "No."),
        ("Ist das Parken am Bahnhof über Nacht erlaubt?", "Ja.", "Nein."),
        ("Le stationnement est-il autorisé la nuit à la gare ?", "Oui.", "Non."),
        ("Czy parking przy dworcu jest dostępny w nocy?", "Tak.", "Nie."),
        ("Можно ли оставить машину у вокзала на ночь?", "Да.", "Нет."),
    ],
)
def test_the_same_question_with_another_answer_is_kept(question: str, one: str, other: str) -> None:
    text = f"{question} {one}\n\n{FILLER}\n\n{question} {other}\n"
    assert clean(text).cleaned == text
    text = f"{question}\n\n{one}\n\n{FILLER}\n\n{question}\n\n{other}\n"
    assert clean(text).cleaned.count(other) == 1


def test_not_and_now_are_not_a_typo_of_each_other() -> None:
    source = "The council said the bridge would not reopen to traffic after repairs in spring."
    copy = source.replace(" not ", " now ")
    verdict = verdict_on_copy(source, copy)
    assert verdict is not None and not verdict.ok and verdict.lookalike
    assert_kept_both(source, copy)


def test_a_real_typo_next_to_a_negation_is_still_removed() -> None:
    source = "The council said the bridge would not reopen to traffic after repairs in spring."
    copy = source.replace("council", "councel")
    verdict = verdict_on_copy(source, copy)
    assert verdict is not None and verdict.ok
    result = clean(f"{source}\n\n{FILLER}\n\n{copy}\n")
    assert result.cleaned == f"{source}\n\n{FILLER}\n"


def test_a_repeated_small_word_is_still_harmless() -> None:
    source = "The council said the bridge would not reopen to traffic after repairs in spring."
    verdict = verdict_on_copy(source, source.replace("the bridge", "the the bridge"))
    assert verdict is not None and verdict.ok


def test_a_negation_is_not_the_tail_of_a_longer_word() -> None:
    assert not is_word_tail("no", "piano")
    assert is_word_tail("ano", "piano") is False  # Czech 'yes' is a word of its own too
    assert is_word_tail("ernment", "government")


def test_polarity_words_are_spelt_as_the_word_stream_spells_them() -> None:
    assert {w for w in POLARITY_WORDS for w in words(w)} == POLARITY_WORDS
    assert {"not", "nicht", "pas", "nie", "не", "t", *words("नहीं हाँ")} <= POLARITY_WORDS


_VOCAB = [
    "storm", "harbour", "council", "said", "the", "boats", "were", "moved", "at", "dawn",
    "fishing", "coastguard", "warning", "closed", "because", "winds", "across", "headland",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_VOCAB), min_size=8, max_size=18, unique=True),
    st.sampled_from(sorted(POLARITY_WORDS - {"t"})),
    st.data(),
)
def test_adding_or_dropping_a_negation_never_makes_a_copy_removable(
    sentence: list[str], word: str, data: st.DataObject
) -> None:
    # Distinct words: a sentence of one word repeated ("storm storm storm") can be
    # aligned one word short of a negation that follows it. A negation after the
    # last copied word is not looked at: a scrape may end a copy anywhere.
    at = data.draw(st.integers(0, len(sentence) - 1))
    negated = [*sentence[:at], word, *sentence[at:]]
    plain, negated_text = _sentence(sentence), _sentence(negated)
    for source, copy in ((plain, negated_text), (negated_text, plain)):
        verdict = verdict_on_copy(source, copy)
        assert verdict is None or not verdict.ok, (source, copy, verdict)


def _sentence(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def test_a_copy_that_leaves_out_a_leading_negation_is_kept() -> None:
    source = "Not all guide dogs travel free on our buses and trains, the operator said."
    copy = "All guide dogs travel free on our buses and trains, the operator said."
    verdict = verdict_on_copy(source, copy)
    assert verdict is not None and verdict.reason == "kept: the original says 'not'"
    assert_kept_both(source, copy)


def test_a_restart_right_after_a_negation_is_still_cut() -> None:
    source = (
        "The user can choose never to click on the AutoLink button, and the web pages "
        "she views will never be modified."
    )
    last = "Microsoft said the tool would ship with the next update of its browser."
    restart = (
        " to click on the AutoLink button, and the web pages she views will never be modified."
    )
    text = f"{source}\n\n{FILLER}\n\n{last}{restart}\n"
    assert clean(text).cleaned == f"{source}\n\n{FILLER}\n\n{last}\n"
