"""What a closing stores beside the ledger rows: settings, totals, target results, uncertainty, rejects.

Computed before the closing's transaction begins (the transaction then only writes), from the
year's current contributions and the configuration.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import ReportConfig, build_target, load_config
from ..errors import BookError, InputError, KlimatbokslutError
from ..ledger import Ledger
from .compute import factor_set_with, ledger_of, settings_of
from .frames import stored_columns


def year_ledger(cfg: ReportConfig, contribs: list[dict[str, Any]], factors=None) -> Ledger:
    """The ledger of one year's contributions with the configuration's settings."""
    fs = factors if factors is not None else factor_set_with(cfg.factor_set(), contribs, already=config_factor_sha(cfg))
    out = ledger_of(contribs, fs, settings_of(cfg))
    if out is None:
        raise BookError("no contribution of activities")
    return out[1]


def config_factor_sha(cfg: ReportConfig) -> set[str]:
    """sha256 of the configuration's own factor files."""
    return {hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in cfg.factors_files}


def manifest_sha256(factors) -> str:
    """sha256 of the factor dataset's manifest (the file name → sha256 table), as canonical JSON."""
    sums = dict(getattr(factors, "checksums", {}) or {})
    return hashlib.sha256(json.dumps(sums, sort_keys=True).encode()).hexdigest()


def prepare_closing(book: Any, year: int, config, contribs: list[dict[str, Any]]) -> tuple[dict, dict]:
    """The closing's header (JSON-ready) and stored ledger columns for ``year``."""
    cfg = config if isinstance(config, ReportConfig) else load_config(config)
    factors = factor_set_with(cfg.factor_set(), contribs, already=config_factor_sha(cfg))
    led = year_ledger(cfg, contribs, factors)
    if len(led.frame) and set(pd.unique(led.frame["year"])) != {year}:
        raise BookError(f"the contributions of {year} hold rows of other years")
    cols, dtypes = stored_columns(led.frame)
    own = {str(Path(p).name): Path(p).read_text(encoding="utf-8") for p in cfg.factors_files}
    own.update({f"{c['id']}:{c['name']}": c["content"].decode("utf-8", "replace")
                for c in contribs if c["kind"] == "factors"})
    totals = led.summary(by=["scope"], year=year) if len(led.frame) else pd.DataFrame()
    rejects = led.rejects.astype(object)
    header: dict[str, Any] = {
        "settings": {"gwp": led.gwp, "scope2_method": led.scope2_method, "radiative_forcing": led.radiative_forcing,
                     "factor_version": led.factor_version, "manifest_sha256": manifest_sha256(factors),
                     "own_factor_files": own, "price_index": dict(cfg.price_index)},
        "ledger": {"input_rows": int(led.input_rows), "blank_rows": int(led.blank_rows), "inputs": led.inputs,
                   "rejects": rejects.where(rejects.notna(), None).astype(str).to_dict("records"),
                   "rejects_columns": [str(c) for c in led.rejects.columns],
                   "unvalued_failures": led.unvalued_failures.astype(str).to_dict("records")},
        "contributions": [{k: c[k] for k in ("id", "kind", "area", "name", "sha256", "added_by", "added_at")}
                          for c in contribs],
        "totals": {"co2e_t": float(led.total(year=year).magnitude) if len(led.frame) else 0.0,
                   "by_scope": totals.astype(object).to_dict("records")},
        "targets": _targets(book, cfg, year, led),
        "uncertainty": _uncertainty(cfg, led, year),
        "dtypes": dtypes,
    }
    return json.loads(json.dumps(header, default=_plain, ensure_ascii=False)), cols


def _plain(v: Any) -> Any:
    if hasattr(v, "item"):
        return v.item()
    return str(v)


def _targets(book: Any, cfg: ReportConfig, year: int, led: Ledger) -> list[dict[str, Any]]:
    """Each ledger target's result for ``year``, read against the closed years before it and this year."""
    from .reading import read_closed

    earlier = [read_closed(book, info) for y, info in book.closed_years().items() if y < year]
    try:
        whole = Ledger.concat([*earlier, led]) if earlier else led
    except (InputError, KlimatbokslutError) as exc:
        return [{"error": str(exc)}]
    out = []
    for i, spec in enumerate(cfg.targets):
        target, _ = build_target(spec, i)
        if not target.reads_ledger:
            out.append({"target": i, "name": spec.get("name", ""), "not_evaluated": "reads the portfolio"})
            continue
        try:
            out.append({"target": i, **target.evaluate(whole, year).to_dict()})
        except (InputError, KlimatbokslutError) as exc:
            out.append({"target": i, "name": spec.get("name", ""), "error": str(exc).replace("\n", " ")})
    return out


def _uncertainty(cfg: ReportConfig, led: Ledger, year: int) -> dict[str, Any] | None:
    if not cfg.uncertainty.enabled or not len(led.frame):
        return None
    from ..uncertainty import simulate

    uc = cfg.uncertainty
    sim = simulate(led, draws=uc.draws, seed=uc.seed, interval=uc.interval, activity_data=uc.activity_data)
    return {"draws": uc.draws, "seed": uc.seed, "interval": uc.interval,
            "totals": sim.summary(by=["year"]).astype(object).to_dict("records")}
