"""Shared fixtures: paths to the sample and the hand-written expected output.

Hypothesis searches at random on a developer's machine (new inputs every run,
failures kept in its database) and derandomized under CI (`CI` set): a
landing run checks the same examples every time instead of a fresh draw.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture
def seed_text() -> str:
    return (ROOT / "samples" / "wagner-mali.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_clean() -> str:
    return (CASES / "wagner-mali.clean.txt").read_text(encoding="utf-8")
