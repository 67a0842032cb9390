"""The CLI's one guard (redesign.cli.common.guarded): known errors to their exit codes in the
order given, anything else one line, never a traceback."""

from __future__ import annotations

import pytest

from redesign.cli.common import EXIT_INVALID, EXIT_NOT_FOUND, EXIT_UNAVAILABLE, failing, guarded


class Missing(LookupError):
    pass


KNOWN = [(Missing, failing(EXIT_NOT_FOUND)), ((LookupError, ValueError), failing(EXIT_INVALID))]


def raising(exc: BaseException):  # type: ignore[no-untyped-def]
    def run() -> int:
        raise exc

    return run


def test_a_clean_run_gives_its_own_code() -> None:
    assert guarded(lambda: 0, KNOWN) == 0
    assert guarded(lambda: 5, KNOWN) == 5


def test_the_first_matching_kind_wins(capsys: pytest.CaptureFixture[str]) -> None:
    assert guarded(raising(Missing("no scenario 7")), KNOWN) == EXIT_NOT_FOUND
    assert capsys.readouterr().err == "error: no scenario 7\n"
    # A LookupError that is not Missing falls to the second entry; so does a ValueError.
    assert guarded(raising(KeyError("x")), KNOWN) == EXIT_INVALID
    assert guarded(raising(ValueError("bad\n  level")), KNOWN) == EXIT_INVALID
    assert capsys.readouterr().err.splitlines()[-1] == "error: bad level"


def test_anything_else_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert guarded(raising(RuntimeError("boom " * 200)), KNOWN) == EXIT_UNAVAILABLE
    err = capsys.readouterr().err
    assert err.startswith("error: unexpected RuntimeError: boom")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert len(err) < 360  # the message is cut at 300 characters


def test_an_interrupt_is_130(capsys: pytest.CaptureFixture[str]) -> None:
    assert guarded(raising(KeyboardInterrupt()), KNOWN) == 130
    assert capsys.readouterr().err == "error: interrupted\n"
