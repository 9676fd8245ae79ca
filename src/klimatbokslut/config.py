"""The report configuration: one TOML file that names every input of a klimatbokslut.

A configuration is read with :func:`load_config` and checked with :func:`validate`
(files exist and can be read, targets and scenarios are well formed, factor overrides
have sources) without computing any emissions. :func:`klimatbokslut.build_report` then
runs the pipeline: activities → :func:`~klimatbokslut.calculate` → targets, portfolio
and what-if → report.

A minimal file::

    report_year = 2024
    base_year = 2021
    activities = "aktiviteter.csv"          # or a table: [activities] 2023 = "a23.csv" ...

    [organisation]
    name = "Region Exempelby"

Keys (all but ``organisation.name``, ``report_year`` and ``activities`` are optional):

========================= ==================================================================
``organisation``          ``name``, ``description``, ``note``
``report_year``           the year the report is about
``base_year``             the year the summary compares with (default: first year of data)
``language``              ``"sv"`` (default) or ``"en"``
``gwp``                   ``"AR6"`` (default), ``"AR5"``, ``"AR4"``
``scope2_method``         ``"market"`` (default) or ``"location"``: the headline figure;
                          the report always shows both
``radiative_forcing``     flights with the RF uplift (default true)
``price_index``           table year → index (e.g. KPI), with ``price_index_source``
``activities``            one file, a list of files (all years), or a table year → file
``factors``, ``sources``  ``[[factors]]`` rows and ``[[sources]]`` records added with
                          :meth:`FactorSet.with_factors <klimatbokslut.FactorSet.with_factors>`
``factors_files``         factor files (TOML or CSV) with activities of one's own, their
                          factors and sources (:mod:`klimatbokslut.intake.userfactors`); applied
                          before the inline ``factors``
``portfolio``             ``holdings`` (year → file), ``benchmark`` (file), ``rates``
                          (currency → ``"11,43 SEK/EUR"``), ``name``, ``benchmark_name``
``targets``               ``[[targets]]`` tables read by :func:`klimatbokslut.targets.from_dict`;
                          a ``below_benchmark`` target may say ``benchmark = "index"`` to
                          use the portfolio benchmark
``scenarios``             ``[[scenarios]]`` with ``name``, ``type`` (a what-if function:
                          ``switch_fuel``, ``switch_contract``, ``switch_anaesthetic`` …)
                          and its parameters
``normal_year``           normal-year correction of heating energy: ``degree_days`` (year →
                          degree-days), ``normal_degree_days``, ``weather_share``, optional
                          ``select`` and ``source``; targets with ``metric = "energy_normal"``
                          use the corrected energy (:mod:`klimatbokslut.normal_year`)
``recalculation``         base-year recalculation (:mod:`klimatbokslut.restatement`):
                          ``threshold``, ``triggers``, ``restate``, ``cumulative``,
                          ``targets_against`` (``"restated"``, default, or ``"reported"``)
                          ``[[recalculation.changes]]`` (``name``, ``kind``, ``year``,
                          ``select`` / ``activities`` / ``emissions`` …) and
                          ``[[recalculation.method_changes]]`` (``name``, ``year``, ``before``)
``plan``                  the plan's indicator table as the plan writes it, values measured
                          elsewhere and how each measure is measured (:mod:`klimatbokslut.plan`)
``uncertainty``           Monte Carlo of the account (:func:`klimatbokslut.simulate`): ``draws``
                          (10 000), ``seed``, ``interval`` (0.90), ``activity_data`` (true),
                          ``enabled`` (true; false leaves the uncertainty out of the report)
========================= ==================================================================

Relative paths are read relative to the configuration file. Every error names the
TOML key it is about (``targets[2].base_year``; array indices count from 0).

Examples
--------
>>> import os, tempfile
>>> d = tempfile.mkdtemp()
>>> with open(os.path.join(d, "a.csv"), "w", encoding="utf-8") as fh:
...     _ = fh.write("aktivitet;mängd;enhet;år\\nlustgas;100;kg;2023\\nlustgas;90;kg;2024\\n")
>>> with open(os.path.join(d, "k.toml"), "w", encoding="utf-8") as fh:
...     _ = fh.write('report_year = 2024\\nactivities = "a.csv"\\n[organisation]\\nname = "Region X"\\n')
>>> cfg = load_config(os.path.join(d, "k.toml"))
>>> cfg.organisation.name, cfg.language, cfg.gwp, cfg.activities["*"].name
('Region X', 'sv', 'AR6', 'a.csv')
"""

