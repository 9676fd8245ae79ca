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
import inspect
import re
import sys
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from .catalogue import resolve_activity_name
from .config import load_config, validate
from .engine import calculate
from .errors import InputError, KlimatbokslutError
from .example_files import copy_command
from .factor_overview import activity_filter, print_years
from .factors import FactorSet, default_factors
from .intake.read import read_activities
from .intake.table import ActivityTable
from .intake.userfactors import apply_factor_files
from .ledger import neutralise_cells
from .pedigree import factor_uncertainty
from .report import build_report
from .text import N_, group_digits, ntr, number, percent, ptr, tr
from .whatif import SCENARIOS, scenario_function
from .whatif.registry import parameter_problems


def _example_dir() -> Path:
    pkg = Path(str(resources.files("klimatbokslut"))) / "example_region"
    if pkg.is_dir():
        return pkg
    repo = Path(__file__).resolve().parents[2] / "examples" / "region"
    if repo.is_dir():
        return repo
    raise KlimatbokslutError(tr("en", "the bundled example region is missing from the installation"))


def _write_table(frame: pd.DataFrame, path: Path, lang: str) -> Path:
    """A table as CSV: for Swedish Excel (``sv``) or international (``en``)."""
    from .csvout import write_csv

    return write_csv(frame, path, style="sv" if lang == "sv" else "international")


def _write_outputs(ledger, out: Path, *, title: str, lang: str = "sv") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    sv = lang == "sv"
    written = [ledger.to_excel(out / "klimatbokslut_ledger.xlsx"),
               ledger.to_csv(out / "ledger.csv", style="sv" if sv else "international")]
    for name, by in (("summary_scope", ["year", "scope"]), ("summary_category", ["year", "scope", "category"]),
                     ("summary_area", ["year", "area"])):
        written.append(_write_table(ledger.summary(by=by), out / f"{name}.csv", lang))
    written.append(_write_table(ledger.factors_used(), out / "factors_used.csv", lang))
    if len(ledger.rejects):
        written.append(_write_table(ledger.rejects, out / "rejects.csv", lang))
    print(title)
    print(_overview(ledger, lang))
    rec = ledger.reconcile()
    print("\n" + tr(lang, "{ledger_rows} rows in the ledger, {rejected_rows} rejected, {input_rows} read; GWP {gwp}; "
                     "factor set {version}", ledger_rows=rec["ledger_rows"], rejected_rows=rec["rejected_rows"],
                     input_rows=rec["input_rows"], gwp=ledger.gwp, version=ledger.factor_version))
    years = sorted(int(y) for y in pd.unique(ledger.frame["year"]))
    for year in years:
        left = ledger.left_out(year=year)
        if left:
            print(tr(lang, "{year}: the CO2e figures are {left_out}", year=year, left_out=left.text(lang)))
    unplaced = ledger.left_out()
    placed = sum(ledger.left_out(year=y).rejected for y in years)
    if unplaced.rejected > placed:
        n = unplaced.rejected - placed
        print(tr(lang, "and {n} rejected rows of no readable year or of a year without other rows", n=n))
    for p in written:
        print(tr(lang, "wrote {path}", path=p))
    return written


def _problem_lines(problems: pd.DataFrame, width: int | None = None) -> str:
    """The problems as a table that fits the terminal: row, column and value in fixed columns (a long
    value shortened with …), the reason wrapped under its own column."""
    import shutil
    import textwrap

    width = width or shutil.get_terminal_size((100, 24)).columns
    width = max(width, 60)

    def cell(v: Any, n: int) -> str:
        t = "" if v is None or (isinstance(v, float) and v != v) else str(v)
        return t if len(t) <= n else t[: n - 1] + "…"

    recs = problems.to_dict("records")
    h_row, h_col, h_val, h_reason = (ptr("en", "problem table", "row"), ptr("en", "problem table", "column"),
                                     ptr("en", "problem table", "value"), ptr("en", "problem table", "reason"))
    w_row = max([len(h_row), *(len(cell(r.get("row"), 8)) for r in recs)])
    w_col = max([len(h_col), *(len(cell(r.get("column"), 14)) for r in recs)])
    w_val = max([len(h_val), *(len(cell(r.get("value"), 24)) for r in recs)])
    lead = w_row + w_col + w_val + 6
    wrap = max(width - lead, 30)
    out = [f"{h_row:>{w_row}}  {h_col:<{w_col}}  {h_val:<{w_val}}  {h_reason}"]
    for r in recs:
        lines = textwrap.wrap(cell(r.get("reason"), 10_000), wrap) or [""]
        out.append(f"{cell(r.get('row'), 8):>{w_row}}  {cell(r.get('column'), 14):<{w_col}}  "
                   f"{cell(r.get('value'), 24):<{w_val}}  {lines[0]}")
        out.extend(" " * lead + line for line in lines[1:])
    return "\n".join(out)


