"""Cross-document duplicates: our numpy MinHash/LSH against datasketch and rensa.

A 10k-article corpus (~72k paragraphs, ~28 MB) is synthesised with a fixed
seed (bench_data.make_corpus) with planted near-copies (typos, curly quotes,
a dropped word) and boilerplate lines. Every engine runs in its own process,
on one core, and is scored the same way: candidate pairs verified with
rapidfuzz (ratio >= 90 on normalised text), clusters by union-find, recall =
share of planted (copy, original) pairs that end up in one cluster.

    PYTHONPATH=src python bench/corpus_bench.py                  # all engines
    PYTHONPATH=src python bench/corpus_bench.py --engines ours --docs 1000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import bench_data

ENGINES = {
    "ours": "dedupe_cli.corpus: one-permutation MinHash on numpy, 16x8 bands",
    "ours-2jobs": "the same on two processes (engines.local(2)); peak RSS is the parent's",
    "datasketch": "datasketch MinHash(128).update_batch + MinHashLSH(threshold=0.8) (9x13)",
    "datasketch-16x8": "datasketch MinHash(128).update_batch + MinHashLSH(params=(16, 8))",
    "rensa": "rensa RMinHash(128) + RMinHashLSH(threshold=0.8, 16 bands)",
}


def _shingles(text: str, g: int = 5) -> list[str]:
    text = text.ljust(g)
    return [text[i : i + g] for i in range(len(text) - g + 1)]


def _cluster(n: int, pairs: list[tuple[int, int]], norm: list[str]) -> list[int]:
    """Verify candidate pairs in bulk, then root of each paragraph's cluster."""
    from dedupe_cli.corpus import _UnionFind, verify

    uf = _UnionFind(n)
    scores = verify([(norm[a], norm[b]) for a, b in pairs])
    for (a, b), s in zip(pairs, scores, strict=True):
        if s >= 90:
            uf.union(a, b)
    return [uf.find(i) for i in range(n)]


def run_ours(paras: list[str], jobs: int = 1) -> tuple[list[int], int]:
    from dedupe_cli.corpus import find_duplicates
    from dedupe_cli.engines import local

    m = find_duplicates(paras, mapper=local(jobs) if jobs > 1 else map)
    return [i if d < 0 else d for i, d in enumerate(m.duplicate_of)], m.candidates


def run_datasketch(paras: list[str], params: tuple[int, int] | None) -> tuple[list[int], int]:
    from datasketch import MinHash, MinHashLSH

    from dedupe_cli.corpus import normalize

    norm = [normalize(p) for p in paras]
    lsh = MinHashLSH(num_perm=128, params=params) if params else MinHashLSH(0.8, num_perm=128)
    pairs: list[tuple[int, int]] = []
    for i, text in enumerate(norm):
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in set(_shingles(text))])
        pairs.extend((j, i) for j in lsh.query(m))
        lsh.insert(i, m)
    return _cluster(len(norm), pairs, norm), len(pairs)


def run_rensa(paras: list[str]) -> tuple[list[int], int]:
    from rensa import RMinHash, RMinHashLSH

    from dedupe_cli.corpus import normalize

    norm = [normalize(p) for p in paras]
    lsh = RMinHashLSH(threshold=0.8, num_perm=128, num_bands=16)
    pairs: list[tuple[int, int]] = []
    for i, text in enumerate(norm):
        m = RMinHash(num_perm=128, seed=42)
        m.update(list(set(_shingles(text))))
        pairs.extend((j, i) for j in lsh.query(m))
        lsh.insert(i, m)
    return _cluster(len(norm), pairs, norm), len(pairs)


def measure(engine: str, n_docs: int) -> dict[str, float]:
    corpus = bench_data.make_corpus(n_docs)
    paras = corpus.paragraphs
    offsets, o = [], 0
    for d in corpus.docs:
        offsets.append(o)
        o += len(d)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    if engine.startswith("ours"):
        roots, cands = run_ours(paras, 2 if engine == "ours-2jobs" else 1)
    elif engine == "rensa":
        roots, cands = run_rensa(paras)
    else:
        roots, cands = run_datasketch(paras, (16, 8) if engine.endswith("16x8") else None)
    dt = time.perf_counter() - t0
    hits = sum(
        roots[offsets[d] + i] == roots[offsets[sd] + si] for (d, i), (sd, si) in corpus.planted
    )
    return {
        "paragraphs": len(paras),
        "mb": sum(len(p.encode()) for p in paras) / 1e6,
        "seconds": dt,
        "per_s": len(paras) / dt,
        "recall": hits / len(corpus.planted),
        "removed": sum(r != i for i, r in enumerate(roots)),
        "candidates": cands,
        "base_rss": base_rss,
        "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def write_jsonl(path: str, n_docs: int) -> None:
    """The corpus as the `corpus` command reads it: {"id", "text"} per line."""
    corpus = bench_data.make_corpus(n_docs)
    with open(path, "w", encoding="utf-8") as fh:
        for i, doc in enumerate(corpus.docs):
            fh.write(json.dumps({"id": f"doc{i:05d}", "text": "\n\n".join(doc)}) + "\n")


def _table(rows: dict[str, dict[str, float]]) -> None:
    ref = rows.get("datasketch", {}).get("per_s")
    print(
        "| engine | paragraphs | time (s) | paragraphs/s | vs datasketch | recall | removed |"
        " candidate pairs | peak RSS (MB) | RSS before run (MB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for engine, r in rows.items():
        speedup = f"{r['per_s'] / ref:.1f}x" if ref else ""
        print(
            f"| {engine} | {r['paragraphs']} | {r['seconds']:.1f} | {r['per_s']:,.0f} | {speedup}"
            f" | {r['recall']:.3f} | {r['removed']} | {r['candidates']} | {r['peak_rss']:.0f}"
            f" | {r['base_rss']:.0f} |"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--write-jsonl", metavar="PATH", help="only write the corpus as JSON Lines")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write_jsonl:
        write_jsonl(args.write_jsonl, args.docs)
        return
    if args.child:
        print(json.dumps(measure(args.child, args.docs)))
        return
    print(f"{args.docs} documents; one process per engine, one core.\n")
    rows: dict[str, dict[str, float]] = {}
    for engine in args.engines.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--docs", str(args.docs), "--child", engine],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode:
            print(f"{engine} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        rows[engine] = json.loads(out.stdout)
    _table(rows)
    print()
    for name, what in ENGINES.items():
        print(f"* {name}: {what}")


if __name__ == "__main__":
    main()
