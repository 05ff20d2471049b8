"""Detector settings on a bench's command line: ``--set GROUP.FIELD=VALUE``, ``--list-settings``.

Shared by ``dedup_bench.py``, ``realworld_bench.py`` and ``sweep.py`` so that every
default of ``dedupe_cli.config.DedupeConfig`` can be re-derived by a sweep. The
package is imported lazily: a bench decides first which ``src`` it cleans with.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import itertools
import re
import sys
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from typing import Any


class SettingError(ValueError):
    """A ``--set`` that names no setting or gives a value of the wrong type."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--set`` (repeatable) and ``--list-settings`` to a bench's parser."""
    parser.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="GROUP.FIELD=VALUE",
        help="change one detector setting, e.g. runs.threshold=80 (repeatable; "
        "--list-settings shows every name)",
    )
    parser.add_argument(
        "--list-settings",
        action="store_true",
        help="print every setting with its default and what it trades off, then exit",
    )


def split_assignment(assignment: str) -> tuple[str, str]:
    """``'runs.threshold=80'`` -> ``('runs.threshold', '80')``."""
    name, sep, value = assignment.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise SettingError(f"--set wants GROUP.FIELD=VALUE, got {assignment!r}")
    return name.strip(), value.strip()


def build_config(assignments: Sequence[str]) -> Any:
    """The default ``DedupeConfig`` with each assignment applied in order."""
    from dedupe_cli import config

    cfg = config.DEFAULT_CONFIG
    for assignment in assignments:
        name, value = split_assignment(assignment)
        if name not in config.setting_names():
            known = ", ".join(config.setting_names())
            raise SettingError(f"unknown setting {name!r}; known: {known}")
        try:
            cfg = config.with_setting(cfg, name, value)
        except ValueError as exc:
            raise SettingError(f"bad value for {name}: {value!r} ({exc})") from exc
    return cfg


def config_or_exit(assignments: Sequence[str], prog: str) -> Any:
    """`build_config`, or exit with a one-line message on stderr (status 2)."""
    try:
        return build_config(assignments)
    except SettingError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def field_docs(cls: type) -> dict[str, str]:
    """Each field's docstring: the string literal right after the field, read with `ast`."""
    tree = ast.parse(inspect.getsource(cls))
    body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for stmt, after in itertools.pairwise(body):
        if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
            continue
        literal = after.value if isinstance(after, ast.Expr) else None
        if isinstance(literal, ast.Constant) and isinstance(literal.value, str):
            docs[stmt.target.id] = inspect.cleandoc(literal.value)
    return docs


def summary(doc: str) -> str:
    """The first sentence of a docstring, on one line."""
    text = " ".join(doc.split())
    end = re.search(r"\.(\s|$)", text)
    return text[: end.start() + 1] if end else text


def describe(cfg: Any, prefix: str = "") -> list[tuple[str, Any, str]]:
    """(dotted name, default, docstring summary) of every setting, in declaration order.

    The summary is the docstring's first sentence with its line breaks undone:
    field docstrings wrap mid-sentence, so a bare first line would stop mid-phrase.
    """
    docs = field_docs(type(cfg))
    out: list[tuple[str, Any, str]] = []
    for f in fields(cfg):
        value = getattr(cfg, f.name)
        if is_dataclass(value):
            out += describe(value, f"{prefix}{f.name}.")
        else:
            out.append((prefix + f.name, value, summary(docs.get(f.name, ""))))
    return out


def settings_listing() -> str:
    """Every setting as ``name = default  # what it trades off``, aligned."""
    from dedupe_cli.config import DEFAULT_CONFIG

    rows = [(f"{name} = {value!r}", doc) for name, value, doc in describe(DEFAULT_CONFIG)]
    width = max(len(left) for left, _ in rows)
    return "\n".join(f"{left:<{width}}  {doc}".rstrip() for left, doc in rows)


def changed(assignments: Sequence[str]) -> str:
    """The assignments as one label for a report header (``defaults`` if none)."""
    return ", ".join(assignments) if assignments else "defaults"
