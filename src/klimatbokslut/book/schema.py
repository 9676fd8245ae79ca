"""The book's tables, views and triggers, its schema version and the migrations between versions.

The schema is SQLAlchemy Core metadata, created the same way on SQLite and PostgreSQL. Every
table of what was closed is insert-only: triggers refuse an ``UPDATE`` or a ``DELETE`` on
``closings``, ``ledger_rows``, ``reopenings``, ``adjustments`` and ``events`` (on SQLite with
``RAISE(ABORT)``, on PostgreSQL with a trigger function), and a contribution of a closed year can
be neither changed nor deleted nor added. A contribution of an open year may only be marked
superseded (``superseded_by``), never deleted.

Migrations are a documented alternative to Alembic (one dependency fewer for a one-file book):
``book_meta.schema_version`` holds the version; :data:`MIGRATIONS` maps each version to the
statements that bring a book from the version before to it, run in one transaction when a book
is opened by a newer library. A book whose version is newer than :data:`SCHEMA_VERSION` is refused.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ..ledger import LEDGER_COLUMNS

#: The book format's name in ``book_meta`` (a file without it is not a book).
FORMAT = "klimatbokslut-book"
#: The schema version this library writes.
SCHEMA_VERSION = 1
#: Statements that upgrade a book to each version from the one before (none yet: version 1 is the first).
MIGRATIONS: dict[int, list[str]] = {}

metadata = MetaData()

book_meta = Table("book_meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text))

contributions = Table(
    "contributions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False, index=True),
    Column("kind", String(16), nullable=False),           # "activities" or "factors"
    Column("area", String(64), nullable=False, default=""),
    Column("name", Text, nullable=False),                 # the file's name as given
    Column("sha256", String(64), nullable=False),
    Column("added_by", Text, nullable=False),
    Column("added_at", String(32), nullable=False),
    Column("content", LargeBinary, nullable=False),       # the file's bytes, as given
    Column("rows", Integer, nullable=False),              # rows read
    Column("rejected", Integer, nullable=False),          # rows that could not be used
    Column("report", Text, nullable=False),               # JSON: notes and rejected rows
    Column("superseded_by", Integer, nullable=True),
)

closings = Table(
    "closings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("seq", Integer, nullable=False, unique=True),  # position in the hash chain
    Column("year", Integer, nullable=False, index=True),
    Column("generation", Integer, nullable=False),        # how many times the year was reopened before
    Column("closed_at", String(32), nullable=False),
    Column("closed_by", Text, nullable=False),
    Column("header", Text, nullable=False),               # JSON: settings, totals, targets, contributions, ...
    Column("row_count", Integer, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("year", "generation", name="one_closing_per_year_and_generation"),
)

reopenings = Table(
    "reopenings", metadata,
    Column("closing_id", Integer, ForeignKey("closings.id"), primary_key=True),
    Column("at", String(32), nullable=False),
    Column("by", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

adjustments = Table(
    "adjustments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False),             # the year the change took effect
    Column("at", String(32), nullable=False),
    Column("by", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("kind", String(32), nullable=False),           # "change" or "method_change"
    Column("spec", Text, nullable=False),                 # JSON: the [[recalculation...]] entry
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("by", Text, nullable=False),
    Column("kind", String(16), nullable=False),           # add, replace, close, reopen, adjust
    Column("year", Integer, nullable=True),
    Column("detail", Text, nullable=False),
)

#: Column type per stored ledger column: ``i`` integer, ``f`` float, ``b`` boolean, ``t`` text.
LEDGER_KINDS: dict[str, str] = {c: "t" for c in LEDGER_COLUMNS}
LEDGER_KINDS.update({c: "i" for c in ("row", "year", "scope", "factor_year")})
LEDGER_KINDS.update({c: "b" for c in ("correction", "round_trip")})
LEDGER_KINDS.update({c: "f" for c in (
    "amount", "energy_mj", "distance_km", "renewable_share", "fossil_free_share", "recovered_share", "co2_kg",
    "ch4_kg", "n2o_kg", "other_gas_kg", "co2e_direct_kg", "co2e_upstream_kg", "co2e_kg", "co2e_location_kg",
    "co2e_market_kg", "co2_biogenic_kg")})
LEDGER_KINDS["energy_normal_mj"] = "f"
_SQL = {"i": BigInteger, "f": Float, "b": Boolean, "t": Text}

ledger_rows = Table(
    "ledger_rows", metadata,
    Column("closing_id", Integer, ForeignKey("closings.id"), nullable=False, index=True),
    Column("pos", Integer, nullable=False),
    *(Column(c, _SQL[k], nullable=True) for c, k in LEDGER_KINDS.items()),
    Column("extra", Text, nullable=True),                 # JSON of the columns beyond the standard ones
    Column("row_hash", BigInteger, nullable=False),       # locates a changed row; the chain covers the content
)

#: Tables whose rows are never updated nor deleted.
INSERT_ONLY = ("closings", "ledger_rows", "reopenings", "adjustments", "events")

#: A year is closed while a closing of it has no reopening.
CLOSED_YEAR = ("EXISTS (SELECT 1 FROM closings c WHERE c.year = {row}.year AND NOT EXISTS "
               "(SELECT 1 FROM reopenings r WHERE r.closing_id = c.id))")

VIEWS = {
    # the current closing of each closed year
    "v_closed_years": """
        SELECT c.year, c.id AS closing_id, c.closed_at, c.closed_by, c.row_count, c.hash
        FROM closings c WHERE NOT EXISTS (SELECT 1 FROM reopenings r WHERE r.closing_id = c.id)""",
    "v_totals": """
        SELECT l.year, l.scope, l.area, l.category, SUM(l.co2e_kg) / 1000.0 AS co2e_t,
               SUM(l.co2e_location_kg) / 1000.0 AS co2e_location_t, SUM(l.co2e_market_kg) / 1000.0 AS co2e_market_t,
               COUNT(*) AS rows
        FROM ledger_rows l JOIN v_closed_years y ON y.closing_id = l.closing_id
        GROUP BY l.year, l.scope, l.area, l.category""",
    "v_ledger": """
        SELECT l.* FROM ledger_rows l JOIN v_closed_years y ON y.closing_id = l.closing_id""",
    "v_factors_used": """
        SELECT l.year, l.activity, l.factor_ids, l.source_ids, l.factor_year, COUNT(*) AS rows
        FROM ledger_rows l JOIN v_closed_years y ON y.closing_id = l.closing_id
        GROUP BY l.year, l.activity, l.factor_ids, l.source_ids, l.factor_year""",
    "v_contributions": """
        SELECT id, year, kind, area, name, sha256, added_by, added_at, rows, rejected,
               CASE WHEN superseded_by IS NULL THEN 0 ELSE 1 END AS superseded
        FROM contributions""",
    "v_targets": """
        SELECT c.year, c.closed_at, c.header FROM closings c JOIN v_closed_years y ON y.closing_id = c.id""",
}


def sqlite_triggers() -> list[str]:
    """The SQLite triggers that make closed content immutable."""
    out = []
    for t in INSERT_ONLY:
        for op in ("UPDATE", "DELETE"):
            out.append(f"CREATE TRIGGER IF NOT EXISTS {t}_no_{op.lower()} BEFORE {op} ON {t} "
                       f"BEGIN SELECT RAISE(ABORT, 'klimatbokslut book: {t} is closed: {op} refused'); END")
    closed_new, closed_old = CLOSED_YEAR.format(row="NEW"), CLOSED_YEAR.format(row="OLD")
    out += [
        "CREATE TRIGGER IF NOT EXISTS contributions_no_delete BEFORE DELETE ON contributions "
        "BEGIN SELECT RAISE(ABORT, 'klimatbokslut book: contributions are never deleted'); END",
        f"CREATE TRIGGER IF NOT EXISTS contributions_closed_update BEFORE UPDATE ON contributions WHEN {closed_old} "
        "BEGIN SELECT RAISE(ABORT, 'klimatbokslut book: the year is closed: UPDATE refused'); END",
        "CREATE TRIGGER IF NOT EXISTS contributions_only_supersede BEFORE UPDATE ON contributions "
        "WHEN NEW.id IS NOT OLD.id OR NEW.year IS NOT OLD.year OR NEW.content IS NOT OLD.content "
        "OR NEW.sha256 IS NOT OLD.sha256 OR NEW.rows IS NOT OLD.rows OR NEW.report IS NOT OLD.report "
        "OR NEW.kind IS NOT OLD.kind OR NEW.name IS NOT OLD.name OR OLD.superseded_by IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'klimatbokslut book: a contribution is only ever marked superseded'); END",
        f"CREATE TRIGGER IF NOT EXISTS contributions_closed_insert BEFORE INSERT ON contributions WHEN {closed_new} "
        "BEGIN SELECT RAISE(ABORT, 'klimatbokslut book: the year is closed: INSERT refused'); END",
    ]
    return out


def postgres_triggers() -> list[str]:
    """The PostgreSQL trigger functions and triggers that make closed content immutable."""
    out = ["""CREATE OR REPLACE FUNCTION kb_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'klimatbokslut book: % is closed: % refused', TG_TABLE_NAME, TG_OP; END $$""",
           f"""CREATE OR REPLACE FUNCTION kb_contribution_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'klimatbokslut book: contributions are never deleted'; END IF;
  IF TG_OP = 'UPDATE' THEN
    IF {CLOSED_YEAR.format(row="OLD")} THEN
      RAISE EXCEPTION 'klimatbokslut book: the year is closed: UPDATE refused'; END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.year IS DISTINCT FROM OLD.year
       OR NEW.content IS DISTINCT FROM OLD.content OR NEW.sha256 IS DISTINCT FROM OLD.sha256
       OR NEW.rows IS DISTINCT FROM OLD.rows OR NEW.report IS DISTINCT FROM OLD.report
       OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.name IS DISTINCT FROM OLD.name
       OR OLD.superseded_by IS NOT NULL THEN
      RAISE EXCEPTION 'klimatbokslut book: a contribution is only ever marked superseded'; END IF;
    RETURN NEW;
  END IF;
  IF {CLOSED_YEAR.format(row="NEW")} THEN
    RAISE EXCEPTION 'klimatbokslut book: the year is closed: INSERT refused'; END IF;
  RETURN NEW;
END $$"""]
    for t in INSERT_ONLY:
        out.append(f"CREATE TRIGGER {t}_immutable BEFORE UPDATE OR DELETE ON {t} "
                   "FOR EACH ROW EXECUTE FUNCTION kb_refuse()")
    out.append("CREATE TRIGGER contributions_guard BEFORE INSERT OR UPDATE OR DELETE ON contributions "
               "FOR EACH ROW EXECUTE FUNCTION kb_contribution_guard()")
    return out
