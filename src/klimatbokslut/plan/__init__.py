"""A sustainability plan's own indicator table: read as the plan writes it, followed up in the same shape.

* :mod:`.given` — values measured elsewhere (a table of given indicator values);
* :mod:`.table` — the plan's table (Mått, Basår, Enhet, Mål per år) and how each measure is measured;
* :mod:`.follow` — the follow-up: status, trend word and reachability per measure, and the
  check of selections the plan means to be disjoint.
"""
