"""Business travel from a travel-agency export, and commuting from a staff survey.

Run:  python examples/scope3_travel.py
"""

from pathlib import Path

import pandas as pd

import klimatbokslut as kb

DATA = Path(__file__).parent / "data"

# Flights from IATA codes (great-circle distance + 8 %), train, private car in mil, EV, hotel nights.
trips = kb.read_activities(DATA / "resor_2024.csv")
with_rf = kb.calculate(trips)                               # radiative-forcing uplift included (default)
without_rf = kb.calculate(trips, radiative_forcing=False, on_error="collect")
print("Växjö–Stockholm and back:", round(2 * kb.travel.flight_distance("VXO", "ARN")), "km flown")
print(with_rf.frame[["id", "activity", "amount", "unit", "distance_km", "co2e_kg", "flags"]].round(1).to_string())
print(f"\nBusiness travel 2024: {with_rf.total(category='business_travel'):.2f~P} with RF")
left = without_rf.left_out(category="business_travel")
print(f"(without RF the business-class long-haul row has no DESNZ factor: the total is {left.text()}: "
      f"{left.reasons[0][:80]}...)")

# Commuting: mode shares, one-way distance, 7 600 staff, 205 working days.
survey = pd.read_csv(DATA / "pendling_enkat_2024.csv", sep=";")
rows = kb.travel.commuting_from_survey(survey, staff=7600, working_days=205, year=2024)
commuting = kb.calculate(rows)
print(f"\nCommuting 2024: {commuting.total():.0f~P}")
print(f"Walk-and-cycle share of commuters: {kb.travel.active_share(rows, basis='trips'):.0%}")
print(f"Walk-and-cycle share of commuting distance: {kb.travel.active_share(rows, basis='distance'):.1%}")
