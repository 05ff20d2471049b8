"""In-document cleaning speed: MB/s over sizes 1 KB .. 100 MB, linearity, adversarial inputs.

Each measurement runs in its own process (fresh memory, a timeout, peak RSS).
Only `clean_text` is timed; building the input is not.

    PYTHONPATH=src python bench/speed_bench.py               # full curve, ~15 min
    PYTHONPATH=src python bench/speed_bench.py --max-mb 10   # quicker
    PYTHONPATH=src python bench/speed_bench.py --profile     # cProfile of a 10 MB article
    PYTHONPATH=src python bench/speed_bench.py --phases      # where the time goes, by pass
    python bench/speed_bench.py --compare old=/tmp/old/src --compare new=src  # two commits

``--compare`` alternates the commits size by size (ABBA order, ``--rounds`` times) and
reports the median wall and CPU time of each: on a shared machine CPU time is the
steadier figure, and alternating spreads the load other processes put on both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_data

KB, MB = 1_000, 1_000_000
SIZES = (1 * KB, 10 * KB, 100 * KB, 1 * MB, 10 * MB, 100 * MB)
SMALL_DOC = 4 * KB


def article(size: int, m: bench_data.Mutator | None = None) -> str:
    """One article of about `size` characters: distinct paragraphs, 10% near/exact copies."""
    m = m or bench_data.Mutator(1)
    paras: list[str] = []
    total = 0
    while total < size:
        if paras and m.rng.random() < 0.1:
            src = m.rng.choice(paras)
            p = src if m.rng.random() < 0.5 else m.near_copy(src)
        else:
            p = m.distinct()
        paras.append(p)
        total += len(p) + 2
    return "\n\n".join(paras)[:size]


def small_docs(size: int) -> list[str]:
    """Many ~4 KB articles adding up to `size`, each with its own copies."""
    m = bench_data.Mutator(2)
    return [article(SMALL_DOC, m) for _ in range(max(1, size // SMALL_DOC))]


def adversarial(name: str) -> str:
    m = bench_data.Mutator(3)
    if name == "100k identical paragraphs":
        return "\n\n".join([m.distinct()] * 100_000)
    if name == "100k distinct paragraphs":
        return "\n\n".join(m.distinct() for _ in range(100_000))
    if name == "one 100 MB line":
        words = " ".join(m.distinct() for _ in range(260_000))
        return words[: 100 * MB]
    if name == "1M tiny lines":
        return "\n".join(f"line {i % 5000} ok" for i in range(1_000_000))
    raise ValueError(name)


ADVERSARIAL = (
    "100k identical paragraphs",
    "100k distinct paragraphs",
    "one 100 MB line",
    "1M tiny lines",
)


def measure(kind: str, arg: str) -> dict[str, float]:
    """Build the input, then time clean_text over it (runs in the child)."""
    from dedupe_cli.align import load_numpy
    from dedupe_cli.dedupe import clean_text

    if kind == "article":
        docs = [article(int(arg))]
    elif kind == "small":
        docs = small_docs(int(arg))
        load_numpy()  # as the batch runner does for many documents
    else:
        docs = [adversarial(arg)]
    size = sum(len(d.encode()) for d in docs)
    t0, c0 = time.perf_counter(), time.process_time()
    removed = sum(len(clean_text(d).removed) for d in docs)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    if dt < 0.5:  # small inputs: repeat for a stable figure
        reps = int(0.5 / max(dt, 1e-6)) + 1
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(reps):
            for d in docs:
                clean_text(d)
        dt = (time.perf_counter() - t0) / reps
        cpu = (time.process_time() - c0) / reps
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "bytes": size,
        "seconds": dt,
        "cpu": cpu,
        "mb_s": size / MB / dt,
        "removed": removed,
        "rss": rss,
    }


def child(kind: str, arg: str, timeout: float, src: str | None = None) -> dict[str, float] | None:
    """One measurement in a fresh process (importing dedupe_cli from `src` if given)."""
    cmd = [sys.executable, __file__, "--child", kind, arg]
    env = None
    if src:
        path = [str(Path(src).resolve()), os.environ.get("PYTHONPATH", "")]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, path)))
    try:
        out = subprocess.run(
            cmd, capture_output=True, timeout=timeout, check=True, text=True, env=env
        )
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        print(exc.stderr, file=sys.stderr)
        return None
    return json.loads(out.stdout)


def fmt_size(n: int) -> str:
    return f"{n // MB} MB" if n >= MB else f"{n // KB} KB"


def curve(max_bytes: int, timeout: float) -> None:
    print("| input | size | time (s) | MB/s | 10x ratio | removed | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, label in (("article", "one article"), ("small", "4 KB articles")):
        prev = None
        for size in SIZES:
            if size > max_bytes or (kind == "small" and size < SMALL_DOC):
                continue
            r = child(kind, str(size), timeout)
            if r is None:
                print(f"| {label} | {fmt_size(size)} | >{timeout:.0f} | | | | |")
                prev = None
                continue
            ratio = f"{r['seconds'] / prev:.1f}" if prev else ""
            print(
                f"| {label} | {fmt_size(size)} | {r['seconds']:.3f} | {r['mb_s']:.2f} | {ratio}"
                f" | {r['removed']} | {r['rss']:.0f} |",
                flush=True,
            )
            prev = r["seconds"]


def adversarial_table(timeout: float) -> None:
    print("\n| adversarial input | size | time (s) | MB/s | removed | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in ADVERSARIAL:
        r = child("adversarial", name, timeout)
        if r is None:
            print(f"| {name} | | >{timeout:.0f} | | | |", flush=True)
            continue
        print(
            f"| {name} | {r['bytes'] / MB:.1f} MB | {r['seconds']:.2f} | {r['mb_s']:.2f}"
            f" | {r['removed']} | {r['rss']:.0f} |",
            flush=True,
        )


def compare(
    named: list[tuple[str, str]], sizes_mb: list[float], rounds: int, timeout: float
) -> None:
    """Median wall and CPU seconds of each commit's `clean_text`, measured alternately."""
    print(
        "| input | size | commit | wall s (median) | CPU s (median) | CPU MB/s | CPU vs first"
        " | removed | peak RSS (MB) |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for kind, label in (("article", "one article"), ("small", "4 KB articles")):
        for size in (int(mb * MB) for mb in sizes_mb):
            runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in named}
            for r in range(rounds):
                order = named if r % 2 == 0 else named[::-1]
                for name, src in order:
                    res = child(kind, str(size), timeout, src)
                    if res is not None:
                        runs[name].append(res)
            first = None
            for name, _ in named:
                if not runs[name]:
                    print(f"| {label} | {fmt_size(size)} | {name} | >{timeout:.0f} | | | | | |")
                    continue
                wall = statistics.median(x["seconds"] for x in runs[name])
                cpu = statistics.median(x["cpu"] for x in runs[name])
                first = first or cpu
                removed = "/".join(sorted({str(x["removed"]) for x in runs[name]}))
                rss = max(x["rss"] for x in runs[name])
                print(
                    f"| {label} | {fmt_size(size)} | {name} | {wall:.3f} | {cpu:.3f}"
                    f" | {size / MB / cpu:.2f} | {cpu / first:.2f} | {removed} | {rss:.0f} |",
                    flush=True,
                )


