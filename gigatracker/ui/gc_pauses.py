"""Python's cyclic garbage collector holds the GIL while it scans every tracked object: with Qt, pandas,
pyqtgraph and SQLAlchemy imported and a 5,000-position book loaded that is ~200,000 objects and a 100 ms
pause of every thread, the GUI's included, at moments no one chooses (measured by benchmarks/gui_stalls.py).
Nearly all of them live as long as the window: `gc.freeze()` moves what exists now out of the collector's
scans (reference counting still frees any of it that is dropped; only a reference cycle among them would
stay), so later collections scan only what is new."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

from ..core.ledger import paused_gc


def freeze_long_lived(*, collect: bool = False) -> None:
    """`collect`: first collect what is garbage already (one pause, chosen: the window is idle), so that
    nothing of it is kept for good."""
    if collect:
        gc.collect()
    gc.freeze()


@contextmanager
def building_long_lived() -> Iterator[None]:
    """For a worker making what the window shows until its next load (a 100k-transaction table is a million
    cells and rows): the collector is paused while they are made, then they are frozen, so no collection
    walks them. Otherwise the collections they set off held every thread, the GUI's included, for 150–300 ms
    each, several times a load. What the previous load made is still freed by reference counting when it
    is dropped; the cyclic garbage frozen with a load was measured at 0–100 objects."""
    with paused_gc():
        yield
        gc.freeze()
