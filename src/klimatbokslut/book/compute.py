"""A year's ledger from a book's stored contributions: the same reading and calculation as a report
from the files (``report.build``), over the bytes the book keeps.

Each contribution's bytes are written to a temporary file with the contribution's own name (the
reader chooses by the suffix), read with ``on_error="collect"`` and calculated with the
configuration's settings. Several contributions are joined as a report joins several files
(their rejects name the file).
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..engine import calculate
from ..intake.read import read_activities
from ..intake.table import ActivityTable
from ..ledger import Ledger


def read_contribution(name: str, content: bytes) -> ActivityTable:
    """The activity table of a stored contribution (bad rows collected, never raised)."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / Path(name).name
        path.write_bytes(content)
        return read_activities(path, on_error="collect")


def factor_set_with(factors, contributions: Iterable[Mapping[str, Any]], *, already: Iterable[str] = ()):
    """``factors`` with the book's own factor files (contributions of kind ``factors``) applied.

    ``already``: sha256 of factor files ``factors`` holds already (a configuration's ``factors_files``);
    a contribution with the same content is not applied twice.
    """
    from ..intake.userfactors import apply_factor_files  # reads activities too: imported on use

    skip = set(already)
    files = [c for c in contributions if c["kind"] == "factors" and c["sha256"] not in skip]
    if not files:
        return factors
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for c in files:
            p = Path(d) / str(c["id"]) / Path(c["name"]).name     # the file's own name: factor ids are made of it
            p.parent.mkdir()
            p.write_bytes(c["content"])
            paths.append(p)
        return apply_factor_files(paths, factors)


def settings_of(cfg) -> dict[str, Any]:
    """The calculation settings of a configuration, as :func:`klimatbokslut.calculate` takes them."""
    return dict(gwp=cfg.gwp, scope2_method=cfg.scope2_method, radiative_forcing=cfg.radiative_forcing,
                price_index=cfg.price_index_map())


def year_table(contributions: Sequence[Mapping[str, Any]]) -> ActivityTable | None:
    """One activity table of a year's activity contributions (None when there is none).

    A year is calculated as one table, so that what the engine decides across rows (a spend-based row
    replaced by activity-based rows of the same goods and year, never counted twice) holds across the
    departments' files. Rejected rows name their file.
    """
    tables = _tables(contributions)
    if not tables:
        return None
    if len(tables) == 1:
        return tables[0][1]
    frame = pd.concat([t.frame for _, t in tables], ignore_index=True)
    rejects = pd.concat([t.rejects.assign(file=Path(c["name"]).name) for c, t in tables if len(t.rejects)]
                        or [tables[0][1].rejects], ignore_index=True)
    first = tables[0][1]
    return dataclasses.replace(first, frame=frame, rejects=rejects, notes=tuple(n for _, t in tables for n in t.notes),
                               source=None, sha256=None, blank_rows=sum(t.blank_rows for _, t in tables),
                               input_rows=sum(t.input_rows for _, t in tables))


def _tables(contributions: Sequence[Mapping[str, Any]]) -> list[tuple[Mapping[str, Any], ActivityTable]]:
    return [(c, read_contribution(c["name"], c["content"])) for c in contributions if c["kind"] == "activities"]


def _name_files(rejects: pd.DataFrame, tables: list[tuple[Mapping[str, Any], ActivityTable]]) -> pd.DataFrame:
    """The rejects with the file of each row: a row the engine left out is found by its row number, activity
    and year in the contribution that holds it."""
    if not len(rejects):
        return rejects
    files = rejects["file"].astype(object).tolist() if "file" in rejects.columns else [None] * len(rejects)
    for i, r in enumerate(rejects.itertuples(index=False)):
        if isinstance(files[i], str) and files[i]:
            continue
        for c, t in tables:
            f = t.frame
            hit = (f["row"] == r.row) & (f["year"] == getattr(r, "input_year", None)) & \
                (f["activity"].astype(str) == str(getattr(r, "input_activity", "")))
            if bool(hit.any()):
                files[i] = Path(c["name"]).name
                break
    return rejects.assign(file=pd.Series(files, index=rejects.index, dtype=object))


def ledger_of(contributions: Sequence[Mapping[str, Any]], factors, settings: Mapping[str, Any]
              ) -> tuple[pd.DataFrame, Ledger] | None:
    """The activity rows and the ledger of one year's contributions (None without activity contributions)."""
    acts = year_table(contributions)
    if acts is None:
        return None
    led = calculate(acts, factors=factors, **settings)
    if len(led.rejects):
        led = led.replace(rejects=_name_files(led.rejects, _tables(contributions)))
    inputs = {Path(c["name"]).name: c["sha256"] for c in contributions if c["kind"] == "activities"}
    return acts.frame, led.replace(inputs=inputs)
