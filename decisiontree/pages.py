"""The views a reader walks: a start page, a page per question and per outcome.

Pages are Markdown with HTML blocks rendered by Jinja (autoescaped), so tree
Markdown (`intro`, `help`, `body`) still goes through the site's Markdown
pipeline while every plain-text field is escaped for HTML.

A start page holds the whole chart and the outline of every question and
outcome while they fit in `START_PAGE_BUDGET`. A larger tree's start page
shows the first levels instead, and links to pages of their own: the whole
chart (`whole_chart`) and the outline in parts (`outline_1`, `outline_2`,
...). Their names hold `_`, which no node id can, so they never take a
node's place.

With `apart`, the finished HTML of a page is kept out of its Markdown: the
chart goes to `PageFile.chart` (`CHART_SLOT` marks its place) and every other
HTML block to `PageFile.blocks` (`block_slot(i)` marks each). A site puts
them back once Markdown is done, so that neither the Markdown parser nor
MkDocs' own scan of raw HTML reads them.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml.emitter
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .chart import FIRST_LEVELS, Charts, Place, first_levels
from .links import page_url, rebase_links, root_url
from .model import Outcome, Question, Tree
from .outline import OutlinePart, outline, split_outline
from .pagedata import TREE_JSON, graph_data, inline_data, json_for_script, page_data, tree_json
from .strings import progress, strings_for
from .templating import ENV

ASSETS = "assets/decisiontree/"
"""Where the stylesheet and the script go, relative to the site root."""
START_PAGE_BUDGET = 150_000
"""Bytes of generated page a start page with the whole chart and outline may come to (the theme adds its own)."""
PATHS_SHOWN = 4
"""How many answer paths an outcome page lists before it only counts the rest."""
STEPS_SHOWN = 12
"""How many steps of one path are listed before the middle is shortened."""
CHART_SLOT = "<!-- decisiontree:chart -->"
"""Stands in a page's Markdown for its chart when the chart is kept apart."""
WHOLE_CHART = "whole_chart"
"""The page of a large tree's whole chart, beside its node pages."""
_SLOT = re.compile(r"<!-- decisiontree:(html|late):(\d+) -->")


def block_slot(index: int, *, late: bool = False) -> str:
    """What stands in a page's Markdown for its HTML block `index` when blocks are kept apart.

    `late` blocks hold nothing a search index takes (they are excluded from
    search, or scripts): a site may put them in after the index is made.
    """
    return f"<!-- decisiontree:{'late' if late else 'html'}:{index} -->"


def outline_page(part: int) -> str:
    """The name of the outline's page `part` (from 1), beside the node pages."""
    return f"outline_{part}"


def fill_blocks(text: str, blocks: Sequence[str] | None = None, late: Sequence[str] | None = None) -> str:
    """`text` (a page's Markdown, or the HTML made of it) with the slots of `blocks` and of `late` filled.

    The slots of a kind not given are left as they are.
    """

    def fill(match: re.Match[str]) -> str:
        kept = blocks if match.group(1) == "html" else late
        return match.group(0) if kept is None else kept[int(match.group(2))]

    return _SLOT.sub(fill, text)


@dataclass(frozen=True)
class PageFile:
    """One generated file, its path relative to the tree's folder."""

    path: str
    content: str
    node: str | None = None
    """The node the page is about; `None` for the start page, the whole chart, the outline and data files."""
    chart: str = ""
    """The chart's HTML, when it is kept apart: `content` holds `CHART_SLOT` in its place."""
    blocks: tuple[str, ...] = ()
    """The page's other HTML blocks, when kept apart: `content` holds `block_slot(i)` for each."""
    late: tuple[str, ...] = ()
    """Its HTML blocks that a search index has no use for, when kept apart (`block_slot(i, late=True)`)."""

    def joined(self) -> str:
        """The page as one Markdown text, every part in its place."""
        text = fill_blocks(self.content, self.blocks, self.late)
        return text.replace(CHART_SLOT, self.chart, 1) if self.chart else text


@pass_context
def _apart(context: Context, html: str, *, search: bool = True) -> Markup:
    """A filter block's HTML, or with `apart` a slot for it (the block is collected for the page).

    `search=false` marks a block a search index has no use for.
    """
    kept = context.get("late" if not search else "blocks")
    if kept is None:
        return Markup(html)  # noqa: S704 - rendered with autoescape
    body = str(html)
    end = "\n" if body.endswith("\n") else ""
    kept.append(body.removesuffix("\n"))
    return Markup(block_slot(len(kept) - 1, late=not search) + end)  # noqa: S704 - a constant and a number


ENV.filters["json_island"] = json_for_script
ENV.filters["apart"] = _apart


def _front_matter(title: str, tree: Tree, description: str | None = None) -> str:
    """The page title and description (plain text, as in the tree) and the tree the page belongs to.

    The description is what search results and shared links say about the page.
    """
    meta = {"title": title, "decisiontree": tree.slug}
    if description is not None:
        meta["description"] = description
    scalars = [_yaml_scalar(value) for value in meta.values()]  # what safe_dump writes, without its cost
    if None not in scalars:
        return "---\n" + "".join(f"{key}: {value}\n" for key, value in zip(meta, scalars, strict=True)) + "---\n\n"
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=10**9, sort_keys=False) + "---\n\n"


