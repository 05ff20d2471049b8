"""Real-world bench for dedupe-cli (issue 12): facts lost and copies left on real text.

The synthetic dedup bench is saturated; this one measures what the detector
does to real scraped pages, to CNN/DailyMail stories that repeat photo
captions inside one long line, and to hand-written probes of each trap class
of issue 12. It runs ``dedupe_cli.dedupe.clean_text`` from whatever code is
importable (``PYTHONPATH=src`` for the checkout, or ``--src PATH``), so two
commits can be compared in one run::

    PYTHONPATH=src python bench/realworld_bench.py                 # the table
    PYTHONPATH=src python bench/realworld_bench.py --list          # every failing label
    python bench/realworld_bench.py --src before=/tmp/before/src --src after=src  # compare
    python bench/realworld_bench.py --brief --src a=/tmp/a/src --src b=src  # one row per commit
    PYTHONPATH=src python bench/realworld_bench.py --json          # machine output
    PYTHONPATH=src python bench/realworld_bench.py --dataset probes --list  # one dataset
    PYTHONPATH=src python bench/realworld_bench.py --set runs.threshold=80  # other settings

``--set GROUP.FIELD=VALUE`` (repeatable, as in ``dedup_bench.py``; ``--list-settings``
names them all) cleans with those fields of ``DedupeConfig`` changed, in every
``--src`` compared.

Labels (``bench/realworld/labels.jsonl``, one JSON object per line) name a
document (``dataset`` + ``doc`` id) and a ``text`` taken from it:
``must_keep`` (unique content: it must still appear in the cleaned output
``keep`` times, default 1) or ``must_remove`` (a repeat: exactly ``keep``
copies, default 1, must remain; more is a copy left, fewer means every copy
went, which counts as content lost). ``why`` says what a reader sees.
Probes (``bench/realworld/probes.jsonl``) are small articles written for the
bench, each with its own ``labels`` in the same form.

Texts are compared as normalised word sequences (HTML entities decoded,
NFKC, soft hyphens and zero-width characters dropped, case folded, words are
runs of letters, digits and combining marks), so a label survives
re-segmentation and a kept copy in another encoding still counts as a copy.

Label-free checks on every removal (``Removal.start/end`` and, when the
detector reports it, ``source_start/source_end``; else the ``duplicate_of``
paragraph):

* *source does not contain it*: fewer than ``CONTAIN_SHARE`` of the removed
  words appear, in order, in the named source (the removal's own span
  excluded);
* *source gone*: the same test against what survives of the source after all
  removals (a copy whose original was removed too leaves no copy at all).

On ``web_dev`` every paragraph of ``LONG_CHARS``+ characters whose normalised
text equals an earlier paragraph's is a long identical repeat; it counts as
removed when ``COVERED_SHARE`` of its characters are inside removals. On the
CNN/DailyMail stories, words outside every repeated ``UNIQUE_NGRAM``-word run
are unique words; ``unique words cut`` counts those inside a removal whose surviving
source does not have the word too.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_settings

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LABELS = HERE / "realworld" / "labels.jsonl"
PROBES = HERE / "realworld" / "probes.jsonl"
PROBE_GLOBS = ("probes*.jsonl", "heldout*.jsonl")
"""Probe files read by default: every ``probes*.jsonl`` (dataset ``probes``, written while
tuning) and ``heldout*.jsonl`` (dataset ``heldout``: probes written by someone who did not
read the detector and never tuned on, so its column is the honest one)."""


def probe_files() -> list[Path]:
    """The default probe files, in a stable order."""
    folder = HERE / "realworld"
    return sorted(path for pattern in PROBE_GLOBS for path in folder.glob(pattern))


def probe_dataset(path: Path) -> str:
    """probes*.jsonl -> probes; heldout.jsonl -> heldout; heldout-2.jsonl -> heldout2 (a
    second set, written after the first had been used to find bugs)."""
    if not path.name.startswith("heldout"):
        return "probes"
    return "heldout2" if path.name.startswith("heldout-2") else "heldout"


DATA_DIRS = (REPO.parent / "shared" / "data", REPO.parent.parent / "shared" / "data")

CONTAIN_SHARE = 0.9
"""Share of a removal's words that its source must hold, in order, to contain it.

