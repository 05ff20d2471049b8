"""`dedupe-cli explain`: every paragraph, its verdict, and each rule tried with its evidence.

Built from `CleanResult.trace` (the ledger's notes, recorded when cleaning
with `tracing=True`) and `removed`: what it shows is what was decided.
"""

from __future__ import annotations

import json
from typing import Any

from .models import Attempt, CleanResult, Removal, gone_paragraphs
from .render import removal_dict
from .render_parts import percent, preview, why

NO_CANDIDATE = "no earlier text shares a run of words with it: nothing to check"


def paragraph_verdict(result: CleanResult, i: int, gone: set[int]) -> str:
    """kept / removed / partly removed / kept: lookalike."""
    if i in gone:
        return "removed"
    if any(r.index == i for r in result.removed):
        return "partly removed"
    if any(s.index == i for s in result.suspects):
        return "kept (looks like a copy)"
    return "kept"


def explain_dict(source: str, result: CleanResult, only: int | None = None) -> dict[str, Any]:
    """The trace as data: one entry per paragraph.

    `index`, `source` and the removals' fields count paragraphs from 0, as the
    report's JSON does; `paragraph` is the number the text reports show (from 1).
    """
    gone = gone_paragraphs(result.original, result.paragraphs, result.removed)
    attempts = _by_paragraph(result.trace)
    removals = _removals_by_paragraph(result.removed)
    out = []
    for p in result.paragraphs:
        if only is not None and p.index != only:
            continue
        out.append(
            {
                "index": p.index,
                "paragraph": p.index + 1,
                "verdict": paragraph_verdict(result, p.index, gone),
                "text": p.text,
                "tried": [_attempt_dict(a) for a in attempts.get(p.index, [])],
                "removed": [removal_dict(r) for r in removals.get(p.index, [])],
            }
        )
    return {"source": source, "paragraphs": out}


def render_explain_json(source: str, result: CleanResult, only: int | None = None) -> str:
    return json.dumps(explain_dict(source, result, only), ensure_ascii=False) + "\n"


def render_explain(source: str, result: CleanResult, only: int | None = None) -> str:
    """Plain text, one block per paragraph: readable in a terminal, greppable in a pipe."""
    data = explain_dict(source, result, only)
    lines = [f"== {source}: {len(result.paragraphs)} paragraphs"]
    removals = _removals_by_paragraph(result.removed)
    for entry in data["paragraphs"]:
        n = entry["paragraph"]
        lines.append("")
        lines.append(f"¶{n} {entry['verdict']}: {preview(entry['text'])}")
        mine = removals.get(n - 1, [])
        whole = entry["verdict"] == "removed" and len(mine) == 1
        for r in mine:
            lines.append(f"  removed by {r.rule}: {_copy_line(r, whole)}")
        final = {r.rule for r in mine}
        tried = [a for a in entry["tried"] if not (a["accepted"] and a["rule"] in final)]
        for a in tried:
            lines.append(f"  {_attempt_line(a)}")
        if not entry["tried"] and not mine:
            lines.append(f"  {NO_CANDIDATE}")
    return "\n".join(lines) + "\n"


def _copy_line(r: Removal, whole: bool) -> str:
    what = "it" if whole else f"'{preview(r.text, 40)}'"
    return f"{what} copies ¶{r.duplicate_of + 1} at {percent(r.similarity)} ({why(r)})"


def _attempt_line(a: dict[str, Any]) -> str:
    """`- run-extension vs ¶4: not similar enough` (+ for a rule that removed text)."""
    mark = "+" if a["accepted"] else "-"
    where = ""
    if a["source"] is not None:
        sim = f", {percent(a['similarity'])}" if a["similarity"] > 0 else ""
        where = f" vs ¶{a['source'] + 1}{sim}"
    return f"{mark} {a['rule']}{where}: {a['evidence']}"


def _by_paragraph(trace: tuple[Attempt, ...]) -> dict[int, list[Attempt]]:
    out: dict[int, list[Attempt]] = {}
    for a in trace:
        out.setdefault(a.paragraph, []).append(a)
    return out


def _removals_by_paragraph(removed: tuple[Removal, ...]) -> dict[int, list[Removal]]:
    out: dict[int, list[Removal]] = {}
    for r in removed:
        out.setdefault(r.index, []).append(r)
    return out


def _attempt_dict(a: Attempt) -> dict[str, Any]:
    return {
        "rule": a.rule,
        "accepted": a.accepted,
        "evidence": a.evidence,
        "source": a.source if a.source >= 0 else None,
        "similarity": a.similarity,
    }