def _overview(ledger, lang: str = "sv") -> str:
    s = ledger.summary(by=["year", "scope"])
    table = s.pivot(index="year", columns="scope", values="co2e_t").fillna(0.0)
    table.columns = [ptr(lang, "overview column", "scope {scope}", scope=c) for c in table.columns]
    table[ptr(lang, "overview column", "total")] = table.sum(axis=1)
    table.index.name = ptr(lang, "overview column", "year")
    return table.map(lambda v: number(v, 1, lang)).to_string()


def _progress(quiet: bool):
    steps = iter(range(1, 100))

    def say(text: str) -> None:
        if not quiet:
            print(f"[{next(steps)}] {text} …", file=sys.stderr, flush=True)
    return say


def _write_report(report, out: Path, formats: list[str], say) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stem = f"klimatbokslut_{report.report_year}"
    written = []
    if "html" in formats:
        say("HTML")
        written.append(report.to_html(out / f"{stem}.html"))
    if "excel" in formats:
        say("Excel")
        written.append(report.to_excel(out / f"{stem}.xlsx"))
    if "csv" in formats:
        say("CSV")
        report.to_csv(out / "csv")
        written.append(out / "csv")
    return written


#: The terminal's headline of a report, by scope-2 method (the method's word is part of the sentence).
_HEADLINES = {
    "market": N_("{organisation}: {total} t CO2e in {year} (market-based scope 2, GWP {gwp})"),
    "location": N_("{organisation}: {total} t CO2e in {year} (location-based scope 2, GWP {gwp})"),
}
_HEADLINE_OTHER = N_("{organisation}: {total} t CO2e in {year} ({method}-based scope 2, GWP {gwp})")


def _print_report_summary(report) -> None:
    lang = report.language
    method = report.ledger.scope2_method
    total = number(report.total(report.report_year), 1, lang)
    headline = _HEADLINES.get(method, _HEADLINE_OTHER)
    print(tr(lang, headline, organisation=report.config.organisation.name, total=total, year=report.report_year,
             method=method, gwp=report.ledger.gwp))
    if report.uncertainty is not None:
        tot = report.tables["uncertainty_totals"].set_index("year")
        pct = number(100 * report.uncertainty.interval, 0, lang)
        lo, hi = (number(tot.loc[report.report_year, c], 0, lang) for c in ("low_t", "high_t"))
        print("  " + tr(lang, "{pct}% interval {low}–{high} t CO2e (Monte Carlo)", pct=pct, low=lo, high=hi))
    left = report.ledger.left_out(year=report.report_year)
    if left:
        print(f"  {left.text(lang)}")
    probability = {}
    if "uncertainty_targets" in report.tables:
        ut = report.tables["uncertainty_targets"]
        probability = {int(t): p for t, p in zip(ut["target"], ut["probability"], strict=True) if p == p}
    for v in report.targets:
        p = probability.get(v.index)
        extra = "" if p is None else "  " + tr(lang, "(probability {p})", p=percent(p, 0, lang))
        print(f"  {v.result.status_sv:<13} {v.result.name}{extra}")


def _formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("html", "excel", "csv")]
    if bad:
        raise SystemExit("klimatbokslut: " + tr("en", "unknown format {formats}; formats: html, excel, csv",
                                                 formats=", ".join(bad)))
    return formats


