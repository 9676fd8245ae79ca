"""Financed emissions of a region's pension capital, compared with an index and with 2021.

ALL DATA HERE ARE FICTITIOUS (examples/data/holdings_2021.csv, holdings_2024.csv,
index_2024.csv): invented funds, companies and figures that show the file format and
the method, not any real portfolio. The exchange rates below are illustrative; in a
real report use the rate of your valuation date (e.g. from Sveriges Riksbank) and
state it.

Run:  python examples/portfolio_pension.py
"""

from pathlib import Path

import pandas as pd

from klimatbokslut.portfolio import read_holdings, trend

DATA = Path(__file__).parent / "data"
RATES = {"EUR": "11,43 SEK/EUR", "USD": "10,57 SEK/USD"}   # illustrative, see above


def main() -> None:
    p2024 = read_holdings(DATA / "holdings_2024.csv", rates=RATES, name="Pensionsmedel 2024 (fiktiv)")
    p2021 = read_holdings(DATA / "holdings_2021.csv", name="Pensionsmedel 2021 (fiktiv)")
    index = read_holdings(DATA / "index_2024.csv", name="Jämförelseindex 2024 (fiktivt)")

    print(p2024)
    with pd.option_context("display.width", 120, "display.max_columns", 10):
        print(p2024.summary().round(3).to_string(index=False))
        print()
        print(p2024.contributions()[["holding", "value_msek", "attribution_factor", "financed_t",
                                     "covered_footprint"]].round(4).to_string(index=False))

    print()
    print(f"Financed emissions, scope 1+2: {p2024.financed_emissions().to('t CO2e').magnitude:.1f} t CO2e "
          f"(covers {p2024.coverage():.0%} of the value; not scaled up)")
    print(f"Carbon footprint: {p2024.carbon_footprint().to('t CO2e/MSEK').magnitude:.2f} t CO2e/MSEK invested")
    print(f"WACI: {p2024.waci().to('t CO2e/MSEK').magnitude:.2f} t CO2e/MSEK revenue "
          f"(coverage {p2024.coverage('waci'):.0%}; index {index.waci().to('t CO2e/MSEK').magnitude:.2f})")
    print(f"Weighted PCAF data quality: {p2024.data_quality():.2f}")

    vs_index = p2024.compare(index, "waci")
    print(f"WACI vs index: {vs_index:+.0%} ({abs(vs_index):.0%} {'lower' if vs_index < 0 else 'higher'} "
          "than the index)")
    print(trend({2021: p2021, 2024: p2024}, "carbon_footprint", base_year=2021).round(3).to_string(index=False))

    ledger = p2024.to_ledger()
    print()
    print(ledger, "->", f"{ledger.total(category='investments').to('t CO2e').magnitude:.1f} t CO2e "
          "in scope 3 category 15 (investments)")
    print(ledger.rejects[["row", "value", "reason"]].to_string(index=False))


if __name__ == "__main__":
    main()
