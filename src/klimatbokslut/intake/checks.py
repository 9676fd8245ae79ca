"""Column and cell checks of an activity table: every failure of every row, collected.

Each check works on whole columns and on the distinct values of a column (an activity name,
a unit, a year is resolved once, not once per row) and adds its failures to a
:class:`~klimatbokslut.validation.CellFailures`, each naming the row, the column, the value
and the reason. :func:`check_rows` runs them all in order; :meth:`Checked.columns` gives the
valid rows' columns in canonical spelling.

Examples
--------
>>> import pandas as pd
>>> from klimatbokslut.validation import CellFailures
>>> df = pd.DataFrame({"row": [2, 3], "activity": ["Diesel", "dissel"], "amount": ["1 000,5", "2"],
...                    "unit": ["l", "l"], "year": ["2024", "2024"]})
>>> fails = CellFailures(df["row"].to_numpy())
>>> checked = check_rows(fails, df, *distinct(df["activity"]))
>>> fails.table()[["row", "column", "value"]].values.tolist()
[[3, 'activity', 'dissel']]
>>> checked.amount.tolist(), checked.act.per_row.tolist()
([1000.5, 2.0], ['diesel', None])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ..catalogue import (
    OWNERSHIP,
    PURPOSES,
    TRAVEL_KINDS,
    bracket_conflict,
    flight_band_of,
    get_activity,
    resolve_activity_name,
    suggest,
)
from ..errors import UnitError
from ..text import N_, tr
from ..units import EXAMPLE_UNITS, kind_of, normalise_unit_text, parse_numbers, parse_unit
from ..validation import CellFailures
from .attributes import check_attributes
from .columns import OPTIONAL, YEAR_RANGE
from .names import CONTRACTS, OWN_CONTRACT, contract_code
from .travel import BANDS, CABINS, normalise_band, normalise_cabin

#: The language of a failure's reason: the failures table is data and stays English (its sentences are
#: catalog messages, so they can be translated at the edge later).
REASONS = "en"

__all__ = ["Checked", "categorical", "check_rows", "distinct", "empty_mask", "is_text_like"]

#: Yes and no as a correction, round_trip or attribute cell says them.
_TRUE = {"1", "true", "yes", "ja", "x", "sant", "korrigering", "correction"}
_FALSE = {"", "0", "false", "no", "nej", "falskt"}
#: round_trip values beyond yes/no: a return trip, and a one-way trip.
_ROUND_TRIP = {"t/r", "tur och retur"}
_ONE_WAY = {"enkel"}


def _cells(df: pd.DataFrame, col: str) -> Callable[[], np.ndarray]:
    """The raw cells of a column, when a failure needs them."""
    return lambda: df[col].to_numpy(dtype=object)


class _Activities(NamedTuple):
    """The activity column checked: codes per row, canonical key per distinct value and per row, bad rows."""

    codes: np.ndarray
    canon: np.ndarray
    per_row: np.ndarray
    bad: np.ndarray


def _check_activity(fails: CellFailures, a_codes: np.ndarray, a_text: np.ndarray) -> _Activities:
    """Each distinct activity name resolved once and mapped back with its codes."""
    a_canon = np.array([resolve_activity_name(u) for u in a_text], dtype=object)
    a_reason = np.array([None if c is not None else _activity_reason(u) for u, c in zip(a_text, a_canon)],
                        dtype=object)
    bad_act = np.array([c is None for c in a_canon], dtype=bool)[a_codes]
    fails.add(bad_act, "activity", lambda: a_text[a_codes], lambda: a_reason[a_codes])
    return _Activities(a_codes, a_canon, a_canon[a_codes], bad_act)


def _check_correction(fails: CellFailures, df: pd.DataFrame) -> np.ndarray:
    """The correction marker per row (False without the column)."""
    if "correction" not in df.columns:
        return np.zeros(len(df), dtype=bool)
    c_codes, c_text = distinct(df["correction"], lower=True)
    c_ok = np.array([t in _TRUE | _FALSE for t in c_text])
    fails.add(~c_ok[c_codes], "correction", _cells(df, "correction"),
              tr(REASONS, "correction must be yes/no (ja/nej, 1/0, x or empty)"))
    return np.array([t in _TRUE for t in c_text])[c_codes]


def _check_amount(fails: CellFailures, df: pd.DataFrame, correction: np.ndarray) -> np.ndarray:
    """Amounts as floats; unreadable ones and negative ones not marked as corrections fail."""
    amount, problems = parse_numbers(df["amount"])
    fails.add(pd.notna(problems), "amount", _cells(df, "amount"), problems)
    negative = (amount < 0) & ~correction
    fails.add(negative, "amount", _cells(df, "amount"),
              tr(REASONS, "negative amount; mark an intended correction with correction = yes"))
    return amount


def _check_year(fails: CellFailures, df: pd.DataFrame) -> np.ndarray:
    """Years as numbers (dates give their year), checked on the few distinct values."""
    y_codes, y_uniques = pd.factorize(df["year"], use_na_sentinel=True)
    y_num, _ = parse_numbers(pd.Series([_year_of(v) for v in y_uniques] + [None], dtype=object))
    year_num = y_num[y_codes]
    is_int = np.isfinite(year_num) & (np.floor(np.nan_to_num(year_num)) == year_num)
    fails.add(~is_int, "year", _cells(df, "year"), tr(REASONS, "year must be a whole number, e.g. 2024"))
    out_of_range = is_int & ((year_num < YEAR_RANGE[0]) | (year_num > YEAR_RANGE[1]))
    fails.add(out_of_range, "year", _cells(df, "year"), tr(REASONS, "year out of range {first}–{last}",
                                                                  first=YEAR_RANGE[0], last=YEAR_RANGE[1]))
    return year_num


def _check_unit(fails: CellFailures, df: pd.DataFrame, act: _Activities, u_codes: np.ndarray,
                u_text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Units checked per distinct (activity, unit) (``u_codes`` per row into ``u_text``, as
    :func:`distinct` gives them); returns the unit codes and normalised texts."""
    u_norm = np.array([normalise_unit_text(u) for u in u_text], dtype=object)
    # Every (activity, unit) pair as one small integer: a table lookup, no hashing of a million rows.
    n_u = len(u_text)
    a_codes = act.codes.astype(np.int64) % (len(act.canon) + 1)     # -1 (missing) -> the last slot
    pair = a_codes * n_u + u_codes % n_u
    seen = np.zeros((len(act.canon) + 1) * n_u, dtype=bool)
    seen[pair] = True
    canon = np.array([*act.canon, None], dtype=object)
    reasons = np.full(len(seen), None, dtype=object)
    for p in np.flatnonzero(seen):
        reasons[p] = _unit_reason(canon[p // n_u], u_norm[p % n_u])
    if any(r is not None for r in reasons):
        bad = np.array([r is not None for r in reasons], dtype=bool)
        ureason = reasons[pair]
        fails.add(bad[pair], "unit", _cells(df, "unit"), ureason)
    return u_codes, u_norm


def _unit_reason(activity: Any, unit: str) -> str | None:
    """Why a unit cannot measure an activity, or None (also for an unknown activity: that fails elsewhere)."""
    if activity is None or pd.isna(activity):
        return None
    if unit == "":
        return tr(REASONS, "empty unit")
    try:
        kind = kind_of(parse_unit(unit))
    except UnitError:
        if _BOTTLE_WORD.match(unit):
            return tr(REASONS, "a number of bottles needs the bottle's volume: write e.g. 'flaskor à 250 ml' "
                      "(the size printed on the bottle)")
        return tr(REASONS, "unknown unit")
    act = get_activity(activity)
    if kind in act.amount_kinds:
        return None
    expected = " or ".join(EXAMPLE_UNITS[k] for k in act.amount_kinds)
    if kind == "volume" and "normal_volume" in act.amount_kinds:
        others = " or the ".join(EXAMPLE_UNITS[k] for k in act.amount_kinds if k != "normal_volume")
        return tr(REASONS, "'{unit}' of a gas is ambiguous (its volume depends on pressure and temperature): if the "
                  "invoice or meter gives the volume at standard conditions (normal cubic metres, 0 °C and 1 atm), "
                  "write Nm3 (Nl for litres); otherwise give the {others} it states", unit=unit, others=others)
    if not kind:
        return tr(REASONS, "a unit of that kind cannot measure {activity}; expected {expected}", activity=activity,
                  expected=expected)
    return tr(REASONS, "a unit of {kind} cannot measure {activity}; expected {expected}", kind=kind.replace("_", " "),
              activity=activity, expected=expected)


_BOTTLE_WORD = re.compile(r"^\s*(?:flaskor|flaska|flask|fl\.?|bottles?)\s*$", re.IGNORECASE)
_BOTTLE = re.compile(r"^\s*(?:flaskor|flaska|flask|fl\.?|bottles?)\s*(?:à|á|a|@|x|om|of|\*)?\s*"
                     r"(\d+(?:[.,]\d+)?)\s*(ml|cl|dl|l)\s*$", re.IGNORECASE)


def _bottles(df: pd.DataFrame) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Bottles with a stated volume ("flaskor à 250 ml") become that volume: the unit cell is replaced by
    the volume's unit, and the returned factor (per row; None when no row counts bottles) multiplies the
    amount. The unit as written is kept in ``unit_as_given``. Also returns the unit codes per row and
    the (replaced) unit text per code, which the unit check uses."""
    u_codes, u_text = distinct(df["unit"])
    size = np.ones(len(u_text))
    unit = u_text.copy()
    for i, t in enumerate(u_text):
        m = _BOTTLE.match(t)
        if m:
            size[i], unit[i] = float(m.group(1).replace(",", ".")), m.group(2).lower()
    if (size == 1.0).all() and (unit == u_text).all():
        return None, u_codes, u_text
    df["unit_as_given"] = u_text[u_codes]
    df["unit"] = unit[u_codes]
    return size[u_codes], u_codes, unit


def _flight_bands(fails: CellFailures, df: pd.DataFrame, a_text: np.ndarray, act: _Activities) -> None:
    """A flight whose name states its band ("Flyg inrikes") gets that band; a name that says only
    "abroad" ("Flyg utrikes") needs a band or a route; a band column that says otherwise fails."""
    stated = np.array([flight_band_of(t) if c == "flight" else None for t, c in zip(a_text, act.canon)],
                      dtype=object)[act.codes]
    has = pd.notna(stated)
    if not has.any():
        return
    if "band" in df.columns:          # each distinct band once, not each row
        b_codes, b_text = distinct(df["band"])
        band_cells = b_text[b_codes]
        given = np.array([normalise_band(b) or b for b in b_text], dtype=object)[b_codes]
    else:
        band_cells = np.full(len(df), "", dtype=object)
        given = band_cells
    route = np.zeros(len(df), dtype=bool)
    for col in ("origin", "destination"):
        if col in df.columns:
            route |= ~empty_mask(df[col])
    names = a_text[act.codes]
    international = has & (stated == "international")
    # reasons per distinct activity name, mapped to the rows
    far = np.array([tr(REASONS, "'{name}' does not say how far: write 'Flyg Europa' (short_haul) or 'Flyg "
                       "interkontinentalt' (long_haul), or give the band (short_haul, long_haul) or origin and "
                       "destination", name=n) for n in a_text], dtype=object)
    fails.add(international & (given == "") & ~route, "activity", names, lambda: far[act.codes])
    said = np.array([tr(REASONS, "the activity '{name}' says {band}; the band column says otherwise", name=n,
                        band="abroad" if flight_band_of(n) == "international" else flight_band_of(n))
                     for n in a_text], dtype=object)
    conflict = has & (given != "") & np.where(international, given == "domestic", given != stated)
    fails.add(conflict, "band", band_cells, lambda: said[act.codes])
    fill = has & ~international & (given == "")
    if fill.any():
        band_cells = band_cells.copy()
        band_cells[fill] = stated[fill]
        df["band"] = band_cells


#: Columns that describe a trip, and the activity kinds they apply to.
_TRIP_COLUMNS = {"purpose": TRAVEL_KINDS, "cabin": frozenset({"flight"}), "band": frozenset({"flight"}),
                 "origin": frozenset({"flight"}), "destination": frozenset({"flight"}),
                 "round_trip": frozenset({"flight"})}


def _check_applies(fails: CellFailures, df: pd.DataFrame, act: _Activities) -> None:
    """A trip's columns on a row they do not describe (a diesel row with purpose "pendling", a train
    with a cabin class) fail: read silently they would change nothing, or the wrong thing."""
    kinds = np.array([get_activity(c).kind if c is not None else "" for c in act.canon], dtype=object)[act.codes]
    for col, applies in _TRIP_COLUMNS.items():
        if col not in df.columns:
            continue
        codes, text = distinct(df[col], lower=True)
        if col == "round_trip":
            filled = ~np.isin(text, list(_FALSE))[codes]
        elif col == "purpose":   # business is what every row is without a purpose: only commuting changes a row
            filled = np.array([PURPOSES.get(t) != "business" for t in text], dtype=bool)[codes]
        else:
            filled = (text != "")[codes]
        bad = filled & ~np.isin(kinds, list(applies)) & ~act.bad
        if bad.any():
            if col == "purpose":
                sentence = N_("{column} applies only to travel rows (flights, trains, cars, hotels), not to "
                              "{activity}; leave it empty on this row")
            else:
                sentence = N_("{column} applies only to flights, not to {activity}; leave it empty on this row")
            reasons = np.array([tr(REASONS, sentence, column=col, activity=a)
                                for a in act.canon], dtype=object)[act.codes]     # per distinct activity
            fails.add(bad, col, _cells(df, col), reasons)


def _check_options(fails: CellFailures, opt: dict[str, tuple[np.ndarray, np.ndarray]], act: _Activities) -> None:
    """The optional columns with a fixed vocabulary, each checked on its distinct values."""

    def check(col: str, ok: Callable[[str], bool], reason: str) -> None:
        codes, text = opt[col]
        bad = np.array([not ok(t) for t in text], dtype=bool)
        if bad.any():
            fails.add(bad[codes], col, lambda: text[codes], reason)

    check("ownership", lambda t: OWNERSHIP.get(t.lower() or "owned") is not None,
          tr(REASONS, "ownership must be one of owned, leased, contracted (ägd, leasad, upphandlad)"))
    c_codes, c_text = opt["contract"]
    c_norm = np.array([contract_code(t) for t in c_text], dtype=object)
    check("contract", lambda t: contract_code(t) in ("", *CONTRACTS) or bool(OWN_CONTRACT.match(contract_code(t))),
          tr(REASONS, "contract must be one of {contracts} (in Swedish e.g. 'förnybar el', 'ursprungsgaranti "
             "vattenkraft', 'residualmix'), the instrument of your own electricity factor row (letters, digits "
             "and _), or empty for residual_mix", contracts=", ".join(CONTRACTS)))
    has_contract = (c_norm != "")[c_codes]
    if has_contract.any():
        takes = np.array([c is not None and get_activity(c).takes_contract for c in act.canon], dtype=bool)
        fails.add(has_contract & ~takes[act.codes] & ~act.bad, "contract", lambda: c_text[c_codes],
                  tr(REASONS, "a contract (guarantees of origin, residual mix) applies only to electricity (and "
                     "electric cars)"))
    check("purpose", lambda t: PURPOSES.get(t.lower()) is not None,
          tr(REASONS, "purpose must be business (tjänsteresa) or commuting (pendling)"))
    check("cabin", lambda t: normalise_cabin(t) is not None,
          tr(REASONS, "cabin must be {cabins} or empty (average passenger)",
             cabins=", ".join(c for c in CABINS if c != "average")))
    check("band", lambda t: normalise_band(t) is not None,
          tr(REASONS, "band must be {bands} or empty", bands=", ".join(BANDS)))
    check("round_trip", lambda t: t.lower() in _TRUE | _FALSE | _ROUND_TRIP | _ONE_WAY,
          tr(REASONS, "round_trip must be yes/no (ja/nej, t/r)"))


def _check_ids(fails: CellFailures, opt: dict[str, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """The id per row; a repeated id fails from its second use on."""
    id_codes, id_text = opt["id"]
    if (id_text == "").all():                  # no ids given: nothing to check
        return np.full(len(id_codes), "", dtype=object)
    ids = id_text[id_codes]
    has_id = ids != ""
    if has_id.any():
        dup = pd.Series(id_codes).duplicated(keep="first").to_numpy() & has_id
        if dup.any():
            first_row = pd.Series(fails.rows[has_id], index=ids[has_id]).groupby(level=0).first()
            reasons = [tr(REASONS, "duplicate id (first used in row {row})", row=first_row.get(v)) if d else None
                       for v, d in zip(ids, dup)]
            fails.add(dup, "id", ids, np.array(reasons, dtype=object))
    return ids


def _optional_codes(df: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Codes and distinct texts of each optional column (one empty value for a column not given)."""
    empty = (np.zeros(len(df), dtype=np.intp), np.array([""], dtype=object))
    return {col: distinct(df[col]) if col in df.columns else empty for col in OPTIONAL if col != "correction"}


def _option_columns(df: pd.DataFrame, opt: dict[str, tuple[np.ndarray, np.ndarray]], good: np.ndarray,
                    correction: np.ndarray) -> dict[str, Any]:
    """The optional columns of the valid rows, in canonical spelling (categoricals of the distinct values)."""

    def cat(col: str, func: Callable[[str], str] = lambda t: t) -> pd.Categorical:
        codes, text = opt[col]
        return categorical(codes[good], np.array([func(t) for t in text], dtype=object))

    out: dict[str, Any] = {}
    for col in ("org_unit", "site", "region", "factor_id", "goods"):
        if col in df.columns and not is_text_like(df[col]):
            out[col] = df[col].to_numpy(dtype=object)[good]
        else:
            out[col] = cat(col)
    out["contract"] = cat("contract", contract_code)
    out["ownership"] = cat("ownership", lambda t: OWNERSHIP.get(t.lower() or "owned") or "")
    out["correction"] = correction[good]
    for col in ("origin", "destination"):
        out[col] = cat(col, str.upper)
    out["cabin"] = cat("cabin", lambda t: (normalise_cabin(t) or "").replace("average", ""))
    rt_codes, rt_text = opt["round_trip"]
    out["round_trip"] = np.array([t.lower() in _TRUE | _ROUND_TRIP for t in rt_text], dtype=bool)[rt_codes][good]
    out["band"] = cat("band", lambda t: normalise_band(t) or "")
    out["purpose"] = cat("purpose", lambda t: PURPOSES.get(t.lower()) or "business")
    return out


_SUMMARY_WORDS = ("summa", "delsumma", "totalt", "total", "sum", "subtotal", "sammanlagt")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?\s*$")


def _activity_reason(text: str) -> str:
    if text == "":
        return tr(REASONS, "empty activity")
    if text.lower().split(" ")[0].rstrip(":") in _SUMMARY_WORDS:
        return tr(REASONS, "a summary row, not an activity (totals are computed from the rows)")
    both = bracket_conflict(text)
    if both:
        return tr(REASONS, "the name and its bracketed part name different activities ({activities}); write the one "
                  "meant", activities=", ".join(both))
    hint = suggest(text)
    if hint:
        return tr(REASONS, "unknown activity; did you mean {names}?", names=", ".join(hint))
    return tr(REASONS, "unknown activity; see `klimatbokslut factors`, or define an activity of your own in a factor "
              "file (--factors FILE)")


def _year_of(value):
    """A year cell as read: dates (Excel dates, ISO date text) give their year."""
    if hasattr(value, "year") and not isinstance(value, (int, float)):
        return value.year
    if isinstance(value, str):
        m = _ISO_DATE.match(value)
        if m:
            return int(m.group(1))
    return value


def is_text_like(s: pd.Series) -> bool:
    """Whether a column holds text (object, string or categorical), not numbers or dates."""
    return s.dtype == object or isinstance(s.dtype, (pd.StringDtype, pd.CategoricalDtype)) or str(s.dtype) == "str"


def distinct(s: pd.Series, lower: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Codes per row and the stripped text of each distinct value; missing values are ''."""
    if isinstance(s.dtype, pd.CategoricalDtype):   # a dictionary-encoded column: its codes, no hashing of cells
        codes, uniques = s.cat.codes.to_numpy(), s.cat.categories
    else:
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
    text = ["" if (u is None or (isinstance(u, float) and u != u)) else str(u).strip() for u in uniques]
    if lower:
        text = [t.lower() for t in text]
    text.append("")                      # code -1 (missing) -> the last entry
    return np.asarray(codes, dtype=np.intp), np.array(text, dtype=object)


def empty_mask(s: pd.Series) -> np.ndarray:
    """True where a cell is missing or only whitespace."""
    if pd.api.types.is_numeric_dtype(s.dtype):
        return s.isna().to_numpy()
    codes, text = distinct(s)
    return (text == "")[codes]


def categorical(codes: np.ndarray, values: np.ndarray) -> pd.Categorical:
    """A Categorical from per-row codes into per-distinct values (values may repeat; -1 = last value)."""
    cats, inverse = np.unique(np.asarray(values, dtype=object).astype(str), return_inverse=True)
    width: type[np.signedinteger[Any]] = np.int8 if len(cats) < 127 else np.int16 if len(cats) < 32767 else np.int32
    small = inverse.ravel().astype(width)
    # code -1 takes the last value (numpy's negative index), as the docstring says
    return pd.Categorical.from_codes(small.take(codes), categories=pd.Index(cats, dtype=object))


class Checked(NamedTuple):
    """What :func:`check_rows` read from every row (valid or not), for :meth:`columns` to keep the valid ones."""

    act: _Activities
    correction: np.ndarray
    amount: np.ndarray
    year: np.ndarray
    u_codes: np.ndarray
    u_norm: np.ndarray
    opt: dict[str, tuple[np.ndarray, np.ndarray]]
    ids: np.ndarray
    attributes: dict[str, Any]

    def columns(self, df: pd.DataFrame, rows: np.ndarray, good: np.ndarray) -> dict[str, Any]:
        """The columns of the rows where ``good``, in canonical spelling (``rows``: the row numbers)."""
        out: dict[str, Any] = {
            "row": rows[good], "id": pd.Series(self.ids[good], dtype=object),
            "activity": categorical(self.act.codes[good], self.act.canon), "amount": self.amount[good],
            "unit": categorical(self.u_codes[good], self.u_norm), "year": self.year[good].astype(np.int64)}
        out.update(_option_columns(df, self.opt, good, self.correction))
        out.update({col: values[good] for col, values in self.attributes.items()})
        return out


def check_rows(fails: CellFailures, df: pd.DataFrame, a_codes: np.ndarray, a_text: np.ndarray) -> Checked:
    """Every check of every row of a canonical frame (``df``; the activity codes and distinct texts as
    :func:`distinct` gives them), failures added to ``fails``.

    Bottles with a stated volume become that volume, and a flight named with its band gets the
    band: ``df`` is changed in place for those (``unit``, ``unit_as_given``, ``band``).
    """
    act = _check_activity(fails, a_codes, a_text)
    correction = _check_correction(fails, df)
    amount = _check_amount(fails, df, correction)
    bottles, u_codes, u_text = _bottles(df)
    if bottles is not None:
        amount = amount * bottles
    year_num = _check_year(fails, df)
    u_codes, u_norm = _check_unit(fails, df, act, u_codes, u_text)
    _flight_bands(fails, df, a_text, act)
    _check_applies(fails, df, act)
    opt = _optional_codes(df)
    _check_options(fails, opt, act)
    ids = _check_ids(fails, opt)
    attributes = check_attributes(fails, df)
    return Checked(act, correction, amount, year_num, u_codes, u_norm, opt, ids, attributes)
