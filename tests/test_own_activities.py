"""Activities of one's own: definitions, factor files (TOML and Swedish CSV), units, errors, the command line."""

from __future__ import annotations

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut.catalogue import (
    get_activity,
    register_activities,
    resolve_activity_name,
    suggest,
    unregister_activity,
    user_activities,
)
from klimatbokslut.cli import main
from klimatbokslut.errors import InputError
from klimatbokslut.intake.userfactors import apply_factor_files
from klimatbokslut.units import kind_of, parse_unit

GOWN = dict(sv="Engångsrock", en="Disposable gown", aliases=["engångsrockar"], scope=3,
            category="purchased_goods_and_services", area="purchases", unit="st")

TOML = """
[[activity]]
key = "disposable_gown"
sv = "Engångsrock"
en = "Disposable gown"
aliases = ["engångsrockar"]
scope = 3
category = "purchased_goods_and_services"
area = "purchases"
unit = "st"

[[factor]]
activity = "disposable_gown"
valid_from = 2024
value = 0.9
unit = "kg CO2e/piece"
boundary = "lifecycle"
source_id = "supplier"

[[source]]
source_id = "supplier"
publisher = "The region's supplier"
title = "Climate declaration, disposable gown"
"""


@pytest.fixture(autouse=True)
def _no_user_activities():
    yield
    for a in user_activities():
        unregister_activity(a.key)


def _acts(rows):
    return kb.read_activities(pd.DataFrame(rows, columns=["aktivitet", "mängd", "enhet", "år"]))


# ----------------------------------------------------------------------------- units
def test_pieces_and_tonne_km_are_units():
    assert {kind_of(parse_unit(u)) for u in ("st", "styck", "pcs", "item", "stk", "piece")} == {"count"}
    assert {kind_of(parse_unit(u)) for u in ("tkm", "tonne_km", "tonkm", "tonnkm", "ton-km", "t*km")} == \
        {"freight_distance"}
    assert str(parse_unit("pcs")) != str(parse_unit("pc"))          # pieces, not parsecs
    assert kb.Q_(1, "kg CO2e/piece").to("kg CO2e/st").magnitude == 1.0
    assert kb.Q_(1, "kg CO2e/(t*km)").to("kg CO2e/tkm").magnitude == 1.0


# ----------------------------------------------------------------------------- definitions
def test_pieces_hand_worked_through_calculate():
    kb.define_activity("disposable_gown", **GOWN)
    fs = kb.default_factors().with_factors([dict(activity="disposable_gown", valid_from=2024, valid_to=2024,
                                                 value=0.9, unit="kg CO2e/piece", gas="CO2e",
                                                 boundary="lifecycle", source_id="s")],
                                           sources=[dict(source_id="s", publisher="P", title="T")])
    led = kb.calculate(_acts([["Engångsrockar", "120", "st", 2024]]), factors=fs)
    row = led.frame.iloc[0]
    assert row["co2e_kg"] == pytest.approx(108.0)                   # 120 st x 0.9 kg CO2e/st
    assert (row["scope"], row["category"], row["area"]) == (3, "purchased_goods_and_services", "purchases")


def test_the_user_activity_is_seen_by_lookups():
    kb.define_activity("disposable_gown", **GOWN)
    assert resolve_activity_name("ENGÅNGSROCKAR") == "disposable_gown"
    assert get_activity("disposable_gown").amount_kinds == ("count",)
    assert "disposable_gown" in [a.key for a in kb.user_activities()]
    assert "disposable_gown" in suggest("engångsrok")


def test_redefining_identically_is_a_no_op_and_differently_an_error():
    kb.define_activity("disposable_gown", **GOWN)
    kb.define_activity("disposable_gown", **GOWN)
    assert len(user_activities()) == 1
    with pytest.raises(InputError, match="already defined with another definition"):
        kb.define_activity("disposable_gown", **(GOWN | {"unit": "kg"}))


