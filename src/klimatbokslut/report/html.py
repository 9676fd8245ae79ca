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

from typing import Any

import pandas as pd
from markupsafe import Markup, escape

from ..catalogue import AREAS
from .build import Report, activity_name, area_name, category_name, related_targets
from .charts import PALETTE, hbars, line_chart, stacked_bars
from .fmt import is_missing, number, percent
from .strings import STATUS_CLASS, status_word, t

__all__ = ["render", "context"]

_SCOPE_COLOURS = ["#D55E00", "#0072B2", "#009E73"]


def _num(lang):
    return lambda v, d=1: number(v, d, lang)


def _one(values) -> float:
    """The single value of a one-row selection (NaN when the selection is empty)."""
    return float(values.iloc[0]) if len(values) else float("nan")


def _status_cell(r, lang: str) -> Markup:
    word = r.status_sv
    return Markup(f'<span class="status {STATUS_CLASS.get(word, "")}" data-status="{escape(r.status)}">'
                  f'{escape(status_word(word, lang))}</span>')


def _select_text(target) -> str:
    sel = dict(getattr(target, "select", {}) or {})
    parts = []
    for k, v in sel.items():
        vals = v if isinstance(v, (list, tuple)) else [v]
        parts.append(f"{k} = {', '.join(map(str, vals))}")
    metric = getattr(target, "metric", "")
    return "; ".join(parts + ([f"metric = {metric}"] if metric else []))


def _target_chart(v, lang: str) -> Markup:
    """Actual series against the straight-line path (or the limit / benchmark)."""
    series = [s for s in v.series if s.actual is not None]
    res = v.result
    unit = res.unit or ""
    d = res.to_dict()
    actual = [(s.year, s.to_dict()["actual"]) for s in series]
    lines = [{"label": t("actual", lang), "points": actual, "colour": "#0072B2"}]
    kind = v.target.kind
    if kind in ("reduction", "annual_reduction") or (kind in ("share", "intensity") and d.get("base_year")):
        path = []
        if d.get("base_year") is not None and d.get("base_value") is not None:
            path.append((d["base_year"], d["base_value"]))
        path += [(s.year, s.to_dict()["trajectory_value"]) for s in v.series
                 if s.trajectory_value is not None and s.year != d.get("base_year")]
        if d.get("target_year") is not None and d.get("target_value") is not None:
            path.append((d["target_year"], d["target_value"]))
        lines.append({"label": t("path", lang), "points": sorted(set(path)), "dashed": True, "colour": "#D55E00"})
    elif kind == "below_benchmark":
        bench = [(s.year, s.to_dict()["target_value"]) for s in v.series if s.target_value is not None]
        lines.append({"label": t("benchmark", lang), "points": bench, "dashed": True, "colour": "#D55E00"})
    else:
        lim = [(s.year, s.to_dict()["target_value"]) for s in v.series if s.target_value is not None]
        lines.append({"label": t("limit", lang), "points": lim, "dashed": True, "colour": "#D55E00"})
    title = f"{res.name} ({unit})" if unit else res.name
    domain = [y for y in (d.get("base_year"), d.get("target_year")) if y is not None]
    return line_chart(lines, title=title, lang=lang, x_domain=domain)


def _fmt_target_value(value, unit: str, lang: str) -> str:
    if is_missing(value):
        return "–"
    if not unit:          # shares are fractions
        return percent(value, 1, lang)
    return f"{number(value, None, lang)} {unit}"


