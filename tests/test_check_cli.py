"""`python -m decisiontree check` on the broken-tree corpus: exact lines, exit 1.

Each `tests/fixtures/broken/NAME.tree.yml` breaks one rule (or several, where
the name says so); `NAME.expected` is the exact text `check` must print. A
first line `# check: OPTIONS` gives the options `check` runs with (like
`--strict`); a `NAME.scenarios.yml` beside the tree is checked with it.
After a deliberate change of messages: `UPDATE_GOLDEN=1 make test`, then
read the diff of the .expected files before committing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BROKEN = Path(__file__).parent / "fixtures" / "broken"
CASES = sorted(p.name.removesuffix(".tree.yml") for p in BROKEN.glob("*.tree.yml"))


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "decisiontree", "check", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def options(name: str) -> list[str]:
    first = (BROKEN / f"{name}.tree.yml").read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    return first.removeprefix("# check:").split() if first.startswith("# check:") else []


@pytest.mark.parametrize("name", CASES)
def test_check_prints_the_expected_lines(name: str) -> None:
    result = check(*options(name), f"{name}.tree.yml", cwd=BROKEN)
    expected = BROKEN / f"{name}.expected"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(result.stderr, encoding="utf-8")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr, "a broken tree must say what is wrong"
    assert "Traceback" not in result.stderr
    assert result.stderr == expected.read_text(encoding="utf-8")
    for line in result.stderr.splitlines():
        assert line.startswith((f"{name}.tree.yml:", f"{name}.scenarios.yml:")), line


def test_check_valid_tree_prints_a_summary() -> None:
    result = check("example.tree.yml", cwd=BROKEN.parent / "trees")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "example.tree.yml: ok: 3 questions, 2 outcomes, 5 answer paths, longest path 3 questions; "
        "checked in en (the default: the file names no language, and no MkDocs project around it builds it)\n"
    )


def test_check_reports_every_file() -> None:
    result = check("one-answer.tree.yml", "cycle.tree.yml", cwd=BROKEN)
    assert result.returncode == 1
    assert {line.split(":")[0] for line in result.stderr.splitlines()} == {"one-answer.tree.yml", "cycle.tree.yml"}


def test_check_names_a_missing_language() -> None:
    result = check("--lang", "nl", "../trees/example.tree.yml", cwd=BROKEN)
    assert result.returncode == 0  # plain strings serve every language
    tree = BROKEN / "missing-language.tree.yml"
    result = check("--lang", "en", tree.name, cwd=BROKEN)
    assert "has no 'en' text" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert check(cwd=BROKEN).returncode == 2
    result = subprocess.run(
        [sys.executable, "-m", "decisiontree", "frobnicate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_missing_file_is_a_tree_error_not_a_traceback() -> None:
    result = check("nope.tree.yml", cwd=BROKEN)
    assert result.returncode == 1
    assert result.stderr.startswith("nope.tree.yml:0:0: cannot read the file")


def test_the_readme_example_is_a_valid_tree(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "readme.tree.yml").write_text(example, encoding="utf-8")
    result = check("readme.tree.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("readme.tree.yml: ok: 1 questions, 2 outcomes")
