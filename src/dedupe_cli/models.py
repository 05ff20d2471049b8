"""Plain data passed between the pure core and the shell.

Everything here is frozen: the core returns these values and nothing mutates
them afterwards, so renderers and tests can rely on what they were given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the input: its position and its exact text.

    ``start``/``end`` are character offsets into the original string, so the
    text can be cut out (or kept) byte for byte.
    """

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Difference:
    """One way a removed copy differs from its kept source, and why it is harmless.

    ``kind`` is one of: ``typo`` (a misspelt word), ``dropped`` (a word of the
    source missing from the copy), ``added`` (a word only the copy has),
    ``variant`` (same word, other bytes: quotes, entities, case, accents),
    ``restart`` (the copy starts mid-word, as a scrape restart does), ``cut``
    (the copy's last word cut short of the source word, as a scrape stops),
    ``layout`` (other line breaks or spacing) and ``marker`` (another list
    marker or number in front of a list item: `rules_lists`). ``copy`` is the copy's text,
    ``kept`` the source's ("" when one side has nothing).
    """

    kind: str
    copy: str
    kept: str

    def short(self) -> str:
        """A few words for reports: `typo goverment→government`."""
        if self.kind == "dropped":
            return f"dropped '{self.kept}'"
        if self.kind == "added":
            return f"added '{self.copy}'"
        if self.kind == "layout":
            return "other line breaks"
        return f"{self.kind} '{self.copy}'→'{self.kept}'"


@dataclass(frozen=True)
class Removal:
    """One piece of text taken out, and the evidence for it.

    ``index`` is the paragraph the text came from and ``duplicate_of`` the
    paragraph holding the kept copy. ``start``/``end`` locate the removed text
    in the input; for a whole paragraph they equal the paragraph's span.
    ``rule`` names the detection rule that decided it (README, "How detection
    works"); ``source_start``/``source_end`` locate the kept text it copies
    (``similarity`` is measured between exactly these two texts) and
    ``differences`` say what differs between them.
    """

    index: int
    text: str
    duplicate_of: int
    similarity: float
    reason: str
    start: int
    end: int
    rule: str = ""
    source_start: int = -1
    source_end: int = -1
    differences: tuple[Difference, ...] = ()


@dataclass(frozen=True)
class Suspect:
    """A paragraph that looks like a copy but was kept, and why it was kept."""

    index: int
    text: str
    duplicate_of: int
    similarity: float
    reason: str


@dataclass(frozen=True)
class Attempt:
    """One rule tried on one paragraph, for `dedupe-cli explain`.

    ``accepted`` says whether the rule decided to remove text; ``evidence``
    is its evidence, or its reason for refusing. ``source`` is the paragraph
    it compared with (-1 for none) and ``similarity`` the measured figure.
    """

    paragraph: int
    rule: str
    accepted: bool
    evidence: str
    source: int = -1
    similarity: float = 0.0


@dataclass(frozen=True)
class SummarySentence:
    """A sentence chosen for the summary.

    ``index`` is the sentence's position among the sentences of the cleaned
    article, so users can find it and see the order is the article's.
    """

    index: int
    text: str
    score: float


@dataclass(frozen=True)
class CleanResult:
    """The outcome of cleaning one article: what went in, what came out, why."""

    original: str
    cleaned: str
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...] = ()
    suspects: tuple[Suspect, ...] = ()
    trace: tuple[Attempt, ...] = ()
    """Every rule tried, in order (for `explain`); the decisions are in `removed`."""

    @property
    def kept(self) -> int:
        """Paragraphs that survive whole or in part."""
        return len(self.paragraphs) - len(
            gone_paragraphs(self.original, self.paragraphs, self.removed)
        )

    @property
    def has_duplicates(self) -> bool:
        return bool(self.removed)


def gone_paragraphs(
    text: str, paragraphs: Sequence[Paragraph], removed: Iterable[Removal]
) -> set[int]:
    """Paragraphs removed whole: one removal spans them, or pieces that leave only spaces.

    A paragraph whose every sentence copies some earlier text is reported as
    one removal per sentence (each with its own source), and is gone all the same.
    """
    pieces: dict[int, list[tuple[int, int]]] = {}
    for r in removed:
        pieces.setdefault(r.index, []).append((r.start, r.end))
    gone = set()
    for i, spans in pieces.items():
        p = paragraphs[i]
        pos = p.start
        for s, e in sorted(spans):
            if text[pos:s].strip():
                break
            pos = max(pos, e)
        else:
            if not text[pos : p.end].strip():
                gone.add(i)
    return gone


@dataclass(frozen=True)
class Report:
    """Everything the tool says about one article: the cleaning and its summary."""

    source: str
    result: CleanResult
    summary: tuple[SummarySentence, ...] = field(default=())
