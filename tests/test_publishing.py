"""Publishing: the workflow that deploys the site, the 404 pages, and what a
shared link to a page shows.

The workflow files are checked against GitHub's own workflow schema (the one
`check-jsonschema` ships) and against the README: CI runs the commands a
reader runs. The built pages are read from the real site, built once per test
session, with `html.parser` as a browser reads them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from decisiontree import Outcome, Question, Tree, load_tree

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
TREES = sorted((ROOT / "docs" / "en" / "self-assessment").glob("*.tree.yml"))
LANGUAGES = {"en": ("mkdocs.yml", ""), "nl": ("mkdocs.nl.yml", "nl/")}
"""Each language's configuration and its folder in the built site."""
NOT_FOUND_TITLES = {"en": "Page not found", "nl": "Pagina niet gevonden"}


# -- the workflow -------------------------------------------------------------------


def check_workflows(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def workflows() -> list[dict[str, Any]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in workflow_files()]


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_workflow_file_is_valid_for_github() -> None:
    assert workflow_files(), "no workflow in .github/workflows"
    result = check_workflows(*workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_check_rejects_a_job_without_a_runner(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: make test\n", encoding="utf-8")
    result = check_workflows(broken)
    assert result.returncode == 1
    assert "'runs-on' is a required property" in result.stdout


def test_the_workflow_runs_the_commands_the_readme_gives() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shell = [block.split("\n", 1)[1] for block in readme.split("```")[1::2] if block.startswith("sh\n")]
    commands = {line.split("#")[0].strip() for block in shell for line in block.splitlines()}
    runs = [step["run"].strip() for workflow in workflows() for step in steps(workflow) if "run" in step]
    assert "make test" in runs
    assert "make build" in runs
    assert [run for run in runs if run not in commands] == []


def test_every_action_is_pinned_to_a_commit() -> None:
    used = [step["uses"] for workflow in workflows() for step in steps(workflow) if "uses" in step]
    assert used
    assert [use for use in used if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use)] == []


def test_only_a_job_that_runs_no_project_code_may_publish() -> None:
    for workflow in workflows():
        assert workflow["permissions"] == {}, "the token gets nothing unless a job asks"
        for name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            assert set(granted) <= {"contents", "pages", "id-token"}, name
            assert granted.get("contents", "read") == "read", name
            if "write" in granted.values():
                assert [step for step in job["steps"] if "run" in step] == [], name


def test_both_languages_are_built_for_the_pages_address() -> None:
    for workflow in workflows():
        for job in workflow["jobs"].values():
            pages = [s["id"] for s in job.get("steps", []) if s.get("uses", "").startswith("actions/configure-pages@")]
            for step in job.get("steps", []):
                if step.get("run") == "make build":
                    address = "${{ steps." + pages[0] + ".outputs.base_url }}"
                    assert step["env"] == {"SITE_URL": address + "/", "SITE_URL_NL": address + "/nl/"}


# -- reading the built pages ----------------------------------------------------------


class Page(HTMLParser):
    """What a page says about itself, its links, and the text of its elements by tag."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.links: list[tuple[str, str | None, bool]] = []
        """Every href and src, with the nearest `lang` around it and whether it is in the content."""
        self.texts: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None, list[str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "meta" and (a.get("property") or a.get("name")) and a.get("content") is not None:
            self.meta[str(a.get("property") or a.get("name"))] = str(a["content"])
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href") or ""
        lang = self.lang_here(a)
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.links.append((str(a[key]), lang, any(t == "article" for t, _, _ in self._open)))
        if tag not in {"meta", "link", "img", "input", "br", "hr", "source"}:
            self._open.append((tag, lang, []))

    def lang_here(self, attrs: dict[str, str | None]) -> str | None:
        if attrs.get("lang"):
            return attrs["lang"]
        return self._open[-1][1] if self._open else None

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, _, parts = self._open.pop()
            self.texts.setdefault(name, []).append(" ".join("".join(parts).split()))
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)


@cache
def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


@cache
def config(lang: str) -> Any:
    from mkdocs.config import load_config  # noqa: PLC0415 - only the page tests need MkDocs

    return load_config(config_file=str(ROOT / LANGUAGES[lang][0]))


@cache
def tree(path: Path, lang: str) -> Tree:
    return load_tree(path, lang=lang, display_path=path.name)


def tree_page(site: Path, lang: str, path: Path, node: str) -> Path:
    return site / LANGUAGES[lang][1] / "self-assessment" / path.name.removesuffix(".tree.yml") / node / "index.html"


def resolve(site: Path, href: str) -> Path:
    """The file a server sends for a root-relative address of the site."""
    target = Path(os.path.normpath(site / href.lstrip("/")))
    return target / "index.html" if href.endswith(("/", "/.")) else target


# -- the 404 pages ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_language_has_a_404_page_in_its_language(real_site: Path, lang: str) -> None:
    page = read(real_site / LANGUAGES[lang][1] / "404.html")
    assert page.lang == lang
    assert page.texts["h1"] == [NOT_FOUND_TITLES[lang]]
    assert page.texts["title"] == [f"{NOT_FOUND_TITLES[lang]} - {config(lang).site_name}"]


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_404_page_links_to_the_home_page_the_guide_and_the_self_assessments(real_site: Path, lang: str) -> None:
    folder = LANGUAGES[lang][1]
    page = read(real_site / folder / "404.html")
    reached = {resolve(real_site, href) for href, _, content in page.links if content and href.startswith("/")}
    guide = sorted((ROOT / "docs" / lang / "guide").glob("*.md"))
    assert guide
    for wanted in [
        real_site / folder / "index.html",
        *(real_site / folder / "guide" / p.stem / "index.html" for p in guide),
        *(real_site / folder / "self-assessment" / p.name.removesuffix(".tree.yml") / "index.html" for p in TREES),
    ]:
        assert wanted in reached, wanted
    assert [p for p in reached if not p.is_file()] == []


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_link_of_the_404_page_works_at_any_address(real_site: Path, lang: str) -> None:
    """The page is served for any missing address, at any depth: only root-relative
    links (or full URLs) lead where they should. `//x` would be another host, and
    `/nl//../` is `/nl/` to a browser, which drops the empty segment."""
    page = read(real_site / LANGUAGES[lang][1] / "404.html")
    assert page.links
    broken = [h for h, _, _ in page.links if not h.startswith(("/", "http", "#")) or "//" in h.split("://")[-1]]
    assert broken == []


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_404_page_leads_readers_of_each_other_language_home(real_site: Path, lang: str) -> None:
    """A host may show one 404 page for the whole site (GitHub Pages shows the root's)."""
    page = read(real_site / LANGUAGES[lang][1] / "404.html")
    for other, (_, folder) in LANGUAGES.items():
        if other != lang:
            homes = [resolve(real_site, h) for h, in_lang, content in page.links if content and in_lang == other]
            assert real_site / folder / "index.html" in homes, other


# -- what a shared link shows -------------------------------------------------------------


def shared(page: Page) -> tuple[str, str, str]:
    """Title and description of a shared link; the search engines' description must agree."""
    assert page.meta["description"] == page.meta["og:description"]
    assert page.meta["twitter:card"] == "summary"
    return page.meta["og:title"], page.meta["og:description"], page.meta["og:url"]


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_a_question_page_is_described_by_its_question(real_site: Path, lang: str) -> None:
    for path in TREES:
        for node in tree(path, lang).nodes.values():
            if isinstance(node, Question):
                title, description, _ = shared(read(tree_page(real_site, lang, path, node.id)))
                assert (title, description) == (node.question, node.question)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_an_outcome_page_is_described_by_its_summary(real_site: Path, lang: str) -> None:
    for path in TREES:
        for node in tree(path, lang).nodes.values():
            if isinstance(node, Outcome):
                title, description, _ = shared(read(tree_page(real_site, lang, path, node.id)))
                assert (title, description) == (node.outcome, node.summary)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_a_guide_page_is_described_by_its_description(real_site: Path, lang: str) -> None:
    """A page's own `description` (front matter), else the site's."""
    guide = sorted((ROOT / "docs" / lang / "guide").glob("*.md"))
    assert guide
    for source in guide:
        text = source.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else {}
        page = read(real_site / LANGUAGES[lang][1] / "guide" / source.stem / "index.html")
        title, description, _ = shared(page)
        assert description == meta.get("description", config(lang).site_description)
        assert title == page.texts["h1"][0].removesuffix("¶").strip()


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_a_shared_link_names_the_page_by_its_published_address(real_site: Path, lang: str) -> None:
    site_url = config(lang).site_url
    start = TREES[0].name.removesuffix(".tree.yml")
    paths = ["", "guide/decide/", f"self-assessment/{start}/", f"self-assessment/{start}/{tree(TREES[0], lang).start}/"]
    for path in paths:
        page = read(real_site / LANGUAGES[lang][1] / path / "index.html")
        assert shared(page)[2] == page.canonical == site_url + path


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_a_shared_link_names_the_page_language_and_the_others(real_site: Path, lang: str) -> None:
    locales = {alt["lang"]: alt["locale"] for alt in config(lang).extra["alternate"]}
    assert sorted(locales) == sorted(LANGUAGES)
    assert all(locale.startswith(f"{code}_") for code, locale in locales.items())
    page = read(real_site / LANGUAGES[lang][1] / "index.html")
    assert page.meta["og:locale"] == locales[lang]
    others = [locale for code, locale in sorted(locales.items()) if code != lang]
    assert [page.meta["og:locale:alternate"]] == others
