"""The example region as a book: 2021–2023 closed, 2024 open with the contributions of four departments.

``klimatbokslut example -o DIR`` writes it beside the report (``DIR/bokslut.sqlite``). The
contributions are the example's own rows split by department (``examples/region/bokslut/``,
made by ``tools/example_book_files.py``); the region's own factor file is a contribution of
each year; the example's two structural changes are recorded as dated adjustments.
"""

from __future__ import annotations

from pathlib import Path

from ..config import ReportConfig, load_config
from .store import Book

#: Department files of the example (file prefix → who sends them).
DEPARTMENTS = {"fastigheter": "Regionfastigheter", "fordon": "Regionservice", "resor": "HR och resor",
               "inkop": "Ekonomi och upphandling", "egna": "Ekonomi och upphandling"}
CLOSED = (2021, 2022, 2023)
OPEN = 2024
CLOSER = "Miljöchefen"


def build_example_book(where: str | Path, config: str | Path | ReportConfig, files: str | Path | None = None) -> Book:
    """Write the example region's book to ``where`` (a new SQLite file, replacing one that is there).

    Parameters
    ----------
    where : path
        The book's file.
    config : path or ReportConfig
        The example's configuration (its settings close the years).
    files : path, optional
        The folder of the departments' files (default: ``bokslut/`` beside the configuration).
    """
    cfg = config if isinstance(config, ReportConfig) else load_config(config)
    base = Path(cfg.path).parent if cfg.path else Path(".")
    folder = Path(files) if files is not None else base / "bokslut"
    where = Path(where)
    if where.exists():
        where.unlink()
    book = Book.open(where)
    for year in (*CLOSED, OPEN):
        for path in cfg.factors_files:
            book.add(year, path, by="Ekonomi och upphandling", area="egna faktorer", kind="factors")
        for key, who in DEPARTMENTS.items():
            book.add(year, folder / f"{key}_{year}.csv", by=who, area=key)
    for year in CLOSED:
        book.close(year, cfg, by=CLOSER)
    if cfg.recalculation is not None:
        for spec in cfg.recalculation.changes:
            book.adjust(int(spec["year"]), spec, by=CLOSER, reason=str(spec.get("name", "")))
    return book


def write_example(out: str | Path, config: ReportConfig) -> list[Path]:
    """Beside the example's report: a copy of the example region's files (``exempelregion/``, to edit and run
    again) and its book (``bokslut.sqlite``) built from that copy. Returns both paths."""
    import shutil

    out = Path(out)
    src = Path(config.path).parent if config.path else None
    folder = out / "exempelregion"
    if src is not None:
        shutil.copytree(src, folder, dirs_exist_ok=True)
    cfg = load_config(folder / "klimatbokslut.toml") if (folder / "klimatbokslut.toml").exists() else config
    cfg.gwp, cfg.language = config.gwp, config.language
    book = build_example_book(out / "bokslut.sqlite", cfg)
    book.dispose()
    return [folder, out / "bokslut.sqlite"]
