"""The extension map of docs/contributing.md, proved: a new target kind and a new what-if step,
defined in a test module (``extension_examples.py``) and nowhere else, reach the report
configuration, the Monte Carlo and the report (tables, HTML, workbook, CSV).

Worked by hand: 1 000 l fossil diesel in 2024 is 2.708070 t CO2e in scope 1 and 0.703486 t
upstream (the bundled 2024 factors, as in the ledger's doctest); using half as much avoids
half of both, 1.705778 t. The new kind asks for between 800 and 1 200 l: 1 000 l meets it, and
for between 3 and 4 t CO2e: 3.41 t meets it.
"""

import pytest

import extension_examples as ext
import klimatbokslut as kb
from klimatbokslut.config import load_config

ACTS = "aktivitet;mängd;enhet;år;datakvalitet\ndiesel_fossil;1000;l;2024;mätt\n"

TOML = f"""
report_year = 2024
activities = "a.csv"
[organisation]
name = "Region X"

[[targets]]
type = "{ext.KIND}"
name = "Minst 800 liter diesel (ett påhittat mål som prövar utbyggnaden)"
metric = "amount"
unit = "l"
minimum = "800 l"
maximum = "1 200 l"
select = {{ activity = "diesel_fossil" }}

[[targets]]
type = "{ext.KIND}"
name = "Minst 3 ton CO2e från diesel (påhittat)"
minimum = 3.0
maximum = 4.0
select = {{ activity = "diesel_fossil" }}

[[scenarios]]
name = "Hälften så mycket diesel"
type = "{ext.SCENARIO}"
activity = "diesel_fossil"
share = 0.5

[uncertainty]
draws = 2000
"""


@pytest.fixture
def extension():
    kind, scenario = ext.register()
    try:
        yield kind, scenario
    finally:
        ext.unregister()
    assert ext.KIND not in kb.targets.KINDS


def test_a_target_kind_and_a_whatif_step_from_outside_reach_config_montecarlo_and_report(extension, tmp_path):
    (tmp_path / "a.csv").write_text(ACTS, encoding="utf-8")
    (tmp_path / "k.toml").write_text(TOML, encoding="utf-8")
    cfg = load_config(tmp_path / "k.toml")
    report = kb.build_report(cfg)

    targets = report.tables["targets"]
    litres, tonnes = (targets[targets["type"] == ext.KIND].iloc[i] for i in (0, 1))
    assert litres["status"] == tonnes["status"] == "met"
    assert litres["actual"] == pytest.approx(1000.0) and litres["target_value"] == pytest.approx(800.0)
    assert tonnes["actual"] == pytest.approx(2.708070 + 0.703486, rel=1e-5)

    whatif = report.tables["whatif"].iloc[0]
    assert whatif["type"] == ext.SCENARIO
    assert whatif["avoided_co2e_t"] == pytest.approx(0.5 * (2.708070 + 0.703486), rel=1e-5)

    # The Monte Carlo evaluated the new kind through the public protocol: 3.41 t, metered (±5 %)
    # with combustion CO2 known to a few per cent, stays above 3 t in nearly every draw; the
    # litres target is not a CO2e target and says so instead of a probability.
    probs = report.tables["uncertainty_targets"].set_index("name")
    assert probs.loc["Minst 3 ton CO2e från diesel (påhittat)", "probability"] > 0.99
    assert "not a CO2e target" in probs.loc["Minst 800 liter diesel (ett påhittat mål som prövar utbyggnaden)",
                                            "note"]

    out = report.to_html(tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Minst 800 liter diesel" in out and "Hälften så mycket diesel" in out
    assert report.to_excel(tmp_path / "r.xlsx").stat().st_size > 0
    written = {p.name for p in report.to_csv(tmp_path / "csv")}
    assert {"targets.csv", "whatif.csv", "uncertainty_targets.csv"} <= written


def test_the_new_step_is_a_command_line_question_too(extension, tmp_path, capsys):
    # `klimatbokslut whatif run NAME` finds any registered scenario function: no line of cli.py names it.
    from klimatbokslut.cli import main

    (tmp_path / "a.csv").write_text(ACTS, encoding="utf-8")
    code = main(["whatif", "run", ext.SCENARIO, str(tmp_path / "a.csv"), "--param", "activity=diesel_fossil",
                 "--param", "share=0.5", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert "avoided (market-based):   1.71 t CO2e" in out        # 0.5 × (2.708070 + 0.703486) t = 1.706 t