0.9 lets a near-copy drop or change a word in ten (what the detector's own
typo and dropped-word rules allow) and still rejects a source that is only
about the same thing."""

LONG_CHARS = 100
"""Length from which an identical repeated paragraph is a 'long' copy (issue 12 target)."""

COVERED_SHARE = 0.9
"""Share of a long repeat's characters that removals must cover to count it removed."""

UNIQUE_NGRAM = 8
"""Words of a run that, seen twice in a story, make its words repeated, not unique.

Eight words is a phrase no story repeats by chance; shorter runs ("the end of
the") would call ordinary wording repeated and hide lost unique words."""

SHORT_NGRAM = 3
"""The same for runs starting in short paragraphs ("Neues Konto anlegen" twice in one line)."""

DATASETS = ("web_dev", "cnndm", "probes", "heldout", "heldout2")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


# --- normalised words -------------------------------------------------------


def _word_class(ch: str) -> str:
    """'L' for letters and combining marks (Devanagari vowel signs are part of words),
    'N' for digits, '' otherwise; a word ends where the class changes, so a date
    glued to a word ("26.01.2022Strava") does not hide the word."""
    cat = unicodedata.category(ch)[0]
    return "L" if cat in "LM" else "N" if cat == "N" else ""


def _word_char(ch: str) -> bool:
    return _word_class(ch) != ""


def words(text: str) -> list[str]:
    """The normalised words of ``text``: what a reader would call the same text."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(ZERO_WIDTH).casefold()
    out: list[str] = []
    current: list[str] = []
    kind = ""
    for ch in text:
        now = _word_class(ch)
        if current and now != kind:
            out.append("".join(current))
            current = []
        if now:
            current.append(ch)
        kind = now
    if current:
        out.append("".join(current))
    return out


def count_in(needle: Sequence[str], hay: Sequence[str]) -> int:
    """Non-overlapping occurrences of the word sequence ``needle`` in ``hay``."""
    if not needle:
        return 0
    hay_text, pattern = " " + " ".join(hay) + " ", " " + " ".join(needle) + " "
    count, at = 0, hay_text.find(pattern)
    while at >= 0:
        count += 1
        at = hay_text.find(pattern, at + len(pattern) - 1)  # the next copy may share the space
    return count


def in_order_share(part: Sequence[str], whole: Sequence[str]) -> float:
    """Share of ``part``'s words found in ``whole`` in the same order (LCS / len(part))."""
    if not part:
        return 1.0
    from rapidfuzz.distance import LCSseq

    return LCSseq.similarity(list(part), list(whole)) / len(part)


# --- inputs ---------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """One hand label: a text that must survive, or a repeat that must go."""

    dataset: str
    doc: str
    kind: str
    text: str
    why: str
    keep: int = 1
    paragraph: int | None = None


@dataclass(frozen=True)
class Doc:
    """A text to clean, with its labels and (web_dev) its blank-line paragraphs."""

    dataset: str
    id: str
    text: str
    labels: tuple[Label, ...] = ()
    paragraphs: tuple[str, ...] = ()
    group: str = ""


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def label_from(record: dict[str, Any], dataset: str, doc: str) -> Label:
    return Label(
        dataset=dataset,
        doc=doc,
        kind=record["kind"],
        text=record["text"],
        why=record.get("why", ""),
        keep=int(record.get("keep", 1)),
        paragraph=record.get("paragraph"),
    )


def find_data_dir(given: str | None) -> Path:
    for candidate in [Path(given)] if given else DATA_DIRS:
        if (candidate / "web_dev.jsonl").exists():
            return candidate
    raise SystemExit(f"realworld_bench: no web_dev.jsonl in {given or DATA_DIRS}; use --data-dir")


