"""What a site gets from a folder of tree files, whatever builds the site.

One place decides what a documentation site needs for its trees: which pages
are generated (and where), which of them stand in the navigation, which tree
file each page is edited in, each page's chart and HTML kept apart from its Markdown,
and the static files (stylesheet, script, schema). The MkDocs adapter and the
Zensical staging step both call `collect`; neither decides any of this again.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import html
import logging
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .chart import chart_ids
from .collector import collector_paused
from .errors import TreeError, TreeErrors
from .load import TREE_SUFFIX, read_tree_file, untranslated
from .model import Tree
from .pages import ASSETS, CHART_SLOT, fill_blocks, render_pages
from .scenarios import SCENARIOS_SUFFIX, check_tree_scenarios, tree_file
from .textlinks import text_link_errors

log = logging.getLogger("mkdocs.plugins.decisiontree")
"""Warnings go to the logger MkDocs counts (a logger name, not an import), so
`mkdocs build --strict` fails on them as it does on its own warnings."""

ASSET_FILES = ("decisiontree.css", "decisiontree.js")
"""The stylesheet and the script, copied to `ASSETS` in the built site."""
STYLESHEET = ASSETS + "decisiontree.css"
"""The stylesheet's path from the site root, for the theme's `extra_css`."""
SCHEMA_URI = "schema/tree.schema.json"
"""The tree file's JSON Schema: its path in the package, and where the site
publishes it (a stable URL for editors)."""
SCENARIOS_SCHEMA_URI = "schema/scenarios.schema.json"
"""The scenarios file's JSON Schema, in the package and in the site alike."""


@dataclass(frozen=True)
class SitePage:
    """One generated file of the site, its path relative to the docs folder."""

    src_uri: str
    content: str
    edit_uri: str
    """The tree file the page is made from, relative to the docs folder."""
    in_nav: bool
    """Whether the page may stand in the navigation (a tree's start page)."""
    chart: str = ""
    """The page's chart, to put in at `CHART_SLOT` once Markdown is done."""
    blocks: tuple[str, ...] = ()
    """The page's other HTML blocks, to put in at their slots once Markdown is done."""
    late: tuple[str, ...] = ()
    """HTML blocks with nothing for a search index, to put in with the chart."""
    chart_ids: tuple[str, ...] = ()
    """The ids the chart gives the page, known without reading the chart."""

    def markdown(self) -> str:
        """The page as one Markdown text, its chart and HTML blocks in place (for a build that cannot wait)."""
        text = fill_blocks(self.content, self.blocks, self.late)
        return place_chart(text, self.chart) if self.chart else text


@dataclass(frozen=True)
class StaticFile:
    """A file copied as it is into the built site."""

    src_uri: str
    content: bytes


def tree_files(trees_dir: Path) -> list[Path]:
    """Every tree file below `trees_dir`, in a stable order."""
    return sorted(trees_dir.rglob(f"*{TREE_SUFFIX}"))