from __future__ import annotations

import tomllib
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import pandas as pd
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError, InputError, KlimatbokslutError, input_problems
from .factors import default_factors
from .intake.read import read_activities
from .plan.settings import check_plan, plan_file_problems
from .portfolio import read_countries, read_debt, read_holdings
from .targets import from_dict, kind_class
from .units import as_quantity
from .whatif import SCENARIOS
from .whatif.registry import parameter_problems

__all__ = ["ConfigError", "Organisation", "PortfolioConfig", "ScenarioConfig", "ReportConfig", "load_config",
           "validate", "SCENARIO_TYPES", "key_of"]

#: What-if functions a ``[[scenarios]]`` entry may name (each takes the activities first): the
#: functions registered in :data:`klimatbokslut.whatif.SCENARIOS` when this module was imported
#: (the check itself reads the registry, so a function registered later is accepted too).
SCENARIO_TYPES: tuple[str, ...] = tuple(SCENARIOS)
_ALL_YEARS = "*"


def key_of(loc: tuple | list) -> str:
    """The TOML key for a location such as ``("targets", 2, "base_year")``.

    Examples
    --------
    >>> key_of(("targets", 2, "base_year")), key_of(("portfolio", "holdings", "2021"))
    ('targets[2].base_year', 'portfolio.holdings.2021')
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, arbitrary_types_allowed=True)


class Organisation(_Model):
    """Who the report is about (shown, escaped, in the report)."""

    name: str = Field(min_length=1)
    description: str = ""
    note: str = ""


def _file_path(p: Path) -> Path:
    if "\x00" in str(p):
        raise ValueError("a file path cannot contain a NUL character")
    return p


#: A file path from the configuration (resolved later against the file's folder).
FilePath = Annotated[Path, AfterValidator(_file_path)]


def _files(value: Any) -> Any:
    if isinstance(value, (str, Path)):
        return {_ALL_YEARS: value}
    if isinstance(value, list) and value:
        # Several files for all years: "*", "*1", "*2" ... (each is read and their ledgers joined).
        return {_ALL_YEARS + (str(i) if i else ""): v for i, v in enumerate(value)}
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    raise ValueError("give one file path, a list of paths or a table of year = path")


class PortfolioConfig(_Model):
    """Holdings per year and an index to compare with (see :mod:`klimatbokslut.portfolio`)."""

    holdings: dict[str, FilePath]
    benchmark: FilePath | None = None
    name: str = ""
    benchmark_name: str = ""
    rates: dict[str, str] = Field(default_factory=dict)
    rates_source: str = ""
    scopes: list[int] = Field(default_factory=lambda: [1, 2])
    #: PCAF sovereign debt: the rate for exposures [SEK/USD] (text such as "10,57 SEK/USD"), a country
    #: table of one's own (replacing the bundled rows it gives), and how many years the country,
    #: EVIC, revenue or emission figures may lag the holdings' year before they are flagged.
    sek_per_usd: str | None = None
    countries: FilePath | None = None
    max_data_gap: int = Field(default=2, ge=0)
    #: The region's own borrowing: a debt table (see klimatbokslut.portfolio.borrowing).
    debt: FilePath | None = None

    @field_validator("holdings", mode="before")
    @classmethod
    def _check_holdings(cls, v: Any) -> Any:
        return _files(v)


class NormalYearConfig(_Model):
    """Normal-year correction of heating energy (:func:`klimatbokslut.normal_year.correct`)."""

    degree_days: dict[str, float]
    normal_degree_days: float | dict[str, float]
    weather_share: float = Field(ge=0.0, le=1.0)
    select: dict[str, Any] = Field(default_factory=lambda: {"activity": ["district_heating"]})
    source: str = ""

    @field_validator("degree_days")
    @classmethod
    def _positive(cls, v: dict[str, float]) -> dict[str, float]:
        for year, dd in v.items():
            if not str(year).isdigit():
                raise ValueError(f"degree_days keys are years, not {year!r}")
            if not dd > 0:
                raise ValueError(f"degree-days must be above 0 (year {year}: {dd})")
        return v


class UncertaintyConfig(_Model):
    """Monte Carlo of the account (:func:`klimatbokslut.simulate`)."""

    enabled: bool = True
    draws: int = Field(default=10_000, ge=100, le=1_000_000)
    seed: int = Field(default=20240101, ge=0)
    interval: float = Field(default=0.90, gt=0.0, lt=1.0)
    activity_data: bool = True


class ScenarioConfig(_Model):
    """One what-if question: ``type`` names a function of :mod:`klimatbokslut.whatif`."""

    model_config = ConfigDict(extra="allow")
    name: str = Field(min_length=1)
    type: str
    note: str = ""

    @field_validator("type")
    @classmethod
    def _registered(cls, v: str) -> str:
        if v not in SCENARIOS:   # worded as pydantic words a literal choice
            names = [repr(k) for k in SCENARIOS]
            raise ValueError(f"Input should be {', '.join(names[:-1])} or {names[-1]}")
        return v

    @property
    def params(self) -> dict[str, Any]:
        """The parameters passed to the what-if function."""
        return dict(self.model_extra or {})


class RecalculationConfig(_Model):
    """Base-year recalculation (:mod:`klimatbokslut.restatement`): the policy and the changes."""

    threshold: float = 0.05
    triggers: list[str] = Field(default_factory=lambda: ["structural", "method", "factor_edition", "error"])
    restate: str = "all"
    cumulative: bool = True
    #: Targets evaluate against the restated ledger (default) or the ledger as reported.
    targets_against: str = "restated"
    changes: list[dict[str, Any]] = Field(default_factory=list)
    #: ``[[recalculation.method_changes]]``: ``name``, ``year`` (first year with the method of this
    #: configuration), ``trigger`` (method or factor_edition) and ``before``: the settings in force
    #: before it (``{ radiative_forcing = false }``, ``{ gwp = "AR5" }``).
    method_changes: list[dict[str, Any]] = Field(default_factory=list)

    @field_validator("targets_against")
    @classmethod
    def _against(cls, v: str) -> str:
        if v not in ("restated", "reported"):
            raise ValueError("targets_against is 'restated' or 'reported'")
        return v

    def policy(self):
        """The :class:`~klimatbokslut.restatement.RecalculationPolicy`; errors keyed ``recalculation.<key>``."""
        from .restatement import RecalculationPolicy

        try:
            return RecalculationPolicy(threshold=self.threshold, triggers=tuple(self.triggers), restate=self.restate,
                                       cumulative=self.cumulative)
        except InputError as exc:
            raise ConfigError(input_problems(exc, "recalculation")) from None

    def method_change_objects(self, current: Mapping[str, Any]) -> tuple[list, dict[str, Any]]:
        """The method changes as :class:`~klimatbokslut.restatement.MethodChange` objects (each moving
        to ``current``'s value of the settings it names) and the settings before the first of them."""
        from .restatement import MethodChange

        out: list[Any] = []
        before_all: dict[str, Any] = {}
        allowed = ("gwp", "radiative_forcing", "scope2_method")
        for i, spec in enumerate(sorted(self.method_changes, key=lambda d: int(d.get("year", 0) or 0),
                                        reverse=True)):
            key = f"recalculation.method_changes[{i}]"
            before = spec.get("before")
            if not isinstance(before, Mapping) or not before or any(k not in allowed for k in before):
                raise ConfigError([(f"{key}.before", f"the settings before the change, of {', '.join(allowed)}, "
                                                     "e.g. before = { radiative_forcing = false }")])
            try:
                out.append(MethodChange(str(spec.get("name", "")), spec.get("year"),  # type: ignore[arg-type]
                                        settings={k: current[k] for k in before},
                                        trigger=spec.get("trigger", "method")))
            except InputError as exc:
                raise ConfigError(input_problems(exc, key)) from None
            before_all.update(before)          # the earliest change's "before" wins (applied last)
        return sorted(out, key=lambda c: c.year), before_all

    def change_objects(self, base: Path | None = None) -> list:
        """The ``[[recalculation.changes]]`` as objects: ``kind`` divestment, acquisition, outsourcing or
        correction; an acquisition's ``activities`` is a file relative to the configuration."""
        from .restatement import Correction, StructuralChange

        out: list[Any] = []
        for i, spec in enumerate(self.changes):
            spec = dict(spec)
            key = f"recalculation.changes[{i}]"
            try:
                kind = spec.get("kind")
                if kind == "correction":
                    spec.pop("kind")
                    out.append(Correction(**spec))
                    continue
                if isinstance(spec.get("activities"), str):
                    path = Path(spec["activities"])
                    path = _resolve(base, path) if base is not None else path
                    spec["activities"] = read_activities(path)
                out.append(StructuralChange(**spec))
            except InputError as exc:
                raise ConfigError(input_problems(exc, key)) from None
            except TypeError as exc:
                raise ConfigError([(key, f"{exc}; keys: name, kind (divestment, acquisition, outsourcing, "
                                         "correction), year, select, activities, emissions, scope, category, area")]) \
                    from None
        return out


class ReportConfig(_Model):
    """A validated configuration; paths are absolute (resolved against the file's folder).

    Build it with :func:`load_config`; the attributes follow the TOML keys of the module
    documentation. ``path`` is the configuration file (None for a dict).
    """

    organisation: Organisation
    report_year: int = Field(ge=1990, le=2100)
    base_year: int | None = Field(default=None, ge=1990, le=2100)
    language: Literal["sv", "en"] = "sv"
    gwp: Literal["AR4", "AR5", "AR6"] = "AR6"
    scope2_method: Literal["market", "location"] = "market"
    radiative_forcing: bool = True
    price_index: dict[str, float] = Field(default_factory=dict)
    price_index_source: str = ""
    activities: dict[str, FilePath]
    factors: list[dict[str, Any]] = Field(default_factory=list)
    sources: list[dict[str, Any]] = Field(default_factory=list)
    factors_files: list[FilePath] = Field(default_factory=list)
    portfolio: PortfolioConfig | None = None
    targets: list[dict[str, Any]] = Field(default_factory=list)
    scenarios: list[ScenarioConfig] = Field(default_factory=list)
    normal_year: NormalYearConfig | None = None
    recalculation: RecalculationConfig | None = None
    uncertainty: UncertaintyConfig = Field(default_factory=UncertaintyConfig)
    plan: dict[str, Any] | None = None      # the plan's indicator table (klimatbokslut.plan.settings)
    path: Path | None = None

    @field_validator("activities", mode="before")
    @classmethod
    def _check_activities(cls, v: Any) -> Any:
        return _files(v)

    # ------------------------------------------------------------------ built objects
    def factor_set(self):
        """The bundled factor set with the configured factor files and overrides (``[[factors]]``, ``[[sources]]``).

        The activities the factor files define are added to the catalogue, so activity
        files and targets may name them.

        Examples
        --------
        >>> cfg = load_config({"organisation": {"name": "X"}, "report_year": 2024, "activities": "a.csv",
        ...     "factors": [{"activity": "district_heating", "region": "Växjö", "valid_from": 2024,
        ...                  "valid_to": 2024, "value": 25.0, "unit": "g CO2e/kWh", "gas": "CO2e",
        ...                  "boundary": "lifecycle", "source_id": "veab"}],
        ...     "sources": [{"source_id": "veab", "publisher": "Växjö Energi", "title": "Miljövärden"}]},
        ...     check_files=False)
        >>> cfg.factor_set().version.endswith("+user")
        True
        """
        from .intake.userfactors import apply_factor_files  # reads activities too: imported on use

        fs = default_factors()
        missing = [(f"factors_files[{i}]", f"no such file: {p}") for i, p in enumerate(self.factors_files)
                   if not Path(p).is_file()]
        if missing:
            raise ConfigError(missing, source=str(self.path or "the configuration"))
        if self.factors_files:
            fs = apply_factor_files(self.factors_files, fs)
        if self.factors:
            fs = fs.with_factors(self.factors, sources=self.sources or None)
        return fs

    def target_objects(self) -> list:
        """The ``[[targets]]`` as :mod:`klimatbokslut.targets` objects (``benchmark = "index"`` kept as text).

        Examples
        --------
        >>> cfg = load_config({"organisation": {"name": "X"}, "report_year": 2024, "activities": "a.csv",
        ...     "targets": [{"type": "cap", "name": "Lustgas", "limit": "2 000 kg", "metric": "n2o",
        ...                  "select": {"activity": "n2o"}}]}, check_files=False)
        >>> [type(t).__name__ for t in cfg.target_objects()]
        ['Cap']
        """
        return [build_target(spec, i)[0] for i, spec in enumerate(self.targets)]

    def price_index_map(self) -> dict[int, float] | None:
        """``price_index`` with integer years, or None."""
        return {int(k): float(v) for k, v in self.price_index.items()} or None


# ----------------------------------------------------------------------------- helpers
def build_target(spec: Mapping[str, Any], i: int):
    """A target from its TOML table and whether it names the benchmark index (``"index"``).

    Errors are ConfigErrors keyed ``targets[i].<param>``.
    """
    spec = dict(spec)
    cls = kind_class(spec.get("type"))
    param = cls.index_parameter if cls is not None else None
    uses_index = param is not None and spec.get(param) == "index"
    if param is not None and uses_index:
        spec[param] = 0.0          # placeholder, replaced by the benchmark portfolio at evaluation
    try:
        t = from_dict(spec)
    except InputError as exc:
        raise ConfigError(input_problems(exc, f"targets[{i}]")) from None
    except (TypeError, ValueError, KlimatbokslutError) as exc:
        raise ConfigError([(f"targets[{i}]", str(exc).replace("\n", " "))]) from None
    return t, uses_index


def _check_scenario_params(sc: ScenarioConfig, i: int) -> list[tuple[str, str]]:
    return [(f"scenarios[{i}].{name}", reason) for name, reason in parameter_problems(sc.type, sc.params)]


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError([("", f"no such file: {path}")], source=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([("", f"not valid TOML: {exc}")], source=str(path)) from None


def _resolve(base: Path, p: Path) -> Path:
    p = Path(p).expanduser()
    return p if p.is_absolute() else (base / p).resolve()


# ----------------------------------------------------------------------------- public
def load_config(source: str | Path | Mapping[str, Any], *, check_files: bool = True) -> ReportConfig:
    """Read and validate a configuration (TOML file or dict) without computing anything.

    Parameters
    ----------
    source : str, Path or mapping
        A ``.toml`` file, or the same content as a dict (paths then resolve against
        the current folder).
    check_files : bool
        Check that every named file exists (default True).

    Returns
    -------
    ReportConfig

    Raises
    ------
    ConfigError
        Listing every problem with its TOML key (``targets[2].base_year``).

    Examples
    --------
    >>> load_config({"organisation": {"name": "X"}, "report_year": 2024, "activities": "a.csv",
    ...              "gwp": "AR7", "targets": [{"type": "reduction", "name": "T", "base_year": 2022,
    ...              "target_year": 2020, "fraction": 0.25}]}, check_files=False)
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.ConfigError: 2 problems in the configuration:
      gwp: Input should be 'AR4', 'AR5' or 'AR6'
      targets[0].target_year: the target year must come after the base year 2022 (2020)
    """
    if isinstance(source, Mapping):
        data, base, where, path = dict(source), Path.cwd(), "the configuration", None
    else:
        path = Path(source).resolve()
        data, base, where = _read_toml(path), path.parent, str(source)
    problems: list[tuple[str, str]] = []
    cfg = None
    try:
        cfg = ReportConfig.model_validate({**data, "path": path})
    except ValidationError as exc:
        for err in exc.errors():
            loc = [p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))]
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown key"
            problems.append((key_of(loc), msg))
    problems.extend(_register_file_activities(data.get("factors_files"), base))
    from .config_recalculation import recalculation_problems  # on first use: restatement loads pint

    problems.extend(recalculation_problems(data.get("recalculation"), base))
    targets = data.get("targets")
    for i, spec in enumerate(targets if isinstance(targets, list) else []):  # else pydantic has named the key
        if isinstance(spec, Mapping):
            try:
                build_target(spec, i)
            except ConfigError as exc:
                problems.extend(exc.problems)
    if cfg is not None:
        problems.extend(_resolved_and_checked(cfg, base, check_files))
    if problems or cfg is None:
        raise ConfigError(problems, source=where)
    return cfg


