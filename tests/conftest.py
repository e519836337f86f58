from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, Watch, require_browser
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BIN = Path(sys.executable).parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--exhaustive",
        action="store_true",
        help="also walk every answer path in the browser (slow; for a release: make test-exhaustive)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `exhaustive` run only when asked for; otherwise they are deselected, not skipped."""
    if config.getoption("--exhaustive"):
        return
    kept = [item for item in items if item.get_closest_marker("exhaustive") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


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


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder built once per test run, even when pytest-xdist runs tests in several processes.

    The first process to get here builds (under a file lock) into a folder of
    the run's shared temporary directory; the others wait for it and reuse it.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, shared by every worker
    out = base / name
    with FileLock(str(base / f"{name}.lock")):
        done = base / f"{name}.done"
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            build(out)
            done.touch()
    return out


def _build_real_site(out: Path) -> None:
    result = mkdocs("build", "--strict", "-d", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    result = mkdocs("build", "--strict", "-f", str(ROOT / "mkdocs.nl.yml"), "-d", str(out / "nl"), cwd=ROOT)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, English and Dutch, built once per run with --strict."""
    return shared_build(tmp_path_factory, "real-site", _build_real_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole run (Playwright's sync API allows one)."""
    require_browser()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - needs the browser check first

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def watch_page(browser: Any) -> Iterator[Any]:
    """A fresh context and page whose requests and errors are recorded (checked at the end)."""
    opened: list[tuple[Any, Watch]] = []

    def open_page(base: str, **options: Any) -> tuple[Any, Watch]:
        context = browser.new_context(**options)
        page = context.new_page()
        watch = Watch(base)
        watch.attach(page)
        opened.append((context, watch))
        return page, watch

    yield open_page
    for context, watch in opened:
        context.close()
        assert watch.errors == [], watch.errors
        assert watch.foreign() == [], watch.foreign()
        assert watch.dialogs == []


@pytest.fixture
def open_page(watch_page: Any) -> Callable[..., Any]:
    """Like `watch_page`, for tests that need only the page."""
    return lambda base, **options: watch_page(base, **options)[0]
