"""A lead or teaser that the paragraph after it repeats, and a related-article teaser of the lead.

Rule (identifier as in `Removal.rule` and the README):

- `teaser-repeat`: the one rule that may remove the EARLIER of two copies.
  A teaser states, in short, what the next paragraph states in full:
  "Ministers have agreed to raise the state pension by 4.1 per cent from
  April, the Treasury said on Wednesday." before "Ministers have agreed
  ... from April, the Treasury announced on Wednesday, ending weeks of
  speculation." The shorter teaser goes and the body paragraph, which says
  everything it says and more, stays: it is the removal's source, after it.
  The teaser must be CONTAINED in the start of the next paragraph:

  * every word of the teaser (names, numbers, negation and answer words)
    occurs in the body's first sentence(s), in order; the only word it may
    have that the body lacks is the reporting verb of a trailing attribution
    (", the Treasury said"), swapped for another verb of the same list
    (`REPORTING`: said/announced/confirmed/stated/told, teilte mit/kündigte
    an/erklärte, a annoncé/a confirmé/a indiqué, ...; never denied, refused,
    rejected: those are other facts), one swapped word per
    `teaser.swap_words_per` words of the teaser;
  * the body may add words: up to `teaser.max_added_words` inside the
    repeated stretch (none of them a number: "by 4 [to 5] per cent" changes
    the teaser's figure), any after it to the end of its sentence, but no
    negation or answer word (`lexicon.POLARITY_WORDS`) anywhere in that
    sentence ("... will not ...");
  * the teaser is `min_words` to `teaser.max_words` long, and at least
    `threshold` similar to the stretch it repeats (so `--threshold 100`
    allows no verb swap);
  * the body paragraph does not go on with only a short line (a caption's
    credit after a copy of the lead, "... demonstriert. Foto: dpa", makes
    the caption the copy to remove, not the lead); it may go on with
    `min_words` words or more, or, for a reworded lead, not at all (the
    lead told again, reworded, as the whole first body paragraph);
  * position: a reworded teaser only as the article's lead (the first
    paragraph that reads like a sentence among the first
    `teaser.lead_within`, a title or byline may stand before it), against
    the paragraph right after it or after up to `teaser.byline_lines` bylines
    and datelines. Anywhere else only a word-for-word copy of the next
    paragraph's first sentence(s) goes (a pull quote or an intermediate
    teaser: nothing at all is lost); a reworded lookalike in the middle of
    an article is kept.

  Its related-article form: a teaser in a list of related articles that
  repeats the lead word for word behind a glued date ("26.01.2022Strava
  wertet ..."): the copy of the lead goes, its date stays (a date is a fact
  the lead does not have). This one comes after its source, like every
  other rule's copies.

The rule runs once the other passes have settled (it takes no decision
back and gives no other rule evidence): a teaser goes only while its body
paragraph is kept whole and no removal names the teaser as its source, so
the source of every removal still survives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from .align import Verdict
from .article import Article, heading_like
from .config import DedupeConfig
from .ledger import Cut, Decision, Ledger
from .lexicon import POLARITY_WORDS
from .models import Difference
from .rules_sources import source_range
from .segment import words
from .sentences import sentence_spans

TEASER = "teaser-repeat"

_BY_LANGUAGE = {
    "English": "said|says|announced|announces|confirmed|confirms|stated|told|tells|"
    "explained|declared",
    "German": "sagte|sagt|erklärte|erklärt|bestätigte|bestätigt|teilte mit|teilt mit|"
    "kündigte an|kündigt an|gab bekannt|gibt bekannt|verkündete|verkündet|berichtete",
    "French": "dit|annoncé|annonce|confirmé|confirme|indiqué|indique|déclaré|déclare|"
    "précisé|précise|affirmé|affirme|expliqué|explique",
    "Spanish": "dijo|anunció|confirmó|informó|afirmó|declaró|explicó|señaló|indicó",
    "Polish": "|".join(
        stem + ending
        for stem in ("poinformowa", "ogłosi", "potwierdzi", "przekaza", "oświadczy", "powiedzia")
        for ending in ("ł", "ła", "ło", "li", "ły")
    ),
}
REPORTING: frozenset[tuple[str, ...]] = frozenset(
    tuple(words(phrase)) for text in _BY_LANGUAGE.values() for phrase in text.split("|")
)
"""Interchangeable reporting verbs, as the word stream spells them ("teilte mit" is one
verb in two words). One may stand for another in a teaser's attribution: "said" and
"announced" report the same statement. Verbs that deny or refuse are not here."""
_REPORTING_WORDS = frozenset(w for phrase in REPORTING for w in phrase)

GLUED_DATE_RE = re.compile(r"\s*\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?=[^\W\d_])")
"""A date glued to the first letter of a related-article teaser: "26.01.2022Strava"."""

WHY = "a teaser: the next paragraph repeats it in full (the earlier, shorter copy goes)"
WHY_RELATED = "a related-article teaser repeating the lead after a glued date (the date stays)"


@dataclass(frozen=True)
class Contained:
    """How a teaser lines up with the start of the body: the stretch it repeats, the evidence."""

    end: int
    """Body words [0, end) are the stretch the teaser repeats."""
    similarity: float
    differences: tuple[Difference, ...]


def teaser_repeats(art: Article, led: Ledger) -> None:
    """`teaser-repeat`: related-article teasers of the lead, then teasers before their body."""
    lead = lead_paragraph(art)
    if lead is not None and led.undecided(lead):
        for i in art.wordy:
            if i > lead and led.undecided(i) and not led.is_lookalike(i):
                _related_teaser(art, led, i, lead)
    wordy, bounds, w = art.wordy, art.doc.bounds, art.doc.words
    shortest, longest = art.cfg.min_words, art.cfg.teaser.max_words
    sources: set[int] | None = None  # found once, only if some teaser needs them
    for k in range(len(wordy) - 1):
        i = wordy[k]
        a = bounds[i]
        if not shortest <= bounds[i + 1] - a <= longest:
            continue
        j = _body_after(art, i) if i == lead else wordy[k + 1]
        if j is None or w[a] != w[bounds[j]] or w[a : a + 2] != w[bounds[j] : bounds[j] + 2]:
            continue  # the cheap tests that rule out almost every paragraph
        if not (led.undecided(i) and led.undecided(j)):
            continue
        verdict = _teaser_before(art, led, i, j, reworded=i == lead)
        if verdict is None:
            continue
        sources = _sources(art, led) if sources is None else sources
        if i in sources:
            why = "kept: another removal copies it"
            led.note(i, TEASER, False, why, replace(verdict, ok=False, reason=why))
            continue
        led.remove(i, Decision(verdict, j, False, TEASER))
        sources.add(j)


def _body_after(art: Article, i: int) -> int | None:
    """The paragraph after the lead i, past up to `teaser.byline_lines` bylines.

    A byline or dateline ("By Tom Smith, BBC News", "Von Katrin Lehmann")
    stands between a lead and its body on many news pages: a short line that
    does not read like a sentence.
    """
    j = art.next_with_words(i)
    for _ in range(art.cfg.teaser.byline_lines):
        if j is None or not (art.is_short(j) and heading_like(art.paragraphs[j])):
            break
        j = art.next_with_words(j)
    return j


def lead_paragraph(art: Article) -> int | None:
    """The article's lead: the first paragraph reading like a sentence, near the top."""
    for i in art.wordy[: art.cfg.teaser.lead_within]:
        if not heading_like(art.paragraphs[i]):
            return i
    return None


