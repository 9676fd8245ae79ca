"""Benchmarks of the book (run on demand; not part of the test suite).

    python benchmarks/book.py                 # 1M ledger rows
    python benchmarks/book.py --rows 100000   # a quick run
    python benchmarks/book.py --no-postgres   # without the PostgreSQL server

Every figure is a ratio of two timings from the same run (best of ``--repeat``), on a year of the
synthetic table of ``benchmarks/synthetic.py`` calculated once, outside the timings:

* **close into SQLite**: the write half of a close (``Book.store_closing``: the ledger frame to stored
  columns, the sha256 over every cell, a row hash per row, the chain link, the rows and the header in
  one transaction, with the triggers in place) against a bare ``executemany`` of the same columns,
  from the same frame, into a table of the same columns without triggers, in one transaction.
  Goal ≤ 2.
* **read back**: ``Book.ledger(year)`` (the rows back as a ledger with the dtypes they had) against
  ``pandas.read_sql`` of the same rows from the same table. Goal ≤ 2.
* **COPY into PostgreSQL**: ``Book.store_closing`` on a PostgreSQL book (rows written with COPY, as
  CSV made by pandas) against a bare psycopg COPY of the same columns from the same frame, in the
  same CSV form, into a table without triggers. Goal ≤ 2. Needs the PostgreSQL server binaries
  (tests/pg_server.py starts a server).
* **report from the book**: ``kb.build_report`` of the example region from its book (2021–2023
  closed, 2024 open) against the same report from its files. Goal ≤ 1.1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

import klimatbokslut as kb  # noqa: E402
import synthetic  # noqa: E402
from klimatbokslut.book.bulk import COLUMNS, COPY_SQL, csv_chunk  # noqa: E402
from klimatbokslut.book.frames import stored_columns  # noqa: E402
from klimatbokslut.book.schema import LEDGER_KINDS  # noqa: E402
from run import timed  # noqa: E402  (best of `repeat` runs, as the other benchmarks)


def line(name: str, mine: float, base: float, goal: float) -> dict:
    ratio = mine / base
    print(f"  {name:<26} {ratio:6.2f}   goal ≤ {goal:<4} {'met' if ratio <= goal else 'MISSED':<7}"
          f" ({mine:.2f} s against {base:.2f} s)", flush=True)
    return {"name": name, "ratio": ratio, "goal": goal, "mine_s": mine, "base_s": base}


def _header(frame) -> dict:
    _, dtypes = stored_columns(frame.iloc[:0])
    return {"settings": {"gwp": "AR6", "scope2_method": "market", "radiative_forcing": True, "factor_version": "",
                         "own_factor_files": {}, "price_index": {}},
            "ledger": {"input_rows": len(frame), "blank_rows": 0, "inputs": {}, "rejects": [],
                       "rejects_columns": [], "unvalued_failures": []},
            "contributions": [], "totals": {}, "targets": [], "uncertainty": None, "dtypes": dtypes}


def _bare_rows(frame) -> list[tuple]:
    """The same columns as the book stores, from the frame, as tuples (what a bare executemany/COPY sends)."""
    n = len(frame)
    cols = [[1] * n, list(range(n))]
    for c in LEDGER_KINDS:
        cols.append(frame[c].astype(object).where(frame[c].notna(), None).tolist() if c in frame.columns
                    else [None] * n)
    cols += [[None] * n, [0] * n]
    return list(zip(*cols))


def sqlite_ratios(frame, repeat: int) -> list[dict]:
    import sqlite3

    import pandas as pd

    out = []
    header = _header(frame)
    ddl = ", ".join(COLUMNS)
    mine_t, base_t = float("inf"), float("inf")
    with tempfile.TemporaryDirectory() as d:
        for i in range(repeat):
            book = kb.Book.open(Path(d) / f"b{i}.sqlite")
            t = time.perf_counter()
            cols, _ = stored_columns(frame)
            book.store_closing(2024, header, cols, by="bench")
            mine_t = min(mine_t, time.perf_counter() - t)
            book.dispose()

            con = sqlite3.connect(Path(d) / f"bare{i}.sqlite", isolation_level=None)
            con.execute(f"CREATE TABLE ledger_rows ({ddl})")
            t = time.perf_counter()
            rows = _bare_rows(frame)
            con.execute("BEGIN")
            con.executemany(f"INSERT INTO ledger_rows VALUES ({', '.join('?' * len(COLUMNS))})", rows)
            con.execute("COMMIT")
            base_t = min(base_t, time.perf_counter() - t)
            con.close()
        out.append(line("close into SQLite", mine_t, base_t, 2.0))

        book = kb.Book.open(Path(d) / "b0.sqlite", create=False)
        mine_r, _ = timed(lambda: book.ledger(2024), repeat)
        con = sqlite3.connect(Path(d) / "b0.sqlite")
        base_r, _ = timed(lambda: pd.read_sql("SELECT * FROM ledger_rows WHERE closing_id = 1 ORDER BY pos", con),
                          repeat)
        con.close()
        out.append(line("read back", mine_r, base_r, 2.0))
    return out


def postgres_ratio(frame, repeat: int) -> list[dict]:
    import psycopg

    from pg_server import start

    server = start()
    try:
        header = _header(frame)
        mine_t, base_t = float("inf"), float("inf")
        for i in range(repeat):
            with psycopg.connect(server.url(), autocommit=True) as c:
                c.execute(f"CREATE DATABASE bench_{i}")
                c.execute(f"CREATE DATABASE bare_{i}")
            book = kb.Book.open(server.url(database=f"bench_{i}"))
            t = time.perf_counter()
            cols, _ = stored_columns(frame)
            book.store_closing(2024, header, cols, by="bench")
            mine_t = min(mine_t, time.perf_counter() - t)
            book.dispose()
            with psycopg.connect(server.url(database=f"bare_{i}")) as con:
                types = {"i": "bigint", "f": "double precision", "b": "boolean", "t": "text"}
                ddl = ", ".join(["closing_id integer", "pos integer",
                                 *(f"{c} {types[k]}" for c, k in LEDGER_KINDS.items()), "extra text",
                                 "row_hash bigint"])
                con.execute(f"CREATE TABLE ledger_rows ({ddl})")
                con.commit()
                t = time.perf_counter()
                columns = [list(col) for col in zip(*_bare_rows(frame))]
                with con.cursor() as cur, cur.copy(COPY_SQL) as cp:
                    for start in range(0, len(frame), 50_000):
                        cp.write(csv_chunk([col[start:start + 50_000] for col in columns]))
                con.commit()
                base_t = min(base_t, time.perf_counter() - t)
        return [line("COPY into PostgreSQL", mine_t, base_t, 2.0)]
    finally:
        server.stop()


def report_ratio(repeat: int) -> list[dict]:
    from klimatbokslut.book.example import build_example_book

    cfg = ROOT / "examples" / "region" / "klimatbokslut.toml"
    with tempfile.TemporaryDirectory() as d:
        book = build_example_book(Path(d) / "b.sqlite", cfg)
        kb.build_report(cfg)                                    # warm both paths once
        files_t, _ = timed(lambda: kb.build_report(cfg), repeat)
        book_t, _ = timed(lambda: kb.build_report(cfg, book=book), repeat)
    return [line("report from the book", book_t, files_t, 1.1)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--no-postgres", action="store_true")
    args = p.parse_args(argv)
    acts = synthetic.activities(args.rows)
    acts = acts.assign(year=2024)
    frame = kb.calculate(acts).frame
    print(f"book benchmarks: {len(frame):,} ledger rows, {len(frame.columns)} columns, best of {args.repeat}")
    results = sqlite_ratios(frame, args.repeat)
    if not args.no_postgres:
        results += postgres_ratio(frame, args.repeat)
    results += report_ratio(args.repeat)
    return 0 if all(r["ratio"] <= r["goal"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
