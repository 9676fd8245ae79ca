"""The book: the climate account kept in a database, year by year.

Contributions (activity files and own factor files, with who, when, sha256 and what reading
said) are added to open years; ``close`` computes a year and stores it as published, hash-chained
and immutable in the database itself; corrections are dated adjustments; ``verify`` re-checks
everything. SQLite (one file) by default, PostgreSQL for a shared book. See ``docs/book.md``.

Examples
--------
>>> import tempfile, os, klimatbokslut as kb
>>> book = kb.Book.open(os.path.join(tempfile.mkdtemp(), "bokslut.sqlite"))
>>> book.verify()
[]
"""

from __future__ import annotations

from .schema import SCHEMA_VERSION
from .store import Book

__all__ = ["SCHEMA_VERSION", "Book"]
