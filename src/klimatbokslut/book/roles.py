"""PostgreSQL roles of a shared book: who may do what, enforced by the database.

``klimatbokslut book init --roles`` creates three group roles (``NOLOGIN``; grant them to the
people's login roles with ``GRANT klimatbokslut_contributor TO anna``):

``klimatbokslut_contributor``
    reads the book's tables, adds contributions to open years and marks its own replaced ones
    superseded (``INSERT`` on ``contributions`` and ``events``, ``UPDATE (superseded_by)`` on
    ``contributions``); cannot close, reopen or adjust (no ``INSERT`` on ``closings``, ``ledger_rows``,
    ``reopenings``, ``adjustments``), and like everyone cannot change a closed row (the triggers).
``klimatbokslut_closer``
    everything a contributor may, and closes, reopens and records adjustments.
``klimatbokslut_reader``
    reads the views (``v_closed_years``, ``v_totals``, ``v_ledger``, ``v_factors_used``,
    ``v_contributions``, ``v_targets``) and nothing else: what a spreadsheet or BI tool needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

from ..errors import BookError
from .schema import VIEWS

if TYPE_CHECKING:
    from .store import Book

TABLES = ("book_meta", "contributions", "closings", "ledger_rows", "reopenings", "adjustments", "events")


def role_statements(prefix: str = "klimatbokslut_") -> dict[str, list[str]]:
    """The SQL that creates and grants each role, by role name."""
    contributor, closer, reader = (f"{prefix}{r}" for r in ("contributor", "closer", "reader"))
    common = ["GRANT USAGE ON SCHEMA public TO {role}",
              f"GRANT SELECT ON {', '.join(TABLES)} TO {{role}}",
              "GRANT INSERT ON contributions, events TO {role}",
              "GRANT UPDATE (superseded_by) ON contributions TO {role}",
              "GRANT USAGE ON SEQUENCE contributions_id_seq, events_id_seq TO {role}"]
    out = {
        contributor: common,
        closer: common + ["GRANT INSERT ON closings, ledger_rows, reopenings, adjustments TO {role}",
                          "GRANT USAGE ON SEQUENCE closings_id_seq, adjustments_id_seq TO {role}"],
        reader: ["GRANT USAGE ON SCHEMA public TO {role}", f"GRANT SELECT ON {', '.join(VIEWS)} TO {{role}}"],
    }
    return {role: [s.format(role=role) for s in stmts] for role, stmts in out.items()}


def create_roles(book: Book, prefix: str = "klimatbokslut_") -> list[str]:
    """Create (or re-grant) the three roles on a PostgreSQL book; returns their names.

    Raises
    ------
    BookError
        The book is not on PostgreSQL (a SQLite file has no roles: its file permissions decide).
    """
    if book.dialect != "postgresql":
        raise BookError("roles need a PostgreSQL book (a SQLite book is one file: its file permissions decide who "
                        "may write)")
    made = []
    with book.engine.begin() as c:
        for role, stmts in role_statements(prefix).items():
            exists = c.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
            if not exists:
                c.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
            for s in stmts:
                c.execute(text(s))
            made.append(role)
    return made