def load_docs(data_dir: Path, labels_path: Path, probe_paths: Sequence[Path]) -> list[Doc]:
    """web_dev pages, the CNN/DailyMail stories that have labels, and the probes."""
    by_doc: dict[tuple[str, str], list[Label]] = {}
    for rec in read_jsonl(labels_path):
        lab = label_from(rec, rec["dataset"], rec["doc"])
        by_doc.setdefault((lab.dataset, lab.doc), []).append(lab)
    docs = [
        Doc(
            "web_dev",
            r["id"],
            r["text"],
            tuple(by_doc.get(("web_dev", r["id"]), ())),
            tuple(r["paragraphs"]),
        )
        for r in read_jsonl(data_dir / "web_dev.jsonl")
    ]
    docs += [
        Doc("cnndm", r["id"], r["text"], tuple(by_doc[("cnndm", r["id"])]))
        for r in read_jsonl(data_dir / "cnndm_dev100.jsonl")
        if ("cnndm", r["id"]) in by_doc
    ]
    for path in probe_paths:
        dataset = probe_dataset(path)
        for rec in read_jsonl(path):
            labs = tuple(label_from(lab, dataset, rec["id"]) for lab in rec["labels"])
            docs.append(Doc(dataset, rec["id"], rec["text"], labs, group=rec["class"]))
    return docs


# --- checks ------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """One thing a developer should look at: which document, which check, what text."""

    dataset: str
    doc: str
    check: str
    text: str
    detail: str = ""


@dataclass
class Tally:
    """Counts for one dataset; each failing item also lands in ``failures``."""

    docs: int = 0
    removals: int = 0
    keep_labels: int = 0
    keep_lost: int = 0
    remove_labels: int = 0
    remove_left: int = 0
    remove_done: int = 0
    all_copies_gone: int = 0
    source_gone: int = 0
    source_not_containing: int = 0
    exact_not_equal: int = 0
    long_repeats: int = 0
    long_repeats_left: int = 0
    unique_words: int = 0
    unique_words_cut: int = 0
    failures: list[Failure] = field(default_factory=list)


def removed_mask(text: str, spans: Iterable[tuple[int, int]]) -> bytearray:
    mask = bytearray(len(text))
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def surviving(text: str, start: int, end: int, mask: bytearray) -> str:
    return "".join(ch for i, ch in enumerate(text[start:end], start) if not mask[i])


def source_span(result: Any, rm: Any) -> tuple[int, int]:
    """The kept text a removal names: its source span when the detector reports one
    (older commits do not), else its ``duplicate_of`` paragraph; empty if neither exists."""
    if getattr(rm, "source_start", -1) >= 0 and getattr(rm, "source_end", -1) > rm.source_start:
        return rm.source_start, rm.source_end
    if not 0 <= rm.duplicate_of < len(result.paragraphs):
        return 0, 0
    para = result.paragraphs[rm.duplicate_of]
    return para.start, para.end


CREDIT_WORDS = r"photo|photos|foto|fotos|fot|bild|image|zdjęcie|credit|crédit|quelle|źródło"
FURNITURE = (
    re.compile(r"^\s*(?:\w+\s+){0,2}\w+\s*:\s+(?:[^\s/:]+(?:\s[^\s/:]+)?\s*/\s+)?"),
    re.compile(rf"[\s.]*\(\s*(?:(?i:{CREDIT_WORDS})\b|©)[^()]{{0,60}}\)[\s.]*$"),
    re.compile(rf"[\s.]*(?:(?i:{CREDIT_WORDS})\s*[:.]|©)[^():]{{1,60}}$"),
)
"""A caption's label ("Pictured: ", "Foto: ANP / ") and photo credit ("(Photo: Jane
Smith/PA)", "© AFP", "Fot. PAP"): furniture that no source sentence has, so the
containment check leaves it out. Written here, not taken from the detector."""


LIST_MARKER = re.compile(
    r"^\s*(?:(?:\d{1,3}|[A-Za-z]|[ivxIVX]{2,6})[.)]|\((?:\d{1,3}|[A-Za-z]|[ivxIVX]{2,6})\))\s+"
)
"""A list item's number or letter ("1) ", "(a) ", "iv. "): layout, as a bullet is (and a
bullet has no words); an item re-posted numbered has it where its bulleted source has
none, so the containment check leaves it out too. Written here, not taken from the detector."""


