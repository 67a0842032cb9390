"""Errors that name the file, the record and the field, and say what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataProblem:
    """One thing wrong with one field of one record in one file."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = " › ".join(part for part in (self.file, self.record, self.field) if part)
        return f"{where}: {self.message}"


class DataError(Exception):
    """Raised when a data folder or an uploaded file does not validate; carries every problem found."""

    def __init__(self, problems: list[DataProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str, record: str, field: str, message: str) -> DataError:
        return cls([DataProblem(file, record, field, message)])
