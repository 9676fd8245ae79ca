"""Finding an activity: by key, by any of its names (Swedish, English, aliases, invoice texts),
by a flight's band in its name, and the closest names when none matches."""

from __future__ import annotations

import difflib
import re
from typing import Final

from .invoice_names import FLIGHT_BANDS, INTERNATIONAL_FLIGHTS, INVOICE_NAMES
from .kinds import Activity
from .table import _ACTIVITIES, _BY_KEY


def _norm(text: str) -> str:
    return re.sub(r"[\s\-_/().,]+", "", str(text).strip().lower())


def _names(a: Activity) -> tuple[str, ...]:
    return (a.key, a.sv, a.en, *a.aliases)


def _build_lookup() -> dict[str, str]:
    out: dict[str, str] = {}
    for a in _ACTIVITIES:
        for name in _names(a):
            out.setdefault(_norm(name), a.key)
    for name, key in INVOICE_NAMES.items():
        out.setdefault(_norm(name), key)
    for a in _USER.values():
        for name in _names(a):
            out.setdefault(_norm(name), a.key)
    return out


#: The user's own activities (:func:`define_activity`), by key, in the order defined.
_USER: dict[str, Activity] = {}
#: Every name (normalised) of every activity, bundled and the user's, to its key.
_LOOKUP: dict[str, str] = _build_lookup()
_BUNDLED_LOOKUP: Final[dict[str, str]] = dict(_LOOKUP)


def activities() -> list[Activity]:
    """All activities in the catalogue, in report order, then the user's own activities.

    Examples
    --------
    >>> [a.key for a in activities()][:3]
    ['diesel', 'diesel_fossil', 'petrol']
    """
    return [*_ACTIVITIES, *_USER.values()]


def get_activity(key: str) -> Activity:
    """The catalogue entry for a canonical key.

    Raises
    ------
    KeyError
        If the key is not in the catalogue.

    Examples
    --------
    >>> get_activity("r404a").category
    'fugitive'
    """
    hit = _BY_KEY.get(key) or _USER.get(key)
    if hit is None:
        raise KeyError(key)
    return hit


def resolve_activity_name(text: str) -> str | None:
    """Canonical key for an activity name as a user typed it, or None.

    Case, spaces, hyphens and underscores are ignored, and Swedish names are
    accepted (``"Fjärrvärme"``, ``"lustgas"``, ``"R-404A"``).

    Examples
    --------
    >>> resolve_activity_name("Fjärrvärme"), resolve_activity_name("R-404A"), resolve_activity_name("kol")
    ('district_heating', 'r404a', None)
    """
    hit = _LOOKUP.get(_norm(text))
    if hit is not None or "(" not in str(text):
        return hit
    return _bracketed(str(text))


_BRACKET = re.compile(r"\(([^()]*)\)")


def _bracketed(text: str) -> str | None:
    """A name with a bracketed part ("Lustgas (N2O)", "Sevofluran (Sevorane)"): the name outside the
    brackets and the one inside are each looked up; they must not name two different activities."""
    inner = [m.strip() for m in _BRACKET.findall(text) if m.strip()]
    outer = _BRACKET.sub(" ", text).strip()
    keys = {k for k in (_LOOKUP.get(_norm(n)) for n in (outer, *inner) if _norm(n)) if k is not None}
    return keys.pop() if len(keys) == 1 else None


def bracket_conflict(text: str) -> list[str]:
    """The different activities that the parts of a bracketed name point to (empty if none or one).

    Examples
    --------
    >>> bracket_conflict("El (solceller)")
    ['electricity', 'solar_power']
    """
    if "(" not in str(text):
        return []
    inner = [m.strip() for m in _BRACKET.findall(str(text)) if m.strip()]
    outer = _BRACKET.sub(" ", str(text)).strip()
    keys = [k for k in (_LOOKUP.get(_norm(n)) for n in (outer, *inner) if _norm(n)) if k is not None]
    return sorted(set(keys)) if len(set(keys)) > 1 else []


def flight_band_of(text: str) -> str | None:
    """The distance band a flight's name states: a band, ``"international"`` ("Flyg utrikes":
    abroad, band not said) or None.

    Examples
    --------
    >>> flight_band_of("Flyg inrikes"), flight_band_of("Utrikesflyg"), flight_band_of("Flyg")
    ('domestic', 'international', None)
    """
    n = _norm(text)
    for name, band in FLIGHT_BANDS.items():
        if _norm(name) == n:
            return band
    if any(_norm(name) == n for name in INTERNATIONAL_FLIGHTS):
        return "international"
    return None


def suggest(text: str, n: int = 3) -> list[str]:
    """Close activity names for an unknown one.

    Examples
    --------
    >>> suggest("dissel")
    ['diesel', ...]
    """
    names = list(_LOOKUP)
    hits = difflib.get_close_matches(_norm(text), names, n=n * 3, cutoff=0.6)
    out: list[str] = []
    for h in hits:
        key = _LOOKUP[h]
        if key not in out:
            out.append(key)
    return out[:n]
