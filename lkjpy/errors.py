"""Errors raised on bad input: each names the file, the row and the column."""

from __future__ import annotations


class DataError(ValueError):
    """A problem in the curated data or the registry.

    ``problems`` lists every problem found (validation collects them all
    before raising), each a :class:`Problem`.
    """

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        head = f"{len(lines)} problem(s) in the data:" if len(lines) > 1 else ""
        super().__init__("\n".join([head, *lines]) if head else lines[0])


class Problem:
    """One problem: where it is (file, row, column) and what was expected."""

    def __init__(self, file: str, message: str, row: int | None = None, column: str | None = None):
        self.file = str(file)
        self.row = row
        self.column = column
        self.message = message

    def where(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"
