"""MkDocs hook: small accessibility fixes to what Markdown extensions write.

The task lists of the guide (pymdownx.tasklist) are checklists to read, not
forms: their checkboxes are disabled and have no label of their own, so
screen readers would announce a nameless form field before every item. The
item's text says everything; the box is decoration and is hidden from
assistive technology.

Material's search is a `role="dialog"` without a name (WCAG 4.1.2); it gets
the name its search field already has, in the site's language.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig


# After Markdown is rendered and before the theme wraps the page.
def on_page_content(html: str, *, page: Any, config: MkDocsConfig, files: Any) -> str:
    return html.replace('<label class="task-list-control">', '<label class="task-list-control" aria-hidden="true">')


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_FIELD = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


# On the finished page: the search dialog is part of the theme, not the content.
def on_post_page(output: str, *, page: Any, config: MkDocsConfig) -> str:
    field = _SEARCH_FIELD.search(output)
    if field is None:
        return output
    return output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{field.group(1)}">', 1)
