"""The book on a real SQLite file: contributions, closing, the database's own refusal of changes,
verify naming year, table and row, status against the year before, reopening and history.

Figures are the example region's files (examples/region/bokslut/, split from aktiviteter.csv by
tools/example_book_files.py) or worked by hand in the comments.
"""

from __future__ import annotations

import shutil
import sqlite3

import pandas as pd
import pytest

import klimatbokslut as kb
from book_support import FILES, REGION, add_year, small_config
from klimatbokslut.book import schema
from klimatbokslut.errors import BookError


@pytest.fixture(scope="module")
def closed_book(tmp_path_factory):
    """2022 and 2023 closed, 2024 open with the four departments' files (a module-wide original; tests copy it)."""
    d = tmp_path_factory.mktemp("book")
    book = kb.Book.open(d / "bokslut.sqlite")
    for y in (2022, 2023, 2024):
        add_year(book, y)
    cfg = small_config(d)
    book.close(2022, cfg, by="Eva Ek")
    book.close(2023, cfg, by="Eva Ek")
    book.dispose()
    return d / "bokslut.sqlite", cfg


@pytest.fixture
def book_copy(closed_book, tmp_path):
    path, cfg = closed_book
    p = tmp_path / "bokslut.sqlite"
    shutil.copy(path, p)
    return kb.Book.open(p), cfg


def test_a_contribution_keeps_its_bytes_name_sha256_author_and_reading(tmp_path):
    book = kb.Book.open(tmp_path / "b.sqlite")
    c = book.add(2024, FILES / "fordon_2024.csv", by="Regionservice", area="fordon")
    raw = (FILES / "fordon_2024.csv").read_bytes()
    import hashlib

    assert c["name"] == "fordon_2024.csv" and c["sha256"] == hashlib.sha256(raw).hexdigest()
    assert c["added_by"] == "Regionservice" and c["rows"] == 10 and c["rejected"] == 0   # 11 lines: header + 10
    assert book.contributions(2024, content=True)[0]["content"] == raw


def test_replacing_a_contribution_keeps_the_old_one_marked_superseded(tmp_path):
    book = kb.Book.open(tmp_path / "b.sqlite")
    old = book.add(2024, FILES / "fordon_2024.csv", by="Regionservice")
    new = book.add(2024, FILES / "fordon_2024.csv", by="Regionservice", replaces=old["id"])
    current = book.contributions(2024)
    every = book.contributions(2024, include_superseded=True)
    assert [c["id"] for c in current] == [new["id"]]
    assert {c["id"]: c["superseded_by"] for c in every} == {old["id"]: new["id"], new["id"]: None}
    with pytest.raises(BookError, match="not a current contribution"):
        book.add(2024, FILES / "fordon_2024.csv", by="x", replaces=old["id"])


def test_rows_of_another_year_are_refused_each_named(tmp_path):
    book = kb.Book.open(tmp_path / "b.sqlite")
    with pytest.raises(BookError) as e:
        book.add(2023, FILES / "fordon_2024.csv", by="x")
    assert "10 rows are not of 2023" in str(e.value) and "row 2 (2024)" in str(e.value)
    assert book.contributions() == []


def test_a_closed_year_is_stored_as_computed_from_its_files(book_copy):
    book, cfg = book_copy
    stored = book.ledger(2023)
    # the same rows computed from the original example file, 2023 only
    acts = kb.read_activities(REGION / "aktiviteter.csv", on_error="collect")
    led = kb.calculate(acts, factors=kb.load_config(cfg).factor_set(), gwp="AR6", scope2_method="market")
    assert stored.total(year=2023).magnitude == pytest.approx(led.total(year=2023).magnitude, rel=1e-12)
    assert len(stored.frame) == int((led.frame["year"] == 2023).sum())
    assert list(stored.frame.columns) == list(led.frame.columns)
    assert book.is_closed(2023) and not book.is_closed(2024)


