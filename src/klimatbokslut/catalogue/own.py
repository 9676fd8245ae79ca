"""The user's own activities: definitions checked, added to the catalogue and taken out again."""

from __future__ import annotations

import re
from typing import Final

from .kinds import AREAS, CATEGORIES, Activity
from .lookup import _BUNDLED_LOOKUP, _LOOKUP, _USER, _build_lookup, _norm
from .table import _BY_KEY

_KEY_RE: Final = re.compile(r"^[a-zåäöéü][a-z0-9_åäöéü]*$")   # Swedish letters too: "engångsrock"
#: Fields of an activity definition (a ``[[activity]]`` table or a row of an activities CSV).
DEFINITION_FIELDS: Final[tuple[str, ...]] = ("key", "sv", "en", "aliases", "scope", "category", "area", "unit")
_DEFINITION_SYNONYMS: Final[dict[str, str]] = {
    "name": "key", "activity": "key", "aktivitet": "key", "namn_sv": "sv", "swedish": "sv", "svenska": "sv",
    "namn_en": "en", "english": "en", "engelska": "en", "alias": "aliases", "synonymer": "aliases",
    "kategori": "category", "område": "area", "omrade": "area", "enhet": "unit", "dimension": "unit",
}


def definition_field(name: str) -> str | None:
    """The definition field a column or key names (``"aktivitet"`` → ``"key"``), or None.

    Examples
    --------
    >>> definition_field("Område"), definition_field("unit"), definition_field("colour")
    ('area', 'unit', None)
    """
    n = str(name).strip().lower().replace(" ", "_")
    return n if n in DEFINITION_FIELDS else _DEFINITION_SYNONYMS.get(n)


def user_activities() -> list[Activity]:
    """The activities the user has defined (:func:`define_activity`), in the order defined.

    Returns
    -------
    list of Activity

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> kb.user_activities()
    []
    """
    return list(_USER.values())


def define_activity(key: str, *, sv: str = "", en: str = "", aliases: str | tuple[str, ...] | list[str] = (),
                    scope: int, category: str, area: str, unit: str | tuple[str, ...] | list[str]) -> Activity:
    """Define an activity of one's own and add it to the catalogue.

    Parameters
    ----------
    key : str
        snake_case key (``"disposable_gown"``), used in ledgers and factor rows.
    sv, en : str
        Swedish and English names for reports (one may be left out: it takes the other).
    aliases : str or sequence of str
        Other names accepted in activity files (a text is split at ``;``).
    scope : int
        1, 2 or 3.
    category : str
        A GHG-Protocol category of :data:`CATEGORIES` of that scope (``"purchased_goods_and_services"``;
        for scope 3 also its number, ``"1"``).
    area : str
        A reporting area of :data:`AREAS` (``"purchases"``).
    unit : str or sequence of str
        What the amount is measured in: a kind of amount (``"count"``, ``"mass"``,
        ``"freight_distance"``...) or a unit of one (``"st"``, ``"kg"``, ``"tkm"``).

    Returns
    -------
    Activity
        The entry added (or the identical one already defined).

    Raises
    ------
    InputError
        Naming every problem (key, scope, category, area, unit, clashing names) at once.

    Examples
    --------
    >>> from klimatbokslut.catalogue import resolve_activity_name
    >>> a = define_activity("disposable_gown", sv="Engångsrock", en="Disposable gown", aliases="engångsrockar",
    ...                     scope=3, category="purchased_goods_and_services", area="purchases", unit="st")
    >>> a.amount_kinds, resolve_activity_name("Engångsrockar")
    (('count',), 'disposable_gown')
    >>> unregister_activity("disposable_gown")
    """
    spec = {"key": key, "sv": sv, "en": en, "aliases": aliases, "scope": scope, "category": category, "area": area,
            "unit": unit}
    return register_activities([spec], what=f"activity {key!r}")[0]


def register_activity(definition: Activity | dict, *, row: object = None, what: str = "activity definition"
                      ) -> Activity:
    """Add one user activity from an :class:`Activity` or a mapping of :data:`DEFINITION_FIELDS`.

    Re-registering an identical definition does nothing; see :func:`register_activities`.

    Parameters
    ----------
    definition : Activity or dict
        The definition: ``key``, ``sv``, ``en``, ``aliases``, ``scope``, ``category``, ``area``, ``unit``.
    row : object, optional
        Where the definition came from (a file's row), for the error message.
    what : str
        What is being read, for the error message.

    Returns
    -------
    Activity

    Raises
    ------
    InputError
        Every problem of the definition at once (see :func:`register_activities`).

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> kb.register_activity({"key": "paper_towel", "sv": "Pappershandduk", "scope": 3,
    ...                       "category": "purchased_goods_and_services", "area": "purchases", "unit": "kg"}).key
    'paper_towel'
    >>> kb.unregister_activity("paper_towel")
    """
    if isinstance(definition, Activity):
        definition = {"key": definition.key, "sv": definition.sv, "en": definition.en,
                      "aliases": definition.aliases, "scope": definition.scope, "category": definition.category,
                      "area": definition.area, "unit": definition.amount_kinds}
    return register_activities([definition], rows=[row], what=what)[0]