def _teaser_before(art: Article, led: Ledger, i: int, j: int, reworded: bool) -> Verdict | None:
    """The evidence that paragraph j, after i, starts by saying all i says (None if not)."""
    (a, b), (lo, hi) = art.words_of(i), art.words_of(j)
    w = art.doc.words
    ends = _sentence_ends(art, j)
    if ends is None:
        return None
    attribution = _attribution_start(art, i) if reworded else b - a
    found = containment(w[a:b], w[lo:hi], ends, attribution, reworded, art.cfg)
    if isinstance(found, str):
        if w[a : a + art.cfg.shingle] == w[lo : lo + art.cfg.shingle]:  # worth explaining
            led.note(i, TEASER, False, f"kept: {found}", Verdict(False, 0.0, lo, found, True))
        return None
    return Verdict(True, found.similarity, lo, WHY, False, lo + found.end, found.differences)


def containment(
    teaser: Sequence[str],
    body: Sequence[str],
    sentence_ends: Sequence[int],
    attribution: int,
    reworded: bool,
    cfg: DedupeConfig,
) -> Contained | str:
    """Is `teaser` contained in the first sentence(s) of `body`? The evidence, or why not.

    `sentence_ends` are the body's sentence ends (word counts); `attribution`
    the teaser word from which a reporting verb may be swapped (its trailing
    clause). Without `reworded` only a word-for-word copy of whole sentences
    counts. Pure: words in, evidence out.
    """
    if len(teaser) < cfg.min_words:
        return "too short to be a teaser"
    if not reworded:
        n = len(teaser)
        if list(body[:n]) != list(teaser) or n not in sentence_ends:
            return "not a word-for-word copy of the next paragraph's first sentences"
        last: int | None = n
    else:
        last = _last_sentence_end(teaser, body, sentence_ends)
    if last is None:
        return "the next paragraph does not start with it"
    if len(body) - last < cfg.min_words:
        if last < len(body):  # "... demonstriert. Foto: dpa/Marcus Brandt"
            return "the next paragraph adds only a short line to it (a caption's credit?)"
        if not reworded:
            return "the next paragraph is the same text"
    if not reworded:
        return Contained(n, 100.0, ())
    sentence = body[:last]
    if _polarity(sentence) != _polarity(teaser):
        return "the next paragraph's sentence has another negation or answer word"
    return _explain(teaser, sentence, attribution, cfg)


