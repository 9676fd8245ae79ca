"""The report's tables, as the workbook and the CSV folder list them.

:func:`_tables` collects every table of a built :class:`~klimatbokslut.report.build.Report`
from its ledger, targets, portfolio, scenarios and restatement;
:mod:`klimatbokslut.report.workbook` writes them. Nothing here sums emissions: totals come from
:meth:`Ledger.total <klimatbokslut.Ledger.total>` and :meth:`Ledger.summary
<klimatbokslut.Ledger.summary>`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._version import __version__
from ..csvout import plain_table as _plain
from ..portfolio import relative_difference, report_metrics, trend
from ..units import get_registry
from .capital_view import capital_tables
from .model import ReportData, ScenarioView
from .names import area_name, category_name
from .uncertainty import uncertainty_tables

Report = ReportData   # the tables need only what ReportData holds


# ----------------------------------------------------------------------------- tables
def _q(value) -> float:
    return float(value.magnitude)


def _tables(r: Report) -> dict[str, pd.DataFrame]:
    """Every table of the report, in the order the workbook and the CSV folder list them."""
    tables = _summary_tables(r)
    tables.update(_portfolio_tables(r))
    tables.update(capital_tables(r))
    if r.scenarios:
        tables["whatif"] = pd.DataFrame([_whatif_row(v, r) for v in r.scenarios])
    if r.restatement is not None:
        tables["restatement"] = r.restatement.assessment.copy()
        tables["restated_history"] = r.restatement.history.copy()
        tables["restatement_adjustments"] = r.restatement.adjustments.copy()
        if r.restatement.method_effects is not None:
            tables["method_changes"] = r.restatement.method_effects.copy()
            tables["method_history"] = r.restatement.method_history.copy()
    tables.update(_changes(r, tables["by_area"], tables["by_activity"]))
    tables.update(_quality_tables(r, tables["by_area"]))
    if r.uncertainty is not None:
        tables.update(uncertainty_tables(r))
        # the summary tables carry their intervals too
        for name, by in (("totals", ["year"]), ("by_scope", ["year", "scope"])):
            ends = tables[f"uncertainty_{name}"][[*by, "low_t", "high_t"]]
            tables[name] = tables[name].merge(ends, on=by, how="left")
    tables["about"] = _about(r)
    return tables


def _summary_tables(r: Report) -> dict[str, pd.DataFrame]:
    """Totals and summaries by scope, area, category, activity and site; scope-2 methods; memo; targets."""
    led, years, lang = r.ledger, r.years, r.language
    other = "location" if led.scope2_method == "market" else "market"
    rows = []
    for i, y in enumerate(years):
        tot = led.total(year=y)
        prev = led.total(year=years[i - 1]) if i else None
        rows.append({"year": y, "co2e_t": _q(tot),
                     f"co2e_{led.scope2_method}_t": _q(tot),
                     f"co2e_{other}_t": _q(led.total(year=y, method=other)),
                     "change_vs_previous": relative_difference(tot, prev) if prev is not None else float("nan"),
                     "change_vs_base": relative_difference(tot, led.total(year=years[0]))})
    by_area = led.summary(by=["year", "area"], year=years)
    by_area.insert(2, "area_name", [area_name(a, lang) for a in by_area["area"]])
    by_category = led.summary(by=["year", "scope", "category"], year=years)
    by_category.insert(3, "category_name", [category_name(c, lang) for c in by_category["category"]])
    scope2 = pd.DataFrame([{"year": y, "method": m, "scope2_co2e_t": _q(led.total(year=y, scope=2, method=m)),
                            "total_co2e_t": _q(led.total(year=y, method=m))}
                           for y in years for m in ("location", "market")])
    memo = led.memo(by=["year"])
    return {
        "totals": pd.DataFrame(rows),
        "by_scope": led.summary(by=["year", "scope"], year=years),
        "by_area": by_area,
        "by_category": by_category,
        "by_activity": led.summary(by=["year", "area", "activity"], year=years),
        "by_area_category": led.summary(by=["year", "area", "category"], year=years),
        "by_site": led.summary(by=["org_unit", "site"], year=r.report_year),
        "scope2_methods": scope2,
        "biogenic_memo": memo[memo["year"].isin(years)].reset_index(drop=True),
        # the notes in the report's language (the result's own note is English)
        "targets": pd.DataFrame([{"target": v.index, "type": v.target.kind, "source": v.source,
                                  **v.result.to_dict(), "note": v.target.note_text(v.result, lang)}
                                 for v in r.targets]),
        "target_series": pd.DataFrame([{"target": v.index, **s.to_dict(), "note": v.target.note_text(s, lang)}
                                       for v in r.targets for s in v.series]),
    }


def _portfolio_tables(r: Report) -> dict[str, pd.DataFrame]:
    """The portfolio's metrics per year (and the index's), their trend, and the portfolio against the index."""
    pf = r.config.portfolio
    if not r.portfolios or pf is None:
        return {}
    scopes = pf.scopes
    tables = {"portfolio": pd.concat(
        [p.summary(scopes).assign(year=y, portfolio=p.name or "portfolio") for y, p in r.portfolios.items()]
        + ([r.benchmark.summary(scopes).assign(year=r.benchmark.year, portfolio=r.benchmark.name or "index")]
           if r.benchmark is not None else []), ignore_index=True)}
    base_y = min(r.portfolios)
    tr = [trend(r.portfolios, m, base_year=base_y, scopes=scopes).assign(metric=m)
          for m in (metric.name for metric in report_metrics("trend"))]
    tables["portfolio_trend"] = pd.concat(tr, ignore_index=True)
    if r.benchmark is not None and r.benchmark.year in r.portfolios:
        p = r.portfolios[r.benchmark.year]
        rows = []
        for metric in report_metrics("index"):
            m = metric.name
            mine, idx = p.metric(m, scopes), r.benchmark.metric(m, scopes)
            rows.append({"year": r.benchmark.year, "metric": m, "portfolio": _q(mine), "index": _q(idx),
                         "unit": metric.report_unit, "relative_to_index": relative_difference(mine, idx)})
        tables["portfolio_vs_index"] = pd.DataFrame(rows)
    return tables


def _quality_tables(r: Report, by_area: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Factors used, rejects, fallbacks, derived and user factors, data quality, coverage and activity data."""
    led, years = r.ledger, r.years
    tables = {"factors_used": led.factors_used(), "rejects": _plain(led.rejects)}
    f = led.frame
    flags = f["flags"].astype(str)
    fb = f[flags.str.contains("fallback_year")]
    tables["fallback_factors"] = (fb.assign(activity=fb["activity"].astype(object))
                                  .groupby(["activity", "year", "factor_year", "region"], dropna=False)
                                  .size().rename("rows").reset_index())
    tables["defaults_and_unknowns"] = _flag_table(f, ("unvalued", "national_default", "biogenic_unknown"))
    fu = tables["factors_used"]
    mask = pd.Series(False, index=fu.index)
    for col in ("derived", "user"):
        if col in fu.columns:
            mask |= fu[col].astype(bool)
    if "source_id" in fu.columns:
        mask |= fu["source_id"].astype(str).eq("unsourced")
    tables["derived_factors"] = fu[mask].reset_index(drop=True)
    tables["data_quality"] = led.summary(by=["year", "data_quality"], year=years)
    spend = []
    for y in years:
        sb = led.total(year=y, data_quality="spend_based")
        tot = led.total(year=y)
        spend.append({"year": y, "spend_based_co2e_t": _q(sb), "total_co2e_t": _q(tot),
                      "share": _q(sb) / _q(tot) if _q(tot) else float("nan")})   # a share, for reading
    tables["spend_share"] = pd.DataFrame(spend)
    cov = by_area.assign(has_data=True).pivot_table(index="area", columns="year", values="has_data",
                                                    aggfunc="any", fill_value=False).reset_index()
    cov.columns = [str(c) for c in cov.columns]
    tables["coverage"] = cov
    act = f[f["year"].isin(years)]
    tables["activity_data"] = (act.assign(activity=act["activity"].astype(object), unit=act["unit"].astype(object),
                                          area=act["area"].astype(object))
                               .groupby(["area", "activity", "unit", "year"])["amount"].sum().reset_index())
    tables["reconcile"] = pd.DataFrame(sorted(led.reconcile().items()), columns=["key", "value"], dtype=object)
    return tables


