"""The languages an MkDocs project builds a tree in, read from its configuration files.

`check` uses this to refuse what the site build would refuse: a tree that
lacks a text in a language one of the project's configurations builds.
The configuration is read as YAML only (MkDocs is not imported): every
`mkdocs.yml` and `mkdocs.*.yml` beside the nearest `mkdocs.yml` above the
tree, following `INHERIT`, taking `theme.language` (MkDocs' default: en),
`docs_dir` and the folder trees are read from (`extra.decisiontree.trees_dir`,
the `decisiontree` plugin's `trees_dir`, else `docs_dir`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
DEFAULT_LANGUAGE = "en"
"""The language of a theme that names none (MkDocs' and Material's default)."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads MkDocs configuration YAML: tags like `!ENV` or `!!python/name` become null."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("!", _unknown_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


@dataclass(frozen=True)
class Build:
    """One configuration file of a project: which language it builds, and from where."""

    config: Path
    language: str
    trees_dir: Path
    docs_dir: Path
    """The folder the pages of this language are read from; links in tree texts lead into it."""


def _read(path: Path, depth: int = 0) -> dict[str, Any]:
    """The configuration with `INHERIT` resolved (nested mappings merged, as MkDocs does)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 (safe loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and depth < 10:
        return merge(_read(path.parent / parent, depth + 1), data)
    return data


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`INHERIT` as MkDocs reads it: mappings merge, lists and values replace.

    (Zensical's own `INHERIT` appends lists, which would double the Dutch
    navigation, palette and language list.)
    """
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _plugin_trees_dir(plugins: Any) -> Any:
    entries = plugins.items() if isinstance(plugins, dict) else enumerate(plugins or [])
    for key, entry in entries:
        if isinstance(plugins, dict) and key == "decisiontree" and isinstance(entry, dict):
            return entry.get("trees_dir")
        if isinstance(entry, dict) and isinstance(entry.get("decisiontree"), dict):
            return entry["decisiontree"].get("trees_dir")
    return None


def builds(project: Path) -> list[Build]:
    """Every configuration in the folder `project` and what it builds, by file name."""
    found: list[Build] = []
    configs = [p for name in CONFIG_NAMES if (p := project / name).is_file()]
    configs += sorted(p for p in project.glob("mkdocs.*.y*ml") if p.name not in CONFIG_NAMES)
    for config in configs:
        data = _read(config)
        theme = data.get("theme")
        language = theme.get("language") if isinstance(theme, dict) else None
        extra = data.get("extra")
        options = extra.get("decisiontree") if isinstance(extra, dict) else None
        trees = options.get("trees_dir") if isinstance(options, dict) else None
        docs = data.get("docs_dir") or "docs"
        trees = trees or _plugin_trees_dir(data.get("plugins")) or docs
        found.append(
            Build(
                config=config,
                language=str(language or DEFAULT_LANGUAGE),
                trees_dir=(project / str(trees)).resolve(),
                docs_dir=(project / str(docs)).resolve(),
            )
        )
    return found


def find_project(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds an `mkdocs.yml`."""
    here = start.resolve()
    for folder in [here, *here.parents]:
        if any((folder / name).is_file() for name in CONFIG_NAMES):
            return folder
    return None


def builds_of(tree_file: Path) -> list[Build]:
    """The configurations of the MkDocs project around `tree_file` whose trees folder holds it."""
    project = find_project(tree_file.parent)
    if project is None:
        return []
    target = tree_file.resolve()
    return [build for build in builds(project) if target.is_relative_to(build.trees_dir)]


def languages_for(tree_file: Path) -> tuple[list[str], list[str]]:
    """The languages the MkDocs project around `tree_file` builds it in, and the configuration files that say so.

    Both lists are empty when no project's trees folder holds the file.
    """
    languages: list[str] = []
    configs: list[str] = []
    for build in builds_of(tree_file):
        if build.language not in languages:
            languages.append(build.language)
        configs.append(build.config.name)
    return languages, configs
