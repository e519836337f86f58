"""MkDocs hook: the `decisiontree` plugin, for a site that loads it as a hook.

This site runs the plugin through this hook, so its build needs the engine
importable and no installed entry point. Every event is the plugin's own
method; this file only reads the plugin's options from `extra.decisiontree`
and checks them as MkDocs checks a plugin's options.

Settings (all optional), in `mkdocs.yml`:

    extra:
      decisiontree:
        trees_dir: docs/en   # where tree files are found; default: docs_dir
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from decisiontree.plugin import DecisionTreePlugin

log = logging.getLogger(f"mkdocs.hooks.{__name__}")

plugin = DecisionTreePlugin()
"""The one plugin instance this site's build runs, whose events are below."""


# The options are read first, as MkDocs reads a plugin's options before any event.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    extra: dict[str, Any] = dict(config.extra or {})
    options: dict[str, Any] = dict(extra.get("decisiontree") or {})
    errors, warnings = plugin.load_config(options, config.config_file_path)
    for name, warning in warnings:
        log.warning(f"Config value 'extra.decisiontree.{name}': {warning}")
    if errors:
        raise ConfigurationError(
            "\n".join(f"Config value 'extra.decisiontree.{name}': {error}" for name, error in errors)
        )
    return plugin.on_config(config)


on_files = plugin.on_files
on_page_markdown = plugin.on_page_markdown
on_page_content = plugin.on_page_content
on_post_page = plugin.on_post_page
on_serve = plugin.on_serve
