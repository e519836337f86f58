"""The one Jinja environment the engine writes its HTML and SVG with.

Escaping is on for every template, an undefined name is an error rather than
an empty string, and the block tags leave no lines of their own. Filters
that belong to one view are added by that view (`pages` adds its own).
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

ENV = Environment(
    loader=PackageLoader("decisiontree", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=StrictUndefined,
    auto_reload=False,
)
