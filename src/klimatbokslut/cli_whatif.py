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
from .engine import calculate
from .errors import InputError, KlimatbokslutError
from .intake.read import read_activities
from .text import group_digits, number, tr
from .whatif import SCENARIOS, scenario_function
from .whatif.registry import parameter_problems


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
