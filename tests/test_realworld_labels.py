"""The real-world bench's label files and its checks, independent of how good the detector is."""

from __future__ import annotations

import json

import pytest
from bench_loader import load_bench

bench = load_bench("realworld_bench")
KINDS = {"must_keep", "must_remove"}
LABELS = [
    json.loads(line) for line in bench.LABELS.read_text(encoding="utf-8").splitlines() if line
]
PROBES_BY_FILE = {
    path: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for path in bench.probe_files()
}
PROBES = [probe for probes in PROBES_BY_FILE.values() for probe in probes]
TUNED_PROBES = [
    probe
    for path, probes in PROBES_BY_FILE.items()
    if bench.probe_dataset(path) == "probes"
    for probe in probes
]
DATA = next((d for d in bench.DATA_DIRS if (d / "web_dev.jsonl").exists()), None)


def _occurrences(text: str, where: str) -> int:
    return bench.count_in(bench.words(text), bench.words(where))


def _check_label_against(label: dict, text: str) -> None:
    """A must_keep text occurs exactly ``keep`` times; a must_remove text is a real repeat."""
    assert label["kind"] in KINDS
    assert isinstance(label["keep"], int) and label["keep"] >= 1
    assert label["why"].strip()
    seen = _occurrences(label["text"], text)
    if label["kind"] == "must_keep":
        assert seen == label["keep"], (label["text"], seen)
    else:
        assert seen > label["keep"], (label["text"], seen)


def test_words_keep_combining_marks_decode_entities_and_split_glued_dates():
    assert bench.words("किताबें और वर्दी") == ["किताबें", "और", "वर्दी"]
    assert bench.words("Smith &amp; Sons&#8217; soft\u00adware") == ["smith", "sons", "software"]
    assert bench.words("26.01.2022Strava") == ["26", "01", "2022", "strava"]


def test_count_in_counts_adjacent_copies_and_whole_words_only():
    words = bench.words("new account new account")
    assert bench.count_in(bench.words("new account"), words) == 2
    assert bench.count_in(bench.words("Part I"), bench.words("Part II and Part III")) == 0


def test_probe_ids_are_unique_and_every_probe_has_class_language_and_labels():
    ids = [p["id"] for p in PROBES]
    assert len(ids) == len(set(ids))
    for probe in PROBES:
        assert probe["class"] and probe["lang"] and probe["labels"]


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p["id"])
def test_probe_labels_match_the_probe_text(probe):
    for label in probe["labels"]:
        _check_label_against(label, probe["text"])


def test_dataset_labels_have_the_schema():
    for label in LABELS:
        assert label["dataset"] in {"web_dev", "cnndm"}
        assert label["doc"] and label["kind"] in KINDS and label["why"].strip()


@pytest.mark.skipif(DATA is None, reason="shared data not present")
def test_dataset_labels_match_their_documents():
    assert DATA is not None
    docs = {}
    for name, dataset in (("web_dev.jsonl", "web_dev"), ("cnndm_dev100.jsonl", "cnndm")):
        for rec in bench.read_jsonl(DATA / name):
            docs[(dataset, rec["id"])] = rec
    for label in LABELS:
        rec = docs[(label["dataset"], label["doc"])]
        _check_label_against(label, rec["text"])
        if label.get("paragraph") is not None:
            assert _occurrences(label["text"], rec["paragraphs"][label["paragraph"]]) >= 1


def _doc(text: str, *labels: tuple[str, str, int]):
    labs = tuple(bench.Label("probes", "t", kind, t, "why", keep) for kind, t, keep in labels)
    return bench.Doc("probes", "t", text, labs)


COPY = (
    "The harbour board approved the new ferry timetable on Monday "
    "after a long debate about winter crossings."
)
TEXT = f"Ferry news\n\n{COPY}\n\nThe first boat leaves at six.\n\n{COPY}\n"


def test_bench_counts_a_removed_copy_as_removed_and_kept_text_as_kept():
    tally = bench.run(
        [_doc(TEXT, ("must_remove", COPY, 1), ("must_keep", "The first boat leaves at six.", 1))]
    )["probes"]
    assert (tally.remove_labels, tally.remove_left, tally.all_copies_gone) == (1, 0, 0)
    assert (tally.keep_labels, tally.keep_lost) == (1, 0)
    assert tally.removals == 1 and tally.source_gone == tally.source_not_containing == 0


def test_bench_reports_lost_text_and_copies_left_by_label():
    tally = bench.run(
        [_doc(TEXT, ("must_keep", COPY, 2), ("must_remove", "The first boat leaves at six.", 0))]
    )["probes"]
    assert tally.keep_lost == 1 and tally.remove_left == 1
    assert {f.check for f in tally.failures} == {"must_keep lost", "must_remove left"}


def test_table_has_one_row_per_check_and_one_column_per_dataset():
    counts = bench.counts_of(bench.run([_doc(TEXT, ("must_remove", COPY, 1))]))
    lines = bench.table({"": counts}).splitlines()
    assert lines[0] == "| check | web_dev | cnndm | probes | heldout | heldout2 |"
    assert len(lines) == 2 + len(bench.ROWS)
    assert "| must-remove repeats left | - | - | 0/1 | - | - |" in lines


@pytest.mark.skipif(DATA is None, reason="shared data not present")
def test_json_output_of_one_dataset_counts_only_that_dataset(capsys):
    assert bench.main(["--dataset", "probes", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["counts"]
    assert counts["probes"]["docs"] == len(TUNED_PROBES)
    assert counts["web_dev"]["docs"] == counts["cnndm"]["docs"] == counts["heldout"]["docs"] == 0
    assert sum(counts["probes"][k] for k in ("keep_labels", "remove_labels")) == sum(
        len(p["labels"]) for p in TUNED_PROBES
    )


def test_brief_table_has_one_row_per_run_and_sums_copies_gone_over_datasets():
    empty = bench.counts_of({name: bench.Tally() for name in bench.DATASETS})
    worse = bench.counts_of({name: bench.Tally(all_copies_gone=1) for name in bench.DATASETS})
    lines = bench.brief_table({"a": empty, "b": worse}).splitlines()
    assert [line.split(" | ")[0] for line in lines[2:]] == ["| a", "| b"]
    assert lines[2].endswith("| 0 | 0 |") and lines[3].endswith(f"| {len(bench.DATASETS)} | 0 |")


def test_caption_furniture_is_left_out_of_the_containment_check_and_nothing_else():
    assert bench.without_furniture("Pictured: The mayor opened it (Photo: Jane Smith/PA)") == (
        "The mayor opened it"
    )
    assert bench.without_furniture("Foto: ANP / De burgemeester opende de brug. © AFP") == (
        "De burgemeester opende de brug"
    )
    kept = "The mayor said (in a statement) that the bridge would reopen."
    assert bench.without_furniture(kept) == kept
