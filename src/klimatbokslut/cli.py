"""The ``klimatbokslut`` command.

Commands: ``example`` (the bundled example region's full report), ``report CONFIG``,
``validate CONFIG|FILE``, ``whatif KIND FILE`` (switch-fuel, switch-contract, switch-anaesthetic,
destroy-n2o, flights-to-train, cars-to-ev, switch-food), ``calculate FILE``
and ``factors [years|list|show|export]``. ``--factors FILE`` (repeatable) on ``calculate``, ``whatif``,
``validate`` and ``report`` adds a factor file: activities of one's own, their factors and sources
(:mod:`klimatbokslut.intake.userfactors`). Exit codes: 0 ok, 1 invalid input, 2 usage.

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

from .cli_common import _add_factors_option, _add_lang_option, _example_dir
from .cli_ledger import _cmd_calculate, _cmd_factors, _cmd_uncertainty, _cmd_validate
from .cli_report import _cmd_example, _cmd_report
from .cli_whatif import _add_whatif_parser
from .errors import KlimatbokslutError

__all__ = ["_example_dir", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (``klimatbokslut --help``)."""
    parser = argparse.ArgumentParser(prog="klimatbokslut",
                                     description="Greenhouse-gas accounting for Swedish regions and municipalities.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("example", help="build the bundled example region's report (HTML, Excel, CSV, ledger)")
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("--gwp", default=None, choices=["AR4", "AR5", "AR6"], help="GWP100 set (default: the config's, AR6)")
    p.add_argument("--lang", default=None, choices=["sv", "en"], help="report language (default: the config's, sv)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=_cmd_example)

    p = sub.add_parser("report", help="build the climate report of a configuration (klimatbokslut.toml)")
    p.add_argument("config", help="configuration file (TOML)")
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("--format", default="html,excel,csv", help="comma-separated: html, excel, csv (default: all)")
    p.add_argument("--lang", default=None, choices=["sv", "en"], help="report language (default: the config's)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    _add_factors_option(p)
    p.set_defaults(func=_cmd_report)

    _add_whatif_parser(sub)

    p = sub.add_parser("calculate", help="compute the ledger of an activity file (CSV or Excel)")
    p.add_argument("file", help="activity file")
    p.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    p.add_argument("--gwp", default="AR6", choices=["AR4", "AR5", "AR6"])
    p.add_argument("--method", default="market", choices=["market", "location"], help="scope-2 method of co2e_kg")
    p.add_argument("--sheet", default=None, help="Excel sheet")
    p.add_argument("--on-error", default="raise", choices=["raise", "collect"],
                   help="raise (default): list every problem and write nothing; collect: leave the bad rows out "
                        "(rejects.csv) and state what they held")
    p.add_argument("--lenient", action="store_true", help="the same as --on-error collect")
    _add_lang_option(p)
    _add_factors_option(p)
    p.set_defaults(func=_cmd_calculate)

    p = sub.add_parser("uncertainty", help="Monte Carlo of an activity file: totals with intervals, changes, the "
                                           "largest contributors to the uncertainty")
    p.add_argument("file", help="activity file")
    p.add_argument("-o", "--output", default=None, help="write the tables as CSV to this folder")
    p.add_argument("--draws", type=int, default=10_000, help="number of draws (default 10 000)")
    p.add_argument("--seed", type=int, default=20240101, help="the same seed gives the same numbers")
    p.add_argument("--interval", type=float, default=0.90, help="central interval (default 0.90)")
    p.add_argument("--gwp", default="AR6", choices=["AR4", "AR5", "AR6"])
    p.add_argument("--method", default="market", choices=["market", "location"], help="scope-2 method")
    p.add_argument("--sheet", default=None, help="Excel sheet")
    p.add_argument("--on-error", default="raise", choices=["raise", "collect"],
                   help="raise (default): list every problem; collect: leave the bad rows out (and say so)")
    p.add_argument("--lenient", action="store_true", help="the same as --on-error collect")
    _add_lang_option(p)
    _add_factors_option(p)
    p.set_defaults(func=_cmd_uncertainty)

    p = sub.add_parser("validate", help="check a configuration (.toml) or an activity file without computing")
    p.add_argument("file", help="configuration (.toml) or activity file (CSV or Excel)")
    p.add_argument("--sheet", default=None, help="Excel sheet")
    _add_factors_option(p)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("factors", help="the emission factors: editions and years per activity and region (default), "
                                       "list, show one, export")
    p.add_argument("action", nargs="?", default="years", choices=["years", "list", "show", "export"],
                   help="years (default): editions, years covered and sources per activity and region; list: every "
                        "factor row; show ID; export PATH")
    p.add_argument("id", nargs="?", help="factor id (show) or output path (export)")
    p.add_argument("--activity", default=None, help="only this activity (key or name, e.g. lastbil)")
    _add_factors_option(p)
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
    except (OSError, ValueError) as exc:
        print(f"klimatbokslut: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
