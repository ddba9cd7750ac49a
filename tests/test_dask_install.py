"""docs/dask.md's instructions work from a clone: a wheel built once, installed with its extra.

``pip install 'referat-parser[dask]'`` cannot work (the package is on no index); the documented
way is ``pip wheel . --no-deps -w dist/`` and ``pip install "dist/referat_parser-….whl[dask]"`` on
the client and every worker. This test does that in a fresh virtual environment and runs a batch
on the Dask engine with what it installed. It takes a minute or two (pip installs every
dependency), so it is marked ``slow``: the plain ``pytest`` leaves it out, CI runs it
(``pytest -m slow`` in ``.ci/run``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _documented_commands() -> list[str]:
    text = (ROOT / "docs" / "dask.md").read_text(encoding="utf-8")
    return re.findall(r"^(python3 -m pip (?:wheel|install) .*?)\s+#", text, re.M)


def test_the_wheel_with_its_dask_extra_installs_in_a_fresh_venv_and_runs_a_dask_batch(tmp_path: Path) -> None:
    wheel_cmd, install_cmd = _documented_commands()
    assert "pip wheel . --no-deps -w dist/" in wheel_cmd and "[dask]" in install_cmd
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    dist = tmp_path / "dist"
    # the documented commands, with this venv's python and a scratch dist/ (not the clone's)
    subprocess.run([str(python), "-m", "pip", "wheel", str(ROOT), "--no-deps", "-w", str(dist), "-q"], check=True,
                   timeout=600)
    wheels = list(dist.glob("referat_parser-*.whl"))
    assert len(wheels) == 1
    subprocess.run([str(python), "-m", "pip", "install", "-q", f"{wheels[0]}[dask]"], check=True, timeout=600)
    check = subprocess.run([str(python), "-c", "import distributed, referat_parser; print(referat_parser.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path)
    assert str(env_dir) in check.stdout  # the installed wheel, not the clone's source
    seed = FIXTURES / "godstrup-fsg-2025-04-25.txt"
    r = subprocess.run([str(env_dir / "bin" / "referat"), "batch", str(seed), "--jsonl", "-", "--engine", "dask",
                        "-j", "1", "-q"], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["items"]) == 12


def test_without_the_extra_the_hint_names_what_to_install() -> None:
    from referat_parser.batch.cluster import MISSING

    assert "pip install 'dask[distributed]" in MISSING and "docs/dask.md" in MISSING
    assert sys.version_info >= (3, 11)