_WORD = "[A-Za-z0-9\u00c0-\u024f,.;'()!?/&%+=*\"\u2013\u2014\u2026-]"
_PLAIN = re.compile(f"[A-Za-z0-9\u00c0-\u024f]{_WORD}*(?: {_WORD}+)*")
"""Text that YAML writes as it is: no indicator first, no `: ` or ` #`, single spaces inside only."""
_RESOLVER = yaml.resolver.Resolver()


def _plain_yaml(value: str) -> bool:
    """Whether `yaml.safe_dump` writes `value` as a plain scalar: safe characters, and read back as text."""
    resolved = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return bool(_PLAIN.fullmatch(value)) and resolved == _TEXT_TAG


_TEXT_TAG = "tag:yaml.org,2002:str"
_EMITTER = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
"""Only its analysis of a scalar is used: which styles YAML allows for a text."""


def _yaml_scalar(value: str) -> str | None:
    """`value` as `yaml.safe_dump` writes it as a mapping's value: plain where YAML allows it and reads it back
    as text, else in single quotes where allowed; `None` (left to PyYAML) for a line break or an escape."""
    if _plain_yaml(value):
        return value
    analysis = _EMITTER.analyze_scalar(value)
    if analysis.multiline:
        return None
    text = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _TEXT_TAG  # type: ignore[no-untyped-call]
    if text and analysis.allow_block_plain:
        return value
    if analysis.allow_single_quoted:
        return "'" + value.replace("'", "''") + "'"
    return None


def render_pages(tree: Tree, *, folder: str, directory_urls: bool = True, apart: bool = False) -> list[PageFile]:
    """Every page of the tree, plus `tree.json` for the script on large trees.

    `folder` is where the pages go, relative to the site root (the tree file's
    folder plus the tree's name); it only sets the relative URL of the assets.
    With `apart`, each page's chart and HTML blocks are kept out of its
    Markdown (see the module's documentation).
    """
    return _Pages(tree, folder=folder, directory_urls=directory_urls, apart=apart).render()


