"""Guard: PySide6 6.12.0 on Python 3.11 drops a reference to True on every Signal.emit() and the
interpreter dies with `Fatal Python error: bool_dealloc` after a few hundred emits. Our pin excludes it;
this test fails loudly if a broken build slips back in."""
import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    ticked = Signal(object)
    flagged = Signal(bool)


def test_ten_thousand_emits_keep_the_refcount_of_true(qtbot):
    emitter = Emitter()
    received = []
    emitter.ticked.connect(received.append)
    emitter.flagged.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(10_000):
        emitter.ticked.emit(i)
        emitter.flagged.emit(True)
    assert len(received) == 20_000
    assert sys.getrefcount(True) >= before
