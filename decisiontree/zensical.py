"""The same site on Zensical, which reads `mkdocs.yml` but runs no MkDocs hooks.

Zensical cannot call `hooks/trees.py`, so a site's trees are staged for it
instead: every tree is validated first, then a copy of the docs folder gets
the generated pages, the chart in place, the escaped titles and the static
files, all from `site.py`, and a generated configuration points Zensical at
that copy. After the build, `finish` does to the pages what the MkDocs hooks
do after Markdown.

    python -m decisiontree.zensical build mkdocs.yml mkdocs.nl.yml --site site-zensical
    python -m decisiontree.zensical serve mkdocs.yml

Nothing here imports MkDocs or Zensical; Zensical runs as a command.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from .errors import TreeErrors
from .load import TREE_SUFFIX
from .project import merge
from .site import STYLESHEET, SitePage, collect, escape_meta, static_files

STAGE_DIR = Path("build/zensical")
"""Where each language is staged (`<lang>/docs`, `<lang>/mkdocs.yml`) and built."""
CONFIG_NAME = "mkdocs.yml"
"""The generated configuration's name inside a language's staging folder."""
_DEFAULT_EDIT_URIS = {
    "github.com": "edit/master/docs/",
    "gitlab.com": "edit/master/docs/",
    "bitbucket.org": "src/default/docs/",
}
"""MkDocs' edit_uri for a known host when none is set; Zensical's default would name the staging folder."""


class _Loader(yaml.SafeLoader):
    """Reads `mkdocs.yml` as MkDocs does: `!ENV` resolved, Python names kept as their dotted text."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    return suffix  # Zensical resolves a dotted name given as text (emoji index and generator)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def load_config(path: Path) -> dict[str, Any]:
    """A MkDocs configuration file with its `INHERIT` chain resolved."""
    config: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 - SafeLoader with two tags added
    parent = config.pop("INHERIT", None)
    if parent:
        config = merge(load_config(path.parent / str(parent)), config)
    return config


@dataclass(frozen=True)
class Language:
    """One configuration file's site, read and checked, ready to stage."""

    config_file: Path
    config: dict[str, Any]
    pages: list[SitePage]

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def lang(self) -> str:
        return str((self.config.get("theme") or {}).get("language") or "en")

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.config.get("docs_dir", "docs"))

    @property
    def trees_dir(self) -> Path:
        """The plugin's `trees_dir`, or the hook's under `extra.decisiontree`, or the docs folder."""
        options: dict[str, Any] = {}
        for entry in self.config.get("plugins") or []:
            if isinstance(entry, dict) and isinstance(entry.get("decisiontree"), dict):
                options = entry["decisiontree"]
        options = options or (self.config.get("extra") or {}).get("decisiontree") or {}
        return self.root / str(options["trees_dir"]) if options.get("trees_dir") else self.docs_dir


def read(config_file: Path) -> Language:
    """Read a configuration and validate its trees; raises `TreeErrors` with every problem."""
    config = load_config(config_file)
    language = Language(config_file, config, [])
    pages = collect(
        language.trees_dir,
        docs_dir=language.docs_dir,
        lang=language.lang,
        project_dir=language.root,
        directory_urls=bool(config.get("use_directory_urls", True)),
    )
    return Language(config_file, config, pages)


def zensical_config(language: Language, stage: Path) -> dict[str, Any]:
    """The configuration Zensical reads: the site's own, pointed at the staged docs."""
    config = dict(language.config)
    config.pop("hooks", None)  # Zensical runs none; the staging step did their work
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = os.path.relpath(language.root / str(theme["custom_dir"]), stage)
    theme.setdefault("variant", "classic")  # Material's look, which the site's styles are made for
    config["theme"] = theme
    extra_css = list(config.get("extra_css") or [])
    if STYLESHEET not in extra_css:
        extra_css.append(STYLESHEET)
    config["extra_css"] = extra_css
    # Only a tree's start page may stand in a navigation made from the files.
    hidden = [f"/{page.src_uri}" for page in language.pages if not page.in_nav]
    if hidden:
        config["not_in_nav"] = "\n".join([*str(config.get("not_in_nav") or "").splitlines(), *hidden]) + "\n"
    repo_url = config.get("repo_url")
    if repo_url and "edit_uri" not in config:
        host = str(repo_url).split("/")[2] if "//" in str(repo_url) else ""
        if host in _DEFAULT_EDIT_URIS:
            config["edit_uri"] = _DEFAULT_EDIT_URIS[host]
    return config


