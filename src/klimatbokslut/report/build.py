"""Run a configuration through the library and collect what the report shows.

:func:`build_report` reads the inputs named by a :class:`~klimatbokslut.config.ReportConfig`,
computes the ledger with :func:`~klimatbokslut.calculate`, evaluates the targets, the
portfolio and the what-if scenarios, and keeps the results as plain tables
(:attr:`Report.tables`). The HTML page, the Excel workbook and the CSV files are all
written from those tables, so every format shows the same numbers. Nothing here sums
emissions: totals come from :meth:`Ledger.total <klimatbokslut.Ledger.total>` and
:meth:`Ledger.summary <klimatbokslut.Ledger.summary>`; the only derived figures are
changes between two of those totals (relative changes through
:func:`~klimatbokslut.relative_difference`).
"""

from __future__ import annotations

import dataclasses
import inspect
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from .. import normal_year
from .._version import __version__
from ..config import (
    ConfigError,
    NormalYearConfig,
    RecalculationConfig,
    ReportConfig,
    build_target,
    input_problems,
    load_config,
)
from ..csvout import plain_table as _plain
from ..engine import calculate
from ..errors import InputError, KlimatbokslutError
from ..intake.read import read_activities
from ..ledger import Ledger, neutralise_cells, write_workbook
from ..portfolio import METRICS as PORTFOLIO_METRICS
from ..portfolio import read_holdings, relative_difference, report_metrics, trend
from ..restatement import method_history, restate
from ..uncertainty import simulate
from ..units import get_registry
from ..whatif import SCENARIOS
from .html import render
from .model import ReportData, ScenarioView, TargetView
from .names import area_name, category_name
from .uncertainty import uncertainty_tables

__all__ = ["Report", "ReportData", "TargetView", "ScenarioView", "build_report"]


