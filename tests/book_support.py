"""Shared pieces of the book tests: the example region's contributions and a small configuration."""

from __future__ import annotations

from pathlib import Path

import klimatbokslut as kb

ROOT = Path(__file__).resolve().parents[1]
REGION = ROOT / "examples" / "region"
FILES = REGION / "bokslut"
DEPARTMENTS = {"fastigheter": "Regionfastigheter", "fordon": "Regionservice", "resor": "HR och resor",
               "inkop": "Ekonomi och upphandling"}


def small_config(tmp: Path, **extra) -> dict:
    """The example's settings (AR6, market-based, radiative forcing) without targets and Monte Carlo: a close
    that takes a fraction of a second."""
    return {"organisation": {"name": "Region Exempelby"}, "report_year": 2024,
            "activities": str(REGION / "aktiviteter.csv"),
            "gwp": "AR6", "scope2_method": "market", "radiative_forcing": True,
            "uncertainty": {"enabled": False}, **extra}


def add_year(book: kb.Book, year: int, *, skip: tuple[str, ...] = ()) -> None:
    """The four departments' files of ``year``."""
    for key, who in DEPARTMENTS.items():
        if key not in skip:
            book.add(year, FILES / f"{key}_{year}.csv", by=who, area=key)
