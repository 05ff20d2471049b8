"""A photo caption that repeats a sentence of the story, with a label or a credit.

Rule (identifier as in `Removal.rule` and the README):

- `caption-repeat`: a paragraph made of a caption label ("Pictured:",
  "Foto:"), a sentence, and/or a photo credit ("(Photo: Jane Smith/PA)",
  "(Foto: dpa)"), whose sentence is an exact copy of earlier text of at least
  `min_words` words. The label and the credit are the caption's furniture,
  not news: the whole paragraph goes. Its bar is the exact copy of the
  sentence; the reported similarity is measured on the whole paragraph
  (credit included) against the source, so it is lower than 100 and may be
  below `--threshold`.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .align import Verdict, verify
from .article import Article
from .models import Difference
from .segment import words

CAPTION = "caption-repeat"

_WORDS = (
    r"pictured|photo|photos|picture|image|foto|fotos|bild|zdjęcie|zdjęcia|fot\.?|"
    r"above|below|left|right|top|credit|crédit|quelle|source|źródło|photographie"
)
LABEL_RE = re.compile(rf"\s*(?:{_WORDS})\s*:\s+", re.IGNORECASE)
"""A caption label at the start: "Pictured: ", "Foto: "."""
_CREDIT_WORDS = r"photo|photos|foto|fotos|fot\.?|bild|image|zdjęcie|credit|crédit|quelle|źródło"
CREDIT_RE = re.compile(
    rf"[\s.]*\((?:{_CREDIT_WORDS})\s*:\s*[^()\n:]{{1,40}}\)[\s.]*$", re.IGNORECASE
)
"""A photo credit at the end, in brackets, named as one: "(Photo: Jane Smith/PA)",
"(Foto: dpa)". A bracket that describes the picture ("(pictured, broiler
chickens in a shed)") says something and is not a credit."""


def caption_repeat(art: Article, i: int) -> Verdict | None:
    """`caption-repeat` for paragraph i, or None when it is not a caption of earlier text."""
    text = art.paragraphs[i].text
    label, credit = LABEL_RE.match(text), CREDIT_RE.search(text)
    if label is None and credit is None:
        return None
    lo = label.end() if label else 0
    hi = credit.start() if credit else len(text)
    a, b = art.words_of(i)
    ca, cb = a + len(words(text[:lo])), b - len(words(text[hi:]))
    if cb - ca < art.cfg.min_words or words(text[lo:hi]) != art.doc.words[ca:cb]:
        return None
    found = verify(art.doc, ca, cb, art.cfg, only_ok=True)
    if found is None or not found.ok or found.similarity < 100:
        return None
    w = art.doc.words
    source = w[found.source_word : found.source_end]
    if source != w[ca:cb]:
        return None
    furniture = [*words(text[:lo]), *words(text[hi:])]
    sim = fuzz.ratio(" ".join(w[a:b]), " ".join(source))
    diffs = tuple(Difference("added", x, "") for x in furniture)
    return Verdict(True, sim, found.source_word, "caption", False, found.source_end, diffs)
