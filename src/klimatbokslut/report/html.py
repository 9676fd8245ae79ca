"""The HTML page: the report's tables formatted for a reader, rendered with jinja2 (autoescape on).

The page is self-contained: inline CSS, inline SVG charts (:mod:`.charts`), no scripts,
and a Content-Security-Policy that forbids loading anything from the network.

Examples
--------
>>> from klimatbokslut.report.build import build_report, _tiny_config
>>> page = render(build_report(_tiny_config()))
>>> page.startswith("<!DOCTYPE html>") and "Region X" in page
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from .._version import __version__
from ..catalogue import AREAS, resolve_activity_name
from ..errors import KlimatbokslutError
from ..ledger import REPLACED_BY_ACTIVITY
from ..portfolio import METRICS as PORTFOLIO_METRICS
from ..text import N_, NP_, ptr, tr
from ..validation import as_list
from ..whatif.note import Names, Note
from .capital_view import capital_context
from .charts import PALETTE, hbars, line_chart, stacked_bars
from .fmt import is_missing, number, percent
from .labels import (
    axis_unit,
    boundary_word,
    contract_word,
    display_unit,
    gas_word,
    metric_word,
    parameter_word,
    probability_text,
    region_text,
    select_text,
    status_cell,
    status_legend,
    value_text,
)
from .model import ReportData
from .names import activity_name, area_name, category_name, names_marked, proper_names
from .strings import t

__all__ = ["render", "context"]

_SCOPE_COLOURS = ["#D55E00", "#0072B2", "#009E73"]


def _num(lang):
    return lambda v, d=1, sign=False: number(v, d, lang, sign=sign)


def _one(values) -> float:
    """The single value of a one-row selection (NaN when the selection is empty)."""
    return float(values.iloc[0]) if len(values) else float("nan")


#: Colours of a target chart's lines, in the order the target gives them (actual first).
_TARGET_COLOURS = ("#0072B2", "#D55E00", "#009E73")


def _target_chart(v, lang: str) -> Markup:
    """The lines the target gives for its chart (actual against its path, limit, benchmark or budget)."""
    res = v.result
    unit = res.unit or ""
    scale = 1.0 if unit else 100.0            # a share is drawn in percent, as its table prints it
    lines: list[dict[str, Any]] = []
    for i, line in enumerate(v.target.chart_lines(res, v.series)):
        points = [(x, y if is_missing(y) else float(y) * scale) for x, y in line.points]
        drawn: dict[str, Any] = {"label": t(line.label, lang), "points": points}
        if line.dashed:
            drawn["dashed"] = True
        drawn["colour"] = _TARGET_COLOURS[i % len(_TARGET_COLOURS)]
        if any(not is_missing(y) for _, y in points):     # no legend entry for a line without data
            lines.append(drawn)
    if lines and res.base_year is not None and res.base_value is not None:
        actual = lines[0]["points"]
        if res.base_year not in {x for x, y in actual if not is_missing(y)}:    # the base year, as the target has it
            base = float(res.base_value.to(res.actual.units).magnitude) if res.actual is not None else float(
                res.base_value.magnitude)
            lines[0]["points"] = sorted([(res.base_year, base * scale), *actual])
    shown = display_unit(unit, lang) if unit else "%"
    title = f"{res.name} ({shown})"
    years = sorted(set(v.target.chart_years(res)) | ({res.base_year} if res.base_year else set()))
    chart = line_chart(lines, title=title, lang=lang, x_domain=years, unit=shown)
    return chart + _missing_years(v.series, lines[0]["points"] if lines else [], lang)


def _missing_years(series: list, points: list, lang: str) -> Markup:
    """The years the target has no value for (and the chart no point), said under the chart."""
    have = {int(x) for x, y in points if not is_missing(y)}
    missing = sorted({int(x.year) for x in series if x.status == "no_data" and int(x.year) not in have})
    if not missing:
        return Markup("")
    return Markup('<p class="note" data-missing-years>{}</p>').format(
        tr(lang, "No value for {years}.", years=", ".join(map(str, missing))))


def related_targets(r: ReportData, area: str) -> list:
    """Targets whose selection names the area, one of its categories or one of its activities."""
    f = r.ledger.frame
    in_area = f[f["area"].astype(object) == area]
    cats = set(in_area["category"].astype(object))
    acts = set(in_area["activity"].astype(object))
    out = []
    for v in r.targets:
        sel = dict(getattr(v.target, "select", {}) or {})
        values = {key: [] if sel.get(key) is None else as_list(sel[key]) for key in ("area", "category", "activity")}
        hit = (area in values["area"] or cats & set(values["category"])
               or acts & {resolve_activity_name(str(a)) or a for a in values["activity"]})
        if hit:
            out.append(v)
    return out


@dataclass(frozen=True)
class _Page:
    """What every section of the page reads: the report, its tables, years and number format."""

    r: ReportData
    lang: str
    years: list[int]
    ry: int
    tb: dict[str, pd.DataFrame]
    n: Callable[..., str]
    areas: list[str]

    @property
    def prev_year(self) -> int | None:
        return self.years[-2] if len(self.years) > 1 else None

    @property
    def totals(self) -> pd.DataFrame:
        return self.tb["totals"].set_index("year")

    def cells(self, frame: pd.DataFrame, digits: int = 1, column: str = "co2e_t") -> list[str]:
        """One formatted cell per report year from a frame already narrowed to one row per year."""
        vals = [frame[frame.year == y][column] for y in self.years]
        return [self.n(v.iloc[0], digits) if len(v) else "–" for v in vals]

    def series(self, frame: pd.DataFrame) -> list[float]:
        """The ``co2e_t`` value per report year (NaN where the frame has no row)."""
        return [float(frame[frame.year == y]["co2e_t"].iloc[0]) if len(frame[frame.year == y]) else float("nan")
                for y in self.years]


def context(r: ReportData) -> dict[str, Any]:
    """Everything the template shows, already formatted (strings and escaped SVG).

    Examples
    --------
    >>> from klimatbokslut.report.build import build_report, _tiny_config
    >>> c = context(build_report(_tiny_config()))
    >>> c["summary"]["total"] == number(build_report(_tiny_config()).total(2024), 1)
    True
    """
    lang, years, tb = r.language, r.years, r.tables
    ba = tb["by_area"]
    areas = [a for a in AREAS if a in set(ba["area"])] + sorted(set(ba["area"]) - set(AREAS))
    page = _Page(r, lang, years, r.report_year, tb, _num(lang), areas)
    ctx: dict[str, Any] = {"lang": lang, "t": lambda key, **kw: t(key, lang, **kw), "org": r.config.organisation,
                           "report_year": page.ry, "base_year": years[0], "years": years, "gwp": r.config.gwp,
                           "scope2_method": r.ledger.scope2_method}
    ctx["summary"] = _summary(page)
    ctx["boundaries"] = _boundaries(page)
    ctx.update(_total_result(page))
    ctx["sections"] = _area_sections(page, ctx["area_table"]["rows"])
    ctx["targets"] = _targets(page)
    # the plan's table followed up in the page's language (plan_view.py, template plan.html.j2)
    ctx["plan"] = {"view": r.plan.view_in(lang)} if r.plan is not None else None
    ctx["restatement"] = _restatement(page)
    ctx["portfolio"] = _portfolio(page)
    ctx["capital"] = capital_context(r)
    ctx["whatif"] = _whatif(page)
    ctx["method"] = _method(page)
    ctx["quality"] = _quality(page)
    ctx["uncertainty"] = _uncertainty(page)
    ctx["appendix"] = _appendix(page)
    ctx["sites"] = [{"org_unit": x["org_unit"], "site": x["site"], "t": page.n(x["co2e_t"], 1)}
                    for x in tb["by_site"].to_dict("records")]
    ctx["status_legend"] = status_legend(lang)
    ctx["headline_basis"] = (tr(lang, "Scope 2 market-based, GWP {gwp}", gwp=r.config.gwp)
                             if r.ledger.scope2_method == "market"
                             else tr(lang, "Scope 2 location-based, GWP {gwp}", gwp=r.config.gwp))
    ctx["version"] = __version__
    ctx["palette"] = PALETTE
    return ctx


def policy_base(r: ReportData) -> dict[str, Any] | None:
    """The base year as the recalculation policy says targets use it, when it differs from the first-reported one.

    ``total`` and ``by_area`` are the restated base-year figures [t CO2e], ``reported`` the total as first
    reported; None without a recalculation, when targets follow the first-reported base year, or when the
    restatement leaves the base year as it was.
    """
    rs = r.restatement
    against = r.config.recalculation.targets_against if r.config.recalculation else "restated"
    if rs is None or against != "restated":
        return None
    hist = rs.history.set_index("year")
    base = r.years[0]
    if base not in hist.index or float(hist.loc[base, "adjustment_t"]) == 0.0:
        return None
    areas = rs.ledger.summary(by=("year", "area"), year=base)
    return {"year": base, "total": float(hist.loc[base, "restated_t"]), "reported": float(hist.loc[base, "reported_t"]),
            "by_area": {str(a): float(v) for a, v in zip(areas["area"], areas["co2e_t"])}}


def _change(now: float, base: float | None) -> float:
    """``(now − base) / |base|`` [-]; NaN without a base (or a base of 0)."""
    return float("nan") if base is None or base == 0 or base != base else (now - base) / abs(base)


def _summary(p: _Page) -> dict[str, Any]:
    by_scope, ac, totals, lang, ry = p.tb["by_scope"], p.tb["area_change"], p.totals, p.lang, p.ry
    scope_now = {s: p.n(_one(by_scope[(by_scope.year == ry) & (by_scope.scope == s)]["co2e_t"]), 1) for s in (1, 2, 3)}
    drivers = []
    if p.prev_year is not None:
        biggest = ac.reindex(ac["change_vs_previous_t"].abs().sort_values(ascending=False).index)[:3]
        for rec in biggest.to_dict("records"):
            drivers.append({"area": area_name(rec["area"], lang),
                            "change": number(rec["change_vs_previous_t"], 1, lang, sign=True)})
    pb = policy_base(p.r)
    vs_base_reported = None
    vs_base = percent(totals.loc[ry, "change_vs_base"], 1, lang, sign=True) if ry != p.years[0] else None
    if pb is not None and ry != p.years[0]:
        vs_base = percent(_change(p.r.total(ry), pb["total"]), 1, lang, sign=True)
        vs_base_reported = t("vs_base_reported", lang, base=p.n(pb["reported"], 1), restated=p.n(pb["total"], 1),
                             change=percent(totals.loc[ry, "change_vs_base"], 1, lang, sign=True))
    return {
        "vs_base_reported": vs_base_reported,
        "total": p.n(totals.loc[ry, "co2e_t"], 1),
        "vs_previous": percent(totals.loc[ry, "change_vs_previous"], 1, lang, sign=True) if p.prev_year else None,
        "previous_year": p.prev_year,
        "vs_base": vs_base,
        "scopes": scope_now, "drivers": drivers,
        "targets": [{"name": v.result.name, "status": status_cell(v.result, lang)} for v in p.r.targets],
        "left_out": [{"year": y, "text": lo.text(lang)} for y in p.years
                     if (lo := p.r.ledger.left_out(year=y))],
    }


def _boundaries(p: _Page) -> dict[str, Any]:
    inside = []
    for v in p.r.targets:
        inside.append({"name": v.result.name, "select": select_text(v.target, p.lang),
                       "years": " → ".join(str(y) for y in (getattr(v.target, "base_year", None),
                                                              getattr(v.target, "target_year", None)) if y)})
    present = list(dict.fromkeys(p.tb["by_area"]["area"]))
    return {"targets": inside, "areas": [area_name(a, p.lang) for a in AREAS if a in present]}


def _total_result(p: _Page) -> dict[str, Any]:
    """The area and scope tables and charts, and the biogenic memo line."""
    ba, ac, by_scope, totals, lang, years = (p.tb["by_area"], p.tb["area_change"], p.tb["by_scope"], p.totals,
                                             p.lang, p.years)
    pb = policy_base(p.r)
    area_rows = []
    for a in p.areas:
        ch = percent(_one(ac[ac.area == a]["change_vs_base"]), 0, lang, sign=True)
        if pb is not None:
            now = _one(ba[(ba.area == a) & (ba.year == p.ry)]["co2e_t"])
            ch = percent(_change(now, pb["by_area"].get(a)), 0, lang, sign=True)
        area_rows.append({"name": area_name(a, lang), "cells": p.cells(ba[ba.area == a]), "change": ch})
    out: dict[str, Any] = {}
    total_change = percent(totals.loc[p.ry, "change_vs_base"], 0, lang, sign=True)
    restated_note = None
    if pb is not None:
        total_change = percent(_change(p.r.total(p.ry), pb["total"]), 0, lang, sign=True)
        restated_note = t("area_change_restated", lang, year=pb["year"], restated=p.n(pb["total"], 1),
                          reported=p.n(pb["reported"], 1),
                          change=percent(totals.loc[p.ry, "change_vs_base"], 0, lang, sign=True))
    out["area_table"] = {"rows": area_rows, "total": [p.n(totals.loc[y, "co2e_t"], 1) for y in years],
                         "total_change": total_change, "restated_note": restated_note,
                         "restated": pb is not None}
    area_series = [(area_name(a, lang), p.series(ba[ba.area == a])) for a in p.areas]
    out["area_chart"] = stacked_bars([str(y) for y in years], area_series, title=t("by_area_chart", lang), lang=lang,
                                     unit=axis_unit("t CO2e", lang))
    scope_series = []
    scope_rows = []
    for s in (1, 2, 3):
        scope_series.append((f"Scope {s}", p.series(by_scope[by_scope.scope == s])))
        scope_rows.append({"name": f"Scope {s}", "cells": p.cells(by_scope[by_scope.scope == s])})
    out["scope_table"] = scope_rows
    out["scope_chart"] = stacked_bars([str(y) for y in years], scope_series, title=t("by_scope_chart", lang),
                                      lang=lang, colours=_SCOPE_COLOURS, unit=axis_unit("t CO2e", lang))
    memo = p.tb["biogenic_memo"].set_index("year")["co2_biogenic_t"]
    out["memo"] = [p.n(memo.get(y), 1) for y in years]
    return out


def _area_sections(p: _Page, area_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    lang, years = p.lang, p.years
    ba_act, cats_all, chg_all = p.tb["by_activity"], p.tb["by_area_category"], p.tb["activity_change"]
    sections = []
    for k, a in enumerate(p.areas):
        acts = ba_act[ba_act.area == a]
        names = list(dict.fromkeys(acts.sort_values("co2e_t", ascending=False)["activity"]))
        rows = [{"name": activity_name(act, lang, a), "cells": p.cells(acts[acts.activity == act])} for act in names]
        cats = cats_all[cats_all.area == a]
        cat_rows = [{"name": category_name(c, lang), "cells": p.cells(cats[cats.category == c])}
                    for c in dict.fromkeys(cats["category"])]
        series = [(activity_name(x, lang, a), p.series(acts[acts.activity == x])) for x in names[:7]]
        if len(names) > 7:       # the rest as one bar part, so the bars add up to the table's total
            rest = [p.series(acts[acts.activity == x]) for x in names[7:]]
            series.append((t("other", lang, n=len(names) - 7),
                           [sum(v for v in col if v == v) if any(v == v for v in col) else float("nan")
                            for col in zip(*rest)]))
        driver = None
        chg = chg_all[chg_all.area == a]
        if len(chg):
            top_rec = chg.iloc[chg["change_vs_previous_t"].abs().argmax()]   # idxmax, by position
            driver = {"activity": activity_name(top_rec["activity"], lang, a),
                      "change": number(top_rec["change_vs_previous_t"], 1, lang, sign=True),
                      "year": top_rec["previous_year"]}
        goals = [{"name": v.result.name, "status": status_cell(v.result, lang),
                  "actual": value_text(v.result.to_dict()["actual"], v.result.unit, lang),
                  "target": value_text(v.result.to_dict()["target_value"], v.result.unit, lang)}
                 for v in related_targets(p.r, a)]
        sections.append({"id": f"area-{a}", "name": area_name(a, lang), "rows": rows, "categories": cat_rows,
                         "total": area_rows[k]["cells"], "goals": goals, "driver": driver,
                         "chart": stacked_bars([str(y) for y in years], series,
                                               title=f"{area_name(a, lang)} ({axis_unit('t CO2e', lang)})",
                                               lang=lang, height=260, unit=axis_unit("t CO2e", lang))})
    return sections


def _restatement(p: _Page) -> dict[str, Any] | None:
    """The base-year recalculation: history as reported and restated, a sentence per change."""
    rs = p.r.restatement
    if rs is None:
        return None
    lang = p.lang
    rows = [{"year": h["year"], "reported": p.n(h["reported_t"], 1), "adjustment": number(h["adjustment_t"], 1, lang,
                                                                                          sign=True),
             "restated": p.n(h["restated_t"], 1), "reasons": h["reasons"]}
            for h in rs.history.to_dict("records") if h["year"] <= p.ry]
    against = p.r.config.recalculation.targets_against if p.r.config.recalculation else "restated"
    methods = []
    if rs.method_history is not None:
        methods = [{"year": h["year"], "reported": p.n(h["reported_t"], 1), "today": p.n(h["restated_t"], 1)}
                   for h in rs.method_history.to_dict("records") if h["year"] <= p.ry]
    names = set(rs.assessment["change"].astype(str))
    if rs.method_effects is not None:
        names |= set(rs.method_effects["change"].astype(str))
    return {"rows": rows, "sentences": [names_marked(s, names) for s in rs.sentences(lang)], "against": against,
            "methods": methods,
            "threshold": number(100 * rs.policy.threshold, None, lang)}


def _targets(p: _Page) -> list[dict[str, Any]]:
    lang = p.lang
    names = proper_names(p.r)
    trows = []
    for v in p.r.targets:
        d = v.result.to_dict()
        unit = v.result.unit
        trows.append({"name": v.result.name, "select": select_text(v.target, p.lang),
                      "base": (f"{value_text(d['base_value'], unit, lang)} ({d['base_year']})"
                               if d.get("base_year") else "–"),
                      "target": (value_text(d["target_value"], unit, lang)
                                 + (f" ({d['target_year']})" if d.get("target_year") else "")
                                 + _milestone_text(d.get("milestone"), unit, lang)),
                      "trajectory": value_text(d.get("trajectory_value"), unit, lang),
                      "actual": value_text(d["actual"], unit, lang),
                      "change": _change_text(d, v.target.change_as, lang),
                      "status": status_cell(v.result, lang),
                      "note": names_marked(" ".join(x for x in (v.target.note_text(v.result, lang),
                                                                 _trend_text(d, lang),
                                                                 _budget_text(d, lang) if v.target.cumulative else "")
                                                     if x), names),
                      "chart": _target_chart(v, lang)})
    return trows


def _budget_text(d: dict[str, Any], lang: str) -> str:
    """A carbon budget in one sentence: used, left, when it runs out at the trend, the rate needed."""
    if d.get("used_t") is None:
        return ""
    used, left, total = (number(d[k], 0, lang) for k in ("used_t", "remaining_t", "budget_t"))
    share = percent(d["share_used"], 0, lang)
    span = f"{d['start_year']}–{d['year']}"
    out = [tr(lang, "{span}: {used} of the budget's {total} t used ({share}); left: {left} t.", span=span, used=used,
              total=total, share=share, left=left)]
    year = d.get("runs_out_year")
    if d["remaining_t"] < 0:
        out.append(tr(lang, "The budget is used up."))
    elif year is not None:
        out.append(tr(lang, "At the current trend the budget runs out in {year}.", year=year))
    else:
        out.append(tr(lang, "At the current trend the budget lasts to {year}.", year=d["end_year"]))
    rate = d.get("required_annual_rate")
    if rate is not None and d["year"] < d["end_year"]:
        out.append(tr(lang, "Staying within it needs a reduction of {pct} a year.", pct=percent(rate, 0, lang)))
    return " ".join(out)


def _change_text(d: dict[str, Any], change_as: str, lang: str) -> str:
    """The change against the base year as Swedish follow-ups print it: "−24,7 %" (a share: percentage points)."""
    if change_as == "points":
        ch = d.get("change")
        if ch is None:
            return "–"
        return tr(lang, "{change} percentage points", change=number(100 * ch, 1, lang, sign=True))
    pct = d.get("change_pct")
    return "–" if pct is None else percent(pct, 1, lang, sign=True)


def _milestone_text(ms: Any, unit: str, lang: str) -> str:
    """The milestone in force: "delmål 2022: −73 %" or "gräns från 2024"."""
    if not isinstance(ms, dict) or "year" not in ms:
        return ""
    if "fraction" in ms:
        value = percent(-ms["fraction"], 0, lang, sign=True)
    elif "minimum" in ms:
        value = percent(ms["minimum"], 0, lang)
    else:
        return "; " + tr(lang, "milestone {year}", year=ms["year"])
    return "; " + tr(lang, "milestone {year}: {value}", year=ms["year"], value=value)


def _trend_text(d: dict[str, Any], lang: str) -> str:
    """Under the trend rule: why a target not met reads "delvis" (or not)."""
    trend, since = d.get("trend"), d.get("trend_from_year")
    if not trend or d.get("status_rule") != "trend":
        return ""
    word = ptr(lang, *_TREND_WORDS[trend]) if trend in _TREND_WORDS else trend
    if since:
        return tr(lang, "Trend rule: {trend} since {year}.", trend=word, year=since)
    return tr(lang, "Trend rule: {trend}.", trend=word)


#: The trend of a result under the trend rule (its ``details["trend"]`` code) → its word.
_TREND_WORDS = {"improving": NP_("trend", "improving"), "worsening": NP_("trend", "worsening"),
                "unchanged": NP_("trend", "unchanged"), "unknown": NP_("trend", "unknown")}


def _portfolio(p: _Page) -> dict[str, Any] | None:
    tb, lang, n, r = p.tb, p.lang, p.n, p.r
    if "portfolio" not in tb:
        return None
    prow = []
    for (y, name), g in tb["portfolio"].groupby(["year", "portfolio"], sort=True):
        g = g.set_index("metric")
        prow.append({"year": y, "name": name,
                     "cells": [n(g.loc[m, "value"], 2) if m in g.index else "–" for m in PORTFOLIO_METRICS],
                     "coverage": percent(g.loc["carbon_footprint", "coverage"], 0, lang),
                     "dq": n(g.loc["carbon_footprint", "data_quality"], 1)})
    vs = []
    chart = None
    if "portfolio_vs_index" in tb:
        pv = tb["portfolio_vs_index"]
        for rec in pv.to_dict("records"):
            vs.append({"metric": metric_word(rec["metric"], lang), "portfolio": n(rec["portfolio"], 2),
                       "index": n(rec["index"], 2),
                       "rel": percent(rec["relative_to_index"], 0, lang, sign=True)})
        labels, values = [], []
        pname = r.portfolios[r.benchmark.year].name or t("portfolio", lang)
        iname = r.benchmark.name or t("benchmark", lang)
        for rec in pv.to_dict("records"):
            word = metric_word(rec["metric"], lang)
            labels += [f"{pname}: {word}", f"{iname}: {word}"]
            values += [rec["portfolio"], rec["index"]]
        chart = hbars(labels, values, title=t("portfolio_chart", lang) + " (t CO2e/MSEK)", lang=lang,
                      colours=["#0072B2", "#8C8C8C"], unit=axis_unit("t CO2e/MSEK", lang))
    trend_rows = [{"metric": metric_word(rec["metric"], lang), "year": rec["year"], "value": n(rec["value"], 2),
                   "change": percent(rec["change_vs_base"], 0, lang, sign=True)}
                  for rec in tb["portfolio_trend"].to_dict("records")]
    pf = r.config.portfolio
    if pf is None:  # the build writes portfolio tables only for a configured portfolio
        raise KlimatbokslutError("portfolio tables without a [portfolio] configuration")
    return {"rows": prow, "vs": vs, "chart": chart, "trend": trend_rows, "rates_source": pf.rates_source,
            "rates": ", ".join(f"{k}: {v}" for k, v in pf.rates.items())}


def _whatif(p: _Page) -> dict[str, Any] | None:
    if "whatif" not in p.tb:
        return None
    w, n = p.tb["whatif"], p.n
    names: Names = {"activity": activity_name, "contract": contract_word, "parameter": parameter_word}
    notes = {v.name: " | ".join(x.text(p.lang, names) if isinstance(x, Note) else str(x) for x in v.result.notes)
             for v in p.r.scenarios}
    rows = [{"name": rec["scenario"], "year": rec["year"] or "", "baseline": n(rec["baseline_co2e_t"], 1),
             "scenario": n(rec["scenario_co2e_t"], 1), "avoided": n(rec["avoided_co2e_t"], 1),
             "avoided_location": n(rec["avoided_location_t"], 1),
             "cost": n(rec["extra_cost_sek"], 0), "cpt": n(rec["cost_per_tonne_sek"], 0),
             "notes": notes.get(rec["scenario"], rec["notes"]),
             "avoided_interval": (_interval(rec["avoided_low_t"], rec["avoided_high_t"], n, 1)
                                  if "avoided_low_t" in rec else ""),
             "cpt_interval": (_interval(rec["cost_per_tonne_low_sek"], rec["cost_per_tonne_high_sek"], n, 0)
                              if rec.get("cost_per_tonne_low_sek") is not None
                              and rec.get("cost_per_tonne_low_sek") == rec.get("cost_per_tonne_low_sek") else "")}
            for rec in w.to_dict("records")]
    return {"rows": rows, "chart": hbars(list(w["scenario"]), list(w["avoided_co2e_t"]),
                                         title=t("whatif_chart", p.lang), lang=p.lang,
                                         unit=axis_unit("t CO2e", p.lang), names=True)}


def _method(p: _Page) -> dict[str, Any]:
    fu, led, lang, n = p.tb["factors_used"], p.r.ledger, p.lang, p.n
    frows = []
    for rec in fu.to_dict("records"):
        src = " – ".join(str(x) for x in (rec.get("publisher"), rec.get("title"), rec.get("source_edition"))
                         if x and not is_missing(x))
        span = (str(rec.get("valid_from")) if rec.get("valid_from") == rec.get("valid_to")
                else f"{rec.get('valid_from')}–{rec.get('valid_to')}")
        frows.append({"id": rec.get("factor_id"), "activity": activity_name(str(rec.get("activity")), lang),
                      "region": region_text(rec.get("region"), rec.get("publisher"), lang), "years": span,
                      "other_years": rec.get("used_for_other_years") or "",
                      "value": number(rec.get("value"), None, lang),
                      "unit": display_unit(str(rec.get("unit")), lang),
                      "boundary": boundary_word(str(rec.get("boundary")), lang),
                      "gas": gas_word(str(rec.get("gas")), lang),
                      "source": src or rec.get("source_id"),
                      "url": rec.get("url") if str(rec.get("url") or "").startswith(("http://", "https://")) else "",
                      "user": bool(rec.get("user")), "derived": bool(rec.get("derived"))})
    s2 = p.tb["scope2_methods"]

    def cell(y: int, method: str, column: str) -> str:
        return n(s2[(s2.year == y) & (s2.method == method)][column].iloc[0], 1)

    return {
        "factors": frows, "version": led.factor_version,
        "scope2": [{"year": y, "loc": cell(y, "location", "scope2_co2e_t"), "mkt": cell(y, "market", "scope2_co2e_t"),
                    "tloc": cell(y, "location", "total_co2e_t"), "tmkt": cell(y, "market", "total_co2e_t")}
                   for y in p.years],
        "contracts": sorted(contract_word(c, lang) for c in pd.unique(led.frame["contract"].astype(object)) if c),
        "user_factors": bool(fu.get("user", pd.Series(dtype=bool)).astype(bool).any()),
        "rf": p.r.config.radiative_forcing,
        "normal_year": _normal_year_text(getattr(led, "normal_year", None), lang),
    }


def _normal_year_text(params: Any, lang: str) -> str | Markup:
    """The sentence saying whether (and how) heating energy is normal-year corrected."""
    if params is None:
        return tr(lang, "Energy is reported as measured (not normal-year corrected).")
    years = ", ".join(f"{y}: {number(d, 0, lang)}" for y, d in sorted(params.degree_days.items()))
    normal = ", ".join(sorted({number(v, 0, lang) for v in params.normal_degree_days.values()}))
    if params.source:
        years += f"; {_NAME_MARK}"
    share = number(100 * params.weather_share, 0, lang)
    activities = ", ".join(activity_name(str(a), lang) for a in params.select.get("activity", []))
    text = tr(lang, "Heating energy ({activities}) is also normal-year corrected with degree-days ({years}; "
              "normal year {normal}), weather-dependent share {share} %; targets with the measure \"{metric}\" use "
              "the corrected energy. Emissions are not corrected.", activities=activities, years=years, normal=normal,
              share=share, metric=metric_word("energy_normal", lang))
    # the source of the degree-days is the region's own text: marked as such, not as words of the report
    return Markup(str(escape(text)).replace(_NAME_MARK, f'<span translate="no">{escape(params.source or "")}</span>'))


_NAME_MARK = "\u2063SOURCE\u2063"


def _quality(p: _Page) -> dict[str, Any]:
    tb, lang, n = p.tb, p.lang, p.n
    spend = [{"year": x["year"], "t": n(x["spend_based_co2e_t"], 1), "share": percent(x["share"], 0, lang)}
             for x in tb["spend_share"].to_dict("records")]
    return {
        "reconcile": p.r.ledger.reconcile(),
        "rejects": [{"row": x.get("row"), "column": x.get("column"), "value": x.get("value"),
                     "reason": tr(lang, REPLACED_BY_ACTIVITY) if x.get("reason") == REPLACED_BY_ACTIVITY
                     else x.get("reason")} for x in tb["rejects"].to_dict("records")],
        "fallback": [{"activity": activity_name(x["activity"], lang), "year": x["year"],
                      "factor_year": x["factor_year"], "region": region_text(x["region"], None, lang),
                      "rows": x["rows"]}
                     for x in tb["fallback_factors"].to_dict("records")],
        "flagged": [{"flag": x["flag"], "activity": activity_name(x["activity"], lang), "year": x["year"],
                     "rows": x["rows"], "mwh": n(x["mwh"], 1) if x["mwh"] == x["mwh"] else ""}
                    for x in tb["defaults_and_unknowns"].to_dict("records")],
        "derived": [{"id": x.get("factor_id"), "activity": activity_name(str(x.get("activity")), lang),
                     "note": x.get("note") or "", "source": x.get("source_id"), "user": bool(x.get("user"))}
                    for x in tb["derived_factors"].to_dict("records")],
        "spend": spend,
        "coverage": [{"area": area_name(x["area"], lang),
                      "cells": ["✓" if bool(x.get(str(y), False)) else "–" for y in p.years]}
                     for x in tb["coverage"].to_dict("records")],
    }


#: The simulation's notes on target probabilities (English data, the message ids of their translations).
_UNC_NOTES = frozenset({
    N_("not a CO2e target: no factor uncertainty is propagated"),
    N_("a portfolio target: no factor uncertainty is propagated"),
    N_("no value in the year"),
    N_("the target has no value to compare with in the year"),
    N_("probability that the use so far is within the budget's path (probability_total: that the whole budget is "
       "not used up by the year)"),
    N_("probability that the budget is not used up by the year"),
})


def _target_note(x: Mapping[Hashable, Any], lang: str) -> str:
    """The simulation's note on a target's probability, in the report's language (a budget's whole-budget
    probability written out)."""
    total = x.get("probability_total")
    if x.get("compared_with") == "path" and total is not None and total == total:
        return tr(lang, "probability that the use so far is within the budget's path; that the whole budget is not "
                  "used up by the year: {p}", p=percent(total, 0, lang))
    return tr(lang, x["note"]) if x["note"] in _UNC_NOTES else x["note"]


def _probability_row(x: Mapping[Hashable, Any], lang: str) -> dict[str, Any]:
    """A target's probabilities, each saying what it is the probability of: on the path this year, and
    reaching the target value (a budget: not using up the whole budget)."""
    on_path = x["probability"] if x.get("compared_with") == "path" else None
    reach = x.get("probability_total") if x.get("compared_with") == "path" and x.get("probability_total") == x.get(
        "probability_total") and x.get("probability_total") is not None else x.get("probability_target")
    if reach is None or reach != reach:
        reach = x["probability"] if x.get("compared_with") in ("target", "budget") else None
    note = "" if x["probability"] == x["probability"] and x["probability"] is not None else _target_note(x, lang)
    return {"name": x["name"], "status": x["status"], "path": probability_text(on_path, lang),
            "target": probability_text(reach, lang), "note": note}


def _interval(low: float, high: float, n: Callable[..., str], digits: int = 1) -> str:
    return f"{n(low, digits)}–{n(high, digits)}"


def _uncertainty(p: _Page) -> dict[str, Any] | None:
    """The uncertainty part of the data-quality section and the summary's intervals."""
    tb, lang, n, ry = p.tb, p.lang, p.n, p.ry
    if "uncertainty_totals" not in tb:
        return None
    sim = p.r.uncertainty
    pct = number(100 * sim.interval, 0, lang)
    tot = tb["uncertainty_totals"].set_index("year")     # float cells; the stubs say any scalar
    by_scope = tb["uncertainty_by_scope"]
    rows = []
    for y in p.years:
        cells = {"year": y, "total": n(tot.loc[y, "co2e_t"], 1),
                 "interval": _interval(cast(float, tot.loc[y, "low_t"]), cast(float, tot.loc[y, "high_t"]), n, 0),
                 "rel": f"{percent(tot.loc[y, 'low_pct'], 0, lang, sign=True)} / "
                        f"{percent(tot.loc[y, 'high_pct'], 0, lang, sign=True)}"}
        for s in (1, 2, 3):
            hit = by_scope[(by_scope.year == y) & (by_scope.scope == s)]
            cells[f"s{s}"] = _interval(hit["low_t"].iloc[0], hit["high_t"].iloc[0], n, 0) if len(hit) else "–"
        rows.append(cells)
    ch = tb["uncertainty_changes"]
    changes = [{"year": x["year"], "against": x["against"], "change": n(x["change_t"], 1, sign=True),
                "interval": f"{n(x['low_t'], 0, sign=True)} … {n(x['high_t'], 0, sign=True)}",
                "pct": percent(x["change_pct"], 1, lang, sign=True),
                "pct_interval": f"{percent(x['low_pct'], 1, lang, sign=True)} … "
                                f"{percent(x['high_pct'], 1, lang, sign=True)}",
                "p": probability_text(x["probability_decrease"], lang)} for x in ch.to_dict("records")]
    targets = [_probability_row(x, lang) for x in tb["uncertainty_targets"].to_dict("records")]
    contrib = [{"kind": t(f"kind_{x['kind']}", lang),
                "name": x["name"] if x["kind"] == "factor" else x["name"],
                "t": n(x["co2e_t"], 1), "dist": f"GSD² {number(x['parameter'], 4, lang)}",
                "basis": t(f"basis_{x['basis']}", lang), "share": percent(x["variance_share"], 1, lang)}
               for x in tb["uncertainty_contributions"].head(10).to_dict("records")]
    areas = [{"area": area_name(x["area"], lang), "t": n(x["co2e_t"], 1),
              "share": percent(x["variance_share"], 1, lang)}
             for x in tb["uncertainty_area_contributions"].to_dict("records")]
    defaults = [t("defaults_line", lang, kind=t(f"kind_{x['kind']}", lang), items=x["items"], t=n(x["co2e_t"], 0),
                  basis=t(f"basis_{x['basis']}", lang)) for x in tb["uncertainty_defaults"].to_dict("records")]
    st = tb["uncertainty_settings"].set_index("year")
    base_change = ch[(ch["year"] == ry) & (ch["against"] == p.years[0])]
    summary: dict[str, Any] = {
        "total": _interval(cast(float, tot.loc[ry, "low_t"]), cast(float, tot.loc[ry, "high_t"]), n, 0),
        "label": t("interval", lang, pct=pct)}
    restated = _restated_change(p)
    if restated is not None:
        base_change, summary["restated"] = pd.DataFrame([restated]), True
    if len(base_change):
        x = base_change.iloc[0]
        summary["vs_base"] = (f"{percent(x['low_pct'], 1, lang, sign=True)} … "
                              f"{percent(x['high_pct'], 1, lang, sign=True)}; "
                              f"{t('p_decrease', lang, p=probability_text(x['probability_decrease'], lang))}")
    return {"intro": t("unc_intro", lang, draws=number(sim.draws, 0, lang), seed=sim.seed, pct=pct),
            "pct": pct, "rows": rows, "changes": changes, "targets": targets, "contrib": contrib, "areas": areas,
            "defaults": defaults, "summary": summary,
            "check": t("unc_check", lang, an=n(st.loc[ry, "analytic_sd_t"], 0), mc=n(st.loc[ry, "sd_t"], 0), year=ry)}


