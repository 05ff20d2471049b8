"""Pass 1b: lists re-posted with other markers or numbering (`list-repeat`).

Scraped pages repeat lists (ingredients, steps, key points) with other
markers: `•` for `-`, `1.` or `2)` for bullets. A number marker is a word,
so the other rules read "1 une pâte brisée" against "une pâte brisée" as a
number added, a changed fact, and keep it. Numbers stay facts everywhere
else ("Part 2" / "Part 3"): only the marker in front of a list item is
layout, and only for a run of items.

- An item is a line that starts with a marker (`MARKER_RE`: `-`, `*`, `•`,
  `–`, `·`, `1.`, `1)`, `(1)`, `a)`, `(b)`, `iv.` ...) and runs to the next
  such line or to its paragraph's end (a hard-wrapped item keeps its
  continuation lines). Items next to each other (lines of one paragraph, or
  paragraphs one after another) form a list.
- `list-repeat`: `lists.min_items` or more consecutive items of a later list
  copy consecutive items of an earlier list, with `lists.min_run_words`
  words or more between them. Each item's words after its marker are
  verified against the earlier item's like any copy (`align.verify` at
  `threshold`: negation, other numbers and names refuse), and must cover the
  earlier item's words to its end. Each later item goes, naming the earlier.
  Items whose markers have the same words ("•" for "-") read the same to
  every other rule, and are left to them; the run still counts them.
- Refusals, noted under the same rule: two markers of one kind with other
  values (`5.` for `1.`, `c)` for `a)`) are numbers, not layout ("3. Oktober"
  is a date); and when any item of the run is a lookalike of its
  counterpart (another quantity), the whole later list stays: it is another
  version of the list, not a copy of it.

- `list-version` (a refusal, in the loop): the unchanged items of such
  another version stay too, whichever rule found them copies.

A removal is the whole item, marker included; its source is the earlier
item (from its marker's word, if the marker has one), and its similarity is
measured between the two with their markers, so a short numbered item can
report less than `threshold` (the bar is its words without the marker).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from itertools import chain

from rapidfuzz import fuzz

from .align import Verdict, verify
from .article import Article
from .ledger import Cut, Decision, Ledger
from .models import Difference
from .rules_sources import rule_threshold
from .segment import words

LIST = "list-repeat"
LIST_NUMBER = "list-number"
LIST_VERSION = "list-version"

MARKER_RE = re.compile(
    r"[ \t]*(?P<marker>"
    r"[-*•·–—▪◦‣●○■►▸✓✔]"  # bullets
    r"|\d{1,3}[.)]|\(\d{1,3}\)"  # 1.  1)  (1)
    r"|[a-z][.)]|\([a-zA-Z]\)|[A-Z]\)"  # a.  a)  (a)  A)   (not "A.": an initial)
    r"|[ivx]{2,6}[.)]|\([ivxIVX]{2,6}\)|[IVX]{2,6}[.)]"  # ii.  (iv)  IV.
    r")[ \t]+(?=\S)"
)
"""A list marker, matched at the start of a line, followed by a space and the item's text."""
_AFTER_NEWLINE_RE = re.compile("\n" + MARKER_RE.pattern)
"""The same after a line break: a literal first character lets `re` skip to each line
start, five times faster over long text than a multiline `^`."""


def after_marker(text: str, offset: int) -> bool:
    """Does a list marker at the start of its line end right at `offset`? ("...:\n1. |a packed")

    Its full stop ends no sentence: text after it is a list item, not a restart.
    """
    m = MARKER_RE.match(text, text.rfind("\n", 0, offset) + 1)
    return m is not None and m.end() == offset


_ROMAN_RE = re.compile(r"[ivx]{2,6}")


@dataclass(frozen=True)
class Item:
    """One list item: where it is, its marker, and its words in the article's stream."""

    paragraph: int
    start: int
    """Offset of the item's line in its paragraph's text (the marker included)."""
    end: int
    """End of its last line in the paragraph's text."""
    marker: str
    lead: int
    """The stream position of the marker's words (== `lo` when the marker has none)."""
    lo: int
    """The item's first word after its marker."""
    hi: int
    """One past its last word."""


def marker_kind(marker: str) -> tuple[str, str]:
    """(kind, value) of a marker: ("bullet", ""), ("number", "3"), ("letter", "c"), ("roman", "iv").

    A single i, v or x is a letter (a list running a, b, c...), two or more a roman numeral.
    """
    core = marker.strip("().")
    if not core or not core.isalnum():
        return "bullet", ""
    if core.isdigit():
        return "number", str(int(core))
    low = core.lower()
    if len(low) > 1 and _ROMAN_RE.fullmatch(low):
        return "roman", low
    return "letter", low


