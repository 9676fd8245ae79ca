"""Every bundled figure is pinned to a published figure typed from its source.

``tests/data/published_figures.csv`` has one line per bundled number: each factor row
(key = ``factor_id``), each numeric cell of ``fuel_properties.csv`` (key
``property:<activity>:<column>``) and each numeric cell of ``energy_shares.csv`` (key
``share:<activity>:<region>:<year>:<column>``). Its ``expected`` column is an arithmetic
expression of numbers read in the cited source (``524.10``, or
``2.66 / (9950 * 3.6 / 1000) * 1000`` for a derived value), never a copy of the built file.

``tools/mutation_check.py`` reuses :func:`mismatches` to show that changing any one bundled
value is caught.
"""

from __future__ import annotations

import ast
import csv
import functools
import math
import operator
from pathlib import Path
from typing import Any

import klimatbokslut as kb
from klimatbokslut import FactorSet
from klimatbokslut.portfolio.countries import CountryTable, default_countries

FIXTURE = Path(__file__).resolve().parent / "data" / "published_figures.csv"
FIXTURE_COLUMNS = ["factor_id", "expected", "unit", "source_id", "how"]
#: The build rounds to 6 significant digits; 1e-4 relative leaves room for that and nothing more.
REL_TOL = 1e-4
ABS_TOL = 1e-12
PROPERTY_COLUMNS = ["lhv_mj_per_l", "density_kg_per_l", "lhv_mj_per_kg", "lhv_mj_per_nm3", "density_kg_per_nm3",
                    "kwh_per_km", "renewable_share"]
SHARE_COLUMNS = ["renewable_share", "fossil_free_share", "recovered_share", "fossil_share"]
#: Published figures of the bundled country table (key ``country:<code>:<year>:<column>``); the
#: data-quality score is a judgement, not a published figure, and is not pinned.
COUNTRY_COLUMNS = ["ghg_excl_lulucf_mt", "ghg_incl_lulucf_mt", "gdp_ppp_bn_intl_usd", "population", "scope2_mt",
                   "scope3_mt"]
#: Fixture source ids of the country table (its rows name publisher, document and url themselves).
COUNTRY_SOURCE_IDS = {"owid_co2_data"}

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