@dataclass
class _Pages:
    """The pages of one tree, made in one pass; every page's chart comes from one `Charts`."""

    tree: Tree
    folder: str
    directory_urls: bool
    apart: bool
    compact: bool = False
    """Whether the whole chart and the outline have pages of their own."""
    charts: Charts = field(init=False)
    outline_parts: list[OutlinePart] | None = None

    def __post_init__(self) -> None:
        self.s = strings_for(self.tree.lang)
        self.large = not inline_data(self.tree)
        self.graph = graph_data(self.tree, directory_urls=self.directory_urls)
        self.charts = Charts(self.tree, self.s)

    def render(self) -> list[PageFile]:
        start = None if self.large else self.start_page()
        if start is None or len(start.joined().encode()) > START_PAGE_BUDGET:
            self.compact = True
            self.charts = Charts(self.tree, self.s, apart=True)
            start = self.start_page()
        pages = [start, *(self.node_page(node_id) for node_id in self.tree.nodes)]
        if self.compact:
            pages += [self.whole_chart_page(), *self.outline_pages()]
        if self.large:
            pages.append(PageFile(TREE_JSON, tree_json(self.graph)))
        return pages

    # -- links and shared parts --------------------------------------------------------

    def url(self, source: str | None, target: str | None) -> str:
        return page_url(source, target, directory_urls=self.directory_urls)

    def place(self, source: str | None) -> Place:
        """Where a chart on the page `source` links to (`None`: the start page)."""

        def href(target: str | None) -> str:
            return self.url(source, target)

        if self.compact:
            return Place(href, whole=href(WHOLE_CHART), outline=href(outline_page(1)))
        start = "" if source is None else href(None)
        return Place(href, whole=href(None) + "#dt-chart", outline=start + "#dt-outline")

    def page(
        self, path: str, front: str, template: str, chart: Markup | None, page_node: str | None, **values: Any
    ) -> PageFile:
        """A page from its template; with `apart`, its chart and HTML blocks kept out of the Markdown."""
        blocks: list[str] | None = [] if self.apart else None
        late: list[str] | None = [] if self.apart else None
        slot = Markup(CHART_SLOT) if self.apart and chart else chart  # noqa: S704 - a constant
        body = ENV.get_template(template).render(
            tree=self.tree, s=self.s, large=self.large, chart=slot, blocks=blocks, late=late, **values
        )
        kept = str(chart) if self.apart and chart else ""
        return PageFile(
            path, front + body, node=page_node, chart=kept, blocks=tuple(blocks or ()), late=tuple(late or ())
        )

    def script(self, source: str | None, kind: str) -> dict[str, Any]:
        """What the template of page `source` needs for the script: its data (see `pagedata`) and the assets' URL."""
        node = None if kind == "start" else source
        data = page_data(self.tree, kind=kind, node=node, home=self.url(source, None), graph=self.graph)
        return {"data": data, "assets": root_url(self.folder, source, directory_urls=self.directory_urls) + ASSETS}

    def md(self, text: str | None) -> Markup | None:
        return Markup(rebase_links(text)) if text else None  # noqa: S704 - tree Markdown is trusted

    # -- the pages ---------------------------------------------------------------------

    def start_page(self) -> PageFile:
        tree = self.tree
        place = self.place(None)
        if self.compact:
            chart = self.charts.first_levels(place)
            rows = outline(tree, place.href, only=set(first_levels(tree, FIRST_LEVELS)[0]))
            parts = [_Part(part.name, place.href(outline_page(k))) for k, part in self.parts()]
        else:
            chart = self.charts.render(None, place)
            rows, parts = outline(tree, place.href), []
        return self.page(
            "index.md",
            _front_matter(tree.title, tree),
            "start.md.j2",
            chart,
            None,
            **self.script(None, "start"),
            intro=self.md(tree.intro),
            start_url=place.href(tree.start),
            outline=rows,
            outcomes=[] if self.compact else [(o, place.href(o.id)) for o in tree.outcomes],
            parts=parts,
        )

    def node_page(self, here: str) -> PageFile:
        node = self.tree.nodes[here]
        place = self.place(here)
        chart = self.charts.render(here, place)
        front = _front_matter(node.text, self.tree, node.question if isinstance(node, Question) else node.summary)
        kind = "question" if isinstance(node, Question) else "outcome"
        common = {"node": node, "start_url": place.href(None), **self.script(here, kind)}
        if isinstance(node, Question):
            values = self.asking(node, place)
        else:
            values = {"body": self.md(node.body), "paths": _paths(self.tree, node, place.href)}
        return self.page(f"{here}.md", front, f"{kind}.md.j2", chart, here, **common, **values)

    def asking(self, question: Question, place: Place) -> dict[str, Any]:
        """What a question page shows besides its node: help, progress, answers and the way back."""
        lo, hi = self.tree.analysis.remaining(question.id)
        parents = self.tree.analysis.parents[question.id]
        return {
            "help": self.md(question.help),
            "progress": progress(self.tree.lang, lo, hi),
            "answers": [(a, place.href(a.next)) for a in question.answers],
            "back_url": place.href(parents[0].question if parents else None),
        }

    def whole_chart_page(self) -> PageFile:
        tree = self.tree
        place = self.place(WHOLE_CHART)
        heading = self.s["chart_title"].format(title=tree.title)
        return self.page(
            f"{WHOLE_CHART}.md",
            _front_matter(heading, tree),
            "chart.md.j2",
            self.charts.render(None, place),
            None,
            **self.script(WHOLE_CHART, "start"),
            heading=heading,
            start_url=place.href(tree.start),
        )

    def parts(self) -> list[tuple[int, OutlinePart]]:
        """The outline's pages: questions in walking order, then outcomes, a budget's worth on each."""
        if self.outline_parts is None:
            self.outline_parts = split_outline(self.tree, self.s)
        return list(enumerate(self.outline_parts, start=1))

    def outline_pages(self) -> list[PageFile]:
        parts = self.parts()
        return [self.outline_part_page(k, part, last=len(parts)) for k, part in parts]

    def outline_part_page(self, k: int, part: OutlinePart, *, last: int) -> PageFile:
        source = outline_page(k)
        href = functools.partial(self.url, source)
        heading = self.s["outline_page"].format(part=part.name, title=self.tree.title)
        return self.page(
            f"{source}.md",
            _front_matter(heading, self.tree),
            "outline.md.j2",
            None,
            None,
            heading=part.name,
            home_url=href(None),
            previous=href(outline_page(k - 1)) if k > 1 else None,
            next=href(outline_page(k + 1)) if k < last else None,
            first=part.first,
            outline=outline(self.tree, href, only=set(part.questions)) if part.questions else [],
            outcomes=[(self.tree.nodes[o], href(o)) for o in part.outcomes],
        )


@dataclass(frozen=True)
class _Part:
    name: str
    url: str


@dataclass(frozen=True)
class _PathStep:
    question: str
    answer: str
    why: str | None
    href: str


@dataclass(frozen=True)
class _Paths:
    total: int
    shown: list[list[_PathStep | int]]
    """Each path's steps; an `int` stands for that many steps left out in the middle."""


def _paths(tree: Tree, outcome: Outcome, href: Callable[[str | None], str]) -> _Paths:
    """The first `PATHS_SHOWN` ways to the outcome, each shortened to about `STEPS_SHOWN` steps."""
    total = tree.analysis.path_count[outcome.id]
    shown: list[list[_PathStep | int]] = []
    for path in tree.analysis.paths_to(outcome.id, limit=PATHS_SHOWN):
        steps: list[_PathStep | int] = []
        for step in path:
            q = tree.question(step.question)
            a = q.answers[step.answer - 1]
            steps.append(_PathStep(q.question, a.label, a.why, href(q.id)))
        if len(steps) > STEPS_SHOWN:
            keep = STEPS_SHOWN // 2
            steps = [*steps[:keep], len(steps) - 2 * keep, *steps[-keep:]]
        shown.append(steps)
    return _Paths(total=total, shown=shown)