def find_items(art: Article) -> list[Item]:
    """Every list item of the article, in text order (one regex pass over the text)."""
    starts = [p.start for p in art.paragraphs]
    by_paragraph: dict[int, list[re.Match[str]]] = {}
    first = MARKER_RE.match(art.text)
    for m in chain([first] if first else [], _AFTER_NEWLINE_RE.finditer(art.text)):
        k = bisect_right(starts, m.start("marker")) - 1
        if k >= 0 and m.end() <= art.paragraphs[k].end and k in art.keys:
            by_paragraph.setdefault(k, []).append(m)
    out: list[Item] = []
    for k, found in by_paragraph.items():
        out += _paragraph_items(art, k, found)
    return out


def _paragraph_items(art: Article, k: int, found: list[re.Match[str]]) -> list[Item]:
    """The items of paragraph k: each marker line up to the next one (or the end).

    Words are counted piece by piece (text before the first item, each marker,
    each item's text); a paragraph whose pieces do not add up to its words
    (normalisation merged something) has no items.
    """
    p = art.paragraphs[k]
    a, b = art.words_of(k)
    cuts = [max(0, m.start("marker") - p.start) for m in found] + [len(p.text)]
    pos = a + len(words(p.text[: cuts[0]]))
    out = []
    for m, start, end in zip(found, cuts, cuts[1:], strict=False):
        mark_end = m.end() - p.start
        lo = pos + len(words(p.text[start:mark_end]))
        hi = lo + len(words(p.text[mark_end:end]))
        out.append(Item(k, start, len(p.text[:end].rstrip()), m["marker"], pos, lo, hi))
        pos = hi
    if pos != b or any(item.hi <= item.lo for item in out):
        return []
    return out


def list_runs(art: Article, items: list[Item]) -> list[int]:
    """For each item, the number of the list it belongs to (items next to each other)."""
    out: list[int] = []
    for n, item in enumerate(items):
        if n and _adjacent(art, items[n - 1], item):
            out.append(out[-1])
        else:
            out.append(n)
    return out


def _adjacent(art: Article, x: Item, y: Item) -> bool:
    if x.paragraph == y.paragraph:
        return True  # items of one paragraph are consecutive lines (an item runs to the next)
    ends = x.end == len(art.paragraphs[x.paragraph].text)
    return ends and y.start == 0 and art.next_with_words(x.paragraph) == y.paragraph


@dataclass(frozen=True)
class _Pair:
    """Later item `copy` against earlier item `source`: a copy, a lookalike, or neither."""

    copy: int
    source: int
    verdict: Verdict | None
    """The verdict on the item's words after the marker (None: no match to speak of)."""
    by_marker: bool = False
    """Refused for the markers alone (two numbers of one kind, other values)."""

    @property
    def ok(self) -> bool:
        return self.verdict is not None and self.verdict.ok

    @property
    def lookalike(self) -> bool:
        return self.verdict is not None and self.verdict.lookalike


