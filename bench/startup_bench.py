"""Startup cost: `dedupe-cli --help` and a piped `clean` of a small file, against
`python -c 'import click, rapidfuzz'` (the floor: the two imports every run needs).

    PYTHONPATH=src python bench/startup_bench.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "wagner-mali.txt"

CASES = {
    "python -c 'import click, rapidfuzz'": (
        [sys.executable, "-c", "import click, rapidfuzz"],
        None,
    ),
    "dedupe-cli --help": ([sys.executable, "-m", "dedupe_cli", "--help"], None),
    "dedupe-cli corpus --help": ([sys.executable, "-m", "dedupe_cli", "corpus", "--help"], None),
    "dedupe-cli clean < sample (piped)": ([sys.executable, "-m", "dedupe_cli", "clean"], SAMPLE),
}


def timed(cmd: list[str], stdin: Path | None) -> float:
    with open(stdin or "/dev/null", "rb") as fh:
        t0 = time.perf_counter()
        subprocess.run(cmd, stdin=fh, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    print("| command | median (ms) | min (ms) | ratio to the floor |")
    print("|---|---:|---:|---:|")
    floor = None
    for name, (cmd, stdin) in CASES.items():
        timed(cmd, stdin)  # warm the file cache
        times = [timed(cmd, stdin) for _ in range(args.runs)]
        med = statistics.median(times)
        floor = floor or med
        print(f"| `{name}` | {med * 1000:.0f} | {min(times) * 1000:.0f} | {med / floor:.2f} |")


if __name__ == "__main__":
    main()
