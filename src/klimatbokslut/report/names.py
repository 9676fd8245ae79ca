"""Names of reporting areas, GHG-Protocol categories and activities in the report's language."""

from __future__ import annotations

from ..catalogue import CATEGORIES, get_activity
from ..text import area_word

__all__ = ["activity_name", "area_name", "category_name"]


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


def activity_name(activity: str, lang: str) -> str:
    """The activity's catalogue name in ``lang``.

    Examples
    --------
    >>> activity_name("n2o", "sv")
    'Lustgas'
    """
    try:
        a = get_activity(activity)
    except KeyError:
        return activity
    return getattr(a, lang, None) or getattr(a, "sv", None) or activity