class Lists:
    """The article's list items, and the verdicts of item against item (each computed once).

    Built once per round, before the rules run (`find_lists`); read-only after
    that, but for what it remembers: verdicts, the copies `list-number` checked,
    and the lists `repeat_lists` found to be other versions.
    """

    def __init__(self, art: Article, items: list[Item]) -> None:
        self.art = art
        self.items = items
        self.exact_cfg = replace(art.cfg, typos=replace(art.cfg.typos, slack_words=0))
        """Items are exact regions: no slack, so a neighbour's list number is never aligned."""
        self.leads = [item.lead for item in items]
        self.list_of = list_runs(art, items)
        self.by_key: dict[str, list[int]] = {}
        for n in range(len(items)):
            self.by_key.setdefault(self.key(n), []).append(n)
        self.starts = [item.lo for item in items]
        self.of_paragraph: dict[int, list[int]] = {}
        for n, item in enumerate(items):
            self.of_paragraph.setdefault(item.paragraph, []).append(n)
        self._pairs: dict[tuple[int, int], _Pair] = {}
        self._checked: set[tuple[int, int, int]] = set()
        self.versions: dict[int, _Pair] = {}
        """Items of a later list that is another version of an earlier one (found by
        `repeat_lists`), with the lookalike item that makes it one."""

    def key(self, n: int) -> str:
        item = self.items[n]
        return " ".join(self.art.doc.words[item.lo : item.hi])

    def item_at(self, word: int) -> int | None:
        n = bisect_right(self.starts, word) - 1
        return n if n >= 0 and word < self.items[n].hi else None

    def candidates(self, n: int) -> list[int]:
        """Earlier items that item n may copy: the same words first, then what its shingles
        point to (`lists.max_candidates` of them)."""
        item, doc = self.items[n], self.art.doc
        most = self.art.cfg.lists.max_candidates
        same = self.by_key[self.key(n)]
        out = same[: min(bisect_left(same, n), most)]
        if doc.any_repeat(item.lo, item.hi):
            votes = Counter(self.item_at(s) for s in doc.sources(item.lo, item.hi) if s >= 0)
            out += [k for k, _ in votes.most_common() if k is not None and k < n and k not in out]
        return out[:most]

    def pair(self, copy: int, source: int) -> _Pair:
        found = self._pairs.get((copy, source))
        if found is None:
            numbered = marker_kind(self.items[copy].marker)
            by_marker = numbered[0] == marker_kind(self.items[source].marker)[0] and (
                numbered != marker_kind(self.items[source].marker)
            )
            found = _Pair(copy, source, self._verdict(copy, source), by_marker)
            self._pairs[(copy, source)] = found
        return found

    def _verdict(self, copy: int, source: int) -> Verdict | None:
        """Item `copy`'s words (no marker) against item `source`'s.

        Markers of one kind must agree: "5." is not "1.", nor "c)" "a)".
        """
        c, s = self.items[copy], self.items[source]
        kind_c, kind_s = marker_kind(c.marker), marker_kind(s.marker)
        if kind_c[0] == kind_s[0] and kind_c[1] != kind_s[1]:
            why = f"kept: item '{c.marker}' where the original has '{s.marker}'"
            return Verdict(False, 0.0, s.lead, why, True, s.hi)
        art = self.art
        v = verify(art.doc, c.lo, c.hi, self.exact_cfg, (s.lo, s.hi))
        if v is None or not v.ok:
            return v
        if (v.source_word, v.source_end) != (s.lo, s.hi):
            return None  # the copy matches only part of the item ("1. Mai" → "3. Mai")
        return v

    def numbered_at(self, word: int) -> Item | None:
        """The item whose marker's words (a list number) hold `word`, if any."""
        n = bisect_right(self.leads, word) - 1
        return self.items[n] if n >= 0 and word < self.items[n].lo else None

    def text_start(self, i: int) -> int:
        """Paragraph i's first word after the marker it starts with (its first word if none)."""
        a, _ = self.art.words_of(i)
        n = bisect_left(self.leads, a)
        if n < len(self.items) and self.items[n].lead == a and self.items[n].paragraph == i:
            return self.items[n].lo if self.items[n].start == 0 else a
        return a

    def first_check(self, i: int, v: Verdict) -> bool:
        """Is this the first time paragraph i's copy verdict v is checked (`list-number`)?"""
        key = (i, v.source_word, v.source_end)
        if key in self._checked:
            return False
        self._checked.add(key)
        return True

    def members(self, n: int) -> range:
        """The items of item n's list."""
        start = self.list_of[n]
        end = n
        while end < len(self.items) and self.list_of[end] == start:
            end += 1
        return range(start, end)

    def same_list(self, x: int, y: int) -> bool:
        return (
            0 <= x < len(self.items)
            and 0 <= y < len(self.items)
            and (self.list_of[x] == self.list_of[y])
        )


@dataclass(frozen=True)
class _Run:
    """Consecutive later items against consecutive earlier items, pair by pair."""

    pairs: tuple[_Pair, ...]

    @property
    def copies(self) -> int:
        return sum(p.ok for p in self.pairs)


def _run_from(lists: Lists, n: int, m: int) -> _Run:
    """The run through the pair (n, m), extended both ways while items keep matching.

    The earlier items must all come before the first later one.
    """
    lo = 0
    while (
        lists.same_list(n + lo - 1, n)
        and lists.same_list(m + lo - 1, m)
        and m < n + lo - 1
        and _matches(lists.pair(n + lo - 1, m + lo - 1))
    ):
        lo -= 1
    hi = 1
    while (
        lists.same_list(n + hi, n)
        and lists.same_list(m + hi, m)
        and m + hi < n + lo
        and _matches(lists.pair(n + hi, m + hi))
    ):
        hi += 1
    return _Run(tuple(lists.pair(n + k, m + k) for k in range(lo, hi)))


def _matches(p: _Pair) -> bool:
    return p.ok or p.lookalike


def find_lists(art: Article) -> Lists:
    """The article's list items, for `repeat_lists` and `spare_list_numbers`."""
    return Lists(art, find_items(art))


