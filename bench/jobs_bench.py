"""`--jobs` scaling on many files: `dedupe-cli clean -r DIR --jobs N` for N = 1, 2, ...

Writes N_FILES synthetic 4 KB articles to a temporary folder, runs the real
command (a separate process, stdout to a file) and checks every run printed
the same bytes.

    PYTHONPATH=src python bench/jobs_bench.py [--files 2000] [--jobs 1,2]
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_data
from speed_bench import SMALL_DOC, article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--command", default="clean", choices=["clean", "corpus"])
    args = ap.parse_args()
    m = bench_data.Mutator(4)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.files):
            Path(tmp, f"{i:06d}.txt").write_text(article(SMALL_DOC, m), encoding="utf-8")
        mb = args.files * SMALL_DOC / 1e6
        print(f"{args.files} files, {mb:.1f} MB, `dedupe-cli {args.command} -r DIR --jobs N`\n")
        print("| jobs | time (s) | MB/s | speed-up | output sha256 |")
        print("|---:|---:|---:|---:|---|")
        base = None
        for jobs in (int(j) for j in args.jobs.split(",")):
            out = Path(tmp, "out")
            cmd = [sys.executable, "-m", "dedupe_cli", args.command, "-r", tmp, "--jobs", str(jobs)]
            with open(out, "wb") as fh:
                t0 = time.perf_counter()
                subprocess.run(cmd, stdout=fh, stderr=subprocess.DEVNULL, check=False)
                dt = time.perf_counter() - t0
            digest = hashlib.sha256(out.read_bytes()).hexdigest()[:12]
            base = base or dt
            print(
                f"| {jobs} | {dt:.2f} | {mb / dt:.2f} | {base / dt:.2f}x | {digest} |", flush=True
            )


if __name__ == "__main__":
    main()