def test_every_definition_problem_in_one_round():
    specs = [
        {"key": "gown_a", "sv": "Rock A", "scope": 3, "category": "purchased_goods_and_services",
         "area": "purchases", "unit": "flaskor"},                                   # unknown dimension
        {"key": "gown_b", "sv": "Rock B", "scope": 4, "category": "purchased_goods_and_services",
         "area": "purchases", "unit": "st"},                                        # scope outside 1-3
        {"key": "gown_c", "sv": "Rock C", "scope": 3, "area": "purchases", "unit": "st"},   # no category
        {"key": "gown_d", "sv": "Rock D", "aliases": "lustgas", "scope": 3,       # alias of a bundled one
         "category": "purchased_goods_and_services", "area": "purchases", "unit": "st"},
        {"key": "diesel", "sv": "Rock E", "scope": 3, "category": "purchased_goods_and_services",
         "area": "purchases", "unit": "st"},                                        # bundled key
        {"key": "gown_f", "sv": "Rock F", "scope": 1, "category": "waste", "area": "purchases",
         "unit": "st"},                                                             # category of scope 3
    ]
    with pytest.raises(InputError) as exc:
        register_activities(specs, rows=[2, 3, 4, 5, 6, 7])
    got = {(r["row"], r["column"], str(r["value"])) for r in exc.value.failures.to_dict("records")}
    assert {(2, "unit", "flaskor"), (3, "scope", "4"), (4, "category", "None"), (5, "aliases", "lustgas"),
            (6, "key", "diesel"), (7, "category", "waste")} <= got
    reasons = " ".join(exc.value.failures["reason"])
    assert "choices: " in reasons and "count" in reasons and "n2o" in reasons
    assert user_activities() == []                                   # all or nothing


# ----------------------------------------------------------------------------- factor files
def test_toml_file_through_calculate(tmp_path):
    p = tmp_path / "egna.toml"
    p.write_text(TOML, encoding="utf-8")
    fs = apply_factor_files([p])
    led = kb.calculate(_acts([["engångsrockar", "120", "st", 2024]]), factors=fs)
    assert led.frame["co2e_kg"].iloc[0] == pytest.approx(108.0)
    assert led.frame["source_ids"].iloc[0] == "supplier"


def test_swedish_csv_files_through_calculate(tmp_path):
    defs = "nyckel;sv;en;alias;scope;kategori;område;enhet\n".replace("nyckel", "key")
    defs += "disposable_gown;Engångsrock;Disposable gown;engångsrockar;3;1;Inköp;styck\n"
    (tmp_path / "aktiviteter_egna.csv").write_bytes(defs.encode("cp1252"))
    rows = "aktivitet;år;värde;enhet;gräns;källa\nEngångsrock;2024;0,9;kg CO2e/st;lifecycle;lev\n"
    (tmp_path / "faktorer.csv").write_bytes(b"\xef\xbb\xbf" + rows.encode("utf-8"))
    src = "källa;utgivare;titel\nlev;Leverantören;Klimatdeklaration\n"
    (tmp_path / "kallor.csv").write_bytes(src.encode("cp1252"))
    fs = apply_factor_files([tmp_path / "aktiviteter_egna.csv", tmp_path / "faktorer.csv", tmp_path / "kallor.csv"])
    led = kb.calculate(_acts([["Engångsrock", "120", "st", 2024]]), factors=fs)
    assert led.frame["co2e_kg"].iloc[0] == pytest.approx(108.0)
    assert "unsourced" not in led.frame["flags"].iloc[0]