def _cmd_example(args) -> int:
    if args.data:
        return copy_command(args.data)
    cfg = load_config(_example_dir() / "klimatbokslut.toml")
    if args.gwp:
        cfg.gwp = args.gwp
    if args.lang:
        cfg.language = args.lang
    say = _progress(args.quiet)
    report = build_report(cfg, progress=say)
    out = Path(args.output)
    written = _write_report(report, out, ["html", "excel", "csv"], say)
    _write_outputs(report.ledger, out, lang=report.language,
                   title=tr(report.language, "Region Exempelby (fictitious example region), t CO2e by year and scope:"))
    _print_report_summary(report)
    for p in written:
        print(tr(report.language, "wrote {path}", path=p))
    return 0


def _factor_set(args) -> FactorSet:
    """The bundled factors with the ``--factors`` files (their activities added to the catalogue)."""
    files = getattr(args, "factors", None) or []
    return apply_factor_files(files) if files else default_factors()


def _config_with_files(path, files: list[str]):
    """The configuration with the ``--factors`` files added to its ``factors_files``."""
    cfg = load_config(path)
    cfg.factors_files = [*cfg.factors_files, *(Path(f).resolve() for f in files or [])]
    return cfg


def _cmd_report(args) -> int:
    cfg = _config_with_files(args.config, args.factors)
    if args.lang:
        cfg.language = args.lang
    say = _progress(args.quiet)
    report = build_report(cfg, progress=say)
    written = _write_report(report, Path(args.output), _formats(args.format), say)
    _print_report_summary(report)
    for p in written:
        print(tr(report.language, "wrote {path}", path=p))
    return 0


def _select(args) -> dict:
    """``--year`` and ``--select column=value`` (repeatable) as a what-if selection."""
    select: dict = {"year": args.year} if args.year else {}
    for item in args.select or []:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise InputError([{"row": None, "column": "--select", "value": item,
                               "reason": tr("en", "give column=value, e.g. --select site=Centralsjukhuset")}],
                             what="the command line")
        select.setdefault(key.strip(), []).append(value.strip())
    return select


#: The parameters of each ``whatif`` question's scenario function (besides share, select and gwp), from
#: the command line's arguments; the function is the one registered under the question's name
#: (``switch-fuel`` -> ``klimatbokslut.whatif.SCENARIOS["switch_fuel"]``).
_WHATIF_ARGS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "switch_fuel": lambda a: {"from_fuel": a.from_, "to_fuel": a.to, "basis": a.basis,
                              "price_difference": a.price_difference},
    "switch_contract": lambda a: {"to_contract": a.to or "go_renewable", "from_contract": a.from_ or "residual_mix",
                                  "price_difference": a.price_difference},
    "switch_anaesthetic": lambda a: {"from_agent": a.from_, "to_agent": a.to, "ratio": a.ratio,
                                     "price_difference": a.price_difference},
    "destroy_n2o": lambda a: {"efficiency": a.efficiency, "annual_cost": a.annual_cost},
    "flights_to_train": lambda a: {"max_km": a.max_km, "rail_detour": a.rail_detour},
    "cars_to_ev": lambda a: {},
    "switch_food": lambda a: {"from_group": a.from_, "to_group": a.to, "ratio": a.ratio},
}


