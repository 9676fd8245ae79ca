"""Where an activity's emissions are reported: scope, category and area for an ownership and purpose."""

from __future__ import annotations

from typing import Final

from .kinds import Activity

#: Purposes of a travel row and where they are reported.
PURPOSES: Final[dict[str, str]] = {
    "": "business", "business": "business", "tjänsteresa": "business", "tjänst": "business",
    "commuting": "commuting", "pendling": "commuting", "arbetspendling": "commuting", "commute": "commuting",
}


def placement(activity: Activity, ownership: str, purpose: str = "business") -> tuple[int, str, str]:
    """Scope, category and area of the direct part for an ownership and purpose.

    ``owned`` and ``leased`` sources (operational control) keep the activity's own
    scope; ``contracted`` ones (a bus operator's diesel) are the supplier's direct
    emissions and so the region's scope 3, purchased services. Travel rows with
    ``purpose = commuting`` are category 7, employee commuting.

    Examples
    --------
    >>> from klimatbokslut.catalogue import get_activity
    >>> placement(get_activity("diesel"), "contracted")
    (3, 'purchased_goods_and_services', 'contracted_transport')
    >>> placement(get_activity("bus"), "owned", "commuting")
    (3, 'employee_commuting', 'commuting')
    """
    if activity.is_travel:
        if purpose == "commuting":
            return 3, "employee_commuting", "commuting"
        return 3, "business_travel", "business_travel"
    if _keeps_own_placement(activity):
        return activity.scope, activity.category, activity.area
    if ownership == "contracted":
        area = "contracted_transport" if activity.is_fuel and activity.area == "vehicles" else activity.area
        return 3, "purchased_goods_and_services", area
    return activity.scope, activity.category, activity.area


def upstream_placement(activity: Activity, ownership: str, purpose: str = "business") -> tuple[int, str]:
    """Scope and category of the upstream (well-to-tank) part.

    Fuels the organisation burns: category 3. Travel in others' vehicles and
    contracted operators: the same category as the direct part (the upstream of a
    supplier's fuel is part of what is bought).

    Examples
    --------
    >>> from klimatbokslut.catalogue import get_activity
    >>> upstream_placement(get_activity("diesel"), "owned")
    (3, 'fuel_and_energy_related')
    >>> upstream_placement(get_activity("flight"), "owned")
    (3, 'business_travel')
    """
    if activity.is_travel or activity.kind in ("food", "spend", "waste") or _keeps_own_placement(activity):
        return 3, placement(activity, ownership, purpose)[1]
    if ownership == "contracted":
        return 3, "purchased_goods_and_services"
    return 3, "fuel_and_energy_related"


def _keeps_own_placement(activity: Activity) -> bool:
    """Freight and a user's scope-3 activity are bought from others whoever operates the vehicle or
    process: ``contracted`` does not move them to purchased goods, and their upstream stays in their category."""
    return activity.scope == 3 and (activity.kind == "freight" or activity.user)
