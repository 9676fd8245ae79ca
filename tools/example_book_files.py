"""Split the example region's activity files into the contributions of its book (examples/region/bokslut/).

Each year's rows go to four departments by area, as a region's data arrives: property and
energy (buildings, refrigerants, waste), the fleet (vehicles, contracted transport), HR and
travel (business travel, commuting), finance and procurement (food, medical gases, purchases);
the region's own activity (disposable gowns) is a fifth file per year. Lines are copied as they
are (same header, same cells), so the book's contributions hold exactly the example's rows.

Run: python tools/example_book_files.py   (rewrites examples/region/bokslut/*.csv)
"""

from __future__ import annotations

from pathlib import Path

import klimatbokslut as kb

ROOT = Path(__file__).resolve().parents[1]
REGION = ROOT / "examples" / "region"
DEPARTMENTS = {"fastigheter": {"energy_buildings", "refrigerants", "waste"},
               "fordon": {"vehicles", "contracted_transport"},
               "resor": {"business_travel", "commuting"},
               "inkop": {"food", "medical_gases", "purchases"}}


def main() -> None:
    cfg = kb.load_config(REGION / "klimatbokslut.toml")
    fs = cfg.factor_set()
    out = REGION / "bokslut"
    out.mkdir(exist_ok=True)
    for name, prefix in (("aktiviteter.csv", None), ("aktiviteter_egna.csv", "egna")):
        lines = (REGION / name).read_text(encoding="utf-8").splitlines()
        led = kb.calculate(kb.read_activities(REGION / name), factors=fs, on_error="collect")
        area = dict(zip(led.frame["row"], led.frame["area"].astype(str)))
        year = dict(zip(led.frame["row"], led.frame["year"]))
        # rows the engine leaves out (a spend-based row replaced by activity-based rows) stay in the files
        area.update(dict(zip(led.rejects["row"], ["purchases"] * len(led.rejects))))
        if len(led.rejects):
            year.update(dict(zip(led.rejects["row"], led.rejects["input_year"])))
        files: dict[str, list[str]] = {}
        for row in sorted(area):
            dept = prefix or next(d for d, areas in DEPARTMENTS.items() if area[row] in areas)
            files.setdefault(f"{dept}_{year[row]}.csv", []).append(lines[row - 1])
        for fname, body in files.items():
            (out / fname).write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
