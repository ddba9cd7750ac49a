"""referat-parser: Danish meeting minutes (referater) to validated JSON.

The public face of the library::

    from referat_parser import parse_text, parse_file
    minutes = parse_file("referat.txt")
    print(minutes.model_dump_json(indent=2))
"""

from __future__ import annotations

from referat_parser.errors import InputError
from referat_parser.models import Minutes
from referat_parser.pipeline import parse_bytes, parse_file, parse_text
from referat_parser.version import __version__

__all__ = ["InputError", "Minutes", "__version__", "parse_bytes", "parse_file", "parse_text"]
