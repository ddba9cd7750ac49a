"""referat-parser: Danish meeting minutes (referater) to validated JSON.

The public face of the library::

    from referat_parser import parse_text, parse_file
    minutes = parse_file("referat.txt")
    print(minutes.model_dump_json(indent=2))

Names are imported on first use (PEP 562), so ``import referat_parser`` and
``referat --version`` stay fast; the pipeline loads when it is first needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from referat_parser.version import __version__

if TYPE_CHECKING:
    from referat_parser.errors import InputError
    from referat_parser.models import Minutes
    from referat_parser.pipeline import parse_bytes, parse_file, parse_text

__all__ = ["InputError", "Minutes", "__version__", "parse_bytes", "parse_file", "parse_text"]

_HOMES = {"InputError": "errors", "Minutes": "models", "parse_bytes": "pipeline", "parse_file": "pipeline",
          "parse_text": "pipeline"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'referat_parser' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"referat_parser.{home}"), name)
    globals()[name] = value
    return value
