"""The command line's shared parts: the example's folder, writing a ledger's files, the problem table,
reading and calculating an activity file, the --lang and --factors options.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .config import load_config
from .engine import calculate
from .errors import KlimatbokslutError
from .factors import FactorSet, default_factors
from .intake.read import read_activities
from .intake.table import ActivityTable
from .intake.userfactors import apply_factor_files
from .ledger import REPLACED_BY_ACTIVITY
from .text import number, ptr, tr


def _example_dir() -> Path:
    pkg = Path(str(resources.files("klimatbokslut"))) / "example_region"
    if pkg.is_dir():
        return pkg
    repo = Path(__file__).resolve().parents[2] / "examples" / "region"
    if repo.is_dir():
        return repo
    raise KlimatbokslutError(tr("en", "the bundled example region is missing from the installation"))  # an install


def _write_table(frame: pd.DataFrame, path: Path, lang: str) -> Path:
    """A table as CSV: for Swedish Excel (``sv``) or international (``en``)."""
    from .csvout import write_csv

    return write_csv(frame, path, style="sv" if lang == "sv" else "international")


def _write_outputs(ledger, out: Path, *, title: str, lang: str = "sv") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    sv = lang == "sv"
    written = [ledger.to_excel(out / "klimatbokslut_ledger.xlsx"),
               ledger.to_csv(out / "ledger.csv", style="sv" if sv else "international")]
    for name, by in (("summary_scope", ["year", "scope"]), ("summary_category", ["year", "scope", "category"]),
                     ("summary_area", ["year", "area"])):
        written.append(_write_table(ledger.summary(by=by), out / f"{name}.csv", lang))
    written.append(_write_table(ledger.factors_used(), out / "factors_used.csv", lang))
    if len(ledger.rejects):
        written.append(_write_table(ledger.rejects, out / "rejects.csv", lang))
    print(title)
    print(_overview(ledger, lang))
    counts = row_counts(ledger)
    print("\n" + tr(lang, "{usable} rows in the ledger, {replaced} replaced, {rejected} rejected, {read} read; "
                     "GWP {gwp}; factor set {version}", **counts, gwp=ledger.gwp, version=ledger.factor_version))
    years = sorted(int(y) for y in pd.unique(ledger.frame["year"]))
    for year in years:
        left = ledger.left_out(year=year)
        if left:
            print(tr(lang, "{year}: the CO2e figures are {left_out}", year=year, left_out=left.text(lang)))
    unplaced = ledger.left_out()
    placed = sum(ledger.left_out(year=y).rejected for y in years)
    if unplaced.rejected > placed:
        n = unplaced.rejected - placed
        print(tr(lang, "and {n} rejected rows of no readable year or of a year without other rows", n=n))
    for p in written:
        print(tr(lang, "wrote {path}", path=p))
    return written


def row_counts(ledger) -> dict[str, int]:
    """The rows read, usable (in the ledger), replaced (spend rows whose goods have activity-based rows the same
    year: counted by those, neither a problem nor rejected) and rejected; ``validate`` and ``calculate`` say the same.

    ``read == usable + replaced + rejected``.
    """
    rec = ledger.reconcile()
    rej = ledger.rejects
    replaced = int(rej.loc[rej["reason"].astype(object).eq(REPLACED_BY_ACTIVITY), "row"].nunique()) if len(rej) else 0
    return {"read": rec["input_rows"], "usable": rec["ledger_rows"], "replaced": replaced,
            "rejected": rec["rejected_rows"] - replaced}


def _problem_lines(problems: pd.DataFrame, width: int | None = None, lang: str = "sv") -> str:
    """The problems as a table that fits the terminal: row, column and value in fixed columns (a long
    value shortened with …), the reason wrapped under its own column."""
    import shutil
    import textwrap

    width = width or shutil.get_terminal_size((100, 24)).columns
    width = max(width, 60)

    def cell(v: Any, n: int) -> str:
        t = "" if v is None or (isinstance(v, float) and v != v) else str(v)
        return t if len(t) <= n else t[: n - 1] + "…"

    recs = problems.to_dict("records")
    h_row, h_col, h_val, h_reason = (ptr(lang, "problem table", "row"), ptr(lang, "problem table", "column"),
                                     ptr(lang, "problem table", "value"), ptr(lang, "problem table", "reason"))
    w_row = max([len(h_row), *(len(cell(r.get("row"), 8)) for r in recs)])
    w_col = max([len(h_col), *(len(cell(r.get("column"), 14)) for r in recs)])
    w_val = max([len(h_val), *(len(cell(r.get("value"), 24)) for r in recs)])
    lead = w_row + w_col + w_val + 6
    wrap = max(width - lead, 30)
    out = [f"{h_row:>{w_row}}  {h_col:<{w_col}}  {h_val:<{w_val}}  {h_reason}"]
    for r in recs:
        lines = textwrap.wrap(cell(r.get("reason"), 10_000), wrap) or [""]
        out.append(f"{cell(r.get('row'), 8):>{w_row}}  {cell(r.get('column'), 14):<{w_col}}  "
                   f"{cell(r.get('value'), 24):<{w_val}}  {lines[0]}")
        out.extend(" " * lead + line for line in lines[1:])
    return "\n".join(out)


def _overview(ledger, lang: str = "sv") -> str:
    s = ledger.summary(by=["year", "scope"])
    table = s.pivot(index="year", columns="scope", values="co2e_t").fillna(0.0)
    table.columns = [ptr(lang, "overview column", "scope {scope}", scope=c) for c in table.columns]
    table[ptr(lang, "overview column", "total")] = table.sum(axis=1)
    table.index.name = ptr(lang, "overview column", "year")
    return table.map(lambda v: number(v, 1, lang)).to_string()


def _progress(quiet: bool, lang: str = "sv"):
    steps = iter(range(1, 100))

    def say(text: str) -> None:
        if not quiet:
            print(f"[{next(steps)}] {tr(lang, text)} …", file=sys.stderr, flush=True)
    return say


def _factor_set(args) -> FactorSet:
    """The bundled factors with the ``--factors`` files (their activities added to the catalogue)."""
    files = getattr(args, "factors", None) or []
    return apply_factor_files(files) if files else default_factors()


def _config_with_files(path, files: list[str]):
    """The configuration with the ``--factors`` files added to its ``factors_files``."""
    cfg = load_config(path)
    cfg.factors_files = [*cfg.factors_files, *(Path(f).resolve() for f in files or [])]
    return cfg


def _collect(args) -> bool:
    return bool(getattr(args, "lenient", False)) or getattr(args, "on_error", "raise") == "collect"


def _print_notes(acts: ActivityTable, lang: str = "sv") -> None:
    for note in acts.notes:
        print(tr(lang, "note: {note}", note=note))


def _ledger_of(args):
    """The activity file read and calculated, with every problem of the file and of its factors listed in one
    round (as `validate` lists them); (None, None) when there are problems and --on-error collect was not asked."""
    fs = _factor_set(args)
    acts = read_activities(args.file, on_error="collect", sheet=args.sheet)
    ledger = calculate(acts, factors=fs, gwp=args.gwp, scope2_method=args.method, on_error="collect")
    problems = ledger.problems()
    if len(problems) and not _collect(args):
        print(_problem_lines(problems, lang=args.lang))
        rec = ledger.reconcile()
        print("\n" + tr(args.lang, "{n} of {total} rows cannot be used; nothing was written. Correct them, or run with "
                         "--on-error collect to leave them out (what is left out is stated).",
                         n=_rows_with_problems(problems), total=rec["input_rows"]), file=sys.stderr)
        return None, None
    return acts, ledger


def _rows_with_problems(problems: pd.DataFrame) -> int:
    return int(problems["row"].nunique()) if len(problems) else 0


def _add_lang_option(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--lang", default=None, choices=["sv", "en"],
                   help=tr(lang, "the language of the terminal and the files (default: the locale's, else sv): sv "
                                 "writes CSV for Swedish Excel (semicolon, decimal comma, UTF-8 with BOM, Swedish "
                                 "column names), en international CSV (comma, decimal point)"))


def _add_factors_option(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--factors", action="append", metavar=tr(lang, "FILE"), default=[],
                   help=tr(lang, "a factor file (TOML or CSV) with activities of your own, their factors and sources "
                                 "(repeatable), e.g. --factors egna_faktorer.toml"))
