"""Row accounting: where every input row went (ledger, rejects, unvalued) and what a figure leaves out.

A row either lands in the ledger (with CO2e, or *unvalued* when no emission factor fits
it, keeping its quantities) or in the rejects with a reason; :func:`reconcile` shows that
no row was lost and :func:`left_out` what a CO2e figure does not include. The functions
take any :class:`~klimatbokslut.ledger.protocol.RowSource`; :class:`~klimatbokslut.ledger.Ledger`
calls them for its methods of the same names.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> led = kb.calculate(pd.DataFrame({"activity": ["el", "kol"], "amount": [1, 1], "unit": ["kWh", "kg"],
...                                   "year": [2024, 2024]}), on_error="collect")
>>> reconcile(led)
{'input_rows': 2, 'ledger_rows': 1, 'rejected_rows': 1, 'balanced': True}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import FAILURE_COLUMNS
from ..text import N_, number, voice
from ..units import Q_, kind_of, normalise_unit_text, parse_numbers, parse_unit
from ..validation import as_list, isin_mask
from .protocol import RowSource

#: The reason of a spend row replaced by activity-based rows of the same goods and year (engine.run).
REPLACED_BY_ACTIVITY = N_("replaced by activity-based rows for the same goods and year (not counted twice)")


def _replaced(rejects: pd.DataFrame) -> np.ndarray:
    """Rows of the rejects that were replaced, not refused (their emissions are counted by other rows)."""
    return rejects["reason"].astype(object).eq(REPLACED_BY_ACTIVITY).to_numpy()


def _plain_number(v: float) -> str:
    """An amount as Swedish text, as written in :attr:`LeftOut.rejected_amounts`: ``39700.0`` -> ``"39 700"``,
    ``2.5`` -> ``"2,5"`` (whole from 100 or when whole, else at most two decimals).

    Examples
    --------
    >>> _plain_number(39700.0), _plain_number(2.5), _plain_number(2.0), _plain_number(0.125)
    ('39 700', '2,5', '2', '0,12')
    """
    if abs(v) >= 100 or float(v).is_integer():
        return number(v, 0, "sv")
    shown = number(v, 2, "sv")
    return shown.rstrip("0").rstrip(",") if "," in shown else shown


@dataclass(frozen=True)
class LeftOut:
    """What a CO2e figure leaves out: ledger rows without an emission factor (see :meth:`Ledger.left_out`).

    Attributes
    ----------
    rows : int
    energy_mwh : float
        Their energy [MWh] (0 when they are not energy).
    energy_share : float
        Their share of the selection's energy [-]; NaN when the selection has no energy.
    activities, reasons : tuple of str
    """

    rows: int
    energy_mwh: float
    energy_share: float
    activities: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    #: Input rows that were rejected (``on_error="collect"``): not in the ledger at all.
    rejected: int = 0
    #: What the rejected rows held, as written: ``("Fjärrvärme 39 700 MWh", ...)`` per activity and unit.
    rejected_amounts: tuple[str, ...] = ()
    #: Their energy where their unit is one of energy [MWh].
    rejected_mwh: float = 0.0

    def __bool__(self) -> bool:
        return self.rows > 0 or self.rejected > 0

    def text(self, lang: str = "en", *, lead: bool = True) -> str:
        """One clause for a headline: ``"excluding 2 rows without an emission factor (39 700 MWh, 12 % of the
        energy)"`` (without "excluding" when ``lead`` is False); empty when nothing is left out."""
        return left_out_text(self, lang, lead=lead)


def _left_out_amount(v: float, lang: str) -> str:
    """An energy [MWh] or a percentage of :func:`left_out_text`: whole from 10, else one decimal."""
    return number(v, 0 if abs(v) >= 10 else 1, lang)


def _unvalued_clause(lo: LeftOut, lang: str) -> str:
    """The rows without an emission factor, with their energy and its share when known."""
    v = voice(lang)
    if not lo.energy_mwh:
        return v.ngettext("{n} row without an emission factor", "{n} rows without an emission factor", lo.rows)
    mwh = _left_out_amount(lo.energy_mwh, lang)
    if lo.energy_share != lo.energy_share:
        return v.ngettext("{n} row without an emission factor ({mwh} MWh)",
                          "{n} rows without an emission factor ({mwh} MWh)", lo.rows, mwh=mwh)
    return v.ngettext("{n} row without an emission factor ({mwh} MWh, {pct} % of the energy)",
                      "{n} rows without an emission factor ({mwh} MWh, {pct} % of the energy)", lo.rows,
                      mwh=mwh, pct=_left_out_amount(100 * lo.energy_share, lang))


