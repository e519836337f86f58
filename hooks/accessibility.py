"""MkDocs hook: small accessibility fixes to what Markdown extensions write.

The task lists of the guide (pymdownx.tasklist) are checklists to read, not
forms: their checkboxes are disabled and have no label of their own, so
screen readers would announce a nameless form field before every item. The
item's text says everything; the box is decoration and is hidden from
assistive technology.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig


# After Markdown is rendered and before the theme wraps the page.
def on_page_content(html: str, *, page: Any, config: MkDocsConfig, files: Any) -> str:
    return html.replace('<label class="task-list-control">', '<label class="task-list-control" aria-hidden="true">')