@dataclasses.dataclass
class Report(ReportData):
    """Everything a klimatbokslut shows, computed once; write it with :meth:`to_html`,
    :meth:`to_excel` and :meth:`to_csv`.

    The contents (``config``, ``ledger``, ``years``, ``targets``, ``portfolios``, ``benchmark``,
    ``scenarios``, ``tables``) are those of :class:`~klimatbokslut.report.model.ReportData`, which
    the HTML page renders; this class adds the writers.
    """

    # ------------------------------------------------------------------ writers
    def to_html(self, path: str | Path) -> Path:
        """Write the self-contained HTML page (inline CSS and SVG; no network needed).

        Examples
        --------
        >>> import tempfile, os, klimatbokslut as kb
        >>> r = kb.build_report(_tiny_config())
        >>> p = r.to_html(os.path.join(tempfile.mkdtemp(), "k.html"))
        >>> "<svg" in p.read_text(encoding="utf-8")
        True
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(self), encoding="utf-8")
        return path

    def to_excel(self, path: str | Path) -> Path:
        """Write the ledger and every report table to one workbook (formula-safe text cells).

        Examples
        --------
        >>> import tempfile, os, pandas as pd, klimatbokslut as kb
        >>> r = kb.build_report(_tiny_config())
        >>> p = r.to_excel(os.path.join(tempfile.mkdtemp(), "k.xlsx"))
        >>> "by_scope" in pd.ExcelFile(p).sheet_names
        True
        """
        sheets = {name: _plain(neutralise_cells(_plain(df))) for name, df in self._sheets().items()}
        return write_workbook(sheets, path)

    def to_csv(self, folder: str | Path, *, style: str | None = None) -> list[Path]:
        """Write the ledger and every report table as CSV files (formula-safe).

        ``style`` None follows the report's language: a Swedish report writes CSV for Swedish
        Excel (semicolon, decimal comma, UTF-8 with BOM, Swedish column names and labels), an
        English one the international form (comma, decimal point, UTF-8); ``"sv"`` or
        ``"international"`` chooses (:func:`klimatbokslut.csvout.write_csv`).

        Examples
        --------
        >>> import tempfile, klimatbokslut as kb
        >>> paths = kb.build_report(_tiny_config()).to_csv(tempfile.mkdtemp())
        >>> {"ledger.csv", "totals.csv", "by_area.csv"} <= {p.name for p in paths}
        True
        """
        from ..csvout import write_csv

        chosen = style or ("sv" if self.language == "sv" else "international")
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return [write_csv(df, folder / f"{name}.csv", style="sv" if chosen == "sv" else "international")
                for name, df in self._sheets().items()]

    def _sheets(self) -> dict[str, pd.DataFrame]:
        return {"ledger": self.ledger.frame, **self.tables}


def _tiny_config() -> dict:
    """A one-file configuration used by the doctests (a temporary CSV)."""
    d = tempfile.mkdtemp()
    path = os.path.join(d, "a.csv")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("aktivitet;mängd;enhet;år\nlustgas;100;kg;2023\nlustgas;90;kg;2024\nel;1000;MWh;2024\n")
    return {"organisation": {"name": "Region X"}, "report_year": 2024, "activities": path}


# ----------------------------------------------------------------------------- building
def _read(cfg: ReportConfig, factors) -> tuple[pd.DataFrame, Ledger]:
    kw = dict(factors=factors, gwp=cfg.gwp, scope2_method=cfg.scope2_method,
              radiative_forcing=cfg.radiative_forcing, price_index=cfg.price_index_map())
    frames, ledgers = [], []
    for _, path in sorted(cfg.activities.items()):
        acts = read_activities(path, on_error="collect")
        led = calculate(acts, **kw)
        if len(cfg.activities) > 1 and len(led.rejects):
            led = led.replace(rejects=led.rejects.assign(file=Path(path).name))
        frames.append(acts)
        ledgers.append(led)
    if len(ledgers) == 1:
        return frames[0].frame, ledgers[0]
    return pd.concat([f.frame for f in frames], ignore_index=True), Ledger.concat(ledgers)


def _portfolios(cfg: ReportConfig):
    if cfg.portfolio is None:
        return {}, None
    pf = cfg.portfolio
    rates = pf.rates or None
    ports = {int(y): read_holdings(p, rates=rates, year=int(y), name=pf.name or "", fund_scopes=pf.scopes)
             for y, p in sorted(pf.holdings.items())}
    bench = None
    if pf.benchmark is not None:
        bench = read_holdings(pf.benchmark, rates=rates, name=pf.benchmark_name or "", fund_scopes=pf.scopes)
    return ports, bench


def _evaluate_targets(cfg: ReportConfig, ledger: Ledger, data_years: list[int], ports: dict, bench) -> list:
    views = []
    for i, spec in enumerate(cfg.targets):
        target, uses_index = build_target(spec, i)
        source: Ledger | dict = ledger      # a below-benchmark portfolio target reads the portfolios by year
        src_name, years = "ledger", data_years
        if not target.reads_ledger and target.metric in PORTFOLIO_METRICS:
            source, src_name, years = ports, "portfolio", sorted(ports)
            if uses_index:
                target = target.with_index({bench.year: bench} if bench is not None else {})
        try:
            result = target.evaluate(source, cfg.report_year)
        except InputError as exc:
            raise ConfigError(input_problems(exc, f"targets[{i}]"),
                              source=str(cfg.path or "the configuration")) from None
        series = []
        for y in years:
            if y > cfg.report_year:
                continue
            try:
                series.append(target.evaluate(source, y))
            except (InputError, KlimatbokslutError):
                continue          # e.g. a cap that does not apply to that year
        views.append(TargetView(i, dict(spec), target, result, series, src_name))
    return views


def _run_scenarios(cfg: ReportConfig, acts: pd.DataFrame, factors) -> list:
    views = []
    for i, sc in enumerate(cfg.scenarios):
        fn = SCENARIOS[sc.type]        # the configuration checked that the name is registered
        params = dict(sc.params)
        sig = inspect.signature(fn).parameters
        if "select" in sig:
            select = dict(params.get("select") or {})
            select.setdefault("year", cfg.report_year)
            params["select"] = select
        for key, value in (("factors", factors), ("gwp", cfg.gwp), ("scope2_method", cfg.scope2_method)):
            if key in sig:
                params[key] = value
        try:
            result = fn(acts, **params)
        except (InputError, KlimatbokslutError, ValueError, TypeError) as exc:
            raise ConfigError([(f"scenarios[{i}]", str(exc).replace("\n", " "))],
                              source=str(cfg.path or "the configuration")) from None
        views.append(ScenarioView(i, sc.name, sc.type, params, result))
    return views


def build_report(config: str | Path | dict | ReportConfig, *, progress=None) -> Report:
    """Compute a klimatbokslut from a configuration (a TOML path, a dict or a :class:`ReportConfig`).

    Parameters
    ----------
    config : str, Path, dict or ReportConfig
        The configuration: the path of a TOML file (``klimatbokslut.toml``; its keys are on the
        docs page *The annual report*), the same keys as a dict, or a loaded :class:`ReportConfig`.
        Relative paths in it are read from the TOML file's folder (from the working folder for a dict).
    progress : callable, optional
        Called with a short text before each step (the command line prints it).

    Returns
    -------
    Report

    Raises
    ------
    ConfigError
        For a configuration problem, naming the TOML key.
    InputError
        For activity or holdings rows that cannot be read at all.

    Examples
    --------
    >>> import pathlib, tempfile, klimatbokslut as kb
    >>> data = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = data.write_text("aktivitet;mängd;enhet;år\\nlustgas;100;kg;2023\\nlustgas;90;kg;2024\\n", encoding="utf-8")
    >>> r = kb.build_report({"organisation": {"name": "Region X"}, "report_year": 2024, "activities": str(data)})
    >>> r.years, round(r.total(2024), 1) == round(r.ledger.total(year=2024).magnitude, 1)
    ([2023, 2024], True)
    """
    say = progress or (lambda text: None)
    cfg = config if isinstance(config, ReportConfig) else load_config(config)
    say("factors")
    factors = cfg.factor_set()
    say("activities and ledger")
    acts, ledger = _read(cfg, factors)
    if cfg.normal_year is not None:
        say("normal-year correction")
        ledger = _normal_year_corrected(cfg.normal_year, ledger)
    data_years, base = _data_years(cfg, ledger)
    years = [y for y in data_years if base <= y <= cfg.report_year]
    restated = None
    target_ledger = ledger
    if cfg.recalculation is not None:
        say("base-year recalculation")
        restated = _recalculated(cfg, cfg.recalculation, ledger, acts, factors, base)
        if cfg.recalculation.targets_against == "restated":
            target_ledger = restated.ledger
    say("portfolio")
    ports, bench = _portfolios(cfg)
    say("targets")
    targets = _evaluate_targets(cfg, target_ledger, [y for y in data_years if y <= cfg.report_year], ports, bench)
    say("what-if scenarios")
    scenarios = _run_scenarios(cfg, acts, factors)
    report = Report(cfg, ledger, acts, years, targets, ports, bench, scenarios, restatement=restated,
                    target_ledger=target_ledger)
    if cfg.uncertainty.enabled:
        say("uncertainty")
        uc = cfg.uncertainty
        report.uncertainty = simulate(ledger, draws=uc.draws, seed=uc.seed, interval=uc.interval,
                                      activity_data=uc.activity_data)
        report.target_uncertainty = report.uncertainty if target_ledger is ledger \
            else simulate(target_ledger, draws=uc.draws, seed=uc.seed, interval=uc.interval,
                          activity_data=uc.activity_data)
    say("tables")
    report.tables = _tables(report)
    return report


def _normal_year_corrected(ny: NormalYearConfig, ledger: Ledger) -> Ledger:
    """The ledger with the configuration's normal-year correction of heating."""
    normal = ny.normal_degree_days if isinstance(ny.normal_degree_days, (int, float)) \
        else {int(y): v for y, v in ny.normal_degree_days.items()}
    return normal_year.correct(ledger, degree_days={int(y): v for y, v in ny.degree_days.items()},
                               normal_degree_days=normal, weather_share=ny.weather_share, select=ny.select,
                               source=ny.source)


