"""Startup cost: `dedupe-cli --help` and a piped `clean` of a small file, against
`python -c 'import click, rapidfuzz'` (the floor: the two imports every run needs).

    PYTHONPATH=src python bench/startup_bench.py [--runs 20]
    python bench/startup_bench.py --compare old=/tmp/old/src --compare new=src  # two commits

Every command runs in a fresh process; the table gives the median wall time and
the median CPU time (user + system) of the child, each also as a ratio to the
floor's. ``--compare`` runs the commands of every named src folder, and the
floor, in one loop, alternating the order round by round (ABBA), so the load
other processes put on a shared machine falls on all of them alike; CPU time
is the steadier figure there.

The src folders are byte-compiled first (as `pip install .` does): with
PYTHONDONTWRITEBYTECODE set, as on the CI machine, every run would otherwise
recompile every module and time the compiler, not the start-up.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "wagner-mali.txt"
FLOOR = "python -c 'import click, rapidfuzz'"

CASES = {
    FLOOR: ([sys.executable, "-c", "import click, rapidfuzz"], None),
    "dedupe-cli --help": ([sys.executable, "-m", "dedupe_cli", "--help"], None),
    "dedupe-cli corpus --help": ([sys.executable, "-m", "dedupe_cli", "corpus", "--help"], None),
    "dedupe-cli clean < sample (piped)": ([sys.executable, "-m", "dedupe_cli", "clean"], SAMPLE),
}


def timed(cmd: list[str], stdin: Path | None, src: str | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `cmd` (importing dedupe_cli from `src` if given)."""
    env = None
    if src is not None:
        env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
    with open(stdin or "/dev/null", "rb") as fh:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, stdin=fh, stdout=subprocess.DEVNULL, env=env, check=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def byte_compile(src: str) -> None:
    """Write the .pyc files an install would, so that runs time start-up, not compiling."""
    compileall.compile_dir(src, quiet=1)


def row(name: str, commit: str, runs: list[tuple[float, float]], floor: tuple[float, float]) -> str:
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    least = min(w for w, _ in runs)
    return (
        f"| `{name}` | {commit} | {wall * 1000:.0f} | {least * 1000:.0f} | {cpu * 1000:.0f}"
        f" | {wall / floor[0]:.2f} | {cpu / floor[1]:.2f} |"
    )


HEADER = (
    "| command | commit | wall median (ms) | wall min (ms) | CPU median (ms)"
    " | wall vs floor | CPU vs floor |\n|---|---|---:|---:|---:|---:|---:|"
)


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def single(rounds: int) -> None:
    """Each command `rounds` times in turn, with dedupe_cli from the current PYTHONPATH."""
    print(HEADER)
    floor = None
    for name, (cmd, stdin) in CASES.items():
        timed(cmd, stdin)  # warm the file cache
        runs = [timed(cmd, stdin) for _ in range(rounds)]
        floor = floor or medians(runs)
        print(row(name, "", runs, floor), flush=True)


def compare(named: list[tuple[str, str]], rounds: int) -> None:
    """Every command of every src folder, and the floor, alternating round by round."""
    for _, src in named:
        byte_compile(src)
    jobs = [(FLOOR, "", None)] + [
        (name, commit, src) for name in CASES if name != FLOOR for commit, src in named
    ]
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {(n, c): [] for n, c, _ in jobs}
    for name, _, src in jobs:
        timed(*CASES[name], src)  # warm the file cache
    for r in range(rounds):
        for name, commit, src in jobs if r % 2 == 0 else jobs[::-1]:
            runs[name, commit].append(timed(*CASES[name], src))
    floor = medians(runs[FLOOR, ""])
    print(HEADER)
    for name, commit, _ in jobs:
        print(row(name, commit, runs[name, commit], floor))


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=20, help="measurements per command (and commit)")
    ap.add_argument(
        "--compare",
        action="append",
        metavar="[NAME=]SRC",
        help="time the commands with dedupe_cli from this src folder, alternating with the others",
    )
    args = ap.parse_args()
    if args.compare:
        named = [tuple(c.split("=", 1)) if "=" in c else (c, c) for c in args.compare]
        compare(named, args.runs)  # type: ignore[arg-type]
    else:
        single(args.runs)


if __name__ == "__main__":
    main()
