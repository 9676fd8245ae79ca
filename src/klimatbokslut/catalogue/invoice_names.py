"""Activity names as they appear on Swedish invoices and in systems' exports.

The catalogue knows each activity by its key, its Swedish and English names and a few
synonyms. This table adds the spellings a sustainability officer meets in a fuel-card
statement, a pharmacy's purchase list, a travel agency's report or a food supplier's
statistics: product names (``Kycklingfilé`` is poultry, ``Nötfärs`` beef), brand names of
medical gases (``Sevorane`` is sevoflurane) and travel lines that carry a distance band
(``Flyg inrikes``).

Names are matched after :func:`klimatbokslut.catalogue.resolve_activity_name` normalises them
(case, spaces, hyphens, underscores and brackets ignored), so ``"Lustgas (N2O)"`` and
``"lustgas n2o"`` are the same name. A name in brackets is tried on its own as well: both
``Sevofluran`` and ``Sevorane`` in ``"Sevofluran (Sevorane)"`` must name the same activity
(or only one of them be known) for the row to be read.

The table is documented in ``docs/activities.md`` (section "Invoice spellings"); a test
checks that every entry there is here and the other way round.

Only spellings whose activity is unambiguous are listed: ``Blandfärs`` is in the catalogue
as the 50/50 mix, but ``Kött`` or ``Utrikesflyg`` without a band are not guessed.
"""

from __future__ import annotations

from typing import Final

__all__ = ["INVOICE_NAMES", "FLIGHT_BANDS", "INTERNATIONAL_FLIGHTS"]

#: Invoice or system spelling -> catalogue key.
INVOICE_NAMES: Final[dict[str, str]] = {
    # fuels (fuel-card statements, fuel suppliers)
    "diesel miljöklass 1": "diesel",
    "dieselbränsle": "diesel",
    "bensin 98": "petrol",
    "blyfri 95": "petrol",
    "blyfri 98": "petrol",
    "villaolja": "heating_oil",
    "eldningsolja 1 (eo1)": "heating_oil",
    "fordonsgas (blandning)": "fordonsgas",
    # energy (the utilities' invoices)
    "elförbrukning": "electricity",
    "elenergi": "electricity",
    "fjärrvärmeenergi": "district_heating",
    "fjärrvärmeförbrukning": "district_heating",
    "fjärrkylaförbrukning": "district_cooling",
    # medical gases (pharmacy and gas supplier lists: substance and brand names)
    "dinitrogenoxid": "n2o",
    "medicinsk lustgas": "n2o",
    "niontix": "n2o",
    "sevofluran baxter": "sevoflurane",
    "forene": "isoflurane",
    # business travel (travel agency and expense reports)
    "flygresa inrikes": "flight",
    "flyg inrikes": "flight",
    "inrikesflyg": "flight",
    "flyg utrikes": "flight",
    "utrikesflyg": "flight",
    "flyg europa": "flight",
    "flyg interkontinentalt": "flight",
    "flyg långdistans": "flight",
    "tågresa": "train",
    "tågresor": "train",
    "taxiresa": "taxi",
    "hotellnätter": "hotel_night",
    "hotellövernattning": "hotel_night",
    "övernattning hotell": "hotel_night",
    "milersättning": "car_unknown",
    # food (suppliers' statistics: products, mapped to the food group of the factor list)
    "kycklingfilé": "food_poultry",
    "kycklingbröst": "food_poultry",
    "kycklinglår": "food_poultry",
    "kalkon": "food_poultry",
    "nötfärs": "food_beef",
    "högrev": "food_beef",
    "nötstek": "food_beef",
    "rostbiff": "food_beef",
    "fläskfilé": "food_pork",
    "fläskkarré": "food_pork",
    "sidfläsk": "food_pork",
    "lammfärs": "food_lamb",
    "lax": "food_fish",
    "torsk": "food_fish",
    "sej": "food_fish",
    "mellanmjölk": "food_milk",
    "standardmjölk": "food_milk",
    "lättmjölk": "food_milk",
    "filmjölk": "food_milk",
    "hårdost": "food_cheese",
    "morötter": "food_root_vegetables",
    "vitkål": "food_brassicas",
    "jasminris": "food_rice",
    "basmatiris": "food_rice",
    "kikärtor torkade": "food_pulses",
    "röda linser": "food_pulses",
    "bryggkaffe": "food_coffee",
}

#: A flight name that states its distance band -> the band (``travel.BANDS``).
FLIGHT_BANDS: Final[dict[str, str]] = {
    "flygresa inrikes": "domestic",
    "flyg inrikes": "domestic",
    "inrikesflyg": "domestic",
    "flyg europa": "short_haul",
    "flyg interkontinentalt": "long_haul",
    "flyg långdistans": "long_haul",
}

#: Flight names that say "abroad" without saying how far: they need a band or a route.
INTERNATIONAL_FLIGHTS: Final[frozenset[str]] = frozenset({"flyg utrikes", "utrikesflyg"})
