"""The views a reader walks: a start page, a page per question and per outcome.

Pages are Markdown with HTML blocks rendered by Jinja (autoescaped), so tree
Markdown (`intro`, `help`, `body`) still goes through the site's Markdown
pipeline while every plain-text field is escaped for HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .chart import Charts
from .links import page_url, rebase_links, root_url
from .model import Outcome, Question, Tree
from .strings import progress, strings_for

ASSETS = "assets/decisiontree/"
"""Where the stylesheet and the script go, relative to the site root."""
INLINE_DATA_LIMIT = 60
"""Up to this many nodes, every page carries the whole tree's data for the script."""
PATHS_SHOWN = 4
"""How many answer paths an outcome page lists before it only counts the rest."""
STEPS_SHOWN = 12
"""How many steps of one path are listed before the middle is shortened."""
CHART_SLOT = "<!-- decisiontree:chart -->"
"""Stands in a page's Markdown for its chart when the chart is kept apart."""


@dataclass(frozen=True)
class PageFile:
    """One generated file, its path relative to the tree's folder."""

    path: str
    content: str
    node: str | None = None
    """The node the page is about; `None` for the start page and data files."""
    chart: str = ""
    """The chart's HTML, when it is kept apart: `content` holds `CHART_SLOT` in its place."""


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("decisiontree", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["json_island"] = json_for_script
    return env


def json_for_script(value: Any) -> Markup:
    """JSON that is safe inside `<script>`: no `<`, `>`, `&` or line separators left raw."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return Markup(text)  # noqa: S704 - escaped above for the script context


_ENV = _environment()


def tree_data(tree: Tree, *, directory_urls: bool) -> dict[str, Any]:
    """What the script needs of the whole tree; node URLs are relative to the start page."""
    nodes: dict[str, Any] = {}
    for node in tree.nodes.values():
        entry: dict[str, Any] = {"t": node.text, "u": page_url(None, node.id, directory_urls=directory_urls)}
        if isinstance(node, Question):
            entry["a"] = [[a.label, a.next] for a in node.answers]
        else:
            entry["s"] = node.summary
        nodes[node.id] = entry
    return {"start": tree.start, "nodes": nodes}


def _front_matter(title: str, tree: Tree, description: str | None = None) -> str:
    """The page title and description (plain text, as in the tree) and the tree the page belongs to.

    The description is what search results and shared links say about the page.
    """
    meta = {"title": title, "decisiontree": tree.slug}
    if description is not None:
        meta["description"] = description
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=10**9, sort_keys=False) + "---\n\n"


def render_pages(tree: Tree, *, folder: str, directory_urls: bool = True, chart_apart: bool = False) -> list[PageFile]:
    """Every page of the tree, plus `tree.json` for the script on large trees.

    `folder` is where the pages go, relative to the site root (the tree file's
    folder plus the tree's name); it only sets the relative URL of the assets.
    With `chart_apart`, each page's chart is returned in `PageFile.chart` and
    the Markdown holds `CHART_SLOT` instead: the chart is finished HTML, and a
    site can put it into the page after Markdown, saving the Markdown parser
    and the search indexer from reading it.
    """
    s = strings_for(tree.lang)
    large = len(tree.nodes) > INLINE_DATA_LIMIT
    data = tree_data(tree, directory_urls=directory_urls)
    common = {
        "tree": tree,
        "s": s,
        "large": large,
    }

    def md(text: str | None) -> Markup | None:
        return Markup(rebase_links(text)) if text else None  # noqa: S704 - tree Markdown is trusted

    def island(source: str | None, kind: str) -> dict[str, Any]:
        start_url = page_url(source, None, directory_urls=directory_urls)
        payload: dict[str, Any] = {
            "tree": tree.slug,
            "version": tree.version,
            "lang": tree.lang,
            "node": source,
            "kind": kind,
            "home": start_url,
            "strings": {k: s[k] for k in _SCRIPT_STRINGS},
        }
        if large:
            payload["src"] = start_url + "tree.json"
        elif kind == "start":  # the start page only highlights a path: where answers lead is enough
            payload["start"] = tree.start
            payload["routes"] = {q.id: [a.next for a in q.answers] for q in tree.questions}
        else:
            payload.update(data)
        return payload

    def assets(source: str | None) -> str:
        return root_url(folder, source, directory_urls=directory_urls) + ASSETS

    def url(source: str | None, target: str | None) -> str:
        return page_url(source, target, directory_urls=directory_urls)

    def slot(figure: Markup) -> Markup:
        return Markup(CHART_SLOT) if chart_apart and figure else figure  # noqa: S704 - a constant

    def apart(figure: Markup) -> str:
        return str(figure) if chart_apart else ""

    charts = Charts(tree, s)
    start_chart = charts.render(None, lambda t: url(None, t))
    pages = [
        PageFile(
            "index.md",
            _front_matter(tree.title, tree)
            + _ENV.get_template("start.md.j2").render(
                **common,
                intro=md(tree.intro),
                start_url=url(None, tree.start),
                outline=_outline(tree, lambda t: url(None, t)),
                outcomes=[(o, url(None, o.id)) for o in tree.outcomes],
                chart=slot(start_chart),
                data=[island(None, "start")],
                assets=assets(None),
            ),
            chart=apart(start_chart),
        )
    ]
    for node in tree.nodes.values():
        here = node.id

        def href(target: str | None, here: str = here) -> str:
            return url(here, target)

        figure = charts.render(here, href)
        if isinstance(node, Question):
            lo, hi = tree.analysis.remaining(here)
            parents = tree.analysis.parents[here]
            content = _ENV.get_template("question.md.j2").render(
                **common,
                node=node,
                help=md(node.help),
                progress=progress(tree.lang, lo, hi),
                answers=[(a, href(a.next)) for a in node.answers],
                back_url=href(parents[0].question if parents else None),
                start_url=href(None),
                chart=slot(figure),
                data=[island(here, "question")],
                assets=assets(here),
            )
        else:
            content = _ENV.get_template("outcome.md.j2").render(
                **common,
                node=node,
                body=md(node.body),
                paths=_paths(tree, node, href),
                start_url=href(None),
                chart=slot(figure),
                data=[island(here, "outcome")],
                assets=assets(here),
            )
        description = node.summary if isinstance(node, Outcome) else node.question
        front = _front_matter(node.text, tree, description)
        pages.append(PageFile(f"{here}.md", front + content, node=here, chart=apart(figure)))
    if large:
        pages.append(PageFile("tree.json", json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"))
    return pages


_SCRIPT_STRINGS = (
    "your_answers",
    "change",
    "change_answer",
    "share",
    "share_lead",
    "copy",
    "copied",
    "print",
    "answered_on",
    "stale",
    "garbled",
    "previous_answer",
    "start_again",
)


@dataclass(frozen=True)
class _OutlineAnswer:
    label: str
    target: str
    target_text: str
    target_is_question: bool
    href: str


def _outline(tree: Tree, href: Any) -> list[tuple[Question, str, list[_OutlineAnswer]]]:
    """Questions in walking order, each with its answers and where they lead."""
    rows = []
    for node_id in tree.analysis.order:
        node = tree.nodes[node_id]
        if isinstance(node, Question):
            answers = [
                _OutlineAnswer(
                    a.label,
                    a.next,
                    tree.nodes[a.next].text,
                    isinstance(tree.nodes[a.next], Question),
                    href(a.next),
                )
                for a in node.answers
            ]
            rows.append((node, href(node_id), answers))
    return rows


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


def _paths(tree: Tree, outcome: Outcome, href: Any) -> _Paths:
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