def repeat_lists(art: Article, led: Ledger, lists: Lists) -> None:
    """Pass 1b (`list-repeat`): later lists that repeat earlier ones with other markers."""
    items = lists.items
    if len(items) < 2 * art.cfg.lists.min_items:
        return
    n = 0
    while n < len(items):
        run = _best_run(lists, led, n)
        if run is None:
            n += 1
            continue
        _decide(lists, led, run)
        n = run.pairs[-1].copy + 1


def _best_run(lists: Lists, led: Ledger, n: int) -> _Run | None:
    """The longest run through item n (the most copies, then the earliest source, on a tie).

    An item already gone as an exact copy starts no run (it may join one):
    10,000 repeats of one line are not searched 10,000 times. One gone as a
    near copy is searched: it may be the changed item of another version.
    """
    if _settled(lists, led, n) and led.removed[lists.items[n].paragraph].verdict.similarity == 100:
        return None
    best: _Run | None = None
    for m in lists.candidates(n):
        p = lists.pair(n, m)
        if not _matches(p):
            if p.verdict is not None:
                led.note(lists.items[n].paragraph, LIST, False, p.verdict.reason, p.verdict)
            continue
        run = _run_from(lists, n, m)
        if best is None or (len(run.pairs), run.copies) > (len(best.pairs), best.copies):
            best = run
    return best


def _settled(lists: Lists, led: Ledger, n: int) -> bool:
    """Is item n's paragraph already gone as a copy of kept text (nothing left to decide)?"""
    d = led.removed.get(lists.items[n].paragraph)
    return d is not None and d.source not in led.removed and d.rule != LIST


def _other_version(lists: Lists, run: _Run) -> _Pair | None:
    """An item of the later list that is a lookalike of one of the earlier list, if any.

    Beyond the run too: once a round has taken some items out of the later
    list, the changed one may no longer sit next to the others, and it still
    makes that list another version of the earlier one.
    """
    first = run.pairs[0]
    shift = first.source - first.copy
    source_list = lists.list_of[first.source]
    for k in lists.members(first.copy):
        if lists.same_list(k + shift, first.source) and lists.pair(k, k + shift).lookalike:
            return lists.pair(k, k + shift)  # in line with the run: any difference counts
        for m in lists.candidates(k):  # elsewhere in the list: only its words count
            p = lists.pair(k, m)
            if lists.list_of[m] == source_list and m < k and p.lookalike and not p.by_marker:
                return p
    return None


def _decide(lists: Lists, led: Ledger, run: _Run) -> None:
    """Remove the run's later items, or note why the whole later list stays."""
    art, cfg = lists.art, lists.art.cfg.lists
    refusal = next((p for p in run.pairs if p.lookalike), None) or _other_version(lists, run)
    n_words = sum(lists.items[p.copy].hi - lists.items[p.copy].lo for p in run.pairs)
    why = ""
    if refusal is not None and refusal.verdict is not None:
        differs = refusal.verdict.reason.removeprefix("kept: ")
        why = f"kept: the list it repeats differs in one item ({differs})"
    elif run.copies < cfg.min_items:
        why = f"kept: {run.copies} item(s) in a row repeat an earlier list ({cfg.min_items} needed)"
    elif n_words < cfg.min_run_words:
        why = f"kept: the repeated items have {n_words} words ({cfg.min_run_words} needed)"
    if refusal is not None and run.copies:  # items that differ, next to items that repeat
        for k in lists.members(run.pairs[0].copy):
            lists.versions.setdefault(k, refusal)
    if why:
        for p in run.pairs:
            v = p.verdict
            assert v is not None
            led.note(lists.items[p.copy].paragraph, LIST, False, why, v)
        return
    cuts: dict[int, list[Cut]] = {}
    for p in run.pairs:
        item = lists.items[p.copy]
        if _settled(lists, led, p.copy) or _same_words(item, lists.items[p.source]):
            continue  # decided already, or left to the other rules: no word differs
        cut = Cut(item.start, item.end, (item.lo, item.hi), _removal_verdict(lists, p), LIST)
        cuts.setdefault(item.paragraph, []).append(cut)
    for i, found in cuts.items():
        _take(art, led, i, found)


def _same_words(x: Item, y: Item) -> bool:
    """Do two items' markers have the same words ("-" and "•", "1." and "(1)")?"""
    return words(x.marker) == words(y.marker)


