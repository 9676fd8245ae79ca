"""What each activity is: scope, GHG-Protocol category, reporting area, units, names.

The catalogue is the one place that says that ``diesel`` burnt in the region's own
vehicles is scope 1 *mobile combustion* in the area *own and leased vehicles*,
that ``fjärrvärme`` means ``district_heating``, and that electricity is measured
in energy units. Factor values live in the factor dataset, not here.

Examples
--------
>>> from klimatbokslut.catalogue import get_activity, resolve_activity_name
>>> resolve_activity_name("Lustgas")
'n2o'
>>> a = get_activity("diesel")
>>> a.scope, a.category, a.area
(1, 'mobile_combustion', 'vehicles')
"""

from __future__ import annotations

from .kinds import (
    ACTIVITY_BASED,
    AREAS,
    CATEGORIES,
    CONTRACT_KINDS,
    DATA_QUALITY_TIERS,
    DUAL_METHOD,
    KINDS,
    OWNERSHIP,
    SPEND_BASED,
    SUPPLIER_SPECIFIC,
    TRAVEL_KINDS,
    Activity,
)
from .lookup import activities, bracket_conflict, flight_band_of, get_activity, resolve_activity_name, suggest
from .own import (
    DEFINITION_FIELDS,
    define_activity,
    definition_field,
    register_activities,
    register_activity,
    unregister_activity,
    user_activities,
)
from .placing import PURPOSES, placement, upstream_placement

__all__ = ["CATEGORIES", "AREAS", "SUPPLIER_SPECIFIC", "ACTIVITY_BASED", "SPEND_BASED", "DATA_QUALITY_TIERS",
           "OWNERSHIP", "KINDS", "TRAVEL_KINDS", "DUAL_METHOD", "CONTRACT_KINDS", "Activity", "activities",
           "get_activity", "resolve_activity_name", "bracket_conflict", "flight_band_of", "suggest", "PURPOSES",
           "placement", "upstream_placement", "DEFINITION_FIELDS", "definition_field", "user_activities",
           "define_activity", "register_activity", "register_activities", "unregister_activity"]