def _resolved_and_checked(cfg: ReportConfig, base: Path, check_files: bool) -> list[tuple[str, str]]:
    """Resolve the configuration's file names against ``base`` (in place) and check what the model cannot:
    scenario parameters, year keys, the index benchmark, the base year and (optionally) that files exist."""
    problems: list[tuple[str, str]] = []
    for i, sc in enumerate(cfg.scenarios):
        problems.extend(_check_scenario_params(sc, i))
    cfg.activities = {k: _resolve(base, v) for k, v in cfg.activities.items()}
    cfg.factors_files = [_resolve(base, p) for p in cfg.factors_files]
    for k in cfg.activities:
        if not _all_years(k) and not k.isdigit():
            problems.append((f"activities.{k}", "keys of the activities table are years"))
    if cfg.portfolio is not None:
        pf = cfg.portfolio
        pf.holdings = {k: _resolve(base, v) for k, v in pf.holdings.items()}
        for k in pf.holdings:
            if not k.isdigit():
                problems.append((f"portfolio.holdings.{k}", "keys of the holdings table are years"))
        if pf.benchmark is not None:
            pf.benchmark = _resolve(base, pf.benchmark)
        pf.debt = None if pf.debt is None else _resolve(base, pf.debt)
        pf.countries = None if pf.countries is None else _resolve(base, pf.countries)
    if any(t.get("benchmark") == "index" for t in cfg.targets) and (cfg.portfolio is None
                                                                    or cfg.portfolio.benchmark is None):
        i = next(i for i, t in enumerate(cfg.targets) if t.get("benchmark") == "index")
        problems.append((f"targets[{i}].benchmark", "'index' needs portfolio.benchmark"))
    if cfg.base_year is not None and cfg.base_year > cfg.report_year:
        problems.append(("base_year", f"{cfg.base_year} is after the report year {cfg.report_year}"))
    problems.extend(check_plan(cfg.plan, base))
    if check_files:
        problems.extend(_missing_files(cfg))
    return problems


