"""The report's plan section: the plan's indicator table followed up in the plan's own shape.

:func:`plan_section` reads the configuration's ``[plan]`` (:mod:`klimatbokslut.plan.settings`),
follows every measure up (:mod:`klimatbokslut.plan.follow`) and returns a :class:`PlanSection`:
the page's rows already in words (grouped by the plan's goals) and the ``plan`` table of the
workbook and the CSV folder (plan values: shares as fractions).
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup, escape

from ..config import ConfigError, ReportConfig
from ..errors import InputError
from ..plan.follow import MeasureFollowUp, follow_up, overlaps
from ..plan.settings import load_plan
from ..text import auto_decimals, number, percent, tr
from .plan_words import reachable_word, trend_word, word

__all__ = ["PlanSection", "plan_section", "plan_table"]

#: The page's class of each status (targets.result.STATUSES).
STATUS_CSS = {"met": "st-met", "on_track": "st-partly", "off_track": "st-not", "not_met": "st-not",
              "no_data": "st-none"}


@dataclasses.dataclass
class PlanSection:
    """The plan section of a report.

    Attributes
    ----------
    follow : list of MeasureFollowUp
        Every measure of the plan, in the table's order.
    years : list of int
        The years of the plan's targets (the target columns).
    outcome_years : list of int
        The years with an outcome up to the report year (the outcome columns).
    overlaps : list of Overlap
        Measures meant to be disjoint that count the same ledger rows.
    view : dict
        What the page shows, in the configuration's language (:func:`_view`); :meth:`view_in` gives it in
        another (the language the page is rendered in).
    table : pandas.DataFrame
        The ``plan`` table (:func:`plan_table`).
    """

    follow: list
    years: list
    outcome_years: list
    overlaps: list
    view: dict
    table: pd.DataFrame
    report_year: int = 0
    source: str | None = None

    def view_in(self, lang: str) -> dict[str, Any]:
        """What the page shows, in ``lang``."""
        return _view(self.follow, self.years, self.outcome_years, self.overlaps, lang, self.report_year,
                     self.source)


def plan_section(cfg: ReportConfig, ledger: Any) -> PlanSection | None:
    """The plan section of the configuration's report; None without ``[plan]``.

    Raises
    ------
    ConfigError
        A problem of the plan's files or measures, keyed ``plan``.
    """
    if not cfg.plan:
        return None
    where = str(cfg.path or "the configuration")
    try:
        plan, given = load_plan(cfg.plan)
        follow = follow_up(plan, ledger, given, cfg.report_year)
        found = overlaps(plan, ledger, cfg.plan.get("disjoint") or [])
    except InputError as exc:
        problems = [(f"plan (row {r['row']})" if r.get("row") is not None and r["row"] == r["row"] else "plan",
                     f"{r.get('column')}: {r.get('value')!r}: {r.get('reason')}")
                    for r in exc.failures.to_dict("records")]
        raise ConfigError(problems, source=f"{where} ({exc.what})" if getattr(exc, "what", None) else where) from None
    years = sorted({y for f in follow for y in f.measure.levels})
    seen = sorted({y for f in follow for y in f.outcomes if y <= cfg.report_year})
    return PlanSection(follow, years, seen, found, _view(follow, years, seen, found, cfg.language, cfg.report_year,
                                                         plan.source),
                       plan_table(follow, years, seen, cfg.language), cfg.report_year, plan.source)


def _fmt(f: MeasureFollowUp, value: float | None, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if f.measure.is_share:
        return percent(value, 1, lang)
    return number(value, auto_decimals(value), lang)


def _view(follow: list[MeasureFollowUp], years: list[int], seen: list[int], found: list, lang: str, ry: int,
          source: str | None) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for f in follow:
        m = f.measure
        r = f.result
        last = max(m.levels)
        status = r.status_word(lang) if r is not None else "–"
        groups.setdefault(m.goal, []).append({
            "name": m.name, "base": m.base_text or "–", "unit": m.unit,
            "targets": [_fmt(f, m.levels.get(y), lang) for y in years],
            "outcomes": [_fmt(f, f.outcomes.get(y), lang) for y in seen],
            "status": status, "css": STATUS_CSS.get(r.status, "st-none") if r is not None else "st-none",
            "trend": trend_word(f.trend, lang) if f.outcomes else "–",
            "reachable": reachable_word(f.reachable, last, lang) if f.outcomes else "–",
            "given": _given(f, lang) if f.given else "",
            "note": (m.target.note_text(r, lang) if r is not None and not f.given
                     else tr(lang, f.note) if f.note else ""),
        })
    return {
        "heading": word("heading", lang), "intro": word("intro", lang, year=ry),
        "head": {"measure": word("measure", lang), "base": word("base", lang), "unit": word("unit", lang),
                 "targets": [word("target", lang, year=y) for y in years],
                 "outcomes": [word("outcome", lang, year=y) for y in seen],
                 "status": word("status", lang, year=ry), "trend": word("trend", lang),
                 "reachable": word("reachable", lang)},
        "groups": [{"goal": g or word("no_goal", lang), "named": bool(g), "rows": rows} for g, rows in groups.items()],
        "overlaps": [word("overlap", lang, first=o.first, second=o.second, rows=o.rows,
                          activities=", ".join(o.activities)) for o in found],
        "source": word("table_source", lang, source=Path(source).name) if source else "",
    }


def _given(f: MeasureFollowUp, lang: str) -> Markup:
    """"given, not computed; source: …" with the sources marked as names (documents, systems)."""
    mark = "\x00"
    text = str(escape(word("given", lang, source=mark)))
    return Markup(text.replace(mark, f'<span translate="no">{escape("; ".join(f.sources))}</span>'))


def plan_table(follow: list[MeasureFollowUp], years: list[int], seen: list[int], lang: str = "en") -> pd.DataFrame:
    """One row per measure: the plan's shape with outcome, status, trend and reachability as codes.

    Values are plan values: shares and reductions as fractions (0.425 for 42,5 %), other
    measures in their unit. ``given_source`` names the source of a value measured elsewhere
    (given, not computed); ``note`` is in ``lang``.
    """
    rows = []
    for f in follow:
        m = f.measure
        rec: dict[str, Any] = {"goal": m.goal, "measure": m.name, "base": m.base_text, "base_value": m.base_value,
                               "base_year": m.base_year, "unit": m.unit, "direction": m.direction,
                               "measured_by": m.measured_by, "kind": m.target.kind}
        for y in years:
            rec[f"target_{y}"] = m.levels.get(y)
        for y in seen:
            rec[f"outcome_{y}"] = f.outcomes.get(y)
        rec.update({"status": f.result.status if f.result is not None else None, "trend": f.trend,
                    "reachable": f.reachable, "projected": f.projected,
                    "given_source": "; ".join(f.sources) if f.given else "",
                    "note": (m.target.note_text(f.result, lang) if f.result is not None
                             else tr(lang, f.note) if f.note else "")})
        rows.append(rec)
    return pd.DataFrame(rows)
