"""Alembic migrations of the book schema; run by Book at open, inside one explicit transaction."""
