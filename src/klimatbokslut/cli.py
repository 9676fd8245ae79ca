"""The ``klimatbokslut`` command.

Examples
--------
>>> main(["factors", "show", "n2o-release"])  # doctest: +ELLIPSIS
factor_id: n2o-release
...
0
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

import pandas as pd

from .errors import KlimatbokslutError


def _example_dir() -> Path:
    pkg = Path(str(resources.files("klimatbokslut"))) / "example_region"
    if pkg.is_dir():
        return pkg
    repo = Path(__file__).resolve().parents[2] / "examples" / "region"
    if repo.is_dir():
        return repo
    raise KlimatbokslutError("the bundled example region is missing from the installation")


def _write_outputs(ledger, out: Path, *, title: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = [ledger.to_excel(out / "klimatbokslut_ledger.xlsx"), ledger.to_csv(out / "ledger.csv")]
    for name, by in (("summary_scope", ["year", "scope"]), ("summary_category", ["year", "scope", "category"]),
                     ("summary_area", ["year", "area"])):
        path = out / f"{name}.csv"
        ledger.summary(by=by).to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    path = out / "factors_used.csv"
    ledger.factors_used().to_csv(path, index=False, lineterminator="\n")
    written.append(path)
    if len(ledger.rejects):
        path = out / "rejects.csv"
        ledger.rejects.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    print(title)
    print(_overview(ledger))
    rec = ledger.reconcile()
    print(f"\n{rec['ledger_rows']} rows in the ledger, {rec['rejected_rows']} rejected, "
          f"{rec['input_rows']} read; GWP {ledger.gwp}; factor set {ledger.factor_version}")
    for p in written:
        print(f"wrote {p}")
    return written


def _overview(ledger) -> str:
    s = ledger.summary(by=["year", "scope"])
    table = s.pivot(index="year", columns="scope", values="co2e_t").fillna(0.0)
    table.columns = [f"scope {c}" for c in table.columns]
    table["total"] = table.sum(axis=1)
    return table.map(lambda v: f"{v:,.1f}".replace(",", " ").replace(".", ",")).to_string()


def _cmd_example(args) -> int:
    from .activities import read_activities
    from .engine import calculate

    acts = read_activities(_example_dir() / "aktiviteter.csv")
    ledger = calculate(acts, gwp=args.gwp)
    _write_outputs(ledger, Path(args.output),
                   title="Region Exempelby (fictitious example region), t CO2e by year and scope:")
    return 0


def _cmd_calculate(args) -> int:
    from .activities import read_activities
    from .engine import calculate

    acts = read_activities(args.file, on_error="collect" if args.lenient else "raise", sheet=args.sheet)
    ledger = calculate(acts, gwp=args.gwp, scope2_method=args.method)
    _write_outputs(ledger, Path(args.output), title=f"{args.file}: t CO2e by year and scope:")
    return 0


def _cmd_validate(args) -> int:
    from .activities import read_activities
    from .engine import calculate

    acts = read_activities(args.file, on_error="collect", sheet=args.sheet)
    ledger = calculate(acts, on_error="collect")
    rec = ledger.reconcile()
    if len(ledger.rejects):
        cols = [c for c in ("row", "column", "value", "reason") if c in ledger.rejects.columns]
        print(ledger.rejects[cols].to_string(index=False))
        print(f"\n{rec['rejected_rows']} of {rec['input_rows']} rows cannot be used", file=sys.stderr)
        return 1
    print(f"all {rec['input_rows']} rows can be used")
    return 0


def _cmd_factors(args) -> int:
    from .factors import default_factors

    fs = default_factors()
    table = fs.table()
    if args.action == "list":
        rows = table if not args.activity else table[table["activity"] == args.activity]
        cols = ["factor_id", "activity", "region", "valid_from", "valid_to", "value", "unit", "boundary", "publisher"]
        with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 40):
            print(rows[cols].to_string(index=False))
        print(f"\n{len(rows)} factors; dataset {fs.name} version {fs.version}")
        return 0
    if args.action == "show":
        if not args.id:
            print("factors show needs a factor id (see `klimatbokslut factors list`)", file=sys.stderr)
            return 2
        hit = table[table["factor_id"] == args.id]
        if hit.empty:
            print(f"no factor {args.id!r}; see `klimatbokslut factors list`", file=sys.stderr)
            return 2
        for key, value in hit.iloc[0].items():
            print(f"{key}: {value}")
        return 0
    if args.action == "export":
        if not args.id:
            print("factors export needs a file path (.csv or .xlsx)", file=sys.stderr)
            return 2
        path = Path(args.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".xlsx":
            from .ledger import neutralise_cells

            neutralise_cells(table).to_excel(path, index=False)
        else:
            table.to_csv(path, index=False, lineterminator="\n")
        print(f"wrote {path} ({len(table)} factors)")
        return 0
    return 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (``klimatbokslut --help``)."""
    parser = argparse.ArgumentParser(prog="klimatbokslut",
                                     description="Greenhouse-gas accounting for Swedish regions and municipalities.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("example", help="compute the bundled example region and write its ledger and summaries")
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("--gwp", default="AR6", choices=["AR4", "AR5", "AR6"], help="GWP100 set (default AR6)")
    p.set_defaults(func=_cmd_example)

    p = sub.add_parser("calculate", help="compute the ledger of an activity file (CSV or Excel)")
    p.add_argument("file", help="activity file")
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("--gwp", default="AR6", choices=["AR4", "AR5", "AR6"])
    p.add_argument("--method", default="market", choices=["market", "location"], help="scope-2 method of co2e_kg")
    p.add_argument("--sheet", default=None, help="Excel sheet")
    p.add_argument("--lenient", action="store_true", help="write bad rows to rejects.csv instead of stopping")
    p.set_defaults(func=_cmd_calculate)

    p = sub.add_parser("validate", help="check an activity file and list every row that cannot be used")
    p.add_argument("file", help="activity file")
    p.add_argument("--sheet", default=None, help="Excel sheet")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("factors", help="list, show or export the bundled emission factors")
    p.add_argument("action", choices=["list", "show", "export"])
    p.add_argument("id", nargs="?", help="factor id (show) or output path (export)")
    p.add_argument("--activity", default=None, help="only this activity (list)")
    p.set_defaults(func=_cmd_factors)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid input, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KlimatbokslutError as exc:
        print(f"klimatbokslut: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"klimatbokslut: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
