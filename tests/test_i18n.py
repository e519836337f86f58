"""The Dutch edition: every page in both languages, the switcher, no English left."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from decisiontree.strings import STRINGS

SKIP = ("assets/", "search/", "schema/", "nl/")


def pages(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not p.relative_to(root).as_posix().startswith(SKIP) and p.name != "404.html"
    }


class Visible(HTMLParser):
    """The text a reader sees or hears: text outside script/style, plus labels in attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0
        self.lang = ""
        self.switch: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style", "code", "pre"):
            self.hidden += 1
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switch[a.get("hreflang") or ""] = a.get("href") or ""
        for name in ("aria-label", "title", "placeholder", "alt"):
            if a.get(name):
                self.parts.append(a[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def read(path: Path) -> Visible:
    parser = Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_exists_in_both_languages(real_site: Path) -> None:
    english = pages(real_site)
    dutch = pages(real_site / "nl")
    assert len(english) > 30
    assert english == dutch


def test_every_page_declares_its_language(real_site: Path) -> None:
    for rel in pages(real_site):
        assert read(real_site / rel).lang == "en", rel
        assert read(real_site / "nl" / rel).lang == "nl", rel


@pytest.mark.parametrize(("here", "there", "lang"), [("", "nl/", "nl"), ("nl/", "", "en")])
def test_the_language_switcher_links_to_the_same_page(real_site: Path, here: str, there: str, lang: str) -> None:
    base = "https://site.example/"
    for rel in pages(real_site):
        page_url = base + here + rel.removesuffix("index.html")
        href = read(real_site / here / rel).switch[lang]
        assert urljoin(page_url, href) == base + there + rel.removesuffix("index.html"), rel


ENGLISH_UI = [
    "Search",
    "Back to top",
    "Table of contents",
    "Made with",
    "Skip to content",
    "Previous",
    "Next",
    "Copy to clipboard",
    "Switch to dark mode",
    "Switch to light mode",
    "Edit this page",
]
"""Material's interface words that must appear in Dutch on the Dutch site."""

ALSO_DUTCH = {"Start"}


def english_phrases() -> list[re.Pattern[str]]:
    phrases = [v for k, v in STRINGS["en"].items() if v != STRINGS["nl"][k] and v not in ALSO_DUTCH]
    patterns = []
    for phrase in [*phrases, *ENGLISH_UI]:
        parts = [re.escape(p) for p in re.split(r"\{\w+\}", phrase)]
        patterns.append(re.compile(r"\b" + r".{0,80}?".join(parts) + r"\b"))
    return patterns


def test_no_dutch_page_has_english_interface_text(real_site: Path) -> None:
    patterns = english_phrases()
    found = []
    for rel in sorted(pages(real_site / "nl")):
        text = " ".join(read(real_site / "nl" / rel).parts)
        found += [f"{rel}: {p.pattern}" for p in patterns if p.search(text)]
    assert found == []


def test_the_english_phrases_are_found_on_english_pages(real_site: Path) -> None:
    """The check above can fail: the same patterns find the English words on the English site."""
    patterns = english_phrases()
    text = " ".join(" ".join(read(real_site / rel).parts) for rel in pages(real_site))
    missing = [p.pattern for p in patterns if not p.search(text)]
    assert len(missing) < len(patterns) // 2, missing


@pytest.mark.parametrize("here", ["", "nl/"])
def test_the_sitemap_names_each_pages_counterparts(real_site: Path, here: str) -> None:
    sitemap = (real_site / here / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    assert len(entries) == len(pages(real_site))
    for entry in entries:
        loc = re.search(r"<loc>(.*?)</loc>", entry)
        assert loc
        path = loc.group(1).split("://", 1)[1].split("/", 1)[1].removeprefix(here)
        links = dict(re.findall(r'hreflang="([a-z]+)" href="[a-z]+://[^/]+/([^"]*)"', entry))
        assert links == {"en": path, "nl": "nl/" + path}, entry


@pytest.mark.parametrize(("here", "name"), [("", "Search"), ("nl/", "Zoeken")])
def test_the_search_dialog_has_a_name_in_the_pages_language(real_site: Path, here: str, name: str) -> None:
    for rel in pages(real_site):
        html = (real_site / here / rel).read_text(encoding="utf-8")
        assert f'role="dialog" aria-label="{name}"' in html, rel
