"""What a workshop refuses, each as one line a participant or a facilitator can act on.

All are StoreErrors (so a page or the CLI handles them as the library's): NotFound for a wrong
code, key or id; Refused for an answer the workshop does not take now."""

from __future__ import annotations

from redesign.store.errors import NotFound, StoreError


class WrongCode(NotFound):
    def __init__(self) -> None:
        StoreError.__init__(
            self,
            "no workshop has that code; check it on the screen at the front of the room "
            "(letters and numbers, like ABCD-EFGH)",
        )


class WrongKey(NotFound):
    def __init__(self) -> None:
        StoreError.__init__(
            self,
            "that facilitator link is not valid: the workshop or its key does not match; use "
            "the link given when the workshop was created",
        )


class Refused(StoreError):
    """The workshop does not take this answer now (closed, paused, already answered, too many
    tries): nothing was stored, and the form keeps what was typed."""


class SlowDown(Refused):
    def __init__(self, seconds: float) -> None:
        self.seconds = max(int(seconds + 0.999), 1)
        super().__init__(
            f"too many wrong codes from here; wait {self.seconds} seconds, then try again"
        )


class Closed(Refused):
    def __init__(self) -> None:
        super().__init__(
            "this workshop has closed, so answers are no longer taken; thank you for taking part"
        )


class Paused(Refused):
    def __init__(self) -> None:
        super().__init__(
            "the facilitator has paused answering for a moment; your answer was not sent: keep "
            "this page open and send it again when answering reopens"
        )


class AlreadyAnswered(Refused):
    def __init__(self, school: str) -> None:
        self.school = school
        super().__init__(
            f"{school} has already answered in this workshop, and a school counts once; to change "
            "that answer, use the phone or computer it was sent from, or ask the facilitator to "
            "remove it so you can answer again"
        )


class NotYourAnswer(Refused):
    def __init__(self) -> None:
        super().__init__(
            "this answer link does not belong to this workshop (or the answer was removed); "
            "answer afresh"
        )
