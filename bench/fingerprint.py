"""Did a change alter any result? Fingerprint every cleaning result and compare two runs.

For changes meant to be pure speed-ups: run `save` on the old commit and
`compare` on the new one. Each input's fingerprint covers the cleaned text,
every removal (what, where, a copy of which, how similar, why) and every
suspect. Inputs: every dedup-bench case (all kinds and layouts) for the
given seeds of both data sets, the speed bench's articles, and `samples/`.

    git stash; PYTHONPATH=src python bench/fingerprint.py save /tmp/before.json
    git stash pop; PYTHONPATH=src python bench/fingerprint.py compare /tmp/before.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_data
import dedup_bench
import speed_bench

from dedupe_cli.dedupe import clean_text
from dedupe_cli.models import CleanResult

ROOT = Path(__file__).resolve().parents[1]


def inputs(bbc_seeds: list[int], cnn_seeds: list[int]) -> Iterator[tuple[str, str]]:
    data = bench_data._data_dir()
    for name, seeds in (("bbc_dev100.jsonl", bbc_seeds), ("cnndm_dev100.jsonl", cnn_seeds)):
        articles = dedup_bench.load_articles(data / name)
        for seed in seeds:
            for case in dedup_bench.generate_cases(articles, seed):
                yield f"{name}:{seed}:{case.id}", case.text
    for i, doc in enumerate(speed_bench.small_docs(400_000)):
        yield f"speed:small:{i}", doc
    yield "speed:article:300k", speed_bench.article(300_000)
    for path in sorted((ROOT / "samples").glob("*.txt")):
        yield f"samples:{path.name}", path.read_text(encoding="utf-8")


def fingerprint(result: CleanResult) -> str:
    """The decisions, by the fields every version has (new explanation fields left out).

    Explanations (rule, source span, differences) are new data about the same
    decision: leaving them out lets a commit that adds or fixes them be
    compared with one from before they existed.
    """
    removals = [
        repr((r.index, r.text, r.duplicate_of, r.similarity, r.reason, r.start, r.end))
        for r in result.removed
    ]
    suspects = [
        repr((s.index, s.text, s.duplicate_of, s.similarity, s.reason)) for s in result.suspects
    ]
    parts = [result.cleaned, *removals, *suspects]
    text = hashlib.sha1(result.cleaned.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return (
        text
        + ":"
        + hashlib.sha1("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    )


def _text(fp: str | None) -> str | None:
    """The cleaned-text part of a fingerprint."""
    return fp.split(":")[0] if fp else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("mode", choices=("save", "compare"))
    ap.add_argument("file", type=Path)
    ap.add_argument("--bbc-seeds", type=int, nargs="*", default=[1, 2, 3, 4, 5])
    ap.add_argument("--cnn-seeds", type=int, nargs="*", default=[1, 2, 3])
    ap.add_argument("--show", type=int, default=20, help="list this many changed inputs")
    ap.add_argument("--numpy", action="store_true", help="load numpy first (the batch path)")
    args = ap.parse_args()
    if args.numpy:
        from dedupe_cli.align import load_numpy

        load_numpy()
    t0 = time.perf_counter()
    cases = inputs(args.bbc_seeds, args.cnn_seeds)
    now = {key: fingerprint(clean_text(text)) for key, text in cases}
    took = time.perf_counter() - t0
    if args.mode == "save":
        args.file.write_text(json.dumps(now))
        print(f"{len(now)} fingerprints saved to {args.file} ({took:.0f} s)")
        return 0
    before = json.loads(args.file.read_text())
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    text_changed = [k for k in changed if _text(before.get(k)) != _text(now.get(k))]
    print(f"{len(now)} inputs, {len(changed)} changed ({took:.0f} s)")
    print(f"  of which {len(text_changed)} with another cleaned text (the rest: explanations)")
    for key in (text_changed or changed)[: args.show]:
        print("  ", key)
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
