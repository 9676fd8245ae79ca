"""Targets answer for themselves: no code outside ``targets/`` switches on a target kind's name.

The report, the Monte Carlo and the configuration ask a target what they need (its chart,
whether its thresholds move with the base year, its actual value as terms by year …)
through the protocol of :class:`klimatbokslut.targets.Target`. This test walks the syntax
tree of every module of the package outside ``targets/`` and fails on

* a comparison (``==``, ``!=``, ``in``, ``not in``, ``is``, ``is not``) with a registered
  kind name, alone or in a tuple, list or set of constants;
* a ``match`` case on a kind name;
* a lookup in a table keyed by kind names (a dict literal more than half of whose keys are
  kind names) that is subscripted or asked with ``.get``/``.pop``/``.setdefault``, directly
  or through a name bound to it in the module.

A constant subscript such as ``frame["share"]`` is a column, not a kind: it is not flagged.
The kind names are those registered in :data:`klimatbokslut.targets.base.KINDS`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import klimatbokslut
import klimatbokslut.targets
from klimatbokslut.targets.base import KINDS

PACKAGE = Path(klimatbokslut.__file__).parent
TARGETS = PACKAGE / "targets"
_COMPARE = (ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot)
_LOOKUP_METHODS = ("get", "pop", "setdefault")


def _kind_constants(node: ast.AST, names: set[str]) -> list[str]:
    """Kind names among a constant or a tuple / list / set of constants."""
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    return [n.value for n in items if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in names]


def _kind_table(node: ast.AST, names: set[str]) -> bool:
    """A dict literal keyed by kind names: more than half of its keys are kind names.

    (A table of column labels that happens to have a ``"share"`` column is not one.)
    """
    if not isinstance(node, ast.Dict):
        return False
    keys = [k for k in node.keys if isinstance(k, ast.Constant)]
    return bool(keys) and 2 * sum(bool(_kind_constants(k, names)) for k in keys) > len(keys)


def kind_switches(source: str, names: set[str], filename: str = "<source>") -> list[str]:
    """``file:line: what`` for every place in ``source`` that switches on a kind name."""
    tree = ast.parse(source)
    tables = {t.id for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign))
              and node.value is not None and _kind_table(node.value, names)
              for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}

    def is_table(node: ast.AST) -> bool:
        return _kind_table(node, names) or (isinstance(node, ast.Name) and node.id in tables)

    found = []
    for node in ast.walk(tree):
        hit: list[str] = []
        if isinstance(node, ast.Compare) and any(isinstance(op, _COMPARE) for op in node.ops):
            for side in (node.left, *node.comparators):
                hit += _kind_constants(side, names)
        elif isinstance(node, ast.MatchValue):
            hit = _kind_constants(node.value, names)
        elif isinstance(node, ast.Subscript) and is_table(node.value):
            hit = ["a table keyed by kind names"]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in _LOOKUP_METHODS and is_table(node.func.value)):
            hit = ["a table keyed by kind names"]
        if hit:
            found.append(f"{filename}:{node.lineno}: {', '.join(map(repr, hit))} in {ast.unparse(node)[:80]}")
    return sorted(found, key=lambda f: int(f.split(":", 2)[1]))


def test_the_checker_sees_every_kind_of_switch():
    names = {"cap", "carbon_budget", "share"}
    source = '''
if t.kind == "cap": pass
if "carbon_budget" != t.kind: pass
if t.kind in ("reduction", "share"): pass
match t.kind:
    case "carbon_budget":
        pass
colour = {"cap": "red", "share": "green", "other": "blue"}[t.kind]
CHART = {"carbon_budget": "budget"}
chart = CHART.get(t.kind, "limit")
chart = CHART[t.kind]
'''
    found = kind_switches(source, names)
    assert sorted(int(f.split(":")[1]) for f in found) == [2, 3, 4, 6, 8, 10, 11], found


def test_the_checker_leaves_columns_and_other_words_alone():
    names = {"cap", "share", "intensity"}
    source = '''
share = frame["share"]
x = nums["intensity"].values
row = {"share": 0.5, "year": 2024}
if status == "met": pass
for col in ("mode", "share"): pass
'''
    assert kind_switches(source, names) == []


def test_no_target_kind_name_is_compared_outside_targets():
    names = set(KINDS)
    assert {"reduction", "cap", "carbon_budget", "below_benchmark"} <= names   # the registry is read
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if TARGETS in path.parents:
            continue
        found += kind_switches(path.read_text(encoding="utf-8"), names, str(path.relative_to(PACKAGE.parent)))
    assert not found, "target kinds switched on by name outside targets/ (ask the target instead):\n" + \
        "\n".join(found)


def test_the_monte_carlo_uses_only_the_public_protocol():
    # No private member of a target (``target._x``) is used by the simulation.
    path = PACKAGE / "uncertainty" / "montecarlo.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private = [f"{path.name}:{n.lineno}: {ast.unparse(n)}" for n in ast.walk(tree)
               if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "target"
               and n.attr.startswith("_")]
    assert private == []
