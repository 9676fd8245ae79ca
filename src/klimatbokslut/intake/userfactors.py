"""Factor files of one's own: activities, factor rows and sources in a TOML or CSV file.

A factor file lets a user add what the bundled dataset does not have: an activity of
their own (``[[activity]]``: key, Swedish and English names, aliases, scope,
GHG-Protocol category, reporting area and the unit dimension it is counted in), its
emission factors (``[[factor]]``, the columns of the bundled factor files) and the
sources of those factors (``[[source]]``). A CSV file holds one of the three tables,
recognised by its header; Swedish exports (``;``, decimal comma, UTF-8 with BOM or
Windows-1252) are read as activity files are.

:func:`apply_factor_files` registers the activities and returns a factor set with the
rows added; the command line's ``--factors FILE`` and the report configuration's
``factors_files`` use it. Every problem of every file is reported at once, naming the
row (``factor[2]`` in TOML, the line in CSV), the column, the value and the reason.

Examples
--------
>>> import os, tempfile, klimatbokslut as kb
>>> p = os.path.join(tempfile.mkdtemp(), "egna.toml")
>>> _ = open(p, "w", encoding="utf-8").write('''
... [[activity]]
... key = "doctest_gown"
... sv = "Engångsrock (doctest)"
... en = "Disposable gown (doctest)"
... scope = 3
... category = "purchased_goods_and_services"
... area = "purchases"
... unit = "st"
...
... [[factor]]
... activity = "doctest_gown"
... valid_from = 2024
... value = 0.9
... unit = "kg CO2e/piece"
... boundary = "lifecycle"
... source_id = "supplier-2024"
...
... [[source]]
... source_id = "supplier-2024"
... publisher = "The region's supplier"
... title = "Product climate declaration"
... ''')
>>> fs = apply_factor_files([p])
>>> float(kb.emissions("doctest_gown", "120 st", year=2024, factors=fs).magnitude)
108.0
>>> from klimatbokslut.catalogue import unregister_activity; unregister_activity("doctest_gown")
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..catalogue import Activity, definition_field, get_activity, register_activities, resolve_activity_name, suggest
from ..errors import InputError, NumberFormatError, UnitError
from ..factors import BOUNDARIES, FACTOR_COLUMNS, SOURCE_COLUMNS, EmissionFactor, FactorSet, default_factors
from ..units import CANONICAL_UNIT, kind_of, parse_number, parse_unit
from .files import read_csv_text

__all__ = ["UserFactors", "read_factor_file", "apply_factor_files", "register_file_activities"]

#: Header spellings of a factor table (Swedish exports) and the column each means.
_FACTOR_SYNONYMS = {
    "aktivitet": "activity", "värde": "value", "varde": "value", "faktor": "value", "enhet": "unit",
    "från": "valid_from", "fran": "valid_from", "giltig_från": "valid_from", "till": "valid_to",
    "giltig_till": "valid_to", "år": "year", "ar": "year", "year": "year", "upplaga": "edition",
    "utgåva": "edition", "källa": "source_id", "kalla": "source_id", "nät": "region", "nat": "region",
    "gräns": "boundary", "systemgräns": "boundary", "kommentar": "note", "anmärkning": "note",
    "härledd": "derived", "metod": "method",
}
_SOURCE_SYNONYMS = {"källa": "source_id", "utgivare": "publisher", "titel": "title", "upplaga": "edition",
                    "år": "year", "länk": "url", "licens": "licence", "license": "licence", "kommentar": "note"}
_GASES = ("CO2e", "CO2_biogenic", "CO2", "CH4_fossil", "CH4_nonfossil", "CH4", "N2O")
_TRUE = {"true", "1", "yes", "ja", "x", "sant"}


@dataclass
class UserFactors:
    """What one factor file holds: activity definitions, factor rows and sources, each with its row name.

    ``rows_*`` name each record as the user sees it: ``"factor[2]"`` in TOML (counted
    from 0, as TOML arrays are), the line number in a CSV file.
    """

    path: str
    activities: list[dict] = field(default_factory=list)
    factors: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    rows_activities: list[Any] = field(default_factory=list)
    rows_factors: list[Any] = field(default_factory=list)
    rows_sources: list[Any] = field(default_factory=list)


def read_factor_file(path: str | Path) -> UserFactors:
    """Read a factor file (``.toml``, or ``.csv`` holding factors, activities or sources).

    Parameters
    ----------
    path : str or Path
        The file (format: docs page *Activities of your own*).

    Returns
    -------
    UserFactors
        Its activity definitions, factor rows and sources, not yet checked against the catalogue
        (:func:`apply_factor_files` does that).

    Raises
    ------
    InputError
        The file is missing, is not valid TOML, or a CSV header is none of the three tables.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> uf = kb.read_factor_file(kb.example_data_dir("region") / "egna_faktorer.toml")
    >>> [a["key"] for a in uf.activities]
    ['disposable_gown']
    """
    p = Path(path)
    if not p.is_file():
        raise InputError([{"row": None, "column": None, "value": str(p), "reason": "file not found"}], what=str(p))
    if p.suffix.lower() == ".toml":
        return _read_toml(p)
    return _read_csv(p)


def _read_toml(p: Path) -> UserFactors:
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError([{"row": None, "column": None, "value": p.name, "reason": f"not valid TOML: {exc}"}],
                         what=str(p)) from None
    out = UserFactors(str(p))
    tables = {"activity": "activities", "activities": "activities", "factor": "factors", "factors": "factors",
              "source": "sources", "sources": "sources"}
    problems = []
    for key, value in data.items():
        target = tables.get(key)
        if target is None or not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            problems.append({"row": None, "column": key, "value": None,
                             "reason": "a factor file has the tables [[activity]], [[factor]] and [[source]]"})
            continue
        getattr(out, target).extend(dict(v) for v in value)
        getattr(out, f"rows_{target}").extend(f"{key}[{i}]" for i in range(len(value)))
    if problems:
        raise InputError(problems, what=str(p))
    return out


def _read_csv(p: Path) -> UserFactors:
    df = read_csv_text(p).frame
    cols = [str(c).strip() for c in df.columns]
    lower = {c.lower() for c in cols}
    out = UserFactors(str(p))
    records = [{str(k).strip(): v for k, v in rec.items() if str(v).strip() != ""} for rec in df.to_dict("records")]
    rows = list(df.index)
    if lower & {"value", "värde", "varde", "faktor"}:
        out.factors, out.rows_factors = records, rows
    elif {"publisher", "title"} <= lower or {"utgivare", "titel"} <= lower:
        out.sources, out.rows_sources = records, rows
    elif any(definition_field(c) in ("scope", "category") for c in cols) or "scope" in lower:
        out.activities, out.rows_activities = records, rows
    else:
        raise InputError([{"row": 1, "column": None, "value": ";".join(cols),
                           "reason": "the header is none of a factor table (activity, value, unit, valid_from ...), "
                                     "an activity table (key, sv, en, scope, category, area, unit) or a source "
                                     "table (source_id, publisher, title ...)"}], what=str(p))
    return out


# ----------------------------------------------------------------------------- applying
def register_file_activities(paths: Iterable[str | Path]) -> list[Activity]:
    """Register the activities defined in factor files (their factor rows are not read into a set).

    Used where activity names must be known before the factors are (a configuration's targets).
    """
    files = [read_factor_file(p) for p in paths]
    problems: list[dict] = []
    acts = _register(files, problems, dry_run=False)
    if problems:
        raise InputError(problems, what=_what(files))
    return acts


def apply_factor_files(paths: Iterable[str | Path], factors: FactorSet | None = None) -> FactorSet:
    """Register the activities of factor files and return ``factors`` with their factor rows and sources.

    Parameters
    ----------
    paths : iterable of str or Path
        TOML or CSV factor files, applied in order.
    factors : FactorSet, optional
        The set to extend (default: the bundled set).

    Raises
    ------
    InputError
        Every problem of every file at once: activity definitions (see
        :func:`klimatbokslut.catalogue.register_activities`), factor rows of an unknown
        activity or whose unit does not fit the activity's dimension, unreadable
        numbers and years, sources without publisher or title.

    Returns
    -------
    FactorSet
        ``factors`` with the files' factor rows and sources added.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> fs = kb.apply_factor_files([kb.example_data_dir("region") / "egna_faktorer.toml"])
    >>> float(kb.emissions("engångsrockar", "10 st", year=2024, factors=fs).to("kg CO2e").magnitude) > 0
    True
    >>> kb.unregister_activity("disposable_gown")
    """
    fs = factors if factors is not None else default_factors()
    files = [read_factor_file(p) for p in paths]
    if not files:
        return fs
    problems: list[dict] = []
    pending = {a.key: a for a in _register(files, problems, dry_run=True)}
    rows: list[dict] = []
    sources: list[dict] = []
    several = len(files) > 1
    where: dict[str, str] = {}      # factor_id -> the file and row it came from, for the set's own checks
    for uf in files:
        tag = Path(uf.path).name
        for rec, row in zip(uf.factors, uf.rows_factors):
            made = _factor_row(rec, f"{tag}:{row}" if several else row, tag, pending, problems)
            where.update({str(r["factor_id"]): f"{tag}:{row}" for r in made})
            rows += made
        for rec, row in zip(uf.sources, uf.rows_sources):
            sources += _source_row(rec, f"{tag}:{row}" if several else row, problems)
    if problems:
        raise InputError(problems, what=_what(files))
    _register(files, problems, dry_run=False)
    if not rows and not sources:
        return fs
    try:
        return fs.with_factors(rows, sources=sources or None)
    except InputError as exc:       # name the file and row (as the file's own problems are named), not an id
        raise InputError(_located(exc.failures, where), what=_what(files)) from None


def _located(failures: pd.DataFrame, where: Mapping[str, str]) -> list[dict]:
    """The factor set's problems with each factor id of a file's row replaced by ``file:row``."""
    out = []
    for rec in failures.to_dict("records"):
        rec = dict(rec)
        rec["row"] = where.get(str(rec.get("row")), rec.get("row"))
        reason = str(rec.get("reason"))
        for fid, at in where.items():
            reason = reason.replace(repr(fid), f"{fid!r} ({at})")
        rec["reason"] = reason
        out.append(rec)
    return out


def _what(files: list[UserFactors]) -> str:
    return ", ".join(Path(f.path).name for f in files) or "factor files"


def _register(files: list[UserFactors], problems: list[dict], *, dry_run: bool) -> list[Activity]:
    specs, rows = [], []
    for uf in files:
        specs += uf.activities
        rows += [f"{Path(uf.path).name}:{r}" if len(files) > 1 else r for r in uf.rows_activities]
    if not specs:
        return []
    try:
        return register_activities(specs, rows=rows, dry_run=dry_run)
    except InputError as exc:
        problems.extend(exc.failures.to_dict("records"))
    # The definitions that are good on their own, so their factor rows are checked too (not called unknown).
    good = []
    for spec, row in zip(specs, rows):
        try:
            good += register_activities([spec], rows=[row], dry_run=True)
        except InputError:
            continue
    return good


def _factor_row(rec: Mapping[str, Any], row: Any, tag: str, pending: dict[str, Activity],
                problems: list[dict]) -> list[dict]:
    """One factor record as a row for :meth:`FactorSet.with_factors`, or [] with its problems added."""
    before = len(problems)

    def bad(column: str, value: Any, reason: str) -> None:
        problems.append({"row": row, "column": column, "value": value, "reason": reason})

    out: dict[str, Any] = {}
    for k, v in rec.items():
        col = _FACTOR_SYNONYMS.get(str(k).strip().lower(), str(k).strip().lower())
        if col not in FACTOR_COLUMNS and col != "year":
            bad(str(k), v, f"unknown column of a factor row; columns: {', '.join(FACTOR_COLUMNS)}")
            continue
        out[col] = v.strip() if isinstance(v, str) else v
    if "year" in out:
        year = out.pop("year")
        out.setdefault("valid_from", year)
        out.setdefault("valid_to", year)
    act = _activity_of(out.get("activity"), pending)
    if act is None:
        text = str(out.get("activity") or "")
        hint = suggest(text) if text else []
        bad("activity", text or None, "missing activity" if not text else
            "unknown activity" + (f"; did you mean {', '.join(hint)}?" if hint else "")
            + "; define it in an [[activity]] table (or an activities CSV) of a factor file")
    else:
        out["activity"] = act.key
    for col in ("valid_from", "valid_to", "edition"):
        if col in out and out[col] not in (None, ""):
            out[col] = _year(out[col], col, bad)
    if out.get("valid_from") is None:
        bad("valid_from", None, "missing year: give valid_from (and valid_to for a period) or year")
    elif out.get("valid_to") in (None, ""):
        out["valid_to"] = out["valid_from"]
    out["value"] = _value(out.get("value"), bad)
    unit = str(out.get("unit") or "")
    out.setdefault("gas", _gas_of(unit))
    if out.get("boundary") and out["boundary"] not in BOUNDARIES:
        bad("boundary", out["boundary"], f"boundary must be one of {', '.join(BOUNDARIES)}")
    if isinstance(out.get("derived"), str):
        out["derived"] = out["derived"].lower() in _TRUE
    if act is not None:
        _check_unit(unit, act, bad)
    if len(problems) == before:
        raw = re.sub(r"[^\w]+", "", str(row).rsplit(":", 1)[-1])
        out.setdefault("factor_id", f"{act.key if act else 'x'}-{Path(tag).stem}-{raw}".replace(" ", "_"))
        try:
            EmissionFactor(**out)
        except Exception as exc:  # pydantic's ValidationError: name the field it is about
            _pydantic_problems(exc, bad)
    return [out] if len(problems) == before else []


def _activity_of(name: Any, pending: dict[str, Activity]) -> Activity | None:
    text = str(name or "").strip()
    if not text:
        return None
    if text in pending:
        return pending[text]
    key = resolve_activity_name(text)
    if key is None:
        norm = re.sub(r"[\s\-_/().,]+", "", text.lower())
        key = next((k for k, a in pending.items()
                    if norm in {re.sub(r"[\s\-_/().,]+", "", n.lower()) for n in (a.key, a.sv, a.en, *a.aliases)}),
                   None)
        return pending.get(key) if key else None
    return get_activity(key)


def _year(value: Any, column: str, bad) -> int | None:
    try:
        num = parse_number(str(value))
    except NumberFormatError:
        num = float("nan")
    if num != num or num != int(num) or not 1900 <= num <= 2200:
        bad(column, value, "a year must be a whole number, e.g. 2024")
        return None
    return int(num)


def _value(value: Any, bad) -> float | None:
    if value is None or value == "":
        bad("value", None, "missing value")
        return None
    try:
        num = float(value) if isinstance(value, (int, float)) else parse_number(str(value))
    except NumberFormatError as exc:
        bad("value", value, str(exc))
        return None
    if not num >= 0:
        bad("value", value, "a factor value must be a number >= 0")
        return None
    return num


def _gas_of(unit: str) -> str:
    """The gas a factor unit names (``kg CO2e/piece`` → ``CO2e``), else ''."""
    num = unit.partition("/")[0]
    words = re.split(r"[\s*·]+", num.strip())
    return next((g for g in _GASES if g in words), "")


def _check_unit(unit: str, act: Activity, bad) -> None:
    """The factor's unit is a mass of a gas per a unit of what the activity is measured in."""
    expected = " or ".join(f"kg CO2e/{CANONICAL_UNIT.get(k, k)}" for k in act.amount_kinds)
    if not unit:
        bad("unit", None, f"missing unit; expected e.g. {expected}")
        return
    num, slash, den = unit.partition("/")
    if not slash:
        bad("unit", unit, f"a factor unit is an amount of gas per unit of the activity; expected e.g. {expected}")
        return
    if not _gas_of(unit):
        bad("unit", unit, f"the unit names no gas (CO2e, CO2, CH4, N2O); expected e.g. {expected}")
        return
    try:
        kind = kind_of(parse_unit(den.strip()))
    except UnitError:
        kind = None
    if kind is None or kind not in act.amount_kinds:
        what = f"a unit of {kind.replace('_', ' ')}" if kind else "an unknown unit"
        bad("unit", unit, f"{den.strip()!r} is {what}, but {act.key} is measured in "
                          f"{', '.join(act.amount_kinds)}; expected e.g. {expected}")


def _pydantic_problems(exc: Exception, bad) -> None:
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        bad("factor", None, str(exc))
        return
    for err in errors():
        loc = [str(p) for p in err.get("loc", ())]
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        column = loc[0] if loc else ("unit" if "unit" in msg or "gas" in msg else "valid_from/valid_to")
        bad(column, err.get("input") if loc else None, msg)


def _source_row(rec: Mapping[str, Any], row: Any, problems: list[dict]) -> list[dict]:
    out: dict[str, Any] = {}
    for k, v in rec.items():
        col = _SOURCE_SYNONYMS.get(str(k).strip().lower(), str(k).strip().lower())
        if col not in SOURCE_COLUMNS:
            problems.append({"row": row, "column": str(k), "value": v,
                             "reason": f"unknown column of a source; columns: {', '.join(SOURCE_COLUMNS)}"})
            continue
        out[col] = "" if v is None else str(v).strip()
    missing = [c for c in ("source_id", "publisher", "title") if not out.get(c)]
    for c in missing:
        problems.append({"row": row, "column": c, "value": None,
                         "reason": f"a source needs source_id, publisher and title (missing {c})"})
    return [] if missing else [out]