def _all_years(key: str) -> bool:
    return key.startswith(_ALL_YEARS)


def _activities_key(key: str) -> str:
    """The TOML key of an activity file: ``activities``, ``activities[1]`` (a list) or ``activities.2024``."""
    if key == _ALL_YEARS:
        return "activities"
    return f"activities[{key[1:]}]" if _all_years(key) else f"activities.{key}"


def _register_file_activities(files: Any, base: Path) -> list[tuple[str, str]]:
    """Add the activities of the configuration's factor files to the catalogue (targets may name them)."""
    from .intake.userfactors import register_file_activities

    if not isinstance(files, list):
        return []                   # pydantic names a factors_files that is not a list
    problems: list[tuple[str, str]] = []
    for i, p in enumerate(files):
        if not isinstance(p, (str, Path)) or not _resolve(base, Path(p)).is_file():
            continue                # named by the model or by _missing_files
        try:
            register_file_activities([_resolve(base, Path(p))])
        except InputError as exc:
            problems += [(f"factors_files[{i}]", _failure_text(rec)) for rec in exc.failures.to_dict("records")]
    return problems


def _failure_text(rec: Mapping[Hashable, Any]) -> str:
    where = ", ".join(x for x in (f"row {rec['row']}" if rec.get("row") is not None else "",
                                  f"column {rec['column']!r}" if rec.get("column") else "",
                                  f"value {rec['value']!r}" if rec.get("value") is not None else "") if x)
    return f"{where}: {rec.get('reason')}" if where else str(rec.get("reason"))


