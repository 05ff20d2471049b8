"""`dedupe-cli explain` through the real entry point and a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cli_harness import invoke_main

ROOT = Path(__file__).resolve().parent.parent
COUNCIL = str(ROOT / "samples" / "council-budget-blank.txt")


def test_explain_lists_every_paragraph_and_the_rule_that_removed_it() -> None:
    out = invoke_main(["explain", COUNCIL])
    assert out.code == 0, out.stderr
    text = out.stdout.decode()
    assert all(f"¶{n} " in text for n in range(1, 11))
    assert "¶9 removed" in text and "removed by near-duplicate: it copies ¶6 at 99.6%" in text
    assert "typo 'goverment'→'government'" in text


def test_explain_one_paragraph_as_json() -> None:
    out = invoke_main(["explain", "--json", "-p", "8", COUNCIL])
    assert out.code == 0, out.stderr
    data = json.loads(out.stdout)
    [entry] = data["paragraphs"]
    assert entry["paragraph"] == 8 and entry["verdict"] == "removed"
    assert entry["removed"][0]["rule"] == "near-duplicate"


def test_run_threshold_is_its_own_bar() -> None:
    loose = json.loads(invoke_main(["clean", "--json", COUNCIL]).stdout)
    strict = invoke_main(
        ["clean", "--json", "--threshold", "100", "--run-threshold", "100", COUNCIL]
    )
    kept = json.loads(strict.stdout)
    assert all(r["similarity"] == 100 for r in kept["removed"])
    assert len(kept["removed"]) < len(loose["removed"])


def test_explain_piped_from_a_process_is_plain_text() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "dedupe_cli", "explain", "-"],
        input=Path(COUNCIL).read_bytes(),
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"== -") or proc.stdout.startswith(b"== <stdin>")
    assert b"\x1b[" not in proc.stdout