@functools.cache
def evaluate(expression: str) -> float:
    """Value of an arithmetic expression of numbers and ``+ - * / ( )`` only.

    Examples
    --------
    >>> round(evaluate("2.66 / (9950 * 3.6 / 1000) * 1000"), 4)
    74.2602
    """
    def ev(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = ev(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        raise ValueError(f"not allowed in an expected figure: {ast.dump(node)} in {expression!r} "
                         "(numbers, + - * / and parentheses only)")

    return ev(ast.parse(expression.strip(), mode="eval"))


def load_fixture(path: Path = FIXTURE) -> list[dict[str, str]]:
    """The fixture lines (comment lines starting with ``#`` are skipped)."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    x = float(value)
    return None if math.isnan(x) else x


def country_values(countries: CountryTable | None = None) -> dict[str, float]:
    """Every published number of the country table by fixture key ``country:<code>:<year>:<column>``."""
    countries = default_countries() if countries is None else countries
    values: dict[str, float] = {}
    for rec in countries.frame.to_dict("records"):
        for col in COUNTRY_COLUMNS:
            x = _number(rec.get(col))
            if x is not None:
                values[f"country:{rec['country']}:{int(rec['year'])}:{col}"] = x
    return values


def bundled_values(factors: FactorSet, countries: CountryTable | None = None) -> dict[str, float]:
    """Every bundled number of a factor set (factor, property cell, share cell) and of the country table."""
    values: dict[str, float] = country_values(countries)
    for rec in factors.factors.to_dict("records"):
        values[str(rec["factor_id"])] = float(rec["value"])
    for rec in factors.properties.to_dict("records"):
        for col in PROPERTY_COLUMNS:
            x = _number(rec.get(col))
            if x is not None:
                values[f"property:{rec['activity']}:{col}"] = x
    for rec in factors.shares.to_dict("records"):
        for col in SHARE_COLUMNS:
            x = _number(rec.get(col))
            if x is not None:
                values[f"share:{rec['activity']}:{rec['region']}:{int(rec['year'])}:{col}"] = x
    return values


def _close(actual: float, expected: float) -> bool:
    return math.isclose(actual, expected, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def mismatches(factors: FactorSet, fixture: list[dict[str, str]] | None = None,
               countries: CountryTable | None = None) -> list[str]:
    """Fixture lines whose bundled value differs from the published figure, one message each.

    A line whose key is not in the factor set is not reported here (see :func:`coverage`).
    """
    fixture = load_fixture() if fixture is None else fixture
    values = bundled_values(factors, countries)
    out = []
    for line in fixture:
        key = line["factor_id"]
        if key not in values:
            continue
        expected = evaluate(line["expected"])
        if not _close(values[key], expected):
            out.append(f"{key}: bundled {values[key]!r} {line['unit']}, published {expected:.6g} "
                       f"(= {line['expected']}; {line['how']}; source {line['source_id']})")
    return out


def coverage(factors: FactorSet, fixture: list[dict[str, str]] | None = None) -> tuple[list[str], list[str]]:
    """Bundled keys with no fixture line, and fixture keys that name no bundled value."""
    fixture = load_fixture() if fixture is None else fixture
    values = bundled_values(factors)
    keys = [line["factor_id"] for line in fixture]
    return sorted(set(values) - set(keys)), sorted(set(keys) - set(values))


# ----------------------------------------------------------------------------- tests
def test_fixture_is_well_formed():
    fixture = load_fixture()
    keys = [line["factor_id"] for line in fixture]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"fixture keys given twice: {dupes}"
    bad = []
    for i, line in enumerate(fixture, start=2):
        if list(line) != FIXTURE_COLUMNS:
            bad.append(f"line {i}: columns {list(line)}, expected {FIXTURE_COLUMNS}")
            continue
        if not line["how"].strip() or not line["source_id"].strip():
            bad.append(f"line {i} ({line['factor_id']}): empty how or source_id")
        try:
            evaluate(line["expected"])
        except (ValueError, SyntaxError, ZeroDivisionError) as exc:
            bad.append(f"line {i} ({line['factor_id']}): expected {line['expected']!r}: {exc}")
    assert not bad, "\n".join(bad)


def test_fixture_sources_exist():
    known = set(kb.default_factors().sources["source_id"]) | COUNTRY_SOURCE_IDS
    unknown = [f"{line['factor_id']}: source_id {sid!r}" for line in load_fixture()
               for sid in line["source_id"].split(";") if sid not in known]
    assert not unknown, "fixture lines citing sources not in sources.csv:\n" + "\n".join(unknown)


def test_bundled_values_match_published_figures():
    found = mismatches(kb.default_factors())
    assert not found, f"{len(found)} bundled values differ from the published figures:\n" + "\n".join(found)


def test_every_bundled_value_has_a_published_figure():
    missing, stale = coverage(kb.default_factors())
    msg = []
    if missing:
        msg.append(f"{len(missing)} bundled values have no line in {FIXTURE.name} (add the published figure): "
                   + ", ".join(missing))
    if stale:
        msg.append(f"{len(stale)} lines of {FIXTURE.name} name no bundled value: " + ", ".join(stale))
    assert not msg, "\n".join(msg)


def test_evaluate_rejects_anything_but_arithmetic():
    for bad in ("__import__('os')", "2 ** 3", "abs(-1)", "x + 1", "'1'"):
        try:
            evaluate(bad)
        except (ValueError, SyntaxError):
            continue
        raise AssertionError(f"{bad!r} was accepted")
    assert evaluate("(1 + 2) * 3 - 4 / 2") == 7.0
