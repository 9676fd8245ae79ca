"""Base-year recalculation: a base year that stays comparable when the organisation or the method changes.

The GHG Protocol Corporate Standard (ch. 5) asks a company to recalculate its base-year
emissions when a structural change (an acquisition, a divestment, an operation outsourced or
taken in), a change of method or of emission factors, or a discovered error changes the
base year by more than a significance threshold it has set, and to report the recalculated
base year and history. Without it, a follow-up that compares this year's organisation and
method with the base year's states a reduction that is partly an artefact: a laundry moved
into a company leaves scope 1 but is still bought as a service.

This module keeps that apart:

* :class:`RecalculationPolicy`: the threshold (a share of the base-year total), the triggers
  that count, and whether every year before a change is restated or only the base year.
* :class:`StructuralChange`: a divestment (the unit's rows before the change leave every
  year), an acquisition (the unit's activity rows or emissions for the years before are
  added), an outsourcing (the operation's scope 1 and 2 rows before the change move to scope
  3 as a purchased service: moved, not reduced).
* :class:`Correction`: an error found, as emissions per year to add (or take away); its size
  is its largest share of a year it corrects (an error in 2013 only is measured against 2013).
* :class:`MethodChange`: a change of method or factor edition from a year on (radiative
  forcing on flights, a GWP set, a factor set): :func:`method_history` recomputes every year
  from the stored activity rows with the method then in force (as first reported) and with
  today's, side by side, and the effect of each change on the base year.
* :func:`restate`: the assessment of each change against the threshold, the restated ledger
  (targets evaluate against it by default), and the history as reported and as restated with
  the reason and size of each adjustment.

References
----------
.. [1] WRI/WBCSD (2004): The Greenhouse Gas Protocol, A Corporate Accounting and Reporting
   Standard, revised edition, chapter 5 "Tracking emissions over time" (base-year
   recalculation policy, significance threshold, structural changes, outsourcing, changes in
   methods and errors).

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> acts = pd.DataFrame({"activity": ["diesel"] * 4, "amount": [920, 80, 920, 900], "unit": ["l"] * 4,
...                      "year": [2012, 2012, 2019, 2024], "org_unit": ["Vård", "Tvätteri", "Vård", "Vård"]})
>>> led = kb.calculate(acts)
>>> r = restate(led, [StructuralChange("Tvätteriet såldes", kind="divestment", year=2015,
...                                     select={"org_unit": "Tvätteri"})], base_year=2012)
>>> a = r.assessment.iloc[0]
>>> round(float(a["share_of_base"]), 3), bool(a["applied"])
(0.08, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .catalogue import AREAS, CATEGORIES
from .errors import InputError
from .ledger import Ledger
from .units import as_quantity
from .validation import as_list, check_year, fail, isin_mask

__all__ = ["TRIGGERS", "RESTATE", "CHANGE_KINDS", "RecalculationPolicy", "StructuralChange", "Correction",
           "MethodChange", "Restatement", "restate", "method_history"]

#: What can make a base year be recalculated (GHG Protocol ch. 5).
TRIGGERS = ("structural", "method", "factor_edition", "error")
#: Which years a significant change restates: every year before the change, the base year only,
#: or only later years (the history before the change stays as first reported: no back-casting).
RESTATE = ("all", "base_year", "later")
#: Kinds of structural change.
CHANGE_KINDS = ("divestment", "acquisition", "outsourcing")

_WHAT = "base-year recalculation"


def _t(value: Any, column: str, what: str) -> float:
    """t CO2e from a number (read as t CO2e), a Quantity or a text like ``"1 200 t CO2e"``."""
    q = as_quantity(value, "t CO2e", column=column, what=what)
    try:
        return float(q.to("t CO2e").magnitude)
    except Exception:
        raise fail(column, value, "emissions are given in t CO2e (or kg CO2e)", what=what) from None


def _per_year(value: Any, column: str, what: str, before: int | None = None) -> dict[int, float]:
    if not isinstance(value, Mapping) or not value:
        raise fail(column, value, "give the emissions per year, e.g. {2012 = 350, 2013 = 340} (t CO2e)", what=what)
    out = {}
    for y, v in value.items():
        year = check_year(int(y) if isinstance(y, str) and y.strip().isdigit() else y, column, what=what)
        if before is not None and year >= before:
            raise fail(column, y, f"emissions are needed for the years before the change ({before}), not {year}",
                       what=what)
        out[year] = _t(v, column, what)
    return out


@dataclass(frozen=True)
class RecalculationPolicy:
    """When and how the base year is recalculated.

    Parameters
    ----------
    threshold : float
        Significance threshold as a share of the base-year total (0.05 for 5 %), 0–1. A change
        whose effect on the base year is at least this large is restated.
    triggers : iterable of str
        The kinds of change the policy restates for: ``structural``, ``method``,
        ``factor_edition``, ``error`` (default all).
    restate : {"all", "base_year", "later"}
        ``all`` (default): the base year and every other year before the change, so every year
        covers the same organisation; ``base_year``: only the base year; ``later``: only the
        years from the change on (which already have the new organisation or method): the
        history stays as first reported and each change is assessed and reported, not applied.
    cumulative : bool
        Changes each below the threshold are restated together when their effects on the base
        year add up to the threshold (default True; the GHG Protocol asks to consider the
        cumulative effect).

    Examples
    --------
    >>> RecalculationPolicy(threshold=1.5)
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in base-year recalculation:
      column 'threshold', value '1.5': the threshold is a share of the base-year total from 0 to 1 (0.05 for 5 %)
    """

    threshold: float = 0.05
    triggers: tuple[str, ...] = TRIGGERS
    restate: str = "all"
    cumulative: bool = True

    def __post_init__(self) -> None:
        try:
            t = float(self.threshold)
        except (TypeError, ValueError):
            raise fail("threshold", self.threshold, "the threshold is a number (0.05 for 5 %)", what=_WHAT) from None
        if not (0.0 <= t <= 1.0) or math.isnan(t):
            raise fail("threshold", self.threshold, "the threshold is a share of the base-year total from 0 to 1 "
                                                    "(0.05 for 5 %)", what=_WHAT)
        triggers = tuple(as_list(self.triggers))
        bad = [x for x in triggers if x not in TRIGGERS]
        if bad:
            raise fail("triggers", ", ".join(map(str, bad)), f"triggers are {', '.join(TRIGGERS)}", what=_WHAT)
        if self.restate not in RESTATE:
            raise fail("restate", self.restate, f"restate is one of {', '.join(RESTATE)}", what=_WHAT)
        object.__setattr__(self, "threshold", t)
        object.__setattr__(self, "triggers", triggers)


@dataclass(frozen=True)
class StructuralChange:
    """A unit that left or joined the organisation, or an operation now bought as a service.

    Parameters
    ----------
    name : str
        As the report names it ("Tvätteriet bolagiserat").
    kind : {"divestment", "acquisition", "outsourcing"}
    year : int
        The first year the organisation is changed (the unit gone, joined, or bought).
    select : dict, optional
        Ledger-column filters that pick the unit's rows (``{"org_unit": "Tvätteri"}``): for a
        divestment (the rows before ``year`` leave every restated year) and an outsourcing (they
        move to scope 3, category purchased goods and services).
    activities : pandas.DataFrame or path, optional
        An acquired unit's activity rows for the years before ``year``, calculated with the
        ledger's settings and added.
    emissions : mapping year -> t CO2e, optional
        The unit's emissions per year before ``year`` when its rows are not at hand; with
        ``scope``, ``category`` and ``area`` saying where they belong.
    scope, category, area : optional
        For ``emissions``.
    """

    name: str
    kind: str
    year: int
    select: Mapping[str, Any] | None = None
    activities: Any = None
    emissions: Mapping[Any, Any] | None = None
    scope: int | None = None
    category: str | None = None
    area: str | None = None
    trigger: str = field(default="structural", init=False)

    def __post_init__(self) -> None:
        what = f"structural change {self.name!r}"
        if not isinstance(self.name, str) or not self.name.strip():
            raise fail("name", self.name, "a change needs a name", what=_WHAT)
        if self.kind not in CHANGE_KINDS:
            raise fail("kind", self.kind, f"kind is one of {', '.join(CHANGE_KINDS)}", what=what)
        object.__setattr__(self, "year", check_year(self.year, "year", what=what))
        given = [k for k in ("select", "activities", "emissions") if getattr(self, k) is not None]
        allowed = {"divestment": ("select", "emissions"), "acquisition": ("activities", "emissions"),
                   "outsourcing": ("select",)}[self.kind]
        if len(given) != 1 or given[0] not in allowed:
            raise fail(given[0] if len(given) == 1 else "select", ", ".join(given) or None,
                       f"a {self.kind} is given by exactly one of {' or '.join(allowed)} (the unit's rows or its "
                       "emissions per year before the change)", what=what)
        if self.emissions is not None:
            object.__setattr__(self, "emissions", _per_year(self.emissions, "emissions", what, before=self.year))
            _placement(self.scope, self.category, self.area, what)


@dataclass(frozen=True)
class Correction:
    """An error found in earlier years: emissions per year to add (negative: to take away).

    Parameters
    ----------
    name : str
    emissions : mapping year -> t CO2e
    scope, category, area
        Where the corrected emissions belong.
    """

    name: str
    emissions: Mapping[Any, Any]
    scope: int
    category: str
    area: str
    trigger: str = field(default="error", init=False)

    def __post_init__(self) -> None:
        what = f"correction {self.name!r}"
        if not isinstance(self.name, str) or not self.name.strip():
            raise fail("name", self.name, "a correction needs a name", what=_WHAT)
        object.__setattr__(self, "emissions", _per_year(self.emissions, "emissions", what))
        _placement(self.scope, self.category, self.area, what)


def _placement(scope: Any, category: Any, area: Any, what: str) -> None:
    if scope not in (1, 2, 3):
        raise fail("scope", scope, "emissions given as numbers need their scope: 1, 2 or 3", what=what)
    if category not in CATEGORIES:
        raise fail("category", category, f"category is one of {', '.join(CATEGORIES)}", what=what)
    if area not in AREAS:
        raise fail("area", area, f"area is one of {', '.join(AREAS)}", what=what)


@dataclass(frozen=True)
class MethodChange:
    """A change of method or of factor edition from ``year`` on.

    Parameters
    ----------
    name : str
        "Flyg med strålningsdrivning (RF)".
    year : int
        First year reported with the new method.
    settings : dict
        The keyword arguments of :func:`klimatbokslut.calculate` that change: ``gwp``,
        ``radiative_forcing``, ``scope2_method``, ``factors``, ``price_index``.
    trigger : {"method", "factor_edition"}
    """

    name: str
    year: int
    settings: Mapping[str, Any]
    trigger: str = "method"

    def __post_init__(self) -> None:
        what = f"method change {self.name!r}"
        object.__setattr__(self, "year", check_year(self.year, "year", what=what))
        if self.trigger not in ("method", "factor_edition"):
            raise fail("trigger", self.trigger, "a method change's trigger is method or factor_edition", what=what)
        allowed = {"gwp", "radiative_forcing", "scope2_method", "factors", "price_index"}
        bad = sorted(set(self.settings) - allowed)
        if not self.settings or bad:
            raise fail("settings", ", ".join(bad) or None, f"settings are {', '.join(sorted(allowed))}", what=what)


def method_history(activities: Any, changes: Iterable[MethodChange], *, base_year: int,
                   policy: RecalculationPolicy | None = None, **settings: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every year of a history with the method in force then (as first reported) and with today's.

    Parameters
    ----------
    activities : pandas.DataFrame
        The stored activity rows of every year.
    changes : iterable of MethodChange
        In the order they were made.
    base_year : int
    policy : RecalculationPolicy, optional
    **settings
        The method before the first change (keyword arguments of :func:`klimatbokslut.calculate`).

    Returns
    -------
    (history, effects) : two DataFrames
        ``history``: ``year, reported_t`` (each year with the changes made by then),
        ``restated_t`` (every change applied). ``effects``: per change, ``change, year,
        trigger, base_year_effect_t, share_of_base, significant``: the base year computed with
        the changes up to this one, minus with the ones before it.
    """
    from .engine import calculate

    policy = policy or RecalculationPolicy()
    changes = sorted(changes, key=lambda c: c.year)
    acts = activities if isinstance(activities, pd.DataFrame) else pd.read_csv(activities)
    years = sorted({int(y) for y in pd.to_numeric(pd.DataFrame(acts)["year"] if "year" in acts else
                                                  acts.iloc[:, 0], errors="coerce").dropna()})
    stages = [dict(settings)]
    for c in changes:
        stages.append({**stages[-1], **c.settings})
    ledgers = [calculate(acts, **s) for s in stages]
    totals = [{y: float(led.total(year=y).magnitude) for y in years} for led in ledgers]
    rows = []
    for y in years:
        in_force = sum(1 for c in changes if c.year <= y)
        rows.append({"year": y, "reported_t": totals[in_force][y], "restated_t": totals[-1][y]})
    base = totals[0].get(base_year)
    if base is None:
        raise fail("base_year", base_year, f"no activity rows in the base year; years: {', '.join(map(str, years))}",
                   what=_WHAT)
    effects = []
    for i, c in enumerate(changes, start=1):
        eff = totals[i][base_year] - totals[i - 1][base_year]
        share = abs(eff) / abs(base) if base else float("nan")
        effects.append({"change": c.name, "year": c.year, "trigger": c.trigger, "base_year_effect_t": eff,
                        "share_of_base": share, "significant": bool(share >= policy.threshold)})
    return pd.DataFrame(rows), pd.DataFrame(effects, columns=["change", "year", "trigger", "base_year_effect_t",
                                                              "share_of_base", "significant"])


