"""The `corpus` command: read many documents, run the pure steps on an engine, write JSON.

1. Each chunk of documents is read, optionally cleaned on its own (as
   `clean` would) and split, on the engine.
2. `corpus.dedupe_documents` finds paragraphs repeated across documents.
3. One JSON line per document goes to stdout (or the clusters, with
   `--clusters -`), in input order.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .engines import EngineError
from .inputs import Doc, InputSpec, documents, load
from .output import Messages, Progress, human_bytes, is_tty, write_stdout
from .runner import default_jobs
from .sources import InputError, read_bytes

CHUNK_DOCS = 32
"""Documents per engine task in step 1."""


@dataclass(frozen=True)
class CorpusJob:
    """Everything `corpus` was asked to do; picklable, sent to the engine."""

    spec: InputSpec
    threshold: float = 90.0
    run_threshold: float = 75.0
    encoding: str | None = None
    errors: str = "strict"
    result_field: str = "dedupe"
    in_document: bool = True
    config: Any = None
    """A `corpus.CorpusConfig` (typed loosely so this module loads without the core)."""


@dataclass(frozen=True)
class Prepared:
    """One document after step 1, or the error that stopped it."""

    name: str
    record: dict[str, Any] | None = None
    text: str = ""
    inside: dict[str, Any] | None = None
    error: str = ""
    size: int = 0
    """Bytes of the text as read, before any cleaning."""


@dataclass(frozen=True)
class _Prepare:
    """Step 1 for a chunk of documents; picklable, so it runs on any engine."""

    job: CorpusJob

    def __call__(self, docs: Sequence[Doc]) -> list[Prepared]:
        return [self.one(doc) for doc in docs]

    def one(self, doc: Doc) -> Prepared:
        job = self.job
        try:
            loaded = load(doc, job.spec, job.encoding, job.errors)
        except InputError as exc:
            return Prepared(doc.name, error=str(exc))
        name, record, text = loaded.name, loaded.record, loaded.source.text
        if record is not None and job.result_field in record:
            return Prepared(
                name,
                error=f"{name}: the record already has a '{job.result_field}' field;"
                " the results would overwrite it (choose another with --result-field)",
            )
        size = len(text.encode("utf-8", "surrogateescape"))
        if not job.in_document:
            return Prepared(name, record, text, size=size)
        from .config import for_thresholds
        from .dedupe import clean_text
        from .models import Report
        from .render import to_dict

        result = clean_text(text, for_thresholds(job.threshold, job.run_threshold))
        inside = to_dict(Report(name, result))
        for key in ("source", "summary", "cleaned"):
            del inside[key]
        return Prepared(name, record, result.cleaned, inside, size=size)


def read_docs(spec: InputSpec, remote: bool) -> list[Doc]:
    """All documents named on the command line, in order.

    With a remote engine the files are read here, so workers need no access
    to this machine's disk.
    """
    docs, _ = documents(spec)
    return [_with_data(d) for d in docs] if remote else list(docs)


def _with_data(doc: Doc) -> Doc:
    if doc.data is not None or doc.path is None:
        return doc
    try:
        return Doc(doc.name, path=doc.path, data=read_bytes(doc.path)[0])
    except InputError as exc:
        return Doc(doc.name, path=doc.path, error=str(exc))


def document_lines(prepared: Sequence[Prepared], result: Any, key: str) -> Iterator[str]:
    """One JSON line per readable document.

    A file gives `source` and the results; a JSON Lines record gives all its
    fields back untouched and the results under `key`.
    """
    good = [p for p in prepared if not p.error]
    names = [p.name for p in good]
    for p, cleaned, across in zip(good, result.cleaned, result.removed, strict=True):
        fields: dict[str, Any] = dict(p.inside or {})
        fields["cleaned"] = cleaned
        fields["removed_across"] = [
            {
                "index": r.index,
                "text": r.text,
                "duplicate_of": {"document": names[r.document], "paragraph": r.paragraph},
                "similarity": r.similarity,
                "reason": "exact" if r.similarity == 100 else "near-duplicate",
                "cluster": r.cluster,
            }
            for r in across
        ]
        out = {"source": p.name, **fields} if p.record is None else {**p.record, key: fields}
        yield json.dumps(out, ensure_ascii=False) + "\n"


def cluster_lines(prepared: Sequence[Prepared], result: Any) -> Iterator[str]:
    """One JSON line per cluster: the kept paragraph and where its copies are."""
    names = [p.name for p in prepared if not p.error]
    for c in result.clusters:
        obj = {
            "cluster": c.id,
            "text": c.text,
            "kept": {"document": names[c.document], "paragraph": c.paragraph},
            "copies": [
                {"document": names[d], "paragraph": i, "similarity": s} for d, i, s in c.copies
            ],
            "documents": len({c.document, *(d for d, _, _ in c.copies)}),
        }
        yield json.dumps(obj, ensure_ascii=False) + "\n"


def run_corpus(
    job: CorpusJob,
    clusters_to: str | None,
    engine_name: str,
    scheduler: str | None,
    jobs: int | None,
    quiet: bool,
) -> int:
    """The whole command; the exit status: 0, or 2 if an input could not be read."""
    from .corpus import dedupe_documents
    from .engines import local

    start = time.monotonic()
    messages = Messages(quiet)
    engine = _dask(scheduler) if engine_name == "dask" else None
    try:
        mapper = engine or local(jobs or default_jobs())
        docs = read_docs(job.spec, remote=engine is not None)
        prepared = _prepare_all(docs, job, mapper, messages)
        result = dedupe_documents([p.text for p in prepared if not p.error], job.config, mapper)
    finally:
        if engine is not None:
            engine.close()
    _write(prepared, result, clusters_to, job.result_field, messages)
    messages.note(f"dedupe-cli: {_summary(prepared, result, time.monotonic() - start)}")
    return 2 if messages.failed else 0


def _dask(scheduler: str | None) -> Any:
    """A Dask engine, or a one-line error when dask is missing or unreachable."""
    try:
        from .engines.dask import DaskEngine

        return DaskEngine(scheduler)
    except ImportError:
        raise EngineError(
            "--engine dask needs the dask extra: pip install 'dedupe-cli[dask]'"
        ) from None
    except OSError as exc:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None


def _prepare_all(
    docs: list[Doc], job: CorpusJob, mapper: Any, messages: Messages
) -> list[Prepared]:
    """Step 1 on the engine, with a progress bar on a terminal; errors reported."""
    import sys

    from .jobs import Outcome

    progress = Progress(
        len(docs), is_tty(sys.stderr) and not messages.quiet, "reading and cleaning"
    )
    chunks = [docs[i : i + CHUNK_DOCS] for i in range(0, len(docs), CHUNK_DOCS)]
    prepared: list[Prepared] = []
    parts = mapper(_Prepare(job), chunks)
    try:
        with contextlib.closing(parts) if hasattr(parts, "close") else contextlib.nullcontext():
            for part in parts:
                for p in part:
                    if p.error:
                        messages.error(p.error)
                    progress.add(Outcome(p.name, error=p.error))
                prepared.extend(part)
    finally:
        progress.close()
    return prepared


def _write(
    prepared: Sequence[Prepared],
    result: Any,
    clusters_to: str | None,
    key: str,
    messages: Messages,
) -> None:
    if clusters_to and clusters_to != "-":
        from .sources import write_atomic

        data = "".join(cluster_lines(prepared, result)).encode("utf-8")
        try:
            write_atomic(clusters_to, data, must_exist=False)
        except InputError as exc:
            messages.error(str(exc))
    lines: Iterable[str] = (
        cluster_lines(prepared, result)
        if clusters_to == "-"
        else document_lines(prepared, result, key)
    )
    for line in lines:
        write_stdout(line)


def _summary(prepared: Sequence[Prepared], result: Any, secs: float) -> str:
    good = [p for p in prepared if not p.error]
    inside = sum(len(p.inside["removed"]) for p in good if p.inside)
    across = sum(len(r) for r in result.removed)
    final = sum(len(t.encode("utf-8", "surrogateescape")) for t in result.cleaned)
    saved = sum(p.size for p in good) - final
    return (
        f"{len(good)} documents, {inside} duplicates removed inside documents, {across} across"
        f" ({len(result.clusters)} clusters), {human_bytes(saved)} saved, {secs:.1f} s"
    )
