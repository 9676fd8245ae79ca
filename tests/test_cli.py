"""The command line: the bundled example, calculate, validate, factors."""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut.cli import _example_dir, main
from klimatbokslut.report.workbook import read_report_workbook
from klimatbokslut.text import auto_decimals


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    import contextlib
    import io

    out = tmp_path_factory.mktemp("example")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["example", "-o", str(out), "-q"])
    return code, out, buf.getvalue()


def test_example_writes_ledger_and_summaries_that_agree(example_run):
    code, tmp_path, out = example_run
    assert code == 0
    # The example report is Swedish: its CSV files are written for Swedish Excel.
    ledger = pd.read_csv(tmp_path / "ledger.csv", sep=";", decimal=",", encoding="utf-8-sig")
    by_scope = pd.read_csv(tmp_path / "summary_scope.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert len(ledger) == 240        # 244 rows read, 4 spend rows replaced by litres of fuel
    # tonnes keep 3 decimals in the CSV (klimatbokslut.precision): each of the summary's rows within 0.0005 t
    assert by_scope["Utsläpp (ton CO2e)"].sum() == pytest.approx(ledger["Utsläpp (kg CO2e)"].sum() / 1000,
                                                                 abs=len(by_scope) * 0.0005)
    xl = pd.read_excel(tmp_path / "klimatbokslut_ledger.xlsx", sheet_name=None)
    assert {"ledger", "summary_scope", "rejects", "factors_used", "about"} <= set(xl)
    assert xl["summary_area"]["co2e_t"].sum() == pytest.approx(by_scope["Utsläpp (ton CO2e)"].sum(),
                                                               abs=len(by_scope) * 0.0005)
    assert "fiktiv exempelregion" in out and "scope 1" in out


def test_example_data_is_inside_the_installation():
    assert (_example_dir() / "aktiviteter.csv").is_file()


def test_calculate_and_validate(tmp_path, capsys):
    good = Path(__file__).parent / "data" / "aktiviteter_20.csv"
    assert main(["calculate", str(good), "-o", str(tmp_path / "o"), "--gwp", "AR5"]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("aktivitet;mängd;enhet;år\nel;1 000;l;2023\ndiesel;5;l;2024\n", encoding="utf-8")
    assert main(["validate", str(bad), "--lang", "en"]) == 1
    out = capsys.readouterr()
    assert "cannot measure electricity" in out.out and "1 of 2 rows" in out.err
    assert main(["validate", str(bad), "--lang", "sv"]) == 1       # the terminal in the user's language
    out = capsys.readouterr()
    assert out.out.split()[:4] == ["rad", "kolumn", "värde", "orsak"] and "1 av 2 rader" in out.err
    assert main(["calculate", str(bad), "-o", str(tmp_path / "p")]) == 1      # strict by default
    assert main(["calculate", str(bad), "-o", str(tmp_path / "q"), "--lenient"]) == 0
    assert (tmp_path / "q" / "rejects.csv").is_file()


def test_factors_commands(tmp_path, capsys):
    assert main(["factors", "list", "--activity", "n2o"]) == 0
    assert main(["factors", "show", "no-such-factor"]) == 2
    assert main(["factors", "export", str(tmp_path / "f.csv"), "--lang", "en"]) == 0
    exported = pd.read_csv(tmp_path / "f.csv")
    assert len(exported) == len(kb.default_factors().factors)
    assert exported["url"].notna().all()
    # under --lang sv the Swedish CSV: semicolons, decimal comma, Swedish headers
    assert main(["factors", "export", str(tmp_path / "f_sv.csv"), "--lang", "sv"]) == 0
    sv = pd.read_csv(tmp_path / "f_sv.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert len(sv) == len(exported) and sv["Webbadress"].notna().all()


def test_factors_list_fits_the_terminal(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["factors", "list", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines[:-1]) <= 100 and "--all shows every column" in "\n".join(lines)
    assert main(["factors", "list", "--lang", "en", "--all"]) == 0
    assert "Uncertainty" in capsys.readouterr().out.splitlines()[0]


def test_version_and_the_language_of_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.strip() == f"klimatbokslut {kb.__version__}"
    with pytest.raises(SystemExit):
        main(["whatif", "switch-contract", "--help", "--lang", "sv"])
    text = capsys.readouterr().out
    assert "användning:" in text and "SEK/kWh" in text and "SEK/l" not in text
    with pytest.raises(SystemExit):
        main(["whatif", "switch-fuel", "--help", "--lang", "en"])
    text = capsys.readouterr().out
    assert "usage:" in text and '"2 SEK/l"' in text and "--gwp" in text and "IPCC" in text


def test_help_everywhere():
    for args in (["--help"], ["example", "--help"], ["factors", "--help"], ["calculate", "--help"]):
        r = subprocess.run([sys.executable, "-m", "klimatbokslut.cli", *args], capture_output=True, text=True,
                           env={**os.environ, "LANG": "en_GB.UTF-8", "LC_ALL": ""})
        assert r.returncode == 0 and "usage" in r.stdout        # the locale's language without --lang
        r = subprocess.run([sys.executable, "-m", "klimatbokslut", *args], capture_output=True, text=True,
                           env={**os.environ, "LANG": "sv_SE.UTF-8", "LC_ALL": ""})
        assert r.returncode == 0 and "användning" in r.stdout


# ----------------------------------------------------------------------------- report, validate CONFIG, whatif
def test_example_writes_the_full_report(example_run):
    example_out = example_run[1]
    assert (example_out / "klimatbokslut_2024.html").is_file()
    assert (example_out / "csv" / "totals.csv").is_file()
    xl = read_report_workbook(example_out / "klimatbokslut_2024.xlsx")
    ledger = pd.read_csv(example_out / "ledger.csv", sep=";", decimal=",", encoding="utf-8-sig")
    # the CSV's kg keep 6 decimals (klimatbokslut.precision): 240 rows differ from the ledger by < 240 * 5e-7 kg
    assert xl["totals"]["co2e_t"].sum() == pytest.approx(ledger["Utsläpp (kg CO2e)"].sum() / 1000, abs=1e-6)


def test_report_command_with_a_config(tmp_path, capsys):
    data = Path(__file__).parent / "data" / "aktiviteter_20.csv"
    cfg = tmp_path / "k.toml"
    cfg.write_text(f'report_year = 2024\nactivities = "{data.as_posix()}"\n[organisation]\nname = "Region T"\n',
                   encoding="utf-8")
    assert main(["report", str(cfg), "-o", str(tmp_path), "--format", "html", "--lang", "en", "-q"]) == 0
    html = (tmp_path / "klimatbokslut_2024.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and not (tmp_path / "csv").exists()
    out = capsys.readouterr().out
    assert "Region T" in out and "t CO2e in 2024" in out


def test_validate_a_config(tmp_path, capsys):
    assert main(["validate", str(_example_dir() / "klimatbokslut.toml")]) == 0
    bad = tmp_path / "k.toml"
    bad.write_text('report_year = 2024\nactivities = "missing.csv"\ngwp = "AR9"\n[organisation]\nname = "X"\n',
                   encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "gwp: Input should be" in err and "activities: no such file" not in err   # shape errors first


def test_report_errors_exit_non_zero_with_the_key(tmp_path, capsys):
    bad = tmp_path / "k.toml"
    bad.write_text('report_year = 2024\nactivities = "missing.csv"\n[organisation]\nname = "X"\n', encoding="utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "o")]) == 1
    assert "activities: no such file" in capsys.readouterr().err


def test_whatif_switch_fuel(capsys):
    acts = Path(__file__).parent / "data" / "aktiviteter_20.csv"
    code = main(["whatif", "switch-fuel", str(acts), "--from", "diesel", "--to", "hvo100",
                 "--price-difference", "2 SEK/l", "--year", "2024", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0      # the file has 10 000 l of diesel in 2024 (row F6)
    r = kb.whatif.switch_fuel(kb.read_activities(acts), "diesel", "hvo100", price_difference="2 SEK/l",
                              select={"year": 2024})
    assert f"{r.avoided(year=2024).magnitude:,.1f} t CO2e" in out     # 28.2 t: one decimal from 10 t
    assert main(["whatif", "switch-fuel", str(acts), "--from", "diesel", "--to", "coal"]) == 1


REGION = Path(__file__).resolve().parents[1] / "examples" / "region" / "aktiviteter.csv"


@pytest.mark.parametrize("argv,call", [
    (["switch-anaesthetic", "--ratio", "0.5"],
     lambda a, s: kb.whatif.switch_anaesthetic(a, "desflurane", "sevoflurane", ratio=0.5, select=s)),
    (["destroy-n2o", "--efficiency", "0.9", "--share", "0.6", "--select", "site=Centralsjukhuset",
      "--annual-cost", "300 kSEK"],
     lambda a, s: kb.whatif.destroy_n2o(a, efficiency=0.9, share=0.6, annual_cost="300 kSEK",
                                        select={**s, "site": ["Centralsjukhuset"]})),
    (["flights-to-train", "--max-km", "500"], lambda a, s: kb.whatif.flights_to_train(a, 500, select=s)),
    (["cars-to-ev", "--share", "0.5"], lambda a, s: kb.whatif.cars_to_ev(a, 0.5, select=s)),
    (["switch-food", "--from", "nötkött", "--to", "baljväxter", "--ratio", "1", "--share", "0.5"],
     lambda a, s: kb.whatif.switch_food(a, "nötkött", "baljväxter", ratio=1.0, share=0.5, select=s)),
])
def test_whatif_questions_on_the_command_line_equal_the_library(capsys, argv, call):
    kind, *rest = argv
    assert main(["whatif", kind, str(REGION), *rest, "--year", "2024", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    r = call(kb.read_activities(REGION), {"year": 2024})
    assert r.avoided_co2e.magnitude > 0
    market, location = (r.avoided(method=m, year=2024).magnitude for m in ("market", "location"))
    d = auto_decimals(max(market, location))     # 0 decimals from 100 t, 1 from 10 t, 2 below
    assert f"avoided (market-based):   {market:,.{d}f} t CO2e" in out
    assert f"avoided (location-based): {location:,.{d}f} t CO2e" in out
    assert "2024" in out.splitlines()[0]                             # the year the figures cover


def test_whatif_command_line_errors(capsys):
    assert main(["whatif", "destroy-n2o", str(REGION), "--efficiency", "0.9", "--select", "site", "--lang", "en"]) == 1
    assert "give column=value" in capsys.readouterr().err
    assert main(["whatif", "destroy-n2o", str(REGION), "--efficiency", "1.5"]) == 1
    assert "at most 1" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:           # the ratio is required: argparse usage error
        main(["whatif", "switch-anaesthetic", str(REGION)])
    assert info.value.code == 2


def test_help_for_new_commands():
    for args in (["report", "--help"], ["whatif", "--help"], ["whatif", "switch-fuel", "--help"],
                 ["validate", "--help"]):
        with pytest.raises(SystemExit) as info:
            main(args)
        assert info.value.code == 0


def test_whatif_run_names_every_problem_of_its_parameters_at_once(tmp_path, capsys):
    from klimatbokslut.cli import main

    f = tmp_path / "a.csv"
    f.write_text("aktivitet;mängd;enhet;år\ndiesel_fossil;1000;l;2024\n", encoding="utf-8")
    code = main(["whatif", "run", "switch_fuel", str(f), "--param", "to=hvo100", "--param", "oops",
                 "--param", "gwp=AR5", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1
    assert "5 problems in the command line" in err
    assert "value 'oops': give name=value" in err
    assert "value 'to': not a parameter of switch_fuel" in err
    assert "value 'gwp': set by the command line's options" in err
    assert "switch_fuel needs from_fuel" in err and "switch_fuel needs to_fuel" in err


def test_whatif_run_reads_numbers_and_text_as_the_configuration_does(tmp_path, capsys):
    # --param share=0.5 is the number 0.5 and from_fuel=diesel_fossil the text, as in [[scenarios]]:
    # half of 1000 l of fossil diesel, 2.708070 + 0.703486 t CO2e per 1000 l, moved to HVO100.
    from klimatbokslut.cli import main

    f = tmp_path / "a.csv"
    f.write_text("aktivitet;mängd;enhet;år\ndiesel_fossil;1000;l;2024\n", encoding="utf-8")
    assert main(["whatif", "run", "switch_fuel", str(f), "--param", "from_fuel=diesel_fossil",
                 "--param", "to_fuel=hvo100", "--param", "share=0.5", "--lang", "en"]) == 0
    by_name = capsys.readouterr().out
    assert main(["whatif", "switch-fuel", str(f), "--from", "diesel_fossil", "--to", "hvo100", "--share", "0.5",
                 "--lang", "en"]) == 0
    assert by_name == capsys.readouterr().out
    assert "50% fossil diesel (no bio blend) → hvo100 (renewable diesel) (energy basis), 2024" in by_name


def test_select_takes_the_column_names_of_the_file(capsys):
    # the example's header says "anläggning"; the ledger's name is "site": both select the same rows
    base = ["whatif", "destroy-n2o", str(REGION), "--efficiency", "0.9", "--year", "2024", "--lang", "en"]
    assert main([*base, "--select", "anläggning=Centralsjukhuset"]) == 0
    by_file_name = capsys.readouterr().out
    assert main([*base, "--select", "site=Centralsjukhuset"]) == 0
    assert by_file_name == capsys.readouterr().out


def test_whatif_without_a_year_says_it_sums_every_year(capsys):
    assert main(["whatif", "flights-to-train", str(REGION), "--max-km", "500", "--lang", "sv"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert "2021–2024 summerat" in head and "_" not in head


def test_validate_and_calculate_count_the_same_usable_rows(tmp_path, capsys):
    # the example's 240 rows: 4 spend rows on fuel are replaced by the fuel's litres (not rejected), 236 usable
    assert main(["validate", str(REGION), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert "236 of 240 rows can be used; 4 spend rows are replaced" in said
    assert main(["calculate", str(REGION), "-o", str(tmp_path), "--lang", "en"]) == 0
    assert "236 rows in the ledger, 4 replaced, 0 rejected, 240 read" in capsys.readouterr().out
    assert main(["validate", str(REGION), "--lang", "sv"]) == 0
    assert "4 kostnadsrader är ersatta" in capsys.readouterr().out
