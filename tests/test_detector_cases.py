"""Detector cases: one file per article under tests/cases/detector, checked by one test.

Each file states what cleaning it must do: which paragraphs go, by which
rule, copying which paragraph, what must survive, and optionally the exact
output (the format is in tests/cases/detector/README.md). Reading a case
tells you what the detector promises for that kind of mess; adding one is
writing a text file.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_detector_properties import assert_only_spans_removed

from dedupe_cli.config import DEFAULT_CONFIG, DedupeConfig, with_setting
from dedupe_cli.dedupe import clean_text
from dedupe_cli.models import CleanResult
from dedupe_cli.pipeline import REMOVING_RULES
from dedupe_cli.rules_runs import LOOKALIKE_RUN

CASES = Path(__file__).resolve().parent / "cases" / "detector"
FILES = sorted(CASES.glob("*.txt"))
KEEPING = ("lookalike", LOOKALIKE_RUN, "short-repeat", "below-threshold", "unique")
"""What a case that keeps text pins: a lookalike (another name, number, word), the
other half of one, a short line that may recur, a copy less similar than the
threshold asks, or an article with nothing repeated."""
WRAP = 64
"""Width the `wrapped` layout hard-wraps paragraphs to (as scraped pages often are)."""
LAYOUTS = ("lines", "wrapped")
REMOVAL = re.compile(r"(\d+) <- (\d+)(?: ([a-z-]+))?(?: (\d+(?:\.\d)?)%)?")


@dataclass(frozen=True)
class Expected:
    """One removal a case expects: paragraph, source paragraph (both from 1), rule."""

    paragraph: int
    source: int
    rule: str
    similarity: float | None = None
    """Checked only when the case gives it."""

    def key(self) -> tuple[int, int, str]:
        return self.paragraph, self.source, self.rule

    def line(self) -> str:
        """As a case file's header says it (what a failing case prints)."""
        similarity = "" if self.similarity is None else f" {self.similarity:g}%"
        return f"# removes: {self.paragraph} <- {self.source} {self.rule}{similarity}"

    def matches(self, other: Expected) -> bool:
        same = self.similarity is None or self.similarity == other.similarity
        return self.key() == other.key() and same


@dataclass(frozen=True)
class Case:
    """A parsed case file: its header's promises, the input and the optional output."""

    name: str
    rule: str
    text: str
    removes: tuple[Expected, ...]
    keeps: tuple[str, ...] = ()
    suspects: tuple[tuple[int, int], ...] | None = None
    layouts: tuple[str, ...] = ()
    settings: tuple[tuple[str, str], ...] = ()
    output: str | None = None

    def config(self) -> DedupeConfig:
        cfg = DEFAULT_CONFIG
        for name, value in self.settings:
            cfg = with_setting(cfg, name, value)
        return cfg


def parse_case(path: Path) -> Case:
    """Read a case file; a malformed header fails here, naming the line."""
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    assert sep, f"{path.name}: no '---' line between header and article"
    text, marker, output = body.partition("\n# output\n")
    fields: dict[str, list[str]] = {}
    for line in head.splitlines():
        assert line.startswith("#"), f"{path.name}: header line without '#': {line!r}"
        key, colon, value = line[1:].strip().partition(":")
        if colon and key in ("rule", "removes", "keeps", "suspects", "layouts", "set"):
            fields.setdefault(key, []).append(value.strip())  # other lines are notes
    (rule,) = fields.get("rule", [""])
    assert rule in REMOVING_RULES + KEEPING, f"{path.name}: unknown rule {rule!r}"
    removes = fields.get("removes", [])
    assert removes, f"{path.name}: say '# removes: none' when nothing may go"
    return Case(
        name=path.stem,
        rule=rule,
        text=text + "\n" if marker else text,
        removes=() if removes == ["none"] else tuple(_removal(path, v, rule) for v in removes),
        keeps=tuple(fields.get("keeps", [])),
        suspects=_suspects(fields["suspects"]) if "suspects" in fields else None,
        layouts=tuple(w for v in fields.get("layouts", []) for w in v.split()),
        settings=tuple(_setting(v) for v in fields.get("set", [])),
        output=output if marker else None,
    )


def _removal(path: Path, value: str, rule: str) -> Expected:
    m = REMOVAL.fullmatch(value)
    assert m, f"{path.name}: removes {value!r} is not 'P <- S [rule] [similarity%]'"
    named = m[3] or rule
    assert named in REMOVING_RULES, f"{path.name}: {named!r} is not a removing rule"
    return Expected(int(m[1]), int(m[2]), named, float(m[4]) if m[4] else None)


