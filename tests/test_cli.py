"""The command line: the bundled example, calculate, validate, factors."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut.cli import _example_dir, main


def test_example_writes_ledger_and_summaries_that_agree(tmp_path, capsys):
    assert main(["example", "-o", str(tmp_path)]) == 0
    ledger = pd.read_csv(tmp_path / "ledger.csv")
    by_scope = pd.read_csv(tmp_path / "summary_scope.csv")
    assert len(ledger) == 222        # 226 rows read, 4 spend rows replaced by litres of fuel
    assert by_scope["co2e_t"].sum() == pytest.approx(ledger["co2e_kg"].sum() / 1000, rel=1e-9)
    xl = pd.read_excel(tmp_path / "klimatbokslut_ledger.xlsx", sheet_name=None)
    assert {"ledger", "summary_scope", "rejects", "factors_used", "about"} <= set(xl)
    assert xl["summary_area"]["co2e_t"].sum() == pytest.approx(by_scope["co2e_t"].sum(), rel=1e-9)
    out = capsys.readouterr().out
    assert "fictitious" in out and "scope 1" in out


def test_example_data_is_inside_the_installation():
    assert (_example_dir() / "aktiviteter.csv").is_file()


def test_calculate_and_validate(tmp_path, capsys):
    good = Path(__file__).parent / "data" / "aktiviteter_20.csv"
    assert main(["calculate", str(good), "-o", str(tmp_path / "o"), "--gwp", "AR5"]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("aktivitet;mängd;enhet;år\nel;1 000;l;2023\ndiesel;5;l;2024\n", encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr()
    assert "cannot measure electricity" in out.out and "1 of 2 rows" in out.err
    assert main(["calculate", str(bad), "-o", str(tmp_path / "p")]) == 1      # strict by default
    assert main(["calculate", str(bad), "-o", str(tmp_path / "q"), "--lenient"]) == 0
    assert (tmp_path / "q" / "rejects.csv").is_file()


def test_factors_commands(tmp_path, capsys):
    assert main(["factors", "list", "--activity", "n2o"]) == 0
    assert main(["factors", "show", "no-such-factor"]) == 2
    assert main(["factors", "export", str(tmp_path / "f.csv")]) == 0
    exported = pd.read_csv(tmp_path / "f.csv")
    assert len(exported) == len(kb.default_factors().factors)
    assert exported["url"].notna().all()


def test_help_everywhere():
    for args in (["--help"], ["example", "--help"], ["factors", "--help"], ["calculate", "--help"]):
        r = subprocess.run([sys.executable, "-m", "klimatbokslut.cli", *args], capture_output=True, text=True)
        assert r.returncode == 0 and "usage" in r.stdout
