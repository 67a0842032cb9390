"""Where a reader is in the data (file, record, section), and the problems it has found there."""

from __future__ import annotations

from dataclasses import dataclass, field

from redesign.core.errors import DataProblem

MAX_TEXT_CHARS = 20_000


@dataclass
class Context:
    """Where we are: the file, the record (e.g. a service id) and the document/section for sources."""

    file: str
    record: str
    document: str
    section: str
    problems: list[DataProblem] = field(default_factory=list)

    def problem(self, field_name: str, message: str) -> None:
        self.problems.append(DataProblem(self.file, self.record, field_name, message))

    def child(self, record: str, section: str | None = None) -> Context:
        """Same file and problem list, another record (and optionally another section)."""
        return Context(self.file, record, self.document, section or self.section, self.problems)
