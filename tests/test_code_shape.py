"""The engine's shape: small modules with one job each, short functions, and
every module named in the README's layout table with that job.

Ruff's PLR0911/PLR0912/PLR0915 cap returns, branches and statements; these
tests cap what ruff does not: lines per module and per function.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted([*(ROOT / "decisiontree").glob("*.py"), *(ROOT / "hooks").glob("*.py")])
MODULE_LIMIT = 400
"""Lines per module in decisiontree/ and hooks/."""
FUNCTION_LIMIT = 60
"""Lines per function or method, decorators and docstring included."""


def long_functions(source: str, limit: int) -> list[str]:
    """`name (lines)` for each function in `source` of `limit` lines or more."""
    return [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 >= limit
    ]


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_every_module_is_under_the_line_limit(path: Path) -> None:
    lines = len(path.read_text("utf-8").splitlines())
    assert lines < MODULE_LIMIT, (
        f"Rule: every module of decisiontree/ and hooks/ stays under {MODULE_LIMIT} lines, with one job. "
        f"{name(path)} has {lines}. Fix: move a part with a job of its own into a module of its own."
    )


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_every_function_is_under_the_line_limit(path: Path) -> None:
    assert long_functions(path.read_text("utf-8"), FUNCTION_LIMIT) == [], (
        f"Rule: every function in decisiontree/ and hooks/ stays under {FUNCTION_LIMIT} lines. "
        f"In {name(path)} these do not. Fix: split each into steps with one job each."
    )


def test_the_line_counter_sees_a_long_function() -> None:
    body = "\n".join(f"        x{i} = {i}" for i in range(FUNCTION_LIMIT))
    assert long_functions(f"def short():\n    pass\n\n\nclass C:\n    def long(self):\n{body}\n", FUNCTION_LIMIT) == [
        f"long ({FUNCTION_LIMIT + 1} lines, line 6)"
    ]


def test_the_readme_layout_table_names_every_module() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    named = {m for row in rows for m in re.findall(r"`([^`]+\.py)`", row.split(" | ")[0])}
    folders = {"decisiontree": "decisiontree/", "hooks": "hooks/"}
    full = {m if "/" in m else folders["decisiontree"] + m for m in named}
    missing = [name(path) for path in MODULES if name(path) not in full]
    assert missing == [], (
        "Rule: the README's layout table names every module of decisiontree/ and hooks/ and its one job. "
        f"Missing: {missing}. Fix: add a row `| \\`path\\` | its job |` to the table."
    )
