"""The engine as a package: the wheel, installed alone (with Material for
MkDocs) into a fresh virtual environment, builds `examples/minimal` through
`plugins: [search, decisiontree]`, refuses a broken tree with the located
error, and gives the `decisiontree` command.

Slow next to the other tests (a wheel build and a `pip install`); select or
leave these out with `-m package` / `-m "not package"`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

import decisiontree

pytestmark = pytest.mark.package

EXAMPLE = ROOT / "examples" / "minimal"
TREE = "docs/lamp-does-not-light.tree.yml"


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command with nothing of this repository on the import path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel built from it, as `make dist` builds them.

    With the setuptools pinned in requirements.txt rather than in an
    isolated environment: the same backend, without a download each run.
    """
    out = tmp_path_factory.mktemp("dist")
    result = run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT, cwd=out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return out


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (path,) = dist.glob("*.whl")
    return path


@pytest.fixture(scope="session")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding the wheel and Material for MkDocs only,
    at the versions `requirements.txt` pins; its `bin` folder."""
    root = tmp_path_factory.mktemp("venv")
    result = run(sys.executable, "-m", "venv", "--without-pip", root / "env", cwd=root)
    assert result.returncode == 0, result.stderr
    bin_dir = root / "env" / "bin"
    # This environment's pip installs into the new one, which needs none of its own.
    result = run(
        sys.executable, "-m", "pip", "--python", bin_dir / "python", "install", "--quiet", "--no-compile",
        "--disable-pip-version-check", wheel, "mkdocs-material", "--constraint", ROOT / "requirements.txt", cwd=root,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return bin_dir


# Where the environment's `decisiontree` comes from, which versions it holds,
# and whether anything in it is an editable install (a link to a source tree).
INSTALLED = """\
import json, sys
from importlib import metadata
from pathlib import Path
import decisiontree
dists = {d.metadata["Name"].lower(): d for d in metadata.distributions()}
editable = [n for n, d in dists.items() if json.loads(d.read_text("direct_url.json") or "{}").get("dir_info", {}).get("editable")]
print("decisiontree:", decisiontree.__file__)
print("source on path:", any(p and Path(p).resolve() == Path(sys.argv[1]) for p in sys.path))
print("mkdocs-decisiontree:", dists["mkdocs-decisiontree"].version)
print("mkdocs-material:", dists["mkdocs-material"].version)
print("editable:", sorted(editable))
"""


def pins() -> dict[str, str]:
    """The versions `requirements.txt` pins, by name."""
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return {
        name.lower().replace("_", "-"): version
        for name, version in (line.split("==") for line in lines if "==" in line and not line.startswith("#"))
    }


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the example site, outside this repository."""
    return Path(shutil.copytree(EXAMPLE, tmp_path / "site"))


def test_the_wheel_holds_the_engine_and_its_files_and_nothing_else(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    modules = sorted(f"decisiontree/{p.name}" for p in (ROOT / "decisiontree").glob("*.py"))
    data = sorted(
        f"decisiontree/{folder}/{p.name}"
        for folder in ("templates", "assets", "schema")
        for p in (ROOT / "decisiontree" / folder).iterdir()
    )
    info = f"mkdocs_decisiontree-{decisiontree.__version__}.dist-info"
    assert sorted(n for n in names if not n.startswith(info)) == sorted(modules + data)
    assert f"{info}/licenses/LICENSE" in names


def test_the_wheel_names_the_distribution_version_licence_and_entry_points(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    info = f"mkdocs_decisiontree-{decisiontree.__version__}.dist-info"
    metadata = archive.read(f"{info}/METADATA").decode()
    assert "Name: mkdocs-decisiontree\n" in metadata
    assert f"Version: {decisiontree.__version__}\n" in metadata
    assert "License-Expression: MIT\n" in metadata
    assert "License-File: LICENSE\n" in metadata
    points = archive.read(f"{info}/entry_points.txt").decode()
    assert "[mkdocs.plugins]\ndecisiontree = decisiontree.plugin:DecisionTreePlugin\n" in points
    assert "[console_scripts]\ndecisiontree = decisiontree.cli:main\n" in points


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]
    assert f"## {decisiontree.__version__} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    files = sorted(dist.iterdir(), key=lambda p: p.suffix)
    assert [p.suffix for p in files] == [".gz", ".whl"]
    result = run(Path(sys.executable).parent / "twine", "check", "--strict", *files, cwd=dist)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_installed_engine_comes_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    result = run(venv / "python", "-c", INSTALLED, str(ROOT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert Path(lines["decisiontree"]).is_relative_to(venv.parent)
    assert lines["source on path"] == "False"
    assert lines["mkdocs-decisiontree"] == decisiontree.__version__
    assert lines["mkdocs-material"] == pins()["mkdocs-material"]
    assert lines["editable"] == "[]"


def test_the_example_site_builds_with_the_installed_plugin(venv: Path, site: Path) -> None:
    result = run(venv / "mkdocs", "build", "--strict", "-d", "out", cwd=site)
    assert result.returncode == 0, result.stderr
    out = site / "out"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="lamp-does-not-light/"' in home
    start = (out / "lamp-does-not-light" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="dt-title">My lamp does not light</h1>' in start
    assert start.count('<figure class="dt-chart') == 1
    assert '<link rel="stylesheet" href="../assets/decisiontree/decisiontree.css">' in start
    assert 'src="../assets/decisiontree/decisiontree.js"' in start
    question = (out / "lamp-does-not-light" / "charging-light" / "index.html").read_text(encoding="utf-8")
    assert "Does the small light next to the USB port come on while it charges?" in question
    assert '<a class="dt-answer" href="../switch/" data-answer="1">Yes</a>' in question
    outcome = (out / "lamp-does-not-light" / "repair" / "index.html").read_text(encoding="utf-8")
    assert "Send it for repair" in outcome
    assert "the repair is free in the first two years" in outcome
    for asset in ("decisiontree.css", "decisiontree.js"):
        assert (out / "assets" / "decisiontree" / asset).stat().st_size > 0
    assert not list(out.rglob("*.tree.yml"))


def test_a_broken_tree_stops_the_installed_build_with_the_located_error(venv: Path, site: Path) -> None:
    tree = site / TREE
    text = tree.read_text(encoding="utf-8")
    assert text.count("next: repair\n") == 1
    tree.write_text(text.replace("next: repair\n", "next: repiar\n"), encoding="utf-8")
    line = text[: text.index("next: repair\n")].count("\n") + 1
    column = len(text.splitlines()[line - 1].split("repair")[0]) + 1
    error = (
        f"{TREE}:{line}:{column}: node 'switch', field 'answers[1].next': "
        "there is no node 'repiar' (did you mean 'repair'?)"
    )

    result = run(venv / "mkdocs", "build", "--strict", "-d", "out", cwd=site)
    assert result.returncode != 0
    assert error in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "out" / "index.html").exists()

    result = run(venv / "decisiontree", "check", TREE, cwd=site)
    assert result.returncode == 1
    assert error in result.stderr
    assert "Traceback" not in result.stderr


def test_the_console_command_checks_the_example_tree(venv: Path, site: Path) -> None:
    result = run(venv / "decisiontree", "check", TREE, cwd=site)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\b3 questions, 4 outcomes\b", result.stdout), result.stdout
