"""Tree errors as data, and the one formatter that prints them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class TreeError:
    """One problem in a tree file, with where it is and what it concerns."""

    path: str
    """The tree file, as the author named it."""
    line: int
    """1-based line of the offending text (0 when the file has no lines)."""
    column: int
    """1-based column of the offending text."""
    message: str
    """What is wrong, in one sentence, with a hint where there is one."""
    node: str | None = None
    """The id of the node the problem is in, if any."""
    field: str | None = None
    """The field the problem is in, if any."""

    def format(self) -> str:
        """`path:line:column: message`, the form editors and CI logs link to."""
        where = ""
        if self.node is not None and self.field is not None:
            where = f"node '{self.node}', field '{self.field}': "
        elif self.node is not None:
            where = f"node '{self.node}': "
        elif self.field is not None:
            where = f"field '{self.field}': "
        return f"{self.path}:{self.line}:{self.column}: {where}{self.message}"


class TreeErrors(Exception):
    """Raised when a tree file has one or more problems; carries all of them."""

    def __init__(self, errors: list[TreeError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.path, e.line, e.column, e.message))
        super().__init__("\n".join(e.format() for e in self.errors))

    def lines(self) -> list[str]:
        return [e.format() for e in self.errors]
