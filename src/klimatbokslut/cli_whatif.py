"""The command ``whatif``: the questions, their options, the scenario run and its headline.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
import tomllib
from collections.abc import Callable
from typing import Any

import pandas as pd

from .catalogue import resolve_activity_name
from .cli_common import (
    _add_factors_option,
    _add_lang_option,
    _collect,
    _factor_set,
    _print_notes,
    _problem_lines,
    _rows_with_problems,
)
from .cli_words import coded_words
from .engine import calculate
from .errors import InputError, KlimatbokslutError
from .intake.columns import HEADER_LOOKUP, norm_header
from .intake.read import read_activities
from .text import N_, auto_decimals, group_digits, number, tr
from .whatif import SCENARIOS, scenario_function
from .whatif.registry import parameter_problems


def _select(args) -> dict:
    """``--year`` and ``--select column=value`` (repeatable) as a what-if selection; the column may be named as
    the activity file names it (``anläggning``, ``förvaltning``) or by its name in the ledger (``site``)."""
    lang = getattr(args, "lang", None) or "sv"
    select: dict = {"year": args.year} if args.year else {}
    for item in args.select or []:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise InputError([{"row": None, "column": "--select", "value": item,
                               "reason": tr(lang, "give column=value, e.g. --select anläggning=Centralsjukhuset")}],
                             what=tr(lang, "the command line"))
        column = HEADER_LOOKUP.get(norm_header(key), key.strip())
        select.setdefault(column, []).append(value.strip())
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
                             "reason": tr(args.lang, "give name=value, e.g. --param max_km=500")})
            continue
        try:
            params[key.strip()] = tomllib.loads(f"v = {value.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            params[key.strip()] = value.strip()
    failures += [{"row": None, "column": "--param", "value": p, "reason": why}
                 for p, why in parameter_problems(name, params, shared_by="the command line's options (--gwp, "
                                                                          "--factors)")]
    if failures:
        raise InputError(failures, what=tr(args.lang, "the command line"))
    takes = inspect.signature(scenario_function(name) or (lambda: None)).parameters
    select = _select(args)
    if select and "select" in takes:
        params["select"] = {**select, **params.get("select", {})}
    elif select:
        raise InputError([{"row": None, "column": "--select", "value": select,
                           "reason": tr(args.lang, "{name} takes no selection", name=name)}],
                         what=tr(args.lang, "the command line"))
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
        raise KlimatbokslutError(tr(lang, "no what-if function {name!r} in this version of klimatbokslut", name=name))
    kwargs = _run_parameters(name, args) if args.kind == "run" else {
        **_WHATIF_ARGS[name](args), "share": args.share, "select": _select(args) or None, "gwp": args.gwp}
    acts = read_activities(args.file, on_error="collect")
    checked = calculate(acts, factors=fs, gwp=args.gwp, on_error="collect")
    problems = checked.problems()
    if len(problems):
        touched = _touched(problems, checked, name, args)
        if touched.any() and not _collect(args):
            print(_problem_lines(problems[touched]))
            print("\n" + tr(lang, "{n} rows this what-if would change cannot be used; correct them, or run with "
                             "--on-error collect to leave them out (what is left out is stated)",
                             n=_rows_with_problems(problems[touched])), file=sys.stderr)
            return 1
        bad_rows = set(problems["row"])
        # left out here, and stated below
        acts = acts.with_frame(acts.frame[~acts.frame["row"].isin(bad_rows)].copy()).without_rejects()
    _print_notes(acts, lang)
    r = run(acts, **kwargs, factors=fs)
    f = {"year": args.year} if args.year else {}
    print(_headline(r, args, acts, lang))
    # The padding after each label lines the figures up in a column; it belongs to the translation.
    market, location = (r.avoided(method=m, **f).magnitude for m in ("market", "location"))
    d = auto_decimals(max(abs(market), abs(location)))     # one number of decimals for both, by their size
    print("  " + tr(lang, "avoided (market-based):   {t} t CO2e", t=number(market, d, lang)))
    print("  " + tr(lang, "avoided (location-based): {t} t CO2e", t=number(location, d, lang)))
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


def _headline(r: Any, args: Any, acts: Any, lang: str) -> str:
    """The what-if's name in ``lang`` (activity names, not keys) and the year or years its figures cover."""
    years = sorted({int(y) for y in pd.to_numeric(acts.frame["year"], errors="coerce").dropna()})
    name = coded_words(r.name, lang)
    if args.year:
        return tr(lang, "{name}, {year}", name=name, year=args.year)
    if len(years) > 1:
        return tr(lang, "{name}, {first}–{last} summed (every year of the file; --year for one)", name=name,
                  first=years[0], last=years[-1])
    return tr(lang, "{name}, {year}", name=name, year=years[0]) if years else name


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


#: The what-if questions of the command line, with their help text.
_QUESTIONS = (
    ("switch-fuel", N_("a share of one fuel replaced by another, e.g. diesel by HVO100")),
    ("switch-contract", N_("electricity moved to another contract, e.g. guarantees of origin")),
    ("switch-anaesthetic", N_("one anaesthetic agent replaced by another with a stated ratio")),
    ("destroy-n2o", N_("lustgas and Entonox led through destruction units")),
    ("flights-to-train", N_("flights up to a distance taken by train")),
    ("cars-to-ev", N_("km in private petrol/diesel cars driven electric")),
    ("switch-food", N_("one food group served as another with a stated ratio")),
)

#: The price difference of each question that takes one, in its unit.
_PRICE_HELP = {
    "switch-fuel": N_('price of the new fuel minus the old per unit of fuel, e.g. "2 SEK/l" or "150 SEK/MWh"'),
    "switch-contract": N_('extra price per unit of electricity, e.g. "0.01 SEK/kWh"'),
    "switch-anaesthetic": N_('price of the new agent minus the old per kg, e.g. "400 SEK/kg"'),
}


