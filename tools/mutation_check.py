"""Show that the published-figure tests catch a change to any one bundled value.

For each bundled number in turn (a factor row's value and its uncertainty parameter, a numeric cell of
``fuel_properties.csv`` or of ``energy_shares.csv``, a figure of the country table
``portfolio/data/countries.csv``) a copy of the dataset is made
with that one number multiplied by ten (a zero is set to one instead), and the
check of ``tests/test_published_figures.py`` must report that key. Run from the
repository root::

    python tools/mutation_check.py           # exit 1 if any change goes unnoticed
    python tools/mutation_check.py --verbose # also list every key checked
    python tools/mutation_check.py --factors DIR  # a factor folder instead of the bundled one

Everything runs in one process (no test run per row), in a few seconds.
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

import pandas as pd  # noqa: E402

import klimatbokslut as kb  # noqa: E402
from test_published_figures import COUNTRY_COLUMNS, PROPERTY_COLUMNS, SHARE_COLUMNS, load_fixture  # noqa: E402
from test_published_figures import mismatches as figure_mismatches  # noqa: E402
from test_uncertainty import uncertainty_mismatches  # noqa: E402


def mismatches(fs: kb.FactorSet, fixture, countries=None) -> list[str]:
    """The published-figure check and the uncertainty check together."""
    return figure_mismatches(fs, fixture, countries) + uncertainty_mismatches(fs)


def country_mutants() -> Iterator[tuple[str, str, object]]:
    """(key, what was done, country table with that one figure changed) for every bundled country figure."""
    from klimatbokslut.portfolio.countries import CountryTable, default_countries
    table = default_countries()
    for i, rec in enumerate(table.frame.to_dict("records")):
        for col in COUNTRY_COLUMNS:
            if rec.get(col) is None or rec[col] != rec[col]:
                continue
            frame = table.frame.copy()
            new, how = _mutate(float(rec[col]))
            frame.iloc[i, frame.columns.get_loc(col)] = new
            yield f"country:{rec['country']}:{int(rec['year'])}:{col}", how, CountryTable(frame)


def _mutate(value: float) -> tuple[float, str]:
    if value == 0:
        return 1.0, "0 set to 1"
    return value * 10, "×10"


def _with(fs: kb.FactorSet, attr: str, frame: pd.DataFrame) -> kb.FactorSet:
    """A shallow copy of ``fs`` with one table replaced (only the tables are read by the check)."""
    out = copy.copy(fs)
    setattr(out, attr, frame)
    return out


def mutants(fs: kb.FactorSet) -> Iterator[tuple[str, str, kb.FactorSet]]:
    """(key, what was done, factor set with that one value changed) for every bundled number."""
    for i, rec in enumerate(fs.factors.to_dict("records")):
        factors = fs.factors.copy()
        new, how = _mutate(float(rec["value"]))
        factors.iloc[i, factors.columns.get_loc("value")] = new
        yield str(rec["factor_id"]), how, _with(fs, "factors", factors)
        factors = fs.factors.copy()
        new, how = _mutate(float(rec["uncertainty_parameter"]))
        factors.iloc[i, factors.columns.get_loc("uncertainty_parameter")] = str(new)
        yield f"uncertainty:{rec['factor_id']}", how, _with(fs, "factors", factors)
    for i, rec in enumerate(fs.properties.to_dict("records")):
        for col in PROPERTY_COLUMNS:
            if rec.get(col) is None or rec[col] != rec[col]:
                continue
            props = fs.properties.copy()
            new, how = _mutate(float(rec[col]))
            props.iloc[i, props.columns.get_loc(col)] = new
            yield f"property:{rec['activity']}:{col}", how, _with(fs, "properties", props)
    for i, rec in enumerate(fs.shares.to_dict("records")):
        for col in SHARE_COLUMNS:
            if rec.get(col) is None or rec[col] == "" or rec[col] != rec[col]:
                continue
            shares = fs.shares.copy()
            shares[col] = shares[col].astype(float)
            new, how = _mutate(float(rec[col]))
            shares.iloc[i, shares.columns.get_loc(col)] = new
            key = f"share:{rec['activity']}:{rec['region']}:{int(rec['year'])}:{col}"
            yield key, how, _with(fs, "shares", shares)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every key checked")
    ap.add_argument("--factors", type=Path, default=None,
                    help="a factor folder in the bundled format (default: the bundled dataset); read without "
                         "checking its manifest")
    args = ap.parse_args(argv)
    fs = kb.default_factors() if args.factors is None else kb.FactorSet.from_path(args.factors, verify=False)
    fixture = load_fixture()
    before = mismatches(fs, fixture)
    if before:
        print(f"{len(before)} bundled values already differ from the published figures; fix these first:")
        print("\n".join("  " + m for m in before))
        return 1
    checked = 0
    missed: list[str] = []
    zeros: list[str] = []
    cases = [(key, how, mutant, None) for key, how, mutant in mutants(fs)]
    cases += [(key, how, fs, table) for key, how, table in country_mutants()]
    for key, how, mutant, countries in cases:
        checked += 1
        if how != "×10":
            zeros.append(key)
        caught = any(m.startswith(key + ":") for m in mismatches(mutant, fixture, countries))
        if not caught:
            missed.append(f"{key} ({how})")
        if args.verbose:
            print(f"{'caught' if caught else 'NOT CAUGHT'}: {key} ({how})")
    print(f"values checked: {checked}")
    print(f"caught: {checked - len(missed)}")
    if zeros:
        print(f"of which zero values set to 1 instead of ×10: {len(zeros)} ({', '.join(zeros)})")
    print(f"not caught: {len(missed)}")
    for m in missed:
        print(f"  {m}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
