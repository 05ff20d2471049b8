"""A sentence repeated inside one long paragraph (captions pasted into the story).

Rule (identifier as in `Removal.rule` and the README):

- `inline-repeat`: a run of at least `partial.inline_min_words` words that
  repeats, word for word, earlier words of the same paragraph is cut when
  it stands where a sentence or a caption stands, at both ends:

  * it starts a sentence, follows a label ("Victim: ") or a caption word set
    off by commas or brackets ("Hampton, pictured, ..."), or is a capitalised
    sentence start glued on with no full stop ("... the incident Many of
    those ..."), as captions are; or it follows a short lead of its own
    sentence ("Allen splurged ...", "Ms Sturgeon has vehemently ..."): then
    lead and copy go together, if as one stretch they are a near-duplicate of
    the source sentence with no word the source lacks;
  * it ends with its own full stop, at the end of the paragraph, or before
    the next capitalised sentence (captions often have no full stop).

  The copy may be shorter than its source sentence (it then says less than
  the kept text), except that a copy ending before a capitalised word where
  its source goes on with one too may be another name in the same template
  ("the attack on Smith" / "on Jones"), and stays. A source sentence with a
  negation or answer word before the copied words ("Police denied that ...")
  is never a source: the copy may say the opposite. Nor is a copy with one
  just before it in its own sentence (within `partial.inline_lead_words`
  words) ever cut ("It is not true that Allen splurged ..."): it is what
  that sentence denies, not a caption glued on.

A repeated clause inside a new sentence ("The union said it would appeal the
decision", after "The company said it would appeal the decision") is none of
these and stays. Only the same paragraph counts: on templated pages the same
sentence under another heading is another entry's answer, not a repeat.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .align import Verdict, verify
from .article import Article
from .ledger import Cut
from .lexicon import CLAUSE_OPENERS, POLARITY_WORDS
from .models import Paragraph
from .segment import SENTENCE_STOPS, is_alphabetic, words
from .sentences import sentence_spans

INLINE = "inline-repeat"

CAPTION_WORDS = frozenset(
    [
        "pictured",
        "pictures",
        "picture",
        "photo",
        "photograph",
        "image",
        "above",
        "below",
        "left",
        "right",
        "centre",
        "center",
        "inset",
        "file",
        "stock",
        "abgebildet",
        "bild",
        "foto",
        "photographie",
        "zdjęcie",
        "fot",
    ]
)
"""Words that mark the text before a copy as a photo caption's lead-in."""

_CAPTION_ASIDE = re.compile(
    r"[,(]\s*(?:" + "|".join(sorted(CAPTION_WORDS)) + r")\b[^,()]{0,40}[,)]$", re.IGNORECASE
)
"""A caption word set off just before a copy: ", pictured," "(left)" "(pictured here)"."""
_LEAD_OK = frozenset({"dropped"})
"""The only difference a lead may have from its source: one word left out ("Allen also
splurged" told again as "Allen splurged"), not a number and not a possessive's "s"
("Allen's wife splurged" is someone else). An added word is the copy's own, and a
"typo" in a lead is more often another short word ("She" for "The")."""
_LABEL_END = re.compile(r":\s")
_CLOSING = re.compile(r"[\"'”’)\]]*")
_EDGE_WORDS = 3
"""How many words of another sentence's end a run may start with ("... है। | ...")."""
_STOPS = SENTENCE_STOPS + "…"
"""Full stops of every script (`segment.SENTENCE_STOPS`) and the ellipsis."""
_END = re.compile(rf"[\"'”’)\]]*[{_STOPS}]+[\"'”’)\]]*")
_OPENS = _STOPS + ":;\"'”’)("
_CLOSERS = " \"'”’)]" + _STOPS


def inline_repeats(art: Article, p: Paragraph) -> list[Cut]:
    """`inline-repeat` cuts for paragraph p (none unless every condition holds)."""
    a, b = art.words_of(p.index)
    cfg = art.cfg.partial
    if b - a < 2 * cfg.inline_min_words:
        return []
    runs = _runs(art, a, b, cfg.inline_min_words)
    if not runs:
        return []
    spans = art.word_spans(p.index)
    if spans is None:
        return []
    layout = _Layout(p.text, spans, sentence_spans(p.text))
    cuts = []
    for t0, t1, s0 in runs:
        t0, s0 = _sentence_start(layout, a, t0, s0)
        cut = _cut(art, layout, a, (t0, t1), s0)
        if cut is not None:
            cuts.append(cut)
    return cuts


class _Layout:
    """A paragraph's words and sentences as character spans, with lookups by offset."""

    def __init__(
        self, text: str, spans: list[tuple[int, int]], sentences: list[tuple[int, int]]
    ) -> None:
        self.text = text
        self.spans = spans
        self.word_starts = [s for s, _ in spans]
        self.sentences = sentences
        self.sentence_starts = [s for s, _ in sentences]

    def sentence_at(self, at: int) -> tuple[int, int] | None:
        k = bisect_right(self.sentence_starts, at) - 1
        return self.sentences[k] if k >= 0 and self.sentences[k][1] > at else None

    def words_between(self, start: int, end: int) -> int:
        return bisect_right(self.word_starts, end - 1) - bisect_right(self.word_starts, start - 1)


