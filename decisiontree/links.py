"""URLs between generated pages, and rebasing the links inside tree Markdown.

Pages of a tree live in one folder `F/`: the start page `F/index.md` and a
page `F/<id>.md` per node. A tree file `D/F.tree.yml` sits one folder above
them, so a relative link written in the tree (relative to the tree file, as
in a Markdown page beside it) works on every generated page once it is
prefixed with `../`.

It also says where a relative link leads and whether that page, and the
heading its `#anchor` names, exist: the scenarios' guide links and the links
in tree texts are checked with `broken_link`.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INLINE = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_REFDEF = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s|$))")
_ATTR = re.compile(r"""(\b(?:href|src)\s*=\s*["'])([^"']+)""")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


def is_relative(url: str) -> bool:
    return not (url.startswith(("/", "#", "?")) or _SCHEME.match(url))


def rebase_links(markdown: str, prefix: str = "../") -> str:
    """Prefix every relative link and image URL in `markdown` with `prefix`.

    Covers inline links and images, reference definitions and `href`/`src`
    attributes of inline HTML; leaves code blocks and code spans alone.
    """
    return _each_url(markdown, lambda url: prefix + url if is_relative(url) else url)


def relative_links(markdown: str) -> list[str]:
    """Every relative link and image URL in `markdown`, in order: the ones `rebase_links` prefixes."""
    found: list[str] = []

    def keep(url: str) -> str:
        if is_relative(url):
            found.append(url)
        return url

    _each_url(markdown, keep)
    return found


def _each_url(markdown: str, change: Callable[[str], str]) -> str:
    """`markdown` with every link and image URL outside code replaced by `change(url)`."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        out.append(_change_line(line, change))
    return "".join(out)


def _change_line(line: str, change: Callable[[str], str]) -> str:
    def fix(match: re.Match[str]) -> str:
        return (
            match.group(1)
            + change(match.group(2))
            + (match.group(3) if match.lastindex and match.lastindex >= 3 else "")
        )

    line = _REFDEF.sub(fix, line, count=1)
    # Rebase outside code spans only.
    pieces: list[str] = []
    last = 0
    for span in _CODE_SPAN.finditer(line):
        pieces.append(_ATTR.sub(fix, _INLINE.sub(fix, line[last : span.start()])))
        pieces.append(span.group(0))
        last = span.end()
    pieces.append(_ATTR.sub(fix, _INLINE.sub(fix, line[last:])))
    return "".join(pieces)


def page_url(source: str | None, target: str | None, *, directory_urls: bool) -> str:
    """The relative URL from one page of a tree to another (`None` is the start page)."""
    if directory_urls:
        up = "../" if source is not None else ""
        return up + (f"{target}/" if target is not None else "") or "./"
    return f"{target}.html" if target is not None else "index.html"


def root_url(folder: str, source: str | None, *, directory_urls: bool) -> str:
    """The relative URL from a page of the tree in `folder` to the site root."""
    depth = len([p for p in posixpath.normpath(folder).split("/") if p not in ("", ".")])
    if directory_urls and source is not None:
        depth += 1
    return "../" * depth or "./"


# -- where a link leads -----------------------------------------------------------------

_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")


@dataclass(frozen=True)
class BrokenLink:
    """A relative link whose page, or the heading its anchor names, is not there."""

    page: str
    """The link without its anchor, as written."""
    target: Path
    """The file the page part leads to."""
    anchor: str = ""
    """The anchor the page has no heading for; '' when the page itself does not exist."""
    anchors: tuple[str, ...] = ()
    """The anchors the page has, sorted, for a hint."""


def broken_link(
    link: str,
    base: Path,
    sections: dict[Path, set[str]],
    *,
    generated: Callable[[Path], bool] | None = None,
) -> BrokenLink | None:
    """What is missing where `link`, relative to the folder `base`, leads; `None` if nothing is.

    Links to other sites and same-page anchors are not checked; a Markdown
    page's anchor must be one of its headings. `generated` says whether a file
    that is not on disk is a page the build makes (its anchors are not checked).
    `sections` caches each page's heading anchors between calls.
    """
    if not is_relative(link):
        return None
    page, _, anchor = link.partition("#")
    target = (base / unquote(page.partition("?")[0])).resolve()
    if not page or not target.is_file():
        if page and generated is not None and generated(target):
            return None
        return BrokenLink(page=page or link, target=target)
    if not anchor or target.suffix != ".md":
        return None
    if target not in sections:
        sections[target] = heading_anchors(target.read_text(encoding="utf-8", errors="replace"))
    if anchor in sections[target]:
        return None
    return BrokenLink(page=page, target=target, anchor=anchor, anchors=tuple(sorted(sections[target])))


def slugify(heading: str) -> str:
    """A heading's anchor as Python-Markdown's table of contents makes it."""
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def heading_anchors(markdown: str) -> set[str]:
    """The anchors of a Markdown page's headings (`{#id}` where given), outside code blocks."""
    anchors: set[str] = set()
    fence: str | None = None
    for line in markdown.splitlines():
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0]:
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = _HEADING.match(line)
        if not match:
            continue
        given = _ATTR_ID.search(match.group(1))
        base = given.group(1) if given else slugify(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match.group(1)))
        anchor, n = base, 0
        while anchor in anchors:
            n += 1
            anchor = f"{base}_{n}"
        anchors.add(anchor)
    return anchors
