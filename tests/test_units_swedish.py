"""Units and quantities as a Swedish user types and reads them.

Expected values are the definitions (1 kbm is 1 m³; a personkilometer is a passenger-km)
or worked by hand (5,4 / 15 − 1 = −0,64; 7,68 / 8,97 − 1 = −0,1438).
"""

from __future__ import annotations

import pandas as pd
import pint
import pytest

import klimatbokslut as kb
from klimatbokslut.portfolio.compare import relative_difference, trend
from klimatbokslut.units import Q_, parse_number, parse_unit


@pytest.mark.parametrize("written, canonical", [
    ("st", "piece"), ("styck", "piece"), ("stycken", "piece"),
    ("kbm", "m3"), ("KBM", "m3"),
    ("personkilometer", "pkm"), ("personkm", "pkm"), ("pkm", "pkm"),
    ("natt", "room_night"), ("nätter", "room_night"), ("night", "room_night"), ("nights", "room_night"),
])
def test_unit_words(written, canonical):
    assert parse_unit(written) == parse_unit(canonical)


def test_units_as_typed_in_an_activity_file():
    acts = kb.read_activities(pd.DataFrame({"aktivitet": ["Tåg", "Hotell", "Flyg inrikes"],
                                            "mängd": ["380 000", "1 150", "412 000"],
                                            "enhet": ["personkilometer", "nights", "personkilometer"],
                                            "år": [2024] * 3}))
    assert acts.frame["amount"].tolist() == [380000.0, 1150.0, 412000.0]


@pytest.mark.parametrize("written, says", [
    ("1.234,5", "write 1 234,5 (Swedish: space between thousands, decimal comma) or 1234.5"),
    ("23.400,0", "write 23 400,0 (Swedish: space between thousands, decimal comma) or 23400.0"),
])
def test_an_ambiguous_number_says_exactly_what_to_write(written, says):
    with pytest.raises(kb.errors.NumberFormatError) as e:
        parse_number(written)
    assert says in str(e.value)


@pytest.mark.parametrize("unit, printed", [
    ("t CO2e", "3.5 t CO2e"), ("kg CO2e", "3.5 kg CO2e"), ("SEK/(t CO2e)", "3.5 SEK/t CO2e"),
    ("kg CO2e/kWh", "3.5 kg CO2e/kWh"), ("t CO2e/MSEK", "3.5 t CO2e/MSEK"), ("m**3", "3.5 m³"),
])
def test_quantities_print_as_a_climate_report_writes_them(unit, printed):
    assert str(Q_(3.5, unit)) == printed


def test_a_ledger_total_prints_in_t_co2e():
    led = kb.calculate(pd.DataFrame({"activity": ["lustgas"], "amount": [100], "unit": ["kg"], "year": [2024]}))
    assert str(led.total()) == "27.3 t CO2e"      # 100 kg N2O × 273 (AR6) = 27 300 kg


def test_a_plain_mass_conversion_of_co2e_names_the_unit_meant():
    with pytest.raises(pint.DimensionalityError) as e:
        Q_(3, "t CO2e").to("t")
    assert 'a CO2e quantity keeps its CO2e: write t CO2e (e.g. .to("t CO2e")' in str(e.value)
    with pytest.raises(pint.DimensionalityError) as e:
        Q_(3, "t CO2e").m_as("kg")
    assert "keeps its CO2e" in str(e.value)
    assert Q_(3, "t CO2e").to("kg CO2e").magnitude == 3000.0
    with pytest.raises(pint.DimensionalityError) as e:     # other errors are pint's own
        Q_(3, "kg").to("m")
    assert "CO2e" not in str(e.value)


def test_relative_difference_of_plain_numbers():
    assert relative_difference(5.4, 15.0) == pytest.approx(-0.64)
    assert relative_difference(Q_(5.4, "t CO2e/MSEK"), Q_(15, "t CO2e/MSEK")) == pytest.approx(-0.64)
    with pytest.raises(kb.InputError, match="column 'value'.*plain number compared with a quantity"):
        relative_difference(5.4, Q_(15, "t CO2e/MSEK"))


def test_trend_of_plain_numbers():
    t = trend({2021: 8.97, 2022: 7.68}, "waci", base_year=2021)
    assert t["change_vs_previous"].iloc[1] == pytest.approx(7.68 / 8.97 - 1)   # −0,1438
    assert t["value"].tolist() == [8.97, 7.68]