def _rejected_clause(lo: LeftOut, lang: str) -> str:
    """The rejected rows, with up to four of the amounts they held."""
    v = voice(lang)
    shown = list(lo.rejected_amounts[:4])
    if len(lo.rejected_amounts) > 4:
        shown.append(v.gettext("{more} more", more=len(lo.rejected_amounts) - 4))
    if not shown:
        return v.ngettext("{n} rejected row", "{n} rejected rows", lo.rejected)
    return v.ngettext("{n} rejected row ({amounts})", "{n} rejected rows ({amounts})", lo.rejected,
                      amounts="; ".join(shown))


def left_out_text(lo: LeftOut, lang: str = "en", *, lead: bool = True) -> str:
    """The words of :meth:`LeftOut.text`: one clause for a headline, in Swedish (``"sv"``) or English.

    Parameters
    ----------
    lo : LeftOut
    lang : {"sv", "en"}
    lead : bool
        Begin with "excluding" (``False``: the list of what is left out alone, for a sentence that
        says "left out: …" itself).

    Examples
    --------
    >>> left_out_text(LeftOut(rows=2, energy_mwh=39700.0, energy_share=0.12), "sv")
    'exklusive 2 rader utan emissionsfaktor (39 700 MWh, 12 % av energin)'
    >>> left_out_text(LeftOut(rows=0, energy_mwh=0.0, energy_share=float("nan"), rejected=1))
    'excluding 1 rejected row'
    >>> left_out_text(LeftOut(rows=1, energy_mwh=0.0, energy_share=float("nan"), rejected=1), lead=False)
    '1 row without an emission factor and 1 rejected row'
    """
    if not lo:
        return ""
    v = voice(lang)
    if lo.rows and lo.rejected:
        # TRANSLATORS: what a CO2e figure leaves out: rows without an emission factor, and rejected rows.
        both = v.gettext("{unvalued} and {rejected}", unvalued=_unvalued_clause(lo, lang),
                         rejected=_rejected_clause(lo, lang))
    else:
        both = _unvalued_clause(lo, lang) if lo.rows else _rejected_clause(lo, lang)
    # TRANSLATORS: the start of a headline's clause: "excluding 2 rows without an emission factor".
    return v.gettext("excluding {left_out}", left_out=both) if lead else both


def rejected_rows(rejects: pd.DataFrame) -> int:
    """Number of distinct input rows in a rejects table.

    Examples
    --------
    >>> rejected_rows(pd.DataFrame({"row": [3, 3, 5]}))
    2
    """
    if not len(rejects):
        return 0
    # rows of several files (a ``file`` column) are told apart by their file
    keys = [c for c in ("file", "row") if c in rejects.columns]
    return int(len(rejects[keys].drop_duplicates()))


def unvalued_mask(frame: pd.DataFrame) -> np.ndarray:
    """Which ledger rows have no CO2e (their ``unvalued_reason`` is set)."""
    if "unvalued_reason" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame["unvalued_reason"].astype(object).fillna("").astype(str).ne("").to_numpy()


def unvalued_rows(frame: pd.DataFrame) -> int:
    """Number of ledger rows without CO2e."""
    return int(unvalued_mask(frame).sum())


def problems(rejects: pd.DataFrame, unvalued: pd.DataFrame | None) -> pd.DataFrame:
    """The rejects and the rows kept without an emission factor, sorted by row (see :meth:`Ledger.problems`)."""
    if len(rejects) and "reason" in rejects.columns:   # spend rows whose goods are counted in litres: no problem
        rejects = rejects[~_replaced(rejects)]
    parts = [t for t in (rejects, unvalued) if t is not None and len(t)]
    if not parts:
        return pd.DataFrame(columns=FAILURE_COLUMNS)
    return pd.concat(parts, ignore_index=True).sort_values("row", kind="stable").reset_index(drop=True)


