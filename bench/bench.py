"""Performance benchmarks: build time, output size, the chart in a browser,
page weight and Lighthouse scores. Run by `make bench`; not part of `make test`.

Every figure comes from this run. The table goes to stdout and, between the
markers `<!-- bench:start -->` and `<!-- bench:end -->`, into the performance
page of each language (docs/en/performance.md, docs/nl/performance.md).

- Build time, against a fair baseline: a copy of this site (English) with a
  synthetic tree of 100, 1,000 and 10,000 nodes, beside the same copy with as
  many hand-written Markdown pages holding the same visible texts (question,
  help text, answers; outcome, summary, body), out of the navigation like
  the generated pages, built with the same configuration and Markdown
  extensions. No chart on the hand-written pages: an author who wanted one
  would link a single image. Builds alternate between the two; the median
  of three runs of `mkdocs build -q` is compared. The load average of the
  machine before and after is part of the table.
- Output size: the built site, the start page, the largest question or
  outcome page, the page of the whole chart, the largest page of the outline.
- Chart in the browser: headless Chromium, from navigation start to the
  first animation frame in which the whole chart is in the page with a size
  and the script has installed itself; the same tree drawn by Mermaid 11
  (installed with npm into a temporary folder) through Material's Mermaid
  support, to the first frame in which Material has put the rendered diagram
  in the page with a size.
- Page weight and Lighthouse: the real site, built by this script, served
  with gzip by a small server on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import gzip
import http.server
import json
import mimetypes
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from decisiontree import Question, load_tree, parse_tree
from decisiontree.chart import Charts, Place
from decisiontree.collector import collector_paused
from decisiontree.pages import render_pages
from decisiontree.strings import strings_for

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser settings and tree generators the tests use

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from treegen import PAGE_LIMIT, START_LIMIT, balanced  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
PAGES = {"en": ROOT / "docs" / "en" / "performance.md", "nl": ROOT / "docs" / "nl" / "performance.md"}
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

SIZES = (100, 1_000, 10_000)
BUILDS = 3
"""Builds per site and size; the median counts."""
CHART_SIZES = (100, 1_000)
MERMAID = "mermaid@11.17.2"
LIGHTHOUSE = "lighthouse@12.2.3"
LIGHTHOUSE_FLAGS = "--headless --no-sandbox --disable-gpu"
MERMAID_LIMITS = {"maxEdges": 100_000, "maxTextSize": 10_000_000}
"""Mermaid refuses more than 500 edges and 50,000 characters by default."""

RATIO_LIMIT = 1.10
"""Largest build time of the site with a tree over that of the same site with the same texts written by hand."""
LINEAR_MARGIN = 1.1
"""Growth counts as linear up to this much more than the growth of the tree."""
GROWTH_LIMIT = 10 * LINEAR_MARGIN
"""Largest build time at 10,000 nodes over that at 1,000."""
LIGHTHOUSE_TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# -- the site with a synthetic tree, and the same site with the texts written by hand -----


FOLDER = "self-assessment/synthetic"
"""Where the synthetic tree's pages go in the copy of the site (beside the real trees)."""
SITE_PARTS = ("mkdocs.yml", "overrides", "hooks")


def site_copy(root: Path) -> Path:
    """This site's English half (configuration, pages, theme overrides, hooks), copied to `root`."""
    root.mkdir(parents=True)
    for name in SITE_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy(source, root / name)
    shutil.copytree(ROOT / "docs" / "en", root / "docs" / "en")
    return root


def tree_site(root: Path, text: str) -> Path:
    """The site with one more tree, whose pages the hook makes (only its start page may stand in a nav)."""
    site_copy(root)
    (root / "docs" / "en" / f"{FOLDER}.tree.yml").write_text(text, encoding="utf-8")
    return root


def fair_pages(text: str) -> dict[str, str]:
    """The pages of a tree written by hand: each page's visible texts, as Markdown, without a chart.

    A start page with the title and a link to the first question; a page per
    question with the question, its help text and its answers as links; a
    page per outcome with the outcome, its summary and its body.
    """
    tree = parse_tree(text, "synthetic.tree.yml", lang="en")
    intro = f"{tree.intro}\n\n" if tree.intro else ""
    pages = {"index.md": f"# {tree.title}\n\n{intro}[Begin with the first question]({tree.start}.md)\n"}
    for node in tree.nodes.values():
        if isinstance(node, Question):
            help_text = f"{node.help}\n\n" if node.help else ""
            answers = "".join(f"- [{a.label}]({a.next}.md)\n" for a in node.answers)
            pages[f"{node.id}.md"] = f"# {node.question}\n\n{help_text}{answers}"
        else:
            body = f"\n{node.body}\n" if node.body else ""
            pages[f"{node.id}.md"] = f"# {node.outcome}\n\n{node.summary}\n{body}"
    return pages


def baseline_site(root: Path, text: str) -> Path:
    """The same site with the tree's texts written by hand, out of the navigation like the tree's pages."""
    site_copy(root)
    folder = root / "docs" / "en" / FOLDER
    folder.mkdir(parents=True)
    for name, content in fair_pages(text).items():
        (folder / name).write_text(content, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"not_in_nav: |\n  /{FOLDER}/*.md\n", encoding="utf-8")
    return root