def profile(size: int) -> None:
    import cProfile
    import pstats

    from dedupe_cli.dedupe import clean_text

    text = article(size)
    prof = cProfile.Profile()
    prof.runcall(clean_text, text)
    pstats.Stats(prof).sort_stats("tottime").print_stats(15)


PHASES = (
    ("split_paragraphs", "article", "split_paragraphs"),
    ("word stream and shingle index", "article", "Words"),
    ("pass 1: each paragraph on its own", "pipeline", "judge_alone"),
    ("  of which rare-word candidates", "RareWords", "votes"),
    ("pass 2: runs", "pipeline", "extend_runs"),
    ("pass 3: short repeats", "pipeline", "settle_short"),
    ("pass 4: lookalike runs", "pipeline", "spare_lookalike_runs"),
    ("pass 5: partial copies", "pipeline", "cut_partial_copies"),
    ("removals and their evidence", "pipeline", "removals"),
    ("cutting", "pipeline", "cut"),
)


def phases(size: int) -> None:
    """Time each pass of `clean_text` (all rounds) without a profiler's overhead."""
    import dedupe_cli.article as art
    import dedupe_cli.pipeline as pl
    import dedupe_cli.rare_words as rw
    from dedupe_cli.align import load_numpy

    spent: dict[str, float] = dict.fromkeys([label for label, _, _ in PHASES], 0.0)

    def timed(label: str, fn):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - t

        return run

    owners = {"article": art, "pipeline": pl, "RareWords": rw.RareWords}
    for label, owner, name in PHASES:
        target = owners[owner]
        setattr(target, name, timed(label, getattr(target, name)))
    for kind, docs in (("4 KB articles", small_docs(size)), ("one article", [article(size)])):
        load_numpy()
        for key in spent:
            spent[key] = 0.0
        t0 = time.perf_counter()
        rounds_before = _rounds(pl, docs)
        total = time.perf_counter() - t0
        print(f"\n{kind}, {fmt_size(size)}: {total:.3f} s, {size / MB / total:.2f} MB/s")
        print(f"({rounds_before} cleaning rounds: the second checks the output is stable)\n")
        print("| pass | s | share |\n|---|---:|---:|")
        for label, seconds in spent.items():
            print(f"| {label} | {seconds:.3f} | {100 * seconds / total:.0f}% |")


def _rounds(pl, docs: list[str]) -> int:  # type: ignore[no-untyped-def]
    """Clean the documents, counting how many detection rounds ran."""
    count = 0
    detect = pl.detect

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return detect(*args, **kwargs)

    pl.detect = counted
    try:
        for d in docs:
            pl.clean_text(d)
    finally:
        pl.detect = detect
    return count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--max-mb", type=float, default=100)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--phases", action="store_true")
    ap.add_argument("--no-adversarial", action="store_true")
    ap.add_argument(
        "--compare",
        action="append",
        metavar="[NAME=]SRC",
        help="time this src folder's clean_text, alternating with the other --compare ones",
    )
    ap.add_argument("--sizes", default="1,10", help="--compare: sizes in MB, comma-separated")
    ap.add_argument("--rounds", type=int, default=4, help="--compare: measurements per commit")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child)))
    elif args.compare:
        named = [tuple(c.split("=", 1)) if "=" in c else (c, c) for c in args.compare]
        sizes = [float(x) for x in args.sizes.split(",")]
        compare(named, sizes, args.rounds, args.timeout)  # type: ignore[arg-type]
    elif args.profile:
        profile(int(min(args.max_mb, 10) * MB))
    elif args.phases:
        phases(int(min(args.max_mb, 2) * MB))
    else:
        curve(int(args.max_mb * MB), args.timeout)
        if not args.no_adversarial:
            adversarial_table(args.timeout)


if __name__ == "__main__":
    main()
