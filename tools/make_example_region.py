"""Write examples/region/aktiviteter.csv and aktiviteter_egna.csv, the fictitious example region's activity data.

The amounts are invented (chosen to resemble a Swedish region of about 200 000
inhabitants) and deterministic; the file is a Swedish export (';', decimal comma,
spaces as thousands separators, Swedish headers and activity names). The disposable
gowns (``Engångsrockar``, counted in ``st``) are an activity of the region's own,
defined with its factor in ``examples/region/egna_faktorer.toml``; their rows are in
``aktiviteter_egna.csv``, which is read with that factor file.

    python tools/make_example_region.py
"""

from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "examples" / "region" / "aktiviteter.csv"
#: The region's own activity (disposable gowns, counted in pieces), kept apart so that aktiviteter.csv
#: reads without the factor file that defines it (egna_faktorer.toml).
OWN = OUT.with_name("aktiviteter_egna.csv")
OWN_HEADER = "id;aktivitet;mängd;enhet;år;förvaltning;anläggning;varugrupp"
HEADER = ("id;aktivitet;mängd;enhet;år;förvaltning;anläggning;nät;avtal;ägande;från;till;tur_och_retur;syfte;varugrupp;"
          "förnybar andel;kostnad;ekologisk;vegetarisk;datakvalitet")
#: The quality of each amount, by the row id's letters: meter readings (electricity, heat, cooling, solar,
#: weighed incinerated waste), estimates (refrigerant top-ups, waste weighed only in part), the staff survey
#: scaled to all staff (commuting); everything else is invoiced.
QUALITY = {"EL": "mätt", "FV": "mätt", "FK": "mätt", "SOL": "mätt", "W1": "mätt", "R": "uppskattad",
           "W2": "uppskattad", "W3": "uppskattad", "W4": "uppskattad", "P": "extrapolerad"}


def _quality(rid: str) -> str:
    code = rid.split("-", 1)[1]
    letters = code.rstrip("0123456789")
    return QUALITY.get(code, QUALITY.get(letters, "fakturerad"))
YEARS = (2021, 2022, 2023, 2024)


