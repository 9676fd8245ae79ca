"""What-if for anaesthesia and delivery care: desflurane → sevoflurane, and lustgas destruction.

Run:  python examples/whatif_medical_gases.py

Uses the example region's 2024 medical-gas purchases. The clinical ratio, the share of
lustgas that passes a destruction unit, the unit's destruction efficiency and the cost are
ASSUMPTIONS for the example (a region takes them from its own anaesthesia practice, its
delivery rooms and the unit supplier's documentation); the library holds none of them.
"""

from pathlib import Path

import klimatbokslut as kb
from klimatbokslut import whatif

REGION = Path(__file__).parent / "region" / "aktiviteter.csv"

acts = kb.read_activities(REGION)
frame = acts.frame
gases = acts.with_frame(frame[(frame["year"] == 2024) & frame["activity"].astype(str).isin(
    ["n2o", "entonox", "desflurane", "sevoflurane", "isoflurane"])])
print(kb.calculate(gases).summary(by=["activity"]).round(1).to_string(index=False))

# Desflurane → sevoflurane. ASSUMED ratio: kg of sevoflurane per kg of desflurane for the same
# anaesthesia (state and source your own: it depends on MAC and fresh-gas flow).
r = whatif.switch_anaesthetic(gases, "desflurane", "sevoflurane", ratio=0.5)
print(f"\n{r.name}: avoided {r.avoided_co2e.magnitude:.1f} t CO2e")

# Lustgas destruction units. ASSUMED: 60 % of the lustgas and Entonox at Centralsjukhuset passes
# a unit that destroys 90 % of it; the units cost 300 kSEK a year.
r = whatif.destroy_n2o(gases, efficiency=0.9, share=0.6, select={"site": "Centralsjukhuset"},
                       annual_cost="300 kSEK")
print(f"{r.name}: avoided {r.avoided_co2e.magnitude:.1f} t CO2e, "
      f"{r.cost_per_tonne.magnitude:.0f} SEK per tonne")

print("\nShare of the lustgas through units (90 % destruction):")
table = whatif.sweep(gases, whatif.N2ODestruction(efficiency=0.9, select={"site": "Centralsjukhuset"}),
                     shares=[0, 0.25, 0.5, 0.75, 1.0])
print(table[["share", "avoided_co2e_t"]].round({"share": 2, "avoided_co2e_t": 1}).to_string(index=False))
