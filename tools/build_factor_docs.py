"""Write docs/factors.md, the factor catalogue, from the bundled dataset.

    python tools/build_factor_docs.py          # rewrite docs/factors.md
    python tools/build_factor_docs.py --check  # fail if it is out of date (run by the tests)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "factors.md"


def render() -> str:
    import klimatbokslut as kb
    from klimatbokslut.catalogue import CATEGORIES, activities
    from klimatbokslut.pedigree import factor_uncertainty

    fs = kb.default_factors()
    t = fs.table()
    lines = [
        "# Factor catalogue",
        "",
        f"Generated from the bundled dataset *{fs.name}*, version **{fs.version}**, by "
        "`tools/build_factor_docs.py`. Every row names its source; *derived* rows are computed from "
        "published figures by `tools/build_factors.py` and their note states the formula. The *uncertainty* "
        "column gives each row's distribution (GSD² of a lognormal) and its basis: *class* for a published "
        "uncertainty of the class of factor, *pedigree* for a default from data-quality scores (flagged where "
        "used; see [Uncertainty](uncertainty.md)).",
        "",
        "## Activities",
        "",
        "| activity | kind | scope | category | area | accepted names |",
        "|---|---|---|---|---|---|",
    ]
    for a in activities():
        names = ", ".join(f"`{x}`" for x in (a.sv, *a.aliases))
        lines.append(f"| `{a.key}` | {a.kind} | {a.scope} | {a.category} | {a.area} | {names} |")
    lines += ["", "## Sources", "", "| id | publisher | title | edition | seen in | licence |", "|---|---|---|---|---|---|"]
    for s in fs.sources.itertuples(index=False):
        title = f"[{s.title}]({s.url})" if s.url else s.title
        lines.append(f"| `{s.source_id}` | {s.publisher} | {title} | {s.edition} | {s.seen_in} | {s.licence} |")
    for file, group in t.groupby("file", sort=True):
        lines += ["", f"## {file}", "",
                  "| factor_id | activity | region | years | value | unit | boundary | GWP basis | method / instrument | source | "
                  "derived | uncertainty | note |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in group.itertuples(index=False):
            years = f"{r.valid_from}" if r.valid_from == r.valid_to else f"{r.valid_from}–{r.valid_to}"
            mi = "/".join(x for x in (r.method, r.instrument) if x)
            note = str(r.note).replace("|", "\\|")
            unc = factor_uncertainty(r._asdict()).text()
            if r.uncertainty_pedigree:
                unc += f", scores {r.uncertainty_pedigree}"
            lines.append(f"| `{r.factor_id}` | {r.activity} | {r.region} | {years} | {r.value:g} | {r.unit} | "
                         f"{r.boundary} | {r.gwp or 'chosen GWP set'} | {mi} | {r.source_id} | "
                         f"{'yes' if r.derived else ''} | {unc} | {note} |")
    props = fs.properties
    lines += ["", "## Fuel and gas properties", "",
              "| activity | MJ/l | kg/l | MJ/kg | MJ/Nm3 | kg/Nm3 | renewable share | source | note |",
              "|---|---|---|---|---|---|---|---|---|"]
    fmt = lambda v: "" if v != v else f"{v:g}"
    for r in props.itertuples(index=False):
        lines.append(f"| `{r.activity}` | {fmt(r.lhv_mj_per_l)} | {fmt(r.density_kg_per_l)} | {fmt(r.lhv_mj_per_kg)} | "
                     f"{fmt(r.lhv_mj_per_nm3)} | {fmt(r.density_kg_per_nm3)} | {fmt(r.renewable_share)} | "
                     f"{r.source_id} | {r.note} |")
    lines += ["", "## GHG-Protocol categories", "", "| key | scope | scope 3 no. | svenska | English |", "|---|---|---|---|---|"]
    for key, c in CATEGORIES.items():
        lines.append(f"| `{key}` | {c['scope']} | {c.get('number', '')} | {c['sv']} | {c['en']} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    text = render()
    if args.check:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print("docs/factors.md is out of date: run python tools/build_factor_docs.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
