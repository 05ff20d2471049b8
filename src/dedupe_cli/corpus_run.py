"""The `corpus` command: read many documents, run the pure steps on an engine, write JSON.

1. Each chunk of documents is read, optionally cleaned on its own (as
   `clean` would) and split, on the engine.
2. `corpus.dedupe_documents` finds paragraphs repeated across documents.
3. One JSON line per document goes to stdout (or the clusters, with
   `--clusters -`), in input order.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .batch import Doc, ManyOptions, Settings, load_doc


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

    settings: Settings
    in_document: bool

    def __call__(self, docs: Sequence[Doc]) -> list[Prepared]:
        return [self.one(doc) for doc in docs]

    def one(self, doc: Doc) -> Prepared:
        from .sources import InputError

        try:
            name, record, text = load_doc(self.settings, doc)
        except InputError as exc:
            return Prepared(doc.name, error=str(exc))
        size = len(text.encode("utf-8", "surrogateescape"))
        if not self.in_document:
            return Prepared(name, record, text, size=size)
        from .dedupe import DedupeConfig, clean_text
        from .models import Report
        from .render import to_dict

        result = clean_text(text, DedupeConfig(threshold=self.settings.threshold))
        inside = to_dict(Report(name, result))
        for key in ("source", "summary", "cleaned"):
            del inside[key]
        return Prepared(name, record, result.cleaned, inside, size=size)


def read_docs(files: Sequence[str], opts: ManyOptions, run: Any, remote: bool) -> list[Doc]:
    """All documents named on the command line, in order.

    With a remote engine the files are read here, so workers need no access
    to this machine's disk.
    """
    from . import batch

    if opts.jsonl:
        return list(batch.jsonl_docs(files, lambda name: batch._read_lines(run, name)))
    docs = list(batch.file_docs(batch.expand_paths(files, opts.recursive, opts.pattern)))
    return [_with_data(d) for d in docs] if remote else docs


def _with_data(doc: Doc) -> Doc:
    from .sources import InputError, read_bytes

    if doc.data is not None or doc.path is None:
        return doc
    try:
        return Doc(doc.name, path=doc.path, data=read_bytes(doc.path)[0])
    except InputError as exc:
        return Doc(doc.name, path=doc.path, error=str(exc))


def document_lines(prepared: Sequence[Prepared], result: Any) -> Iterator[str]:
    """One JSON line per readable document: its record (or source), text, removals."""
    good = [p for p in prepared if not p.error]
    names = [p.name for p in good]
    for p, cleaned, across in zip(good, result.cleaned, result.removed, strict=True):
        out: dict[str, Any] = dict(p.record) if p.record is not None else {"source": p.name}
        out.update(p.inside or {})
        out["cleaned"] = cleaned
        out["removed_across"] = [
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
    files: tuple[str, ...],
    opts: ManyOptions,
    settings: Settings,
    config: Any,
    in_document: bool,
    clusters_to: str | None,
    engine_name: str,
    scheduler: str | None,
) -> None:
    """The whole command; exits 0, or 2 if an input could not be read."""
    import click

    from . import cli
    from .corpus import dedupe_documents
    from .engines import local

    start = time.monotonic()
    run = cli._new_run(settings.threshold, settings.encoding, settings.errors)
    engine = _dask(scheduler) if engine_name == "dask" else None
    try:
        mapper = engine or local(opts.jobs or _jobs())
        docs = read_docs(files or ("-",), opts, run, remote=engine is not None)
        prepared = _prepare_all(docs, settings, in_document, mapper, run)
        result = dedupe_documents([p.text for p in prepared if not p.error], config, mapper)
    finally:
        if engine is not None:
            engine.close()
    _write(run, prepared, result, clusters_to)
    click.echo(f"dedupe-cli: {_summary(prepared, result, time.monotonic() - start)}", err=True)
    raise SystemExit(run.status)


def _dask(scheduler: str | None) -> Any:
    """A Dask engine, or a one-line error when dask is missing or unreachable."""
    import click

    try:
        from .engines.dask import DaskEngine

        return DaskEngine(scheduler)
    except ImportError:
        raise click.ClickException(
            "--engine dask needs the dask extra: pip install 'dedupe-cli[dask]'"
        ) from None
    except OSError as exc:
        raise click.ClickException(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None


def _prepare_all(
    docs: list[Doc], settings: Settings, in_document: bool, mapper: Any, run: Any
) -> list[Prepared]:
    """Step 1 on the engine, with a progress bar on a terminal; errors reported."""
    import sys

    from .batch import Outcome, Progress

    progress = Progress(len(docs), sys.stderr.isatty(), "reading and cleaning")
    chunks = [docs[i : i + 32] for i in range(0, len(docs), 32)]
    prepared: list[Prepared] = []
    try:
        for part in mapper(_Prepare(settings, in_document), chunks):
            for p in part:
                if p.error:
                    run.fail(p.error)
                progress.add(Outcome(p.name, error=p.error))
            prepared.extend(part)
    finally:
        progress.close()
    return prepared


def _human_bytes(n: int) -> str:
    from .batch import _human_bytes as human

    return human(n)


def _jobs() -> int:
    from .batch import default_jobs

    return default_jobs()


def _write(run: Any, prepared: Sequence[Prepared], result: Any, clusters_to: str | None) -> None:
    if clusters_to and clusters_to != "-":
        from .sources import InputError, write_atomic

        data = "".join(cluster_lines(prepared, result)).encode("utf-8")
        try:
            write_atomic(clusters_to, data, must_exist=False)
        except InputError as exc:
            run.fail(str(exc))
    lines: Iterable[str] = (
        cluster_lines(prepared, result) if clusters_to == "-" else document_lines(prepared, result)
    )
    for line in lines:
        run.write(line)


def _summary(prepared: Sequence[Prepared], result: Any, secs: float) -> str:
    good = [p for p in prepared if not p.error]
    inside = sum(len(p.inside["removed"]) for p in good if p.inside)
    across = sum(len(r) for r in result.removed)
    final = sum(len(t.encode("utf-8", "surrogateescape")) for t in result.cleaned)
    saved = sum(p.size for p in good) - final
    return (
        f"{len(good)} documents, {inside} duplicates removed inside documents, {across} across"
        f" ({len(result.clusters)} clusters), {_human_bytes(saved)} saved, {secs:.1f} s"
    )
