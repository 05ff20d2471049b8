"""A photo caption that repeats a sentence of the story, with a label or a credit.

Rule (identifier as in `Removal.rule` and the README):

- `caption-repeat`: a paragraph made of a caption label ("Pictured:",
  "Foto:"), a sentence, and/or a photo credit ("(Photo: Jane Smith/PA)",
  "(Foto: dpa)"), whose sentence is an exact copy of earlier text of at least
  `min_words` words. The label and the credit are the caption's furniture,
  not news: the whole paragraph goes. Its bar is the exact copy of the
  sentence; the reported similarity is measured on the whole paragraph
  (credit included) against the source, so it is lower than 100 and may be
  below `--threshold`. When the sentence is followed by a bracket that
  describes the picture instead ("(pictured, broiler chickens at a poultry
  farm)"), only the copied sentence (and a label before it) is cut: the
  bracket says something of its own and stays.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .align import Verdict, verify
from .article import Article
from .ledger import Cut
from .models import Difference
from .segment import words

CAPTION = "caption-repeat"

_WORDS = (
    r"pictured|photo|photos|picture|image|foto|fotos|bild|zdjęcie|zdjęcia|fot\.?|"
    r"above|below|left|right|top|credit|crédit|quelle|source|źródło|photographie"
)
_CREDIT_WORDS = r"photo|photos|foto|fotos|fot\.?|bild|image|zdjęcie|credit|crédit|quelle|źródło"
LABEL_RE = re.compile(
    rf"\s*(?:(?:{_CREDIT_WORDS})\s*:\s+[^\s/:]{{1,20}}(?:\s[^\s/:]{{1,20}})?\s*/\s+"
    rf"|(?:(?:im|in|on|auf|sur|na|en|nella|nel)\s+)?(?:{_WORDS})\s*:\s+)",
    re.IGNORECASE,
)
"""A caption label at the start: "Pictured: ", "Foto: ", "Im Bild: ", or a credit word
with the agency before a slash: "Foto: ANP / ". Only a credit word takes one: after
"Pictured:" or "Im Bild:" the words before a slash say who is pictured, which is news."""
CREDIT_RE = re.compile(
    rf"[\s.]*\((?:(?:{_CREDIT_WORDS})\s*:|fot\.|phot\.|ph\.)\s*[^()\n:]{{1,40}}\)[\s.]*$",
    re.IGNORECASE,
)
"""A photo credit at the end, in brackets, named as one: "(Photo: Jane Smith/PA)",
"(Foto: dpa)", "(fot. PAP)". A bracket that describes the picture ("(pictured,
broiler chickens in a shed)") says something and is not a credit."""
_LOOSE_CREDIT_RE = re.compile(
    rf"[\s.]*(?P<open>\()?\s*(?:(?i:{_CREDIT_WORDS})\s*[:.]?|©)\s*"
    r"(?P<who>[^()\n:]{1,40}?)\s*(?(open)\))[\s.]*$"
)
"""Other credits at the end, checked by `_names_only`: without brackets ("Foto:
dpa/Marcus Brandt", "Fot. PAP"), without a colon ("(Foto ANSA)"), or with the
copyright sign ("© Nicolas Tucat / AFP")."""
_AGENCIES = frozenset(
    (
        *("dpa", "afp", "ap", "pa", "epa", "ansa", "efe", "pap", "anp", "reuters", "getty"),
        *("images", "istock", "imago", "keystone", "apa", "sda", "ctk", "tass", "belga"),
        *("via", "and", "und", "et", "y", "i", "e", "/"),
    )
)
"""Lowercase words a credit may hold besides names: agencies, "via", "and"."""


def credit_at_end(text: str) -> re.Match[str] | None:
    """The photo credit ending a caption, if there is one."""
    found = CREDIT_RE.search(text)
    if found:
        return found
    loose = _LOOSE_CREDIT_RE.search(text)
    return loose if loose and _names_only(loose.group("who")) else None


def _names_only(who: str) -> bool:
    """Is this a credit (names, agencies) rather than a description ("the bridge at dusk")?"""
    tokens = who.replace("/", " / ").split()
    return bool(tokens) and all(
        t[:1].isupper() or t.casefold().strip(".,") in _AGENCIES for t in tokens
    )


ASIDE_RE = re.compile(
    r"\s*\((?:pictured|pictures|picture|photo|image|left|right|above|below|top|inset)\b"
    r"[^()\n]{0,200}\)[\s.]*$",
    re.IGNORECASE,
)
"""A bracket after a caption's sentence that describes the picture: "(pictured, broiler
chickens at a poultry farm)". It is the caption's own news: it stays."""


def caption_cut(art: Article, i: int) -> Cut | None:
    """`caption-repeat` as a cut: the copied sentence before a describing bracket."""
    text = art.paragraphs[i].text
    aside = ASIDE_RE.search(text)
    if aside is None or credit_at_end(text):
        return None
    label = LABEL_RE.match(text)
    lo, hi = label.end() if label else 0, aside.start()
    a, b = art.words_of(i)
    ca, cb = a + len(words(text[:lo])), b - len(words(text[hi:]))
    found = _exact_copy(art, text[lo:hi], ca, cb)
    if found is None:
        return None
    sim = fuzz.ratio(" ".join(art.doc.words[a:cb]), " ".join(art.doc.words[ca:cb]))
    diffs = tuple(Difference("added", x, "") for x in words(text[:lo]))
    verdict = Verdict(True, sim, found.source_word, "caption", False, found.source_end, diffs)
    return Cut(0, hi, (a, cb), verdict, CAPTION)


def _exact_copy(art: Article, sentence: str, ca: int, cb: int) -> Verdict | None:
    """The verdict on words[ca:cb] (`sentence`) if it is an exact copy of earlier text."""
    if cb - ca < art.cfg.min_words or words(sentence) != art.doc.words[ca:cb]:
        return None
    found = verify(art.doc, ca, cb, art.cfg, only_ok=True)
    if found is None or not found.ok or found.similarity < 100:
        return None
    w = art.doc.words
    return found if w[found.source_word : found.source_end] == w[ca:cb] else None


def caption_repeat(art: Article, i: int) -> Verdict | None:
    """`caption-repeat` for paragraph i, or None when it is not a caption of earlier text."""
    text = art.paragraphs[i].text
    label, credit = LABEL_RE.match(text), credit_at_end(text)
    if label is None and credit is None:
        return None
    lo = label.end() if label else 0
    hi = credit.start() if credit else len(text)
    a, b = art.words_of(i)
    ca, cb = a + len(words(text[:lo])), b - len(words(text[hi:]))
    found = _exact_copy(art, text[lo:hi], ca, cb)
    if found is None:
        return None
    w = art.doc.words
    source = w[found.source_word : found.source_end]
    furniture = [*words(text[:lo]), *words(text[hi:])]
    sim = fuzz.ratio(" ".join(w[a:b]), " ".join(source))
    diffs = tuple(Difference("added", x, "") for x in furniture)
    return Verdict(True, sim, found.source_word, "caption", False, found.source_end, diffs)
