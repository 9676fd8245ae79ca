"""The recalculation in words: one sentence per change, in Swedish or English, and its number formats."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Protocol

import pandas as pd

from ..text import N_, NP_, number, ptr, tr
from .policy import RecalculationPolicy


class Restated(Protocol):
    """What the sentences read of a :class:`~klimatbokslut.restatement.Restatement`."""

    @property
    def policy(self) -> RecalculationPolicy: ...
    @property
    def base_year(self) -> int: ...
    @property
    def assessment(self) -> pd.DataFrame: ...
    @property
    def method_effects(self) -> pd.DataFrame | None: ...

__all__ = ["KIND_SV", "KIND_WORDS", "sentences", "method_sentence"]

#: Each kind of change (code) → its word, as the assessment table names it (the English word is the code).
KIND_WORDS = {"divestment": NP_("change kind", "divestment"), "acquisition": NP_("change kind", "acquisition"),
              "outsourcing": NP_("change kind", "outsourcing"), "correction": NP_("change kind", "correction")}
#: Each kind of change in Swedish, as the assessment table's ``kind_sv`` column names it.
KIND_SV = {code: ptr("sv", *word) for code, word in KIND_WORDS.items()}
#: The head of a change's sentence, by kind: what it is and when (Swedish says what happened to the unit).
_HEADS = {"divestment": N_("{change} (divestment, {year})"), "acquisition": N_("{change} (acquisition, {year})"),
          "outsourcing": N_("{change} (outsourcing, {year})"), "correction": N_("{change} (correction, {year})")}
#: What was done with a change, by outcome.
_DONE = {"restated_all": N_("the base year and earlier years are restated"),
         "restated": N_("the base year is restated"),
         "together_all": N_("below the threshold alone, restated together with the other changes, which pass it "
                            "together: the base year and earlier years are restated"),
         "together": N_("below the threshold alone, restated together with the other changes, which pass it "
                        "together: the base year is restated"),
         "below": N_("below the threshold: not restated"),
         "later": N_("the policy restates only later years: the history is as first reported"),
         "not_triggered": N_("trigger not in the policy")}


def _pct(share: float, lang: str) -> str:
    """A share as a percentage with one decimal, without the sign (the share is a size).

    Examples
    --------
    >>> _pct(0.083, "sv"), _pct(0.083, "en")
    ('8,3', '8.3')
    """
    return "nan" if share != share else number(100 * share, 1, lang)


def _signed_t(t: float, lang: str) -> str:
    """Tonnes with a sign and one decimal: ``−1 234,5`` in Swedish, ``-1,234.5`` in English; ``+0,0`` for none.

    Examples
    --------
    >>> _signed_t(-1234.5, "sv"), _signed_t(-1234.5, "en"), _signed_t(0.0, "sv"), _signed_t(-0.01, "en")
    ('−1 234,5', '-1,234.5', '+0,0', '-0.0')
    """
    text = number(t, 1, lang, sign=True)
    if text[:1] in ("+", "-", "\u2212"):
        return text
    return (number(-1.0, 0, lang)[0] if math.copysign(1.0, t) < 0 else "+") + text   # every effect has a sign


def _tonnes(t: float, lang: str) -> str:
    """Tonnes with one decimal: ``1 234,5`` in Swedish, ``1,234.5`` in English.

    Examples
    --------
    >>> _tonnes(1234.5, "sv"), _tonnes(1234.5, "en")
    ('1 234,5', '1,234.5')
    """
    return number(t, 1, lang)


def _threshold(threshold: float, lang: str) -> str:
    """The threshold as a percentage, as short as it goes.

    Examples
    --------
    >>> _threshold(0.05, "sv"), _threshold(0.025, "sv"), _threshold(0.025, "en")
    ('5', '2,5', '2.5')
    """
    short = f"{100 * threshold:g}"
    if "e" in short or "n" in short:   # not a threshold anyone sets; shown as Python writes it
        return short
    return number(100 * threshold, len(short.partition(".")[2]), lang)


def method_sentence(e: Mapping[Any, Any], base_year: int, threshold: float, lang: str) -> str:
    """One method change (a row of ``method_effects``): its effect on the base year and the verdict."""
    kw = {"change": e["change"], "year": e["year"], "base_year": base_year, "effect": _signed_t(e["base_year_effect_t"],
          lang), "pct": _pct(e["share_of_base"], lang), "threshold": _threshold(threshold, lang)}
    if e["significant"]:
        return tr(lang, "{change} (method change {year}): effect on the base year {base_year} {effect} t CO2e "
                  "({pct} %, threshold {threshold} %, above the threshold); every year here is calculated with "
                  "today's method.", **kw)
    return tr(lang, "{change} (method change {year}): effect on the base year {base_year} {effect} t CO2e "
              "({pct} %, threshold {threshold} %, below the threshold); every year here is calculated with "
              "today's method.", **kw)


def _what_was_done(a: Mapping[Any, Any], restate: str) -> str:
    """The key of :data:`_DONE` for a change under the policy's ``restate``."""
    if a["applied"]:
        if not a["significant"]:        # restated only because the changes together pass the threshold
            return "together_all" if restate == "all" else "together"
        return "restated_all" if restate == "all" else "restated"
    if not (a["significant"] or a["cumulative"]):
        return "below"
    return "later" if restate == "later" else "not_triggered"


def _head(a: Mapping[Any, Any], lang: str) -> str:
    head = _HEADS.get(a["kind"])
    if head is None:   # a kind without its own head: its word, as the assessment names it
        word = KIND_WORDS.get(a["kind"])
        kind = a["kind"] if word is None else ptr(lang, *word)
        return tr(lang, "{change} ({kind}, {year})", change=a["change"], kind=kind, year=a["year"])
    return tr(lang, head, change=a["change"], year=a["year"])


def _change_sentence(a: Mapping[Any, Any], base_year: int, threshold: float, restate: str, lang: str) -> str:
    """One change (a row of the assessment): what it is, its effect on the base year, and what was done."""
    kw = {"head": _head(a, lang), "base_year": base_year, "pct": _pct(a["share_of_base"], lang),
          "threshold": _threshold(threshold, lang), "done": tr(lang, _DONE[_what_was_done(a, restate)])}
    if a["kind"] == "outsourcing":
        return tr(lang, "{head}. {moved} t CO2e of the base year {base_year} move from scope 1 and 2 to scope 3 "
                  "({pct} %, threshold {threshold} %): moved, not reduced; {done}.",
                  moved=_tonnes(a["moved_to_scope3_t"], lang), **kw)
    return tr(lang, "{head}. Effect on the base year {base_year}: {effect} t CO2e ({pct} %, threshold {threshold} %); "
              "{done}.", effect=_signed_t(a["base_year_effect_t"], lang), **kw)


def sentences(r: Restated, lang: str = "sv") -> list[str]:
    """One sentence per method change and per change: what it is, its effect on the base year, and what was done.

    Parameters
    ----------
    r : Restatement
        The recalculation (anything with its ``policy``, ``base_year``, ``assessment`` and ``method_effects``).
    lang : {"sv", "en"}
    """
    threshold = r.policy.threshold
    out = [] if r.method_effects is None else [method_sentence(e, r.base_year, threshold, lang)
                                               for e in r.method_effects.to_dict("records")]
    out += [_change_sentence(a, r.base_year, threshold, r.policy.restate, lang)
            for a in r.assessment.to_dict("records")]
    return out
