"""The data a tree page hands to its script: the one contract between Python and `decisiontree.js`.

Every page of a tree ends with

    <div class="dt-data" hidden><script type="application/json">[PAGE]</script></div>

a JSON array of one item (an array, because Material's instant navigation
puts the scripts of a page back as plain scripts, where an array does no
harm). PAGE is an object:

- `tree`: the tree's name (`Tree.slug`); answers are kept in the session under it.
- `version`: `Tree.version`; kept answers and share links of another version are not used.
- `lang`: the tree's language, for the date on a printed record.
- `kind`: `"start"`, `"question"` or `"outcome"` (a large tree's whole-chart page is a `"start"`).
- `node`: the page's node id, `null` on a start page.
- `home`: the URL of the tree's start page, relative to this page.
- `graph`: GRAPH, on trees of up to `INLINE_DATA_LIMIT` nodes; or else
- `src`: the URL of `tree.json`, relative to this page, which holds GRAPH.

GRAPH is an object:

- `start`: the id of the first question.
- `routes`: `{question id: [id of the node each answer leads to, in answer order]}`
  (`Tree.routes`). Enough to walk and mark a path; a start page gets no more.
- `nodes`: `{node id: {"text": ..., "url": ..., "answers": [label, ...]}}`: a
  question's or outcome's text, its page's URL relative to the start page, and
  a question's answer labels in answer order (outcomes have no `answers`).
  Left out on a start page.

Every word the script shows is in the page's HTML, rendered from the
templates (the "Your answers" block, the notices, the earlier-answer badge),
never in this data.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .links import page_url
from .model import Question, Tree

INLINE_DATA_LIMIT = 60
"""Up to this many nodes, every page carries the whole tree's data for the script; beyond, the
start page shows only the first levels, and the whole chart and the outline have pages of their own."""
TREE_JSON = "tree.json"
"""The file beside a large tree's start page that holds GRAPH."""


def inline_data(tree: Tree) -> bool:
    """Whether the tree's pages carry GRAPH themselves; if not, it is in `tree.json`."""
    return len(tree.nodes) <= INLINE_DATA_LIMIT


def graph_data(tree: Tree, *, directory_urls: bool, texts: bool = True) -> dict[str, Any]:
    """GRAPH: the routing, and with `texts` each node's text, page URL and answer labels."""
    graph: dict[str, Any] = {"start": tree.start, "routes": tree.routes}
    if texts:
        nodes: dict[str, Any] = {}
        for node in tree.nodes.values():
            entry: dict[str, Any] = {"text": node.text, "url": page_url(None, node.id, directory_urls=directory_urls)}
            if isinstance(node, Question):
                entry["answers"] = [a.label for a in node.answers]
            nodes[node.id] = entry
        graph["nodes"] = nodes
    return graph


def page_data(tree: Tree, *, kind: str, node: str | None, home: str, graph: dict[str, Any]) -> list[dict[str, Any]]:
    """PAGE, in its array, for one page; `graph` is the tree's full GRAPH (a start page takes its routing only)."""
    page: dict[str, Any] = {
        "tree": tree.slug,
        "version": tree.version,
        "lang": tree.lang,
        "kind": kind,
        "node": node,
        "home": home,
    }
    if not inline_data(tree):
        page["src"] = home + TREE_JSON
    elif kind == "start":
        page["graph"] = {"start": graph["start"], "routes": graph["routes"]}
    else:
        page["graph"] = graph
    return [page]


def tree_json(graph: dict[str, Any]) -> str:
    """The content of `tree.json`."""
    return json.dumps(graph, ensure_ascii=False, sort_keys=True) + "\n"


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
