"""A year's ledger from a book's stored contributions: the same reading and calculation as a report
from the files (``report.build``), over the bytes the book keeps.

Each contribution's bytes are written to a temporary file with the contribution's own name (the
reader chooses by the suffix), read with ``on_error="collect"`` and calculated with the
configuration's settings. Several contributions are joined as a report joins several files
(their rejects name the file).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
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
            p = Path(d) / f"{c['id']}_{Path(c['name']).name}"
            p.write_bytes(c["content"])
            paths.append(p)
        return apply_factor_files(paths, factors)


def settings_of(cfg) -> dict[str, Any]:
    """The calculation settings of a configuration, as :func:`klimatbokslut.calculate` takes them."""
    return dict(gwp=cfg.gwp, scope2_method=cfg.scope2_method, radiative_forcing=cfg.radiative_forcing,
                price_index=cfg.price_index_map())


def ledgers_of(contributions: list[Mapping[str, Any]], factors, settings: Mapping[str, Any], *,
               several: bool) -> tuple[list[pd.DataFrame], list[Ledger]]:
    """Activity frames and ledgers of activity contributions, in the order given.

    ``several`` tells whether the whole report joins several files (then rejects name their file,
    as ``report.build`` does).
    """
    frames, ledgers = [], []
    for c in contributions:
        if c["kind"] != "activities":
            continue
        acts = read_contribution(c["name"], c["content"])
        led = calculate(acts, factors=factors, **settings)
        if several and len(led.rejects):
            led = led.replace(rejects=led.rejects.assign(file=Path(c["name"]).name))
        frames.append(acts.frame)
        ledgers.append(led)
    return frames, ledgers
