"""Same input, same bytes: rendering, the command line and whole MkDocs builds.

String hashing differs between Python processes (`PYTHONHASHSEED`), so a
view that iterates a set or a dict built from one changes between runs;
rendering twice in one process cannot show that, two processes with
different seeds can.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, make_site, mkdocs
from treegen import balanced

from decisiontree import parse_tree, render_pages
from decisiontree.pagedata import INLINE_DATA_LIMIT

EXAMPLE = (FIXTURES / "trees" / "example.tree.yml").read_text(encoding="utf-8")
LARGE = balanced(2 * INLINE_DATA_LIMIT + 1)
"""Above the inline data limit: `tree.json`, and charts of a node's neighbourhood only."""
TREES = {"example.tree.yml": EXAMPLE, "large.tree.yml": LARGE}
GUIDE = {"guide.md": "# Guide\n\n## Spec\n\nText.\n"}
SOURCE_DATE_EPOCH = "1700000000"


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    """What differs between two folders, one line per file."""
    left, right = files(a), files(b)
    found = [f"only in one: {name}" for name in sorted(left.keys() ^ right.keys())]
    for name in sorted(left.keys() & right.keys()):
        if left[name] == right[name]:
            continue
        if name.endswith(".gz") and gzip.decompress(left[name]) == gzip.decompress(right[name]):
            found.append(f"{name}: same content, different gzip header (mtime or file name)")
        else:
            found.append(f"{name}: different content")
    return found


@pytest.mark.parametrize("name", sorted(TREES))
def test_rendering_a_tree_twice_gives_the_same_bytes(name: str) -> None:
    first = render_pages(parse_tree(TREES[name], name, lang="en"), folder="t")
    second = render_pages(parse_tree(TREES[name], name, lang="en"), folder="t")
    assert [(p.path, p.content.encode()) for p in first] == [(p.path, p.content.encode()) for p in second]


def run_cli(args: list[str], cwd: Path, seed: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "decisiontree", *args], cwd=cwd, env=env, capture_output=True, check=False
    )


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=[pytest.mark.slow] if n == "large.tree.yml" else []) for n in sorted(TREES)]
)
def test_pages_do_not_depend_on_the_hash_seed(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(TREES[name], encoding="utf-8")
    for seed in ("1", "2"):
        result = run_cli(["pages", name, "--out", f"out{seed}"], tmp_path, seed)
        assert result.returncode == 0, result.stderr
    assert files(tmp_path / "out1")
    assert differences(tmp_path / "out1", tmp_path / "out2") == []


@pytest.mark.parametrize(
    "command",
    [["export", "--format", "json"], ["export", "--format", "mermaid"], ["export", "--format", "dot"], ["paths"]],
    ids=["json", "mermaid", "dot", "paths"],
)
def test_exports_do_not_depend_on_the_hash_seed(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "large.tree.yml").write_text(LARGE, encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        result = run_cli([*command, "large.tree.yml"], tmp_path, seed)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0]
    assert outputs[0] == outputs[1]


def build(site: Path, out: Path, seed: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)  # sitemap dates, gzip header
    monkeypatch.setenv("PYTHONHASHSEED", seed)
    result = mkdocs("build", "--strict", "-d", str(out), cwd=site)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_two_builds_of_a_site_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site", {f"quiz/{n}": t for n, t in TREES.items()}, pages=GUIDE)
    build(site, tmp_path / "first", "1", monkeypatch)
    build(site, tmp_path / "second", "2", monkeypatch)
    assert "sitemap.xml.gz" in files(tmp_path / "first")
    assert differences(tmp_path / "first", tmp_path / "second") == []


@pytest.mark.slow
def test_a_site_builds_the_same_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("here", "elsewhere"):
        site = make_site(tmp_path / name, {f"quiz/{n}": t for n, t in TREES.items()}, pages=GUIDE)
        build(site, site / "out", "0", monkeypatch)
    assert differences(tmp_path / "here" / "out", tmp_path / "elsewhere" / "out") == []
