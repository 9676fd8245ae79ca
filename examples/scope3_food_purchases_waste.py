"""Food purchases per product group, the purchase ledger by account, and waste by fraction.

Run:  python examples/scope3_food_purchases_waste.py
"""

from pathlib import Path

import pandas as pd

import klimatbokslut as kb

DATA = Path(__file__).parent / "data"

# --- Food: kg per product group (Swedish names), Swedish (SLU) and global (Poore & Nemecek) datasets
food = pd.read_csv(DATA / "livsmedel_2024.csv", sep=";", dtype=str).rename(columns={"varugrupp": "activity",
                                                                                     "kg": "amount"})
food["unit"] = "kg"
sweden = kb.calculate(food)
world = kb.calculate(kb.food.use_dataset(food, "global"), on_error="collect")
portions = 1_150_000   # portions served in 2024 (fictitious)
print(f"Food 2024: {sweden.total():.0f~P} (SLU), {world.total():.0f~P} (Poore & Nemecek, "
      f"{world.reconcile()['rejected_rows']} groups without a global value)")
print(f"Per portion: {kb.food.per_portion(sweden, portions, year=2024):.2f~P}")

# --- Purchases: SEK per account, mapped to spend categories and a buyer group
ledger = pd.read_csv(DATA / "inkop_2024.csv", sep=";", dtype=str).rename(columns={"år": "year"})
ledger["belopp"] = ledger["belopp"].str.replace(" ", "").astype(float)
mapping = {"5460": ("spend_equipment_materials", "kommun"), "5410": ("spend_equipment_materials", "kommun"),
           "4020": ("spend_operations_contracts", "region"), "5611": ("spend_equipment_materials", "kommun")}
spend = kb.purchases.map_accounts(ledger, mapping, amount_column="belopp", account_column="konto",
                                  goods={"5611": "drivmedel"})
fuel = pd.DataFrame({"activity": ["diesel"], "amount": [160_000], "unit": ["l"], "year": [2024],
                     "goods": ["drivmedel"]})
purchases = kb.calculate(pd.concat([spend, fuel], ignore_index=True))
print(f"\nPurchases 2024 (nominal SEK, not deflated): {purchases.total(area='purchases'):.0f~P}")
print("Fuel account replaced by litres:", purchases.rejects["reason"].iloc[0])
print(purchases.frame.groupby("data_quality", observed=True)["co2e_kg"].sum().div(1000).round(1).to_string())

# --- Waste: tonnes per fraction and treatment (cut-off method)
waste = pd.read_csv(DATA / "avfall_2024.csv", sep=";", dtype=str)
treatment = {"förbränning": "waste_incineration", "rötning": "waste_food_biogas", "deponi": "waste_landfill",
             "materialåtervinning": "waste_recycling"}
rows = pd.DataFrame({"activity": waste["behandling"].map(treatment), "amount": waste["ton"], "unit": "ton",
                     "year": waste["år"], "fraction": waste["fraktion"]})
w = kb.calculate(rows, on_error="collect")
print(f"\nWaste 2024: {w.total():.1f~P}")
print("Not computed:", w.rejects[["row", "value", "reason"]].to_string(index=False)[:200])