@dataclass
class Timing:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User and system time of the build process."""

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def build(root: Path, timing: Timing | None = None) -> Path:
    """`mkdocs build -q` in `root`, timed; the site folder is removed first, untimed."""
    shutil.rmtree(root / "site", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [str(MKDOCS), "build", "-q"], cwd=root, env=ENV, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise RuntimeError(f"mkdocs build failed in a bench site:\n{result.stderr[-2000:]}")
    if timing is not None:
        timing.wall.append(wall)
        timing.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return root / "site"


@dataclass
class Output:
    site: int
    start: int
    largest: int
    largest_page: str
    chart: int
    """The page of the whole chart (0 when the start page holds it)."""
    outline: int
    """The largest page of the outline (0 when the start page holds it)."""


def output_size(site: Path, folder: str = FOLDER) -> Output:
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    start = (site / folder / "index.html").stat().st_size
    pages = {p.parent.name: p.stat().st_size for p in (site / folder).glob("*/index.html")}
    nodes = {name: size for name, size in pages.items() if "_" not in name}  # no node id holds `_`
    largest = max(nodes, key=nodes.__getitem__)
    outline = max((size for name, size in pages.items() if name.startswith("outline_")), default=0)
    return Output(total, start, nodes[largest], largest, pages.get("whole_chart", 0), outline)


@dataclass
class Scale:
    nodes: int
    tree: Timing
    baseline: Timing
    output: Output
    baseline_site: int
    engine: Engine

    @property
    def ratio(self) -> float:
        return self.tree.median / self.baseline.median

    @property
    def ratio_cpu(self) -> float:
        return self.tree.median_cpu / self.baseline.median_cpu

    @property
    def allowance(self) -> float:
        """The CPU time the ratio target leaves the tree: what it may cost beyond the hand-written build."""
        return (RATIO_LIMIT - 1) * self.baseline.median_cpu


@dataclass
class Engine:
    """The engine's CPU time for the synthetic tree, outside MkDocs: the best of a few runs."""

    pages: float
    """Every page of the tree made (`render_pages`), charts included."""
    charts: float
    """The charts of those pages alone: each question's and outcome's, and the whole chart."""


def measure_engine(text: str, runs: int) -> Engine:
    """How long the engine takes to make the tree's pages, and how much of that is their charts.

    The charts are drawn by the same `Charts` the pages use, for every node
    and for the whole tree, in one language; the time is the process's CPU
    time, best of `runs`, with the garbage collector run before each and
    paused during each, as the build pauses it while the pages are made.
    """
    tree = parse_tree(text, "synthetic.tree.yml", lang="en")
    strings = strings_for("en")

    def href(target: str | None) -> str:
        return f"../{target}/" if target else "../"

    place = Place(href, whole="../whole_chart/", outline="../outline_1/")

    def pages() -> None:
        render_pages(tree, folder=FOLDER, apart=True)

    def charts() -> None:
        drawn = Charts(tree, strings, apart=True)
        for node_id in tree.nodes:
            drawn.render(node_id, place)
        drawn.render(None, place)

    return Engine(_best_cpu(pages, runs), _best_cpu(charts, runs))