def test_a_closed_year_refuses_a_contribution_and_a_second_close(book_copy):
    book, cfg = book_copy
    with pytest.raises(BookError, match="2023 is closed"):
        book.add(2023, FILES / "fordon_2023.csv", by="x")
    with pytest.raises(BookError, match="2023 is closed"):
        book.close(2023, cfg)


def test_the_database_itself_refuses_update_and_delete_of_closed_rows(book_copy):
    book, _ = book_copy
    con = sqlite3.connect(book.where)
    try:
        for sql in ("UPDATE ledger_rows SET co2e_kg = 0", "DELETE FROM ledger_rows", "UPDATE closings SET hash = 'x'",
                    "DELETE FROM closings", "UPDATE contributions SET content = x'00' WHERE year = 2023",
                    "DELETE FROM contributions WHERE year = 2024",
                    "INSERT INTO contributions (year, kind, area, name, sha256, added_by, added_at, content, rows, "
                    "rejected, report) VALUES (2023, 'activities', '', 'x', 'x', 'x', 'x', x'00', 0, 0, '{}')"):
            with pytest.raises(sqlite3.DatabaseError, match="klimatbokslut book"):
                con.execute(sql)
            con.rollback()
    finally:
        con.close()
    assert book.verify() == []


def test_verify_names_year_table_and_row_of_a_figure_changed_behind_the_triggers(book_copy):
    book, _ = book_copy
    con = sqlite3.connect(book.where)
    con.execute("DROP TRIGGER ledger_rows_no_update")
    cid = con.execute("SELECT id FROM closings WHERE year = 2023").fetchone()[0]
    con.execute("UPDATE ledger_rows SET co2e_kg = co2e_kg * 10 WHERE closing_id = ? AND pos = 4", (cid,))
    con.commit()
    con.close()
    problems = book.verify()
    assert len(problems) == 1
    assert problems[0].startswith("2023: table ledger_rows") and "at row 5 (input row" in problems[0]


def test_verify_recompute_passes_and_names_a_changed_cell(book_copy):
    book, cfg = book_copy
    assert book.verify(recompute=True) == []
    con = sqlite3.connect(book.where)
    con.execute("DROP TRIGGER ledger_rows_no_update")
    con.execute("UPDATE ledger_rows SET amount = amount + 1 WHERE pos = 0 AND year = 2022")
    con.commit()
    con.close()
    problems = book.verify()
    assert problems and problems[0].startswith("2022: table ledger_rows")