def _missing_files(cfg: ReportConfig) -> list[tuple[str, str]]:
    files = [(_activities_key(k), p) for k, p in cfg.activities.items()]
    files += [(f"factors_files[{i}]", p) for i, p in enumerate(cfg.factors_files)]
    if cfg.portfolio is not None:
        files += [(f"portfolio.holdings.{k}", p) for k, p in cfg.portfolio.holdings.items()]
        if cfg.portfolio.benchmark is not None:
            files.append(("portfolio.benchmark", cfg.portfolio.benchmark))
        files += [(f"portfolio.{k}", p) for k, p in (("debt", cfg.portfolio.debt),
                                                       ("countries", cfg.portfolio.countries)) if p is not None]
    plan = cfg.plan or {}
    files += [(f"plan.{k}", plan[k]) for k in ("table", "given") if isinstance(plan.get(k), str)]
    return [(key, f"no such file: {p}") for key, p in files if not Path(p).is_file()]


def _as_config(config) -> ReportConfig:
    return config if isinstance(config, ReportConfig) else load_config(config)


def validate(config: str | Path | Mapping[str, Any] | ReportConfig) -> pd.DataFrame:
    """Check every input of a configuration without computing emissions.

    Reads the activity files (every bad row), the holdings and benchmark files, builds
    the factor set with the overrides, the targets and the scenarios, and checks that
    each target's base year and the report year have activity rows.

    Returns
    -------
    pandas.DataFrame
        ``key, row, column, value, reason``: one line per problem (empty when all is well).

    Raises
    ------
    ConfigError
        When the configuration itself cannot be read (see :func:`load_config`).

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with open(os.path.join(d, "a.csv"), "w", encoding="utf-8") as fh:
    ...     _ = fh.write("aktivitet;mängd;enhet;år\\nlustgas;100;kg;2024\\nel;5;l;2024\\n")
    >>> p = validate({"organisation": {"name": "X"}, "report_year": 2024, "activities": os.path.join(d, "a.csv")})
    >>> p[["key", "row", "column"]].to_dict("records")
    [{'key': 'activities', 'row': 3, 'column': 'unit'}]
    """
    cfg = _as_config(config)
    problems: list[dict[str, Any]] = []

    def add(key, reason, row=None, column=None, value=None):
        problems.append(_problem(key, reason, row, column, value))

    try:   # first: the factor files define activities the activity files may name
        cfg.factor_set()
    except ConfigError as exc:
        for key, msg in exc.problems:
            add(key, msg)
    except InputError as exc:
        for rec in exc.failures.to_dict("records"):
            add("factors_files" if cfg.factors_files else "factors", rec.get("reason"), rec.get("row"),
                rec.get("column"), rec.get("value"))
    years: set[int] = set()
    for k, path in cfg.activities.items():
        key = _activities_key(k)
        try:
            acts = read_activities(path, on_error="collect")
        except (InputError, OSError, ValueError) as exc:
            add(key, str(exc).splitlines()[0])
            continue
        for r in acts.rejects.to_dict("records"):
            add(key, r.get("reason"), r.get("row"), r.get("column"), r.get("value"))
        ys = set(pd.to_numeric(acts.frame["year"], errors="coerce").dropna().astype(int)) if len(acts) else set()
        if not _all_years(k) and ys - {int(k)}:
            add(key, f"the file for {k} has rows of other years: {', '.join(map(str, sorted(ys - {int(k)})))}")
        years |= ys
    if cfg.portfolio is not None:
        problems.extend(_holdings_problems(cfg.portfolio))
    problems.extend(plan_file_problems(cfg.plan))
    if years:
        if cfg.report_year not in years:
            add("report_year", f"no activity rows in {cfg.report_year}; years: {', '.join(map(str, sorted(years)))}")
        if cfg.base_year is not None and cfg.base_year not in years:
            add("base_year", f"no activity rows in {cfg.base_year}; years: {', '.join(map(str, sorted(years)))}")
        for i, spec in enumerate(cfg.targets):
            b = spec.get("base_year")
            cls = kind_class(spec.get("type"))
            if isinstance(b, int) and (cls is None or cls.ledger_base_year) and b not in years:
                add(f"targets[{i}].base_year", f"no activity rows in {b}; years: {', '.join(map(str, sorted(years)))}")
    return pd.DataFrame(problems, columns=["key", "row", "column", "value", "reason"], dtype=object)


