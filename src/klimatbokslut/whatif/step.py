"""What a what-if step is, and the machinery every step shares.

A step changes activity rows and nothing else: :meth:`Step.apply` takes the validated
activity table (as a raw table, see :func:`plain`) and the factor set, and returns a
:class:`StepOutput` with the changed table, the step's extra cost and its notes. The
emissions always come from the engine, run by :class:`~klimatbokslut.whatif.Scenario`.

A new step is a frozen dataclass with ``description`` and ``apply`` (and ``share`` when
:func:`~klimatbokslut.whatif.sweep` should vary it) in a module of this package. It finds
its rows with :func:`select_mask`, moves the switched part into new rows with
:func:`split_rows` and words every problem with :func:`~klimatbokslut.validation.fail`
and :data:`WHAT`.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"activity": ["diesel"], "amount": [100.0], "unit": ["l"], "id": ["a1"]})
>>> out, switched = split_rows(frame, np.array([True]), 0.25, "25% diesel → hvo100")
>>> out[["amount", "id", "whatif"]]
   amount     id               whatif
0    75.0     a1
1    25.0  a1#whatif  25% diesel → hvo100
>>> switched.tolist()
[False, True]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeAlias, runtime_checkable

import numpy as np
import pandas as pd

from .._typing import Selection
from ..catalogue import activities as catalogue_activities
from ..catalogue import get_activity, resolve_activity_name, suggest
from ..errors import InputError
from ..factors import FactorSet
from ..intake.read import validate_frame
from ..intake.table import ActivityTable
from ..validation import check_fraction, fail, selection_mask

__all__ = ["WHAT", "Step", "ShareStep", "StepLike", "StepOutput", "activity_key", "check_share", "select_mask",
           "split_rows", "plain", "prepare"]

#: What every what-if problem is reported as ("1 problem in what-if scenario: ...").
WHAT = "what-if scenario"


@dataclass
class StepOutput:
    """What a step returns: the changed table, its extra cost [SEK] (None: no price), notes, rows changed."""

    frame: pd.DataFrame
    extra_cost_sek: float | None
    notes: list[str]
    rows: int


@runtime_checkable
class Step(Protocol):
    """A step of a scenario: a description and a change of the activity table.

    :class:`~klimatbokslut.whatif.FuelSwitch`, :class:`~klimatbokslut.whatif.ContractSwitch`,
    :class:`~klimatbokslut.whatif.Substitution`, :class:`~klimatbokslut.whatif.N2ODestruction`,
    :class:`~klimatbokslut.whatif.FlightsToTrain` and :class:`~klimatbokslut.whatif.Custom`
    are steps.
    """

    @property
    def description(self) -> str:
        """One line saying what the step does ("100% diesel → hvo100 (energy basis)")."""
        ...

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> StepOutput:
        """The changed activity table, the step's extra cost and its notes."""
        ...


@runtime_checkable
class ShareStep(Step, Protocol):
    """A step acting on a ``share`` (0–1) of its rows: the steps :func:`~klimatbokslut.whatif.sweep` can vary.

    It is a dataclass, so that ``dataclasses.replace(step, share=s)`` makes the step for another share.
    """

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def share(self) -> float:
        """Fraction of the selected rows the step changes [-], 0–1."""
        ...


#: What a scenario accepts as a step: a :class:`Step`, or a function ``frame -> frame``
#: (wrapped in :class:`~klimatbokslut.whatif.Custom`).
StepLike: TypeAlias = "Step | Callable[[pd.DataFrame], pd.DataFrame]"


def check_share(share: Any, column: str = "share") -> float:
    """A share between 0 and 1 as a float, or an :class:`InputError` naming the column.

    Examples
    --------
    >>> check_share(1.5)
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in what-if scenario:
      column 'share', value '1.5': share must be between 0 and 1 (0.3 for 30 %), not 1.5
    """
    return check_fraction(share, column, what=WHAT, example="0.3 for 30 %")


def select_mask(frame: pd.DataFrame, select: Selection | None) -> np.ndarray:
    """Rows of the activity table matching every filter of ``select`` (an unknown column is an error)."""
    return selection_mask(frame, select, what="what-if selection", table="activity")


def activity_key(name: Any, column: str, *, fuel: bool = False, kind: str | None = None) -> str:
    """The catalogue key of an activity name or alias; with ``fuel``/``kind``, checked to be one.

    Examples
    --------
    >>> activity_key("lustgas", "from_activity")
    'n2o'
    >>> activity_key("el", "to_fuel", fuel=True)
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in what-if scenario:
      column 'to_fuel', value 'el': electricity is not a fuel; fuels: diesel, diesel_fossil, petrol, ...
    """
    key = resolve_activity_name(name) if isinstance(name, str) else None
    if key is None:
        hint = suggest(str(name))
        raise fail(column, name, "unknown activity" + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                   what=WHAT)
    act = get_activity(key)
    if fuel and not act.is_fuel:
        fuels = ", ".join(a.key for a in catalogue_activities() if a.is_fuel)
        raise fail(column, name, f"{key} is not a fuel; fuels: {fuels}", what=WHAT)
    if kind and act.kind != kind:
        same = ", ".join(a.key for a in catalogue_activities() if a.kind == kind)
        raise fail(column, name, f"{key} is not a {kind.replace('_', ' ')}; choices: {same}", what=WHAT)
    return key


def prepare(activities: Any) -> ActivityTable:
    """The activities as a validated table (an ActivityTable is validated once, raw rows here); any
    invalid row (a reject of the table) is an :class:`InputError`."""
    table = validate_frame(activities)
    if len(table.rejects):
        raise InputError(table.rejects, what="activities of the what-if scenario")
    return table


def plain(frame: pd.DataFrame | ActivityTable) -> pd.DataFrame:
    """A validated table (or its frame) as a raw table again (no categoricals) for the engine to validate."""
    if isinstance(frame, ActivityTable):
        frame = frame.frame
    out = pd.DataFrame({c: (frame[c].astype(object) if isinstance(frame[c].dtype, pd.CategoricalDtype)
                            else frame[c]) for c in frame.columns})
    return out.reset_index(drop=True)


def split_rows(frame: pd.DataFrame, mask: np.ndarray, share: float, note: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Split the masked rows: the kept part stays, the switched part becomes a new row.

    Returns the new frame and a mask of its switched rows, which carry ``note`` in the
    ``whatif`` column (and an ``id`` suffixed ``#whatif``). With share 1 the rows change
    in place; with share 0 nothing changes.
    """
    frame = frame.copy()
    if "whatif" not in frame.columns:
        frame["whatif"] = ""
    if share == 0.0 or not mask.any():
        return frame, np.zeros(len(frame), dtype=bool)
    if share == 1.0:
        frame.loc[mask, "whatif"] = note
        return frame, mask.copy()
    moved = frame.loc[mask].copy()
    moved["amount"] = moved["amount"].to_numpy(dtype=float) * share
    moved["whatif"] = note
    if "id" in moved.columns:
        ids = moved["id"].astype(object).fillna("").astype(str)
        moved["id"] = np.where(ids != "", ids + "#whatif", "")
    frame.loc[mask, "amount"] = frame.loc[mask, "amount"].to_numpy(dtype=float) * (1.0 - share)
    out = pd.concat([frame, moved], ignore_index=True)
    switched = np.r_[np.zeros(len(frame), dtype=bool), np.ones(len(moved), dtype=bool)]
    return out, switched