def _flag_table(f: pd.DataFrame, wanted: tuple[str, ...]) -> pd.DataFrame:
    """Rows per flag, activity and year for flags that mark a default or an unknown (energy in MWh where known)."""
    flags = f["flags"].astype(str)
    parts = []
    for flag in wanted:
        hit = f[flags.str.split(";").apply(lambda xs, fl=flag: fl in xs)]
        if len(hit):
            g = (hit.assign(activity=hit["activity"].astype(object), mwh=hit["energy_mj"] / 3600.0)
                 .groupby(["activity", "year"]).agg(rows=("activity", "size"), mwh=("mwh", "sum")).reset_index())
            parts.append(g.assign(flag=flag))
    cols = ["flag", "activity", "year", "rows", "mwh"]
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)


def _about(r: Report) -> pd.DataFrame:
    """What the report was computed with: organisation, years, GWP, scope-2 method, versions."""
    c = r.config
    about = {"organisation": c.organisation.name, "report_year": c.report_year, "base_year": r.years[0],
             "gwp": c.gwp, "scope2_method": c.scope2_method, "radiative_forcing": c.radiative_forcing,
             "factor_version": r.ledger.factor_version, "language": c.language, "klimatbokslut": __version__,
             "configuration": str(c.path or "")}
    return pd.DataFrame(list(about.items()), columns=["key", "value"], dtype=object)   # each value as it is