def register_activities(definitions: list[dict], *, rows: list | None = None,
                        what: str = "activity definitions", dry_run: bool = False) -> list[Activity]:
    """Check several activity definitions and add them all, or none.

    Every problem of every definition is collected into one :class:`~klimatbokslut.errors.InputError`
    naming the row (``rows[i]``, by default the definition's number from 1), the column, the value,
    the reason and the valid choices. With ``dry_run`` the definitions are checked and returned
    but not added.

    Examples
    --------
    >>> register_activities([{"key": "Gown", "scope": 4, "category": "", "area": "x", "unit": "flaskor"}],
    ...                     rows=[2])
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 6 problems in activity definitions:
      row 2, column 'key', value 'Gown': the key must be snake_case: lower-case letters (å, ä, ö too), ...
    ...
    """
    from ..errors import InputError

    rows = list(rows) if rows is not None else list(range(1, len(definitions) + 1))
    problems: list[dict] = []
    built: list[Activity] = []
    taken: dict[str, str] = {}          # names of this batch: normalised name -> key
    for spec, row in zip(definitions, rows):
        act, bad = _check_definition(dict(spec), row, taken)
        problems += bad
        if act is not None:
            built.append(act)
        for name in _spec_names(spec):
            taken.setdefault(_norm(name), _text(spec.get("key")) or f"row {row}")
    if problems:
        raise InputError(problems, what=what)
    if dry_run:  # checked, not added
        return built
    for act in built:
        if _USER.get(act.key) != act:
            _USER[act.key] = act
    _LOOKUP.clear()
    _LOOKUP.update(_build_lookup())
    return [_USER[a.key] for a in built]


def unregister_activity(key: str) -> None:
    """Remove a user activity (tests, or a definition to be replaced); a bundled one cannot be removed.

    Parameters
    ----------
    key : str
        The activity's key; an unknown key does nothing.

    Raises
    ------
    ValueError
        If ``key`` is a bundled activity.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> kb.unregister_activity("diesel")
    Traceback (most recent call last):
    ...
    ValueError: 'diesel' is a bundled activity, not one of your own
    """
    if key in _BY_KEY:
        raise ValueError(f"{key!r} is a bundled activity, not one of your own")
    _USER.pop(key, None)
    _LOOKUP.clear()
    _LOOKUP.update(_build_lookup())


