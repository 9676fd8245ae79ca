"""``book verify``: the hash chain re-computed over every closing, each closed year re-read, and with
``recompute`` each closed year recalculated from its stored inputs and stored factors."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import text

from .chain import closing_hash
from .frames import row_hashes
from .reading import stored_rows
from .schema import LEDGER_KINDS


def verify(book: Any, *, recompute: bool = False, config=None) -> list[str]:
    """Every problem found, each naming the year, the table and the row (empty: the book is intact)."""
    problems: list[str] = []
    with book.engine.connect() as c:
        closings = [dict(r) for r in c.execute(text(
            "SELECT id, seq, year, prev_hash, hash, header, row_count FROM closings ORDER BY seq")).mappings()]
        c.rollback()
    prev = ""
    for i, cl in enumerate(closings, start=1):
        y = cl["year"]
        if int(cl["seq"]) != i or cl["prev_hash"] != prev:
            problems.append(f"{y}: table closings, closing {cl['id']}: the chain link to the closing before is broken")
        try:
            header = json.loads(cl["header"])
        except ValueError:
            problems.append(f"{y}: table closings, closing {cl['id']}: the header is not readable")
            prev = cl["hash"]
            continue
        cols = stored_rows(book, int(cl["id"]), with_hash=True)
        if len(cols["row"]) != int(cl["row_count"]):
            problems.append(f"{y}: table ledger_rows, closing {cl['id']}: {len(cols['row'])} rows stored, "
                            f"{cl['row_count']} closed")
        positions = cols.pop("pos")
        stored_hashes = np.asarray(cols.pop("row_hash"), dtype=np.int64)
        if closing_hash(cl["prev_hash"], header, cols) != cl["hash"]:
            changed = _changed_rows(cols, stored_hashes, positions)
            where = (", ".join(f"row {r}" for r in changed[:20]) if changed
                     else "a header value or row order (no single row differs from its row hash)")
            problems.append(f"{y}: table ledger_rows/closings, closing {cl['id']}: content differs from the hash "
                            f"at {where}")
        prev = cl["hash"]
        if recompute and not problems:
            problems += _recomputed(book, cl, header, cols, config)
    return problems


def _changed_rows(cols: dict[str, list[Any]], stored: np.ndarray, positions: list[Any]) -> list[str]:
    """Ledger rows (``pos`` and the input ``row``) whose content no longer matches their row hash."""
    if not len(stored):
        return []
    now = row_hashes(cols)
    bad = np.flatnonzero(now != stored)
    return [f"{int(positions[i]) + 1} (input row {cols['row'][i]})" for i in bad]


def _recomputed(book: Any, cl: dict[str, Any], header: dict[str, Any], cols: dict[str, list[Any]],
                config) -> list[str]:
    """Recalculate a closed year from its stored contributions and settings; name every differing cell."""
    from ..config import load_config
    from .compute import ledger_of
    from .frames import stored_columns

    y = int(cl["year"])
    ids = [c["id"] for c in header["contributions"]]
    contribs = [c for c in book.contributions(y, include_superseded=True, content=True) if c["id"] in ids]
    s = header["settings"]
    settings = {"gwp": s["gwp"], "scope2_method": s["scope2_method"], "radiative_forcing": s["radiative_forcing"],
                "price_index": {int(k): float(v) for k, v in (s.get("price_index") or {}).items()} or None}
    if config is not None:
        from .closing import config_factor_sha
        from .compute import factor_set_with, settings_of

        cfg = load_config(config)
        factors = factor_set_with(cfg.factor_set(), contribs, already=config_factor_sha(cfg))
        settings = settings_of(cfg)
    else:
        factors = stored_factors(s.get("own_factor_files", {}))
    out_ = ledger_of(contribs, factors, settings)
    if out_ is None:
        return [f"{y}: table contributions: the closing's contributions are missing"]
    led = out_[1]
    again, _ = stored_columns(led.frame)
    out = []
    if len(again["row"]) != len(cols["row"]):
        return [f"{y}: table ledger_rows: recalculated {len(again['row'])} rows, stored {len(cols['row'])}"]
    for name in LEDGER_KINDS:
        a, b = pd.Series(again[name], dtype=object), pd.Series(cols[name], dtype=object)
        same: Any = (a == b) | (a.isna() & b.isna())
        if LEDGER_KINDS[name] == "f":
            fa, fb = pd.to_numeric(a, errors="coerce"), pd.to_numeric(b, errors="coerce")
            same = np.isclose(fa, fb, rtol=1e-12, atol=0.0, equal_nan=True)
        for i in np.flatnonzero(~np.asarray(same, dtype=bool))[:20]:
            out.append(f"{y}: table ledger_rows, row {i + 1} (input row {cols['row'][i]}), column {name}: "
                       f"stored {b[i]!r}, recalculated {a[i]!r}")
    if s.get("factor_version") != led.factor_version:
        out.append(f"{y}: table closings: factor version stored {s.get('factor_version')!r}, "
                   f"recalculated with {led.factor_version!r}")
    return out


def stored_factors(own: dict[str, str]):
    """The bundled factor set with the closing's stored own factor files applied (as they were at closing)."""
    import tempfile
    from pathlib import Path

    from ..factors import default_factors
    from ..intake.userfactors import apply_factor_files

    if not own:
        return default_factors()
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, (name, body) in enumerate(sorted(own.items())):
            p = Path(d) / str(i) / name.split(":")[-1]      # the file's own name: factor ids are made of it
            p.parent.mkdir()
            p.write_text(body, encoding="utf-8")
            paths.append(p)
        return apply_factor_files(paths)
