"""Unit, currency and scale vocabularies, and conversions between units of one dimension.

The tables map the words a news text uses onto one normalised unit name per unit; each unit has a
dimension and a factor to that dimension's base unit, so "620 miles" and "1,000 km" compare.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.schema import QuantityKind


class Unit(NamedTuple):
    name: str  # normalised name stored in Quantity.unit
    dimension: str  # "length", "area", "mass", "duration", ...
    factor: float  # multiply by this to get the dimension's base unit
    kind: QuantityKind


def _units(
    dimension: str, kind: QuantityKind, table: dict[str, tuple[float, tuple[str, ...]]]
) -> dict[str, Unit]:
    words: dict[str, Unit] = {}
    for name, (factor, spellings) in table.items():
        for spelling in (name, *spellings):
            words[spelling] = Unit(name, dimension, factor, kind)
    return words


UNIT_WORDS: dict[str, Unit] = {
    **_units(
        "length",
        "measure",
        {
            "km": (1000.0, ("kilometre", "kilometres", "kilometer", "kilometers", "kms")),
            "m": (1.0, ("metre", "metres", "meter", "meters")),
            "cm": (0.01, ("centimetre", "centimetres", "centimeter", "centimeters")),
            "mm": (0.001, ("millimetre", "millimetres", "millimeter", "millimeters")),
            "mi": (1609.344, ("mile", "miles")),
            "ft": (0.3048, ("foot", "feet")),
            "inch": (0.0254, ("inches",)),
            "yd": (0.9144, ("yard", "yards", "yds")),
        },
    ),
    **_units(
        "area",
        "measure",
        {
            "km2": (
                1e6,
                (
                    "km²",
                    "sq km",
                    "square kilometre",
                    "square kilometres",
                    "square kilometers",
                    "square kilometer",
                    "sqkm",
                ),
            ),
            "mi2": (2_589_988.11, ("sq mi", "square mile", "square miles", "sq miles", "sq mile")),
            "m2": (
                1.0,
                ("m²", "sq m", "square metre", "square metres", "square meter", "square meters"),
            ),
            "ft2": (0.092903, ("sq ft", "square foot", "square feet")),
            "ha": (1e4, ("hectare", "hectares")),
            "acre": (4046.8564, ("acres",)),
        },
    ),
    **_units(
        "mass",
        "measure",
        {
            "kg": (1.0, ("kilogram", "kilograms", "kilo", "kilos", "kgs")),
            "g": (0.001, ("gram", "grams", "gramme", "grammes")),
            "t": (1000.0, ("tonne", "tonnes", "ton", "tons", "metric tons")),
            "lb": (0.45359237, ("lbs", "pound weight")),
            "oz": (0.0283495, ("ounce", "ounces")),
            "st": (6.35029, ("stone",)),
        },
    ),
    **_units(
        "volume",
        "measure",
        {
            "l": (1.0, ("litre", "litres", "liter", "liters")),
            "ml": (0.001, ("millilitre", "millilitres", "milliliter", "milliliters")),
            "gal": (3.78541, ("gallon", "gallons")),
            "bbl": (158.987, ("barrel", "barrels")),
            "pint": (0.568261, ("pints",)),
        },
    ),
    **_units(
        "speed",
        "measure",
        {
            "km/h": (1.0, ("kph", "kmh", "km/hr", "kilometres per hour", "kilometers per hour")),
            "mph": (1.609344, ("miles per hour",)),
            "knot": (1.852, ("knots",)),
            "m/s": (3.6, ("metres per second", "meters per second")),
        },
    ),
    **_units(
        "temperature",
        "measure",
        {"degC": (1.0, ("°c", "celsius", "centigrade")), "degF": (1.0, ("°f", "fahrenheit"))},
    ),
    **_units(
        "duration",
        "duration",
        {
            "year": (365.25, ("years", "yr", "yrs")),
            "month": (30.4375, ("months",)),
            "week": (7.0, ("weeks", "wk", "wks")),
            "day": (1.0, ("days",)),
            "h": (1 / 24, ("hour", "hours", "hr", "hrs")),
            "min": (1 / 1440, ("minute", "minutes", "mins")),
            "s": (1 / 86400, ("second", "seconds", "secs", "sec")),
            "ms": (1 / 86_400_000, ("millisecond", "milliseconds", "msec")),
            "decade": (3652.5, ("decades",)),
            "century": (36525.0, ("centuries",)),
        },
    ),
    **_units(
        "data",
        "measure",
        {
            "GB": (1e9, ("gb", "gigabyte", "gigabytes")),
            "MB": (1e6, ("mb", "megabyte", "megabytes")),
            "TB": (1e12, ("tb", "terabyte", "terabytes")),
        },
    ),
    **_units(
        "energy",
        "measure",
        {
            "Wh": (1.0, ("wh", "watt-hour", "watt-hours", "watt hours")),
            "kWh": (1e3, ("kwh", "kilowatt-hour", "kilowatt-hours", "kilowatt hours")),
            "MWh": (1e6, ("mwh", "megawatt-hour", "megawatt-hours", "megawatt hours")),
            "GWh": (1e9, ("gwh", "gigawatt-hour", "gigawatt-hours", "gigawatt hours")),
            "TWh": (1e12, ("twh", "terawatt-hour", "terawatt-hours", "terawatt hours")),
        },
    ),
    **_units(
        "power",  # no bare "W": "5 w" is too rare to risk
        "measure",
        {
            "watt": (1.0, ("watts",)),
            "kW": (1e3, ("kw", "kilowatt", "kilowatts")),
            "MW": (1e6, ("mw", "megawatt", "megawatts")),
            "GW": (1e9, ("gw", "gigawatt", "gigawatts")),
        },
    ),
    **_units(
        "frequency",
        "measure",
        {
            "Hz": (1.0, ("hz", "hertz")),
            "kHz": (1e3, ("khz", "kilohertz")),
            "MHz": (1e6, ("mhz", "megahertz")),
            "GHz": (1e9, ("ghz", "gigahertz")),
        },
    ),
    **_units(
        "charge",
        "measure",
        {
            "mAh": (
                1.0,
                (
                    *("mah", "milliamp-hour", "milliamp-hours", "milliamp hour", "milliamp hours"),
                    *("milliampere-hour", "milliampere-hours", "milliampere hours"),
                ),
            ),
        },
    ),
    **_units("voltage", "measure", {"kV": (1e3, ("kv", "kilovolt", "kilovolts"))}),
}

# Lower-cased symbols and words for currencies; "#" is how FRANK's tokenizer mangled "£".
CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "#": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "₹": "INR",
    "rs": "INR",
    "inr": "INR",
    "a$": "AUD",
    "c$": "CAD",
    "chf": "CHF",
}
CURRENCY_WORDS: dict[str, tuple[str, float]] = {
    "dollar": ("USD", 1.0),
    "dollars": ("USD", 1.0),
    "buck": ("USD", 1.0),
    "bucks": ("USD", 1.0),
    "usd": ("USD", 1.0),
    "cent": ("USD", 0.01),
    "cents": ("USD", 0.01),
    "euro": ("EUR", 1.0),
    "euros": ("EUR", 1.0),
    "eur": ("EUR", 1.0),
    "pound": ("GBP", 1.0),
    "pounds": ("GBP", 1.0),
    "sterling": ("GBP", 1.0),
    "quid": ("GBP", 1.0),
    "gbp": ("GBP", 1.0),
    "pence": ("GBP", 0.01),
    "p": ("GBP", 0.01),
    "yen": ("JPY", 1.0),
    "yuan": ("CNY", 1.0),
    "rupee": ("INR", 1.0),
    "rupees": ("INR", 1.0),
    "francs": ("CHF", 1.0),
    "franc": ("CHF", 1.0),
    # only names that one currency alone bears: "pesos", "kroner", "dirhams" are several
    "roubles": ("RUB", 1.0),
    "rubles": ("RUB", 1.0),
    "kronor": ("SEK", 1.0),
    "zlotys": ("PLN", 1.0),
    "zloty": ("PLN", 1.0),
    "baht": ("THB", 1.0),
    "naira": ("NGN", 1.0),
    "ringgit": ("MYR", 1.0),
    "reais": ("BRL", 1.0),
}
# "5.6 billion Swiss francs", "200 Canadian dollars": a nationality names the currency
QUALIFIED_CURRENCIES: dict[tuple[str, str], str] = {
    **{(q, w): "USD" for q in ("us", "american") for w in ("dollar", "dollars")},
    **{("canadian", w): "CAD" for w in ("dollar", "dollars")},
    **{("australian", w): "AUD" for w in ("dollar", "dollars")},
    **{("singapore", w): "SGD" for w in ("dollar", "dollars")},
    **{("taiwan", w): "TWD" for w in ("dollar", "dollars")},
    **{("swiss", w): "CHF" for w in ("franc", "francs")},
    **{("egyptian", w): "EGP" for w in ("pound", "pounds")},
    **{("mexican", w): "MXN" for w in ("peso", "pesos")},
    **{("argentine", w): "ARS" for w in ("peso", "pesos")},
    **{("swedish", w): "SEK" for w in ("krona", "kronor")},
    **{("norwegian", w): "NOK" for w in ("krone", "kroner")},
    **{("danish", w): "DKK" for w in ("krone", "kroner")},
    **{("turkish", w): "TRY" for w in ("lira", "liras")},
    ("indian", "rupees"): "INR",
    ("pakistani", "rupees"): "PKR",
    ("chinese", "yuan"): "CNY",
    ("japanese", "yen"): "JPY",
    ("british", "pounds"): "GBP",
}

# Scale words and suffixes; "m" only means million right after a number (see numbers.py).
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "grand": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mil": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "milliarden": 1e9,
    "mrd": 1e9,
    "millionen": 1e6,
    "mio": 1e6,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "thousands": 1e3,
    "hundreds": 1e2,
}

CURRENCIES: frozenset[str] = frozenset(
    {
        *CURRENCY_PREFIXES.values(),
        *(code for code, _ in CURRENCY_WORDS.values()),
        *QUALIFIED_CURRENCIES.values(),
    }
)
PERCENT_WORDS: frozenset[str] = frozenset({"%", "percent", "pct", "per cent"})
POINT_WORDS: frozenset[str] = frozenset(
    {"pp", "percentage point", "percentage points", "basis point", "basis points", "bps"}
)


def unit_dimension(unit: str | None) -> str | None:
    """The dimension of a normalised unit name ("km" -> "length"), None for unknown units."""
    if unit is None:
        return None
    found = UNIT_WORDS.get(unit)
    return found.dimension if found else None


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """Convert between two units of one dimension; None when they do not share one."""
    source, target = UNIT_WORDS.get(from_unit), UNIT_WORDS.get(to_unit)
    if source is None or target is None or source.dimension != target.dimension:
        return None
    if source.dimension == "temperature":
        return _convert_temperature(value, source.name, target.name)
    return value * source.factor / target.factor


def _convert_temperature(value: float, from_unit: str, to_unit: str) -> float:
    if from_unit == to_unit:
        return value
    if from_unit == "degC":
        return value * 9 / 5 + 32
    return (value - 32) * 5 / 9