def left_out(led: RowSource, **filters) -> LeftOut:
    """What the CO2e figures of a selection leave out (see :meth:`Ledger.left_out`)."""
    f = led.frame
    keep = np.ones(len(f), dtype=bool)
    for key, value in filters.items():
        if value is None:
            continue
        if key not in f.columns:
            raise KeyError(f"cannot filter on {key!r}; columns: {', '.join(map(str, f.columns))}")
        keep &= isin_mask(f[key], as_list(value), len(f))
    un = unvalued_mask(f) & keep
    energy = f["energy_mj"].to_numpy(dtype=float) if "energy_mj" in f.columns else np.full(len(f), np.nan)
    left = float(np.nansum(energy[un])) / 3600.0
    whole = float(np.nansum(energy[keep])) / 3600.0
    acts = f.loc[un, "activity"].astype(object).astype(str) if un.any() else pd.Series(dtype=object)
    reasons = f.loc[un, "unvalued_reason"].astype(object).astype(str) if un.any() else pd.Series(dtype=object)
    rejected, amounts, mwh = rejected_amounts(led.rejects, filters)
    return LeftOut(rows=int(un.sum()), energy_mwh=left, energy_share=left / whole if whole else float("nan"),
                   activities=tuple(sorted(set(acts))), reasons=tuple(sorted(set(reasons))),
                   rejected=rejected, rejected_amounts=amounts, rejected_mwh=mwh)


def rejected_amounts(rejects: pd.DataFrame, filters: dict[str, Any]) -> tuple[int, tuple[str, ...], float]:
    """The rejected input rows of a selection, what they held and their energy [MWh].

    Rejected rows are not in the ledger: only a year can select them (from the year
    cell as written); a selection on any other column cannot say which rejected rows
    it would have held, so it counts none of them.
    """
    r = rejects
    if not len(r) or "row" not in r.columns:
        return 0, (), 0.0
    if any(v is not None and k != "year" for k, v in filters.items()):
        return 0, (), 0.0
    if "reason" in r.columns:   # counted by the activity-based rows that replaced them: not left out
        r = r[~_replaced(r)]
    first = r.drop_duplicates("row", keep="first")
    years = filters.get("year")
    if years is not None and "input_year" in first.columns:
        wanted = {str(int(y)) for y in as_list(years)}
        written = first["input_year"].astype(object).map(lambda v: str(v).strip().split(".")[0]
                                                         if v is not None and v == v else "")
        first = first[written.isin(wanted).to_numpy()]
    if not len(first):
        return 0, (), 0.0
    if not {"input_activity", "input_amount", "input_unit"} <= set(first.columns):
        return len(first), (), 0.0
    amount, problems = parse_numbers(first["input_amount"].astype(object))
    texts: list[str] = []
    mwh = 0.0
    groups: dict[tuple[str, str], list[float]] = {}
    for act, unit, raw, value, bad in zip(first["input_activity"], first["input_unit"], first["input_amount"],
                                          amount, problems):
        act, unit = (str(x if x == x and x is not None else "").strip() for x in (act, unit))
        if bad is not None and bad == bad:   # not a number: shown as written
            texts.append(f"{act or '?'} {raw} {unit}".strip())
            continue
        groups.setdefault((act or "?", unit), []).append(float(value))
    for (act, unit), known in groups.items():
        total = sum(known)
        texts.append(f"{act} {_plain_number(total)} {unit}".strip())
        try:
            if known and kind_of(parse_unit(normalise_unit_text(unit))) == "energy":
                mwh += float(Q_(total, normalise_unit_text(unit)).to("MWh").magnitude)
        except Exception:  # an unreadable unit is why the row was rejected: no energy to count
            pass
    return len(first), tuple(texts), mwh


def reconcile(led: RowSource) -> dict[str, int]:
    """``input_rows == ledger_rows + rejected_rows``, and the unvalued rows (see :meth:`Ledger.reconcile`)."""
    ledger_rows = len(led.frame)
    rejected = rejected_rows(led.rejects)
    out = {"input_rows": int(led.input_rows), "ledger_rows": ledger_rows, "rejected_rows": rejected,
           "balanced": bool(led.input_rows == ledger_rows + rejected)}
    unvalued = unvalued_rows(led.frame)
    if unvalued:
        out["unvalued_rows"] = unvalued
    return out
