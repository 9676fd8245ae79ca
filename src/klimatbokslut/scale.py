"""Scale-out on Dask: :func:`klimatbokslut.calculate` for a ``dask.dataframe.DataFrame``.

Each partition goes through the same pandas engine (:func:`klimatbokslut.engine.calculate`)
on the worker that holds it, so one partition at a time is in a worker's memory and the
results are those of the pandas path. Totals, summaries, counts and rejects calculate and
reduce each partition in one task, so no partition's ledger is held between tasks. The
ledger is lazy: :attr:`DaskLedger.frame` is a Dask DataFrame, and :meth:`DaskLedger.total`,
:meth:`DaskLedger.summary`, :attr:`DaskLedger.rejects` and :meth:`DaskLedger.reconcile`
compute through Dask (each is one pass over the partitions, on the active scheduler: a
``distributed.Client`` if one exists, else Dask's default). Sums are per-partition sums added
together, so they equal the pandas totals up to the rounding of adding floats in a different order.

Rows are numbered within their partition (the partition's index, as for a DataFrame given to
the pandas path); the ledger and the rejects carry a ``partition`` column, and a row is
identified by ``(partition, row)``.

With ``on_error="raise"`` nothing is checked until the ledger is computed: the first
computation that meets a bad row raises :class:`klimatbokslut.InputError` (naming the rows of
that partition). Use ``on_error="collect"`` to gather every bad row in ``ledger.rejects``.

Dask is an optional dependency: ``pip install "klimatbokslut[dask]"``. When it is installed,
importing this module registers Dask DataFrames as a backend of :func:`klimatbokslut.calculate`
(:func:`klimatbokslut.engine.register_backend`); Dask itself is imported only when a Dask
DataFrame is calculated.

Examples
--------
>>> import pandas as pd, dask, dask.dataframe as dd, klimatbokslut as kb
>>> acts = pd.DataFrame({"activity": ["diesel", "el", "kol", "n2o"] * 2, "amount": [1000.0, 50.0, 1.0, 2.0] * 2,
...                      "unit": ["l", "MWh", "kg", "kg"] * 2, "year": [2024] * 8})
>>> with dask.config.set(scheduler="synchronous"):
...     led = kb.calculate(dd.from_pandas(acts, npartitions=2), on_error="collect")
...     print(led.total(), led.reconcile()["balanced"], len(led.rejects))
59.84425955... t CO2e True 2
>>> round(kb.calculate(acts, on_error="collect").total().magnitude, 9) == round(led.total().magnitude, 9)
True
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from importlib.util import find_spec
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from .engine import calculate, register_backend
from .errors import FAILURE_COLUMNS
from .factors import FactorSet, default_factors
from .ledger import PART_DIMS, Ledger, SummarySource, accounting, needs_memory, provenance, summaries
from .units import get_registry

__all__ = ["DaskLedger", "calculate_dask"]


def _dask():
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError('calculating a Dask DataFrame needs Dask: pip install "klimatbokslut[dask]"') from exc
    return dask, dd


def _calc_partition(part: pd.DataFrame, number: int, factors, settings: dict) -> Ledger:
    """The pandas engine on one partition; ``factors=None`` means the bundled set (loaded on the worker)."""
    led = calculate(part, factors=factors or default_factors(), **settings)
    rej = led.rejects.copy()
    rej.insert(0, "partition", np.int32(number))
    unvalued = led.unvalued_failures.copy()
    unvalued.insert(0, "partition", np.int32(number))
    return led.replace(frame=led.frame.assign(partition=np.int32(number)), rejects=rej, unvalued_failures=unvalued)


def _calc_then(fn, part: pd.DataFrame, number: int, factors, settings: dict, *args):
    """Calculate one partition and reduce it in the same task, so no ledger partition is kept
    as an intermediate result between tasks: a worker holds one partition's ledger at a time."""
    return fn(_calc_partition(part, number, factors, settings), *args)


# The reductions of one partition. Each gets a partition's pandas Ledger, a SummarySource (and the
# other protocols of klimatbokslut.ledger.protocol), and answers with the functions the pandas
# Ledger's methods use; the DaskLedger adds the answers of the partitions up.
def _frame(led: Ledger) -> pd.DataFrame:
    return led.frame