def _suspects(values: list[str]) -> tuple[tuple[int, int], ...]:
    if values == ["none"]:
        return ()
    pairs = [v.split(" <- ") for v in values]
    return tuple(sorted((int(p), int(s)) for p, s in pairs))


def _setting(value: str) -> tuple[str, str]:
    name, _, v = value.partition("=")
    return name.strip(), v.strip()


def relayout(text: str, layout: str) -> str:
    """The same paragraphs in another layout: one per line, or hard-wrapped blocks."""
    paragraphs = text.rstrip("\n").split("\n\n")
    if layout == "lines":
        return "\n".join(paragraphs) + "\n"
    assert layout == "wrapped", layout
    return "\n\n".join(textwrap.fill(p, WRAP) for p in paragraphs) + "\n"


def found(result: CleanResult) -> list[Expected]:
    """The removals as a case states them: paragraphs numbered from 1."""
    return [
        Expected(r.index + 1, r.duplicate_of + 1, r.rule, round(r.similarity, 1))
        for r in result.removed
    ]


def check(case: Case, text: str, output: str | None) -> None:
    """Clean `text` and hold the result to every promise of the case's header."""
    result = clean_text(text, case.config())
    assert_only_spans_removed(result)  # in order, never overlapping, quoting the input
    got = sorted(found(result), key=Expected.key)
    wanted = sorted(case.removes, key=Expected.key)
    assert len(got) == len(wanted) and all(map(Expected.matches, wanted, got)), "\n".join(
        [f"{case.name}: other removals than expected; found:", *(e.line() for e in got)]
    )
    if not case.removes:
        assert result.cleaned == text
    flat = " ".join(result.cleaned.split())
    for keep in case.keeps:
        assert " ".join(keep.split()) in flat, f"{case.name}: lost {keep!r}"
    if case.suspects is not None:
        suspects = sorted((s.index + 1, s.duplicate_of + 1) for s in result.suspects)
        assert suspects == list(case.suspects), f"{case.name}: suspects {suspects}"
    if output is not None:
        assert result.cleaned == output
    assert clean_text(result.cleaned, case.config()).cleaned == result.cleaned, "not idempotent"


def variants() -> list[pytest.ParameterSet]:
    out = []
    for path in FILES:
        case = parse_case(path)
        out.append(pytest.param(case, None, id=case.name))
        for layout in case.layouts:
            out.append(pytest.param(case, layout, id=f"{case.name}@{layout}"))
    return out


@pytest.mark.parametrize(("case", "layout"), variants())
def test_detector_case(case: Case, layout: str | None) -> None:
    if layout is None:
        check(case, case.text, case.output)
        return
    output = relayout(case.output, layout) if case.output is not None else None
    check(case, relayout(case.text, layout), output)


def test_every_rule_is_pinned_by_a_case() -> None:
    pinned = {parse_case(p).rule for p in FILES}
    assert set(REMOVING_RULES) <= pinned, set(REMOVING_RULES) - pinned


def test_every_removing_rule_is_described_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How detection works", 1)[1].split("\n## ", 1)[0]
    assert [rule for rule in REMOVING_RULES if f"`{rule}`" not in section] == []


def test_a_case_pinning_a_rule_expects_that_rule_to_remove() -> None:
    for path in FILES:
        case = parse_case(path)
        if case.rule in REMOVING_RULES:
            assert case.rule in {e.rule for e in case.removes}, case.name
        else:
            assert not case.removes or case.keeps, case.name


def test_relaid_cases_are_written_one_paragraph_per_block() -> None:
    for path in FILES:
        case = parse_case(path)
        assert set(case.layouts) <= set(LAYOUTS), case.name
        if case.layouts:
            blocks = case.text.rstrip("\n").split("\n\n")
            assert all(b and "\n" not in b for b in blocks), case.name


@pytest.mark.parametrize(
    "header",
    [
        "# rule: exact-repeet\n# removes: 2 <- 1\n",  # a misspelt rule
        "# rule: exact-repeat\n",  # no removals stated
        "# rule: exact-repeat\n# removes: 2 from 1\n",  # not 'P <- S'
        "# rule: lookalike\n# removes: 2 <- 1 lookalike\n",  # not a removing rule
    ],
)
def test_a_malformed_header_fails_instead_of_passing_vacuously(tmp_path: Path, header: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(header + "---\nSome text.\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        parse_case(path)
