"""Follow up a sustainability programme's targets against a ledger.

Usage::

    python examples/targets_programme.py                      # a small demonstration ledger
    python examples/targets_programme.py aktiviteter.csv 2024 # your own activity file and year

The targets are declared as plain dicts, the way a TOML configuration declares them
(``[[targets]]`` tables). They follow the kinds of targets regional programmes set
(see docs/targets.md); the demonstration amounts are illustrative inputs, not data of
any region.
"""

from __future__ import annotations

import sys

import pandas as pd

import klimatbokslut as kb
from klimatbokslut import targets

TARGETS = [
    {"type": "annual_reduction", "name": "Scope 1 och 2: −4,2 % per år från 2021", "base_year": 2021,
     "target_year": 2028, "rate": 0.042, "select": {"scope": [1, 2]}},
    {"type": "reduction", "name": "Lustgas −25 % till 2028 jämfört med 2022", "base_year": 2022,
     "target_year": 2028, "fraction": 0.25, "select": {"activity": "lustgas"}},
    {"type": "cap", "name": "Lustgas högst 2 000 kg per år", "limit": "2 000 kg", "metric": "n2o",
     "select": {"activity": ["n2o", "entonox"]}},  # without it, N2O from combustion would count too
    {"type": "share", "name": "100 % förnybara drivmedel 2028", "minimum": 1.0, "select": {"area": "vehicles"},
     "base_year": 2021, "target_year": 2028, "unknown": "exclude"},
    {"type": "annual_reduction", "name": "Inköpt el och värme −1,5 % per år", "base_year": 2021, "target_year": 2028,
     "rate": 0.015, "metric": "energy", "unit": "MWh", "select": {"area": "energy_buildings"}},
]


def demo_activities() -> pd.DataFrame:
    rows = []
    for year, diesel, hvo, n2o, el in [(2021, 40000, 10000, 2600, 9000), (2022, 35000, 15000, 2400, 8800),
                                       (2023, 30000, 20000, 2100, 8700), (2024, 28000, 24000, 1900, 8600)]:
        rows += [{"activity": "diesel_fossil", "amount": diesel, "unit": "l", "year": year},
                 {"activity": "hvo100", "amount": hvo, "unit": "l", "year": year},
                 {"activity": "lustgas", "amount": n2o, "unit": "kg", "year": year},
                 {"activity": "el", "amount": el, "unit": "MWh", "year": year, "contract": "go_renewable"}]
    return pd.DataFrame(rows).fillna("")


def main() -> None:
    acts = kb.read_activities(sys.argv[1]) if len(sys.argv) > 1 else demo_activities()
    year = int(sys.argv[2]) if len(sys.argv) > 2 else 2024
    ledger = kb.calculate(acts)
    declared = [targets.from_dict(spec) for spec in TARGETS]
    table = targets.evaluate_all(declared, ledger, year)
    cols = ["name", "status", "status_sv", "actual", "target_value", "trajectory_value", "unit",
            "required_annual_rate"]
    with pd.option_context("display.width", 200, "display.max_colwidth", 45):
        print(table[cols].round(4).to_string(index=False))
    for rec in table.to_dict("records"):
        if rec["note"]:
            print(f"- {rec['name']}: {rec['note']}")


if __name__ == "__main__":
    main()