def _runs(art: Article, a: int, b: int, least: int) -> list[tuple[int, int, int]]:
    """Maximal runs [t0, t1) of words copying earlier words of the same paragraph in order."""
    src = art.doc.sources(a, b)
    if not src or max(src) < a:
        return []  # every copied word copies an earlier paragraph: no inline repeat
    out = []
    t = 0
    n = b - a
    words_ = art.doc.words
    while t < n:
        s = src[t]
        if s < a:
            t += 1
            continue
        u = t + 1
        while u < n and src[u] == s + (u - t) and s + (u - t) < a + t:
            u += 1
        # the index names a phrase's first occurrence, which may be elsewhere
        # ("the district attorney's office" said before): go on word by word
        while u < n and s + (u - t) < a + t and words_[a + u] == words_[s + (u - t)]:
            u += 1
        if u - t >= least:
            out.append((a + t, a + u, s))
        t = u
    return out


def _sentence_start(lay: _Layout, a: int, t0: int, s0: int) -> tuple[int, int]:
    """Move a run's start past the end of the sentence before it, if both copy and source
    begin with the same last words of another sentence ("... कर दी है। | तेज़ बारिश" after
    "... किया है। | तेज़ बारिश": the word है ends both earlier sentences)."""
    if _stands_alone(lay.text, lay.spans[t0 - a][0]):
        return t0, s0
    for j in range(1, _EDGE_WORDS + 1):
        if t0 + j - a >= len(lay.spans) or s0 + j >= t0:
            break
        at, src = lay.spans[t0 + j - a][0], lay.spans[s0 + j - a][0]
        if _after_stop(lay.text, at) and _after_stop(lay.text, src):
            return t0 + j, s0 + j
    return t0, s0


