"""The book: one SQLite database opened through SQLAlchemy Core, migrated by Alembic, locked per process."""
from .book import (Book, BookCorruptError, BookError, BookLockedError, BookNotFoundError, BookPassphraseError,
                   BookTooNewError, default_book_path)

__all__ = ["Book", "BookError", "BookCorruptError", "BookLockedError", "BookNotFoundError", "BookPassphraseError",
           "BookTooNewError",
           "default_book_path"]
