"""Errors for unusable input: the only exceptions the library raises on purpose.

A strange *text* never raises (it yields diagnostics); only input that cannot be
turned into text at all (missing, a directory, empty, binary, undecodable, too
large) raises :class:`InputError`, whose message is one line a user can act on.
"""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be used; ``str(err)`` is a one-line message for the user."""