def _rejects(led: Ledger) -> pd.DataFrame:
    return led.rejects


def _unvalued(led: Ledger) -> pd.DataFrame:
    return led.unvalued_failures


def _counts(led: Ledger) -> tuple[int, int, int, int, int]:
    return (len(led.frame), accounting.rejected_rows(led.rejects), int(led.input_rows), int(led.blank_rows),
            accounting.unvalued_rows(led.frame))


def _summary_t(led: SummarySource, by: list[str], method, filters: dict) -> pd.DataFrame:
    return summaries.summary(led, by, method=method, **filters)


def _total_t(led: SummarySource, method, filters: dict) -> float:
    return float(summaries.total(led, method=method, **filters).magnitude)


def _memo_t(led: SummarySource, by: list[str]) -> pd.DataFrame:
    return summaries.memo(led, by)


def _combos(led: SummarySource) -> pd.DataFrame:
    return provenance.factor_combos(led.frame)


class DaskLedger:
    """A ledger whose frame is a lazy Dask DataFrame, one ledger partition per input partition.

    Made by :func:`klimatbokslut.calculate` for a Dask DataFrame. It is not a pandas ledger
    underneath: each partition is one (a :class:`~klimatbokslut.ledger.protocol.SummarySource`),
    and the summaries are those functions of every partition, added up. It answers the
    :class:`~klimatbokslut.Ledger` methods as follows (``isinstance(led, kb.Ledger)`` holds):

    * computed through Dask, the same as the pandas ledger of the same rows: ``total``,
      ``summary``, ``memo``, ``reconcile``, ``rejected_rows``, ``unvalued_rows``,
      ``problems``, ``factors_used``, ``about``, ``len()``, and the settings (``gwp``,
      ``scope2_method``, ``factors``, ``factor_version``, ``radiative_forcing``, ``inputs``,
      ``input_rows``, ``blank_rows``); ``rejects``, ``unvalued_failures`` and ``problems``
      carry a ``partition`` column;
    * ``frame`` is the lazy Dask DataFrame of the rows (plus ``partition``);
    * ``from_records``, ``from_parquet`` and ``concat`` are the pandas ledger's (``concat``
      refuses a lazy ledger);
    * the methods that need every row in one table (``parts``, ``left_out``, ``replace``,
      ``to_excel``, ``to_csv``, ``to_parquet``) raise :class:`~klimatbokslut.InputError`
      saying to call :meth:`compute` first, which returns the ordinary in-memory
      :class:`~klimatbokslut.Ledger` (for exports and reports of a size that fits in memory).

    Attributes
    ----------
    frame : dask.dataframe.DataFrame
        The ledger rows, lazily; same columns as the pandas ledger plus ``partition``.
    partitions : list of dask.delayed.Delayed
        One delayed pandas :class:`~klimatbokslut.Ledger` per input partition.
    """

    #: Constructors of in-memory ledgers: those of the pandas ledger.
    from_records = Ledger.from_records
    from_parquet = Ledger.from_parquet
    concat = Ledger.concat

    def __init__(self, partitions: list, *, meta: pd.DataFrame, gwp: str, scope2_method: str, factors,
                 input_partitions: list | None = None, shipped=None, settings: dict | None = None):
        _, dd = _dask()
        from dask import delayed  # optional dependency, imported when a Dask frame is calculated

        self.partitions = partitions
        self._inputs, self._shipped, self._settings = input_partitions, shipped, settings
        self.frame = dd.from_delayed([delayed(_frame)(p) for p in partitions], meta=meta, verify_meta=False)
        self.gwp = gwp
        self.scope2_method = scope2_method
        self.factors = factors
        #: Flights with (True) or without (False) the radiative-forcing uplift.
        self.radiative_forcing = bool((settings or {}).get("radiative_forcing", True))
        #: Input files behind the ledger: none (a Dask DataFrame is not read from one file).
        self.inputs: dict[str, str] = {}
        #: A Dask ledger's energy is as measured: the normal-year correction works on a computed ledger.
        self.normal_year = None
        self._rejects: pd.DataFrame | None = None
        self._unvalued_failures: pd.DataFrame | None = None
        self._counts: tuple[int, int, int, int, int] | None = None

    def __repr__(self) -> str:
        return (f"<DaskLedger {len(self.partitions)} partitions (lazy), gwp={self.gwp}, "
                f"scope 2 {self.scope2_method}-based>")

    def __len__(self) -> int:
        return self._count()[0]

    @property
    def factor_version(self) -> str:
        """Version of the factor set used."""
        return getattr(self.factors, "version", "") or ""

    # ------------------------------------------------------------------ computed through Dask
    def _compute(self, tasks: list) -> list:
        dask, _ = _dask()
        return list(dask.compute(*tasks))

    def _reduce(self, fn, *args) -> list:
        """``fn(ledger_partition, *args)`` for every partition, computed; each a single fused task
        (calculate and reduce) when the input partitions are known."""
        from dask import delayed  # optional dependency, imported when a Dask frame is calculated

        if self._inputs is None:
            return self._compute([delayed(fn)(p, *args) for p in self.partitions])
        return self._compute([delayed(_calc_then)(fn, part, i, self._shipped, self._settings, *args)
                              for i, part in enumerate(self._inputs)])

    def _count(self) -> tuple[int, int, int, int, int]:
        if self._counts is None:
            parts = self._reduce(_counts)
            rows, rejected, inputs, blank, unvalued = (int(sum(c[i] for c in parts)) for i in range(5))
            self._counts = (rows, rejected, inputs, blank, unvalued)
        return self._counts

    @property
    def rejects(self) -> pd.DataFrame:
        """Rows that could not be used, with ``partition``, ``row``, ``column``, ``value``, ``reason`` (computed)."""
        if self._rejects is None:
            self._rejects = _gather(self._reduce(_rejects))
        return self._rejects

    @property
    def unvalued_failures(self) -> pd.DataFrame:
        """The rows kept without CO2e, as failures, with ``partition`` (computed)."""
        if self._unvalued_failures is None:
            self._unvalued_failures = _gather(self._reduce(_unvalued))
        return self._unvalued_failures

    @property
    def input_rows(self) -> int:
        """Rows read from the input partitions (computed)."""
        return self._count()[2]

    @property
    def blank_rows(self) -> int:
        """Blank input rows skipped (computed)."""
        return self._count()[3]

    def rejected_rows(self) -> int:
        """Number of distinct input rows (``partition``, ``row``) in the rejects (computed)."""
        return self._count()[1]

    def unvalued_rows(self) -> int:
        """Number of ledger rows without CO2e (computed)."""
        return self._count()[4]

    def problems(self) -> pd.DataFrame:
        """The rejects and the rows kept without an emission factor, sorted by row (see :meth:`Ledger.problems`)."""
        return accounting.problems(self.rejects, self.unvalued_failures)

    def reconcile(self) -> dict[str, int]:
        """``input_rows == ledger_rows + rejected_rows``, counted per partition in one pass.

        Examples
        --------
        >>> import pandas as pd, dask, dask.dataframe as dd, klimatbokslut as kb
        >>> acts = pd.DataFrame({"activity": ["el", "kol"], "amount": [1, 1], "unit": ["kWh", "kg"],
        ...                      "year": [2024, 2024]})
        >>> with dask.config.set(scheduler="synchronous"):
        ...     kb.calculate(dd.from_pandas(acts, npartitions=2), on_error="collect").reconcile()
        {'input_rows': 2, 'ledger_rows': 1, 'rejected_rows': 1, 'balanced': True}
        """
        ledger_rows, rejected, inputs, _, unvalued = self._count()
        out = {"input_rows": inputs, "ledger_rows": ledger_rows, "rejected_rows": rejected,
               "balanced": bool(inputs == ledger_rows + rejected)}
        if unvalued:
            out["unvalued_rows"] = unvalued
        return out

    def total(self, *, method: str | None = None, **filters):
        """Total in t CO2e: the sum of per-partition totals (see :meth:`Ledger.total`).

        Examples
        --------
        >>> import pandas as pd, dask, dask.dataframe as dd, klimatbokslut as kb
        >>> acts = pd.DataFrame({"activity": ["n2o"] * 4, "amount": [1.0, 2.0, 3.0, 4.0], "unit": ["kg"] * 4,
        ...                      "year": [2023, 2023, 2024, 2024]})
        >>> with dask.config.set(scheduler="synchronous"):
        ...     kb.calculate(dd.from_pandas(acts, npartitions=2), gwp="AR5").total(year=2024)
        <Quantity(1.855, 'metric_ton * CO2e')>
        """
        parts = self._reduce(_total_t, method, filters)
        return get_registry().Quantity(float(np.sum(parts)), "t CO2e")

    def summary(self, by: str | Iterable[str] = ("year", "scope"), *, method: str | None = None,
                **filters) -> pd.DataFrame:
        """Emissions grouped by columns in t CO2e: per-partition summaries, added (see :meth:`Ledger.summary`).

        Examples
        --------
        >>> import pandas as pd, dask, dask.dataframe as dd, klimatbokslut as kb
        >>> acts = pd.DataFrame({"activity": ["n2o"] * 4, "amount": [1.0, 2.0, 3.0, 4.0], "unit": ["kg"] * 4,
        ...                      "year": [2023, 2023, 2024, 2024]})
        >>> with dask.config.set(scheduler="synchronous"):
        ...     kb.calculate(dd.from_pandas(acts, npartitions=2), gwp="AR5").summary(by="year")
           year  co2e_t
        0  2023   0.795
        1  2024   1.855
        """
        by = [by] if isinstance(by, str) else list(by)
        parts = self._reduce(_summary_t, by, method, filters)
        return _combine(parts, by, "co2e_t")

    def memo(self, by: str | Iterable[str] = ("year",)) -> pd.DataFrame:
        """Biogenic CO2 (memo item) in t, grouped: per-partition memos, added."""
        by = [by] if isinstance(by, str) else list(by)
        parts = self._reduce(_memo_t, by)
        return _combine(parts, by, "co2_biogenic_t")

    def factors_used(self) -> pd.DataFrame:
        """Every factor row the ledger used (see :meth:`Ledger.factors_used`): the factor combinations of
        every partition, read together."""
        combos = [c for c in self._reduce(_combos) if len(c)]
        table = (pd.concat(combos, ignore_index=True) if combos
                 else pd.DataFrame(columns=["factor_ids", "year", "flags"]))
        return provenance.factors_table(table, self.factors)

    def about(self) -> pd.DataFrame:
        """Settings, factor-set version and input files, as a key/value table (see :meth:`Ledger.about`)."""
        return provenance.about(self)

    # ------------------------------------------------------------------ only in memory
    def parts(self, method: str | None = None, dims: Iterable[str] = PART_DIMS) -> pd.DataFrame:
        """Not lazily: raises :class:`~klimatbokslut.InputError` (call :meth:`compute` first)."""
        raise needs_memory("parts", "a line per row and part, in the order of the whole ledger")

    def left_out(self, **filters):
        """Not lazily: raises :class:`~klimatbokslut.InputError` (call :meth:`compute` first)."""
        raise needs_memory("left_out", "what the rejected rows held is listed in the order of the whole input")

    def replace(self, **changes):
        """Not lazily: raises :class:`~klimatbokslut.InputError` (call :meth:`compute` first)."""
        raise needs_memory("replace", "a variant is a ledger in memory")

    def to_excel(self, path) -> Path:
        """Not lazily: raises :class:`~klimatbokslut.InputError` (call :meth:`compute` first)."""
        raise needs_memory("to_excel", "the workbook holds every row")

    def to_csv(self, path, *, style: str = "international") -> Path:
        """Not lazily: raises :class:`~klimatbokslut.InputError` (call :meth:`compute` first)."""
        raise needs_memory("to_csv", "one file of every row")

    def to_parquet(self, path) -> Path:
        """Not lazily: raises :class:`~klimatbokslut.InputError` (call :meth:`compute` first)."""
        raise needs_memory("to_parquet", "one file of every row")

    def compute(self) -> Ledger:
        """The whole ledger in memory, as an ordinary :class:`~klimatbokslut.Ledger` (frame and rejects).

        Only for ledgers that fit in one process; summaries do not need it.
        """
        dask, _ = _dask()
        leds = list(dask.compute(*self.partitions))
        if not leds:
            return Ledger(self.frame._meta.copy(), gwp=self.gwp, scope2_method=self.scope2_method,
                          factors=self.factors, radiative_forcing=self.radiative_forcing)
        return Ledger.concat(leds).replace(factors=self.factors)