def _removal_verdict(lists: Lists, p: _Pair) -> Verdict:
    """The verdict a removal reports: whole item against whole item, markers included."""
    v = p.verdict
    assert v is not None and v.ok
    c, s = lists.items[p.copy], lists.items[p.source]
    w = lists.art.doc.words
    sim = fuzz.ratio(" ".join(w[c.lead : c.hi]), " ".join(w[s.lead : s.hi]))
    diffs = v.differences
    if not _same_words(c, s):
        diffs = (Difference("marker", c.marker, s.marker), *diffs)
    reason = "list item, same words" if v.similarity == 100 else "list item, near-duplicate"
    return Verdict(True, sim, s.lead, reason, False, s.hi, diffs)


def _take(art: Article, led: Ledger, i: int, cuts: list[Cut]) -> None:
    """Paragraph i loses these items: all of it when they are all of it, else the items' lines."""
    text = art.paragraphs[i].text
    pos = 0
    for c in cuts:
        if text[pos : c.start].strip():
            break
        pos = c.end
    else:
        if not text[pos:].strip():
            v = cuts[0].verdict
            source = art.paragraph_of(v.source_word)
            led.remove(i, Decision(v, source, art.is_short(i), LIST, tuple(cuts)))
            return
    if led.undecided(i):
        led.cut(i, cuts)


def spare_list_numbers(art: Article, led: Ledger, lists: Lists) -> None:
    """`list-number` (a refusal): a copy must not match an earlier item's list number as text.

    "• 1 g butter" aligns with "(1) 2 g butter" as the list number 1, then a
    dropped 2: the quantity is lost. A copy by any other rule whose source
    starts in an earlier item's marker is verified again without the marker
    (its own leading marker left out too), at its rule's bar; if it fails,
    the copy stays.
    """
    if not lists.items:
        return
    for i in sorted({*led.removed, *led.held}):
        d = led.copy(i)
        if d is None or d.rule == LIST or d.pieces or d.verdict.similarity == 100:
            continue  # the same words as its source: a list number there is one here too
        item = lists.numbered_at(d.verdict.source_word)
        if item is None or not lists.first_check(i, d.verdict):
            continue
        end = d.verdict.source_end if d.verdict.source_end > item.lo else item.hi
        region = (item.lo, end)
        again = verify(
            art.doc,
            lists.text_start(i),
            art.words_of(i)[1],
            lists.exact_cfg,
            region,
            rule_threshold(art, d.rule),
        )
        if again is not None and again.ok:
            continue
        v = again or d.verdict
        why = f"kept: it matches ¶{item.paragraph + 1} only with that item's list number as a word"
        if again is not None and again.reason.startswith("kept:"):
            why += f"; without it, {again.reason.removeprefix('kept: ')}"
        verdict = replace(v, ok=False, reason=why, lookalike=True)
        if i in led.removed:
            led.spare(i, verdict, LIST_NUMBER)
        else:
            del led.held[i]
            led.refuse(i, verdict, LIST_NUMBER)


def spare_list_versions(art: Article, led: Ledger, lists: Lists) -> None:
    """`list-version` (a refusal): the items of another version of a list stay together.

    "• 250 g Butter" in a list that otherwise repeats "1. 200 g Butter ..."
    makes the later list another version of the earlier one (`repeat_lists`
    keeps it). Its unchanged items can still read as copies to the other
    rules (bullets drop only the numbers); taking them out would leave a
    changed item without its list. A paragraph made of such items stays.
    """
    if not lists.versions:
        return
    _uncut_versions(led, lists)
    for i in sorted({*led.removed, *led.held}):
        mine = lists.of_paragraph.get(i, [])
        if not mine or lists.items[mine[0]].start != 0:
            continue
        if any(n not in lists.versions for n in mine):
            continue
        d = led.copy(i)
        assert d is not None
        changed = lists.versions[mine[0]]
        assert changed.verdict is not None
        where = lists.items[changed.copy].paragraph + 1
        differs = changed.verdict.reason.removeprefix("kept: ")
        why = f"kept: an item of another version of the list (¶{where}: {differs})"
        verdict = replace(d.verdict, ok=False, reason=why, lookalike=True)
        if i in led.removed:
            led.spare(i, verdict, LIST_VERSION)
        else:
            del led.held[i]
            led.refuse(i, verdict, LIST_VERSION)


def _uncut_versions(led: Ledger, lists: Lists) -> None:
    """Cuts (a copied last line, a copied sentence) inside the items of another version
    of a list are taken back too: the block keeps every line of its list."""
    for i in sorted(led.cuts):
        mine = [lists.items[n] for n in lists.of_paragraph.get(i, []) if n in lists.versions]
        if not mine:
            continue
        cuts = led.cuts[i]
        keep = [c for c in cuts if not any(c.start < x.end and x.start < c.end for x in mine)]
        if len(keep) < len(cuts):
            led.uncut(i, keep, LIST_VERSION)