_RAW_LINK = re.compile(r'(?<![\w:-])(href|src)="(?![a-z][a-z0-9+.-]*:|[/#?])([^"]*)"')
"""A relative `href` or `src` in raw HTML (not `xlink:href`, which Zensical leaves alone)."""


def from_source_folder(content: str, src_uri: str, *, directory_urls: bool) -> str:
    """Raw-HTML links of a page made relative to its Markdown file's folder, as Zensical reads them.

    MkDocs leaves raw HTML alone, so the engine writes links relative to the
    page's URL. Zensical resolves a relative `href` or `src` in raw HTML from
    the Markdown file's folder, as it does Markdown links: for `folder/q.md`,
    served at `folder/q/`, a link one level up is one level less up.
    """
    name = src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    if not directory_urls or name == "index":
        return content

    def rebase(match: re.Match[str]) -> str:
        url = match.group(2)
        rebased = url[3:] if url.startswith("../") else f"{name}/{url}"
        if not rebased or rebased.startswith(("#", "?")):
            rebased = "./" + rebased
        return f'{match.group(1)}="{rebased}"'

    return _RAW_LINK.sub(rebase, content)


def _with_escaped_title(content: str) -> str:
    """A tree page's Markdown with its plain-text front matter escaped, as the plugin does for MkDocs."""
    _, front, body = content.split("---\n", 2)
    meta = yaml.safe_load(front)
    escape_meta(meta)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=10**9, sort_keys=False) + "---\n" + body


def staged_files(language: Language) -> dict[str, bytes]:
    """Every file of the staged docs folder, by path: the docs, the tree pages, the static files."""
    files: dict[str, bytes] = {}
    directory_urls = bool(language.config.get("use_directory_urls", True))
    for path in sorted(language.docs_dir.rglob("*")):
        if path.is_file() and not path.name.endswith(TREE_SUFFIX):
            files[path.relative_to(language.docs_dir).as_posix()] = path.read_bytes()
    for page in language.pages:
        if page.src_uri in files:
            raise SystemExit(f"{page.src_uri} is generated from a tree file, but the docs already have a file there")
        # The chart and the HTML blocks go in before Markdown: Zensical has no event after it.
        if not page.src_uri.endswith(".md"):  # the data file of a large tree
            files[page.src_uri] = page.content.encode()
            continue
        content = page.markdown()
        content = from_source_folder(content, page.src_uri, directory_urls=directory_urls)
        files[page.src_uri] = _with_escaped_title(content).encode()
    for static in static_files():
        files[static.src_uri] = static.content
    return files


def sync(folder: Path, files: dict[str, bytes]) -> bool:
    """Make `folder` hold exactly `files`, touching only what changed (a watcher sees only real edits)."""
    changed = False
    for name, content in files.items():
        target = folder / name
        if not target.is_file() or target.read_bytes() != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            changed = True
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in files:
                path.unlink()
                changed = True
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def stage(language: Language, stage: Path) -> Path:
    """Write the staged docs and the generated configuration; returns the configuration's path."""
    sync(stage / "docs", staged_files(language))
    config_file = stage / CONFIG_NAME
    text = "# Generated from " + language.config_file.name + " for Zensical; edit that file instead.\n"
    text += yaml.safe_dump(zensical_config(language, stage), allow_unicode=True, sort_keys=False)
    if not config_file.is_file() or config_file.read_text(encoding="utf-8") != text:
        config_file.write_text(text, encoding="utf-8")
    return config_file


def _built_page(site: Path, src_uri: str, *, directory_urls: bool) -> Path:
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index") or not directory_urls:
        return site / f"{stem}.html"
    return site / stem / "index.html"


_TASK_BOX = '<label class="task-list-control">'


def _edit_base(config: dict[str, Any]) -> str | None:
    """What Zensical puts before a page's path in its edit link, if pages have one."""
    repo_url, edit_uri = config.get("repo_url"), config.get("edit_uri")
    if not repo_url or not edit_uri:
        return None
    if str(edit_uri).startswith("https://"):
        return str(edit_uri).rstrip("/")
    return f"{str(repo_url).rstrip('/')}/{str(edit_uri).strip('/')}"


