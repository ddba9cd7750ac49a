"""Rewrite fixtures/NAME.json from the parser. Review the diff by eye before committing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import SEEDS
from tests.test_golden import golden_output

if __name__ == "__main__":
    for path in SEEDS:
        out = json.dumps(golden_output(path), ensure_ascii=False, indent=2) + "\n"
        path.with_suffix(".json").write_text(out, encoding="utf-8")
        print("wrote", path.with_suffix(".json"))