def _run_parameters(name: str, args) -> dict[str, Any]:
    """The parameters of ``whatif run NAME``: ``--param NAME=VALUE`` (a TOML value: a number, true/false, a
    list; anything else is text), with ``--year``/``--select`` and ``--gwp`` where the function takes them.
    Every problem (a malformed pair, an unknown or missing parameter) is reported at once."""
    params: dict[str, Any] = {}
    failures = []
    for item in args.param or []:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            failures.append({"row": None, "column": "--param", "value": item,
                             "reason": tr("en", "give name=value, e.g. --param max_km=500")})
            continue
        try:
            params[key.strip()] = tomllib.loads(f"v = {value.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            params[key.strip()] = value.strip()
    failures += [{"row": None, "column": "--param", "value": p, "reason": why}
                 for p, why in parameter_problems(name, params, shared_by="the command line's options (--gwp, "
                                                                          "--factors)")]
    if failures:
        raise InputError(failures, what="the command line")
    takes = inspect.signature(scenario_function(name) or (lambda: None)).parameters
    select = _select(args)
    if select and "select" in takes:
        params["select"] = {**select, **params.get("select", {})}
    elif select:
        raise InputError([{"row": None, "column": "--select", "value": select,
                           "reason": tr("en", "{name} takes no selection", name=name)}], what="the command line")
    if "gwp" in takes:
        params["gwp"] = args.gwp
    return params


#: Activities each what-if question changes besides the one named with --from.
_WHATIF_TOUCHES: dict[str, tuple[str, ...]] = {
    "switch_contract": ("electricity", "car_ev"), "destroy_n2o": ("n2o", "entonox"), "flights_to_train": ("flight",),
    "cars_to_ev": ("car_petrol", "car_diesel", "car_unknown", "car_hvo100"),
}


def _cmd_whatif(args) -> int:
    fs = _factor_set(args)
    lang = args.lang
    sv = lang == "sv"
    name = args.scenario if args.kind == "run" else args.kind.replace("-", "_")
    run = scenario_function(name)
    if run is None:  # a question of the parser without a registered function
        raise KlimatbokslutError(tr("en", "no what-if function {name!r} in this version of klimatbokslut", name=name))
    kwargs = _run_parameters(name, args) if args.kind == "run" else {
        **_WHATIF_ARGS[name](args), "share": args.share, "select": _select(args) or None, "gwp": args.gwp}
    acts = read_activities(args.file, on_error="collect")
    checked = calculate(acts, factors=fs, gwp=args.gwp, on_error="collect")
    problems = checked.problems()
    if len(problems):
        touched = _touched(problems, checked, name, args)
        if touched.any() and not _collect(args):
            print(_problem_lines(problems[touched]))
            print("\n" + tr("en", "{n} rows this what-if would change cannot be used; correct them, or run with "
                             "--on-error collect to leave them out (what is left out is stated)",
                             n=_rows_with_problems(problems[touched])), file=sys.stderr)
            return 1
        bad_rows = set(problems["row"])
        # left out here, and stated below
        acts = acts.with_frame(acts.frame[~acts.frame["row"].isin(bad_rows)].copy()).without_rejects()
    _print_notes(acts)
    r = run(acts, **kwargs, factors=fs)
    f = {"year": args.year} if args.year else {}
    print(r.name)
    # The padding after each label lines the figures up in a column; it belongs to the translation.
    print("  " + tr(lang, "avoided (market-based):   {t} t CO2e",
                    t=number(r.avoided(method="market", **f).magnitude, 3, lang)))
    print("  " + tr(lang, "avoided (location-based): {t} t CO2e",
                    t=number(r.avoided(method="location", **f).magnitude, 3, lang)))
    if r.extra_cost is not None:
        cost = number(r.extra_cost.to("SEK").magnitude, 0, lang)
        per_t = number(r.cost_per_tonne.magnitude, 0, lang)
        print("  " + tr(lang, "extra cost:               {cost} SEK", cost=cost))
        print("  " + tr(lang, "cost per tonne avoided:   {cost} SEK/t CO2e", cost=per_t))
    for note in r.notes:
        print("  " + tr(lang, "note: {note}", note=_sv_numbers(note) if sv else note))
    if len(problems):
        left = checked.left_out(**f)
        n = _rows_with_problems(problems)
        left_text = left.text(lang, lead=False)   # the sentence here says "left out" itself
        print("  " + tr(lang, "left out: {n} rows with problems ({left_out}); they are in neither the baseline nor "
                        "the scenario", n=n, left_out=left_text))
    return 0


_DECIMAL = re.compile(r"(?<![\w.,])([+-]?)(\d+)\.(\d+)(?![\w.])")


def _sv_numbers(text: str) -> str:
    """Decimal numbers in a library note written the Swedish way: ``+8029.41 l`` -> ``+8 029,41 l``.

    Examples
    --------
    >>> _sv_numbers("+8029.41 l of fuel; 100% at 2.5 SEK/l in 2024")
    '+8 029,41 l of fuel; 100% at 2,5 SEK/l in 2024'
    """
    def swedish(m: re.Match) -> str:
        return m.group(1) + group_digits(m.group(2), "sv") + "," + m.group(3)
    return _DECIMAL.sub(swedish, text)


def _touched(problems: pd.DataFrame, ledger, name: str, args) -> pd.Series:
    """Which problem rows the what-if could change: rows of the activity it replaces (and the ones
    the question always changes), and rows whose activity cannot be read."""
    if args.kind == "run":   # which rows a scenario run by its name changes is not known here: all of them
        return pd.Series(True, index=problems.index)
    keys = set(_WHATIF_TOUCHES.get(name, ()))
    src = getattr(args, "from_", None)
    if src:
        keys.add(resolve_activity_name(src) or src)
    if name == "switch_anaesthetic" and not src:
        keys.add("desflurane")
    written = (problems["input_activity"] if "input_activity" in problems.columns
               else pd.Series(None, index=problems.index, dtype=object))
    resolved = written.astype(object).map(lambda a: resolve_activity_name(str(a)) if a == a and a is not None
                                          else None)
    kept = dict(zip(ledger.frame["row"], ledger.frame["activity"].astype(object)))   # rows kept without a factor
    resolved = resolved.where(resolved.notna(), problems["row"].map(kept))
    return resolved.isna() | resolved.isin(keys)


def _collect(args) -> bool:
    return bool(getattr(args, "lenient", False)) or getattr(args, "on_error", "raise") == "collect"


def _print_notes(acts: ActivityTable) -> None:
    for note in acts.notes:
        print(tr("en", "note: {note}", note=note))


def _ledger_of(args):
    """The activity file read and calculated, with every problem of the file and of its factors listed in one
    round (as `validate` lists them); (None, None) when there are problems and --on-error collect was not asked."""
    fs = _factor_set(args)
    acts = read_activities(args.file, on_error="collect", sheet=args.sheet)
    ledger = calculate(acts, factors=fs, gwp=args.gwp, scope2_method=args.method, on_error="collect")
    problems = ledger.problems()
    if len(problems) and not _collect(args):
        print(_problem_lines(problems))
        rec = ledger.reconcile()
        print("\n" + tr("en", "{n} of {total} rows cannot be used; nothing was written. Correct them, or run with "
                         "--on-error collect to leave them out (what is left out is stated).",
                         n=_rows_with_problems(problems), total=rec["input_rows"]), file=sys.stderr)
        return None, None
    return acts, ledger


def _cmd_calculate(args) -> int:
    acts, ledger = _ledger_of(args)
    if ledger is None:
        return 1
    _print_notes(acts)
    title = tr(args.lang, "{file}: t CO2e by year and scope:", file=args.file)
    _write_outputs(ledger, Path(args.output), title=title, lang=args.lang)
    return 0


def _cmd_uncertainty(args) -> int:
    """Monte Carlo of an activity file: totals with intervals, changes, the largest contributors."""
    from .csvout import write_csv
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


def _rows_with_problems(problems: pd.DataFrame) -> int:
    return int(problems["row"].nunique()) if len(problems) else 0


def _cmd_validate(args) -> int:
    if str(args.file).lower().endswith(".toml"):
        return _validate_config(args.file, args.factors)

    fs = _factor_set(args)
    acts = read_activities(args.file, on_error="collect", sheet=args.sheet)
    ledger = calculate(acts, factors=fs, on_error="collect")
    rec = ledger.reconcile()
    problems = ledger.problems()
    _print_notes(acts)
    if len(problems):
        print(_problem_lines(problems))
        unvalued = rec.get("unvalued_rows", 0)
        n, total = _rows_with_problems(problems), rec["input_rows"]
        print("\n" + (tr("en", "{n} of {total} rows cannot be used; {unvalued} have no emission factor (kept for "
                          "energy and amounts, left out of CO2e)", n=n, total=total, unvalued=unvalued) if unvalued
                       else tr("en", "{n} of {total} rows cannot be used", n=n, total=total)), file=sys.stderr)
        return 1
    print(tr("en", "all {n} rows can be used", n=rec["input_rows"]))
    return 0


def _validate_config(path, files: list[str] | None = None) -> int:
    problems = validate(_config_with_files(path, files or []))
    if len(problems):
        with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 90):
            print(problems.fillna("").to_string(index=False))
        print("\n" + ntr("en", "{n} problem in {path}", "{n} problems in {path}", len(problems), path=path),
              file=sys.stderr)
        return 1
    print(tr("en", "{path}: the configuration and every input it names can be used", path=path))
    return 0


