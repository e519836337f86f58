"""A real headless Chromium against a built site served on 127.0.0.1.

Debian's Chromium is used (`DT_CHROMIUM`, default /usr/bin/chromium); test
tools never download a browser. Where no browser can be had, the browser
tests fail under `make test` and CI (DT_REQUIRE_BROWSER or CI set) and are
skipped, with the reason, only in a bare `pytest` run on a developer machine.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("DT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def require_browser() -> None:
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return
    message = f"no Chromium at {CHROMIUM}: install Debian's chromium (make test does) or set DT_CHROMIUM"
    if os.environ.get("DT_REQUIRE_BROWSER") or os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


_SITEMAP_ORIGIN = re.compile(rb'(<loc>|href=")https?://[^/<"]+/')


class _Site(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as if it had been built for the address it is served at.

    A sitemap lists pages under the configured `site_url` (127.0.0.1:8000).
    Material's instant navigation follows a link only if its URL is in the
    sitemap, comparing ports too, so on any other port every click would be
    a full page load and instant navigation would never be tested. The
    sitemaps are served with their pages' origin rewritten to this server's.
    """

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.name != "sitemap.xml" or not path.is_file():
            return super().send_head()
        host, port = self.server.server_address[:2]
        origin = f"http://{host}:{port}/".encode()
        body = _SITEMAP_ORIGIN.sub(lambda m: m.group(1) + origin, path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on a free port of 127.0.0.1; yields the base URL.

    The sitemaps name this server's pages (see `_Site`), so Material's
    instant navigation works here as it does on the published site.
    """
    handler = functools.partial(_Site, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Watch:
    """Everything a page asked for and complained about."""

    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.base, "data:", "blob:", "about:"))]


def axe_source() -> str:
    import axe_playwright_python  # noqa: PLC0415 - only browser tests need it

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: Any, source: str) -> list[str]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page, one line each."""
    page.evaluate(source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:200]}")
    return lines
