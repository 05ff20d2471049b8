"""Shared fixtures: paths to the sample and the hand-written expected output."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture
def seed_text() -> str:
    return (ROOT / "samples" / "wagner-mali.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_clean() -> str:
    return (CASES / "wagner-mali.clean.txt").read_text(encoding="utf-8")
