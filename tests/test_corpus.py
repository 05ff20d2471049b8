"""Cross-document duplicates: normalisation, MinHash/LSH, clusters, the corpus command."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_cli import corpus
from dedupe_cli.cli import cli
from dedupe_cli.engines import local

BOILER = "Sign up for our newsletter to get the top stories every morning."


def _paragraph(rng: random.Random, n: int = 40) -> str:
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
        for _ in range(n)
    ]
    return " ".join(words).capitalize() + "."


@settings(deadline=None)  # the first call builds numpy tables; a loaded machine is slow
@given(st.lists(st.text(alphabet=st.characters(), max_size=30), max_size=6))
def test_bulk_normalize_matches_the_reference(texts: list[str]) -> None:
    assert corpus.normalize_many(texts) == [corpus.normalize(t) for t in texts]


def test_normalize_folds_case_quotes_and_width() -> None:
    assert corpus.normalize("“Straße”,  said ＡＢＣ —  'ok'") == "strasse said abc ok"


def test_signatures_do_not_depend_on_chunking() -> None:
    rng = random.Random(1)
    texts = [corpus.normalize(_paragraph(rng, rng.randint(1, 60))) for _ in range(50)] + ["ab"]
    whole = corpus.signatures(texts)
    parts = np.concatenate([corpus.signatures(texts[:17]), corpus.signatures(texts[17:])])
    assert whole.shape == (51, 128)
    assert (whole == parts).all()
    assert (corpus.signatures([texts[3]]) == whole[3]).all()


def test_signature_agreement_estimates_similarity() -> None:
    rng = random.Random(2)
    a = corpus.normalize(_paragraph(rng, 60))
    near = a[:100] + a[101:]  # one character dropped
    other = corpus.normalize(_paragraph(rng, 60))
    sig = corpus.signatures([a, near, other])
    assert (sig[0] == sig[1]).mean() > 0.8
    assert (sig[0] == sig[2]).mean() < 0.1


def test_near_copies_are_found_and_distinct_paragraphs_are_not() -> None:
    rng = random.Random(3)
    base = [_paragraph(rng) for _ in range(200)]
    typo = base[5][:30] + base[5][31] + base[5][30] + base[5][32:]
    quotes = "“" + base[7] + "”"
    words = base[9].split()
    dropped = " ".join(words[:10] + words[11:])
    texts = [*base, typo, quotes, dropped, base[11], "Yes.", "Yes."]
    m = corpus.find_duplicates(texts)
    assert m.duplicate_of[200:204] == [5, 7, 9, 11]
    assert m.similarity[203] == 100.0 and 90 <= m.similarity[200] < 100
    assert m.duplicate_of[204:] == [-1, -1]  # shorter than min_words
    assert all(d == -1 for d in m.duplicate_of[:200])


def test_process_engine_gives_the_same_matches() -> None:
    rng = random.Random(4)
    base = [_paragraph(rng) for _ in range(300)]
    texts = base + [t.upper() for t in base[::7]]
    cfg = corpus.CorpusConfig(chunk=64)
    assert corpus.find_duplicates(texts, cfg, local(2)) == corpus.find_duplicates(texts, cfg)


def test_documents_keep_first_occurrence_across_documents_only() -> None:
    rng = random.Random(5)
    p = [_paragraph(rng) for _ in range(6)]
    docs = [
        f"{p[0]}\n\n{BOILER}\n",
        f"{p[1]}\n\n{p[2]}\n\n{p[2]}\n\n{BOILER.upper()}\n",  # the in-document repeat stays
        f"{p[3]}\n\n{p[0].replace(' ', '  ')}\n\n{BOILER}\n",
    ]
    result = corpus.dedupe_documents(docs)
    assert result.cleaned[0] == docs[0]
    assert result.cleaned[1] == f"{p[1]}\n\n{p[2]}\n\n{p[2]}\n"
    assert result.cleaned[2] == f"{p[3]}\n"
    boiler = next(c for c in result.clusters if c.text == BOILER)
    assert (boiler.document, boiler.paragraph) == (0, 1)
    assert [(d, i) for d, i, _ in boiler.copies] == [(1, 3), (2, 2)]
    assert [r.index for r in result.removed[2]] == [1, 2]


def _write_jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_corpus_command_jsonl_and_clusters(tmp_path: Path) -> None:
    rng = random.Random(6)
    p = [_paragraph(rng) for _ in range(3)]
    src = tmp_path / "in.jsonl"
    _write_jsonl(
        src,
        [
            {"id": "a", "text": f"{p[0]}\n\n{BOILER}\n", "lang": "en"},
            {"id": "b", "text": f"{p[1]}\n\n{BOILER}\n\n{p[2]}\n"},
        ],
    )
    clusters = tmp_path / "clusters.jsonl"
    result = CliRunner().invoke(
        cli, ["corpus", "--jsonl", str(src), "--clusters", str(clusters), "-j", "1"]
    )
    assert result.exit_code == 0, result.stderr
    a, b = (json.loads(line) for line in result.stdout.splitlines())
    # the record comes back untouched; the results are under "dedupe"
    assert a["lang"] == "en" and a["dedupe"]["cleaned"] == f"{p[0]}\n\n{BOILER}\n"
    assert b["dedupe"]["cleaned"] == f"{p[1]}\n\n{p[2]}\n"
    across = b["dedupe"]["removed_across"]
    assert across[0]["duplicate_of"] == {"document": "a", "paragraph": 1}
    (cluster,) = (json.loads(line) for line in clusters.read_text().splitlines())
    assert cluster["text"] == BOILER and cluster["documents"] == 2
    assert cluster["copies"] == [{"document": "b", "paragraph": 1, "similarity": 100.0}]
    assert "2 documents" in result.stderr and "1 across" in result.stderr


def test_corpus_command_reports_unreadable_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Hello there.\n\n{BOILER}\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["corpus", "--clusters", "-", str(tmp_path / "a.txt"), str(tmp_path / "nope.txt")]
    )
    assert result.exit_code == 2
    assert "nope.txt: no such file" in result.stderr
    assert result.stdout == ""


def test_dask_engine_matches_local_engine(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from dedupe_cli.engines.dask import DaskEngine

    rng = random.Random(7)
    p = [_paragraph(rng) for _ in range(40)]
    docs = [f"{p[i]}\n\n{p[(i * 7) % 40]}\n\n{BOILER}\n" for i in range(40)]
    for i, doc in enumerate(docs):
        (tmp_path / f"d{i:02d}.txt").write_text(doc, encoding="utf-8")
    args = ["corpus", "-r", str(tmp_path), "--clusters", str(tmp_path / "c.jsonl")]
    expected = CliRunner().invoke(cli, [*args, "-j", "1"])
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        got = CliRunner().invoke(
            cli, [*args, "--engine", "dask", "--scheduler", cluster.scheduler_address]
        )
        with distributed.Client(cluster) as client:
            engine = DaskEngine(client=client)
            assert corpus.dedupe_documents(docs, mapper=engine) == corpus.dedupe_documents(docs)
    assert got.exit_code == 0, got.stderr
    assert got.stdout == expected.stdout and expected.stdout.count("removed_across") == 40


def test_corpus_command_two_jobs_match_one(tmp_path: Path) -> None:
    rng = random.Random(8)
    p = [_paragraph(rng) for _ in range(30)]
    rows = [
        {"id": f"r{i}", "text": f"{p[i]}\n\n{p[(i * 3) % 30]}\n\n{BOILER}\n"} for i in range(30)
    ]
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, rows)
    one = CliRunner().invoke(cli, ["corpus", "--jsonl", str(src), "-j", "1"])
    two = CliRunner().invoke(cli, ["corpus", "--jsonl", str(src), "-j", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout.count('"cleaned"') == 30


def test_vowel_signs_stay_in_words() -> None:
    # "the boy goes" / "the boys go": without its vowel signs Hindi text loses
    # the difference, and two sentences would be one exact repeat
    boy = "लड़का रोज़ सुबह स्कूल जाता है"
    boys = "लड़के रोज़ सुबह स्कूल जाते हैं"
    assert corpus.normalize(boy) == boy
    assert corpus.normalize(boy) != corpus.normalize(boys)
    assert corpus.normalize_many([boy, boys]) == [boy, boys]