@dataclass
class Restatement:
    """The outcome of :func:`restate`.

    Attributes
    ----------
    ledger : Ledger
        The restated ledger: every applied change in every restated year. Targets evaluate
        against it by default.
    reported : Ledger
        The ledger as reported (the as-reported comparison).
    assessment : pandas.DataFrame
        Per change: ``change, kind, kind_sv, trigger, year, base_year_effect_t`` (on the total),
        ``moved_to_scope3_t`` (an outsourcing), ``share_of_base`` (the effect, or the amount
        moved, as a share of the base-year total), ``significant``, ``cumulative`` (restated
        together with other changes below the threshold), ``applied``.
    adjustments : pandas.DataFrame
        Per applied change and restated year: ``change, year, scope, adjustment_t``
        (an outsourcing shows its scope 1/2 leaving and its scope 3 arriving).
    history : pandas.DataFrame
        Per year: ``year, reported_t, adjustment_t, restated_t, reasons``.
    base_year : int
    policy : RecalculationPolicy
    """

    ledger: Ledger
    reported: Ledger
    assessment: pd.DataFrame
    adjustments: pd.DataFrame
    history: pd.DataFrame
    base_year: int
    policy: RecalculationPolicy
    #: With method changes (:func:`method_history`): every year as first reported and with today's method.
    method_history: pd.DataFrame | None = None
    #: The effect of each method change on the base year, and whether it passes the threshold.
    method_effects: pd.DataFrame | None = None

    def _method_sentences(self, lang: str) -> list[str]:
        if self.method_effects is None:
            return []
        return [_method_sentence(e, self.base_year, self.policy.threshold, lang)
                for e in self.method_effects.to_dict("records")]

    def sentences(self, lang: str = "sv") -> list[str]:
        """One sentence per change: what it is, its effect on the base year, and what was done."""
        out = self._method_sentences(lang)
        for a in self.assessment.to_dict("records"):
            pct = f"{100 * a['share_of_base']:.1f}".replace(".", "," if lang == "sv" else ".")
            eff = f"{a['base_year_effect_t']:+,.1f}"
            eff = eff.replace(",", " ").replace(".", ",").replace("-", "−") if lang == "sv" else eff
            thr = f"{100 * self.policy.threshold:g}".replace(".", "," if lang == "sv" else ".")
            if lang == "sv":
                verb = {"divestment": "avyttrades", "acquisition": "förvärvades",
                        "outsourcing": "lades ut (köps som tjänst)"}.get(a["kind"], "ändrades")
                head = f"{a['change']} ({a['kind_sv']}, {a['year']})"
                if a["kind"] in CHANGE_KINDS:
                    head = f"{a['change']}: {verb} {a['year']}"
                did = ("basåret och tidigare år är omräknade" if self.policy.restate == "all" else
                       "basåret är omräknat") if a["applied"] else \
                    ("under tröskeln: inte omräknat" if not (a["significant"] or a["cumulative"]) else
                     "policyn räknar bara om senare år: historiken är som först redovisad"
                     if self.policy.restate == "later" else "utlösaren ingår inte i policyn")
                if a["kind"] == "outsourcing":
                    moved = f"{a['moved_to_scope3_t']:,.1f}".replace(",", " ").replace(".", ",")
                    out.append(f"{head}. {moved} ton CO2e i basåret {self.base_year} flyttas från scope 1 och 2 till "
                               f"scope 3 ({pct} %, tröskel {thr} %): en flytt, ingen minskning; {did}.")
                    continue
                out.append(f"{head}. Påverkan på basåret {self.base_year}: {eff} ton CO2e ({pct} %, tröskel "
                           f"{thr} %); {did}.")
            else:
                head = f"{a['change']} ({a['kind']}, {a['year']})"
                did = ("the base year and earlier years are restated" if self.policy.restate == "all" else
                       "the base year is restated") if a["applied"] else \
                    ("below the threshold: not restated" if not (a["significant"] or a["cumulative"]) else
                     "the policy restates only later years: the history is as first reported"
                     if self.policy.restate == "later" else "trigger not in the policy")
                if a["kind"] == "outsourcing":
                    out.append(f"{head}. {a['moved_to_scope3_t']:,.1f} t CO2e of the base year {self.base_year} move "
                               f"from scope 1 and 2 to scope 3 ({pct} %, threshold {thr} %): moved, not reduced; "
                               f"{did}.")
                    continue
                out.append(f"{head}. Effect on the base year {self.base_year}: {eff} t CO2e ({pct} %, threshold "
                           f"{thr} %); {did}.")
        return out