def without_furniture(text: str) -> str:
    text = LIST_MARKER.sub("", text, count=1)
    for pattern in FURNITURE:
        text = pattern.sub("", text, count=1)
    return text


def check_removals(doc: Doc, result: Any, tally: Tally) -> None:
    """Every removal's named source must contain it (caption furniture aside) and must
    itself survive."""
    text = doc.text
    mask = removed_mask(text, ((rm.start, rm.end) for rm in result.removed))
    for rm in result.removed:
        tally.removals += 1
        gone = words(rm.text)
        core = words(without_furniture(rm.text))
        start, end = source_span(result, rm)
        own = removed_mask(text, [(rm.start, rm.end)])
        src_before = surviving(text, start, end, own)
        src_after = surviving(text, start, end, mask)
        rule = getattr(rm, "rule", "")
        preview = f"p{rm.index} <- p{rm.duplicate_of} {rule or rm.reason} {rm.similarity:.1f}"
        detail = f"{preview}; source: {text[start:end]}"
        if rm.reason.startswith("exact") and gone != words(src_before):
            tally.exact_not_equal += 1
            tally.failures.append(
                Failure(doc.dataset, doc.id, "'exact' but not equal", rm.text, detail)
            )
        if in_order_share(core, words(src_before)) < CONTAIN_SHARE:
            tally.source_not_containing += 1
            tally.failures.append(
                Failure(doc.dataset, doc.id, "source does not contain it", rm.text, detail)
            )
        elif in_order_share(core, words(src_after)) < CONTAIN_SHARE:
            tally.source_gone += 1
            tally.failures.append(Failure(doc.dataset, doc.id, "source gone", rm.text, detail))


def check_labels(doc: Doc, cleaned: Sequence[str], tally: Tally) -> None:
    """must_keep: still there ``keep`` times; must_remove: exactly ``keep`` copies left."""
    for lab in doc.labels:
        seen = count_in(words(lab.text), cleaned)
        if lab.kind == "must_keep":
            tally.keep_labels += 1
            if seen < lab.keep:
                tally.keep_lost += 1
                tally.failures.append(
                    Failure(doc.dataset, doc.id, "must_keep lost", lab.text, lab.why)
                )
        else:
            tally.remove_labels += 1
            if seen == lab.keep:
                tally.remove_done += 1
            elif seen > lab.keep:
                tally.remove_left += 1
                tally.failures.append(
                    Failure(doc.dataset, doc.id, "must_remove left", lab.text, lab.why)
                )
            elif seen < lab.keep:
                tally.all_copies_gone += 1
                tally.failures.append(
                    Failure(doc.dataset, doc.id, "every copy gone", lab.text, lab.why)
                )


def paragraph_spans(text: str, paragraphs: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Offsets of the blank-line paragraphs of a web_dev record in its text."""
    at = 0
    for para in paragraphs:
        start = text.index(para, at)
        at = start + len(para)
        yield start, at


def check_long_repeats(doc: Doc, mask: bytearray, tally: Tally) -> None:
    """Later copies of identical paragraphs of LONG_CHARS+ characters must be removed."""
    seen: set[tuple[str, ...]] = set()
    for (start, end), para in zip(
        paragraph_spans(doc.text, doc.paragraphs), doc.paragraphs, strict=True
    ):
        key = tuple(words(para))
        if len(para.strip()) >= LONG_CHARS and key in seen:
            tally.long_repeats += 1
            if sum(mask[start:end]) < COVERED_SHARE * (end - start):
                tally.long_repeats_left += 1
                tally.failures.append(Failure(doc.dataset, doc.id, "long repeat left", para))
        seen.add(key)


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Normalised words with their offsets (one normalised word per source run)."""
    spans: list[tuple[str, int, int]] = []
    start = -1
    for i, ch in enumerate(text + " "):
        inside = i < len(text) and _word_char(ch)
        if inside and start < 0:
            start = i
        elif not inside and start >= 0:
            spans.extend((w, start, i) for w in words(text[start:i]))
            start = -1
    return spans


def _run_counts(ws: Sequence[str], n: int) -> list[int]:
    """For each start i, how often the n words from i occur in ``ws``."""
    grams = [tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)]
    counts: dict[tuple[str, ...], int] = {}
    for gram in grams:
        counts[gram] = counts.get(gram, 0) + 1
    return [counts[gram] for gram in grams]


