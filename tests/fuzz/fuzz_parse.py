"""Coverage-guided fuzzing of the parser with atheris: run by hand, not in CI.

    pip install atheris            # or: pip install -e '.[fuzz]'
    python tests/fuzz/fuzz_parse.py -max_total_time=600 -rss_limit_mb=4096
    python tests/fuzz/fuzz_parse.py crash-<hash>     # replay one finding

Two targets, chosen by the first input byte: ``parse_text`` on a Unicode string (it must
return a valid model for every str and never raise) and ``parse_bytes`` on raw bytes
(``InputError`` is allowed for unusable input, nothing else). Each result is checked
against the contract: it validates, survives a JSON round trip, and its spans are inside
the input. The fixtures seed the corpus. Every crash found becomes a case in
``tests/test_regressions.py``.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from referat_parser import parse_bytes, parse_text
    from referat_parser.errors import InputError
    from referat_parser.models import Minutes

ROOT = Path(__file__).resolve().parents[2]
MAX_INPUT = 20_000  # bytes; long inputs are covered by the adversarial tests


def _check(m: Minutes) -> None:
    again = Minutes.model_validate_json(m.model_dump_json())
    assert again == m
    top = max(m.source.lines, 1)
    for item in m.items:
        assert 1 <= item.span.start_line <= item.span.end_line <= top, item.span
        for s in item.sections:
            assert 1 <= s.span.start_line <= s.span.end_line <= top, s.span


def test_one_input(data: bytes) -> None:
    if not data:
        return
    fdp = atheris.FuzzedDataProvider(data[1:])
    if data[0] % 2:
        _check(parse_text(fdp.ConsumeUnicode(MAX_INPUT)))
        return
    with contextlib.suppress(InputError):  # unusable bytes may be refused, nothing else
        _check(parse_bytes(fdp.ConsumeBytes(MAX_INPUT), path="fuzz.txt"))


def _seed_corpus() -> list[str]:
    """A corpus folder with the fixtures (text, prefixed by the target byte), made once."""
    corpus = ROOT / ".fuzz-corpus"
    if not corpus.exists():
        corpus.mkdir()
        for i, f in enumerate(sorted(ROOT.glob("fixtures/**/*.txt"))):
            text = f.read_bytes()[:MAX_INPUT]
            (corpus / f"seed-text-{i}").write_bytes(b"\x01" + text)
            (corpus / f"seed-bytes-{i}").write_bytes(b"\x00" + text)
    return [str(corpus)]


def main() -> None:
    args = sys.argv[:]
    if not any(not a.startswith("-") for a in args[1:]):
        args += _seed_corpus()
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
