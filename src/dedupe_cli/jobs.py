"""One job over one or many documents: read, clean, summarise, render, in order.

A `Job` is everything a command decided (frozen, picklable, sent to every
worker); `process(job, doc)` turns one document into an `Outcome` (the text
to print, a note, or an error, plus counts); `run(job, docs, total)` maps it
over all documents, in this process for a few and in worker processes for
many, and yields outcomes in input order. Click and the terminal are not
known here: the shell above writes the outcomes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .inputs import Doc, InputSpec, Loaded, RecordError, load
from .runner import chunked, default_jobs, ordered_map
from .sources import InputError

if TYPE_CHECKING:
    from .models import CleanResult, Report

FEW_DOCS = 8
"""Runs of this many files or fewer are processed in this process (starting
workers costs more than it saves)."""
CHUNK_FILES = 32
"""At most this many files per task: fewer round trips to the workers (1.62x -> 1.72x
on 4,000 files with two workers), while output still streams out in input order."""
TASKS_PER_WORKER = 8
"""Files are split into at least this many tasks per worker, so all stay busy."""
CHUNK_LINES = 64
"""JSON Lines records per task (their number is not known in advance)."""
VECTORISE_FROM = 500
"""Runs over this many documents (or JSON Lines) load numpy for every document's index.

The import (about 60 ms) is paid back by ~10% faster cleaning after a few
hundred articles; shorter runs of small files are faster without it.
"""
RESULT_FIELD = "dedupe"
"""The key under which JSON Lines output puts the results, next to the input's fields."""


@dataclass(frozen=True)
class Job:
    """What to do with each document; picklable, sent to every worker.

    `command` and `fmt` pick the formatter (see `FORMATTERS`); `in_place`
    rewrites each file instead of printing; `spec` says how records are read.
    """

    command: str
    fmt: str = "plain"
    threshold: float = 90.0
    run_threshold: float = 75.0
    encoding: str | None = None
    errors: str = "strict"
    spec: InputSpec = field(default_factory=InputSpec)
    sentences: int = 3
    ratio: float | None = None
    in_place: bool = False
    result_field: str = RESULT_FIELD
    paragraph: int | None = None
    """explain: only this paragraph (0-based)."""
    vectorise: bool = False
    debug: bool = False
    """Let internal errors raise (DEDUPE_CLI_DEBUG) instead of becoming one line."""


@dataclass(frozen=True)
class Outcome:
    """What one document produced: text for stdout, a note for stderr, or an error."""

    name: str
    output: str = ""
    report: Report | None = None
    """Kept for renderers that run in the parent (Rich)."""
    note: str = ""
    error: str = ""
    error_kind: str = ""
    """Groups identical errors (e.g. the same missing field in every record)."""
    removed: int = 0
    saved: int = 0
    size: int = 0

    @property
    def changed(self) -> bool:
        return self.removed > 0


Formatter = Callable[[Job, Loaded, "Report"], str]


def _clean(job: Job, text: str) -> CleanResult:
    from . import dedupe
    from .config import for_thresholds

    cfg = for_thresholds(job.threshold, job.run_threshold)
    if job.command == "explain":  # the trace of every rule tried costs a little: only here
        return dedupe.clean_text(text, cfg, tracing=True)
    return dedupe.clean_text(text, cfg)


def _summary(job: Job, cleaned: str) -> tuple[Any, ...]:
    if job.command == "report" and not job.sentences:
        return ()
    if job.command not in ("report", "summarize"):
        return ()
    from .summarize import summarize

    ratio = job.ratio if job.command == "summarize" else None
    return summarize(cleaned, sentences=job.sentences, ratio=ratio)


def process(job: Job, doc: Doc) -> Outcome:
    """One document, start to end; never raises for bad input or (unless debugging) bugs."""
    loaded: Loaded | None = None
    try:
        loaded = load(doc, job.spec, job.encoding, job.errors)
        return _process_loaded(job, doc, loaded)
    except RecordError as exc:
        return Outcome(doc.name, error=str(exc), error_kind=exc.kind)
    except InputError as exc:
        return Outcome(doc.name, error=str(exc))
    except Exception as exc:
        if job.debug:
            raise
        name = loaded.name if loaded is not None else doc.name
        return Outcome(
            name,
            error=f"internal error while processing {name}: {type(exc).__name__}: {exc}"
            " (please report it; DEDUPE_CLI_DEBUG=1 shows the traceback)",
        )


