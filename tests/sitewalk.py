"""A built site read as a reader without JavaScript reads it: pages and their links.

Pages are parsed with the standard library's HTML parser, once each, and
links are resolved the way a browser resolves them (relative to the page's
URL, a folder URL served by its `index.html`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Link:
    href: str
    classes: frozenset[str]
    attrs: dict[str, str]


@dataclass
class Page:
    """What a no-JavaScript reader can use on a page: its links and its heading."""

    url: str
    links: list[Link] = field(default_factory=list)
    h1: str = ""

    def links_with(self, css_class: str) -> list[Link]:
        return [link for link in self.links if css_class in link.classes]


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_h1 = 0
        self.h1_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        href = values.get("href", values.get("xlink:href"))  # a link in HTML, or in an inline SVG (the chart)
        if tag == "a" and href is not None:
            self.page.links.append(Link(href, frozenset(values.get("class", "").split()), values))
        if (tag == "h1" and not self.h1_done) or self.in_h1:
            self.in_h1 += 1

    def handle_endtag(self, tag: str) -> None:
        if self.in_h1:
            self.in_h1 -= 1
            if self.in_h1 == 0:
                self.h1_done = True

    def handle_data(self, data: str) -> None:
        if self.in_h1:
            self.page.h1 += data


class Site:
    """A built site folder, its pages parsed on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._pages: dict[str, Page] = {}

    def file_for(self, url: str) -> Path | None:
        """The file a static server answers `url` (a path from the site root) with, if any."""
        path = unquote(urlsplit(url).path).lstrip("/")
        target = self.root / path
        if path == "" or path.endswith("/") or target.is_dir():  # a folder is served by its index.html
            target = target / "index.html"
        return target if target.is_file() else None

    def page(self, url: str) -> Page:
        url = urlsplit(url).path
        if url not in self._pages:
            file = self.file_for(url)
            if file is None:
                raise LookupError(f"no page at /{url.lstrip('/')}")
            page = Page(url)
            reader = _Reader(page)
            reader.feed(file.read_text(encoding="utf-8"))
            reader.close()
            page.h1 = " ".join(page.h1.split())
            self._pages[url] = page
        return self._pages[url]

    @staticmethod
    def resolve(base: str, href: str) -> str | None:
        """The site path a link leads to; `None` for other hosts, mail and same-page anchors."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        if parts.path.startswith("/"):
            return parts.path
        folder = base if base.endswith("/") else posixpath.dirname(base) + "/"
        joined = posixpath.normpath(posixpath.join(folder, parts.path))
        return joined + "/" if parts.path.endswith("/") and not joined.endswith("/") else joined

    def follow(self, page: Page, link: Link) -> Page:
        target = self.resolve(page.url, link.href)
        if target is None:
            raise LookupError(f"{page.url}: {link.href} leaves the site")
        return self.page(target)
