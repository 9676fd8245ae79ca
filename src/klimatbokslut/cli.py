"""The ``klimatbokslut`` command.

Commands: ``example`` (the bundled example region's full report), ``report CONFIG``,
``validate CONFIG|FILE``, ``whatif KIND FILE`` (switch-fuel, switch-contract, switch-anaesthetic,
destroy-n2o, flights-to-train, cars-to-ev, switch-food), ``calculate FILE``
and ``factors [years|list|show|export]``. ``--factors FILE`` (repeatable) on ``calculate``, ``whatif``,
``validate`` and ``report`` adds a factor file: activities of one's own, their factors and sources
(:mod:`klimatbokslut.intake.userfactors`). Exit codes: 0 ok, 1 invalid input, 2 usage.

Examples
--------
>>> main(["factors", "show", "n2o-release", "--lang", "en"])  # doctest: +ELLIPSIS
Factor id: n2o-release
...
0
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._version import __version__
from .cli_common import _add_factors_option, _add_lang_option, _example_dir
from .cli_ledger import _cmd_calculate, _cmd_factors, _cmd_uncertainty, _cmd_validate
from .cli_report import _cmd_example, _cmd_report
from .cli_whatif import _add_whatif_parser
from .cli_words import argparse_words, error_text, terminal_language
from .errors import KlimatbokslutError
from .text import N_, tr

__all__ = ["_example_dir", "build_parser", "main"]


_GWP = ["AR4", "AR5", "AR6"]
_GWP_HELP = N_("the IPCC report whose GWP100 values weigh the gases, e.g. AR6 (the default)")
#: Commands whose --lang is the report's language (None: the configuration's).
_REPORT_COMMANDS = ("example", "report")


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The argument parser (``klimatbokslut --help``), its help in ``lang`` (default: :func:`terminal_language`).

    Other commands join it through its ``sub`` subparsers (``book/cli.py: add_parser(sub)``).
    """
    lang = lang or terminal_language(sys.argv[1:])
    argparse_words(lang)
    parser = argparse.ArgumentParser(prog="klimatbokslut", description=tr(
        lang, "Greenhouse-gas accounting for Swedish regions and municipalities."))
    parser.add_argument("--version", action="version", version=f"klimatbokslut {__version__}",
                        help=tr(lang, "print the version and exit"))
    sub = parser.add_subparsers(dest="command", required=True, metavar=tr(lang, "COMMAND"))

    p = sub.add_parser("example", help=tr(lang, "build the bundled example region's report (HTML, Excel, CSV, "
                                                "ledger)"))
    p.add_argument("-o", "--output", default="out", help=tr(lang, "output folder, e.g. ut (default: out)"))
    p.add_argument("--gwp", default=None, choices=_GWP, help=tr(lang, _GWP_HELP))
    p.add_argument("--lang", default=None, choices=["sv", "en"],
                   help=tr(lang, "the report's language, e.g. en (default: the configuration's, sv)"))
    p.add_argument("-q", "--quiet", action="store_true", help=tr(lang, "no progress lines"))
    p.add_argument("--data", metavar=tr(lang, "DIR"),
                   help=tr(lang, "copy the tutorials' example files to DIR, e.g. exempel (region/, export/, data/)"))
    p.set_defaults(func=_cmd_example)

    p = sub.add_parser("report", help=tr(lang, "build the climate report of a configuration (klimatbokslut.toml)"))
    p.add_argument("config", help=tr(lang, "configuration file (TOML), e.g. klimatbokslut.toml"))
    p.add_argument("-o", "--output", default="out", help=tr(lang, "output folder, e.g. ut (default: out)"))
    p.add_argument("--format", default="html,excel,csv",
                   help=tr(lang, "comma-separated, e.g. html,csv (default: html,excel,csv)"))
    p.add_argument("--lang", default=None, choices=["sv", "en"],
                   help=tr(lang, "the report's language, e.g. en (default: the configuration's)"))
    p.add_argument("-q", "--quiet", action="store_true", help=tr(lang, "no progress lines"))
    _add_factors_option(p, lang)
    p.add_argument("--book", default=None,
                   help=tr(lang, "read the years from a book, e.g. bokslut.sqlite: closed years as published"))
    p.set_defaults(func=_cmd_report)
    from .book.cli import add_parser as _add_book_parser
    _add_book_parser(sub)

    _add_whatif_parser(sub, lang)
    _add_ledger_parsers(sub, lang)
    return parser