def repeated_words(doc: Doc, spans: Sequence[tuple[str, int, int]]) -> list[bool]:
    """Which words repeat: inside a run of UNIQUE_NGRAM words seen twice or, in a paragraph
    shorter than that (menus, buttons, bylines repeat as short lines), inside a run of
    SHORT_NGRAM words seen twice."""
    ws = [w for w, _, _ in spans]
    repeated = [False] * len(ws)
    for i, seen in enumerate(_run_counts(ws, UNIQUE_NGRAM)):
        if seen > 1:
            repeated[i : i + UNIQUE_NGRAM] = [True] * UNIQUE_NGRAM
    short = [
        span
        for span, para in zip(
            paragraph_spans(doc.text, doc.paragraphs), doc.paragraphs, strict=True
        )
        if len(words(para)) < UNIQUE_NGRAM
    ]
    starts = [at for _w, at, _end in spans]
    for i, seen in enumerate(_run_counts(ws, SHORT_NGRAM)):
        if seen > 1 and any(start <= starts[i] < end for start, end in short):
            repeated[i : i + SHORT_NGRAM] = [True] * SHORT_NGRAM
    return repeated


def check_unique_words(doc: Doc, result: Any, mask: bytearray, tally: Tally) -> None:
    """Words that repeat nowhere in the document must all survive.

    A word inside a removal that its named source (what survives of it) also
    has is not unique either: a lead such as "Allen" in "Allen splurged ..."
    removed as a copy of "Allen also splurged ..." sits outside every
    repeated 8-word run, yet the kept text says it."""
    spans = word_spans(doc.text)
    echoed = _echoed_positions(doc.text, result, mask)
    cut: list[str] = []
    for (w, start, _end), rep in zip(spans, repeated_words(doc, spans), strict=True):
        if not rep:
            tally.unique_words += 1
            if mask[start] and start not in echoed:
                tally.unique_words_cut += 1
                cut.append(w)
    if cut:
        tally.failures.append(Failure(doc.dataset, doc.id, "unique words cut", " ".join(cut)))


def _echoed_positions(text: str, result: Any, mask: bytearray) -> set[int]:
    """Start offsets of removed words that the surviving source of their removal also has."""
    out: set[int] = set()
    for rm in result.removed:
        start, end = source_span(result, rm)
        kept = set(words(surviving(text, start, end, mask)))
        out.update(at for w, at, _e in word_spans(rm.text) if w in kept for at in [at + rm.start])
    return out


def run(docs: Sequence[Doc], config: Any = None) -> dict[str, Tally]:
    """Clean every document (with `config`, else the defaults) and tally each dataset's checks."""
    import dedupe_cli
    from dedupe_cli.dedupe import clean_text

    print(f"realworld_bench: dedupe_cli from {Path(dedupe_cli.__file__).parent}", file=sys.stderr)
    tallies = {name: Tally() for name in DATASETS}
    for doc in docs:
        result = clean_text(doc.text) if config is None else clean_text(doc.text, config)
        cleaned = words(result.cleaned)
        mask = removed_mask(doc.text, ((rm.start, rm.end) for rm in result.removed))
        keys = [doc.dataset] + ([f"{doc.dataset}:{doc.group}"] if doc.group else [])
        for key in keys:
            tally = tallies.setdefault(key, Tally())
            tally.docs += 1
            check_removals(doc, result, tally)
            check_labels(doc, cleaned, tally)
            if doc.paragraphs:
                check_long_repeats(doc, mask, tally)
            if doc.dataset in ("web_dev", "cnndm"):
                check_unique_words(doc, result, mask, tally)
    return tallies


# --- output ------------------------------------------------------------------

