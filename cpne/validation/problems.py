"""A validation problem: where, which rule (a stable code), and what to fix."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file. Ordered by path, then position, so reports are stable."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: str = field(default=ERROR, compare=False)
    id: str | None = field(default=None, compare=False)
    pointer: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "id": self.id,
            "pointer": self.pointer,
        }


def json_pointer(parts: tuple[str | int, ...]) -> str:
    """RFC 6901 pointer of a location inside a record."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