def test_a_file_that_is_not_a_book_is_refused_and_not_changed(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_bytes(b"not a database at all\n")
    plain = tmp_path / "other.sqlite"
    con = sqlite3.connect(plain)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    for p in (text, plain):
        before = p.read_bytes()
        with pytest.raises(BookError, match="is not a book"):
            kb.Book.open(p)
        assert p.read_bytes() == before


def test_a_book_of_a_newer_schema_is_refused(tmp_path):
    book = kb.Book.open(tmp_path / "b.sqlite")
    book.dispose()
    con = sqlite3.connect(tmp_path / "b.sqlite")
    con.execute("UPDATE book_meta SET value = ? WHERE key = 'schema_version'", (str(schema.SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(BookError, match="newer klimatbokslut"):
        kb.Book.open(tmp_path / "b.sqlite")


def test_an_older_schema_is_migrated_on_opening(tmp_path, monkeypatch):
    book = kb.Book.open(tmp_path / "b.sqlite")
    book.dispose()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION, ["CREATE TABLE migrated_marker (x INTEGER)"])
    kb.Book.open(tmp_path / "b.sqlite").dispose()
    con = sqlite3.connect(tmp_path / "b.sqlite")
    assert con.execute("SELECT value FROM book_meta WHERE key = 'schema_version'").fetchone()[0] == \
        str(schema.SCHEMA_VERSION)
    assert con.execute("SELECT count(*) FROM migrated_marker").fetchone()[0] == 0
    con.close()


def test_status_warns_with_last_years_mwh_when_a_sites_heat_is_left_out(book_copy, tmp_path):
    book, _ = book_copy
    # fastigheter_2024.csv without Länssjukhuset's district heating (row 2024-FV2)
    lines = (FILES / "fastigheter_2024.csv").read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if not ln.startswith("2024-FV2;")]
    assert len(kept) == len(lines) - 1
    f = tmp_path / "fastigheter_2024.csv"
    f.write_text("\n".join(kept) + "\n", encoding="utf-8")
    old = next(c for c in book.contributions(2024) if c["area"] == "fastigheter")
    book.add(2024, f, by="Regionfastigheter", area="fastigheter", replaces=old["id"])
    w = book.status(2024).warnings
    heat = w[(w["activity"] == "district_heating") & (w["site"] == "Länssjukhuset")]
    # fastigheter_2023.csv, row 2023-FV2: Fjärrvärme;15 600;MWh;2023;Fastighet;Länssjukhuset
    assert heat[["kind", "unit", "previous", "current"]].values.tolist() == [["amount_missing", "MWh", 15600.0, 0.0]]


def test_status_flags_a_move_beyond_the_tolerance_and_not_within_it(book_copy):
    book, _ = book_copy
    w = book.status(2024).warnings
    # desflurane at Centralsjukhuset: 10 kg in 2023, 3 kg in 2024: −70 % (beyond ±30 %)
    d = w[(w["activity"] == "desflurane")]
    assert d[["previous", "current"]].values.tolist() == [[10.0, 3.0]]
    assert d["change"].iloc[0] == pytest.approx(-0.7)
    # with ±75 % it is within
    assert "desflurane" not in set(book.status(2024, tolerance=0.75).warnings["activity"])


def test_reopening_is_recorded_and_keeps_the_earlier_closing(book_copy):
    book, cfg = book_copy
    first = book.closed_years()[2023]
    with pytest.raises(BookError, match="reason"):
        book.reopen(2023, reason=" ")
    book.reopen(2023, by="Eva Ek", reason="fjärrvärmens leverantör rättade sitt värde")
    assert not book.is_closed(2023)
    book.add(2023, FILES / "fordon_2023.csv", by="Regionservice", area="fordon",
             replaces=next(c["id"] for c in book.contributions(2023) if c["area"] == "fordon"))
    again = book.close(2023, cfg, by="Eva Ek")
    assert again["hash"] != first["hash"]
    con = sqlite3.connect(book.where)
    assert con.execute("SELECT count(*) FROM closings WHERE year = 2023").fetchone()[0] == 2
    con.close()
    kinds = book.events().query("year == 2023")["kind"].tolist()
    assert kinds[-4:] == ["close", "reopen", "replace", "close"]
    assert book.verify() == []


def test_history_prints_published_and_restated(book_copy):
    book, _ = book_copy
    published = book.history().set_index("year")["published_t"]
    # a divestment of 4 300 t in 2022: 5.5 % of the base year 2022 (77 649 t), above the 5 % threshold, so 2022
    # is restated by that much
    book.adjust(2023, {"name": "Tvätteriet såldes", "kind": "divestment", "year": 2023,
                       "emissions": {"2022": "4 300 t CO2e"}, "scope": 3, "category": "purchased_goods_and_services",
                       "area": "purchases"}, by="Eva Ek", reason="tvätteriet såldes 2023")
    h = book.history().set_index("year")
    assert h.loc[2022, "published_t"] == published[2022]
    assert h.loc[2022, "restated_t"] == pytest.approx(published[2022] - 4300.0)
    assert h.loc[2023, "restated_t"] == pytest.approx(published[2023])
    assert "adjust" in h.loc[2023, "events"]


def test_views_answer_a_reading_tool(book_copy):
    book, _ = book_copy
    con = sqlite3.connect(book.where)
    totals = pd.read_sql("SELECT year, SUM(co2e_t) AS t FROM v_totals GROUP BY year", con).set_index("year")["t"]
    con.close()
    assert sorted(totals.index) == [2022, 2023]
    assert totals[2023] == pytest.approx(book.ledger(2023).total(year=2023).magnitude, rel=1e-9)
