"""The words of the report's plan section (the plan's table followed up), through the catalogs.

Message ids are English; the Swedish words are the follow-ups' own: *går åt rätt håll*,
*går åt rätt håll men för sakta*, *går åt fel håll*.

Examples
--------
>>> trend_word("too_slow", "sv"), trend_word("wrong_direction", "en")
('går åt rätt håll men för sakta', 'going in the wrong direction')
>>> reachable_word("no", 2026, "sv")
'bedöms inte kunna nås till 2026 med nuvarande trend'
"""

from __future__ import annotations

from ..text import N_, tr

__all__ = ["TREND", "REACHABLE", "WORDS", "trend_word", "reachable_word", "word"]

#: Trend code (:data:`klimatbokslut.plan.follow.TREND_WORDS`) -> message id.
TREND = {
    "right_direction": N_("going in the right direction"),
    "too_slow": N_("going in the right direction but too slowly"),
    "wrong_direction": N_("going in the wrong direction"),
    "unknown": N_("too few values to judge the trend"),
}

#: Reachability code (:data:`klimatbokslut.plan.follow.REACHABLE`) -> message id (``{year}``: the last target year).
REACHABLE = {
    "yes": N_("judged reachable by {year}"),
    "no": N_("judged not reachable by {year} at the current trend"),
    "unknown": N_("cannot be judged yet"),
}

#: The section's other words, by key.
WORDS = {
    "heading": N_("The plan's measures followed up"),
    "intro": N_("Each measure of the plan's table, in the plan's own shape: base, unit, the target and the outcome "
                "per year, the status in {year}, the direction of the trend and whether the last target is judged "
                "reachable at the current trend (the least-squares trend of the outcomes, continued from the "
                "latest outcome to the last target year)."),
    "measure": N_("Measure"),
    "base": N_("Base year"),
    "unit": N_("Unit"),
    "target": N_("Target {year}"),
    "outcome": N_("Outcome {year}"),
    "status": N_("Status {year}"),
    "trend": N_("Trend"),
    "reachable": N_("Reachable"),
    "no_goal": N_("Other measures"),
    "given": N_("given, not computed; source: {source}"),
    "overlap": N_("{first} and {second} count the same ledger rows ({rows}; {activities}), though the plan means "
                  "them to be disjoint."),
    "table_source": N_("The plan's table: {source}."),
}


def word(key: str, lang: str, **kw: object) -> str:
    """A word of :data:`WORDS` in ``lang``."""
    return tr(lang, WORDS[key], **kw)


def trend_word(code: str, lang: str) -> str:
    """The trend word of a code in ``lang``."""
    return tr(lang, TREND[code])


def reachable_word(code: str, year: int, lang: str) -> str:
    """Whether the target of ``year`` is judged reachable, in ``lang``."""
    return tr(lang, REACHABLE[code], year=year)