def shown_path(path: Path, base: Path) -> str:
    """A tree file's path as errors name it: relative to the project, if inside it."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def collect(
    trees_dir: Path,
    *,
    docs_dir: Path,
    lang: str,
    project_dir: Path,
    directory_urls: bool = True,
) -> list[SitePage]:
    """The pages of every tree below `trees_dir`, or every tree error at once.

    A tree's scenarios (`NAME.scenarios.yml` beside it) run as part of it: a
    scenario that fails is an error like any other. Raises `TreeErrors` with
    the errors of all files, so an author sees every broken file in one build
    and nothing is half-built. A relative link in a tree's Markdown texts
    must lead to a file in `docs_dir`, and its anchor to a heading there.
    Texts a tree written in several languages gives only once are logged as
    warnings. The cycle collector waits meanwhile (`collector_paused`).
    """
    with collector_paused():
        return _collect(trees_dir, docs_dir=docs_dir, lang=lang, project_dir=project_dir, directory_urls=directory_urls)


def _collect(trees_dir: Path, *, docs_dir: Path, lang: str, project_dir: Path, directory_urls: bool) -> list[SitePage]:
    errors: list[TreeError] = []
    pages: list[SitePage] = []
    sections: dict[Path, set[str]] = {}
    for path in tree_files(trees_dir):
        shown = shown_path(path, project_dir)
        try:
            reading = read_tree_file(path, langs=(lang,), display_path=shown)
        except TreeErrors as exc:
            errors.extend(exc.errors)
            continue
        tree = reading.trees[lang]
        errors.extend(check_tree_scenarios(reading.in_every_language(lang), path, display_path=shown)[1])
        errors.extend(
            text_link_errors(
                reading,
                path,
                lang=lang,
                docs_dir=docs_dir,
                trees_dir=trees_dir,
                project_dir=project_dir,
                display_path=shown,
                sections=sections,
            )
        )
        for warning in untranslated(reading.plain, reading.languages, shown):
            log.warning(warning.format())
        pages.extend(_tree_pages(tree, path, trees_dir=trees_dir, docs_dir=docs_dir, directory_urls=directory_urls))
    errors.extend(_orphan_scenarios(trees_dir, project_dir))
    if errors:
        raise TreeErrors(sorted(errors))
    return pages


def _tree_pages(tree: Tree, path: Path, *, trees_dir: Path, docs_dir: Path, directory_urls: bool) -> list[SitePage]:
    """The site's pages of one tree, under its folder below `trees_dir`."""
    parent = path.parent.relative_to(trees_dir).as_posix()
    folder = tree.slug if parent == "." else f"{parent}/{tree.slug}"
    edit_uri = Path(os.path.relpath(path, docs_dir)).as_posix()
    return [
        SitePage(
            src_uri=f"{folder}/{page.path}",
            content=page.content,
            edit_uri=edit_uri,
            in_nav=page.path == "index.md",
            chart=page.chart,
            blocks=page.blocks,
            late=page.late,
            chart_ids=chart_ids(tree) if page.chart else (),
        )
        for page in render_pages(tree, folder=folder, directory_urls=directory_urls, apart=True)
    ]


def _orphan_scenarios(trees_dir: Path, project_dir: Path) -> list[TreeError]:
    """An error for each scenarios file with no tree beside it."""
    return [
        TreeError(
            shown_path(orphan, project_dir),
            1,
            1,
            f"there is no tree {tree_file(orphan).name} beside these scenarios; "
            "rename the file after its tree, or remove it",
        )
        for orphan in sorted(trees_dir.rglob(f"*{SCENARIOS_SUFFIX}"))
        if not tree_file(orphan).is_file()
    ]


def static_files() -> list[StaticFile]:
    """The stylesheet, the script and the schemas every site with trees publishes."""
    package = resources.files("decisiontree")
    files = [StaticFile(ASSETS + name, package.joinpath("assets", name).read_bytes()) for name in ASSET_FILES]
    schemas = (SCHEMA_URI, SCENARIOS_SCHEMA_URI)
    files += [StaticFile(uri, package.joinpath(*uri.split("/")).read_bytes()) for uri in schemas]
    return files


PLAIN_TEXT_META = ("title", "description")
"""A tree page's front-matter fields that hold plain text, which Material prints unescaped."""


def escape_meta(meta: dict[str, object]) -> None:
    """Escape, in place, a tree page's plain-text front matter (title, description) for the theme."""
    for key in PLAIN_TEXT_META:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = html.escape(value)


def place_chart(output: str, chart: str) -> str:
    """The finished page with its chart put in where the Markdown held its place."""
    return output.replace(CHART_SLOT, chart, 1)


def place_blocks(html: str, page: SitePage) -> str:
    """The HTML Markdown made of a page, with the page's HTML blocks put in where it held their places."""
    return fill_blocks(html, page.blocks)


def place_late(output: str, page: SitePage) -> str:
    """The finished page with its chart and the blocks a search index has no use for put in."""
    output = fill_blocks(output, late=page.late)
    return place_chart(output, page.chart) if page.chart else output


_ANCHOR = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]+)"')


def anchors(page: SitePage) -> set[str]:
    """The ids that HTML kept apart from Markdown gives its page: links may point at them.

    The chart's ids are known; only the other blocks are searched (a chart is
    most of a page's HTML).
    """
    return {found for part in (*page.blocks, *page.late) for found in _ANCHOR.findall(part)} | set(page.chart_ids)