def _holdings_problems(pf: PortfolioConfig) -> list[dict[str, Any]]:
    """:func:`validate`'s problems with the portfolio's holdings and benchmark files."""
    problems: list[dict[str, Any]] = []
    files: list[tuple[str, Path, int | None]] = [(f"portfolio.holdings.{k}", p, int(k))
                                                 for k, p in pf.holdings.items()]
    if pf.benchmark is not None:
        files.append(("portfolio.benchmark", pf.benchmark, None))
    for key, path, year in files:
        problems += _reading_problems(key, lambda p=path, y=year: read_holdings(p, rates=pf.rates or None, year=y))
    problems += _capital_problems(pf)
    return problems


def _reading_problems(key: str, read: Any) -> list[dict[str, Any]]:
    """The problems of one reading under ``key``: every failure of an :class:`InputError`, else the error's line."""
    try:
        read()
    except (InputError, OSError, ValueError) as exc:
        failures = getattr(exc, "failures", None)
        if failures is not None and len(failures):
            return [_problem(key, r.get("reason"), r.get("row"), r.get("column"), r.get("value"))
                    for r in failures.to_dict("records")]
        return [_problem(key, str(exc).splitlines()[0])]
    return []


def _capital_problems(pf: PortfolioConfig) -> list[dict[str, Any]]:
    """:func:`validate`'s problems with the debt table, the country table and the rate for sovereigns."""
    checks: list[tuple[str, Any]] = []
    if pf.debt is not None:
        checks.append(("portfolio.debt", lambda: read_debt(pf.debt, rates=pf.rates or None)))
    if pf.countries is not None:
        checks.append(("portfolio.countries", lambda: read_countries(pf.countries)))
    if pf.sek_per_usd is not None:
        checks.append(("portfolio.sek_per_usd", lambda: as_quantity(pf.sek_per_usd, "SEK/USD",
                                                                    column="sek_per_usd").to("SEK/USD")))
    return [p for key, check in checks for p in _reading_problems(key, check)]


def _problem(key: str, reason: Any, row: Any = None, column: Any = None, value: Any = None) -> dict[str, Any]:
    """One row of :func:`validate`'s table."""
    return {"key": key, "row": row, "column": column, "value": value, "reason": reason}
