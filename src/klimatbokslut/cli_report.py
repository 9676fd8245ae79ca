"""The commands ``example`` and ``report``: build a report, write it, print its summary.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .cli_common import (
    _config_with_files,
    _example_dir,
    _progress,
    _write_outputs,
)
from .cli_words import terminal_language
from .config import load_config
from .report import build_report
from .report.labels import probability_text
from .text import N_, number, tr


def _write_report(report, out: Path, formats: list[str], say) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stem = f"klimatbokslut_{report.report_year}"
    written = []
    if "html" in formats:
        say("HTML")
        written.append(report.to_html(out / f"{stem}.html"))
    if "excel" in formats:
        say("Excel")
        written.append(report.to_excel(out / f"{stem}.xlsx"))
    if "csv" in formats:
        say("CSV")
        report.to_csv(out / "csv")
        written.append(out / "csv")
    return written


#: The terminal's headline of a report, by scope-2 method (the method's word is part of the sentence).
_HEADLINES = {
    "market": N_("{organisation}: {total} t CO2e in {year} (market-based scope 2, GWP {gwp})"),
    "location": N_("{organisation}: {total} t CO2e in {year} (location-based scope 2, GWP {gwp})"),
}


_HEADLINE_OTHER = N_("{organisation}: {total} t CO2e in {year} ({method}-based scope 2, GWP {gwp})")


def _print_report_summary(report) -> None:
    lang = report.language
    method = report.ledger.scope2_method
    total = number(report.total(report.report_year), 1, lang)
    headline = _HEADLINES.get(method, _HEADLINE_OTHER)
    print(tr(lang, headline, organisation=report.config.organisation.name, total=total, year=report.report_year,
             method=method, gwp=report.ledger.gwp))
    if report.uncertainty is not None:
        tot = report.tables["uncertainty_totals"].set_index("year")
        pct = number(100 * report.uncertainty.interval, 0, lang)
        lo, hi = (number(tot.loc[report.report_year, c], 0, lang) for c in ("low_t", "high_t"))
        print("  " + tr(lang, "{pct}% interval {low}–{high} t CO2e (Monte Carlo)", pct=pct, low=lo, high=hi))
    left = report.ledger.left_out(year=report.report_year)
    if left:
        print(f"  {left.text(lang)}")
    probability: dict[int, tuple[float, float]] = {}
    if "uncertainty_targets" in report.tables:
        ut = report.tables["uncertainty_targets"]
        probability = {int(t): (p, q) for t, p, q in zip(ut["target"], ut["probability"], ut["probability_target"],
                                                         strict=True) if p == p}
    for v in report.targets:
        pq = probability.get(v.index)
        extra = "" if pq is None else "  " + tr(
            lang, "(probability on the path this year {p}; that this year's value already reaches the target "
                  "value {q})",
            p=probability_text(pq[0], lang), q=probability_text(pq[1], lang))
        print(f"  {v.result.status_word(lang):<13} {v.result.name}{extra}")


def _formats(text: str, lang: str = "sv") -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("html", "excel", "csv")]
    if bad:
        raise SystemExit("klimatbokslut: " + tr(lang, "unknown format {formats}; formats: html, excel, csv",
                                                 formats=", ".join(bad)))
    return formats


def _cmd_example(args) -> int:
    if args.data:
        from .example_files import copy_command
        return copy_command(args.data, args.lang or terminal_language(sys.argv[1:]))
    cfg = load_config(_example_dir() / "klimatbokslut.toml")
    if args.gwp:
        cfg.gwp = args.gwp
    if args.lang:
        cfg.language = args.lang
    say = _progress(args.quiet, args.lang or terminal_language(sys.argv[1:]))
    report = build_report(cfg, progress=say)
    out = Path(args.output)
    written = _write_report(report, out, ["html", "excel", "csv"], say)
    _write_outputs(report.ledger, out, lang=report.language,
                   title=tr(report.language, "Region Exempelby (fictitious example region), t CO2e by year and scope:"))
    _print_report_summary(report)
    from .book.example import write_example
    written += write_example(out, cfg)
    for p in written:
        print(tr(report.language, "wrote {path}", path=p))
    return 0


def _cmd_report(args) -> int:
    cfg = _config_with_files(args.config, args.factors)
    if args.lang:
        cfg.language = args.lang
    say = _progress(args.quiet, args.lang or terminal_language(sys.argv[1:]))
    report = build_report(cfg, progress=say, book=args.book)
    formats = _formats(args.format, args.lang or terminal_language(sys.argv[1:]))
    written = _write_report(report, Path(args.output), formats, say)
    _print_report_summary(report)
    for p in written:
        print(tr(report.language, "wrote {path}", path=p))
    return 0
