"""The example files ship with the package and are copied where the user works
(``klimatbokslut example --data DIR``, ``kb.copy_example_data``); a workbook read from the wrong
sheet, or with an unknown header, says where the data and the accepted headers are."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut.cli import main
from klimatbokslut.errors import InputError, KlimatbokslutError

ROOT = Path(__file__).resolve().parents[1]


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def test_the_copy_is_the_examples_folder_file_for_file(tmp_path):
    written = kb.copy_example_data(tmp_path)
    assert written and all(p.is_file() for p in written)
    for name, checkout in (("region", "region"), ("export", "export"), ("data", "data")):
        assert _digest(tmp_path / name) == _digest(ROOT / "examples" / checkout), name


def test_an_existing_file_is_kept_unless_overwrite(tmp_path):
    kb.copy_example_data(tmp_path)
    edited = tmp_path / "region" / "aktiviteter.csv"
    edited.write_text("my edits", encoding="utf-8")
    again = kb.copy_example_data(tmp_path)
    assert again == [] and edited.read_text(encoding="utf-8") == "my edits"
    kb.copy_example_data(tmp_path, overwrite=True)
    assert edited.read_bytes() == (ROOT / "examples" / "region" / "aktiviteter.csv").read_bytes()


def test_an_unknown_folder_names_the_choices():
    with pytest.raises(KlimatbokslutError, match="choose one of region, export, data"):
        kb.example_data_dir("regions")


def test_the_command_copies_and_says_where(tmp_path, capsys):
    assert main(["example", "--data", str(tmp_path / "klimat")]) == 0
    out = capsys.readouterr().out
    n_region = sum(1 for p in (ROOT / "examples" / "region").rglob("*") if p.is_file())
    assert f"{tmp_path / 'klimat' / 'region'}: {n_region} filer" in out      # the terminal's default language
    assert (tmp_path / "klimat" / "export" / "miljodata_2024.xlsx").is_file()


def test_the_workbook_has_its_data_on_the_second_sheet():
    book = ROOT / "examples" / "export" / "miljodata_2024.xlsx"
    assert pd.ExcelFile(book).sheet_names == ["Om exporten", "Miljödata 2024"]
    acts = kb.read_activities(book, sheet="Miljödata 2024")
    csv = kb.read_activities(ROOT / "examples" / "export" / "miljodata_2024_rattad.csv")
    # The same 14 rows as the corrected CSV export, amount for amount.
    assert len(acts.frame) == len(csv.frame) == 14
    assert acts.frame["amount"].tolist() == csv.frame["amount"].tolist()


def test_reading_the_first_sheet_names_the_other_sheets():
    with pytest.raises(InputError) as info:
        kb.read_activities(ROOT / "examples" / "export" / "miljodata_2024.xlsx")
    reasons = info.value.failures["reason"].tolist()
    assert sum("the workbook also has 'Miljödata 2024'" in r for r in reasons) == 1
    assert all("required column missing" in r for r in reasons)


def test_an_unknown_header_lists_the_accepted_ones():
    frame = pd.DataFrame({"Benämning": ["Diesel"], "Mängd": [100], "Enhet": ["l"], "År": [2024]})
    with pytest.raises(InputError) as info:
        kb.read_activities(frame)
    (reason,) = info.value.failures["reason"].tolist()
    assert "found: Benämning, Mängd, Enhet, År" in reason
    assert "headers accepted for activity: activity, aktivitet" in reason and "section Columns" in reason
    assert "sheet" not in reason          # a DataFrame has no sheets to point to