def _last_sentence_end(
    teaser: Sequence[str], body: Sequence[str], sentence_ends: Sequence[int]
) -> int | None:
    """The end of the body sentence holding the last body word the teaser matches."""
    ops = [op for op in Indel.opcodes(list(teaser), list(body)) if op.tag == "equal"]
    if not ops or ops[0].src_start != 0 or ops[0].dest_start != 0:
        return None
    matched = ops[-1].dest_end
    return next((e for e in sentence_ends if e >= matched), None)


def _explain(
    teaser: Sequence[str], sentence: Sequence[str], attribution: int, cfg: DedupeConfig
) -> Contained | str:
    """Every teaser word is in the body sentence, but for one swapped reporting verb."""
    mine: list[str] = []  # teaser words the body lacks (must be one reporting verb)
    theirs: list[str] = []  # the body's reporting words standing for them
    added: list[str] = []  # other body words inside the repeated stretch
    end = 0  # the repeated stretch: up to the last matched or swapped body word
    for (t0, t1), (s0, s1), equal in _gaps(teaser, sentence):
        if equal:
            end = s1
            continue
        own, other = list(teaser[t0:t1]), list(sentence[s0:s1])
        swapped = [k for k, w in enumerate(other) if w in _REPORTING_WORDS] if own else []
        if own and (t0 < attribution or not set(own) <= _REPORTING_WORDS or not swapped):
            return f"'{' '.join(own)}' is not in the next paragraph"
        mine += own
        theirs += [other[k] for k in swapped]
        inside = len(other) if t1 < len(teaser) else (swapped[-1] + 1 if swapped else 0)
        added += [w for k, w in enumerate(other[:inside]) if k not in swapped]
        end = max(end, s0 + inside)
    if mine and not _one_swap(mine, theirs):
        return f"'{' '.join(mine)}' is not a reporting verb the next paragraph swaps"
    if len(mine) > max(1, len(teaser) // cfg.teaser.swap_words_per):
        return f"'{' '.join(mine)}' is too much of a {len(teaser)}-word teaser to swap"
    if len(added) > cfg.teaser.max_added_words:
        return f"the next paragraph adds {len(added)} words inside the repeated text"
    numbers = [w for w in added if any(c.isdigit() for c in w)]
    if numbers:  # "by 4 per cent" / "by 4 to 5 per cent": the teaser's figure changed
        return f"the next paragraph adds the number '{numbers[0]}' inside the repeated text"
    similarity = fuzz.ratio(" ".join(teaser), " ".join(sentence[:end]))
    if similarity < cfg.threshold:
        return f"similarity {similarity:.1f} below {cfg.threshold:.0f}"
    diffs = [Difference("variant", " ".join(mine), " ".join(theirs))] if mine else []
    diffs += [Difference("dropped", "", w) for w in added]
    return Contained(end, similarity, tuple(diffs))


_Gap = tuple[tuple[int, int], tuple[int, int], bool]


def _gaps(teaser: Sequence[str], sentence: Sequence[str]) -> list[_Gap]:
    """The alignment as alternating stretches: (teaser range, body range, equal?).

    Consecutive inserts and deletes form one gap, so a swapped word is seen
    with its counterpart.
    """
    out: list[_Gap] = []
    for op in Indel.opcodes(list(teaser), list(sentence)):
        equal = op.tag == "equal"
        if out and not equal and not out[-1][2]:
            (t0, _), (s0, _), _ = out[-1]
            out[-1] = ((t0, op.src_end), (s0, op.dest_end), False)
        else:
            out.append(((op.src_start, op.src_end), (op.dest_start, op.dest_end), equal))
    return out


def _polarity(text: Sequence[str]) -> Counter[str]:
    return Counter(w for w in text if w in POLARITY_WORDS)


def _one_swap(mine: list[str], theirs: list[str]) -> bool:
    """The teaser lacks exactly one reporting verb and the body has exactly another."""
    a, b = tuple(mine), tuple(theirs)
    return a in REPORTING and b in REPORTING and a != b


def _related_teaser(art: Article, led: Ledger, i: int, lead: int) -> None:
    """A related-article teaser: a glued date, then the lead word for word; the copy goes."""
    text = art.paragraphs[i].text
    m = GLUED_DATE_RE.match(text)
    if m is None:
        return
    copy = words(text[m.end() :])
    lo, hi = art.words_of(lead)
    if hi - lo < art.cfg.min_words or copy != art.doc.words[lo:hi]:
        return
    a, b = art.words_of(i)
    first = a + len(words(text[: m.end()])) - 1  # the word the date is glued to
    verdict = Verdict(True, 100.0, lo, WHY_RELATED, False, hi)
    led.cut(i, [Cut(m.end(), len(text), (first, b), verdict, TEASER)])


def _sentence_ends(art: Article, j: int) -> list[int] | None:
    """Paragraph j's sentence ends, as word counts from its start (None if they do not add up)."""
    text = art.paragraphs[j].text
    counts = [len(words(text[s:e])) for s, e in sentence_spans(text)]
    ends = list(accumulate(counts))
    return ends if ends and ends[-1] == art.size(j) else None


def _attribution_start(art: Article, i: int) -> int:
    """The first word of the teaser's trailing clause (after its last comma), or its end."""
    text = art.paragraphs[i].text
    comma = text.rfind(",")
    return len(words(text[:comma])) if comma >= 0 else art.size(i)


def _sources(art: Article, led: Ledger) -> set[int]:
    """The paragraphs some removal or cut copies: they must stay (their copies name them)."""
    verdicts = [d.verdict for d in led.removed.values()]
    verdicts += [c.verdict for d in led.removed.values() for c in d.pieces]
    verdicts += [c.verdict for cuts in led.cuts.values() for c in cuts]
    out: set[int] = set()
    for v in verdicts:
        lo, hi = source_range(art, v)
        out.update(range(art.paragraph_of(lo), art.paragraph_of(max(lo, hi - 1)) + 1))
    return out
