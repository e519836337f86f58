"""Python's cycle collector held back while the engine builds many objects that form no cycles.

The collector runs after every few hundred new objects and then walks every
object still alive, so building thousands of objects inside a large process
(MkDocs holding a page and a file for each of 10,000 nodes) costs more than
the building itself: in a build with a 10,000-node tree, collections took
3.3 s of the 12.7 s the tree's pages took. What the engine builds is trees of
objects, freed by reference counting; whatever garbage with cycles there is
waits until the collector is back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the `with` block, and as it was afterwards (also after an error)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
