"""Negation and answer words: one of them more or less reverses what a sentence says.

"Guide dogs travel free" and "Guide dogs do not travel free" differ by one
small word, and "Is parking available? Yes." and "...? No." by one answer:
by similarity alone they are near-duplicates (98.5%), but they state
opposite facts. The alignment therefore treats these words as content: one
added, dropped or changed makes a lookalike (kept), and no typo turns one
into another word or another word into one ('not'/'now', 'nie'/'die').

The list covers the languages of the data and the usual scraped news:
English, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Czech,
Russian, Swedish/Danish/Norwegian and Hindi. It holds negation particles
and pronouns (not, nothing, nobody...), adverbs of never (nie, jamais), and
yes/no answers. "t" stands for English "n't": words are runs of letters and
digits, so "isn't" is the words "isn" and "t".

Left out on purpose: words that are negations only in some uses and
common otherwise ('si' is "if" in Spanish and French, 'da' is "from" in
Italian, 'personne' is "person", German 'noch' is "still"); French "n'"
(the word "n", also an initial as in "N. Smith": its sentence has "pas",
"jamais" or "rien" anyway); and negating prefixes, which `align._is_typo`
handles (legal/illegal).

The words are normalised by `segment.words`, exactly as the word stream is
(NFKC, casefold, split into words with their combining marks), so they
match whatever that produces; should it ever cut a word into pieces, a
one-letter piece is left out (`_as_words`).
"""

from __future__ import annotations

from .segment import words

_BY_LANGUAGE = {
    "English": "not no never none nor neither cannot nobody nothing nowhere yes t",
    "German": "nicht kein keine keinen keinem keiner keines nie niemals nein ja doch "
    "nichts niemand weder",
    "French": "ne pas non jamais aucun aucune rien oui ni nul nulle",
    "Spanish": "no nunca jamás sí ni nada nadie ninguno ninguna ningún tampoco",
    "Italian": "non mai sì no nessuno nessuna niente nulla né",
    "Portuguese": "não nunca sim nem nada ninguém nenhum nenhuma jamais",
    "Dutch": "niet geen nooit ja nee niets niemand",
    "Polish": "nie nigdy tak żaden żadna żadne żadnych nic nikt",
    "Czech": "ne nikdy ano žádný žádná žádné nic nikdo nelze",
    "Russian": "не нет никогда да ни ничего никто нельзя",
    "Scandinavian": "inte ej aldrig ikke nei aldri ja nej ingen inga inget intet icke",
    "Hindi": "नहीं नही न मत हाँ हां",
}


def _as_words(entry: str) -> list[str]:
    """`entry` as the word stream has it, without one-letter fragments of longer words.

    A fragment such as 'ह' (from 'हाँ', cut at its vowel sign) is also what
    the most common words of the language ('है', "is") become.
    """
    return [w for w in words(entry) if len(w) > 1 or len(entry) == 1]


POLARITY_WORDS: frozenset[str] = frozenset(
    w for text in _BY_LANGUAGE.values() for entry in text.split() for w in _as_words(entry)
)
"""Negation and answer words of every language above, as the word stream spells them."""


_HEDGES_BY_LANGUAGE = {
    "English": "almost nearly approximately roughly only about around over under up least "
    "more less just some",
    "German": "fast beinahe etwa ungefähr rund knapp nur über unter bis mehr weniger",
    "French": "presque environ près seulement plus moins",
    "Spanish": "casi aproximadamente unos unas alrededor solo sólo más menos hasta",
    "Italian": "quasi circa oltre solo soltanto più meno fino",
    "Dutch": "bijna ongeveer circa ruim slechts meer minder",
    "Polish": "prawie około blisko ponad tylko mniej więcej",
}

FIGURE_HEDGES: frozenset[str] = frozenset(
    w for text in _HEDGES_BY_LANGUAGE.values() for entry in text.split() for w in _as_words(entry)
)
"""Words that qualify the number right after them: "almost 40 dead" and "40 dead",
"up to 45 years" and "45 years", "mehr als 300" and "300" say different things. Added
by a copy in front of a number, one is content (removing the copy would lose it)."""


def shown(word: str) -> str:
    """How a polarity word is quoted to users ("t" is the end of "isn't")."""
    return "n't" if word == "t" else word


_OPENERS_BY_LANGUAGE = {
    "English": "that said says told tells claimed claims claim added adds and but or nor "
    "because when while after before if as where which who whom whose than so of to by "
    "for with from in on at into about",
    "German": "dass sagte sagt sagten erklärte und aber oder weil wenn als ob wie von zu "
    "mit für bei nach vor über dem den der die das",
    "French": "que qui dit déclaré et mais ou car quand si de à pour avec par le la les",
    "Spanish": "que dijo afirmó y pero o porque cuando si de a para con por el la los las",
    "Polish": "że powiedział powiedziała i ale lub bo gdy jeśli z do na w dla",
}

CLAUSE_OPENERS: frozenset[str] = frozenset(
    w for text in _OPENERS_BY_LANGUAGE.values() for w in text.split()
)
"""Words after which a capitalised word continues the sentence rather than starting a
glued-on caption: "He said that Allen ...", "Prosecutors claim Allen ...", "... told the
court on Monday that Allen ...". A caption pasted in without a full stop follows the
end of a sentence, mostly a noun ("... by the incident Many of those ...")."""