def _whatif_row(v: ScenarioView, r: Report | None = None) -> dict[str, Any]:
    """One line of the what-if table: totals of the scenario's year (all years when it has none), with the
    intervals of the tonnes avoided and the cost per tonne when the report has a simulation."""
    res = v.result
    year = (v.params.get("select") or {}).get("year")
    f = {} if year is None else {"year": year}
    cpt = res.cost_per_tonne
    unc: dict[str, Any] = {}
    if r is not None and r.uncertainty is not None:
        sim = r.uncertainty
        u = res.uncertainty(draws=sim.draws, seed=sim.seed, interval=sim.interval,
                            activity_data=bool(sim.groups["basis"].ne("not drawn").all()), **f)
        unc = {k: u[k] for k in ("avoided_low_t", "avoided_high_t", "probability_avoided", "cost_per_tonne_low_sek",
                                 "cost_per_tonne_high_sek")}
    return {"scenario": v.name, "type": v.type, "year": year, **unc,
            "baseline_co2e_t": _q(res.baseline.total(**f)), "scenario_co2e_t": _q(res.scenario.total(**f)),
            "avoided_co2e_t": _q(res.avoided(**f)),
            "avoided_location_t": _q(res.avoided(method="location", **f)),
            "avoided_market_t": _q(res.avoided(method="market", **f)),
            "avoided_all_years_t": _q(res.avoided_co2e),
            "extra_cost_sek": None if res.extra_cost is None else float(res.extra_cost.to("SEK").magnitude),
            "cost_per_tonne_sek": None if cpt is None else float(cpt.magnitude),
            "notes": " | ".join(res.notes)}


def _changes(r: Report, by_area: pd.DataFrame, by_activity: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Change per area (vs base year, relative; vs previous year, t) and per activity (vs previous, t).

    Each change compares two values of one ledger summary (``Ledger.summary``); a
    missing value (no rows that year) counts as no emissions for the comparison.
    """
    years = r.years
    first, last = years[0], years[-1]
    prev = years[-2] if len(years) > 1 else None

    def wide(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        return df.pivot_table(index=keys, columns="year", values="co2e_t", aggfunc="first").reindex(
            columns=years).fillna(0.0)

    a = wide(by_area, ["area"])
    rows = pd.DataFrame({"area": a.index, "base_year": first, "year": last,
                         "change_vs_base": [relative_difference(*_pair(x, y)) if y else float("nan")
                                            for x, y in zip(a[last], a[first])],
                         "previous_year": prev,
                         "change_vs_previous_t": (a[last] - a[prev]).to_numpy() if prev is not None else float("nan")})
    act = wide(by_activity, ["area", "activity"])
    acts = act.reset_index()[["area", "activity"]]
    if prev is not None:
        acts = acts.assign(previous_year=prev, year=last, change_vs_previous_t=(act[last] - act[prev]).to_numpy())
    else:
        acts = acts.iloc[:0].assign(previous_year=None, year=None, change_vs_previous_t=None)
    return {"area_change": rows.reset_index(drop=True), "activity_change": acts.reset_index(drop=True)}


def _pair(x: float, y: float):
    q = get_registry().Quantity
    return q(float(x), "t CO2e"), q(float(y), "t CO2e")
