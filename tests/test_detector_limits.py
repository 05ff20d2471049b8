"""The detector's limits on hostile text: bounded time and memory, nothing lost or mangled.

Time is measured without a clock: the tracer counts Python line and call
events, which is deterministic, and growth from n to 4n must look linear
(a quadratic step shows up as ~16x). Memory is the tracemalloc peak, with the
same growth rule. Regular expressions run in C where the tracer cannot see,
so they get a hang guard instead: an input sized so that a linear pattern
finishes in milliseconds and a backtracking one needs minutes.

Set DEDUPE_SLOW_TESTS=1 to also run the full-size inputs from the issue
(100k copies, a 1M-character paragraph, ...).
"""

from __future__ import annotations

import os
import signal
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import pytest
from cli_harness import invoke_main

from dedupe_cli import clean, summarize
from dedupe_cli.segment import split_paragraphs, words
from dedupe_cli.sentences import sentence_spans

SLOW = pytest.mark.skipif(
    not os.environ.get("DEDUPE_SLOW_TESTS"), reason="full-size input; set DEDUPE_SLOW_TESTS=1"
)
PARA = "The council met on Tuesday to discuss the new budget for the city schools."
RTL = "שלום עולם, مرحبا بالعالم: a\u0301\u0302 😀👍🏽👨‍👩‍👧 zero\u200bwidth \u202eevil\u202c. "
GROWTH = 4
LINEAR_LIMIT = 6.0  # 4x input: linear is ~4, n log n ~5, quadratic ~16


def work(fn: Callable[[], Any]) -> int:
    """Python-level steps `fn` takes: trace line and call events (deterministic)."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return tracer

    old = sys.gettrace()
    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(old)
    return count


def peak_memory(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# name -> text of "size" n; n is small so tracing stays cheap, but both sizes must be
# past the detector's internal thresholds or a regime change looks like superlinear growth
CASES: dict[str, Callable[[int], str]] = {
    "copies of one paragraph": lambda n: f"{PARA}\n\n" * n,
    "short repeated paragraphs": lambda n: "Hi there.\n\n" * n,
    "paragraph with no sentence end": lambda n: "word " * (20 * n),
    "distinct words, no sentence end": lambda n: " ".join(f"w{i}" for i in range(20 * n)),
    # 4n lines: they join into one paragraph, and below ~100 lines (400 words, the
    # verification chunk) the detector is in a different regime; compare past it
    "near-identical lines": lambda n: "".join(
        f"The council met on Tuesday about budget item {i % 7} for the schools\n"
        for i in range(4 * n)
    ),
    "copies with typos": lambda n: "".join(
        f"The council met on Tuesday to discuss the {('budget', 'budgte')[i % 2]} "
        f"for the {('schools', 'schoosl')[i % 3 > 0]} today.\n\n"
        for i in range(n)
    ),
    "many sentences in one paragraph": lambda n: "This is one sentence here. " * n,
    "hard-wrapped lines": lambda n: ("x" * 60 + "\n") * n,
    "control characters": lambda n: "".join(chr(c) for c in range(1, 32) if c != 10) * n,
    "rtl, combining marks, emoji": lambda n: (RTL + "\n\n") * n,
}


@pytest.mark.parametrize("name", CASES)
def test_work_grows_linearly(name: str) -> None:
    make = CASES[name]
    clean(make(2))  # first call pays for lazy imports
    small, large = work(lambda: clean(make(50))), work(lambda: clean(make(50 * GROWTH)))
    assert large / small < LINEAR_LIMIT, f"{name}: {small} -> {large} steps for 4x input"


@pytest.mark.parametrize("name", CASES)
def test_memory_grows_linearly(name: str) -> None:
    make = CASES[name]
    clean(make(2))
    small = peak_memory(lambda: clean(make(200)))
    large = peak_memory(lambda: clean(make(200 * GROWTH)))
    assert large / small < LINEAR_LIMIT, f"{name}: {small} -> {large} bytes for 4x input"


def test_copies_leave_exactly_one() -> None:
    result = clean("\n\n".join([PARA] * 2000) + "\n")
    assert result.cleaned == f"{PARA}\n"


def test_copies_of_a_short_paragraph_leave_exactly_one() -> None:
    result = clean("\n\n".join(["Police closed the road."] * 1000) + "\n")
    assert result.cleaned == "Police closed the road.\n"


def test_invisible_and_exotic_characters_are_preserved_in_output() -> None:
    """Zero-width spaces are ignored for matching but every kept byte stays."""
    para = f"Officials con\u200bfirmed the bridge would close for re\u0301pairs, {RTL}"
    copy = para.replace("\u200b", "").replace("bridge", "bri\u2060dge\ufeff")
    text = f"{para}\n\nSomething else entirely was said by the mayor today.\n\n{copy}\n"
    result = clean(text)
    assert result.cleaned == f"{para}\n\nSomething else entirely was said by the mayor today.\n"


def test_control_characters_pass_through_the_cli() -> None:
    text = "".join(chr(c) for c in range(1, 32)) + "\x7f\x85\u2028\u2029 end\n"
    out = invoke_main(["clean"], stdin=text.encode())
    assert out.code == 0
    assert out.stdout == text.encode()


# ---- regular expressions: long runs of what they match ------------------------------------


class Hung(Exception):
    pass


@contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Abort a call that runs for minutes; linear inputs here finish in milliseconds.

    Not a performance assertion: the margin is over 100x. SRE checks for
    signals while matching, so this interrupts a backtracking regex too.
    """

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"still running after {seconds}s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


RUNS = 60_000
REGEX_INPUTS = {
    "spaces": " " * RUNS + "x",
    "newlines": "\n" * RUNS + "x",
    "carriage returns": "\r" * RUNS,
    "word characters": "a" * RUNS + "_",
    "underscores": "_" * RUNS + "a",
    "zero-width": "a" + "\u200b" * RUNS + "b",
    "bullet-like": " -" * RUNS,
    "heading stars": "**" + "*" * RUNS + "x\n" + "**" + " " * RUNS + "x",
    "heading underscores": "__" + "_" * RUNS + "x",
    "hashes": "#" * RUNS + "x",
    "digits and brackets": "1)" * RUNS,
    "quotes": "\"'”’)]" * (RUNS // 6),
}
needs_sigalrm = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")


@needs_sigalrm
@pytest.mark.parametrize("name", REGEX_INPUTS)
def test_regexes_do_not_backtrack_on_long_runs(name: str) -> None:
    text = REGEX_INPUTS[name]
    with hang_guard(5):
        split_paragraphs(text)
        words(text)
        sentence_spans(text)
        clean(text)


@needs_sigalrm
@pytest.mark.parametrize("char", [".", "!", "?", "\u2026"])
def test_sentence_splitter_on_runs_of_punctuation(char: str) -> None:
    """The first sentence splitter backtracked here (20k dots took 10 s)."""
    with hang_guard(5):
        sentence_spans(char * RUNS)
        sentence_spans(f"{char} " * RUNS)
        summarize(char * RUNS + " End.")


# ---- the full-size inputs from the issue (opt-in) ---------------------------------------


@SLOW
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"{PARA}\n\n" * 100_000, id="100k copies"),
        pytest.param("word " * 200_000, id="1M chars, no sentence end"),
        pytest.param(" ".join(f"w{i}" for i in range(150_000)), id="1M distinct"),
        pytest.param((RTL + "\n\n") * 20_000, id="rtl emoji zw"),
    ],
)
def test_full_size_inputs(text: str) -> None:
    with hang_guard(120):
        result = clean(text)
    assert len(result.cleaned) <= len(text)