def _cmd_factors(args) -> int:
    fs = _factor_set(args)
    table = fs.table()
    if args.action == "years":
        print_years(fs, activity_filter(table, args.activity))
        return 0
    if args.action == "list":
        rows = activity_filter(table, args.activity)
        rows = rows.assign(uncertainty=[factor_uncertainty(r).text() for r in rows.to_dict("records")])
        cols = ["factor_id", "activity", "region", "valid_from", "valid_to", "value", "unit", "boundary", "publisher",
                "uncertainty"]
        with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 40):
            print(rows[cols].to_string(index=False))
        print("\n" + tr("en", "{n} factors; dataset {name} version {version}", n=len(rows), name=fs.name,
                         version=fs.version))
        return 0
    if args.action == "show":
        if not args.id:
            print(tr("en", "factors show needs a factor id (see `klimatbokslut factors list`)"), file=sys.stderr)
            return 2
        hit = table[table["factor_id"] == args.id]
        if hit.empty:
            print(tr("en", "no factor {id!r}; see `klimatbokslut factors list`", id=args.id), file=sys.stderr)
            return 2
        for key, value in hit.iloc[0].items():
            print(f"{key}: {value}")
        print(tr("en", "uncertainty: {text}", text=factor_uncertainty(hit.iloc[0].to_dict()).text()))
        return 0
    if args.action == "export":
        if not args.id:
            print(tr("en", "factors export needs a file path (.csv or .xlsx)"), file=sys.stderr)
            return 2
        path = Path(args.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".xlsx":
            neutralise_cells(table).to_excel(path, index=False)
        else:
            table.to_csv(path, index=False, lineterminator="\n")
        print(tr("en", "wrote {path} ({n} factors)", path=path, n=len(table)))
        return 0
    return 2


#: The what-if questions of the command line, with their help text.
_QUESTIONS = (
    ("switch-fuel", "a share of one fuel replaced by another, e.g. diesel by HVO100"),
    ("switch-contract", "electricity moved to another contract, e.g. guarantees of origin"),
    ("switch-anaesthetic", "one anaesthetic agent replaced by another with a stated ratio"),
    ("destroy-n2o", "lustgas and Entonox led through destruction units"),
    ("flights-to-train", "flights up to a distance taken by train"),
    ("cars-to-ev", "km in private petrol/diesel cars driven electric"),
    ("switch-food", "one food group served as another with a stated ratio"),
)


def _add_question_arguments(w: argparse.ArgumentParser, kind: str) -> None:
    """The arguments of one what-if question (between the activity file and --share)."""
    if kind == "switch-fuel":
        w.add_argument("--from", dest="from_", required=True, help="fuel replaced, e.g. diesel")
        w.add_argument("--to", required=True, help="new fuel, e.g. hvo100")
        w.add_argument("--basis", default="energy", choices=["energy", "volume"], help="same MJ or same litres")
    elif kind == "switch-contract":
        w.add_argument("--from", dest="from_", default="residual_mix", help="contract replaced (residual_mix)")
        w.add_argument("--to", default="go_renewable", help="new contract (go_renewable)")
    elif kind == "switch-anaesthetic":
        w.add_argument("--from", dest="from_", default="desflurane", help="agent replaced (desflurane)")
        w.add_argument("--to", default="sevoflurane", help="new agent (sevoflurane)")
        w.add_argument("--ratio", type=float, required=True,
                       help="kg of the new agent per kg of the old for the same anaesthesia (yours to source)")
    elif kind == "destroy-n2o":
        w.add_argument("--efficiency", type=float, required=True,
                       help="fraction of the gas reaching a unit that it destroys, 0-1 (yours to source)")
        w.add_argument("--annual-cost", default=None, help='cost of the units, e.g. "300 kSEK"')
    elif kind == "flights-to-train":
        w.add_argument("--max-km", type=float, required=True, help="longest flight (great-circle km) replaced")
        w.add_argument("--rail-detour", type=float, default=1.0,
                       help="rail km per great-circle km (default 1.0)")
    elif kind == "switch-food":
        w.add_argument("--from", dest="from_", required=True, help="food group replaced, e.g. nötkött")
        w.add_argument("--to", required=True, help="food group served instead, e.g. baljväxter")
        w.add_argument("--ratio", type=float, required=True, help="kg of the new per kg of the old (yours)")


def _add_whatif_parser(sub: Any) -> None:
    """``klimatbokslut whatif QUESTION FILE ...``: one subcommand per what-if question."""
    p = sub.add_parser("whatif", help="what-if questions on an activity file (fuel, contract, anaesthetics, "
                                      "lustgas destruction, flights to train, cars to EV, food)")
    wsub = p.add_subparsers(dest="kind", required=True)
    for kind, helptext in _QUESTIONS:
        w = wsub.add_parser(kind, help=helptext, description=helptext)
        w.add_argument("file", help="activity file (CSV or Excel)")
        _add_question_arguments(w, kind)
        w.add_argument("--share", type=float, default=1.0, help="fraction switched, 0-1 (default 1)")
        if kind in ("switch-fuel", "switch-contract", "switch-anaesthetic"):
            w.add_argument("--price-difference", default=None, help='new minus old price, e.g. "2 SEK/l"')
        w.add_argument("--year", type=int, default=None, help="only rows of this year")
        w.add_argument("--select", action="append", metavar="COLUMN=VALUE",
                       help="only rows with this value (repeatable), e.g. --select site=Centralsjukhuset")
        w.add_argument("--gwp", default="AR6", choices=["AR4", "AR5", "AR6"])
        w.add_argument("--on-error", default="raise", choices=["raise", "collect"],
                       help="raise (default): stop on a problem in a row the what-if changes (rows it does not "
                            "change are left out and stated); collect: leave every bad row out")
        _add_lang_option(w)
        _add_factors_option(w)
        w.set_defaults(func=_cmd_whatif)
    w = wsub.add_parser("run", help="any registered scenario function by its name, its parameters as "
                                    "--param NAME=VALUE", description="Run a scenario function of "
                        "klimatbokslut.whatif.SCENARIOS (the types of a configuration's [[scenarios]]) by its name.")
    w.add_argument("scenario", choices=list(SCENARIOS), help="the scenario function, e.g. flights_to_train")
    w.add_argument("file", help="activity file (CSV or Excel)")
    w.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="a parameter of the function (repeatable), e.g. --param max_km=500; numbers, true/false "
                        "and [lists] are read as TOML, anything else as text")
    w.add_argument("--year", type=int, default=None, help="only rows of this year")
    w.add_argument("--select", action="append", metavar="COLUMN=VALUE", help="only rows with this value (repeatable)")
    w.add_argument("--gwp", default="AR6", choices=["AR4", "AR5", "AR6"])
    w.add_argument("--on-error", default="raise", choices=["raise", "collect"],
                   help="raise (default): stop on any row with a problem; collect: leave every bad row out")
    _add_lang_option(w)
    _add_factors_option(w)
    w.set_defaults(func=_cmd_whatif)


def _add_lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", default="sv", choices=["sv", "en"],
                   help="sv (default): Swedish numbers on the terminal and CSV for Swedish Excel (semicolon, "
                        "decimal comma, UTF-8 with BOM, Swedish column names); en: English and international "
                        "CSV (comma, decimal point)")


def _add_factors_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--factors", action="append", metavar="FILE", default=[],
                   help="a factor file (TOML or CSV) with activities of your own, their factors and sources "
                        "(repeatable)")


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
    p.add_argument("--data", metavar="DIR", help="copy the tutorials' example files to DIR (region/, export/, data/)")
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