def finish(language: Language, config: dict[str, Any], site: Path) -> None:
    """What the MkDocs hooks do after Markdown, done to Zensical's finished pages.

    Each tree page's edit link goes to its tree file (Zensical links the
    staged Markdown), and the checkboxes of task lists are hidden from
    assistive technology, as `hooks/accessibility.py` does.
    """
    directory_urls = bool(config.get("use_directory_urls", True))
    base = _edit_base(config)
    for page in language.pages if base else []:
        built = _built_page(site, page.src_uri, directory_urls=directory_urls)
        html = built.read_text(encoding="utf-8")
        tree_file = urljoin(f"{base}/", page.edit_uri)  # as MkDocs joins them
        built.write_text(html.replace(f"{base}/{page.src_uri}", tree_file), encoding="utf-8")
    for built in sorted(site.rglob("*.html")):
        html = built.read_text(encoding="utf-8")
        if _TASK_BOX in html:
            built.write_text(html.replace(_TASK_BOX, _TASK_BOX[:-1] + ' aria-hidden="true">'), encoding="utf-8")


def _zensical(command: str, config_file: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "zensical", command, "-f", str(config_file), *options]


def _read_all(config_files: Sequence[Path]) -> list[Language]:
    """Every language read and validated before anything is written; exits 1 listing every tree error."""
    languages, lines = [], []
    for config_file in config_files:
        try:
            languages.append(read(config_file))
        except TreeErrors as exc:
            lines += [line for line in exc.lines() if line not in lines]
    if lines:
        print("\n".join(lines), file=sys.stderr)
        raise SystemExit(1)
    return languages


def build(config_files: Sequence[Path], *, site: Path, stage_dir: Path = STAGE_DIR) -> int:
    """Build every language (the first at the root of `site`, the others in `<lang>/`); 0 when all went well.

    `site` is replaced only once every language has built.
    """
    languages = _read_all(config_files)
    fresh = stage_dir / "site"
    shutil.rmtree(fresh, ignore_errors=True)
    for index, language in enumerate(languages):
        folder = stage_dir / language.lang
        config_file = stage(language, folder)
        if subprocess.run(_zensical("build", config_file, "--clean", "--strict"), check=False).returncode:
            return 1
        finish(language, zensical_config(language, folder), folder / "site")
        target = fresh if index == 0 else fresh / language.lang
        shutil.copytree(folder / "site", target, dirs_exist_ok=True)
    shutil.rmtree(site, ignore_errors=True)
    shutil.move(fresh, site)
    return 0


def _sources(language: Language) -> dict[str, float]:
    """What a tree edit or a page edit changes: modification times below the watched folders."""
    watched = [language.docs_dir, language.trees_dir, language.config_file]
    custom_dir = (language.config.get("theme") or {}).get("custom_dir")
    if custom_dir:
        watched.append(language.root / str(custom_dir))
    times: dict[str, float] = {}
    for top in watched:
        for path in [top, *sorted(top.rglob("*"))] if top.is_dir() else [top]:
            if path.is_file():
                times[str(path)] = path.stat().st_mtime
    return times


def serve(config_file: Path, *, address: str, stage_dir: Path = STAGE_DIR) -> int:
    """Stage, run `zensical serve` on the staged copy, and stage again whenever a source changes.

    Zensical watches the staged folder and reloads the browser. A tree that
    breaks while serving prints its errors and leaves the last good pages.
    """
    language = _read_all([config_file])[0]
    folder = stage_dir / language.lang
    staged = stage(language, folder)
    server = subprocess.Popen(_zensical("serve", staged, "-a", address))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that `finally` stops the server too
    seen = _sources(language)
    try:
        while server.poll() is None:
            time.sleep(0.5)
            now = _sources(language)
            if now == seen:
                continue
            seen = now
            try:
                language = read(config_file)
            except TreeErrors as exc:
                print("\n".join(exc.lines()), file=sys.stderr)
                continue
            stage(language, folder)
    except KeyboardInterrupt:
        pass
    finally:
        if server.poll() is None:
            server.terminate()
    return server.wait()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m decisiontree.zensical", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="validate the trees, stage them and build every language with Zensical")
    build_cmd.add_argument("config", nargs="+", type=Path, help="mkdocs.yml, then one file per further language")
    build_cmd.add_argument(
        "--site", type=Path, default=Path("site-zensical"), help="the built site (default: site-zensical)"
    )
    serve_cmd = sub.add_parser("serve", help="serve one language with Zensical, re-staging on every change")
    serve_cmd.add_argument("config", type=Path, help="the language's configuration, e.g. mkdocs.yml")
    serve_cmd.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", help="address and port (default: 127.0.0.1:8000)"
    )
    for command in (build_cmd, serve_cmd):
        command.add_argument(
            "--stage", type=Path, default=STAGE_DIR, help=f"the staging folder (default: {STAGE_DIR.as_posix()})"
        )
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(args.config, site=args.site, stage_dir=args.stage)
    return serve(args.config, address=args.dev_addr, stage_dir=args.stage)


if __name__ == "__main__":
    sys.exit(main())