def _method_sentence(e: Mapping[str, Any], base_year: int, threshold: float, lang: str) -> str:
    pct = f"{100 * e['share_of_base']:.1f}"
    eff = f"{e['base_year_effect_t']:+,.1f}"
    thr = f"{100 * threshold:g}"
    if lang == "sv":
        pct, thr = pct.replace(".", ","), thr.replace(".", ",")
        eff = eff.replace(",", " ").replace(".", ",").replace("-", "−")
        verdict = "över tröskeln" if e["significant"] else "under tröskeln"
        return (f"{e['change']} (metodändring {e['year']}): påverkan på basåret {base_year} {eff} ton CO2e ({pct} %, "
                f"tröskel {thr} %, {verdict}); alla år är här beräknade med dagens metod.")
    verdict = "above the threshold" if e["significant"] else "below the threshold"
    return (f"{e['change']} (method change {e['year']}): effect on the base year {base_year} {eff} t CO2e ({pct} %, "
            f"threshold {thr} %, {verdict}); every year here is calculated with today's method.")


def _rows_of(ledger: Ledger, select: Mapping[str, Any], before: int, what: str) -> np.ndarray:
    f = ledger.frame
    mask = f["year"].astype(int).to_numpy() < before
    for col, val in select.items():
        if col not in f.columns:
            raise fail("select", col, f"not a ledger column; columns: {', '.join(map(str, f.columns))}", what=what)
        mask &= isin_mask(f[col], as_list(val), len(f))
    return mask


