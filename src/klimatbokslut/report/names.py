"""Names of reporting areas, GHG-Protocol categories and activities in the report's language."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ..catalogue import CATEGORIES, get_activity
from ..text import NP_, area_word, ptr

__all__ = ["activity_name", "area_name", "category_name", "names_marked", "proper_names"]


def area_name(area: str, lang: str) -> str:
    """The reporting area's name in ``lang`` (the key itself when unknown).

    Examples
    --------
    >>> area_name("medical_gases", "sv"), area_name("capital", "en")
    ('Medicinska gaser', 'Capital management')
    """
    return area_word(area, lang)


def category_name(category: str, lang: str) -> str:
    """The GHG-Protocol category's name in ``lang``, with its scope-3 number.

    Examples
    --------
    >>> category_name("business_travel", "en")
    '3.6 Business travel'
    """
    c = CATEGORIES.get(category)
    if c is None:
        return category
    prefix = f"3.{c['number']} " if "number" in c else ""
    return prefix + c.get(lang, category)


#: The catalogue names a private car by its business use ("Egen bil i tjänst"); in commuting the same car is
#: the employee's own journey to work, so the report names it by the car alone.
_COMMUTING_CARS = {"car_petrol": NP_("commuting", "Car, petrol"), "car_diesel": NP_("commuting", "Car, diesel"),
                   "car_hvo100": NP_("commuting", "Car, HVO100"), "car_ev": NP_("commuting", "Car, electric"),
                   "car_unknown": NP_("commuting", "Car, unknown fuel")}


def activity_name(activity: str, lang: str, area: str | None = None) -> str:
    """The activity's catalogue name in ``lang``; a car in the commuting area by the car, not its business use.

    Examples
    --------
    >>> activity_name("n2o", "sv")
    'Lustgas'
    >>> activity_name("car_unknown", "sv"), activity_name("car_unknown", "sv", area="commuting")
    ('Egen bil i tjänst, okänt bränsle', 'Bil, okänt bränsle')
    """
    if area == "commuting" and activity in _COMMUTING_CARS:
        return ptr(lang, *_COMMUTING_CARS[activity])
    try:
        a = get_activity(activity)
    except KeyError:
        return activity
    return getattr(a, lang, None) or getattr(a, "sv", None) or activity


def names_marked(sentence: str, names: set[str]) -> Markup:
    """A sentence with the names in it (changes the region named, holdings) marked as names, not words to translate.

    Examples
    --------
    >>> str(names_marked("Fails: Kol & Co AB (d).", {"Kol & Co AB"}))
    'Fails: <span translate="no">Kol &amp; Co AB</span> (d).'
    """
    out = str(escape(sentence))
    for name in sorted(names, key=len, reverse=True):
        if name:
            out = out.replace(str(escape(name)), f'<span translate="no">{escape(name)}</span>')
    return Markup(out)


def proper_names(r: Any) -> set[str]:
    """Names a note may mention that are not words to translate: the holdings of the region's portfolios."""
    names: set[str] = set()
    for port in (getattr(r, "portfolios", None) or {}).values():
        holdings = getattr(port, "holdings", None)
        if holdings is not None and "holding" in holdings:
            names |= {str(h) for h in holdings["holding"] if isinstance(h, str) and h.strip()}
    return names