def _best_cpu(work: Callable[[], None], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        started = time.process_time()
        with collector_paused():
            work()
        best = min(best, time.process_time() - started)
    return best


def measure_scale(work: Path, nodes: int, builds: int) -> tuple[Scale, Path]:
    text = balanced(nodes, real_texts=True)
    tree_root = tree_site(work / f"tree-{nodes}", text)
    base_root = baseline_site(work / f"baseline-{nodes}", text)
    tree, baseline = Timing(), Timing()
    # The two sites take turns, and which goes first alternates (tree, baseline,
    # baseline, tree, ...): a machine that slows down or speeds up during the
    # run then weighs on both alike, not always on the one built second.
    for run in range(builds):
        log(f"{nodes} nodes: build {run + 1} of {builds}")
        pair = ((tree_root, tree), (base_root, baseline))
        for root, timing in pair if run % 2 == 0 else reversed(pair):
            build(root, timing)
        log(f"  tree {tree.wall[-1]:.1f} s, baseline {baseline.wall[-1]:.1f} s")
    base_size = sum(f.stat().st_size for f in (base_root / "site").rglob("*") if f.is_file())
    shutil.rmtree(base_root)
    log(f"{nodes} nodes: the engine alone")
    engine = measure_engine(text, builds)
    return Scale(nodes, tree, baseline, output_size(tree_root / "site"), base_size, engine), tree_root


def chart_site(work: Path, nodes: int) -> Path:
    """A built site with a synthetic tree of `nodes`, for the chart in the browser (not timed)."""
    root = tree_site(work / f"chart-{nodes}", balanced(nodes, real_texts=True))
    build(root)
    return root


# -- a gzip-serving HTTP server on 127.0.0.1 --------------------------------------------


@dataclass
class Sent:
    path: str
    raw: int
    sent: int


class GzipServer:
    """Serves a folder on a free port of 127.0.0.1, gzip-compressing text when
    the client asks for it (level 6, as common web servers do); records what it sent."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sent: list[Sent] = []
        self._cache: dict[Path, bytes] = {}
        self._lock = threading.Lock()
        handler = functools.partial(_GzipHandler, self)
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def compressed(self, path: Path) -> bytes:
        with self._lock:
            if path not in self._cache:
                self._cache[path] = gzip.compress(path.read_bytes(), 6, mtime=0)
            return self._cache[path]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class _GzipHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, owner: GzipServer, *args: Any, **kwargs: Any) -> None:
        self.owner = owner
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        relative = unquote(url.path).lstrip("/")
        path = (self.owner.root / relative).resolve()
        if not path.is_relative_to(self.owner.root.resolve()):
            self._reply(404, b"not found", "text/plain")
            return
        if path.is_dir():
            if not url.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url.path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path /= "index.html"
        if not path.is_file():
            self._reply(404, b"not found", "text/plain")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        raw = path.read_bytes()
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSIBLE)
        body = self.owner.compressed(path) if zipped else raw
        self.owner.sent.append(Sent(url.path, len(raw), len(body)))
        self._reply(200, body, kind, gzipped=zipped)

    def _reply(self, status: int, body: bytes, kind: str, *, gzipped: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def gzip_server(root: Path) -> Iterator[GzipServer]:
    server = GzipServer(root)
    try:
        yield server
    finally:
        server.close()


# -- npm packages, in a temporary folder ----------------------------------------------


def npm_install(folder: Path, *packages: str) -> Path:
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("npm is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(folder), *packages],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"npm install {' '.join(packages)} failed: {result.stderr.strip()[-300:]}")
    return folder / "node_modules"


# -- the chart in the browser ------------------------------------------------------------

# Checked in every animation frame from the start of the document; the first
# frame in which the check holds is the time reported (performance.now() is
# measured from navigation start).
FRAME_PROBE = """
(() => {
  const ready = () => { %s };
  const tick = () => {
    if (window.__benchDrawn === undefined && ready()) window.__benchDrawn = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""
SIZED = "const box = el && el.getBoundingClientRect(); return !!box && box.width > 0 && box.height > 0;"
OWN_CHART_READY = (
    "const el = document.querySelector('.dt-chart svg'); if (!window.__decisiontree) return false; " + SIZED
)
# Material replaces the code block by a new `div.mermaid` host, its diagram in
# a closed shadow root, once mermaid.render() has resolved.
MERMAID_READY = "const el = document.querySelector('div.mermaid'); " + SIZED
OWN_CHART_NODES = "new Set([...document.querySelectorAll('.dt-chart svg [data-node]')].map(e => e.dataset.node)).size"
MERMAID_NODES = "window.__benchMermaidNodes"

MERMAID_LIMITS_SCRIPT = """\
// Material calls mermaid.initialize() with its own settings; these limits
// are added to them so that large diagrams are drawn. The nodes of the
// drawn diagram are counted, to check that the whole tree was drawn.
(function () {
  var initialize = mermaid.initialize;
  var render = mermaid.render;
  mermaid.initialize = function (config) {
    return initialize.call(mermaid, Object.assign({}, config, %s));
  };
  mermaid.render = function () {
    return render.apply(mermaid, arguments).then(function (result) {
      window.__benchMermaidNodes = (result.svg.match(/<g class="node /g) || []).length;
      return result;
    });
  };
})();
"""


def mermaid_site(root: Path, tree_file: Path, modules: Path) -> Path:
    """Material's Mermaid support drawing the tree's Mermaid export, Mermaid served from the site."""
    export = subprocess.run(
        [sys.executable, "-m", "decisiontree", "export", str(tree_file), "--format", "mermaid"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    docs = root / "docs"
    (docs / "js").mkdir(parents=True)
    shutil.copy(modules / "mermaid" / "dist" / "mermaid.min.js", docs / "js" / "mermaid.min.js")
    (docs / "js" / "mermaid-limits.js").write_text(MERMAID_LIMITS_SCRIPT % json.dumps(MERMAID_LIMITS), "utf-8")
    (docs / "index.md").write_text(f"# Synthetic\n\n```mermaid\n{export}```\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: Bench
            theme:
              name: material
              font: false
            extra_javascript:
              - js/mermaid.min.js
              - js/mermaid-limits.js
            markdown_extensions:
              - pymdownx.superfences:
                  custom_fences:
                    - name: mermaid
                      class: mermaid
                      format: !!python/name:pymdownx.superfences.fence_code_format
            """
        ),
        encoding="utf-8",
    )
    return root


def recorded(page: Any) -> list[str]:
    """The URLs a page asks for from now on, filled in as it asks."""
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    return urls


def drawn_after(browser: Any, base: str, path: str, ready: str, count: str, nodes: int, runs: int) -> list[float]:
    """Milliseconds from navigation start to the first frame where `ready` holds, one per fresh context.

    `count` is a script expression for the number of nodes drawn; a chart
    with fewer than `nodes` is an error, not a time.
    """
    times = []
    for _ in range(runs + 1):  # the first load warms the server's gzip cache and is not counted
        context = browser.new_context()
        page = context.new_page()
        requests = recorded(page)
        page.add_init_script(FRAME_PROBE % ready)
        page.goto(base + path, wait_until="commit")
        page.wait_for_function("window.__benchDrawn !== undefined", timeout=600_000, polling=100)
        times.append(float(page.evaluate("window.__benchDrawn")))
        page.wait_for_function(f"({count}) !== undefined", timeout=60_000)
        drawn = int(page.evaluate(count))
        context.close()
        if drawn != nodes:
            raise RuntimeError(f"the chart shows {drawn} of {nodes} nodes")
        foreign = [u for u in requests if not u.startswith((base, "data:"))]
        if foreign:
            raise RuntimeError(f"a page asked another host: {foreign[0]}")
    return times[1:]


@dataclass
class ChartTiming:
    nodes: int
    own: float
    mermaid: float | None
    mermaid_error: str | None = None


def measure_charts(work: Path, trees: dict[int, Path], runs: int) -> list[ChartTiming]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only this part needs a browser

    modules: Path | None = None
    error = None
    try:
        modules = npm_install(work / "npm-mermaid", MERMAID)
    except RuntimeError as exc:
        error = str(exc)
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for nodes, root in sorted(trees.items()):
                whole = f"{FOLDER}/whole_chart/"  # a large tree's whole chart has a page of its own
                path = whole if (root / "site" / whole).is_dir() else f"{FOLDER}/"
                with gzip_server(root / "site") as server:
                    log(f"{nodes} nodes: own chart in the browser")
                    own = statistics.median(
                        drawn_after(browser, server.base, path, OWN_CHART_READY, OWN_CHART_NODES, nodes, runs)
                    )
                drawn, why = None, error
                if modules is not None:
                    tree_file = root / "docs" / "en" / f"{FOLDER}.tree.yml"
                    site = build(mermaid_site(work / f"mermaid-{nodes}", tree_file, modules))
                    with gzip_server(site) as server:
                        log(f"{nodes} nodes: Mermaid in the browser")
                        try:
                            drawn = statistics.median(
                                drawn_after(browser, server.base, "", MERMAID_READY, MERMAID_NODES, nodes, runs)
                            )
                        except Exception as exc:  # a timeout or a refusal is a result to report
                            why = f"Mermaid did not draw the chart: {str(exc).splitlines()[0][:200]}"
                results.append(ChartTiming(nodes, own, drawn, why))
        finally:
            browser.close()
    return results


# -- the real site: page weight and Lighthouse -----------------------------------------


def build_real_site(out: Path, base: str) -> None:
    """The real site, both languages, with the served address as site_url (as when published)."""
    env = {**ENV, "SITE_URL": base, "SITE_URL_NL": base + "nl/"}
    for args in (["-d", str(out)], ["-f", "mkdocs.nl.yml", "-d", str(out / "nl")]):
        result = subprocess.run(
            [str(MKDOCS), "build", "--strict", "-q", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"the real site does not build:\n{result.stderr[-2000:]}")


def sample_pages() -> dict[str, str]:
    """The pages weighed and audited: home, the largest tree's start page, its first question, its first outcome."""
    trees = [load_tree(p, lang="en") for p in sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))]
    tree = max(trees, key=lambda t: len(t.nodes))
    folder = f"self-assessment/{tree.slug}/"
    return {
        "home": "",
        "start": folder,
        "question": f"{folder}{tree.start}/",
        "outcome": f"{folder}{tree.outcomes[0].id}/",
    }


@dataclass
class Weight:
    page: str
    url: str
    requests: int
    raw: int
    gzipped: int


def page_weights(server: GzipServer, pages: dict[str, str]) -> list[Weight]:
    """Every request a page makes in a fresh browser until the network is idle, and the bytes sent."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only this part needs a browser

    weights = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name in ("home", "question", "outcome"):
                context = browser.new_context()
                page = context.new_page()
                requests = recorded(page)
                del server.sent[:]
                page.goto(server.base + pages[name], wait_until="networkidle")
                page.wait_for_timeout(1000)
                context.close()
                local = [u for u in requests if u.startswith(server.base)]
                if len(local) != len(requests):
                    raise RuntimeError(f"{pages[name]} asked another host: {sorted(set(requests) - set(local))}")
                sent = list(server.sent)
                weights.append(
                    Weight(name, pages[name], len(local), sum(s.raw for s in sent), sum(s.sent for s in sent))
                )
        finally:
            browser.close()
    return weights


@dataclass
class Audit:
    page: str
    scores: dict[str, int] = field(default_factory=dict)
    failing: dict[str, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)
    """Per language, then per category below target: the audits that did not
    pass, as (id, title), in Lighthouse's own wording for that language."""
    error: str | None = None


def lighthouse(modules: Path, url: str, out: Path) -> dict[str, Any]:
    node = shutil.which("node") or "node"
    cli = modules / "lighthouse" / "cli" / "index.js"
    result = subprocess.run(
        [
            node,
            str(cli),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={LIGHTHOUSE_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if result.returncode or not out.is_file():
        raise RuntimeError(f"Lighthouse failed: {(result.stderr or result.stdout).strip()[-300:]}")
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse failed: {report['runtimeError'].get('message', '')[:300]}")
    return report


# Lighthouse runs in English; its own translations (titles, and values such as
# "1,8 s" in Dutch) are swapped into a copy of the report for the other pages.
SWAP_LOCALE = """
import {readFileSync, writeFileSync} from 'node:fs';
const {swapLocale} = await import(process.argv[1]);
const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
writeFileSync(process.argv[3], JSON.stringify(swapLocale(report, process.argv[4]).lhr));
"""


def relocalized(modules: Path, report: Path, lang: str) -> dict[str, Any]:
    """The Lighthouse report at `report` with its texts in `lang`."""
    if lang == "en":
        return dict(json.loads(report.read_text(encoding="utf-8")))
    node = shutil.which("node") or "node"
    swap = (modules / "lighthouse" / "shared" / "localization" / "swap-locale.js").as_uri()
    out = report.with_suffix(f".{lang}.json")
    result = subprocess.run(
        [node, "--input-type=module", "-e", SWAP_LOCALE, swap, str(report), str(out), lang],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if result.returncode or not out.is_file():
        raise RuntimeError(f"Lighthouse could not translate its report: {result.stderr.strip()[-300:]}")
    return dict(json.loads(out.read_text(encoding="utf-8")))


METRICS: dict[str, dict[str, str]] = {
    "nl": {
        "first-contentful-paint": "eerste inhoud in beeld",
        "largest-contentful-paint": "grootste element in beeld",
        "speed-index": "snelheidsindex",
        "total-blocking-time": "totale blokkeertijd",
        "cumulative-layout-shift": "verschuiving van de opmaak",
        "interactive": "tijd tot interactief",
        "max-potential-fid": "langst mogelijke wachttijd bij de eerste invoer",
    },
}
"""Lighthouse's Dutch report keeps the names of its metrics in English
("First Contentful Paint"); the Dutch page says what they measure, next to
the audit's id."""


def after_colon(text: str, lang: str) -> str:
    """Lighthouse's value as it reads after a colon: Dutch starts it with a
    small letter ("potentiële besparing"), unless it starts with an
    abbreviation."""
    if lang == "nl" and text[:1].isupper() and text[1:2].islower():
        return text[0].lower() + text[1:]
    return text


def failing_audits(report: dict[str, Any], category: str, lang: str = "en") -> list[tuple[str, str]]:
    """Audits of a category that count towards its score and did not pass
    fully, and (for performance) the diagnostics Lighthouse marks as failed;
    as (id, title with the measured value or the first offending items), in
    the report's language, metrics named as `lang` names them."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        score = audit.get("score")
        if score is None or audit.get("scoreDisplayMode") in {"notApplicable", "manual", "informative"}:
            continue
        if (ref.get("weight", 0) > 0 and score < 1) or (category == "performance" and score < 0.5):
            title = METRICS.get(lang, {}).get(ref["id"]) or str(audit.get("title", ""))
            if audit.get("displayValue"):
                title += f": {after_colon(str(audit['displayValue']), lang)}"
            items = [_item(i) for i in (audit.get("details") or {}).get("items", [])[:3]]
            if category != "performance" and any(items):
                title += ": " + ", ".join(i for i in items if i)
            found.append((ref["id"], title))
    return found


def _item(item: dict[str, Any]) -> str:
    """An offending element as the report names it: a link's text, a CSS rule
    and its font size, or the element's selector."""
    if item.get("text"):
        return f"“{item['text']}”"
    if isinstance(item.get("selector"), str) and item["selector"]:
        return f"`{item['selector']}` {item.get('fontSize', '')}".strip()
    node = item.get("node") or {}
    return f"`{node['selector']}`" if node.get("selector") else ""


def measure_lighthouse(work: Path, base: str, pages: dict[str, str], runs: int) -> list[Audit]:
    try:
        modules = npm_install(work / "npm-lighthouse", LIGHTHOUSE)
    except RuntimeError as exc:
        return [Audit(name, error=str(exc)) for name in pages]
    audits = []
    for name, path in pages.items():
        audit = Audit(name)
        reports = []
        try:
            for run in range(runs):
                log(f"Lighthouse: {name} page, run {run + 1} of {runs}")
                out = work / f"lighthouse-{name}-{run}.json"
                reports.append((lighthouse(modules, base + path, out), out))
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            audit.error = str(exc).splitlines()[0][:300]
            audits.append(audit)
            continue
        # The run with the median performance score stands for the page.
        reports.sort(key=lambda r: r[0]["categories"]["performance"]["score"] or 0)
        report, out = reports[len(reports) // 2]
        below = []
        for category, target in LIGHTHOUSE_TARGETS.items():
            score = round(100 * (report["categories"][category]["score"] or 0))
            audit.scores[category] = score
            if score < target:
                below.append(category)
        for lang in PAGES:
            try:
                localized = relocalized(modules, out, lang)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                log(f"{exc}; the {lang} page lists the audits in English")
                localized = report
            audit.failing[lang] = {category: failing_audits(localized, category, lang) for category in below}
        audits.append(audit)
    return audits


# -- the table ----------------------------------------------------------------------------


@dataclass
class Results:
    runs: int
    lighthouse_runs: int
    versions: str
    cpus: int
    scales: list[Scale]
    charts: list[ChartTiming]
    chart_error: str | None
    weights: list[Weight]
    audits: list[Audit]
    minutes: float
    load: tuple[float, float]
    """The machine's load average (one minute) before the first build and after the last."""


WORDS: dict[str, dict[str, str]] = {
    "en": {
        "head": "| Measure | Case | Measured | Target | Result |",
        "met": "met",
        "missed": "**missed**",
        "nodes": "{n} nodes",
        "build_tree": "Build, this site with a tree (median wall time; CPU)",
        "build": "{n} build",
        "builds": "{n} builds",
        "build_base": "Build, this site with the same texts on hand-written pages (median wall time; CPU)",
        "ratio": "Build time, tree ÷ hand-written (wall; CPU)",
        "growth": "Build time, 10,000 ÷ 1,000 nodes (wall; CPU)",
        "engine": "The tree's pages made by the engine alone, outside MkDocs (CPU, best of the builds' count): "
        "all pages; their charts alone",
        "allowance": "CPU time the ratio target leaves for the tree: 0.10 × the hand-written build",
        "tree_site": "site with a tree",
        "site": "Site size (tree; hand-written)",
        "start": "Start page (HTML)",
        "largest": "Largest question or outcome page (HTML)",
        "whole": "Page of the whole chart (HTML)",
        "outline": "Largest page of the outline (HTML)",
        "own": "Chart drawn and interactive: this site's chart",
        "mermaid": "Chart drawn: Mermaid 11 via Material",
        "vs": "Mermaid ÷ this site's chart",
        "weight": "Page weight, {page} page: requests; bytes (gzip)",
        "home": "home",
        "question": "question",
        "outcome": "outcome",
        "start_page": "tree start",
        "lighthouse": "Lighthouse (mobile), {page} page: performance, accessibility, best practices, SEO",
        "not_run": "not measured: {why}",
        "failing": "Audits that did not pass, by page and category:",
        "cpus": "{n} CPUs",
        "lead": "Measured by `make bench` ({minutes} min): {versions}. "
        "Load average {before} before the builds, {after} after. "
        "Browser times: median of {runs} loads; "
        "Lighthouse: the run with the median performance score of {lh} per page. "
        "1 KB = 1,000 bytes.",
        "limits": "Mermaid's limits raised for the bench: {limits}.",
    },
    "nl": {
        "head": "| Meting | Geval | Gemeten | Doel | Uitkomst |",
        "met": "gehaald",
        "missed": "**niet gehaald**",
        "nodes": "{n} knopen",
        "build_tree": "Bouwen, deze site met een boom (mediaan kloktijd; CPU)",
        "build": "{n} keer gebouwd",
        "builds": "{n} keer gebouwd",
        "build_base": "Bouwen, deze site met dezelfde teksten op handgeschreven pagina's (mediaan kloktijd; CPU)",
        "ratio": "Bouwtijd, boom ÷ handgeschreven (kloktijd; CPU)",
        "growth": "Bouwtijd, 10.000 ÷ 1.000 knopen (kloktijd; CPU)",
        "engine": "De pagina's van de boom, gemaakt door alleen de engine, buiten MkDocs "
        "(CPU, de beste van evenveel keer als er gebouwd is): alle pagina's; alleen hun schema's",
        "allowance": "CPU-tijd die het doel voor de verhouding de boom laat: 0,10 × het handgeschreven bouwen",
        "tree_site": "site met boom",
        "site": "Omvang site (boom; handgeschreven)",
        "start": "Startpagina (HTML)",
        "largest": "Grootste vraag- of uitkomstpagina (HTML)",
        "whole": "Pagina met het hele stroomschema (HTML)",
        "outline": "Grootste pagina van het overzicht (HTML)",
        "own": "Schema getekend en bruikbaar: het schema van deze site",
        "mermaid": "Schema getekend: Mermaid 11 via Material",
        "vs": "Mermaid ÷ schema van deze site",
        "weight": "Paginagewicht, {page}: verzoeken; bytes (gzip)",
        "home": "startpagina van de site",
        "question": "vraagpagina",
        "outcome": "uitkomstpagina",
        "start_page": "startpagina van een zelftest",
        "lighthouse": "Lighthouse (mobiel), {page}: prestaties, toegankelijkheid, praktische tips, SEO",
        "not_run": "niet gemeten: {why}",
        "failing": "Controles van Lighthouse die niet slaagden, per pagina en categorie:",
        "linear": "groeit in gelijke pas met de boom",
        "linear_limit": "≤ {limit}× de pagina bij {n} knopen",
        "times": "{growth}× de pagina bij {n} knopen",
        "cpus": "{n} CPU's",
        "lead": "Gemeten met `make bench` ({minutes} min): {versions}. "
        "Belasting (load average) {before} voor het bouwen, {after} erna. "
        "Tijden in de browser: mediaan van {runs} keer laden; "
        "Lighthouse: van {lh} runs per pagina telt die met de middelste prestatiescore. "
        "1 KB = 1.000 bytes.",
        "limits": "Voor de meting zijn de limieten van Mermaid verhoogd: {limits}.",
    },
}


CATEGORIES = {
    "en": {"performance": "performance", "accessibility": "accessibility", "best-practices": "best practices"},
    "nl": {"performance": "prestaties", "accessibility": "toegankelijkheid", "best-practices": "praktische tips"},
}
"""Lighthouse's category names, where a language names them differently from the id
(in Dutch as Lighthouse's own Dutch report names them)."""


def number(value: float, digits: int, lang: str) -> str:
    text = f"{value:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "nl" else text


def kb(size: int, lang: str) -> str:
    if size >= 1_000_000:
        return number(size / 1_000_000, 1, lang) + " MB"
    return number(size / 1000, 1, lang) + " KB"


def seconds(value: float, lang: str, digits: int = 1) -> str:
    return number(value, digits, lang) + " s"


def verdict(ok: bool, lang: str) -> str:
    return WORDS[lang]["met"] if ok else WORDS[lang]["missed"]


Row = tuple[str, str, str, str, str]
"""A row of the results table: what, at which size, the figure, the limit, met or missed."""


def table(r: Results, lang: str) -> str:
    rows = _timing_rows(r, lang) + _size_rows(r, lang) + _chart_rows(r, lang) + _weight_rows(r, lang)
    rows += _audit_rows(r, lang)
    return _table_text(r, lang, rows)


def _page_names(lang: str) -> dict[str, str]:
    w = WORDS[lang]
    return {"home": w["home"], "start": w["start_page"], "question": w["question"], "outcome": w["outcome"]}


def _builds(n: int, lang: str) -> str:
    return WORDS[lang]["build" if n == 1 else "builds"].format(n=number(n, 0, lang))


def _nodes(n: int, lang: str) -> str:
    return WORDS[lang]["nodes"].format(n=number(n, 0, lang))


def _timing_rows(r: Results, lang: str) -> list[Row]:
    """Build times, tree site against a site without trees, and their growth."""
    w = WORDS[lang]
    rows: list[Row] = []
    for s in r.scales:
        rows.append(
            (
                w["build_tree"],
                f"{_nodes(s.nodes, lang)}, " + _builds(len(s.tree.wall), lang),
                f"{seconds(s.tree.median, lang)}; {seconds(s.tree.median_cpu, lang)}",
                "",
                "",
            )
        )
        rows.append(
            (
                w["build_base"],
                f"{_nodes(s.nodes, lang)}, " + _builds(len(s.baseline.wall), lang),
                f"{seconds(s.baseline.median, lang)}; {seconds(s.baseline.median_cpu, lang)}",
                "",
                "",
            )
        )
        rows.append(
            (
                w["ratio"],
                _nodes(s.nodes, lang),
                f"{number(s.ratio, 3, lang)}; {number(s.ratio_cpu, 3, lang)}",
                f"≤ {number(RATIO_LIMIT, 2, lang)}",
                verdict(s.ratio <= RATIO_LIMIT, lang),
            )
        )
        rows.append(
            (
                w["engine"],
                _nodes(s.nodes, lang),
                f"{seconds(s.engine.pages, lang, 2)}; {seconds(s.engine.charts, lang, 2)}",
                "",
                "",
            )
        )
        rows.append((w["allowance"], _nodes(s.nodes, lang), seconds(s.allowance, lang, 2), "", ""))
    by_size = {s.nodes: s for s in r.scales}
    if 1_000 in by_size and 10_000 in by_size:
        small, large = by_size[1_000], by_size[10_000]
        growth = large.tree.median / small.tree.median
        growth_cpu = large.tree.median_cpu / small.tree.median_cpu
        rows.append(
            (
                w["growth"],
                w["tree_site"],
                f"{number(growth, 2, lang)}×; {number(growth_cpu, 2, lang)}×",
                f"≤ {number(GROWTH_LIMIT, 0, lang)}×",
                verdict(growth <= GROWTH_LIMIT, lang),
            )
        )
    return rows


def _size_rows(r: Results, lang: str) -> list[Row]:
    """What the build weighs: the site, the start page, the largest page."""
    w = WORDS[lang]
    rows: list[Row] = []
    for s in r.scales:
        rows.append(
            (w["site"], _nodes(s.nodes, lang), f"{kb(s.output.site, lang)}; {kb(s.baseline_site, lang)}", "", "")
        )
    for s in r.scales:
        rows.append(
            (
                w["start"],
                _nodes(s.nodes, lang),
                kb(s.output.start, lang),
                f"≤ {number(START_LIMIT / 1000, 0, lang)} KB",
                verdict(s.output.start <= START_LIMIT, lang),
            )
        )
    for s in r.scales:
        rows.append(
            (
                w["largest"],
                _nodes(s.nodes, lang),
                f"{kb(s.output.largest, lang)} (`{s.output.largest_page}`)",
                f"≤ {number(PAGE_LIMIT / 1000, 0, lang)} KB",
                verdict(s.output.largest <= PAGE_LIMIT, lang),
            )
        )
    for s in r.scales:
        if s.output.chart:
            rows.append((w["whole"], _nodes(s.nodes, lang), kb(s.output.chart, lang), "", ""))
        if s.output.outline:
            rows.append((w["outline"], _nodes(s.nodes, lang), kb(s.output.outline, lang), "", ""))
    return rows


def _chart_rows(r: Results, lang: str) -> list[Row]:
    """The chart's own size and drawing time, beside Mermaid's."""
    w = WORDS[lang]
    rows: list[Row] = []
    if r.chart_error and not r.charts:
        rows.append((w["own"], "", w["not_run"].format(why=r.chart_error), "", ""))
    for c in r.charts:
        rows.append((w["own"], _nodes(c.nodes, lang), f"{number(c.own, 0, lang)} ms", "", ""))
        if c.mermaid is None:
            rows.append((w["mermaid"], _nodes(c.nodes, lang), w["not_run"].format(why=c.mermaid_error), "", ""))
        else:
            rows.append((w["mermaid"], _nodes(c.nodes, lang), f"{number(c.mermaid, 0, lang)} ms", "", ""))
            rows.append((w["vs"], _nodes(c.nodes, lang), f"{number(c.mermaid / c.own, 1, lang)}×", "", ""))
    return rows


def _weight_rows(r: Results, lang: str) -> list[Row]:
    """What a reader's browser loads per page."""
    w = WORDS[lang]
    rows: list[Row] = []
    for weight in r.weights:
        rows.append(
            (
                w["weight"].format(page=w[weight.page]),
                f"`/{weight.url}`",
                f"{weight.requests}; {kb(weight.raw, lang)} ({kb(weight.gzipped, lang)})",
                "",
                "",
            )
        )
    return rows


def _audit_rows(r: Results, lang: str) -> list[Row]:
    """Lighthouse's scores per page, against the targets."""
    w = WORDS[lang]
    rows: list[Row] = []
    names = _page_names(lang)
    target = " · ".join(f"≥ {t}" if t < 100 else str(t) for t in LIGHTHOUSE_TARGETS.values())
    for a in r.audits:
        label = w["lighthouse"].format(page=names[a.page])
        if a.error:
            rows.append((label, "", w["not_run"].format(why=a.error), target, ""))
            continue
        scores = " · ".join(str(a.scores[c]) for c in LIGHTHOUSE_TARGETS)
        missed = [c for c, t in LIGHTHOUSE_TARGETS.items() if a.scores[c] < t]
        rows.append((label, "", scores, target, verdict(not missed, lang)))
    return rows


def _table_text(r: Results, lang: str, rows: list[Row]) -> str:
    w = WORDS[lang]
    names = _page_names(lang)
    lines = [
        w["lead"].format(
            minutes=number(max(1, r.minutes), 0, lang),
            versions=f"{r.versions}, " + w["cpus"].format(n=r.cpus),
            before=number(r.load[0], 2, lang),
            after=number(r.load[1], 2, lang),
            runs=r.runs,
            lh=r.lighthouse_runs,
        ),
        "",
    ]
    lines += [w["head"], "| --- | --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    failing = [(a, c, audits) for a in r.audits for c, audits in a.failing.get(lang, {}).items()]
    if failing:
        lines += ["", w["failing"], ""]
        for a, category, audits in failing:
            listed = "; ".join(f"`{i}` ({title})" for i, title in audits) or "—"
            lines.append(
                f"- {names[a.page]}, {CATEGORIES[lang].get(category, category.upper())} {a.scores[category]}: {listed}"
            )
    if r.charts:
        lines += ["", w["limits"].format(limits=", ".join(f"`{k}: {v}`" for k, v in MERMAID_LIMITS.items()))]
    return "\n".join(lines) + "\n"


def write_table(path: Path, text: str) -> None:
    page = path.read_text(encoding="utf-8")
    before, start, rest = page.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise RuntimeError(f"{path.name} has no {START} … {END} markers")
    path.write_text(f"{before}{START}\n{text}{END}{after}", encoding="utf-8")


# -- running it ----------------------------------------------------------------------------


def versions() -> str:
    import material  # noqa: PLC0415
    import mkdocs  # noqa: PLC0415

    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout.split()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    parts = [
        f"MkDocs {mkdocs.__version__}",
        f"Material {material.__version__}",
        f"Python {sys.version.split()[0]}",
        " ".join(chromium[:2]),
        f"Node {node.lstrip('v')}",
        f"Mermaid {MERMAID.split('@')[1]}",
        f"Lighthouse {LIGHTHOUSE.split('@')[1]}",
    ]
    return ", ".join(p for p in parts if p.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], prog="bench/bench.py")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="tree sizes to build")
    parser.add_argument("--builds", type=int, default=BUILDS, help=f"builds per site (default {BUILDS})")
    parser.add_argument("--runs", type=int, default=5, help="browser loads per chart (default 5)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page (default 5)")
    parser.add_argument("--no-browser", action="store_true", help="builds and sizes only: no browser, no Lighthouse")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave the pages alone")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        scales, roots = [], {}
        before = os.getloadavg()[0]
        for nodes in args.sizes:
            scale, root = measure_scale(work, nodes, args.builds)
            scales.append(scale)
            if nodes in CHART_SIZES and not args.no_browser:
                roots[nodes] = root
            else:
                shutil.rmtree(root)
        after = os.getloadavg()[0]
        charts, chart_error, weights, audits = browser_measures(work, roots, args)
        results = Results(
            runs=args.runs,
            lighthouse_runs=args.lighthouse_runs,
            versions=versions(),
            cpus=os.cpu_count() or 1,
            scales=scales,
            charts=charts,
            chart_error=chart_error,
            weights=weights,
            audits=audits,
            minutes=(time.perf_counter() - began) / 60,
            load=(before, after),
        )
    tables = {lang: table(results, lang) for lang in PAGES}
    print(tables["en"])
    if not args.no_write:
        for lang, path in PAGES.items():
            write_table(path, tables[lang])
            log(f"table written to docs/{lang}/{path.name}")
    return 0


def browser_measures(
    work: Path, roots: dict[int, Path], args: argparse.Namespace
) -> tuple[list[ChartTiming], str | None, list[Weight], list[Audit]]:
    """The chart in the browser, page weight and Lighthouse; nothing with `--no-browser`."""
    if args.no_browser:
        return [], None, [], []
    for nodes in CHART_SIZES:
        if nodes not in roots:
            roots[nodes] = chart_site(work, nodes)
    charts: list[ChartTiming] = []
    chart_error = None
    try:
        charts = measure_charts(work, roots, args.runs)
    except Exception as exc:  # the rest of the bench still runs; the table says why
        chart_error = str(exc).splitlines()[0][:300]
    for root in roots.values():
        shutil.rmtree(root, ignore_errors=True)
    real = work / "real-site"
    real.mkdir()
    pages = sample_pages()
    with gzip_server(real) as server:
        log("building the real site")
        build_real_site(real, server.base)
        weights = page_weights(server, pages)
        audits = measure_lighthouse(work, server.base, pages, args.lighthouse_runs)
    return charts, chart_error, weights, audits


if __name__ == "__main__":
    sys.exit(main())
