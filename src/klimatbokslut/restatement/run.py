"""The recalculation: each change's effect, the policy's judgement, the restated ledger and history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError
from ..ledger import Ledger
from ..validation import check_year, fail
from .base import WHAT, Change, Context, Effect, Problem
from .correction import Correction
from .policy import Assessed, RecalculationPolicy
from .result import Restatement
from .rows import RestatedRows
from .sentences import KIND_SV
from .structural import StructuralChange

__all__ = ["restate"]

_ASSESSMENT = ["change", "kind", "kind_sv", "trigger", "year", "base_year_effect_t", "moved_to_scope3_t",
               "share_of_base", "significant", "cumulative", "applied"]


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

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> led = kb.calculate(pd.DataFrame({"activity": ["diesel"] * 2, "amount": [970, 30], "unit": ["l"] * 2,
    ...                                  "year": [2012] * 2, "org_unit": ["Vård", "Kök"]}))
    >>> r = restate(led, [StructuralChange("Köket", kind="divestment", year=2015, select={"org_unit": "Kök"})],
    ...             base_year=2012)
    >>> r.sentences("en")[0]
    'Köket (divestment, 2015). Effect on the base year 2012: ... (3.0 %, threshold 5 %); below the threshold: ...'
    >>> r.sentences("sv")[0].endswith("under tröskeln: inte omräknat.")
    True
    """
    policy = policy or RecalculationPolicy()
    ctx = _context(ledger, check_year(base_year, "base_year", what=WHAT))
    changes = list(changes)
    _names_once(changes)
    assessed = policy.assess(_effects(changes, ctx))

    rows = RestatedRows(ledger, lambda y: policy.restates_year(y, ctx.base_year))
    for a in assessed:
        if a.applied:
            a.effect.change.apply(a.effect, rows)
            rows.adjust(a.effect.change.name, a.effect.by_year)
    restated = rows.ledger()

    adjustments = pd.DataFrame(rows.adjustments, columns=["change", "year", "scope", "adjustment_t"])
    return Restatement(restated, ledger, _assessment(assessed), adjustments,
                       _history(ledger, restated, adjustments), ctx.base_year, policy)


def _context(ledger: Ledger, base_year: int) -> Context:
    years = sorted({int(y) for y in ledger.frame["year"]})
    if base_year not in years:
        raise fail("base_year", base_year, f"no ledger rows in the base year; years: {', '.join(map(str, years))}",
                   what=WHAT)
    return Context(ledger, base_year, float(ledger.total(year=base_year).magnitude))


def _names_once(changes: Sequence[Change]) -> None:
    names = [c.name for c in changes]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise fail("name", ", ".join(twice), "two changes with the same name: each change once (a double count)",
                   what=WHAT)


def _effects(changes: Sequence[Change], ctx: Context) -> list[Effect]:
    """Each change's effect; every change that cannot be assessed, and rows two changes select, at once."""
    f = ctx.ledger.frame
    touched = np.zeros(len(f), dtype=int)
    effects: list[Effect] = []
    problems = []
    for c in changes:
        e = c.effect(ctx)
        if isinstance(e, Problem):
            problems.append(e.failure())
            continue
        if e.mask is not None:
            touched += e.mask
        effects.append(e)
    if (touched > 1).any():
        shared = sorted(set(f.loc[touched > 1, "row"]))[:10]
        problems.append(Problem("select", ", ".join(map(str, shared)),
                                "two changes select the same ledger rows (a double count); make the selections "
                                "disjoint").failure())
    if problems:
        raise InputError(problems, what=WHAT)
    return effects


def _assessment(assessed: Sequence[Assessed]) -> pd.DataFrame:
    return pd.DataFrame([{
        "change": a.effect.change.name, "kind": a.effect.change.kind, "kind_sv": KIND_SV[a.effect.change.kind],
        "trigger": a.effect.change.trigger, "year": a.effect.year, "base_year_effect_t": a.effect.base_effect,
        "moved_to_scope3_t": a.effect.moved_to_scope3_t, "share_of_base": a.effect.share,
        "significant": a.significant, "cumulative": a.cumulative, "applied": a.applied} for a in assessed],
        columns=_ASSESSMENT)


def _history(reported: Ledger, restated: Ledger, adjustments: pd.DataFrame) -> pd.DataFrame:
    """Per year: as reported, the adjustment, as restated, and the changes that made it."""
    years = sorted({int(y) for y in reported.frame["year"]})
    history = []
    for y in sorted(set(years) | {int(y) for y in adjustments["year"]}):
        rep = float(reported.total(year=y).magnitude) if y in years else float("nan")
        res = float(restated.total(year=y).magnitude)
        a = adjustments[adjustments["year"] == y]
        reasons = "; ".join(dict.fromkeys(a["change"]))
        history.append({"year": y, "reported_t": rep, "adjustment_t": float(a["adjustment_t"].sum()),
                        "restated_t": res, "reasons": reasons})
    return pd.DataFrame(history)
