"""What every command of the CLI shares: exit codes, one-line failures, the data folder's refusal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from redesign.core.errors import DataError

# 0 done; 1 the store or the data cannot be used; 2 a refused option or value; 3 no such record;
# 4 refused in the record's present state (a closed workshop).
EXIT_UNAVAILABLE, EXIT_INVALID, EXIT_NOT_FOUND, EXIT_REFUSED = 1, 2, 3, 4


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), like every other failure."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INVALID, f"error: {' '.join(message.split())} (see {self.prog} --help)\n")


@dataclass(frozen=True)
class Output:
    data: Any  # the JSON document
    text: str  # what a person reads


def fail(code: int, message: str) -> int:
    """Print a failure as one line on stderr and return its exit code."""
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return code


def data_not_valid(exc: DataError) -> str:
    """Why a command cannot start: the first problem of the data folder, and where to see them all."""
    more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
    return (
        f"the data folder does not validate: {exc.problems[0]}{more}; "
        "run 'python -m redesign validate'"
    )


ErrorKinds = type[BaseException] | tuple[type[BaseException], ...]


def guarded(
    run: Callable[[], int], known: Sequence[tuple[ErrorKinds, Callable[[BaseException], int]]]
) -> int:
    """``run()``'s exit code; an error of a ``known`` kind (the first that matches) gives the code
    its function returns, and anything else one line on stderr: the promise is never a traceback."""
    try:
        return run()
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. '| head'); nothing more to say
        return EXIT_UNAVAILABLE
    except KeyboardInterrupt:
        return fail(130, "interrupted")
    except Exception as exc:
        for kind, code in known:
            if isinstance(exc, kind):
                return code(exc)
        return fail(EXIT_UNAVAILABLE, f"unexpected {type(exc).__name__}: {str(exc)[:300]}")


def failing(code: int) -> Callable[[BaseException], int]:
    """For :func:`guarded`: fail with ``code`` and the error's own message."""
    return lambda exc: fail(code, str(exc))
