"""Decision trees written in YAML, turned into pages, a flowchart and exports.

The engine knows nothing of MkDocs: a tree file goes in, a validated model
comes out (or every problem the file has, as `TreeError`s), and the views
are made from that model.
"""

from __future__ import annotations

from .errors import TreeError, TreeErrors
from .load import TREE_SUFFIX, load_tree, parse_tree, tree_slug
from .model import Answer, Node, Outcome, Question, Tree
from .pages import PageFile, render_pages

__version__ = "0.1.0"
"""The package's version: the one place it is written (the build reads it here)."""

__all__ = [
    "TREE_SUFFIX",
    "Answer",
    "Node",
    "Outcome",
    "PageFile",
    "Question",
    "Tree",
    "TreeError",
    "TreeErrors",
    "load_tree",
    "parse_tree",
    "render_pages",
    "tree_slug",
]
