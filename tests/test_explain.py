"""`explain`: every paragraph's verdict and the rules tried on it, from the decision record."""

from __future__ import annotations

import json
from pathlib import Path

from dedupe_cli.dedupe import clean_text
from dedupe_cli.render_explain import explain_dict, render_explain, render_explain_json

ROOT = Path(__file__).resolve().parent.parent
COUNCIL = (ROOT / "samples" / "council-budget-blank.txt").read_text(encoding="utf-8")
MARKETS = (ROOT / "samples" / "markets-lookalikes.txt").read_text(encoding="utf-8")


def test_tracing_does_not_change_the_result() -> None:
    plain, traced = clean_text(COUNCIL), clean_text(COUNCIL, tracing=True)
    assert plain.removed == traced.removed and plain.cleaned == traced.cleaned
    assert plain.trace == () and traced.trace


def test_every_paragraph_is_listed_with_its_verdict_and_removing_rule() -> None:
    result = clean_text(COUNCIL, tracing=True)
    text = render_explain("council", result)
    for p in result.paragraphs:
        assert f"¶{p.index + 1} " in text
    for r in result.removed:
        assert f"removed by {r.rule}: it copies ¶{r.duplicate_of + 1}" in text
    assert "typo 'goverment'→'government'" in text


def test_kept_lookalikes_show_the_rule_that_refused_them_and_why() -> None:
    result = clean_text(MARKETS, tracing=True)
    data = explain_dict("markets", result)
    kept = [p for p in data["paragraphs"] if p["verdict"].startswith("kept (looks")]
    assert kept
    for p in kept:
        refusals = [a for a in p["tried"] if not a["accepted"]]
        assert refusals and all(a["evidence"] for a in refusals)
        assert any("where the original has" in a["evidence"] for a in refusals)


def test_one_paragraph_and_json_agree_with_the_report_fields() -> None:
    result = clean_text(COUNCIL, tracing=True)
    removed = result.removed[-1]
    data = json.loads(render_explain_json("council", result, removed.index))
    [entry] = data["paragraphs"]
    assert entry["index"] == removed.index and entry["paragraph"] == removed.index + 1
    [r] = entry["removed"]
    assert r["rule"] == removed.rule and r["source"]["paragraph"] == removed.duplicate_of
    assert COUNCIL[r["source"]["start"] : r["source"]["end"]] in result.cleaned
