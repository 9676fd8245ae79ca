"""Opening a book: where it is, whether it is one, its schema version, and creating a new one.

A path is a SQLite file; a URL (``postgresql://...``, ``sqlite:///...``) is used as it is
(``postgresql://`` is read as ``postgresql+psycopg://``, psycopg 3). An existing file that is not
a SQLite database, or a SQLite database without the book's ``book_meta`` table, is refused before
anything is written to it.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, insert, inspect, select, text

from ..errors import BookError
from . import schema as S

_SQLITE_MAGIC = b"SQLite format 3\x00"


def connect_url(where: str | os.PathLike, *, create: bool) -> tuple[str, bool]:
    """The SQLAlchemy URL of a book and whether it is to be created (a SQLite file that does not exist)."""
    s = str(where)
    if "://" in s:
        if s.startswith(("postgresql://", "postgres://")):
            s = "postgresql+psycopg://" + s.split("://", 1)[1]
        if s.startswith("sqlite:///"):
            return s, not Path(s[len("sqlite:///"):]).exists()
        return s, False           # a server database: created by check_book when empty
    path = Path(s)
    if not path.exists():
        if not create:
            raise BookError(f"{path}: no such book (klimatbokslut book init {path} creates one)")
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}", True
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head != _SQLITE_MAGIC:
        raise BookError(f"{path} is not a book (not a SQLite database); it was not changed")
    return f"sqlite:///{path}", False


def create_schema(engine: Engine) -> None:
    """Create the tables, views and triggers of a new book, and record the format and version."""
    with engine.begin() as c:
        S.metadata.create_all(c)
        for name, body in S.VIEWS.items():
            c.execute(text(f"CREATE VIEW {name} AS {body}"))
        for stmt in (S.sqlite_triggers() if engine.dialect.name == "sqlite" else S.postgres_triggers()):
            c.execute(text(stmt))
        c.execute(insert(S.book_meta), [{"key": "format", "value": S.FORMAT},
                                        {"key": "schema_version", "value": str(S.SCHEMA_VERSION)}])


def check_book(engine: Engine, where: str) -> None:
    """Refuse what is not a book or is newer; migrate an older book; check the chain's links.

    An empty PostgreSQL database (no tables at all) becomes a new book.
    """
    names = set(inspect(engine).get_table_names())
    if not names and engine.dialect.name == "postgresql":
        create_schema(engine)
        return
    if "book_meta" not in names:
        raise BookError(f"{where} is not a book (no book_meta table); it was not changed")
    with engine.connect() as c:
        meta = dict(c.execute(select(S.book_meta.c.key, S.book_meta.c.value)).all())
        c.rollback()
    if meta.get("format") != S.FORMAT:
        raise BookError(f"{where} is not a book (format {meta.get('format')!r}); it was not changed")
    version = int(meta.get("schema_version", "0") or 0)
    if version > S.SCHEMA_VERSION:
        raise BookError(f"{where} was written by a newer klimatbokslut (book schema {version}; this version reads "
                        f"up to {S.SCHEMA_VERSION}): upgrade klimatbokslut to open it")
    if version < S.SCHEMA_VERSION:
        migrate(engine, version)
    check_chain_links(engine, where)


def migrate(engine: Engine, version: int) -> None:
    """Run the migrations from ``version`` to :data:`~.schema.SCHEMA_VERSION` in one transaction."""
    with engine.begin() as c:
        for v in range(version + 1, S.SCHEMA_VERSION + 1):
            for stmt in S.MIGRATIONS.get(v, []):
                c.execute(text(stmt))
        c.execute(S.book_meta.update().where(S.book_meta.c.key == "schema_version")
                  .values(value=str(S.SCHEMA_VERSION)))


def check_chain_links(engine: Engine, where: str) -> None:
    """The cheap check on opening: each closing links to the hash of the one before, the head's rows are all there."""
    with engine.connect() as c:
        rows = c.execute(select(S.closings.c.id, S.closings.c.seq, S.closings.c.prev_hash, S.closings.c.hash,
                                S.closings.c.row_count).order_by(S.closings.c.seq)).all()
        head_rows = None
        if rows:
            head_rows = c.execute(text("SELECT COUNT(*) FROM ledger_rows WHERE closing_id = :i"),
                                  {"i": rows[-1].id}).scalar_one()
        c.rollback()
    prev = ""
    for i, r in enumerate(rows, start=1):
        if int(r.seq) != i or r.prev_hash != prev:
            raise BookError(f"{where}: the hash chain is broken at closing {r.id} (position {r.seq}); "
                            "run klimatbokslut book verify")
        prev = r.hash
    if rows and head_rows != rows[-1].row_count:
        raise BookError(f"{where}: the last closing (id {rows[-1].id}) has {head_rows} ledger rows, "
                        f"its header says {rows[-1].row_count}; run klimatbokslut book verify")