def main() -> None:
    rows = [HEADER]

    def add(rid, act, amount, unit, year, org, site, net="", avtal="", own="ägd", frm="", to="", tr="", syfte="",
            goods="", share="", cost="", eko="", veg=""):
        txt = f"{amount:,.1f}".replace(",", " ").replace(".", ",")
        if txt.endswith(",0"):
            txt = txt[:-2]
        rows.append(";".join(map(str, (rid, act, txt, unit, year, org, site, net, avtal, own, frm, to, tr, syfte,
                                       goods, share, cost, eko, veg, _quality(rid)))))

    for k, y in enumerate(YEARS):
        # own and leased vehicles: diesel falls as HVO100 grows. The national blend shares of pump diesel and
        # petrol are published up to 2022 (bundled); for 2023 and 2024, and for E85, the renewable share is the
        # fuel supplier's statement to the region (invented here, like the amounts).
        supplier = {2023: ("31 %", "7 %", "80 %"), 2024: ("13 %", "6 %", "79 %")}.get(y, ("", "", "80 %"))
        add(f"{y}-D1", "Diesel", 182000 - 30000 * k, "l", y, "Ambulanssjukvård", "Centralsjukhuset", goods="drivmedel",
            share=supplier[0])
        add(f"{y}-D2", "Diesel", 41000 - 6000 * k, "l", y, "Regionservice", "Fordonsenheten", own="leasad",
            goods="drivmedel", share=supplier[0])
        add(f"{y}-H1", "HVO100", 52000 + 24000 * k, "l", y, "Ambulanssjukvård", "Centralsjukhuset", goods="drivmedel")
        add(f"{y}-B1", "Bensin", 23000 - 3500 * k, "l", y, "Regionservice", "Fordonsenheten", own="leasad",
            goods="drivmedel", share=supplier[1])
        add(f"{y}-G1", "Biogas", 15500 + 1500 * k, "Nm3", y, "Regionservice", "Fordonsenheten", goods="drivmedel")
        add(f"{y}-E1", "E85", 4000 - 1000 * k, "l", y, "Regionservice", "Fordonsenheten", goods="drivmedel",
            share=supplier[2])
        # contracted public transport and patient transport
        add(f"{y}-K1", "Diesel", 2_400_000 - 450_000 * k, "l", y, "Kollektivtrafik", "Busstrafik", own="upphandlad")
        add(f"{y}-K2", "HVO100", 1_900_000 + 420_000 * k, "l", y, "Kollektivtrafik", "Busstrafik", own="upphandlad")
        add(f"{y}-K3", "Biogas", 1_050_000 + 30_000 * k, "Nm3", y, "Kollektivtrafik", "Busstrafik", own="upphandlad")
        add(f"{y}-S1", "Diesel", 310_000 - 20_000 * k, "l", y, "Sjukresor", "Sjukresor", own="upphandlad")
        # buildings
        add(f"{y}-O1", "Eldningsolja 1", 38 - 9 * k, "m3", y, "Fastighet", "Reservkraft")
        add(f"{y}-EL1", "El", 41_500 - 600 * k, "MWh", y, "Fastighet", "Centralsjukhuset", avtal="go_hydro")
        add(f"{y}-EL2", "El", 17_800 - 300 * k, "MWh", y, "Fastighet", "Länssjukhuset", avtal="go_hydro")
        add(f"{y}-EL3", "El", 2_350 - 50 * k, "MWh", y, "Folktandvården", "Tandvårdskliniker")
        add(f"{y}-FV1", "Fjärrvärme", 38_200 - 900 * k + (1500 if y == 2021 else 0), "MWh", y, "Fastighet",
            "Centralsjukhuset", net="Göteborg")
        add(f"{y}-FV2", "Fjärrvärme", 16_400 - 400 * k, "MWh", y, "Fastighet", "Länssjukhuset", net="Lund")
        if y >= 2023:
            add(f"{y}-FK1", "Fjärrkyla", 3_100 + 80 * k, "MWh", y, "Fastighet", "Centralsjukhuset", net="Växjö")
            # own solar power on the hospital roofs (from 2023), used on site
            add(f"{y}-SOL1", "Solel", 420 + 180 * (k - 2), "MWh", y, "Fastighet", "Centralsjukhuset")
        # medical gases
        add(f"{y}-N1", "Lustgas", 2_650 - 260 * k, "kg", y, "Kvinnosjukvård", "Centralsjukhuset")
        add(f"{y}-N2", "Lustgas", 980 - 110 * k, "kg", y, "Kvinnosjukvård", "Länssjukhuset")
        add(f"{y}-N3", "Entonox", 310 - 25 * k, "kg", y, "Folktandvården", "Tandvårdskliniker")
        add(f"{y}-A1", "Sevofluran", 210 + 6 * k, "kg", y, "Anestesi", "Centralsjukhuset")
        add(f"{y}-A2", "Desfluran", 24 - 7 * k, "kg", y, "Anestesi", "Centralsjukhuset")
        add(f"{y}-A3", "Isofluran", 3.5 - 0.5 * k, "kg", y, "Anestesi", "Länssjukhuset")
        # refrigerants
        add(f"{y}-R1", "R-404A", 18 - 4 * k, "kg", y, "Kostservice", "Centralköket")
        add(f"{y}-R2", "R-410A", 9.5 + (2 if y == 2023 else 0), "kg", y, "Fastighet", "Centralsjukhuset")
        add(f"{y}-R3", "R-134a", 6, "kg", y, "Fastighet", "Länssjukhuset")
        # business travel: flights fall after 2022 (2021 still low after the pandemic)
        trips = {2021: (60, 10, 2), 2022: (140, 40, 6), 2023: (115, 34, 5), 2024: (98, 29, 4)}[y]
        add(f"{y}-T1", "Flyg", trips[0], "resor", y, "Regionledning", "", frm="VXO", to="ARN", tr="ja")
        add(f"{y}-T2", "Flyg", trips[1], "resor", y, "Hälso- och sjukvård", "", frm="CPH", to="BRU", tr="ja")
        add(f"{y}-T3", "Flyg", trips[2], "resor", y, "Forskning", "", frm="CPH", to="ORD", tr="ja")
        add(f"{y}-T4", "Tåg", 310_000 + 45_000 * k, "pkm", y, "Regionledning", "")
        add(f"{y}-T5", "Bil bensin", 41_000 - 3_500 * k, "mil", y, "Hälso- och sjukvård", "")
        add(f"{y}-T6", "Elbil", 60_000 + 40_000 * k, "km", y, "Hälso- och sjukvård", "")
        add(f"{y}-T7", "Hyrbil", 52_000 - 4_000 * k, "km", y, "Regionservice", "")
        add(f"{y}-T8", "Hotellnatt", 900 + 60 * k, "room_night", y, "Regionledning", "")
        # commuting (from the staff survey, 7 600 staff, 205 days)
        add(f"{y}-P1", "Bil", 27_000_000 - 900_000 * k, "km", y, "Hela regionen", "", syfte="pendling")
        add(f"{y}-P2", "Buss", 6_100_000 + 250_000 * k, "pkm", y, "Hela regionen", "", syfte="pendling")
        add(f"{y}-P3", "Tåg", 3_300_000 + 150_000 * k, "pkm", y, "Hela regionen", "", syfte="pendling")
        add(f"{y}-P4", "Cykel", 4_200_000 + 200_000 * k, "pkm", y, "Hela regionen", "", syfte="pendling")
        add(f"{y}-P5", "Gång", 1_100_000 + 40_000 * k, "pkm", y, "Hela regionen", "", syfte="pendling")
        # food for hospital meals (kg per product group), with the invoiced cost (tkr, excl. VAT) and whether
        # it was organic; the organic part grows year by year
        food = (("L1", "Nötkött", 21_000 - 2_500 * k, 2_350, k >= 2), ("L2", "Fläskkött", 18_000 - 1_200 * k, 1_150, False),
                ("L3", "Kyckling", 24_000 + 500 * k, 1_400, False), ("L4", "Fisk", 15_000 + 300 * k, 1_650, k >= 3),
                ("L5", "Ost", 9_500 - 200 * k, 900, k >= 1), ("L6", "Mjölk", 88_000 - 3_000 * k, 1_050, True),
                ("L7", "Ägg", 7_000, 280, True), ("L8", "Baljväxter", 5_000 + 1_500 * k, 190 + 55 * k, True),
                ("L9", "Bröd", 30_000, 1_100, k >= 2), ("L10", "Potatis", 62_000 - 1_000 * k, 420, True),
                ("L11", "Köttsubstitut", 2_000 + 1_200 * k, 120 + 70 * k, False))
        for lid, name, kg, tkr, organic in food:
            add(f"{y}-{lid}", name, kg, "kg", y, "Kostservice", "Centralköket", cost=f"{_swedish(tkr)} tkr",
                eko="ja" if organic else "nej")
        # meals served, vegetarian or not (counted for the indicator; their emissions are the food above)
        add(f"{y}-M1", "Serverade måltider", 410_000 + 25_000 * k, "portioner", y, "Kostservice", "Centralköket",
            veg="ja")
        add(f"{y}-M2", "Serverade måltider", 1_190_000 - 25_000 * k, "portioner", y, "Kostservice", "Centralköket",
            veg="nej")
        # purchases by account (spend-based; fuel on the fuel account is also reported in litres above)
        add(f"{y}-I1", "Förbrukningsvaror", 300 + 9 * k, "MSEK", y, "Hälso- och sjukvård", "", net="kommun")
        add(f"{y}-I2", "Driftentreprenader", 260 + 8 * k, "MSEK", y, "Regionservice", "", net="region")
        add(f"{y}-I3", "Mark och byggnad", 520 + 30 * k, "MSEK", y, "Fastighet", "", net="kommun")
        add(f"{y}-I4", "Förbrukningsvaror", 6.1 - 0.4 * k, "MSEK", y, "Regionservice", "", net="kommun",
            goods="drivmedel")
        # waste (tonnes per fraction and treatment)
        add(f"{y}-W1", "Förbränning", 3_100 - 60 * k, "ton", y, "Regionservice", "")
        add(f"{y}-W2", "Matavfall rötning", 410 + 15 * k, "ton", y, "Kostservice", "")
        add(f"{y}-W3", "Deponi", 35 - 5 * k, "ton", y, "Regionservice", "")
        add(f"{y}-W4", "Materialåtervinning", 1_650 + 140 * k, "ton", y, "Regionservice", "")
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(rows) - 1} rows)")
    own = [OWN_HEADER] + [f"{y}-U1;Engångsrockar;{_swedish(240_000 - 25_000 * k)};st;{y};Hälso- och sjukvård;"
                          "Centralförrådet;skyddsutrustning" for k, y in enumerate(YEARS)]
    OWN.write_text("\n".join(own) + "\n", encoding="utf-8")
    print(f"wrote {OWN} ({len(own) - 1} rows)")


def _swedish(amount: float) -> str:
    txt = f"{amount:,.1f}".replace(",", " ").replace(".", ",")
    return txt[:-2] if txt.endswith(",0") else txt


if __name__ == "__main__":
    main()
