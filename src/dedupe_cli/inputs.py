"""What the command line names, as documents: files, folders, stdin, JSON Lines.

`documents(spec)` turns names into `Doc`s, cheaply and lazily: a file is only
named here and read by whoever processes it (a worker, for big runs); stdin
is read here because only this process has it. `load(doc, ...)` then reads
and decodes one document. Every problem is an `InputError` with one line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .sources import STDIN, InputError, Source, decode, read_bytes, read_source

DEFAULT_GLOB = "*.txt"


@dataclass(frozen=True)
class InputSpec:
    """Which documents a command was given: names and how to read them."""

    names: tuple[str, ...] = ()
    recursive: bool = False
    globs: tuple[str, ...] = (DEFAULT_GLOB,)
    jsonl: bool = False
    text_field: str = "text"
    id_field: str = "id"

    @property
    def many(self) -> bool:
        """Asked for many documents by name (-r or --jsonl), not just a few files."""
        return self.recursive or self.jsonl


@dataclass(frozen=True)
class Doc:
    """One document to process: a file to read, stdin's bytes, or a JSON Lines record."""

    name: str
    path: str | None = None
    line: bytes | None = None
    data: bytes | None = None
    error: str = ""


@dataclass(frozen=True)
class Loaded:
    """A readable document: its display name, its JSON record (or None), its text."""

    name: str
    source: Source
    record: dict[str, Any] | None = None


class NoInputs(Exception):
    """The names given match no document at all (a usage problem, exit 2)."""


def display_name(name: str) -> str:
    return "<stdin>" if name == STDIN else name


def expand_braces(pattern: str) -> list[str]:
    """`*.{md,txt}` -> [`*.md`, `*.txt`] (nested and several groups too), as shells do."""
    start = pattern.find("{")
    if start < 0:
        return [pattern]
    depth = 0
    for end in range(start, len(pattern)):
        depth += {"{": 1, "}": -1}.get(pattern[end], 0)
        if depth == 0:
            break
    else:
        return [pattern]  # unbalanced: taken literally
    head, body, tail = pattern[:start], pattern[start + 1 : end], pattern[end + 1 :]
    options = _split_top_level(body)
    if len(options) < 2:
        return [head + "{" + alt + "}" + rest for alt in options for rest in expand_braces(tail)]
    return [p for option in options for p in expand_braces(head + option + tail)]


def _split_top_level(body: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        current += ch
    parts.append(current)
    return parts


def matches(filename: str, globs: Sequence[str]) -> bool:
    """Does a file name match any of the patterns (braces expanded)?"""
    import fnmatch

    return any(fnmatch.fnmatch(filename, p) for g in globs for p in expand_braces(g))


def expand_paths(names: Sequence[str], recursive: bool, globs: Sequence[str]) -> Iterator[str]:
    """Names as given; with `recursive`, folders become their matching files.

    A folder's files come before its subfolders', each sorted by name;
    hidden files and folders are skipped. A folder without `recursive` is
    passed through so reading it reports the usual error.
    """
    for name in names:
        if recursive and os.path.isdir(name):
            yield from _walk(name, globs)
        else:
            yield name


def _walk(top: str, globs: Sequence[str]) -> Iterator[str]:
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and matches(f, globs):
                yield os.path.join(root, f)


def file_docs(paths: Iterable[str]) -> Iterator[Doc]:
    """Files, to be read by whoever processes them; stdin (`-`) is read here."""
    for path in paths:
        if path != STDIN:
            yield Doc(path, path=path)
            continue
        try:
            yield Doc("<stdin>", path=STDIN, data=read_bytes(STDIN)[0])
        except InputError as exc:
            yield Doc("<stdin>", path=STDIN, error=str(exc))


def jsonl_docs(names: Sequence[str], read_lines: Callable[[str], Iterable[bytes]]) -> Iterator[Doc]:
    """One Doc per non-blank line of each JSON Lines input, read lazily."""
    for name in names:
        label = display_name(name)
        for n, line in enumerate(read_lines(name), 1):
            if line.strip():
                yield Doc(f"{label}:{n}", line=line)


def read_lines(name: str) -> Iterator[bytes]:
    """Lines of one JSON Lines input, read lazily; an unreadable one is one error Doc."""
    import sys

    if name == STDIN:
        yield from sys.stdin.buffer
        return
    try:
        fh = open(name, "rb")  # noqa: SIM115 - closed below, read lazily
    except OSError as exc:
        raise InputError(f"{name}: {_os_reason(exc)}") from None
    with fh:
        yield from fh


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory (use -r to read the files in it)"
    return str(exc.strerror or exc)


def _jsonl_docs_reporting(names: Sequence[str]) -> Iterator[Doc]:
    """JSON Lines documents; an input that cannot be opened becomes one error Doc."""
    for name in names:
        try:
            yield from jsonl_docs([name], read_lines)
        except InputError as exc:
            yield Doc(display_name(name), error=str(exc))


def documents(spec: InputSpec) -> tuple[Iterator[Doc], int | None]:
    """The documents named, lazily, and how many there are when known (files).

    With -r, names that match no file at all are an error: a run over nothing
    must not pass as a clean run.
    """
    names = spec.names or (STDIN,)
    if spec.jsonl:
        return _jsonl_docs_reporting(names), None
    paths = list(expand_paths(names, spec.recursive, spec.globs))
    if spec.recursive and not paths:
        shown = ", ".join(spec.globs)
        raise NoInputs(f"no file matching {shown} in {', '.join(names)}")
    return file_docs(paths), len(paths)


def load(doc: Doc, spec: InputSpec, encoding: str | None, errors: str) -> Loaded:
    """Read and decode one document; InputError when it cannot be used."""
    if doc.error:
        raise InputError(doc.error)
    if doc.line is not None:
        record, text = parse_record(doc, spec.text_field)
        name = str(record.get(spec.id_field, doc.name))
        return Loaded(name, Source(name, text), record)
    assert doc.path is not None
    if doc.data is not None:
        return Loaded(doc.name, decode(doc.path, doc.data, encoding, errors))
    return Loaded(doc.name, read_source(doc.path, encoding, errors))


class RecordError(InputError):
    """A JSON Lines record that cannot be used; `kind` groups identical problems."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind

    def __reduce__(self) -> tuple[Any, ...]:
        return (RecordError, (str(self), self.kind))


def parse_record(doc: Doc, text_field: str) -> tuple[dict[str, Any], str]:
    """The record of a JSON Lines line and its text field."""
    import json

    assert doc.line is not None
    try:
        record = json.loads(doc.line)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RecordError(f"{doc.name}: not valid JSON ({exc})", "json") from None
    if not isinstance(record, dict):
        raise RecordError(f"{doc.name}: not a JSON object", "object")
    text = record.get(text_field)
    if not isinstance(text, str):
        fields = ", ".join(repr(k) for k in record) or "none"
        what = "no string field" if text is None else "a non-string field"
        raise RecordError(
            f"{doc.name}: {what} '{text_field}' (fields: {fields}; choose with --text-field)",
            f"field:{','.join(record)}",
        )
    return record, text
