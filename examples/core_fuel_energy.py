"""Scope 1 and 2 from fuel cards, energy invoices, medical gases and refrigerants.

Run:  python examples/core_fuel_energy.py
"""

from pathlib import Path

import klimatbokslut as kb

REGION = Path(__file__).parent / "region" / "aktiviteter.csv"

print("1 000 l pump diesel 2024:", f"{kb.emissions('diesel', '1 000 l', year=2024):.0f~P}",
      "of which direct", f"{kb.emissions('diesel', '1 000 l', year=2024, boundary='TTW'):.0f~P}")
print("1 000 l pump diesel 2022:", f"{kb.emissions('diesel', '1 000 l', year=2022):.0f~P}",
      "(the reduction obligation was 30.5 % then, 6 % in 2024)")
print("10 kg nitrous oxide, AR5 and AR6:", f"{kb.emissions('lustgas', '10 kg', year=2024, gwp='AR5'):.0f~P},",
      f"{kb.emissions('lustgas', '10 kg', year=2024, gwp='AR6'):.0f~P}")
print("One 250 ml bottle of sevoflurane (liquid, 1.5225 kg/l), AR6:",
      f"{kb.emissions('sevofluran', '250 ml', year=2024):.1f~P}")

acts = kb.read_activities(REGION)
core = acts.with_frame(acts.frame[acts.frame["activity"].astype(str).isin(
    ["diesel", "hvo100", "petrol", "biogas", "e85", "heating_oil", "electricity", "district_heating",
     "district_cooling", "n2o", "entonox", "sevoflurane", "desflurane", "isoflurane", "r404a", "r410a", "r134a"])])
ledger = kb.calculate(core, gwp="AR6")
print("\nScope 1 and 2 by year, t CO2e (market-based scope 2):")
print(ledger.summary(by=["year", "scope"]).pivot(index="year", columns="scope", values="co2e_t").round(1))
print("\nScope 2 both ways, 2024:",
      f"market {ledger.total(year=2024, scope=2, method='market'):.0f~P},",
      f"location {ledger.total(year=2024, scope=2, method='location'):.0f~P}")
print("\nFactors behind the 2024 electricity rows:")
used = ledger.factors_used()
print(used[used["activity"] == "electricity"][["factor_id", "value", "unit", "publisher"]].to_string(index=False))
