"""The whole site on one local server: English at the root, Dutch under nl/.

`mkdocs serve` serves one configuration, so with it alone the language
switcher leads to missing pages and every page logs a 404 for the other
language's sitemap. This serves a folder that holds both builds, laid out as
`make build` and the published site lay them out, with MkDocs' own
development server. Saving a page, a tree, a theme override, the engine or a
configuration rebuilds both languages, and open pages reload.

Each language is built by `mkdocs build` in a process of its own, as
`make build` does: nothing of one build (plugins, hooks, the engine's
modules) is left over for the next one.

    python tools/preview.py [-a 127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"": "mkdocs.yml", "nl/": "mkdocs.nl.yml"}
"""Each language's configuration, by its folder under the site root; the
first one is built first, as its build empties the whole folder."""
URL_VARIABLES = {"": "SITE_URL", "nl/": "SITE_URL_NL"}
"""The variable each configuration reads its address from."""
WATCHED = ("docs", "overrides", "decisiontree", "hooks", *LANGUAGES.values())
"""What a rebuild follows, relative to the project folder."""

log = logging.getLogger("mkdocs.preview")


def build_all(site: Path, url: str) -> bool:
    """Every language into its folder of `site`, each with its address under `url`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.update({name: url + folder for folder, name in URL_VARIABLES.items()})
    for folder, config in LANGUAGES.items():
        command = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site / folder)]
        if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
            log.error(f"The build of {config} failed (see above); the server keeps the last site that built.")
            return False
    return True


def rebuild(served: Path, url: str) -> None:
    """Build every language beside the served site and put it in its place if all built.

    The server holds requests while this runs, so no reader sees half a site.
    """
    staging = served.with_name("next")
    shutil.rmtree(staging, ignore_errors=True)
    if build_all(staging, url):
        shutil.rmtree(served)
        staging.rename(served)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="host:port to serve on")
    host, _, port = parser.parse_args().dev_addr.rpartition(":")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    folder = Path(tempfile.mkdtemp(prefix="preview-"))
    served = folder / "site"
    served.mkdir()
    url = f"http://{host}:{port}/"
    server = LiveReloadServer(builder=lambda: rebuild(served, url), host=host, port=int(port), root=str(served))

    # One 404 page for every missing address, as GitHub Pages has.
    def not_found(code: int) -> bytes | None:
        page = served / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    server.error_handler = not_found
    for name in WATCHED:
        if (ROOT / name).exists():
            server.watch(str(ROOT / name))
    try:
        rebuild(served, url)
        server.serve()  # type: ignore[no-untyped-call]  # unannotated in MkDocs
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
