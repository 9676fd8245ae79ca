"""The validated activity table: :class:`ActivityTable`.

What :func:`klimatbokslut.read_activities` returns and :func:`klimatbokslut.calculate`, the
what-if functions and scenarios take: the valid rows, the rows that could not be used with
their reasons, the notes of the reading, and where the rows came from. A table is never
validated twice: :func:`klimatbokslut.calculate` takes its rows as they are.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> acts = kb.read_activities(pd.DataFrame({"activity": ["diesel", "kol"], "amount": [10, 5],
...                                         "unit": ["l", "kg"], "year": [2024, 2024]}), on_error="collect")
>>> acts
ActivityTable(1 row, 1 reject, source=None, on_error='collect')
>>> len(acts), acts.frame["activity"].astype(str).tolist(), acts.rejects["reason"].str[:16].tolist()
(1, ['diesel'], ['unknown activity'])
>>> len(acts.without_rejects().rejects)
0
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from ..errors import FAILURE_COLUMNS

__all__ = ["ActivityTable", "empty_rejects"]


def empty_rejects() -> pd.DataFrame:
    """A rejects table without rows: the columns row, column, value, reason."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in FAILURE_COLUMNS})


@dataclass(frozen=True, eq=False, repr=False)
class ActivityTable:
    """Validated activity rows, the rows that could not be used, and where they came from.

    Frozen: a variant is a new table, made with :meth:`with_frame`, :meth:`without_rejects`
    or :func:`dataclasses.replace`.

    Attributes
    ----------
    frame : pandas.DataFrame
        The valid rows in canonical columns (``row, id, activity, amount, unit, year, org_unit,
        ...`` and any extra columns); ``amount`` is float in ``unit``, ``year`` int.
    rejects : pandas.DataFrame
        One line per failure: ``row, column, value, reason`` and the raw cells of the row
        (``input_activity, input_amount, input_unit, input_year``). Empty when every row
        could be used (always empty when read with ``on_error="raise"``).
    notes : tuple of str
        What the reading noticed and handled (e.g. a line with trailing fields missing, read
        as empty).
    source : str or None
        The file read (its path as given), or None for a DataFrame.
    sha256 : str or None
        The sha256 of the file's bytes (hex), recorded in the ledger's provenance.
    on_error : {"raise", "collect"}
        How the table was read; :func:`klimatbokslut.calculate` collects by default when
        the table was read with ``"collect"``.
    blank_rows : int
        Completely empty lines of the input, which are not rows.
    input_rows : int
        Rows validated (the input without its blank lines): every one is in ``frame`` or in
        ``rejects``.
    encoding, separator : str or None
        The encoding and field separator of a CSV file (None for other inputs).
    sheet : str, int or None
        The sheet of an Excel workbook (None for other inputs).
    """

    frame: pd.DataFrame
    rejects: pd.DataFrame = field(default_factory=empty_rejects)
    notes: tuple[str, ...] = ()
    source: str | None = None
    sha256: str | None = None
    on_error: Literal["raise", "collect"] = "raise"
    blank_rows: int = 0
    input_rows: int = 0
    encoding: str | None = None
    separator: str | None = None
    sheet: str | int | None = None

    def __len__(self) -> int:
        """The number of valid rows."""
        return len(self.frame)

    def __repr__(self) -> str:
        n, k = len(self.frame), len(self.rejects)
        return (f"ActivityTable({n} row{'' if n == 1 else 's'}, {k} reject{'' if k == 1 else 's'}, "
                f"source={self.source!r}, on_error={self.on_error!r})")

    def with_frame(self, frame: pd.DataFrame) -> ActivityTable:
        """The same table with other valid rows: a selection or a copy of :attr:`frame`.

        The rows are taken as validated (they are not checked again), so ``frame`` must come
        from this table's frame (filtered, sorted, copied); rows of another origin go through
        :func:`klimatbokslut.read_activities`. The rejects, notes and source stay.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> acts = kb.read_activities(pd.DataFrame({"activity": ["diesel", "el"], "amount": [10, 5],
        ...                                         "unit": ["l", "MWh"], "year": [2023, 2024]}))
        >>> len(acts.with_frame(acts.frame[acts.frame["year"] == 2024]))
        1
        """
        return dataclasses.replace(self, frame=frame)

    def without_rejects(self) -> ActivityTable:
        """The same table with no rejects (rows left out and stated elsewhere)."""
        return dataclasses.replace(self, rejects=empty_rejects())
