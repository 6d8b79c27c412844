"""The book: a SQLite file (one process at a time), or a PostgreSQL database shared by a firm (server_book.py);
either through SQLAlchemy Core, migrated by Alembic."""
from .book import (Book, BookCorruptError, BookError, BookLockedError, BookNotFoundError, BookPassphraseError,
                   BookTooNewError, default_book_path, is_server_url)

__all__ = ["Book", "BookError", "BookCorruptError", "BookLockedError", "BookNotFoundError", "BookPassphraseError",
           "BookTooNewError", "default_book_path", "is_server_url"]
