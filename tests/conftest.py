from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, require_browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BIN = Path(sys.executable).parent


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` of this environment."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(BIN / "mkdocs"), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def make_site(root: Path, trees: dict[str, str], *, pages: dict[str, str] | None = None, config: str = "") -> Path:
    """A small MkDocs site using the project's hook, with the given tree files and pages."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for name, text in (pages or {}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for name, text in trees.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(textwrap.dedent(text), encoding="utf-8")
    hooks = root / "hooks"
    hooks.mkdir()
    shutil.copy(ROOT / "hooks" / "trees.py", hooks / "trees.py")
    theme = "" if "theme:" in config else "theme:\n  name: material\n  font: false\n"
    (root / "mkdocs.yml").write_text(
        theme
        + textwrap.dedent(
            """\
            site_name: Test
            site_url: https://example.org/
            hooks:
              - hooks/trees.py
            validation:
              omitted_files: warn
              absolute_links: warn
              unrecognized_links: warn
              anchors: warn
            markdown_extensions:
              - admonition
              - attr_list
              - toc
            """
        )
        + textwrap.dedent(config),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, English and Dutch, built once with --strict."""
    out = tmp_path_factory.mktemp("real-site")
    result = mkdocs("build", "--strict", "-d", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    nl = ROOT / "mkdocs.nl.yml"
    if nl.exists():
        result = mkdocs("build", "--strict", "-f", str(nl), "-d", str(out / "nl"), cwd=ROOT)
        assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole run (Playwright's sync API allows one)."""
    require_browser()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - needs the browser check first

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