Ledger.register(DaskLedger)


def _gather(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Per-partition failure tables as one (with their ``partition`` column)."""
    kept = [r for r in parts if len(r)]
    return pd.concat(kept, ignore_index=True) if kept else pd.DataFrame(columns=["partition", *FAILURE_COLUMNS])


def _combine(parts: list[pd.DataFrame], by: list[str], value: str) -> pd.DataFrame:
    """Add per-partition summaries: a group-by on the (small) concatenation."""
    parts = [p for p in parts if len(p)] or parts[:1]
    table = pd.concat(parts, ignore_index=True)
    return table.groupby(by, sort=True, dropna=False)[value].sum().reset_index()


def calculate_dask(ddf, factors: FactorSet | None = None, gwp: str = "AR6", on_error: str = "raise",
                   scope2_method: str = "market", *, radiative_forcing: bool = True,
                   price_index=None) -> DaskLedger:
    """Calculate a Dask DataFrame of activities, partition by partition; returns a lazy :class:`DaskLedger`.

    Normally reached through :func:`klimatbokslut.calculate`, which checks the arguments.
    Parameters are those of :func:`klimatbokslut.calculate`. Spend rows are replaced by
    activity-based rows for the same goods and year only within a partition: partition by
    year (or keep such rows together) if you rely on that.

    Examples
    --------
    >>> import pandas as pd, dask, dask.dataframe as dd
    >>> acts = dd.from_pandas(pd.DataFrame({"activity": ["diesel"] * 4, "amount": [250.0] * 4,
    ...                                     "unit": ["l"] * 4, "year": [2024] * 4}), npartitions=2)
    >>> led = calculate_dask(acts)
    >>> led
    <DaskLedger 2 partitions (lazy), gwp=AR6, scope 2 market-based>
    >>> with dask.config.set(scheduler="synchronous"):
    ...     print(len(led), led.summary(by="scope").round(3).to_dict("list"))
    4 {'scope': [1, 3], 'co2e_t': [2.442, 0.729]}
    """
    _dask()
    from dask import delayed  # optional dependency, imported when a Dask frame is calculated
    from dask.dataframe.utils import clear_known_categories

    given = factors
    factors = factors or default_factors()
    # The bundled set is loaded on each worker rather than shipped; a user's set is shipped once.
    shipped = None if given is None or given is default_factors() else delayed(given, pure=True)
    settings = {"gwp": gwp, "on_error": on_error, "scope2_method": scope2_method,
                "radiative_forcing": radiative_forcing, "price_index": price_index}
    empty = ddf._meta.copy()
    meta_led = calculate(empty, factors=factors, **{**settings, "on_error": "collect"})
    meta = meta_led.frame.copy()
    meta["partition"] = np.int32(0)
    categorical = [c for c in meta.columns if isinstance(meta[c].dtype, pd.CategoricalDtype)]
    meta = clear_known_categories(meta, cols=categorical)
    inputs = ddf.to_delayed()
    parts = [delayed(_calc_partition)(p, i, shipped, settings) for i, p in enumerate(inputs)]
    return DaskLedger(parts, meta=meta, gwp=gwp, scope2_method=scope2_method, factors=factors,
                      input_partitions=inputs, shipped=shipped, settings=settings)


def _is_dask_frame(table: object) -> bool:
    """Whether ``table`` is a Dask DataFrame; Dask is not imported here (without it loaded no Dask frame exists)."""
    dd = sys.modules.get("dask.dataframe")
    return dd is not None and isinstance(table, dd.DataFrame)


if find_spec("dask") is not None:
    # A DaskLedger is a Ledger by registration (Ledger.register above), not by inheritance.
    register_backend(_is_dask_frame, cast("Callable[..., Ledger]", calculate_dask))
