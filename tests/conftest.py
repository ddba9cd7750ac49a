"""Shared paths and helpers for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = sorted(FIXTURES.glob("*.txt"))
DEV = sorted((FIXTURES / "dev").glob("*.txt"))
# dev2: other publishers, some documents complete, three in Markdown (gold beside as X.md.gold.json)
DEV2 = sorted(p for p in (FIXTURES / "dev2").iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")
# dev3: 22 documents from new publishers (clubs, churches, schools, councils), two in Markdown
DEV3 = sorted(p for p in (FIXTURES / "dev3").iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


@pytest.fixture
def seed_text() -> str:
    return (FIXTURES / "godstrup-fsg-2025-04-25.txt").read_text(encoding="utf-8")
