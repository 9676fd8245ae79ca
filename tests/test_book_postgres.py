"""The book on a real PostgreSQL server (started by the tests, see tests/pg_server.py): the same book as on
SQLite, triggers refusing changes to closed rows, COPY-written rows read back, two closers at once, and the
roles of ``book init --roles`` enforced by the database: a contributor cannot close a year nor change a closed
row, a reader cannot write.
"""

from __future__ import annotations

import threading

import psycopg
import pytest

import klimatbokslut as kb
from book_support import FILES, add_year, small_config
from klimatbokslut.book.roles import create_roles
from klimatbokslut.errors import BookError
from pg_server import start


@pytest.fixture(scope="module")
def server():
    s = start()
    yield s
    s.stop()


_N = iter(range(1000))


@pytest.fixture
def db(server):
    """A fresh database on the server; its URL."""
    name = f"book_{next(_N)}"
    with psycopg.connect(server.url(), autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    return server.url(database=name)


def test_a_book_on_postgresql_closes_reads_back_and_verifies(db, tmp_path):
    book = kb.Book.open(db)
    add_year(book, 2024)
    c = book.close(2024, small_config(tmp_path), by="Eva Ek")
    led = book.ledger(2024)
    assert len(led.frame) == c["rows"]
    # the same year on SQLite: the same figures and the same hash content (the rows' values are the same)
    lite = kb.Book.open(tmp_path / "b.sqlite")
    add_year(lite, 2024)
    lite.close(2024, small_config(tmp_path))
    assert led.total(year=2024).magnitude == lite.ledger(2024).total(year=2024).magnitude
    assert led.frame.drop(columns=[]).equals(lite.ledger(2024).frame)
    assert book.verify() == [] and book.verify(recompute=True) == []


def test_postgresql_refuses_update_and_delete_of_closed_rows_and_verify_names_the_row(db, tmp_path):
    book = kb.Book.open(db)
    add_year(book, 2024)
    book.close(2024, small_config(tmp_path))
    url = db.replace("postgresql://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as con:
        for sql in ("UPDATE ledger_rows SET co2e_kg = 0", "DELETE FROM closings",
                    "UPDATE contributions SET superseded_by = 1 WHERE year = 2024"):
            with pytest.raises(psycopg.errors.RaiseException, match="klimatbokslut book"):
                con.execute(sql)
        con.execute("DROP TRIGGER ledger_rows_immutable ON ledger_rows")
        con.execute("UPDATE ledger_rows SET co2e_kg = co2e_kg + 1 WHERE pos = 2")
    problems = book.verify()
    assert len(problems) == 1
    assert problems[0].startswith("2024: table ledger_rows") and "row 3 (input row" in problems[0]


def test_two_closers_on_postgresql_exactly_one_succeeds(db, tmp_path):
    book = kb.Book.open(db)
    add_year(book, 2024)
    cfg = small_config(tmp_path)
    outcome: list[str] = []
    barrier = threading.Barrier(2)

    def close():
        b = kb.Book.open(db)
        fault = lambda point: barrier.wait(timeout=60) if point == "computed" else None
        try:
            b.close(2024, cfg, _fault=fault)
            outcome.append("closed")
        except BookError as exc:
            outcome.append(str(exc))

    threads = [threading.Thread(target=close) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o[:6] for o in outcome) == ["2024 i", "closed"]
    assert book.verify() == []


def _login(server, db: str, role: str, member_of: str) -> str:
    with psycopg.connect(db, autocommit=True) as c:
        c.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw'")
        c.execute(f"GRANT {member_of} TO {role}")
    return db.replace("postgres@", f"{role}:pw@", 1)


def test_roles_are_enforced_by_the_database(server, db, tmp_path):
    owner = kb.Book.open(db)
    prefix = f"r{abs(hash(db)) % 10_000}_"
    roles = create_roles(owner, prefix=prefix)
    assert roles == [f"{prefix}contributor", f"{prefix}closer", f"{prefix}reader"]
    contributor = kb.Book.open(_login(server, db, f"{prefix}anna", f"{prefix}contributor"))
    closer = kb.Book.open(_login(server, db, f"{prefix}eva", f"{prefix}closer"))
    reader_url = _login(server, db, f"{prefix}bo", f"{prefix}reader")
    cfg = small_config(tmp_path)
    # a contributor adds to an open year, and cannot close it
    add_year(contributor, 2024)
    with pytest.raises(Exception, match="permission denied"):
        contributor.close(2024, cfg)
    assert not owner.is_closed(2024)
    closer.close(2024, cfg, by="Eva")
    # nobody changes a closed row; the contributor has no right to either
    with psycopg.connect(_role_url(db, f"{prefix}anna"), autocommit=True) as c:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("UPDATE ledger_rows SET co2e_kg = 0")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("INSERT INTO reopenings (closing_id, at, by, reason) VALUES (1, 'x', 'x', 'x')")
    with pytest.raises(BookError, match="2024 is closed"):
        contributor.add(2024, FILES / "fordon_2024.csv", by="Anna")
    # a reader reads the views and writes nothing
    with psycopg.connect(reader_url, autocommit=True) as c:
        n = c.execute("SELECT count(*) FROM v_ledger").fetchone()[0]
        assert n == len(owner.ledger(2024).frame)
        for sql in ("INSERT INTO events (at, by, kind, detail) VALUES ('x', 'x', 'add', '{}')",
                    "SELECT * FROM contributions", "DELETE FROM ledger_rows"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(sql)
    assert owner.verify() == []


def _role_url(db: str, role: str) -> str:
    return db.replace("postgres@", f"{role}:pw@", 1)
