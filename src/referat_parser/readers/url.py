"""Inputs named by a URL (``referat parse https://…/referat.pdf``): fetched within the limits of a file.

Only ``http://`` and ``https://`` are fetched (stdlib :mod:`urllib`, which follows redirects).
The same limits hold as for a file: more than ``--max-size`` bytes is refused (by the declared
``Content-Length`` before reading, and by counting while reading, since a server may not say or
may lie), and the whole download must end within the reader's wall time
(:attr:`Budget.max_seconds`, 30 s). Every failure (no network, a name that does not resolve, a
refused connection, an HTTP error status, a timeout) is one :class:`InputError` line that names
the URL and the reason.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from referat_parser.errors import InputError
from referat_parser.readers.budget import MB, Budget

CHUNK = 64 * 1024


def is_url(name: str) -> bool:
    """Whether an input argument names a URL to fetch (http or https), not a file."""
    return name.lower().startswith(("http://", "https://"))


def name_of(url: str) -> str:
    """The file name a URL ends in (its path's last part, without query): what the format is guessed from."""
    return urlsplit(url).path.rsplit("/", 1)[-1]


def fetch(url: str, max_bytes: int, max_seconds: float = Budget().max_seconds) -> bytes:
    """The body of ``url``, at most ``max_bytes``, fetched within ``max_seconds``; InputError if not."""
    import urllib.error
    import urllib.request

    from referat_parser.version import __version__

    started = time.monotonic()
    request = urllib.request.Request(url, headers={"User-Agent": f"referat-parser/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=max_seconds) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url} is {int(declared) / MB:.1f} MB, over the {max_bytes / MB:g} MB limit "
                                 "(--max-size)")
            chunks, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(f"{url} is over the {max_bytes / MB:g} MB limit (--max-size)")
                if time.monotonic() - started > max_seconds:
                    raise InputError(f"cannot fetch {url}: it took over {max_seconds:g} s")
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as e:
        raise InputError(f"cannot fetch {url}: HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        raise InputError(f"cannot fetch {url}: {getattr(reason, 'strerror', None) or reason}") from None
    except TimeoutError:
        raise InputError(f"cannot fetch {url}: no answer within {max_seconds:g} s") from None
    except (OSError, ValueError) as e:  # a connection reset mid-body, a malformed URL
        raise InputError(f"cannot fetch {url}: {getattr(e, 'strerror', None) or e}") from None
