"""What if the region had tanked HVO100 instead of diesel?

Usage::

    python examples/whatif_hvo100.py                       # per 1 000 l of pump diesel in 2024
    python examples/whatif_hvo100.py aktiviteter.csv 2024  # the diesel rows of your own activity file

The 2 SEK/l price difference is the example from a region's 2024 report (HVO100 cost about
2 SEK more per litre than diesel); give your own with --price. Emission factors are the
bundled ones (pump diesel with that year's reduction obligation; HVO100 national average),
heating values from the bundled fuel properties.
"""

from __future__ import annotations

import argparse

import pandas as pd

import klimatbokslut as kb
from klimatbokslut import whatif


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("activities", nargs="?", help="activity file (CSV/Excel); default: 1 000 l of diesel")
    ap.add_argument("year", nargs="?", type=int, default=2024)
    ap.add_argument("--from-fuel", default="diesel")
    ap.add_argument("--price", default="2 SEK/l", help="HVO100 price minus diesel price, e.g. '2 SEK/l'")
    ap.add_argument("--from-price", default=None, help="diesel price, to include the cost of the extra litres")
    args = ap.parse_args()

    if args.activities:
        acts = kb.read_activities(args.activities)
    else:  # a round volume so that the answer reads "per 1 000 litres"
        acts = pd.DataFrame({"activity": ["diesel"], "amount": [1000.0], "unit": ["l"], "year": [args.year]})

    common = dict(price_difference=args.price, from_price=args.from_price, select={"year": args.year})
    for basis in ("energy", "volume"):
        r = whatif.switch_fuel(acts, args.from_fuel, "hvo100", basis=basis, **common)
        print(f"\n{args.from_fuel} → HVO100, {args.year}, {basis} basis")
        print(f"  baseline   {r.baseline.total(year=args.year).magnitude:10.3f} t CO2e")
        print(f"  scenario   {r.scenario.total(year=args.year).magnitude:10.3f} t CO2e")
        print(f"  avoided    {r.avoided_co2e.magnitude:10.3f} t CO2e")
        print(f"  extra cost {r.extra_cost.to('SEK').magnitude:10.0f} SEK")
        print(f"  per tonne  {r.cost_per_tonne.magnitude:10.0f} SEK / t CO2e")
        for note in r.notes:
            print(f"  note: {note}")
        print(r.delta("scope").round(3).to_string(index=False))

    print("\nShare of the diesel switched to HVO100 (energy basis):")
    table = whatif.sweep(acts, whatif.FuelSwitch(args.from_fuel, "hvo100", **common))
    print(table.round(3).to_string(index=False))


if __name__ == "__main__":
    main()
