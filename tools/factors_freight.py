"""Freight factors per tonne-km (DESNZ 2025) for tools/build_factors.py.

Every published figure appears once, next to its source id. Direct (tank-to-wheel)
and well-to-tank are separate rows, as DESNZ publishes them; well-to-tank is only
written where the source gives it. Imported by build_factors.py; not part of the
installed package.
"""

from __future__ import annotations

DESNZ_FREIGHT_SEEN = ("secondary (values read from a third-party extraction of the 2025 flat file, "
                      "github.com/scope3emissiontest-oss/JulesProject, defra_factors_2025_v2: category_freighting_goods "
                      "and category_wtt_delivery_vehs_&_freight)")

SOURCES = [
    dict(source_id="desnz2025_freight", publisher="UK Department for Energy Security and Net Zero (DESNZ)",
         title="Greenhouse gas reporting: conversion factors 2025 (flat file: Freighting goods; WTT- delivery vehs & "
               "freight)", edition="2025", year="2025",
         url="https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025",
         licence="Open Government Licence v3.0", seen_in=DESNZ_FREIGHT_SEEN,
         note="kg CO2e per tonne-km, UK average load factors; direct = CO2 + CH4 + N2O at the vehicle; GWP AR5"),
]

YEAR = 2025
GWP = "AR5 (DESNZ 2025)"
UNIT = "kg CO2e/(t*km)"

# activity: (direct kg CO2e/t.km, WTT kg CO2e/t.km or None, DESNZ category)
FREIGHT = {
    "freight_van_diesel": (0.6313, 0.15095, "van average (up to 3.5 t), diesel"),
    "freight_van_petrol": (0.85537, None, "van average (up to 3.5 t), petrol"),
    "freight_van_cng": (0.62419, None, "van average (up to 3.5 t), CNG"),
    "freight_van_lpg": (0.68621, None, "van average (up to 3.5 t), LPG"),
    "freight_van_unknown": (0.63823, None, "van average (up to 3.5 t), unknown fuel"),
    "freight_van_phev": (0.36985, None, "van average (up to 3.5 t), plug-in hybrid electric"),
    "freight_van_bev": (0.21992, 0.05633, "van average (up to 3.5 t), battery electric (UK electricity)"),
    "freight_hgv_rigid": (0.19748, None, "HGV all rigids, diesel, average laden"),
    "freight_hgv_artic": (0.078, None, "HGV all articulated, diesel, average laden"),
    "freight_hgv": (0.10163, 0.02359, "HGV all HGVs, diesel, average laden"),
    "freight_hgv_refrigerated": (0.11894, 0.02769, "refrigerated HGV, all HGVs, diesel, average laden"),
    "freight_rail": (0.02779, 0.00691, "rail freight train"),
    "freight_ship_container": (0.01612, 0.00365, "container ship, average"),
    "freight_ship_general_cargo": (0.01321, 0.003, "general cargo ship, average"),
    "freight_ferry_roro": (0.05158, 0.0117, "RoRo ferry, average"),
}


def _row(fid, activity, value, boundary, note):
    return dict(factor_id=fid, activity=activity, region="SE", valid_from=YEAR, valid_to=YEAR, edition=YEAR,
                value=value, unit=UNIT, gas="CO2e", boundary=boundary, gwp=GWP, method="", instrument="",
                source_id="desnz2025_freight", derived="false", note=note)


def build_freight() -> list[dict]:
    """Direct and (where published) well-to-tank rows of each freight activity."""
    rows: list[dict] = []
    for act, (direct, wtt, text) in FREIGHT.items():
        missing = "" if wtt is not None else "; no well-to-tank figure in the source for this category"
        rows.append(_row(f"{act}-desnz-2025", act, direct, "TTW",
                         f"DESNZ 2025 {text}, direct (tank-to-wheel), per tonne-km; UK figure used for lack of a "
                         f"Swedish one{missing}"))
        if wtt is not None:
            rows.append(_row(f"{act}-wtt-desnz-2025", act, wtt, "WTT", f"DESNZ 2025 well-to-tank, {text}, per tonne-km"))
    return rows
