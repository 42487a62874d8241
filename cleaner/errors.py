"""One exception tree for everything cleaner raises on purpose."""

from __future__ import annotations

__all__ = ["CleanerError", "RuleError", "InputError", "LimitError"]


class CleanerError(Exception):
    """Base class: catch this to handle every failure cleaner reports."""


class RuleError(CleanerError):
    """A rule pack is invalid. Names the file, and the rule id and field when known."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 rule_id: str | None = None, field: str | None = None) -> None:
        self.file, self.line, self.rule_id, self.field = file, line, rule_id, field
        self.reason = message
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.file or "<rules>"
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.rule_id:
            parts.append(f"rule {self.rule_id}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.reason}"


class InputError(CleanerError):
    """An input document cannot be read or decoded. Names the file and position."""

    def __init__(self, message: str, *, file: str | None = None, position: str | None = None) -> None:
        self.file, self.position, self.reason = file, position, message
        where = file or "<input>"
        if position:
            where += f":{position}"
        super().__init__(f"{where}: {message}")


class LimitError(CleanerError):
    """A document exceeds a configured limit (size, time budget)."""
