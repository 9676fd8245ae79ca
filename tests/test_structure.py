"""The package's structure: no import cycles anywhere in src/, every error under KlimatbokslutError.

The import graph is read from the source with ``ast`` (imports inside functions count;
imports under ``if TYPE_CHECKING:`` do not, since they never run). A cycle is reported
with the modules that form it, e.g. ``klimatbokslut.engine -> klimatbokslut.scale ->
klimatbokslut.engine``.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import klimatbokslut
import klimatbokslut.errors as errors

PACKAGE = Path(klimatbokslut.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skip.update(id(n) for n in ast.walk(child))
    return skip


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def import_graph() -> dict[str, set[str]]:
    """Module -> the klimatbokslut modules it imports (at any depth of the file)."""
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_nodes(tree)
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(name, is_package, node.level, node.module) if node.level else (node.module or "")
                # `from . import x` names a module when x is one, else a name of the package.
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for t in targets:
                while t and t not in modules:        # `klimatbokslut.units.Q_` -> `klimatbokslut.units`
                    t = t.rpartition(".")[0]
                if t and t != name:
                    graph[name].add(t)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                components.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return components


def test_the_graph_reader_sees_a_cycle():
    # The checker itself: a made-up graph with a -> b -> c -> a and a separate d -> a.
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_has_the_edges_the_code_has():
    graph = import_graph()
    assert "klimatbokslut.units" in graph["klimatbokslut.validation"] or \
        "klimatbokslut.errors" in graph["klimatbokslut.validation"]
    assert "klimatbokslut.errors" in graph["klimatbokslut.units"]
    assert "klimatbokslut.report.html" in graph["klimatbokslut.report.build"]   # the builder renders the page


def test_no_import_cycles_in_the_package():
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_every_error_class_lives_in_errors_under_the_base_class():
    graph_modules = _modules()
    defined_elsewhere = []
    for name, path in graph_modules.items():
        if name == "klimatbokslut.errors":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                    ast.unparse(b).endswith(("Error", "Exception", "Warning")) for b in node.bases):
                defined_elsewhere.append(f"{name}.{node.name}")
    assert defined_elsewhere == []
    for _, cls in inspect.getmembers(errors, inspect.isclass):
        if issubclass(cls, Exception) and cls.__module__ == errors.__name__:
            assert issubclass(cls, errors.KlimatbokslutError), cls


def test_importing_the_package_loads_neither_pint_nor_dask():
    # The unit registry is built on first use and Dask only for a Dask table, so
    # `import klimatbokslut` (and every CLI start) stays fast.
    import subprocess
    import sys

    code = "import sys, klimatbokslut; print('pint' in sys.modules, 'dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_no_contract_travels_in_dataframe_attrs():
    # A validated table is an ActivityTable, not a flag in DataFrame.attrs (pandas drops or copies attrs
    # in many operations): no module of the package reads or writes attrs.
    import re

    pattern = re.compile(r"\.attrs\s*(\[|\.get\b|=(?!=))")
    found = [f"{path.relative_to(PACKAGE.parent)}:{i}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == [], "DataFrame.attrs used at " + ", ".join(found)


def test_no_import_cycles_even_through_type_only_imports(monkeypatch):
    # An import under `if TYPE_CHECKING:` never runs, but a loop through one still ties two
    # modules together (the report's page and builder once did): read those imports too.
    import sys

    monkeypatch.setattr(sys.modules[__name__], "_type_checking_nodes", lambda tree: set())
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles through type-only imports: " + "; ".join(" <-> ".join(c) for c in cycles)
