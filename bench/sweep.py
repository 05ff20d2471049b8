"""Settings sweep: vary detector settings one at a time on the synthetic and real-world benches.

Every row is the default ``DedupeConfig`` with one field changed (the first row is
the defaults), measured on the same cases:

* the synthetic bench (``dedup_bench.py``, in-process, all kinds and layouts) on
  BBC dev100 and CNN/DailyMail dev100, ``--limit`` articles each;
* the real-world bench (``realworld_bench.py``: web_dev pages, CNN/DM stories,
  probes).

Run from the repo root (about 15 s a row on the shared machine)::

    python bench/sweep.py                                   # the recorded sweep
    python bench/sweep.py --vary runs.min_pair_words=4,6,8  # other settings

Columns: *restored %* = synthetic cases whose output is the expected text byte for
byte (controls included); *lost* = unique sentences missing from the output;
*left* = duplicate sentences left; *controls* = negative controls changed;
real-world *must-keep lost* / *every copy gone* / *repeats removed* (one copy kept)
as web_dev / cnndm / probes, and *unique cut* = label-free unique words inside a
removal (web_dev + cnndm). ``dedup_bench.py`` and ``realworld_bench.py`` define
each metric in full.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_settings
import dedup_bench
import realworld_bench

HERE = Path(__file__).resolve().parent
DEFAULT_VARY = (
    "threshold=85,88,90,92,95",
    "runs.threshold=65,70,75,80,85,90",
    "partial.long_sentences_words=15,20,25,30,40",
)
SYNTHETIC = ("bbc_dev100.jsonl", "cnndm_dev100.jsonl")
RW_SETS = ("web_dev", "cnndm", "probes")


@dataclass(frozen=True)
class Synthetic:
    """One synthetic data set's figures for one setting."""

    cases: int
    exact: int
    lost: int
    left: int
    changed: int
    controls: int

    def cells(self) -> list[str]:
        return [
            dedup_bench.pct(self.exact, self.cases),
            str(self.lost),
            str(self.left),
            f"{self.changed}/{self.controls}",
        ]


def synthetic(cases: Sequence[Any], config: Any) -> Synthetic:
    """Clean every case with `config` and total the bench's headline figures."""
    outcomes = dedup_bench.evaluate(cases, dedup_bench.LibCleaner(config))
    controls = [o for o in outcomes if o.case.is_control]
    return Synthetic(
        cases=len(outcomes),
        exact=sum(o.exact for o in outcomes),
        lost=sum(o.lost for o in outcomes),
        left=sum(o.left for o in outcomes),
        changed=sum(o.changed for o in controls),
        controls=len(controls),
    )


def realworld(counts: dict[str, dict[str, int]]) -> list[str]:
    """The real-world cells: must-keep lost, every copy gone, repeats removed, unique cut."""

    def per_set(key: str) -> str:
        return " / ".join(str(counts[ds][key]) for ds in RW_SETS)

    unique = sum(counts[ds]["unique_words_cut"] for ds in ("web_dev", "cnndm"))
    return [per_set("keep_lost"), per_set("all_copies_gone"), per_set("remove_done"), str(unique)]


def header(rw_counts: dict[str, dict[str, int]]) -> str:
    """The table's two header lines: which figure each column holds."""
    syn = ["restored %", "lost", "left", "controls"]
    heads = ["setting", "value"]
    heads += [f"{name} {h}" for name in ("BBC", "CNN/DM") for h in syn]
    totals = " / ".join(str(rw_counts[ds]["keep_labels"]) for ds in RW_SETS)
    repeats = " / ".join(str(rw_counts[ds]["remove_labels"]) for ds in RW_SETS)
    heads += [
        f"must-keep lost (of {totals})",
        "every copy gone",
        f"repeats removed (of {repeats})",
        "unique cut",
    ]
    return "| " + " | ".join(heads) + " |\n|---|---|" + "---:|" * (len(heads) - 2)


def rows_to_run(vary: Sequence[str]) -> list[tuple[str, str]]:
    """(name, value) per row: the defaults first, then each value of each ``--vary``."""
    out = [("defaults", "")]
    for spec in vary:
        name, values = bench_settings.split_assignment(spec)
        out += [(name, v.strip()) for v in values.split(",") if v.strip()]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--src", type=Path, default=HERE.parent / "src")
    p.add_argument("--data-dir", help="folder with bbc_dev100, cnndm_dev100 and web_dev .jsonl")
    p.add_argument("--limit", type=int, default=40, help="synthetic articles per data set")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--vary",
        action="append",
        metavar="NAME=V1,V2,...",
        help="a setting and its values (repeatable; default: the recorded sweep)",
    )
    args = p.parse_args(argv)
    sys.path.insert(0, str(args.src.resolve()))
    rows = rows_to_run(args.vary or DEFAULT_VARY)
    configs = [
        bench_settings.config_or_exit([] if name == "defaults" else [f"{name}={value}"], "sweep")
        for name, value in rows
    ]
    data_dir = realworld_bench.find_data_dir(args.data_dir)
    case_sets = [
        dedup_bench.generate_cases(
            dedup_bench.load_articles(data_dir / name, args.limit), args.seed
        )
        for name in SYNTHETIC
    ]
    docs = realworld_bench.load_docs(data_dir, realworld_bench.LABELS, realworld_bench.PROBES)
    sizes = ", ".join(
        f"{name}: {len(cases)} cases" for name, cases in zip(SYNTHETIC, case_sets, strict=True)
    )
    print(f"--limit {args.limit}, seed {args.seed} ({sizes}); real world: {len(docs)} documents\n")
    for i, ((name, value), config) in enumerate(zip(rows, configs, strict=True)):
        t0 = time.perf_counter()
        cells = [c for cases in case_sets for c in synthetic(cases, config).cells()]
        counts = realworld_bench.counts_of(realworld_bench.run(docs, config))
        if i == 0:
            print(header(counts))
        label = [f"**{name}**", ""] if name == "defaults" else [name, value]
        print("| " + " | ".join(label + cells + realworld(counts)) + " |", flush=True)
        print(f"sweep: {name} {value} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