def _restated_change(p: _Page) -> dict[str, float] | None:
    """The report year's change against the restated base year, with its interval, from the Monte Carlo of the
    restated ledger; None when the headline is against the base year as reported, or the restated ledger's
    report year is not the headline's (then the interval stays against the reported base and says so)."""
    pb, sim, ry = policy_base(p.r), p.r.target_uncertainty, p.ry
    if pb is None or sim is None or sim is p.r.uncertainty or ry == p.years[0]:
        return None
    try:
        x = sim.change(ry, p.years[0])
    except KlimatbokslutError:
        return None
    headline = _change(p.r.total(ry), pb["total"])
    return x if abs(x["change_pct"] - headline) < 1e-9 else None      # NaN (no base) is never close


def _appendix(p: _Page) -> list[dict[str, Any]]:
    ad = p.tb["activity_data"]
    app = []
    for a in p.areas:
        g = ad[ad.area == a]
        rows = []
        for (act, unit), h in g.groupby(["activity", "unit"], sort=False):
            rows.append({"name": activity_name(str(act), p.lang, a), "unit": display_unit(str(unit), p.lang),
                         "cells": p.cells(h, 0, "amount")})
        app.append({"name": area_name(a, p.lang), "rows": rows})
    return app


def render(r: ReportData) -> str:
    """The HTML page as text.

    Examples
    --------
    >>> from klimatbokslut.report.build import build_report, _tiny_config
    >>> "Content-Security-Policy" in render(build_report(_tiny_config()))
    True
    """
    env = Environment(loader=PackageLoader("klimatbokslut.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return _boxes(env.get_template("report.html.j2").render(**context(r)))


def _boxes(page: str) -> str:
    """Every table and chart in a box of its own that scrolls sideways when it is wider than the page,
    so the page itself never does (a phone at 390 px)."""
    page = re.sub(r"<table\b", '<div class="tw"><table', page).replace("</table>", "</table></div>")
    return re.sub(r'(<svg xmlns="http://www.w3.org/2000/svg" class="chart".*?</svg>)',
                  r'<div class="chart-box">\1</div>', page, flags=re.S)
