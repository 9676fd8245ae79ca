"""Published GWP100 values in several unit shapes, and the Swedish units.

Values are checked against the IPCC tables themselves:
AR6 WGI Chapter 7 Supplementary Material Table 7.SM.7 (and Table 7.15 for fossil
CH4), AR5 WGI Table 8.A.1, AR4 WGI Table 2.14; refrigerant blends against the
AR4-based GWPs published in Regulation (EU) No 517/2014, Annex IV / the F-gas
registry (R-404A 3 922, R-407C 1 774, R-410A 2 088).
"""

import pint
import pytest

import klimatbokslut as kb
from klimatbokslut.gwp import GWPError, gwp100

# (gas, AR4 Table 2.14, AR5 Table 8.A.1, AR6 Table 7.SM.7); None = not in that report's table
PUBLISHED = [
    ("CH4", 25, 28, 27.9),
    ("N2O", 298, 265, 273),
    ("HFC134a", 1430, 1300, 1530),
    ("HFC32", 675, 677, 771),
    ("HFC125", 3500, 3170, 3740),
    ("HFC143a", 4470, 4800, 5810),
    ("SF6", 22800, 23500, 25200),
    ("desflurane", None, 1790, 2590),
    ("isoflurane", 350, 491, 539),
    ("sevoflurane", None, 216, 195),
]


@pytest.mark.parametrize("gas,ar4,ar5,ar6", PUBLISHED)
def test_published_gwp100(gas, ar4, ar5, ar6):
    for report, value in (("AR4", ar4), ("AR5", ar5), ("AR6", ar6)):
        if value is None:
            with pytest.raises(GWPError, match=report):
                gwp100(gas, report)
        else:
            assert gwp100(gas, report) == pytest.approx(value)


def test_fossil_and_nonfossil_methane_ar6_table_7_15():
    assert gwp100("CH4_fossil", "AR6") == pytest.approx(29.8)
    assert gwp100("CH4_nonfossil", "AR6") == pytest.approx(27.0)
    with pytest.raises(GWPError):
        gwp100("CH4_fossil", "AR5")


@pytest.mark.parametrize("blend,eu_value", [("R404A", 3922), ("R407C", 1774), ("R410A", 2088)])
def test_blends_match_eu_fgas_values_under_ar4(blend, eu_value):
    # The EU F-gas Regulation rounds the AR4 mass-weighted GWP to whole numbers.
    assert round(gwp100(blend, "AR4")) == eu_value


def test_blend_ar6_by_hand():
    # R-404A = 44 % R-125 + 52 % R-143a + 4 % R-134a (ASHRAE 34), AR6 components 3740, 5810, 1530
    assert gwp100("R404A", "AR6") == pytest.approx(0.44 * 3740 + 0.52 * 5810 + 0.04 * 1530)
    assert gwp100("R410A", "AR5") == pytest.approx(0.5 * 677 + 0.5 * 3170)


@pytest.mark.parametrize("shape_from,shape_to,factor", [
    ("kg N2O", "kg CO2e", 273),
    ("t N2O", "t CO2e", 273),
    ("g N2O", "kg CO2e", 0.273),
    ("kg N2O / a", "t CO2e / a", 0.273),
])
def test_units_ar6_n2o_in_several_shapes(shape_from, shape_to, factor):
    q = kb.Q_(1.0, shape_from).to(shape_to, "AR6")
    assert q.magnitude == pytest.approx(factor)


def test_both_directions_and_named_context():
    assert kb.Q_(265.0, "kg CO2e").to("kg N2O", "AR5").magnitude == pytest.approx(1.0)
    assert kb.Q_(1.0, "kg sevoflurane").to("kg CO2e", "AR6GWP100").magnitude == pytest.approx(195)


def test_co2e_is_not_co2_without_a_gwp_set():
    with pytest.raises(pint.DimensionalityError):
        kb.Q_(1.0, "kg CO2").to("kg CO2e")
    with pytest.raises(pint.DimensionalityError):
        kb.Q_(1.0, "kg N2O").to("kg CO2e")
    assert kb.Q_(1.0, "kg CO2").to("kg CO2e", "AR5").magnitude == 1.0


def test_swedish_units():
    assert kb.Q_(12.0, "mil").to("km").magnitude == pytest.approx(120)
    assert kb.Q_(1.0, "ton").to("kg").magnitude == pytest.approx(1000)   # metric, not the US short ton
    assert kb.Q_(1.0, "m3").to("l").magnitude == pytest.approx(1000)
    assert kb.Q_(1.0, "MSEK").to("kSEK").magnitude == pytest.approx(1000)
    assert kb.Q_(2.0, "kwh").to("MJ").magnitude == pytest.approx(7.2)
    assert kb.Q_(1.0, "pkm").dimensionality == kb.Q_(1.0, "passenger * km").dimensionality
    with pytest.raises(pint.DimensionalityError):
        kb.Q_(1.0, "Nm3").to("m3")          # a normal cubic metre is an amount of gas, not a volume
    with pytest.raises(pint.DimensionalityError):
        kb.Q_(1.0, "SEK").to("EUR")         # currencies convert only with a supplied rate
    assert kb.Q_(3.0, "portion").to("portion").magnitude == 3.0


@pytest.mark.parametrize("text,value,unit", [
    ("1 234,5 l", 1234.5, "l"),
    ("2,5 MWh", 2.5, "MWh"),
    ("1\u00a0000 kWh", 1000, "kWh"),     # non-breaking space as thousands separator
    ("12 mil", 12, "mil"),
    ("-3,5 kg", -3.5, "kg"),
    ("1.5 m3", 1.5, "m3"),
])
def test_parse_quantity(text, value, unit):
    q = kb.parse_quantity(text)
    assert q.magnitude == pytest.approx(value)
    assert q.units == kb.ureg.parse_units(unit)


@pytest.mark.parametrize("text", ["1.234,5 l", "1,234.5 l"])
def test_parse_quantity_refuses_ambiguous_numbers(text):
    with pytest.raises(kb.InputError, match="ambiguous"):
        kb.parse_quantity(text)


def test_unknown_unit_is_a_unit_error():
    with pytest.raises(kb.UnitError):
        kb.parse_quantity("5 flaskor")


def test_one_registry():
    assert kb.ureg is kb.get_registry()
    assert pint.get_application_registry().get() is kb.ureg
