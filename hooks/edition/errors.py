"""Errors that name the file, line and field at fault and say how to fix it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Problem:
    file: str
    line: int | None
    field: str
    message: str
    fix: str = ""
    column: int | None = None  # 1-based, where known

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.line and self.column:
            where += f":{self.column}"
        text = f"{where}: {self.field}: {self.message}"
        return f"{text} — fix: {self.fix}" if self.fix else text


class EditionError(Exception):
    """One or more problems in the sources or annotations; the build must stop."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))
