"""One exception for expected data and environment faults, and a CLI wrapper that prints it.

An expected fault (a cache folder that cannot be created, a mirror path that is a file, a full
disk, a corrupt or unreadable file, a bad curated row) is raised as :class:`DataError` with a
one-line message naming the file or variable, what is wrong and what to do. Command-line entry
points wrap their ``main`` in :func:`cli` so the user sees that line and exit code 1, never a
traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps


class DataError(RuntimeError):
    """An expected fault in the data or the environment; the message says what to do."""


class CuratedDataError(DataError, ValueError):
    """A curated file in ``data/`` breaks one of its rules (the message names file and rule)."""


def cli(main: Callable[..., int]) -> Callable[..., int]:
    """Wrap a command-line ``main`` so a :class:`DataError` prints one line and returns 1."""

    @wraps(main)
    def wrapped(*args, **kwargs) -> int:
        try:
            return main(*args, **kwargs)
        except DataError as err:
            message = " ".join(str(err).split())  # one line, whatever the message holds
            print(f"error: {message}", file=sys.stderr)
            return 1

    return wrapped