def _process_loaded(job: Job, doc: Doc, loaded: Loaded) -> Outcome:
    from .models import Report

    if loaded.record is not None and job.result_field in loaded.record:
        raise RecordError(
            f"{loaded.name}: the record already has a '{job.result_field}' field;"
            " the results would overwrite it (choose another with --result-field)",
            "result-field",
        )
    result = _clean(job, loaded.source.text)
    counts = _counts(result)
    report = Report(loaded.name, result, _summary(job, result.cleaned))
    if job.in_place:
        return Outcome(loaded.name, note=_rewrite(doc, loaded, result), **counts)
    if job.fmt == "rich":
        return Outcome(loaded.name, report=report, **counts)
    return Outcome(loaded.name, FORMATTERS[job.command, job.fmt](job, loaded, report), **counts)


def _counts(result: CleanResult) -> dict[str, Any]:
    size = len(result.original.encode("utf-8", "surrogateescape"))
    kept = len(result.cleaned.encode("utf-8", "surrogateescape"))
    return {"removed": len(result.removed), "saved": size - kept, "size": size}


def _rewrite(doc: Doc, loaded: Loaded, result: CleanResult) -> str:
    """Write the cleaned text back over the file; the note to show, if any."""
    from .render import verdict
    from .sources import encode, write_atomic

    if result.cleaned == loaded.source.text:
        return ""
    assert doc.path is not None
    source = loaded.source
    write_atomic(doc.path, encode(source, result.cleaned), expect=source.fingerprint)
    return f"cleaned {loaded.name}: {verdict(result)}"


# ---- formatters: (command, format) -> text for stdout ---------------------------------------


def would_remove(result: CleanResult) -> str:
    """What `check` would change, in the conditional: it changes nothing itself."""
    from .render import blocks

    whole = len(result.paragraphs) - result.kept
    partial = len(result.removed) - whole
    n = blocks(result.removed)
    parts = [f"would remove {whole} paragraph{'s' * (whole != 1)}"]
    if partial:
        parts.append(f"cut {partial} sentence{'s' * (partial != 1)} from partial copies")
    return " and ".join(parts) + f" ({n} duplicate block{'s' * (n != 1)})"


def _fields(report: Report, drop: Sequence[str]) -> dict[str, Any]:
    from .render import to_dict

    fields = to_dict(report)
    for key in drop:
        fields.pop(key, None)
    return fields


def _check_fields(report: Report) -> dict[str, Any]:
    fields = _fields(report, ("cleaned", "summary"))
    fields["changed"] = bool(report.result.removed)
    fields["verdict"] = would_remove(report.result) if report.result.removed else "no duplicates"
    return fields


def _json_line(obj: dict[str, Any]) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False) + "\n"


def _record_line(job: Job, loaded: Loaded, fields: dict[str, Any]) -> str:
    """A JSON Lines record back, every input field kept, the results under one key."""
    assert loaded.record is not None
    fields.pop("source", None)
    return _json_line({**loaded.record, job.result_field: fields})


def _report_plain(job: Job, loaded: Loaded, report: Report) -> str:
    from .render import render_plain

    return render_plain(report)


def _report_markdown(job: Job, loaded: Loaded, report: Report) -> str:
    from .render import render_markdown

    return render_markdown(report)


def _report_json(job: Job, loaded: Loaded, report: Report) -> str:
    from .render import render_json

    return render_json(report)


def _report_jsonl(job: Job, loaded: Loaded, report: Report) -> str:
    return _record_line(job, loaded, _fields(report, ()))


def _clean_plain(job: Job, loaded: Loaded, report: Report) -> str:
    return report.result.cleaned


def _clean_jsonl(job: Job, loaded: Loaded, report: Report) -> str:
    return _record_line(job, loaded, _fields(report, ("summary",)))


def _diff(job: Job, loaded: Loaded, report: Report) -> str:
    from .render import render_diff

    return render_diff(report)