def _data_years(cfg: ReportConfig, ledger: Ledger) -> tuple[list[int], int]:
    """The years with ledger rows and the base year; a :class:`ConfigError` if the report or base year has none."""
    data_years = sorted(int(y) for y in pd.unique(ledger.frame["year"]))
    if cfg.report_year not in data_years:
        raise ConfigError([("report_year", f"no ledger rows in {cfg.report_year}; years with data: "
                                           f"{', '.join(map(str, data_years))}")], source=str(cfg.path or "config"))
    base = cfg.base_year if cfg.base_year is not None else data_years[0]
    if base not in data_years:
        raise ConfigError([("base_year", f"no ledger rows in {base}; years with data: "
                                         f"{', '.join(map(str, data_years))}")], source=str(cfg.path or "config"))
    return data_years, base


def _recalculated(cfg: ReportConfig, rc: RecalculationConfig, ledger: Ledger, acts, factors, base: int):
    """The base-year recalculation the configuration asks for, with its method history if any."""
    try:
        restated = restate(ledger, rc.change_objects(cfg.path.parent if cfg.path else None), base_year=base,
                           policy=rc.policy())
    except InputError as exc:
        raise ConfigError(input_problems(exc, "recalculation"), source=str(cfg.path or "config")) from None
    if rc.method_changes:
        current = {"gwp": cfg.gwp, "radiative_forcing": cfg.radiative_forcing, "scope2_method": cfg.scope2_method}
        mchanges, before = rc.method_change_objects(current)
        try:
            restated.method_history, restated.method_effects = method_history(
                acts, mchanges, base_year=base, policy=rc.policy(), factors=factors,
                price_index=cfg.price_index_map(), **{**current, **before})
        except InputError as exc:
            raise ConfigError(input_problems(exc, "recalculation.method_changes"),
                              source=str(cfg.path or "config")) from None
    return restated


# ----------------------------------------------------------------------------- tables
def _q(value) -> float:
    return float(value.magnitude)


def _tables(r: Report) -> dict[str, pd.DataFrame]:
    """Every table of the report, in the order the workbook and the CSV folder list them."""
    tables = _summary_tables(r)
    tables.update(_portfolio_tables(r))
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
        "targets": pd.DataFrame([{"target": v.index, "type": v.target.kind, "source": v.source,
                                  **v.result.to_dict()} for v in r.targets]),
        "target_series": pd.DataFrame([{"target": v.index, **s.to_dict()} for v in r.targets for s in v.series]),
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
    tables["reconcile"] = pd.DataFrame(sorted(led.reconcile().items()), columns=["key", "value"]).astype(str)
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
    return pd.DataFrame(list(about.items()), columns=["key", "value"]).astype(str)


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