def _add_file_options(p: argparse.ArgumentParser, lang: str, collect_help: str) -> None:
    p.add_argument("file", help=tr(lang, "activity file (CSV or Excel), e.g. aktiviteter.csv"))
    p.add_argument("--gwp", default="AR6", choices=_GWP, help=tr(lang, _GWP_HELP))
    p.add_argument("--method", default="market", choices=["market", "location"],
                   help=tr(lang, "scope-2 method of the CO2e figures: market (the default) or location"))
    p.add_argument("--sheet", default=None, help=tr(lang, "the Excel sheet to read, e.g. Aktiviteter"))
    p.add_argument("--on-error", default="raise", choices=["raise", "collect"], help=collect_help)
    p.add_argument("--lenient", action="store_true", help=tr(lang, "the same as --on-error collect"))
    _add_lang_option(p, lang)
    _add_factors_option(p, lang)


def _add_ledger_parsers(sub: Any, lang: str) -> None:
    """``calculate``, ``uncertainty``, ``validate`` and ``factors``."""
    p = sub.add_parser("calculate", help=tr(lang, "compute the ledger of an activity file (CSV or Excel)"))
    p.add_argument("-o", "--output", default="out", help=tr(lang, "output folder, e.g. ut (default: out)"))
    _add_file_options(p, lang, tr(lang, "raise (default): list every problem and write nothing; collect: leave the "
                                        "bad rows out (rejects.csv) and state what they held"))
    p.set_defaults(func=_cmd_calculate)

    p = sub.add_parser("uncertainty", help=tr(lang, "Monte Carlo of an activity file: totals with intervals, "
                                                    "changes, the largest contributors to the uncertainty"))
    p.add_argument("-o", "--output", default=None, help=tr(lang, "write the tables as CSV to this folder, e.g. ut"))
    p.add_argument("--draws", type=int, default=10_000, help=tr(lang, "number of draws, e.g. 20000 (default 10000)"))
    p.add_argument("--seed", type=int, default=20240101,
                   help=tr(lang, "the same seed gives the same numbers, e.g. 1 (default 20240101)"))
    p.add_argument("--interval", type=float, default=0.90,
                   help=tr(lang, "central interval as a share, e.g. 0.95 (default 0.90)"))
    _add_file_options(p, lang, tr(lang, "raise (default): list every problem; collect: leave the bad rows out (and "
                                        "say so)"))
    p.set_defaults(func=_cmd_uncertainty)

    p = sub.add_parser("validate", help=tr(lang, "check a configuration (.toml) or an activity file without "
                                                 "computing"))
    p.add_argument("file", help=tr(lang, "configuration (.toml) or activity file (CSV or Excel), e.g. "
                                         "klimatbokslut.toml"))
    p.add_argument("--sheet", default=None, help=tr(lang, "the Excel sheet to read, e.g. Aktiviteter"))
    _add_lang_option(p, lang)
    _add_factors_option(p, lang)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("factors", help=tr(lang, "the emission factors: editions and years per activity and region "
                                                "(default), list, show one, export"))
    p.add_argument("action", nargs="?", default="years", choices=["years", "list", "show", "export"],
                   help=tr(lang, "years (default): editions, years covered and sources per activity and region; "
                                 "list: every factor row; show ID; export PATH"))
    p.add_argument("id", nargs="?", help=tr(lang, "factor id (show), e.g. n2o-release, or output path (export), "
                                                  "e.g. faktorer.csv"))
    p.add_argument("--activity", default=None, help=tr(lang, "only this activity (key or name, e.g. lastbil)"))
    p.add_argument("--all", action="store_true", help=tr(lang, "list: every column, however wide"))
    _add_lang_option(p, lang)
    _add_factors_option(p, lang)
    p.set_defaults(func=_cmd_factors)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 invalid input, 2 usage)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = terminal_language(argv)
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if getattr(args, "lang", "") is None and args.command not in _REPORT_COMMANDS:
        args.lang = lang      # the locale's language when --lang is not given
    try:
        return int(args.func(args) or 0)
    except KlimatbokslutError as exc:
        print(f"klimatbokslut: {error_text(exc, getattr(args, 'lang', None) or lang)}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"klimatbokslut: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
