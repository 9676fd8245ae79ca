"""Reports from a book: with nothing restated, the example's report from its book has the same figures and
tables as the report from its files; a new factor edition changes only the open year."""

from __future__ import annotations

import shutil
import sqlite3

import pandas as pd
import pytest

import klimatbokslut as kb
from book_support import REGION, add_year, small_config
from klimatbokslut.book.example import build_example_book


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory):
    d = tmp_path_factory.mktemp("example_book")
    book = build_example_book(d / "bokslut.sqlite", REGION / "klimatbokslut.toml")
    from_files = kb.build_report(REGION / "klimatbokslut.toml")
    from_book = kb.build_report(REGION / "klimatbokslut.toml", book=book)
    return book, from_files, from_book


def test_the_example_book_has_three_closed_years_and_an_open_one_from_four_departments(example_reports):
    book, _, _ = example_reports
    assert sorted(book.closed_years()) == [2021, 2022, 2023]
    contribs = book.contributions(2024)
    assert {c["added_by"] for c in contribs if c["kind"] == "activities"} == {
        "Regionfastigheter", "Regionservice", "HR och resor", "Ekonomi och upphandling"}
    assert book.verify() == []


def test_the_report_from_the_book_equals_the_report_from_the_files_table_by_table(example_reports):
    _, files, bk = example_reports
    assert set(bk.tables) == set(files.tables) | {"book_years"}
    for name, expected in files.tables.items():
        got = bk.tables[name]
        if name == "rejects":
            # the same rows, named by the department's file and its line there instead of aktiviteter.csv's line
            assert got["file"].tolist() == [f"inkop_{y}.csv" for y in (2021, 2022, 2023, 2024)]
            expected, got = expected.drop(columns=["row", "file"]), got.drop(columns=["row", "file"])
        pd.testing.assert_frame_equal(got, expected, obj=name)


def test_the_report_from_the_book_names_each_years_state_and_edition(example_reports):
    _, _, bk = example_reports
    years = bk.tables["book_years"].set_index("year")
    assert years["state"].to_dict() == {2021: "closed", 2022: "closed", 2023: "closed", 2024: "open"}
    assert set(years["factor_version"]) == {kb.load_config(REGION / "klimatbokslut.toml").factor_set().version}


def test_a_new_factor_edition_changes_the_open_year_only(tmp_path):
    book = kb.Book.open(tmp_path / "b.sqlite")
    for y in (2023, 2024):
        add_year(book, y)
    cfg = small_config(tmp_path)
    book.close(2023, cfg, by="Eva Ek")
    before = (tmp_path / "b.sqlite").read_bytes()
    shutil.copy(tmp_path / "b.sqlite", tmp_path / "before.sqlite")
    old = kb.build_report(cfg, book=book)
    # a new edition: the district-heating networks' factor replaced (an illustrative value, not a published one)
    new_cfg = {**cfg, "factors": [{"activity": "district_heating", "region": "Göteborg", "valid_from": 2020,
                                   "valid_to": 2030, "value": 100.0, "unit": "g CO2e/kWh", "gas": "CO2e",
                                   "boundary": "lifecycle", "source_id": "test_edition"}],
               "sources": [{"source_id": "test_edition", "publisher": "test", "title": "a new edition for the test",
                            "url": "https://example.org"}]}
    new = kb.build_report(new_cfg, book=book)
    t_old, t_new = old.tables["totals"].set_index("year"), new.tables["totals"].set_index("year")
    assert t_new.loc[2023, "co2e_t"] == t_old.loc[2023, "co2e_t"]             # closed: as published
    assert t_new.loc[2024, "co2e_t"] != t_old.loc[2024, "co2e_t"]             # open: the new edition
    years = new.tables["book_years"].set_index("year")
    assert years.loc[2023, "factor_version"] == old.tables["book_years"].set_index("year").loc[2023, "factor_version"]
    assert years.loc[2024, "factor_version"].endswith("+user")
    assert years.loc[2023, "factor_version"] != years.loc[2024, "factor_version"]
    # the book's closed rows are the same to the byte
    con_a, con_b = sqlite3.connect(tmp_path / "b.sqlite"), sqlite3.connect(tmp_path / "before.sqlite")
    q = "SELECT * FROM ledger_rows ORDER BY closing_id, pos"
    assert con_a.execute(q).fetchall() == con_b.execute(q).fetchall()
    con_a.close()
    con_b.close()
    assert len(before) > 0
