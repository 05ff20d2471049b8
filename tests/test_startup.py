"""Start-up: what a single piped `clean` imports (bench/startup_bench.py times it).

Every module below costs start-up in every script that pipes one article
through `dedupe-cli clean`, and none of them is needed for plain text: they
load on first use (renderers, summariser, JSON, the pool, HTML's name table).
"""

from __future__ import annotations

import subprocess
import sys

NOT_FOR_A_PIPED_CLEAN = (
    "html",  # HTML's 2,000-name table: only texts with character references need it
    "html.entities",
    "json",
    "difflib",
    "multiprocessing",
    "subprocess",
    "tempfile",
    "rich",
    "numpy",
    "dedupe_cli.render",
    "dedupe_cli.render_rich",
    "dedupe_cli.summarize",
    "dedupe_cli.corpus",
    "dedupe_cli.corpus_run",
)

PROBE = """\
import io, sys
from dedupe_cli.cli import main
sys.stdin = io.TextIOWrapper(io.BytesIO(sys.argv[1].encode()), encoding="utf-8")
rc = main(["clean"])
print(rc, *sorted(m for m in sys.argv[2:] if m in sys.modules), file=sys.stderr)
"""


def _piped_clean_loads(text: str, modules: tuple[str, ...]) -> list[str]:
    """Exit code and which of `modules` a fresh `clean` of `text` on stdin imported."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, text, *modules], capture_output=True, text=True, timeout=60
    )
    return proc.stderr.split()


def test_piped_clean_of_plain_text_loads_none_of_the_modules_it_does_not_use() -> None:
    text = "Café prices rose again.\n\nCafé prices rose again.\n\n“Quoted” — and so on.\n"
    assert _piped_clean_loads(text, NOT_FOR_A_PIPED_CLEAN) == ["0"]


def test_character_references_still_load_html_when_a_text_has_them() -> None:
    # the lazy import must still happen: &eacute; is decoded for matching
    assert _piped_clean_loads("Caf&eacute; prices rose.\n", ("html",)) == ["0", "html"]