def _after_stop(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in _STOPS


def _cut(art: Article, lay: _Layout, a: int, run: tuple[int, int], s0: int) -> Cut | None:
    t0, t1 = run
    n = t1 - t0
    text, spans = lay.text, lay.spans
    src_start, src_end = spans[s0 - a][0], spans[s0 + n - 1 - a][1]
    sent = lay.sentence_at(src_start)
    if sent is None or _polar(text[sent[0] : src_start]):
        return None  # "Police denied that ..." : the copy may state the opposite
    start, end = spans[t0 - a][0], spans[t1 - 1 - a][1]
    if _denied(lay, a, t0, art.cfg.partial.inline_lead_words):
        return None  # "It is not true that ...": the copy is what its sentence denies
    copy_end = _ends_copy(text, end)
    if copy_end < 0 or not _source_allows(text, src_end, sent[1], copy_end > end):
        return None
    if _stands_alone(text, start) or _glued_start(text, start, src_start):
        if words(text[start:copy_end]) != art.doc.words[t0:t1]:
            return None
        verdict = Verdict(True, 100.0, s0, "exact", False, s0 + n)
        return Cut(start, copy_end, (t0, t1), verdict, INLINE)
    return _with_lead(art, lay, a, (t0, t1, copy_end), (s0, sent[0]))


def _denied(lay: _Layout, a: int, t0: int, most: int) -> bool:
    """Is there a negation or answer word just before the copy in its own sentence?

    Only the last `most` words count (a lead's reach: `partial.inline_lead_words`),
    after any caption label: a caption glued on with no full stop shares its
    "sentence" with the text before it, whose "not" is about something else.
    """
    start = lay.spans[t0 - a][0]
    window = lay.spans[max(0, t0 - a - most)][0]
    return _polar(lay.text[max(window, _clause_start(lay, start)) : start])


def _source_allows(text: str, src_end: int, sent_end: int, own_stop: bool) -> bool:
    """May the copy stop where its source sentence goes on?

    Where the source sentence ends with the copied words, always. Where it
    goes on, the copy says less than its source, which loses nothing, if it
    ends visibly: with its own full stop right after the copied words, or
    before a capitalised word where the source goes on in lowercase. Before a
    capitalised word where the source has one too, the copy's word may be
    another name in the same template ("the attack on Smith" / "on Jones").
    """
    rest = text[src_end:sent_end].strip(_CLOSERS)
    return not rest or own_stop or not rest[0].isupper()


def _glued_start(text: str, start: int, src_start: int) -> bool:
    """A capitalised copy of a sentence start, glued to the text before it with no full
    stop (captions pasted into a story: "... by the incident Many of those ..."); its
    source starts a sentence or is itself such a capitalised caption."""
    if not text[start].isupper() or _after_opener(text, start):
        return False
    return _stands_alone(text, src_start) or (text[src_start].isupper() and _glued(text, src_start))


def _with_lead(
    art: Article, lay: _Layout, a: int, copy: tuple[int, int, int], src: tuple[int, int]
) -> Cut | None:
    """The copy starts inside its sentence after a short lead ("Allen splurged ...",
    "Ms Sturgeon has vehemently ..."): lead and copy go together when, as one
    stretch, they are a near-duplicate of the source sentence up to the copied
    words, with no word the source lacks. A lead naming anything the source
    sentence does not ("The union said ...", "Her husband could face ...") is
    another fact and stays.

    The lead starts where the sentence (or its caption label) does, or at a
    capitalised word close before the copy: a caption glued to the sentence
    before it ("... before 2020 Ms Sturgeon has vehemently ...")."""
    t0, t1, copy_end = copy
    s0, sent_start = src
    at = lay.spans[t0 - a][0]
    clause = _clause_start(lay, at)
    lead = lay.words_between(clause, at)
    first_src = a + bisect_right(lay.word_starts, sent_start - 1)
    for k in _lead_starts(art, lay, a, t0, lead):
        start = clause if k == t0 - lead else lay.spans[k - a][0]
        cut = _lead_cut(art, lay.text[start:copy_end], (k, t0, t1), (first_src, s0))
        if cut is not None:
            return Cut(start, copy_end, (k, t1), cut, INLINE)
    return None


def _lead_starts(art: Article, lay: _Layout, a: int, t0: int, lead: int) -> list[int]:
    """Where a lead may start, farthest first: the clause start (`lead` words before the
    copy), then capitalised words glued on within `partial.inline_lead_words`."""
    most = art.cfg.partial.inline_lead_words
    out = [t0 - lead] if 0 < lead <= most else []
    out += [
        k
        for k in range(max(t0 - lead, t0 - most), t0)
        if art.doc.capitalised(k) and _glued(lay.text, lay.spans[k - a][0])
    ]
    return sorted(set(out))


def _glued(text: str, at: int) -> bool:
    """Does the word at `at` follow a lowercase word or a number with no punctuation between
    (a caption glued on: "... before 2020 Ms Sturgeon"; not the middle of a name)?"""
    before = text[:at]
    if not before[-1:].isspace() or not before.rstrip()[-1:].isalnum():
        return False
    prev = before.split()[-1]
    return not prev[:1].isupper() and not _after_opener(text, at)


def _after_opener(text: str, at: int) -> bool:
    """Does the word at `at` follow a word that opens a clause ("said that", "claim")?"""
    before = words(text[max(0, at - 40) : at])
    return bool(before) and before[-1] in CLAUSE_OPENERS


def _lead_cut(
    art: Article, text: str, span: tuple[int, int, int], src: tuple[int, int]
) -> Verdict | None:
    """The verdict on lead + copy (words k..t1) against the source sentence before s0."""
    k, t0, t1 = span
    first_src, s0 = src
    cfg = art.cfg
    region = (max(first_src, s0 - (t0 - k) - cfg.typos.slack_words), s0 + (t1 - t0))
    if region[0] >= s0 or words(text) != art.doc.words[k:t1]:
        return None
    verdict = verify(art.doc, k, t1, cfg, region=region)
    if verdict is None or not verdict.ok:
        return None
    if any(d.kind not in _LEAD_OK for d in verdict.differences):
        return None  # a lead word the source does not have ("They were ...") is the copy's own
    dropped = [d.kept for d in verdict.differences]
    if len(dropped) > 1 or any(w == "s" or not is_alphabetic(w) for w in dropped):
        return None  # "Allen splurged" for "Allen's wife splurged": another subject
    return verdict


def _clause_start(lay: _Layout, at: int) -> int:
    """Where the sentence holding offset `at` starts, or just after a caption label in it."""
    sent = lay.sentence_at(at)
    begin = sent[0] if sent else 0
    labels = list(_LABEL_END.finditer(lay.text, begin, at))
    if labels:
        begin = labels[-1].end()
    while begin < at and lay.text[begin].isspace():
        begin += 1
    return begin


def _polar(text: str) -> bool:
    return any(w in POLARITY_WORDS for w in words(text))


def _stands_alone(text: str, start: int) -> bool:
    """Is the copy where a sentence or caption starts (not inside another sentence)?

    A caption starts at a sentence start, after a label ("Victim: "), or
    right after a bracketed or comma-set caption word ("Hampton, pictured,
    ...", "the studio (pictured) ...")."""
    before = text[:start].rstrip()
    if not before or before[-1] in _OPENS:
        return True
    return _CAPTION_ASIDE.search(before[-80:]) is not None


def _ends_copy(text: str, end: int) -> int:
    """Where the cut ends: after the copy's own full stop (and closing quotes), or before a
    new sentence; -1 if the sentence goes on (the copy is a clause of something longer,
    or ends inside a word: "attorney|'s office", or before a quote going on in lowercase:
    "was | 'deeply upset' by")."""
    m = _END.match(text, end)
    if m:
        return m.end()
    after = _CLOSING.match(text, end).end()  # type: ignore[union-attr]
    rest = text[after:]
    stripped = rest.lstrip()
    if not stripped:
        return after
    if len(stripped) == len(rest):
        return -1
    opened = stripped.lstrip("\"'“‘(")
    return after if opened[:1].isupper() else -1