def context(r: Report) -> dict[str, Any]:
    """Everything the template shows, already formatted (strings and escaped SVG).

    Examples
    --------
    >>> from klimatbokslut.report.build import build_report, _tiny_config
    >>> c = context(build_report(_tiny_config()))
    >>> c["summary"]["total"] == number(build_report(_tiny_config()).total(2024), 1)
    True
    """
    lang, years, led, tb = r.language, r.years, r.ledger, r.tables
    n = _num(lang)
    ry = r.report_year
    totals = tb["totals"].set_index("year")
    prev_year = years[-2] if len(years) > 1 else None
    ctx: dict[str, Any] = {"lang": lang, "t": lambda key, **kw: t(key, lang, **kw), "org": r.config.organisation,
                           "report_year": ry, "base_year": years[0], "years": years, "gwp": r.config.gwp,
                           "scope2_method": led.scope2_method}
    # ---- summary
    by_scope = tb["by_scope"]
    scope_now = {s: n(_one(by_scope[(by_scope.year == ry) & (by_scope.scope == s)]["co2e_t"]), 1) for s in (1, 2, 3)}
    ac = tb["area_change"]
    drivers = []
    if prev_year is not None:
        for rec in ac.reindex(ac["change_vs_previous_t"].abs().sort_values(ascending=False).index)[:3].to_dict("records"):
            drivers.append({"area": area_name(rec["area"], lang), "change": number(rec["change_vs_previous_t"], 1, lang, sign=True)})
    ctx["summary"] = {
        "total": n(totals.loc[ry, "co2e_t"], 1),
        "vs_previous": percent(totals.loc[ry, "change_vs_previous"], 1, lang, sign=True) if prev_year else None,
        "previous_year": prev_year,
        "vs_base": percent(totals.loc[ry, "change_vs_base"], 1, lang, sign=True) if ry != years[0] else None,
        "scopes": scope_now, "drivers": drivers,
        "targets": [{"name": v.result.name, "status": _status_cell(v.result, lang)} for v in r.targets],
    }
    # ---- boundaries
    inside = []
    for v in r.targets:
        inside.append({"name": v.result.name, "select": _select_text(v.target),
                       "years": " → ".join(str(y) for y in (getattr(v.target, "base_year", None),
                                                              getattr(v.target, "target_year", None)) if y)})
    present = list(dict.fromkeys(tb["by_area"]["area"]))
    ctx["boundaries"] = {"targets": inside, "areas": [area_name(a, lang) for a in AREAS if a in present]}
    # ---- total result
    ba = tb["by_area"]
    areas = [a for a in AREAS if a in set(ba["area"])] + sorted(set(ba["area"]) - set(AREAS))
    area_rows = []
    for a in areas:
        vals = [ba[(ba.area == a) & (ba.year == y)]["co2e_t"] for y in years]
        cells = [n(v.iloc[0], 1) if len(v) else "–" for v in vals]
        ch = percent(_one(ac[ac.area == a]["change_vs_base"]), 0, lang, sign=True)
        area_rows.append({"name": area_name(a, lang), "cells": cells, "change": ch})
    ctx["area_table"] = {"rows": area_rows, "total": [n(totals.loc[y, "co2e_t"], 1) for y in years],
                         "total_change": percent(totals.loc[ry, "change_vs_base"], 0, lang, sign=True)}
    area_series = [(area_name(a, lang), [float(ba[(ba.area == a) & (ba.year == y)]["co2e_t"].iloc[0])
                                         if len(ba[(ba.area == a) & (ba.year == y)]) else float("nan")
                                         for y in years]) for a in areas]
    ctx["area_chart"] = stacked_bars([str(y) for y in years], area_series, title=t("by_area_chart", lang), lang=lang)
    scope_series = []
    scope_rows = []
    for s in (1, 2, 3):
        vals = [by_scope[(by_scope.scope == s) & (by_scope.year == y)]["co2e_t"] for y in years]
        scope_series.append((f"Scope {s}", [float(v.iloc[0]) if len(v) else float("nan") for v in vals]))
        scope_rows.append({"name": f"Scope {s}", "cells": [n(v.iloc[0], 1) if len(v) else "–" for v in vals]})
    ctx["scope_table"] = scope_rows
    ctx["scope_chart"] = stacked_bars([str(y) for y in years], scope_series, title=t("by_scope_chart", lang),
                                      lang=lang, colours=_SCOPE_COLOURS)
    memo = tb["biogenic_memo"].set_index("year")["co2_biogenic_t"]
    ctx["memo"] = [n(memo.get(y), 1) for y in years]
    # ---- areas
    sections = []
    ba_act = tb["by_activity"]
    for k, a in enumerate(areas):
        acts = ba_act[ba_act.area == a]
        names = list(dict.fromkeys(acts.sort_values("co2e_t", ascending=False)["activity"]))
        rows = []
        for act in names:
            vals = [acts[(acts.activity == act) & (acts.year == y)]["co2e_t"] for y in years]
            rows.append({"name": activity_name(act, lang), "cells": [n(v.iloc[0], 1) if len(v) else "–" for v in vals]})
        cats = tb["by_area_category"]
        cats = cats[cats.area == a]
        cat_rows = []
        for c in dict.fromkeys(cats["category"]):
            vals = [cats[(cats.category == c) & (cats.year == y)]["co2e_t"] for y in years]
            cat_rows.append({"name": category_name(c, lang), "cells": [n(v.iloc[0], 1) if len(v) else "–"
                                                                    for v in vals]})
        top = names[:7]
        series = [(activity_name(x, lang), [float(acts[(acts.activity == x) & (acts.year == y)]["co2e_t"].iloc[0])
                                            if len(acts[(acts.activity == x) & (acts.year == y)]) else float("nan")
                                            for y in years]) for x in top]
        if len(names) > 7:
            series.append((t("total", lang) + " …", [float("nan")] * len(years)))
        driver = None
        chg = tb["activity_change"]
        chg = chg[chg.area == a]
        if len(chg):
            top_rec = chg.loc[chg["change_vs_previous_t"].abs().idxmax()]
            driver = {"activity": activity_name(top_rec["activity"], lang),
                      "change": number(top_rec["change_vs_previous_t"], 1, lang, sign=True), "year": top_rec["previous_year"]}
        goals = [{"name": v.result.name, "status": _status_cell(v.result, lang),
                  "actual": _fmt_target_value(v.result.to_dict()["actual"], v.result.unit, lang),
                  "target": _fmt_target_value(v.result.to_dict()["target_value"], v.result.unit, lang)}
                 for v in related_targets(r, a)]
        sections.append({"id": f"area-{a}", "name": area_name(a, lang), "rows": rows, "categories": cat_rows,
                         "total": area_rows[k]["cells"], "goals": goals, "driver": driver,
                         "chart": stacked_bars([str(y) for y in years], series, title=area_name(a, lang) + " (t CO2e)",
                                               lang=lang, height=260)})
    ctx["sections"] = sections
    # ---- targets
    trows = []
    for v in r.targets:
        d = v.result.to_dict()
        unit = v.result.unit
        trows.append({"name": v.result.name, "select": _select_text(v.target),
                      "base": (f"{_fmt_target_value(d['base_value'], unit, lang)} ({d['base_year']})"
                               if d.get("base_year") else "–"),
                      "target": (_fmt_target_value(d["target_value"], unit, lang)
                                 + (f" ({d['target_year']})" if d.get("target_year") else "")),
                      "trajectory": _fmt_target_value(d.get("trajectory_value"), unit, lang),
                      "actual": _fmt_target_value(d["actual"], unit, lang),
                      "status": _status_cell(v.result, lang), "note": v.result.note,
                      "chart": _target_chart(v, lang)})
    ctx["targets"] = trows
    # ---- portfolio
    ctx["portfolio"] = None
    if "portfolio" in tb:
        ps = tb["portfolio"]
        prow = []
        for (y, name), g in ps.groupby(["year", "portfolio"], sort=True):
            g = g.set_index("metric")
            prow.append({"year": y, "name": name,
                         "cells": [n(g.loc[m, "value"], 2) if m in g.index else "–"
                                   for m in ("financed_emissions", "carbon_footprint", "waci", "carbon_intensity")],
                         "coverage": percent(g.loc["carbon_footprint", "coverage"], 0, lang),
                         "dq": n(g.loc["carbon_footprint", "data_quality"], 1)})
        vs = []
        chart = None
        if "portfolio_vs_index" in tb:
            pv = tb["portfolio_vs_index"]
            for rec in pv.to_dict("records"):
                vs.append({"metric": rec["metric"], "portfolio": n(rec["portfolio"], 2), "index": n(rec["index"], 2),
                           "rel": percent(rec["relative_to_index"], 0, lang, sign=True)})
            labels, values = [], []
            pname = r.portfolios[r.benchmark.year].name or t("portfolio", lang)
            iname = r.benchmark.name or t("benchmark", lang)
            for rec in pv.to_dict("records"):
                labels += [f"{pname}: {rec['metric']}", f"{iname}: {rec['metric']}"]
                values += [rec["portfolio"], rec["index"]]
            chart = hbars(labels, values, title=t("portfolio_chart", lang) + " (t CO2e/MSEK)", lang=lang,
                          colours=["#0072B2", "#8C8C8C"])
        tr = tb["portfolio_trend"]
        trend_rows = [{"metric": rec["metric"], "year": rec["year"], "value": n(rec["value"], 2),
                       "change": percent(rec["change_vs_base"], 0, lang, sign=True)} for rec in tr.to_dict("records")]
        ctx["portfolio"] = {"rows": prow, "vs": vs, "chart": chart, "trend": trend_rows,
                            "rates_source": r.config.portfolio.rates_source,
                            "rates": ", ".join(f"{k}: {v}" for k, v in r.config.portfolio.rates.items())}
    # ---- what-if
    ctx["whatif"] = None
    if "whatif" in tb:
        w = tb["whatif"]
        rows = [{"name": rec["scenario"], "year": rec["year"] or "", "baseline": n(rec["baseline_co2e_t"], 1),
                 "scenario": n(rec["scenario_co2e_t"], 1), "avoided": n(rec["avoided_co2e_t"], 1),
                 "avoided_location": n(rec["avoided_location_t"], 1),
                 "cost": n(rec["extra_cost_sek"], 0), "cpt": n(rec["cost_per_tonne_sek"], 0), "notes": rec["notes"]}
                for rec in w.to_dict("records")]
        ctx["whatif"] = {"rows": rows, "chart": hbars(list(w["scenario"]), list(w["avoided_co2e_t"]),
                                                      title=t("whatif_chart", lang), lang=lang)}
    # ---- method
    fu = tb["factors_used"]
    frows = []
    for rec in fu.to_dict("records"):
        src = " – ".join(str(x) for x in (rec.get("publisher"), rec.get("title"), rec.get("edition"))
                         if x and not is_missing(x))
        frows.append({"id": rec.get("factor_id"), "activity": activity_name(str(rec.get("activity")), lang),
                      "region": rec.get("region") or "", "years": f"{rec.get('valid_from')}–{rec.get('valid_to')}",
                      "value": number(rec.get("value"), None, lang), "unit": rec.get("unit"),
                      "boundary": rec.get("boundary"), "gas": rec.get("gas"), "source": src or rec.get("source_id"),
                      "url": rec.get("url") if str(rec.get("url") or "").startswith(("http://", "https://")) else "",
                      "user": bool(rec.get("user")), "derived": bool(rec.get("derived"))})
    s2 = tb["scope2_methods"]
    ctx["method"] = {
        "factors": frows, "version": led.factor_version,
        "scope2": [{"year": y, "loc": n(s2[(s2.year == y) & (s2.method == "location")]["scope2_co2e_t"].iloc[0], 1),
                    "mkt": n(s2[(s2.year == y) & (s2.method == "market")]["scope2_co2e_t"].iloc[0], 1),
                    "tloc": n(s2[(s2.year == y) & (s2.method == "location")]["total_co2e_t"].iloc[0], 1),
                    "tmkt": n(s2[(s2.year == y) & (s2.method == "market")]["total_co2e_t"].iloc[0], 1)}
                   for y in years],
        "contracts": sorted(c for c in pd.unique(led.frame["contract"].astype(object)) if c),
        "user_factors": bool(fu.get("user", pd.Series(dtype=bool)).astype(bool).any()),
        "rf": r.config.radiative_forcing,
    }
    # ---- data quality
    rej = tb["rejects"]
    rec = led.reconcile()
    dq = tb["data_quality"]
    spend = [{"year": x["year"], "t": n(x["spend_based_co2e_t"], 1), "share": percent(x["share"], 0, lang)}
             for x in tb["spend_share"].to_dict("records")]
    cov = tb["coverage"]
    ctx["quality"] = {
        "reconcile": rec,
        "rejects": [{"row": x.get("row"), "column": x.get("column"), "value": x.get("value"), "reason": x.get("reason")}
                    for x in rej.to_dict("records")],
        "fallback": [{"activity": activity_name(x["activity"], lang), "year": x["year"], "factor_year": x["factor_year"],
                      "region": x["region"] or "", "rows": x["rows"]} for x in tb["fallback_factors"].to_dict("records")],
        "derived": [{"id": x.get("factor_id"), "activity": activity_name(str(x.get("activity")), lang),
                     "note": x.get("note") or "", "source": x.get("source_id"), "user": bool(x.get("user"))}
                    for x in tb["derived_factors"].to_dict("records")],
        "spend": spend,
        "coverage": [{"area": area_name(x["area"], lang),
                      "cells": ["✓" if bool(x.get(str(y), False)) else "–" for y in years]} for x in cov.to_dict("records")],
    }
    # ---- appendix
    ad = tb["activity_data"]
    app = []
    for a in areas:
        g = ad[ad.area == a]
        rows = []
        for (act, unit), h in g.groupby(["activity", "unit"], sort=False):
            vals = [h[h.year == y]["amount"] for y in years]
            rows.append({"name": activity_name(act, lang), "unit": unit,
                         "cells": [n(v.iloc[0], 0) if len(v) else "–" for v in vals]})
        app.append({"name": area_name(a, lang), "rows": rows})
    ctx["appendix"] = app
    ctx["sites"] = [{"org_unit": x["org_unit"], "site": x["site"], "t": n(x["co2e_t"], 1)}
                    for x in tb["by_site"].to_dict("records")]
    from .. import __version__

    ctx["version"] = __version__
    ctx["palette"] = PALETTE
    return ctx


def render(r: Report) -> str:
    """The HTML page as text.

    Examples
    --------
    >>> from klimatbokslut.report.build import build_report, _tiny_config
    >>> "Content-Security-Policy" in render(build_report(_tiny_config()))
    True
    """
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("klimatbokslut.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2").render(**context(r))