def _problem(row: object, column: str, value: object, reason: str, choices: str = "") -> dict:
    text = f"{reason}; choices: {choices}" if choices else reason
    return {"row": row, "column": column, "value": value, "reason": text}


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def _aliases(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        parts = [_text(v) for v in value]
    else:
        parts = re.split(r"[;|]", _text(value))
    return tuple(p.strip() for p in parts if p.strip())


def _check_definition(spec: dict, row: object, taken: dict[str, str]) -> tuple[Activity | None, list[dict]]:
    """One definition as an Activity, and its problems (every one of them)."""
    spec = {definition_field(k) or k: v for k, v in spec.items()}
    bad = [_problem(row, str(k), v, "unknown column of an activity definition", ", ".join(DEFINITION_FIELDS))
           for k, v in spec.items() if k not in DEFINITION_FIELDS]
    key = _text(spec.get("key"))
    if not _KEY_RE.match(key):
        bad.append(_problem(row, "key", key, "the key must be snake_case: lower-case letters (å, ä, ö too), "
                                             "digits and _ (starting with a letter), e.g. disposable_gown"))
    scope = _scope(spec.get("scope"))
    if scope is None:
        bad.append(_problem(row, "scope", spec.get("scope"), "scope must be 1, 2 or 3"))
    category, why = _category(spec.get("category"), scope)
    if why:
        bad.append(_problem(row, "category", spec.get("category"), why,
                            ", ".join(k for k, c in CATEGORIES.items() if scope is None or c["scope"] == scope)))
    area = _lookup_name(spec.get("area"), AREAS)
    if area is None:
        bad.append(_problem(row, "area", spec.get("area"),
                            "missing reporting area" if not _text(spec.get("area")) else "unknown reporting area",
                            ", ".join(AREAS)))
    dims, unit_problems = _dimensions(spec.get("unit"), row)
    bad += unit_problems
    sv, en = _text(spec.get("sv")), _text(spec.get("en"))
    if not sv and not en:
        bad.append(_problem(row, "sv", None, "give a Swedish (sv) or English (en) name"))
    aliases = _aliases(spec.get("aliases"))
    act = Activity(key, "custom", scope or 0, category or "", area or "", sv or en, en or sv, aliases,
                   dimensions=dims, user=True)
    bad += _clashes(act, row, taken)
    return (None if bad else act), bad


def _spec_names(spec: dict) -> tuple[str, ...]:
    spec = {definition_field(k) or k: v for k, v in spec.items()}
    names = (_text(spec.get("key")), _text(spec.get("sv")), _text(spec.get("en")), *_aliases(spec.get("aliases")))
    return tuple(n for n in names if n)


def _scope(value: object) -> int | None:
    try:
        num = float(_text(value))
    except ValueError:
        return None
    return int(num) if num in (1.0, 2.0, 3.0) else None


def _lookup_name(value: object, table: dict[str, dict]) -> str | None:
    """A key of ``table`` given by its key or its Swedish or English name."""
    n = _norm(_text(value))
    if not n:
        return None
    for key, names in table.items():
        if n in (_norm(key), _norm(names.get("sv", "")), _norm(names.get("en", ""))):
            return key
    return None


def _category(value: object, scope: int | None) -> tuple[str | None, str]:
    """The category key and '' or None and why not (missing, unknown, of another scope)."""
    text = _text(value)
    if not text:
        return None, "missing category"
    found = _lookup_name(text, CATEGORIES)
    if found is None and re.fullmatch(r"(3\.)?\d{1,2}", text):
        number = int(text.split(".")[-1])
        found = next((k for k, c in CATEGORIES.items() if c.get("number") == number), None)
    if found is None:
        return None, "unknown category"
    if scope is not None and CATEGORIES[found]["scope"] != scope:
        return None, f"category {found} is scope {CATEGORIES[found]['scope']}, not scope {scope}"
    return found, ""


def _dimensions(value: object, row: object) -> tuple[tuple[str, ...], list[dict]]:
    """Kinds of amount from a unit field: kind names (``count``) or units (``st``), several split at ';'."""
    from ..units import DIMENSIONS, kind_of, parse_unit

    parts = _aliases(value)
    choices = ", ".join(DIMENSIONS) + " (or a unit of one: st, kg, kWh, tkm, km ...)"
    if not parts:
        return (), [_problem(row, "unit", value, "missing unit dimension", choices)]
    dims: list[str] = []
    bad: list[dict] = []
    for part in parts:
        name = part.lower().replace(" ", "_").replace("-", "_")
        if name in DIMENSIONS:
            dims.append(name)
            continue
        try:
            kind = kind_of(parse_unit(part))
        except Exception:  # UnitError, or pint's errors for odd text
            kind = None
        if kind is None:
            bad.append(_problem(row, "unit", part, "unknown unit dimension", choices))
        elif kind not in dims:
            dims.append(kind)
    return tuple(dict.fromkeys(dims)), bad


def _clashes(act: Activity, row: object, taken: dict[str, str]) -> list[dict]:
    """Problems of a key or name already used by a bundled activity, another user activity or this batch."""
    bad: list[dict] = []
    if act.key in _BY_KEY:
        return [_problem(row, "key", act.key, "a bundled activity has this key; choose another key, or use "
                                              "the bundled activity and give only factor rows for it")]
    old = _USER.get(act.key)
    if old is not None and old != act:
        bad.append(_problem(row, "key", act.key, "already defined with another definition (names, scope, "
                                                 "category, area or unit differ); remove the first definition "
                                                 "or give the same one"))
    seen: set[str] = set()
    for column, names in (("key", (act.key,)), ("sv", (act.sv,)), ("en", (act.en,)), ("aliases", act.aliases)):
        for name in names:
            n = _norm(name)
            if not n or n in seen:
                continue
            seen.add(n)
            owner = _BUNDLED_LOOKUP.get(n) or taken.get(n) or (_LOOKUP.get(n) if _LOOKUP.get(n) != act.key else None)
            if owner and owner != act.key:
                kind = "bundled activity" if owner in _BY_KEY else "activity"
                bad.append(_problem(row, column, name, f"the name is already used by the {kind} {owner!r}; "
                                                       "names are compared ignoring case, spaces and punctuation"))
    return bad
