"""Python's cyclic garbage collector holds the GIL while it scans every tracked object: with Qt, pandas,
pyqtgraph and SQLAlchemy imported and a 5,000-position book loaded that is ~200,000 objects and a 100 ms
pause of every thread, the GUI's included, at moments no one chooses (measured by benchmarks/gui_stalls.py).
Nearly all of them live as long as the window: `gc.freeze()` moves what exists now out of the collector's
scans (reference counting still frees any of it that is dropped; only a reference cycle among them would
stay), so later collections scan only what is new."""
from __future__ import annotations

import gc


def freeze_long_lived(*, collect: bool = False) -> None:
    """`collect`: first collect what is garbage already (one pause, chosen: the window is idle), so that
    nothing of it is kept for good."""
    if collect:
        gc.collect()
    gc.freeze()
