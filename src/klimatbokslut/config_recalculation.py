"""The checks of a configuration's ``[recalculation]`` section, every problem at once.

:func:`recalculation_problems` reads the section as the TOML gives it and names each problem by
its full key (``recalculation.threshold``, ``recalculation.changes[1].year``): the policy's
threshold (a share 0–1), ``restate`` and ``triggers``; each change's ``kind``, ``name``, ``year``,
``select`` and the rest of what its kind needs; each method change's ``name``, ``year``,
``trigger`` and ``before``; and names used twice. :func:`klimatbokslut.config.load_config` (and
so ``klimatbokslut validate`` and ``klimatbokslut report``) lists them with the configuration's
other problems, before anything is computed.

Examples
--------
>>> for key, reason in recalculation_problems({"threshold": 1.5, "restate": "sometimes",
...         "changes": [{"name": "A", "kind": "sold", "year": 2022, "select": {"org_unit": "X"}},
...                     {"name": "A", "kind": "divestment", "select": {"org_unit": "Y"}}]}):
...     print(key, "|", reason)
recalculation.threshold | the threshold is a share of the base-year total from 0 to 1 (0.05 for 5 %) (1.5)
recalculation.restate | restate is one of all, base_year, later ('sometimes')
recalculation.changes[0].kind | kind is one of divestment, acquisition, outsourcing, correction ('sold')
recalculation.changes[1].year | a divestment needs the first year the organisation is changed, e.g. year = 2023
recalculation.changes[1].name | the name 'A' is also recalculation.changes[0]'s; each change needs its own name
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InputError, input_problems
from .restatement import CHANGE_KINDS, RESTATE, TRIGGERS, Correction, MethodChange, StructuralChange

__all__ = ["recalculation_problems"]

_KINDS = (*CHANGE_KINDS, "correction")
_CHANGE_KEYS = {"name", "kind", "year", "select", "activities", "emissions", "scope", "category", "area"}
_CORRECTION_KEYS = {"name", "kind", "emissions", "scope", "category", "area"}
_METHOD_KEYS = {"name", "year", "trigger", "before"}
_BEFORE = ("gwp", "radiative_forcing", "scope2_method")
_POLICY_KEYS = {"threshold", "triggers", "restate", "cumulative", "targets_against", "changes", "method_changes"}

Problems = list[tuple[str, str]]


def _policy_problems(section: Mapping[str, Any]) -> Problems:
    p: Problems = []
    if "threshold" in section:
        t = section["threshold"]
        if isinstance(t, bool) or not isinstance(t, (int, float)):
            p.append(("recalculation.threshold", f"the threshold is a number (0.05 for 5 %) ({t!r})"))
        elif not 0.0 <= float(t) <= 1.0:
            p.append(("recalculation.threshold",
                      f"the threshold is a share of the base-year total from 0 to 1 (0.05 for 5 %) ({t!r})"))
    if "restate" in section and section["restate"] not in RESTATE:
        p.append(("recalculation.restate", f"restate is one of {', '.join(RESTATE)} ({section['restate']!r})"))
    if "triggers" in section:
        tr = section["triggers"]
        items = tr if isinstance(tr, list) else [tr]
        for j, x in enumerate(items):
            if x not in TRIGGERS:
                key = f"recalculation.triggers[{j}]" if isinstance(tr, list) else "recalculation.triggers"
                p.append((key, f"triggers are {', '.join(TRIGGERS)} ({x!r})"))
    return p


def _year_problem(key: str, spec: Mapping[str, Any], what: str) -> Problems:
    if "year" not in spec:
        return [(f"{key}.year", f"a {what} needs the first year the organisation is changed, e.g. year = 2023")]
    y = spec["year"]
    if isinstance(y, bool) or not isinstance(y, int) or not 1900 <= y <= 2100:
        return [(f"{key}.year", f"the year is a whole number such as 2023 ({y!r})")]
    return []


def _change_problems(i: int, spec: Any, base: Path | None) -> Problems:
    key = f"recalculation.changes[{i}]"
    if not isinstance(spec, Mapping):
        return [(key, "each change is a table [[recalculation.changes]] with name, kind, year and select")]
    p: Problems = []
    kind = spec.get("kind")
    if kind is None:
        return [(f"{key}.kind", f"a change needs a kind, one of {', '.join(_KINDS)}")]
    if kind not in _KINDS:
        return [(f"{key}.kind", f"kind is one of {', '.join(_KINDS)} ({kind!r})")]
    allowed = _CORRECTION_KEYS if kind == "correction" else _CHANGE_KEYS
    p += [(f"{key}.{k}", f"unknown key for a {kind}; keys: {', '.join(sorted(allowed))}")
          for k in spec if k not in allowed]
    if kind != "correction":
        p += _year_problem(key, spec, kind)
        sel = spec.get("select")
        if sel is not None and (not isinstance(sel, Mapping) or not sel):
            p.append((f"{key}.select", 'select is a table of column = value, e.g. select = { org_unit = "Tvätteri" }'))
        acts = spec.get("activities")
        if isinstance(acts, str) and base is not None and not (base / acts).expanduser().is_file() \
                and not Path(acts).expanduser().is_file():
            p.append((f"{key}.activities", f"no such file: {acts}"))
    if p:
        return p
    args = {k: v for k, v in spec.items() if k != "kind"}
    if kind != "correction":
        args["kind"] = kind
    if isinstance(args.get("activities"), str):
        args["activities"] = pd.DataFrame()      # the file is read when the report is built
    try:
        (Correction if kind == "correction" else StructuralChange)(**args)
    except InputError as exc:
        p += input_problems(exc, key)
    except TypeError:
        needed = "name, emissions, scope, category, area" if kind == "correction" else "name, kind, year"
        p.append((key, f"a {kind} needs {needed}"))
    return p


def _method_problems(i: int, spec: Any) -> Problems:
    key = f"recalculation.method_changes[{i}]"
    if not isinstance(spec, Mapping):
        return [(key, "each method change is a table [[recalculation.method_changes]] with name, year and before")]
    p: Problems = [(f"{key}.{k}", f"unknown key; keys: {', '.join(sorted(_METHOD_KEYS))}")
                   for k in spec if k not in _METHOD_KEYS]
    if "year" not in spec:
        p.append((f"{key}.year", "a method change needs the first year reported with the new method, e.g. year = 2023"))
    else:
        p += _year_problem(key, spec, "method change")
    before = spec.get("before")
    if not isinstance(before, Mapping) or not before or any(k not in _BEFORE for k in before):
        p.append((f"{key}.before", f"the settings before the change, of {', '.join(_BEFORE)}, "
                                   "e.g. before = { radiative_forcing = false }"))
    if not p:
        try:
            MethodChange(str(spec.get("name", "")), spec["year"], settings=dict(before or {}),
                         trigger=spec.get("trigger", "method"))
        except InputError as exc:
            p += input_problems(exc, key)
    return p


def _names(section: Mapping[str, Any]) -> Problems:
    """Names missing or used twice, across changes and method changes (the report names a change by it)."""
    p: Problems = []
    seen: dict[str, str] = {}
    for part in ("changes", "method_changes"):
        specs = section.get(part)
        for i, spec in enumerate(specs if isinstance(specs, list) else []):
            if not isinstance(spec, Mapping):
                continue
            key = f"recalculation.{part}[{i}]"
            name = spec.get("name")
            if not isinstance(name, str) or not name.strip():
                p.append((f"{key}.name", "each change needs a name, as the report shows it, "
                                         'e.g. name = "Tvätteriet såldes"'))
            elif name.strip() in seen:
                p.append((f"{key}.name", f"the name {name!r} is also {seen[name.strip()]}'s; "
                                         "each change needs its own name"))
            else:
                seen[name.strip()] = key
    return p


def recalculation_problems(section: Any, base: Path | None = None) -> Problems:
    """Every problem of a ``[recalculation]`` section (as read from TOML), each with its full key.

    Parameters
    ----------
    section : mapping
        The section's content.
    base : Path, optional
        The configuration's folder, against which an acquisition's ``activities`` file is found.

    Returns
    -------
    list of (key, reason)
        Empty when the section can be used.
    """
    if section is None:
        return []
    if not isinstance(section, Mapping):
        return [("recalculation", "[recalculation] is a table")]
    p = _policy_problems(section)
    for part, check in (("changes", lambda i, s: _change_problems(i, s, base)), ("method_changes", _method_problems)):
        specs = section.get(part)
        if specs is None:
            continue
        if not isinstance(specs, list):
            p.append((f"recalculation.{part}", f"[[recalculation.{part}]] is a list of tables"))
            continue
        for i, spec in enumerate(specs):
            p += [x for x in check(i, spec) if not x[0].endswith(".name")]   # names: _names, across both lists
    p += _names(section)
    return p
