"""The MkDocs plugin and the hook that runs it: one set of events, typed options,
and an engine whose core modules never import MkDocs."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from conftest import FIXTURES, ROOT, make_site, mkdocs

from decisiontree.plugin import DecisionTreePlugin

EXAMPLE = (FIXTURES / "trees" / "example.tree.yml").read_text(encoding="utf-8")
GUIDE = {"guide.md": "# Guide\n\n## Spec\n\nText.\n"}
HOOK = "hooks:\n  - hooks/trees.py\n"

# Imports every module of the package but the plugin while a finder refuses
# MkDocs and Material, then shows that the finder does refuse them: the
# plugin, which needs MkDocs, fails to import. `__main__` runs the command
# line when imported; it imports nothing but `cli`.
WITHOUT_MKDOCS = """\
import importlib, importlib.abc, pkgutil, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "material"):
            raise ImportError(f"{name} is not importable here")
        return None

sys.meta_path.insert(0, Refuse())
import decisiontree
core = sorted(m.name for m in pkgutil.iter_modules(decisiontree.__path__) if m.name not in ("plugin", "__main__"))
for name in core:
    importlib.import_module(f"decisiontree.{name}")
print("imported:", " ".join(core))
try:
    import decisiontree.plugin
except ImportError as exc:
    print("plugin refused:", exc)
print("loaded:", " ".join(sorted(n for n in sys.modules if n.split(".")[0] in ("mkdocs", "material"))))
"""


def as_plugin_site(site: Path, options: str = "") -> Path:
    """Turn a `make_site` site from the hook to `plugins: [search, decisiontree]`."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert HOOK in text
    plugin = "  - decisiontree" + (":\n" + options if options else "") + "\n"
    config.write_text(text.replace(HOOK, "plugins:\n  - search\n" + plugin), encoding="utf-8")
    return site


def test_core_modules_import_without_mkdocs() -> None:
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_MKDOCS], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    modules = sorted(
        p.stem for p in (ROOT / "decisiontree").glob("*.py") if p.stem not in ("__init__", "plugin", "__main__")
    )
    assert lines["imported"].split() == modules
    assert "site" in modules
    assert "mkdocs" in lines["plugin refused"]
    assert lines["loaded"].strip() == ""


def test_the_plugin_is_registered_as_decisiontree() -> None:
    (entry,) = entry_points(group="mkdocs.plugins", name="decisiontree")
    assert entry.load() is DecisionTreePlugin


def test_trees_dir_must_be_an_existing_folder(tmp_path: Path) -> None:
    plugin = DecisionTreePlugin()
    config_file = str(tmp_path / "mkdocs.yml")
    errors, _ = plugin.load_config({"trees_dir": 5}, config_file)
    assert [(name, str(error)) for name, error in errors] == [
        ("trees_dir", "Expected type: <class 'str'> but received: <class 'int'>")
    ]
    errors, _ = plugin.load_config({"trees_dir": "trees"}, config_file)
    assert [name for name, _ in errors] == ["trees_dir"]
    assert "isn't an existing directory" in str(errors[0][1])
    (tmp_path / "trees").mkdir()
    errors, _ = plugin.load_config({"trees_dir": "trees"}, config_file)
    assert errors == []
    assert plugin.config.trees_dir == str(tmp_path / "trees")


def test_a_wrong_option_type_stops_the_build_with_mkdocs_own_error(tmp_path: Path) -> None:
    site = as_plugin_site(make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}), "      trees_dir: 5")
    result = mkdocs("build", "--strict", "-d", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "Config value 'plugins': Plugin 'decisiontree' option 'trees_dir': "
        "Expected type: <class 'str'> but received: <class 'int'>"
    ) in result.stderr


def test_the_hook_checks_its_options_as_the_plugin_does(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"quiz/example.tree.yml": EXAMPLE}, config="extra:\n  decisiontree:\n    trees_dir: 5\n")
    result = mkdocs("build", "--strict", "-d", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "Config value 'extra.decisiontree.trees_dir': Expected type: <class 'str'> but received: <class 'int'>"
    ) in result.stderr


def test_trees_dir_is_read_relative_to_the_configuration_file(tmp_path: Path) -> None:
    site = as_plugin_site(make_site(tmp_path, {}, pages=GUIDE), "      trees_dir: trees")
    (site / "trees" / "quiz").mkdir(parents=True)
    (site / "trees" / "quiz" / "example.tree.yml").write_text(EXAMPLE, encoding="utf-8")
    result = mkdocs("build", "--strict", "-d", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 0, result.stderr
    start = (tmp_path / "out" / "quiz" / "example" / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="dt-title">Example</h1>' in start


def test_the_hook_and_the_plugin_build_the_same_pages(tmp_path: Path) -> None:
    trees = {"quiz/example.tree.yml": EXAMPLE}
    hooked = make_site(tmp_path / "hook", trees, pages=GUIDE)
    plugged = as_plugin_site(make_site(tmp_path / "plugin", trees, pages=GUIDE))
    outputs = []
    for site in (hooked, plugged):
        result = mkdocs("build", "--strict", "-d", str(site / "out"), cwd=site)
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(site / "out").as_posix(): p.read_bytes() for p in (site / "out").rglob("*.html")})
    hook_pages, plugin_pages = outputs
    assert "quiz/example/first/index.html" in plugin_pages
    assert plugin_pages == hook_pages
