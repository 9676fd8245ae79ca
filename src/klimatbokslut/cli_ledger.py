"""The commands ``calculate``, ``uncertainty``, ``validate`` and ``factors``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import pandas as pd

from .cli_common import (
    _config_with_files,
    _factor_set,
    _ledger_of,
    _print_notes,
    _problem_lines,
    _rows_with_problems,
    _write_outputs,
    row_counts,
)
from .config import validate
from .csvout import column_header, write_csv
from .engine import calculate
from .factor_overview import activity_filter, factor_list, print_years
from .intake.read import read_activities
from .ledger import neutralise_cells
from .pedigree import factor_uncertainty
from .text import ntr, number, percent, ptr, tr


def _cmd_calculate(args) -> int:
    acts, ledger = _ledger_of(args)
    if ledger is None:
        return 1
    _print_notes(acts, args.lang)
    title = tr(args.lang, "{file}: t CO2e by year and scope:", file=args.file)
    _write_outputs(ledger, Path(args.output), title=title, lang=args.lang)
    return 0


def _cmd_uncertainty(args) -> int:
    """Monte Carlo of an activity file: totals with intervals, changes, the largest contributors."""
    from .uncertainty import simulate

    _, ledger = _ledger_of(args)
    if ledger is None:
        return 1
    sim = simulate(ledger, draws=args.draws, seed=args.seed, interval=args.interval)
    sv = args.lang == "sv"
    lang = args.lang
    pct = number(100 * sim.interval, 0, lang)
    lines = [tr(lang, "{file}: {draws} draws, seed {seed}", file=args.file, draws=sim.draws, seed=sim.seed)]
    totals = sim.summary("year")
    years = [int(y) for y in totals["year"]]
    for rec in totals.to_dict("records"):
        lines.append("  " + tr(lang, "{year}: {total} t CO2e, {pct}% interval {low}–{high}", year=rec["year"],
                               total=number(rec["co2e_t"], 1, lang), pct=pct, low=number(rec["low_t"], 1, lang),
                               high=number(rec["high_t"], 1, lang)))
    for y in years[1:]:
        ch = sim.change(y, against=years[0])
        lines.append("  " + tr(lang, "{year} vs {base}: {change} ({low} … {high}); probability of a decrease {p}",
                               year=y, base=years[0], change=percent(ch["change_pct"], 1, lang, sign=True),
                               low=percent(ch["low_pct"], 1, lang, sign=True),
                               high=percent(ch["high_pct"], 1, lang, sign=True),
                               p=percent(ch["probability_decrease"], 0, lang)))
    top = sim.contributions(years[-1], top=5)
    lines.append(tr(lang, "Largest contributions to the uncertainty ({year}):", year=years[-1]))
    for rec in top.to_dict("records"):
        lines.append(f"  {percent(rec['variance_share'], 1, args.lang)}  {rec['name']} ({rec['basis']})")
    lo = ledger.left_out()
    if lo:
        lines.append(lo.text(args.lang))
    print("\n".join(lines))
    if args.output:
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        style: Literal["sv", "international"] = "sv" if sv else "international"
        for name, df in (("uncertainty_totals", totals), ("uncertainty_by_scope", sim.summary(["year", "scope"])),
                         ("uncertainty_contributions", sim.contributions(years[-1])),
                         ("uncertainty_factors", sim.factors), ("uncertainty_activity_data", sim.groups)):
            write_csv(df, out / f"{name}.csv", style=style)
    return 0


def _cmd_validate(args) -> int:
    lang = args.lang
    if str(args.file).lower().endswith(".toml"):
        return _validate_config(args.file, args.factors, lang)

    fs = _factor_set(args)
    acts = read_activities(args.file, on_error="collect", sheet=args.sheet)
    ledger = calculate(acts, factors=fs, on_error="collect")
    rec = ledger.reconcile()
    problems = ledger.problems()
    _print_notes(acts, lang)
    counts = row_counts(ledger)
    if len(problems):
        print(_problem_lines(problems, lang=lang))
        unvalued = rec.get("unvalued_rows", 0)
        n, total = _rows_with_problems(problems), rec["input_rows"]
        print("\n" + (tr(lang, "{n} of {total} rows cannot be used; {unvalued} have no emission factor (kept for "
                          "energy and amounts, left out of CO2e)", n=n, total=total, unvalued=unvalued) if unvalued
                       else tr(lang, "{n} of {total} rows cannot be used", n=n, total=total)), file=sys.stderr)
        return 1
    if counts["replaced"]:
        print(tr(lang, "{usable} of {read} rows can be used; {replaced} spend rows are replaced by activity-based "
                       "rows for the same goods and year (counted by those, not twice)", **counts))
    else:
        print(tr(lang, "all {n} rows can be used", n=counts["usable"]))
    return 0


def _validate_config(path, files: list[str] | None = None, lang: str = "sv") -> int:
    problems = validate(_config_with_files(path, files or []))
    if len(problems):
        heads = {"key": ptr(lang, "problem table", "key"), "row": ptr(lang, "problem table", "row"),
                 "column": ptr(lang, "problem table", "column"), "value": ptr(lang, "problem table", "value"),
                 "reason": ptr(lang, "problem table", "reason")}
        shown = problems.fillna("").rename(columns=heads)
        with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 90):
            print(shown.to_string(index=False))
        print("\n" + ntr(lang, "{n} problem in {path}", "{n} problems in {path}", len(problems), path=path),
              file=sys.stderr)
        return 1
    print(tr(lang, "{path}: the configuration and every input it names can be used", path=path))
    return 0


def _cmd_factors(args) -> int:
    lang = args.lang
    fs = _factor_set(args)
    table = fs.table()
    if args.action == "years":
        print_years(fs, activity_filter(table, args.activity, lang), lang)
        return 0
    if args.action == "list":
        rows = activity_filter(table, args.activity, lang)
        rows = rows.assign(uncertainty=[factor_uncertainty(r).text() for r in rows.to_dict("records")])
        print(factor_list(rows, lang, every_column=args.all))
        print("\n" + tr(lang, "{n} factors; dataset {name} version {version}", n=len(rows), name=fs.name,
                         version=fs.version))
        return 0
    if args.action == "show":
        if not args.id:
            print(tr(lang, "factors show needs a factor id (see `klimatbokslut factors list`)"), file=sys.stderr)
            return 2
        hit = table[table["factor_id"] == args.id]
        if hit.empty:
            print(tr(lang, "no factor {id!r}; see `klimatbokslut factors list`", id=args.id), file=sys.stderr)
            return 2
        for key, value in hit.iloc[0].items():
            print(f"{column_header(key, lang)}: {value}")
        print(tr(lang, "uncertainty: {text}", text=factor_uncertainty(hit.iloc[0].to_dict()).text()))
        return 0
    if args.action == "export":
        if not args.id:
            print(tr(lang, "factors export needs a file path (.csv or .xlsx)"), file=sys.stderr)
            return 2
        path = Path(args.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".xlsx":
            neutralise_cells(table).to_excel(path, index=False)
        else:   # the CSV of the language: for Swedish Excel under --lang sv
            write_csv(table, path, style="sv" if lang == "sv" else "international")
        print(tr(lang, "wrote {path} ({n} factors)", path=path, n=len(table)))
        return 0
    return 2