def _add_question_arguments(w: argparse.ArgumentParser, kind: str, lang: str) -> None:
    """The arguments of one what-if question (between the activity file and --share)."""
    if kind == "switch-fuel":
        w.add_argument("--from", dest="from_", required=True, help=tr(lang, "fuel replaced, e.g. diesel"))
        w.add_argument("--to", required=True, help=tr(lang, "new fuel, e.g. hvo100"))
        w.add_argument("--basis", default="energy", choices=["energy", "volume"],
                       help=tr(lang, "energy (default): the same MJ of the new fuel; volume: the same litres"))
    elif kind == "switch-contract":
        w.add_argument("--from", dest="from_", default="residual_mix",
                       help=tr(lang, "contract replaced, e.g. residual_mix (the default)"))
        w.add_argument("--to", default="go_renewable", help=tr(lang, "new contract, e.g. go_renewable (the default)"))
    elif kind == "switch-anaesthetic":
        w.add_argument("--from", dest="from_", default="desflurane",
                       help=tr(lang, "agent replaced, e.g. desflurane (the default)"))
        w.add_argument("--to", default="sevoflurane", help=tr(lang, "new agent, e.g. sevoflurane (the default)"))
        w.add_argument("--ratio", type=float, required=True,
                       help=tr(lang, "kg of the new agent per kg of the old for the same anaesthesia, e.g. 2.5 "
                                     "(yours to source)"))
    elif kind == "destroy-n2o":
        w.add_argument("--efficiency", type=float, required=True,
                       help=tr(lang, "share of the gas reaching a unit that it destroys, 0-1, e.g. 0.9 (yours to "
                                     "source)"))
        w.add_argument("--annual-cost", default=None, help=tr(lang, 'extra cost of the units in SEK, e.g. "300 kSEK"'))
    elif kind == "flights-to-train":
        w.add_argument("--max-km", type=float, required=True,
                       help=tr(lang, "longest flight replaced, great-circle km one way, e.g. 500"))
        w.add_argument("--rail-detour", type=float, default=1.0,
                       help=tr(lang, "rail km per great-circle km, e.g. 1.2 (default 1.0)"))
    elif kind == "switch-food":
        w.add_argument("--from", dest="from_", required=True, help=tr(lang, "food group replaced, e.g. nötkött"))
        w.add_argument("--to", required=True, help=tr(lang, "food group served instead, e.g. baljväxter"))
        w.add_argument("--ratio", type=float, required=True,
                       help=tr(lang, "kg of the new per kg of the old, e.g. 0.8 (yours to source)"))


def _add_common_whatif_options(w: argparse.ArgumentParser, lang: str, collect_help: str) -> None:
    w.add_argument("--year", type=int, default=None,
                   help=tr(lang, "only rows of this year, e.g. 2024 (without it: every year of the file, summed)"))
    w.add_argument("--select", action="append", metavar=tr(lang, "COLUMN=VALUE"),
                   help=tr(lang, "only rows with this value, the column named as in the file (repeatable), e.g. "
                                 "--select anläggning=Centralsjukhuset"))
    w.add_argument("--gwp", default="AR6", choices=["AR4", "AR5", "AR6"],
                   help=tr(lang, "the IPCC report whose GWP100 values weigh the gases, e.g. AR6 (the default)"))
    w.add_argument("--on-error", default="raise", choices=["raise", "collect"], help=collect_help)
    _add_lang_option(w, lang)
    _add_factors_option(w, lang)
    w.set_defaults(func=_cmd_whatif)


def _add_whatif_parser(sub: Any, lang: str) -> None:
    """``klimatbokslut whatif QUESTION FILE ...``: one subcommand per what-if question."""
    p = sub.add_parser("whatif", help=tr(lang, "what-if questions on an activity file (fuel, contract, anaesthetics, "
                                               "lustgas destruction, flights to train, cars to EV, food)"))
    wsub = p.add_subparsers(dest="kind", required=True)
    for kind, helptext in _QUESTIONS:
        w = wsub.add_parser(kind, help=tr(lang, helptext), description=tr(lang, helptext))
        w.add_argument("file", help=tr(lang, "activity file (CSV or Excel)"))
        _add_question_arguments(w, kind, lang)
        w.add_argument("--share", type=float, default=1.0,
                       help=tr(lang, "share switched, 0-1, e.g. 0.5 for half (default 1)"))
        if kind in _PRICE_HELP:
            w.add_argument("--price-difference", default=None, help=tr(lang, _PRICE_HELP[kind]))
        _add_common_whatif_options(w, lang, tr(lang, "raise (default): stop on a problem in a row the what-if "
                                                     "changes (rows it does not change are left out and stated); "
                                                     "collect: leave every bad row out"))
    w = wsub.add_parser("run", help=tr(lang, "any registered scenario function by its name, its parameters as "
                                             "--param NAME=VALUE"),
                        description=tr(lang, "Run a scenario function of klimatbokslut.whatif.SCENARIOS (the types of "
                                             "a configuration's [[scenarios]]) by its name."))
    w.add_argument("scenario", choices=list(SCENARIOS), help=tr(lang, "the scenario function, e.g. flights_to_train"))
    w.add_argument("file", help=tr(lang, "activity file (CSV or Excel)"))
    w.add_argument("--param", action="append", metavar=tr(lang, "NAME=VALUE"),
                   help=tr(lang, "a parameter of the function (repeatable), e.g. --param max_km=500; numbers, "
                                 "true/false and [lists] are read as TOML, anything else as text"))
    _add_common_whatif_options(w, lang, tr(lang, "raise (default): stop on any row with a problem; collect: leave "
                                                 "every bad row out"))
