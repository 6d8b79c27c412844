"""JSON from a file someone else wrote: parsed by the standard library, but a document nested too deeply
for it (a RecursionError, a traceback) is refused like any other invalid JSON, with the same error type."""
from __future__ import annotations

import json


def loads(text: str, **options):
    try:
        return json.loads(text, **options)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply to be an export", text, 0) from None