def _check_plain(job: Job, loaded: Loaded, report: Report) -> str:
    if not report.result.removed:
        return ""
    return f"{loaded.name}: {would_remove(report.result)}\n"


def _check_json(job: Job, loaded: Loaded, report: Report) -> str:
    return _json_line(_check_fields(report))


def _check_jsonl(job: Job, loaded: Loaded, report: Report) -> str:
    return _record_line(job, loaded, _check_fields(report))


def _summary_plain(job: Job, loaded: Loaded, report: Report) -> str:
    from .render import one_line

    return "".join(one_line(s.text) + "\n" for s in report.summary)


def _explain_plain(job: Job, loaded: Loaded, report: Report) -> str:
    from .render_explain import render_explain

    return render_explain(loaded.name, report.result, job.paragraph)


def _explain_json(job: Job, loaded: Loaded, report: Report) -> str:
    from .render_explain import render_explain_json

    return render_explain_json(loaded.name, report.result, job.paragraph)


def _explain_jsonl(job: Job, loaded: Loaded, report: Report) -> str:
    from .render_explain import explain_dict

    return _record_line(job, loaded, explain_dict(loaded.name, report.result, job.paragraph))


FORMATTERS: dict[tuple[str, str], Formatter] = {
    ("report", "plain"): _report_plain,
    ("report", "markdown"): _report_markdown,
    ("report", "json"): _report_json,
    ("report", "jsonl"): _report_jsonl,
    ("clean", "plain"): _clean_plain,
    ("clean", "json"): _report_json,
    ("clean", "jsonl"): _clean_jsonl,
    ("clean", "diff"): _diff,
    ("check", "plain"): _check_plain,
    ("check", "json"): _check_json,
    ("check", "jsonl"): _check_jsonl,
    ("check", "diff"): _diff,
    ("summarize", "plain"): _summary_plain,
    ("summarize", "json"): _report_json,
    ("summarize", "jsonl"): _report_jsonl,
    ("explain", "plain"): _explain_plain,
    ("explain", "json"): _explain_json,
    ("explain", "jsonl"): _explain_jsonl,
}
"""What each command prints in each format; `rich` is rendered by the parent."""


def formats(command: str) -> tuple[str, ...]:
    """The formats a command can print (besides `auto`), for its --format choices."""
    own = tuple(fmt for cmd, fmt in FORMATTERS if cmd == command and fmt != "jsonl")
    return (("rich",) if command == "report" else ()) + own


# ---- running a job over many documents --------------------------------------------------


def files_per_chunk(total: int, jobs: int) -> int:
    """Files per task: up to CHUNK_FILES, but at least TASKS_PER_WORKER tasks per worker."""
    return max(1, min(CHUNK_FILES, total // (TASKS_PER_WORKER * max(1, jobs))))


@dataclass(frozen=True)
class _Task:
    """`process` over a chunk with the job bound; picklable for the workers."""

    job: Job

    def __call__(self, docs: Sequence[Doc]) -> list[Outcome]:
        if self.job.vectorise:
            from .align import load_numpy

            load_numpy()
        return [process(self.job, doc) for doc in docs]


def plan(total: int | None, jobs: int | None) -> tuple[int, int]:
    """(worker processes, documents per task) for a run over `total` documents."""
    workers = jobs or default_jobs()
    if total is None:
        return workers, CHUNK_LINES
    if total <= FEW_DOCS:
        return 1, max(1, total)
    return workers, files_per_chunk(total, workers)


def run(
    job: Job, docs: Iterable[Doc], total: int | None, jobs: int | None
) -> Generator[Outcome, None, None]:
    """Outcomes of all documents, in input order (close it to stop early).

    A run whose documents fit in one task (a few files, a short JSON Lines
    input) stays in this process and never loads numpy for small documents.
    """
    workers, size = plan(total, jobs)
    chunks = chunked(docs, size)
    first = next(chunks, [])
    second = next(chunks, None)
    if second is None:
        yield from _Task(job)(first)
        return
    if total is None or total >= VECTORISE_FROM:
        job = dataclasses.replace(job, vectorise=True)
    mapped = ordered_map(_Task(job), itertools.chain([first, second], chunks), workers)
    with contextlib.closing(mapped):
        for outcomes in mapped:
            yield from outcomes
