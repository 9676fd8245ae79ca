"""What a contribution's file holds, checked before it is stored: rows of the right year, what reading said."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import BookError
from ..intake.read import read_activities


def check_contribution(path: Path, year: int, kind: str) -> tuple[int, int, dict[str, Any]]:
    """Rows read, rows rejected and the reading's report (notes, rejected rows) of a contribution file.

    Raises
    ------
    BookError
        Unknown kind, or rows of another year than ``year`` (every such row named).
    """
    if kind == "factors":
        from ..intake.userfactors import read_factor_file

        read_factor_file(path)         # raises with every problem of the file
        return 0, 0, {"notes": [], "rejects": []}
    if kind != "activities":
        raise BookError(f"contribution kind {kind!r}: use 'activities' or 'factors'")
    acts = read_activities(path, on_error="collect")
    f = acts.frame
    other = f[f["year"] != year]
    if len(other):
        rows = ", ".join(f"row {int(r)} ({int(y)})" for r, y in zip(other["row"], other["year"]))
        raise BookError(f"{path.name}: {len(other)} rows are not of {year}: {rows}; a contribution holds one "
                        "year's rows (add the others to their own year)")
    rejects = acts.rejects.astype(object).where(acts.rejects.notna(), None).astype(str).to_dict("records")
    return int(len(f) + len(acts.rejects["row"].unique()) if len(acts.rejects) else len(f)), \
        int(acts.rejects["row"].nunique()) if len(acts.rejects) else 0, \
        {"notes": [str(n) for n in acts.notes], "rejects": rejects}
