"""URLs between generated pages, and rebasing the links inside tree Markdown.

Pages of a tree live in one folder `F/`: the start page `F/index.md` and a
page `F/<id>.md` per node. A tree file `D/F.tree.yml` sits one folder above
them, so a relative link written in the tree (relative to the tree file, as
in a Markdown page beside it) works on every generated page once it is
prefixed with `../`.
"""

from __future__ import annotations

import posixpath
import re

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
        out.append(_rebase_line(line, prefix))
    return "".join(out)


def _rebase_line(line: str, prefix: str) -> str:
    def fix(match: re.Match[str]) -> str:
        url = match.group(2)
        return (
            match.group(1)
            + (prefix + url if is_relative(url) else url)
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
