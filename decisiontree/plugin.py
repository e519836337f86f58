"""The MkDocs plugin: every `*.tree.yml` file becomes a walkable self-assessment.

A site enables it with `plugins: [search, decisiontree]`. The events below only
hand MkDocs' files and settings to `decisiontree.site`, which decides what the
site gets, and turn tree errors into one clean build error.

Options, all optional:

    plugins:
      - decisiontree:
          trees_dir: docs   # where tree files are found; default: docs_dir

This is the only module of the package that imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .errors import TreeErrors
from .load import TREE_SUFFIX
from .scenarios import SCENARIOS_SUFFIX
from .site import STYLESHEET, SitePage, anchors, collect, escape_meta, place_blocks, place_late, static_files


class DecisionTreeConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is unannotated
    """The plugin's options, checked by MkDocs like its own settings."""

    trees_dir = c.Optional(c.Dir(exists=True))
    """Where tree files are found, relative to the configuration file; default: `docs_dir`."""


class DecisionTreePlugin(BasePlugin[DecisionTreeConfig]):  # type: ignore[no-untyped-call]
    """Turns tree files into pages and charts, through `decisiontree.site`."""

    def __init__(self) -> None:
        self._pages: dict[str, SitePage] = {}
        """Each generated page by source URI, for its HTML and chart after Markdown."""

    def trees_dir(self, config: MkDocsConfig) -> Path:
        """The folder tree files are found in: the option, or else the docs folder."""
        configured = self.config.trees_dir
        return Path(configured) if configured else Path(config.docs_dir)

    # The stylesheet is listed in on_config, before the theme reads `extra_css`.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    # Pages are added in on_files: MkDocs builds the navigation from `files`
    # right after this event, so the start pages can stand in the nav.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        try:
            pages = collect(
                self.trees_dir(config),
                docs_dir=Path(config.docs_dir),
                lang=str(config.theme.get("language") or "en"),
                project_dir=Path(config.config_file_path).parent,
                directory_urls=config.use_directory_urls,
            )
        except TreeErrors as exc:
            raise PluginError("\n".join(exc.lines())) from None
        self._pages = {page.src_uri: page for page in pages}

        for file in list(files):
            if file.src_uri.endswith((TREE_SUFFIX, SCENARIOS_SUFFIX)):
                files.remove(file)  # the YAML is the source (and its checks), not something to publish
        for page in pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"{page.src_uri} is generated from a tree file, but the docs already have a file there"
                )
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
    def on_page_markdown(self, markdown: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        if "decisiontree" in page.meta:
            escape_meta(page.meta)
        return markdown

    # A generated page's HTML blocks (everything but the tree's own Markdown)
    # are finished HTML: they go in once Markdown is done, so neither
    # Markdown's HTML parser nor MkDocs' scan of raw HTML reads them, and
    # before the search index is made (on_page_context), which reads them.
    # Their ids join the page's anchors, for MkDocs' check of links to them.
    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        generated = self._pages.get(page.file.src_uri)
        if generated is None:
            return html
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= anchors(generated)
        return place_blocks(html, generated)

    # The chart, the outline, the answer paths and the page's data hold
    # nothing for the search index (excluded from search, or scripts). They
    # go into the page last, so the indexer does not read them either: a
    # build of 1,000 nodes takes 40 % less time than with the chart in Markdown.
    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        generated = self._pages.get(page.file.src_uri)
        if generated is None:
            return output
        return place_late(output, generated)

    # `mkdocs serve` watches docs_dir; trees kept elsewhere are watched here too,
    # so saving a tree rebuilds and reloads without a restart.
    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        trees_dir = self.trees_dir(config)
        if not trees_dir.resolve().is_relative_to(Path(config.docs_dir).resolve()):
            server.watch(str(trees_dir))
        return server
