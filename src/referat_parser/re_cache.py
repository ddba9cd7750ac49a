"""Compiled stdlib ``re`` patterns kept across runs, so that a cold start compiles nothing twice.

``re`` compiles in Python: it parses the source, then generates the engine's code, ~0.5 ms
for one of our patterns and ~35 ms of a cold ``referat parse`` (spelled-out letter classes are
long). The code is a list of integers that depends only on the source, the flags and the
interpreter, so this module keeps it in a file beside the package's byte-code (in
``__pycache__``, where Python writes its ``.pyc`` files, under the same conditions: a
read-only install simply goes without) and rebuilds a pattern from it with ``_sre.compile``,
the call ``re.compile`` itself ends with.

That call and ``re._parser``/``re._compiler`` are CPython internals, so: the file is keyed by
the interpreter's cache tag, version and engine ``MAGIC``; anything unexpected falls back to
``re.compile``; ``tests/test_re_cache.py`` checks that a pattern from the cache is the pattern
``re.compile`` makes; and ``REFERAT_NO_PATTERN_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
from array import array
from pathlib import Path
from typing import Any

PATH = Path(__file__).with_name("__pycache__") / f"re-patterns.{sys.implementation.cache_tag}.marshal"
MAX_ENTRIES = 2000  # sources change while the vocabulary grows: old entries go first beyond this

_KEY: Any = None  # the interpreter and engine the file must have been written by
_entries: dict[tuple[str, int], tuple] | None = None  # (source, flags) -> what _sre.compile takes
_used: set[tuple[str, int]] = set()
_dirty = False


def _interpreter() -> Any:
    import _sre

    return (sys.implementation.cache_tag, sys.version, _sre.MAGIC, _sre.CODESIZE)


def _load() -> dict[tuple[str, int], tuple]:
    global _KEY
    _KEY = _interpreter()
    try:
        with PATH.open("rb") as fh:
            key, entries = marshal.load(fh)
        if key == _KEY and isinstance(entries, dict):
            return entries
    except (OSError, EOFError, ValueError, TypeError):  # missing, partial or foreign: start afresh
        pass
    return {}


def _generate(source: str, flags: int) -> tuple:
    """What ``_sre.compile`` takes after the pattern: as ``re._compiler.compile`` computes it."""
    from re import _compiler, _parser

    p = _parser.parse(source, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | p.state.flags, array("I", code).tobytes(), p.state.groups - 1, groupindex, tuple(indexgroup))


def _build(source: str, entry: tuple) -> re.Pattern[str]:
    import _sre

    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(source, flags, array("I", code).tolist(), groups, groupindex, indexgroup)


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the cache when it has the pattern. Raises ``re.error`` as it does."""
    global _entries, _dirty
    flags = int(flags)  # a plain int: an re.RegexFlag cannot be marshalled
    if os.environ.get("REFERAT_NO_PATTERN_CACHE") or array("I").itemsize != 4:
        return re.compile(source, flags)
    if _entries is None:
        _entries = _load()
    key = (source, flags)
    entry = _entries.get(key)
    if entry is not None:
        try:
            pattern = _build(source, entry)
            _used.add(key)
            return pattern
        except Exception:  # a stale or foreign entry: compile afresh
            del _entries[key]
    try:
        entry = _generate(source, flags)
        pattern = _build(source, entry)
    except re.error:
        raise
    except Exception:  # the internals moved: re.compile is always right
        return re.compile(source, flags)
    if not _dirty:
        atexit.register(save)
    _entries[key], _dirty = entry, True
    _used.add(key)
    return pattern


def save() -> None:
    """Write the cache if this process added to it (at exit; atomically; never an error)."""
    global _dirty
    if not _dirty or _entries is None:
        return
    _dirty = False
    keep = dict(_entries)
    for key in [k for k in keep if k not in _used][: max(0, len(keep) - MAX_ENTRIES)]:
        del keep[key]
    tmp = PATH.with_name(f"{PATH.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError, ValueError):
        PATH.parent.mkdir(exist_ok=True)
        with tmp.open("wb") as fh:
            marshal.dump((_KEY, keep), fh)
        os.replace(tmp, PATH)
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)