def test_factor_row_problems_name_row_column_and_value(tmp_path):
    p = tmp_path / "f.toml"
    p.write_text(TOML + """
[[factor]]
activity = "disposable_gown"
valid_from = 2023
value = 0.9
unit = "kg CO2e/kg"

[[factor]]
activity = "engångsmössa"
valid_from = 2024
value = 1
unit = "kg CO2e/st"

[[factor]]
activity = "disposable_gown"
valid_from = 2022
value = "0,9,1"
unit = "kg CO2e/st"
""", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        apply_factor_files([p])
    f = exc.value.failures
    by = {(r["row"], r["column"]): r for r in f.to_dict("records")}
    assert by[("factor[1]", "unit")]["value"] == "kg CO2e/kg"
    assert "expected e.g. kg CO2e/piece" in by[("factor[1]", "unit")]["reason"]
    assert by[("factor[2]", "activity")]["value"] == "engångsmössa"
    assert ("factor[3]", "value") in by
    assert user_activities() == []                                   # nothing registered on failure


# ----------------------------------------------------------------------------- freight
def test_freight_activities_are_scope_3_category_4():
    a = get_activity(resolve_activity_name("lastbil"))
    assert (a.key, a.scope, a.category, a.area, a.amount_kinds) == \
        ("freight_hgv", 3, "upstream_transportation", "contracted_transport", ("freight_distance",))
    assert resolve_activity_name("godståg") == "freight_rail"


def test_freight_row_computes_end_to_end():
    # UK DESNZ GHG conversion factors 2025, freighting goods, "HGV all HGVs, diesel, average laden":
    # 0.10163 kg CO2e per tonne.km (direct, AR5). 1 000 tkm x 0.10163 = 101.63 kg CO2e.
    fs = kb.default_factors()
    if not fs.regions("freight_hgv"):
        fs = fs.with_factors([dict(activity="freight_hgv", valid_from=2025, valid_to=2025, value=0.10163,
                                   unit="kg CO2e/tkm", gas="CO2e", boundary="TTW", gwp="AR5", source_id="")])
    led = kb.calculate(_acts([["Lastbil", "1 000", "tkm", 2025]]), factors=fs)
    row = led.frame.iloc[0]
    assert row["co2e_direct_kg"] == pytest.approx(101.63)
    assert (row["scope"], row["category"], row["area"]) == (3, "upstream_transportation", "contracted_transport")
    contracted = kb.calculate(kb.read_activities(pd.DataFrame({"activity": ["lastbil"], "amount": [1000],
                                                               "unit": ["tkm"], "year": [2025],
                                                               "ownership": ["upphandlad"]})), factors=fs)
    assert contracted.frame["category"].iloc[0] == "upstream_transportation"


# ----------------------------------------------------------------------------- command line and configuration
def test_cli_calculate_and_validate_with_factors(tmp_path, capsys):
    (tmp_path / "f.toml").write_text(TOML, encoding="utf-8")
    (tmp_path / "a.csv").write_text("aktivitet;mängd;enhet;år\nEngångsrockar;120;st;2024\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "a.csv")]) == 1          # unknown without the file
    assert main(["validate", "--factors", str(tmp_path / "f.toml"), str(tmp_path / "a.csv")]) == 0
    code = main(["calculate", "--factors", str(tmp_path / "f.toml"), str(tmp_path / "a.csv"),
                 "-o", str(tmp_path / "out"), "--lang", "en"])
    assert code == 0
    ledger = pd.read_csv(tmp_path / "out" / "ledger.csv")
    assert ledger["co2e_kg"].tolist() == [pytest.approx(108.0)]


def test_cli_reports_a_bad_factor_file(tmp_path, capsys):
    (tmp_path / "f.toml").write_text(TOML.replace('unit = "st"', 'unit = "flaskor"'), encoding="utf-8")
    (tmp_path / "a.csv").write_text("aktivitet;mängd;enhet;år\nlustgas;1;kg;2024\n", encoding="utf-8")
    assert main(["calculate", "--factors", str(tmp_path / "f.toml"), str(tmp_path / "a.csv"),
                 "-o", str(tmp_path / "out"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "activity[0], column 'unit', value 'flaskor': unknown unit dimension" in err
    assert main(["calculate", "--factors", str(tmp_path / "f.toml"), str(tmp_path / "a.csv"),
                 "-o", str(tmp_path / "out")]) == 1        # the terminal's language (here Swedish) names the place
    assert "rad activity[0], kolumn 'unit', värde 'flaskor': unknown unit dimension" in capsys.readouterr().err


def test_cli_factors_lists_editions_years_and_sources(tmp_path, capsys):
    assert main(["factors", "--activity", "lustgas", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "n2o" in out and "editions" in out and "covers" in out and "sources:" in out
    (tmp_path / "f.toml").write_text(TOML, encoding="utf-8")
    assert main(["factors", "--factors", str(tmp_path / "f.toml"), "--activity", "engångsrock", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "disposable_gown" in out and "covers 2024" in out and "The region's supplier" in out


def test_configuration_factors_files_and_a_target_on_the_activity(tmp_path):
    (tmp_path / "egna.toml").write_text(TOML.replace("valid_from = 2024", "valid_from = 2023\nvalid_to = 2024"),
                                        encoding="utf-8")
    (tmp_path / "a.csv").write_text("aktivitet;mängd;enhet;år\nEngångsrockar;200;st;2023\n"
                                    "Engångsrockar;120;st;2024\n", encoding="utf-8")
    (tmp_path / "k.toml").write_text(
        'report_year = 2024\nactivities = "a.csv"\nfactors_files = ["egna.toml"]\n'
        '[organisation]\nname = "Region X"\n'
        '[[targets]]\ntype = "reduction"\nname = "Rockar -30 %"\nbase_year = 2023\ntarget_year = 2024\n'
        'fraction = 0.3\nselect = { activity = "disposable_gown" }\n', encoding="utf-8")
    assert kb.config.validate(tmp_path / "k.toml").empty
    r = kb.build_report(tmp_path / "k.toml")
    assert r.total(2024) == pytest.approx(0.108)                      # 120 st x 0.9 kg = 108 kg
    assert r.targets[0].result.status == "met"                       # 108 kg vs 180 kg: -40 %