ROWS: tuple[tuple[str, str, str], ...] = (
    ("documents", "docs", ""),
    ("removals", "removals", ""),
    ("must-keep labels lost", "keep_lost", "keep_labels"),
    ("repeats: every copy gone", "all_copies_gone", "remove_labels"),
    ("removals whose source was removed too", "source_gone", "removals"),
    ("removals whose source does not contain them", "source_not_containing", "removals"),
    ("'exact' removals whose source differs", "exact_not_equal", "removals"),
    ("must-remove repeats left", "remove_left", "remove_labels"),
    ("must-remove repeats removed (one copy kept)", "remove_done", "remove_labels"),
    ("long identical repeats left", "long_repeats_left", "long_repeats"),
    ("unique words cut", "unique_words_cut", "unique_words"),
)


def cell(counts: dict[str, int], num: str, den: str) -> str:
    if not den:
        return str(counts[num])
    if not counts[den]:
        return "-"
    return f"{counts[num]}/{counts[den]}"


def table(columns: dict[str, dict[str, dict[str, int]]]) -> str:
    """One Markdown table: a row per check, a column per (run, dataset)."""
    heads = [(run_name, ds) for ds in DATASETS for run_name in columns]
    multi = len(columns) > 1
    names = [f"{ds} ({run_name})" if multi else ds for run_name, ds in heads]
    lines = ["| check | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for title, num, den in ROWS:
        row = [cell(columns[r][ds], num, den) for r, ds in heads]
        lines.append(f"| {title} | " + " | ".join(row) + " |")
    return "\n".join(lines)


CLASS_ROWS: tuple[tuple[str, str, str], ...] = (
    ("must-keep lost", "keep_lost", "keep_labels"),
    ("every copy gone", "all_copies_gone", "remove_labels"),
    ("repeats left", "remove_left", "remove_labels"),
)


def class_table(columns: dict[str, dict[str, dict[str, int]]]) -> str:
    """Probes by trap class: a row per class, the failing share of its labels per run."""
    runs = list(columns)
    classes = sorted(
        {k for per in columns.values() for k in per if k.split(":")[0] in DATASETS[2:] and ":" in k}
    )
    heads = [
        f"{title} ({r})" if len(runs) > 1 else title for title, _, _ in CLASS_ROWS for r in runs
    ]
    lines = ["| probe class | probes | " + " | ".join(heads) + " |"]
    lines.append("|---|---:|" + "---:|" * len(heads))
    for key in classes:
        docs = columns[runs[0]][key]["docs"]
        row = [cell(columns[r][key], num, den) for _, num, den in CLASS_ROWS for r in runs]
        dataset, cls = key.split(":", 1)
        name = cls if dataset == "probes" else f"{cls} ({dataset})"
        lines.append(f"| {name} | {docs} | " + " | ".join(row) + " |")
    return "\n".join(lines)


BRIEF: tuple[tuple[str, str, str, str], ...] = (
    ("web_dev kept lost", "web_dev", "keep_lost", "keep_labels"),
    ("web_dev repeats removed", "web_dev", "remove_done", "remove_labels"),
    ("web_dev long repeats left", "web_dev", "long_repeats_left", "long_repeats"),
    ("cnndm inline repeats removed", "cnndm", "remove_done", "remove_labels"),
    ("cnndm unique words cut", "cnndm", "unique_words_cut", "unique_words"),
    ("probes kept lost", "probes", "keep_lost", "keep_labels"),
    ("probes repeats removed", "probes", "remove_done", "remove_labels"),
    ("held-out kept lost", "heldout", "keep_lost", "keep_labels"),
    ("held-out repeats removed", "heldout", "remove_done", "remove_labels"),
    ("held-out 2 kept lost", "heldout2", "keep_lost", "keep_labels"),
    ("held-out 2 repeats removed", "heldout2", "remove_done", "remove_labels"),
)


def brief_table(columns: dict[str, dict[str, dict[str, int]]]) -> str:
    """The headline figures, one row per run: for a commit-by-commit history."""
    lines = [
        "| run | "
        + " | ".join(t for t, _, _, _ in BRIEF)
        + " | every copy gone | source gone or not containing |"
    ]
    lines.append("|---|" + "---:|" * (len(BRIEF) + 2))
    for name, per in columns.items():
        row = [cell(per[ds], num, den) for _, ds, num, den in BRIEF]
        gone = sum(per[ds]["all_copies_gone"] for ds in DATASETS)
        bad = sum(per[ds]["source_gone"] + per[ds]["source_not_containing"] for ds in DATASETS)
        lines.append(f"| {name} | " + " | ".join(row) + f" | {gone} | {bad} |")
    return "\n".join(lines)


def counts_of(tallies: dict[str, Tally]) -> dict[str, dict[str, int]]:
    return {
        ds: {k: v for k, v in asdict(t).items() if k != "failures"} for ds, t in tallies.items()
    }


def show_failures(tallies: dict[str, Tally], width: int = 160) -> str:
    out = []
    for key in DATASETS:
        for f in tallies[key].failures:
            text = " ".join(f.text.split())
            text = text if len(text) <= width else text[: width - 1] + "…"
            detail = " ".join(f.detail.split())[:width]
            out.append(
                f"[{f.dataset}] {f.check}: {f.doc}\n    {text}"
                + (f"\n    ({detail})" if detail else "")
            )
    return "\n".join(out)


def run_in_subprocess(src: str, argv: Sequence[str]) -> dict[str, Any]:
    """Run this bench against another checkout's ``src`` and return its JSON."""
    cmd = [sys.executable, __file__, "--json", "--src", src, *argv]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="folder with web_dev.jsonl and cnndm_dev100.jsonl")
    parser.add_argument("--labels", default=str(LABELS))
    parser.add_argument(
        "--probes",
        action="append",
        help="a probe file (repeatable; default: every probes*.jsonl and heldout*.jsonl in "
        "bench/realworld; a heldout* file is its own column)",
    )
    parser.add_argument(
        "--src",
        action="append",
        default=[],
        help="import dedupe_cli from this src folder; [NAME=]PATH, given twice or more: compare",
    )
    parser.add_argument("--list", action="store_true", help="print every failing label and removal")
    parser.add_argument("--brief", action="store_true", help="headline figures, one row per --src")
    parser.add_argument(
        "--dataset", action="append", choices=DATASETS, help="only this dataset (repeatable)"
    )
    parser.add_argument(
        "--json", action="store_true", help="counts and failures as one JSON object"
    )
    bench_settings.add_arguments(parser)
    args = parser.parse_args(argv)
    probes = [Path(p) for p in args.probes] if args.probes else probe_files()
    shared = [
        "--data-dir",
        str(find_data_dir(args.data_dir)),
        "--labels",
        args.labels,
        *(f"--probes={path}" for path in probes),
        *(f"--dataset={name}" for name in args.dataset or ()),
        *(f"--set={assignment}" for assignment in args.settings),
    ]
    if len(args.src) > 1:
        named = [src.split("=", 1) if "=" in src else [src, src] for src in args.src]
        results = {name: run_in_subprocess(path, shared) for name, path in named}
        columns = {src: res["counts"] for src, res in results.items()}
        print(
            brief_table(columns) if args.brief else table(columns) + "\n\n" + class_table(columns)
        )
        return 0
    if args.src:
        sys.path.insert(0, str(Path(args.src[0].split("=", 1)[-1]).resolve()))
    if args.list_settings:
        print(bench_settings.settings_listing())
        return 0
    config = (
        bench_settings.config_or_exit(args.settings, "realworld_bench") if args.settings else None
    )
    docs = load_docs(find_data_dir(args.data_dir), Path(args.labels), probes)
    if args.dataset:
        docs = [doc for doc in docs if doc.dataset in args.dataset]
    tallies = run(docs, config)
    if args.json:
        failures = [asdict(f) for key in DATASETS for f in tallies[key].failures]
        print(json.dumps({"counts": counts_of(tallies), "failures": failures}, ensure_ascii=False))
        return 0
    columns = {"this checkout": counts_of(tallies)}
    if args.brief:
        print(brief_table(columns))
        return 0
    print(
        table({"": columns["this checkout"]}) + "\n\n" + class_table({"": columns["this checkout"]})
    )
    if args.list:
        print()
        print(show_failures(tallies))
    return 0


if __name__ == "__main__":
    sys.exit(main())
