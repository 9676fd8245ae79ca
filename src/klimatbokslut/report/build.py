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

import pandas as pd

from .. import normal_year
from ..config import (
    ConfigError,
    NormalYearConfig,
    RecalculationConfig,
    ReportConfig,
    build_target,
    input_problems,
    load_config,
)
from ..engine import calculate
from ..errors import InputError, KlimatbokslutError
from ..intake.read import read_activities
from ..ledger import Ledger
from ..portfolio import METRICS as PORTFOLIO_METRICS
from ..portfolio import read_holdings
from ..restatement import method_history, restate
from ..text import N_
from ..uncertainty import simulate
from ..whatif import SCENARIOS
from .capital_view import build_capital, target_source
from .html import render
from .model import ReportData, ScenarioView, TargetView
from .plan_view import plan_section
from .sheets import _tables
from .workbook import write_report_csv, write_report_workbook

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
        """Write the ledger and every report table to one finished workbook in the report's language: a contents
        sheet first, number formats per column, frozen headers (:mod:`klimatbokslut.report.workbook`).

        Examples
        --------
        >>> import tempfile, os, pandas as pd, klimatbokslut as kb
        >>> r = kb.build_report(_tiny_config())
        >>> p = r.to_excel(os.path.join(tempfile.mkdtemp(), "k.xlsx"))
        >>> pd.ExcelFile(p).sheet_names[:3]
        ['Innehåll', 'Huvudbok', 'Totalt']
        """
        return write_report_workbook(self._sheets(), path, lang=self.language)

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
        chosen = style or ("sv" if self.language == "sv" else "international")
        return write_report_csv(self._sheets(), folder, style=chosen)

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


def _evaluate_targets(cfg: ReportConfig, ledger: Ledger, data_years: list[int], ports: dict, bench,
                      capital=None) -> list:
    views = []
    for i, spec in enumerate(cfg.targets):
        target, uses_index = build_target(spec, i)
        source: Ledger | dict = ledger      # a below-benchmark portfolio target reads the portfolios by year
        src_name, years = "ledger", data_years
        if not target.reads_ledger and target.metric in PORTFOLIO_METRICS:
            source, src_name, years = ports, "portfolio", sorted(ports)
            if uses_index:
                target = target.with_index({bench.year: bench} if bench is not None else {})
        elif not target.reads_ledger and target_source(target, capital) is not None:
            source, src_name = target_source(target, capital), "borrowing"
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


def build_report(config: str | Path | dict | ReportConfig, *, progress=None, book=None) -> Report:
    """Compute a klimatbokslut from a configuration (a TOML path, a dict or a :class:`ReportConfig`).

    Parameters
    ----------
    config : str, Path, dict or ReportConfig
        The configuration: the path of a TOML file (``klimatbokslut.toml``; its keys are on the
        docs page *The annual report*), the same keys as a dict, or a loaded :class:`ReportConfig`.
        Relative paths in it are read from the TOML file's folder (from the working folder for a dict).
    progress : callable, optional
        Called with a short text before each step (the command line prints it). The text is an
        English message id of the catalogs: ``klimatbokslut.text.tr(lang, text)`` words it.
    book : str, Path or Book, optional
        Read the years from a book (:mod:`klimatbokslut.book`): closed years as published, open years
        computed from their contributions, the book's adjustments in the recalculation.

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
    say(N_("factors"))
    factors = cfg.factor_set()
    say(N_("activities and ledger"))
    if book is not None:
        from ..book.reporting import report_inputs, with_book_adjustments
        cfg = with_book_adjustments(cfg, book)
    acts, ledger, book_years = (*_read(cfg, factors), None) if book is None else report_inputs(book, cfg, factors)
    if cfg.normal_year is not None:
        say(N_("normal-year correction"))
        ledger = _normal_year_corrected(cfg.normal_year, ledger)
    data_years, base = _data_years(cfg, ledger)
    years = [y for y in data_years if base <= y <= cfg.report_year]
    restated = None
    target_ledger = ledger
    if cfg.recalculation is not None:
        say(N_("base-year recalculation"))
        restated = _recalculated(cfg, cfg.recalculation, ledger, acts, factors, base)
        if cfg.recalculation.targets_against == "restated":
            target_ledger = restated.ledger
    say(N_("portfolio"))
    ports, bench = _portfolios(cfg)
    capital = build_capital(cfg, ports)
    say(N_("targets"))
    targets = _evaluate_targets(cfg, target_ledger, [y for y in data_years if y <= cfg.report_year], ports, bench,
                                capital)
    say(N_("what-if scenarios"))
    scenarios = _run_scenarios(cfg, acts, factors)
    report = Report(cfg, ledger, acts, years, targets, ports, bench, scenarios, restatement=restated,
                    target_ledger=target_ledger, capital=capital)
    if cfg.uncertainty.enabled:
        say(N_("uncertainty"))
        _simulated(report, cfg.uncertainty)
    say(N_("plan"))
    report.plan = plan_section(cfg, target_ledger)     # the plan's own table followed up (plan_view.py)
    say(N_("tables"))
    report.tables = _tables(report) | ({} if book_years is None else {"book_years": book_years})
    if report.plan is not None:
        report.tables["plan"] = report.plan.table
    return report


def _simulated(report: Report, uc) -> None:
    """The report's Monte Carlo: of its ledger, and of the targets' ledger when that is another (restated) one."""
    report.uncertainty = simulate(report.ledger, draws=uc.draws, seed=uc.seed, interval=uc.interval,
                                  activity_data=uc.activity_data)
    report.target_uncertainty = report.uncertainty if report.target_ledger is report.ledger \
        else simulate(report.target_ledger, draws=uc.draws, seed=uc.seed, interval=uc.interval,
                      activity_data=uc.activity_data)


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
