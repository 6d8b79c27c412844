"""Alembic migrations of the book schema; run by Book at open, inside one explicit transaction.

SCHEMA_HEAD and KNOWN_REVISIONS let an up-to-date book open without importing Alembic (about 200 ms);
a test checks they match Alembic's own view of this folder.
"""
from pathlib import Path

KNOWN_REVISIONS = tuple(sorted(p.name.split("_", 1)[0] for p in (Path(__file__).parent / "versions").glob("[0-9]*_*.py")))
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