def restate(ledger: Ledger, changes: Iterable[StructuralChange | Correction], *, base_year: int,
            policy: RecalculationPolicy | None = None) -> Restatement:
    """Assess each change against the policy and restate the history.

    Parameters
    ----------
    ledger : Ledger
        The history as reported (every year, the organisation and method of its time).
    changes : iterable of StructuralChange or Correction
    base_year : int
    policy : RecalculationPolicy, optional
        Default: 5 % threshold, every trigger, every year before a change restated.

    Raises
    ------
    InputError
        For a base year without data, a selection that matches no rows before the change, two
        changes that touch the same ledger rows or share a name (a double count), and an
        acquisition's activity rows that cannot be calculated.
    """
    from .engine import calculate

    policy = policy or RecalculationPolicy()
    base_year = check_year(base_year, "base_year", what=_WHAT)
    changes = list(changes)
    f = ledger.frame
    years = sorted({int(y) for y in f["year"]})
    if base_year not in years:
        raise fail("base_year", base_year, f"no ledger rows in the base year; years: {', '.join(map(str, years))}",
                   what=_WHAT)
    base_total = float(ledger.total(year=base_year).magnitude)
    names = [c.name for c in changes]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise fail("name", ", ".join(twice), "two changes with the same name: each change once (a double count)",
                   what=_WHAT)

    touched = np.zeros(len(f), dtype=int)
    plans: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    for c in changes:
        what = f"{getattr(c, 'kind', 'correction')} {c.name!r}"
        by_year: dict[tuple[int, int], float] = {}     # (year, scope) -> t CO2e
        mask = None
        extra: Ledger | None = None
        if isinstance(c, StructuralChange) and c.select is not None:
            mask = _rows_of(ledger, c.select, c.year, what)
            if not mask.any():
                problems.append({"row": None, "column": "select", "value": str(dict(c.select)),
                                 "reason": f"{c.name}: no ledger rows before {c.year} match the selection"})
                continue
            touched += mask
            parts = ledger.parts(dims=["row", "year"])
            rows = set(f.loc[mask, "row"])
            p = parts[parts["row"].isin(rows) & (parts["year"].astype(int) < c.year)]
            sign = -1.0
            for (y, s), kg in p.groupby(["year", "scope"])["co2e_kg"].sum().items():
                if c.kind == "outsourcing" and int(s) == 3:
                    continue          # upstream parts are scope 3 already
                by_year[(int(y), int(s))] = by_year.get((int(y), int(s)), 0.0) + sign * kg / 1000.0
                if c.kind == "outsourcing":
                    by_year[(int(y), 3)] = by_year.get((int(y), 3), 0.0) + kg / 1000.0
        elif isinstance(c, StructuralChange) and c.activities is not None:
            try:
                extra = calculate(c.activities, factors=ledger.factors, gwp=ledger.gwp,
                                  scope2_method="location" if ledger.scope2_method == "location" else "market",
                                  radiative_forcing=getattr(ledger, "radiative_forcing", True))
            except InputError as exc:
                raise InputError(exc.failures.to_dict("records"), what=f"acquisition {c.name!r}") from None
            extra_years = extra.frame["year"].astype(int)
            if (extra_years >= c.year).any():
                problems.append({"row": None, "column": "activities", "value": c.name,
                                 "reason": f"an acquisition's rows are for the years before it ({c.year}); "
                                           f"found {sorted(set(extra_years[extra_years >= c.year]))}"})
                continue
            for (y, s), kg in extra.parts(dims=["row", "year"]).groupby(["year", "scope"])["co2e_kg"].sum().items():
                by_year[(int(y), int(s))] = kg / 1000.0
        else:
            sign = -1.0 if getattr(c, "kind", None) == "divestment" else 1.0
            for y, t in (c.emissions or {}).items():
                by_year[(y, int(c.scope or 0))] = sign * t
        base_effect = sum(v for (y, s), v in by_year.items() if y == base_year)
        moved = sum(abs(v) for (y, s), v in by_year.items() if y == base_year and s != 3) \
            if getattr(c, "kind", None) == "outsourcing" else 0.0
        size = (moved if getattr(c, "kind", None) == "outsourcing" else abs(base_effect))
        share = size / abs(base_total) if base_total else float("nan")
        if isinstance(c, Correction):   # an error is as large as its share of the year it corrects
            share = max(abs(v) / abs(float(ledger.total(year=y).magnitude) or float("nan"))
                        for (y, _), v in by_year.items())
        plans.append({"change": c, "by_year": by_year, "mask": mask, "extra": extra, "base_effect": base_effect,
                      "share": share})
    if (touched > 1).any():
        shared = sorted(set(f.loc[touched > 1, "row"]))[:10]
        problems.append({"row": None, "column": "select", "value": ", ".join(map(str, shared)),
                         "reason": "two changes select the same ledger rows (a double count); make the selections "
                                   "disjoint"})
    if problems:
        raise InputError(problems, what=_WHAT)

    # significance, alone and together
    for p in plans:
        p["significant"] = bool(p["share"] >= policy.threshold)
        p["cumulative"] = False
    small = [p for p in plans if not p["significant"]]
    if policy.cumulative and len(small) > 1 and sum(p["share"] for p in small) >= policy.threshold:
        for p in small:
            p["cumulative"] = True
    for p in plans:
        c = p["change"]
        p["applied"] = ((p["significant"] or p["cumulative"]) and c.trigger in policy.triggers
                        and policy.restate != "later")

    # the restated ledger
    frame = f.copy()
    drop = np.zeros(len(f), dtype=bool)
    extras: list[Ledger] = []
    records: list[dict[str, Any]] = []
    adjustments: list[dict[str, Any]] = []

    def restated_year(y: int) -> bool:
        return policy.restate == "all" or y == base_year

    for p in plans:
        if not p["applied"]:
            continue
        c = p["change"]
        if p["mask"] is not None:
            in_years = p["mask"] & frame["year"].astype(int).map(restated_year).to_numpy(dtype=bool)
            if c.kind == "divestment":
                drop |= in_years
            else:                     # outsourcing: the direct part moves to scope 3 as a purchased service
                idx = np.flatnonzero(in_years & (frame["scope"].to_numpy() != 3))
                frame["category"] = frame["category"].astype(object)
                frame["flags"] = frame["flags"].astype(object)
                frame.loc[idx, "scope"] = np.int8(3)
                frame.loc[idx, "category"] = "purchased_goods_and_services"
                frame.loc[idx, "flags"] = frame.loc[idx, "flags"].astype(object).map(
                    lambda s: ";".join(x for x in (str(s), "restated_outsourced") if x))
        elif p["extra"] is not None:
            ex = p["extra"]
            keep = ex.frame["year"].astype(int).map(restated_year).to_numpy(dtype=bool)
            sub = Ledger(ex.frame[keep].reset_index(drop=True), gwp=ex.gwp, scope2_method=ex.scope2_method,
                         factors=ex.factors)
            sub.frame["flags"] = "restated_acquired"
            extras.append(sub)
        else:
            for (y, s), t in p["by_year"].items():
                if restated_year(y):
                    records.append({"activity": "restatement", "amount": t, "unit": "t CO2e", "year": y, "scope": s,
                                    "category": c.category, "area": c.area, "co2e_direct_kg": t * 1000.0,
                                    "org_unit": c.name, "flags": "restatement"})
        for (y, s), t in sorted(p["by_year"].items()):
            if restated_year(y):
                adjustments.append({"change": c.name, "year": y, "scope": s, "adjustment_t": t})
    for col in ("category", "flags"):
        frame[col] = frame[col].astype("category")
    kept = Ledger(frame[~drop].reset_index(drop=True), rejects=ledger.rejects, gwp=ledger.gwp,
                  scope2_method=ledger.scope2_method, factors=ledger.factors)
    parts = [kept, *extras]
    if records:
        adj = Ledger.from_records(records, gwp=ledger.gwp, factors=ledger.factors)
        adj.scope2_method = ledger.scope2_method
        parts.append(adj)
    restated = Ledger.concat(parts) if len(parts) > 1 else kept
    restated.radiative_forcing = getattr(ledger, "radiative_forcing", True)

    assessment = pd.DataFrame([{
        "change": p["change"].name, "kind": getattr(p["change"], "kind", "correction"),
        "kind_sv": {"divestment": "avyttring", "acquisition": "förvärv", "outsourcing": "utläggning",
                    "correction": "rättelse"}[getattr(p["change"], "kind", "correction")],
        "trigger": p["change"].trigger, "year": getattr(p["change"], "year", min((y for y, _ in p["by_year"]),
                                                                                default=base_year)),
        "base_year_effect_t": p["base_effect"],
        "moved_to_scope3_t": -sum(v for (y, s), v in p["by_year"].items() if y == base_year and s != 3)
        if getattr(p["change"], "kind", "") == "outsourcing" else 0.0,
        "share_of_base": p["share"], "significant": p["significant"], "cumulative": p["cumulative"],
        "applied": p["applied"]} for p in plans],
        columns=["change", "kind", "kind_sv", "trigger", "year", "base_year_effect_t", "moved_to_scope3_t",
                 "share_of_base", "significant", "cumulative", "applied"])
    adj_frame = pd.DataFrame(adjustments, columns=["change", "year", "scope", "adjustment_t"])
    history = []
    for y in sorted(set(years) | {int(a["year"]) for a in adjustments}):
        rep = float(ledger.total(year=y).magnitude) if y in years else float("nan")
        res = float(restated.total(year=y).magnitude)
        a = adj_frame[adj_frame["year"] == y]
        reasons = "; ".join(dict.fromkeys(a["change"]))
        history.append({"year": y, "reported_t": rep, "adjustment_t": float(a["adjustment_t"].sum()),
                        "restated_t": res, "reasons": reasons})
    return Restatement(restated, ledger, assessment, adj_frame, pd.DataFrame(history), base_year, policy)
