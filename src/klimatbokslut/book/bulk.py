"""Writing a closed year's ledger rows in bulk: the DBAPI's ``executemany`` on SQLite, ``COPY`` on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Connection

from .frames import row_hashes
from .schema import LEDGER_KINDS

COLUMNS = ["closing_id", "pos", *LEDGER_KINDS, "extra", "row_hash"]
#: PostgreSQL: the rows as CSV, ``\N`` for a missing value (so an empty text stays an empty text).
COPY_SQL = f"COPY ledger_rows ({', '.join(COLUMNS)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"


def csv_chunk(columns: list[list[Any]]) -> str:
    """Columns as CSV text for COPY (pandas writes it; floats as their shortest exact text)."""
    import io

    import pandas as pd

    buf = io.StringIO()
    frame = pd.DataFrame({i: pd.Series(col, dtype=object) for i, col in enumerate(columns)})
    frame.to_csv(buf, header=False, index=False, na_rep="\\N", lineterminator="\n")
    return buf.getvalue()


_CHUNK = 50_000


def write_rows(c: Connection, closing_id: int, cols: dict[str, Any], fault: Callable[[str], None],
               hashes_array: Any = None) -> None:
    """Insert the stored columns as ``ledger_rows`` of one closing (inside the caller's transaction).

    ``fault`` is called between chunks (tests kill the process there).
    """
    n = len(cols["row"])
    hashes = (row_hashes(cols) if hashes_array is None else hashes_array).tolist()
    data = [[closing_id] * n, list(range(n)), *(cols[k] for k in LEDGER_KINDS), cols["extra"], hashes]
    raw = c.connection.driver_connection
    if raw is None:                                  # pragma: no cover - a pooled connection always has one
        raise RuntimeError("no database connection")
    if c.dialect.name == "postgresql":
        with raw.cursor() as cur:
            with cur.copy(COPY_SQL) as cp:
                for start in range(0, n, _CHUNK):
                    cp.write(csv_chunk([col[start:start + _CHUNK] for col in data]))
                    fault("rows")
        return
    sql = f"INSERT INTO ledger_rows ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    cur = raw.cursor()
    rows = list(zip(*data))
    for start in range(0, n, _CHUNK):
        cur.executemany(sql, rows[start:start + _CHUNK])
        fault("rows")
    cur.close()
