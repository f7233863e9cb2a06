"""Quantities found in text: every surface form the checker relies on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.numbers import find_quantities
from briefing.numbers_digits import DIGIT_SCALES
from briefing.schema import Quantity
from briefing.units import SCALES
from briefing.verify import check_document


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8,000 troops", 8000),
        ("8 000 troops", 8000),
        ("£50, 000 raised", 50000),  # a group starting with 0 continues the number
        ("paid $ 143, 500 for it", 143500),  # after a currency sign any 3-digit group does
        ("3.5 percent", 3.5),
        ("1.234,5 kg", 1234.5),
        ("5 1/2 miles", 5.5),
        ("½ mile", 0.5),
        ("eight thousand troops", 8000),
        ("twenty - five machines", 25),
        ("twenty-five machines", 25),
        ("two and a half years", 2.5),
        ("a dozen eggs", 12),
        ("one hundred and five days", 105),
        ("3.2 million people", 3_200_000),
        ("$1.5bn", 1_500_000_000),
        ("£1m", 1_000_000),
        ("20k", 20_000),
        ("$8.8M", 8_800_000),
        ("3 crore", 30_000_000),
        ("twelve dot fifty Euros", 12.5),
        ("three point five", 3.5),
    ],
)
def test_values(text: str, value: float) -> None:
    assert only(text).value == pytest.approx(value)


def test_precision_is_the_place_of_the_last_written_digit() -> None:
    assert only("8,000").precision == 1000
    assert only("2,998").precision == 1
    assert only("1.2 million").precision == pytest.approx(100_000)


@pytest.mark.parametrize(
    ("text", "unit", "kind"),
    [
        ("80%", "%", "percent"),
        ("80 per cent", "%", "percent"),
        ("80 percent", "%", "percent"),
        ("5 percentage points", "pp", "percent"),
        ("€40", "EUR", "money"),
        ("# 2,500", "GBP", "money"),
        ("£ 50 m", "GBP", "money"),
        ("50 dollars", "USD", "money"),
        ("460 square miles", "mi2", "measure"),
        ("1,200 km²", "km2", "measure"),
        ("620 miles", "mi", "measure"),
        ("120 km/h", "km/h", "measure"),
        ("86 minutes", "min", "duration"),
        ("23 - year - old", "age", "other"),
        ("23-year-old", "age", "other"),
        ("300 shells per day", "per day", "rate"),
        ("$5 an hour", "USD per h", "rate"),
        ("$1,710 per month before any add-ons", "USD per month", "rate"),
        ("5,000mAh", "mAh", "measure"),  # was read as a product code
        ("five thousand milliamp hours", "mAh", "measure"),
        ("60 kWh", "kWh", "measure"),
        ("1.2GW", "GW", "measure"),
        ("300 megawatts", "MW", "measure"),
        ("3.2 GHz", "GHz", "measure"),
        ("400 kV", "kV", "measure"),
    ],
)
def test_units_and_kinds(text: str, unit: str, kind: str) -> None:
    quantity = only(text)
    assert (quantity.unit, quantity.kind) == (unit, kind)


def test_ranges_and_vague_quantifiers() -> None:
    between = only("between 66,939 and 73,253 people")
    assert (between.low, between.high) == (66_939, 73_253)
    dash = only("10-15%")
    assert (dash.low, dash.high, dash.unit) == (10, 15, "%")
    vague = only("tens of thousands of people")
    assert vague.vague
    assert vague.low == 10_000
    assert vague.noun == "person"


def test_hedges_and_nouns() -> None:
    quantity = only("nearly 11,000 North Korean troops arrived")
    assert (quantity.approx, quantity.noun) == ("nearly", "troop")
    assert only("more than 2 men").noun == "man"


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("in 2013", "year", 2013),
        ("since '91", "year", 1991),
        ("on Thursday", "weekday", 3),
        ("on June 26th", "month-day", 626),
        ("on 26 June", "month-day", 626),
        ("at 1:34 PM", "clock", 13 * 60 + 34),
        ("at 7pm", "clock", 19 * 60),
        ("in Q3", "quarter", 3),
        ("the third quarter", "quarter", 3),
        ("4Q", "quarter", 4),
        ("the September quarter", "quarter", 3),  # named by its last month, as in Australia
        ("the quarter to June", "quarter", 2),
    ],
)
def test_dates_are_kept_apart_from_counts(text: str, unit: str, value: float) -> None:
    quantity = only(text)
    assert quantity.kind in ("date", "time")
    assert (quantity.unit, quantity.value) == (unit, value)


def test_decades_are_ranges_of_years() -> None:
    quantity = only("the 1950s")
    assert (quantity.low, quantity.high, quantity.unit) == (1950, 1959, "year")


def test_words_that_are_not_quantities() -> None:
    assert find_quantities("one of the men said so, and may was quiet") == []
    covid = find_quantities("the impact of COVID-19 on trade")  # a name, read whole as a code
    assert [(q.text, q.unit, q.kind) for q in covid] == [("COVID-19", "code", "other")]
    assert find_quantities("a discussion between two women")[0].text == "two"


def test_codes_are_names_not_amounts() -> None:
    assert only("the G20 summit").unit == "code"
    assert only("a 3D model").unit == "code"


def test_offsets_point_into_the_text() -> None:
    text = "Losses reached 80% of 10,000 men in 2024."
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text


def test_sentence_id_is_kept() -> None:
    assert (
        only(
            "5 tanks",
        ).sentence_id
        is None
    )
    assert find_quantities("5 tanks", sentence_id="S3")[0].sentence_id == "S3"


UNITS_WORDS = ["", "", "thousand", "hundred"]
SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    """English words for 1..999,999, the way a transcript writes them."""
    if n >= 1000:
        rest = spell(n % 1000) if n % 1000 else ""
        return f"{spell(n // 1000)} thousand {rest}".strip()
    if n >= 100:
        rest = f" and {spell(n % 100)}" if n % 100 else ""
        return f"{SMALL[n // 100]} hundred{rest}"
    if n >= 20:
        return TENS[n // 10] + (f"-{SMALL[n % 10]}" if n % 10 else "")
    return SMALL[n]


@given(st.integers(min_value=2, max_value=999_999))
def test_any_surface_form_parses_back_to_its_value(n: int) -> None:
    forms = [f"{n} tanks", f"{n:,} tanks", f"{spell(n)} tanks"]
    if n % 1000 == 0:
        forms.append(f"{n // 1000}k tanks")
    if n >= 1000:
        forms.append(f"{n:,}".replace(",", "\u00a0") + " tanks")
    for form in forms:
        found = find_quantities(f"They saw {form} near the river.")
        assert [q.value for q in found] == [n], form


@given(st.decimals(min_value="0.01", max_value="999.99", places=2))
def test_decimals_parse_back(value: object) -> None:
    found = find_quantities(f"Shares rose to ${value} on the day.")
    assert found[0].value == pytest.approx(float(str(value)))
    assert found[0].unit == "USD"


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [
        ("half the voters", 50.0, None),
        ("a third of the staff", 100 / 3, "about"),
        ("two thirds of the staff", 200 / 3, "about"),
        ("one in five adults", 20.0, None),
        ("nearly nine out of 10 adults", 90.0, "nearly"),
        ("70-plus tackles", 70.0, "plus"),
        ("5+ years", 5.0, "plus"),
        ("sales did not exceed $460,000", 460_000.0, "exceed"),
        ("costs not more than 12 euros", 12.0, "not more than"),
        ("seats up to 40 people", 40.0, "up to"),
        ("unemployment ticked up to 4.1%", 4.1, None),  # a move that reached 4.1%, no bound
        ("shares went up to $5", 5.0, None),
        ("project passes 50K trees", 50_000.0, "passes"),  # a milestone gone past
        ("sales topped $1 billion", 1e9, "topped"),
        ("the bill passed 218-212", 218.0, None),  # a tally, no bound
        ("it passed 5 of 6 tests", 5.0, None),
    ],
)
def test_shares_and_bounds(text: str, value: float, approx: str | None) -> None:
    quantity = find_quantities(text)[0]
    assert quantity.value == pytest.approx(value)
    assert quantity.approx == approx


def test_half_of_a_period_is_no_share() -> None:
    found = find_quantities("in the second half of 2020")
    assert [(q.kind, q.unit, q.value) for q in found] == [
        ("date", "half-year", 2.0),
        ("date", "year", 2020.0),
    ]


def test_a_comma_list_of_numbers_stays_apart() -> None:
    assert [q.value for q in find_quantities("aged 10, 200 people")] == [10, 200]


@pytest.mark.parametrize(("text", "day"), [("Sunday's final", 6), ("TGIF!", 4), ("Friday", 4)])
def test_weekdays_in_possessive_and_chat_forms(text: str, day: int) -> None:
    found = find_quantities(text)
    assert [(q.kind, q.unit, q.value) for q in found] == [("date", "weekday", day)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The actress is dead at 89", "age"),
        ("He died at age 89 in Paris", "age"),
        ("Aged 41, she left", "age"),
        ("He was 89.", None),
        ("The train ran at 89 mph", "mph"),
        ("The average age of participants was 67", "age"),
        ("The median age was 41", "age"),
        ("The page count was 67", None),
    ],
)
def test_an_age_phrase_makes_a_bare_number_an_age(text: str, unit: str | None) -> None:
    assert only(text).unit == unit


def test_a_scaled_span_of_years_keeps_its_rounding() -> None:
    assert (only("5K years ago").precision, only("20 years ago").precision) == (1000.0, 1.0)


def test_a_capital_c_or_f_glued_to_a_number_is_a_temperature() -> None:
    found = find_quantities("It hit 18.3C—64.94F at the station, not a G20 or 3D effect.")
    assert [(q.text, q.unit) for q in found[:2]] == [("18.3C", "degC"), ("64.94F", "degF")]
    assert [q.unit for q in found[2:]] == ["code", "code"]


def test_money_is_never_measured_in_days() -> None:
    found = find_quantities("Wife Withdrew $15.5M Days Before Arrest, at $5 a day")
    assert [(q.text, q.kind, q.unit) for q in found] == [
        ("$15.5M", "money", "USD"),
        ("$5 a day", "rate", "USD per day"),
    ]


def test_over_before_a_priced_thing_is_no_bound() -> None:
    (priced,) = find_quantities("Store sorry over $43 water")
    assert (priced.text, priced.approx, priced.noun) == ("$43", None, "water")
    (bound,) = find_quantities("They lost over $50 million")
    assert (bound.text, bound.approx) == ("over $50 million", "over")


def test_the_1800s_are_a_century_and_the_1990s_a_decade() -> None:
    century, decade = find_quantities("Jeans from the 1800s and songs from the 1990s")
    assert (century.low, century.high) == (1800, 1899)
    assert (decade.low, decade.high) == (1990, 1999)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("a World War Two veteran", "World War Two"),
        ("a WW2 pilot", "WW2"),
        ("the G20 summit", "G20"),
        ("an F-35 jet", "F-35"),  # capitals, a hyphen and digits as one word
        ("the bus overturned on I-80", "I-80"),
    ],
)
def test_a_number_inside_a_name_is_read_as_the_whole_name(text: str, name: str) -> None:
    found = only(text)
    assert (found.text, found.unit) == (name, "code")


@pytest.mark.parametrize(
    ("text", "noun"),
    [("a five-storey hotel", "storey"), ("a 12-man squad", "man"), ("a Sims 3-based show", None)],
)
def test_a_hyphened_compound_names_what_is_counted(text: str, noun: str | None) -> None:
    assert only(text).noun == noun


@pytest.mark.parametrize(
    ("text", "noun"),
    [("31 million illnesses", "illness"), ("4 losses", "loss"), ("3 stories", "story")],
)
def test_a_plural_in_ses_or_ies_is_made_singular(text: str, noun: str) -> None:
    assert only(text).noun == noun


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Adam Leheup, 34, met her.", ["age"]),
        ("Hi Tom, 5, 6, 7.", [None, None, None]),  # a list, not an age
        ("In March, 12, went.", ["month", None]),  # a month names nobody
    ],
)
def test_a_number_in_apposition_to_a_name_is_an_age(text: str, units: list[str | None]) -> None:
    assert [q.unit for q in find_quantities(text)] == units


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("memory fell 4x", 4, "times", "count"),
        ("a 10\u00d7 speed-up", 10, "times", "count"),
        ("a 3-fold rise", 3, "times", "count"),
        ("a two-fold rise", 2, "times", "count"),
        ("grew fourfold", 4, "times", "count"),
        ("a 4x4 truck", 4, "code", "other"),
        ("spending in FY2020", 2020, "year", "date"),
        ("spending in FY 21", 2021, "year", "date"),
    ],
)
def test_multipliers_and_fiscal_years(text: str, value: float, unit: str, kind: str) -> None:
    found = only(text)
    assert (found.value, found.unit, found.kind) == (value, unit, kind)


def test_a_coordinated_count_takes_the_noun_it_leaves_out() -> None:
    found = find_quantities("It has 3 plants in Ohio and 2 in Texas, and 4 staff, 2 of them new.")
    assert [q.noun for q in found] == ["plant", "plant", "staff", "staff"]
    assert find_quantities("It won 3 games in May and 2 titles.")[-1].noun == "title"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("jailed for a year and a half", 1.5, "year"), ("an hour and a quarter", 1.25, "h")],
)
def test_one_unit_and_a_part(text: str, value: float, unit: str) -> None:
    assert (only(text).value, only(text).unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Two-thirds of voters backed it", 200 / 3, "%"),
        ("turnout was roughly two-fifths", 40, "%"),
        ("one-third of jobs went", 100 / 3, "%"),
        ("half a million people", 500_000, None),
        ("a quarter of a billion dollars", 250_000_000, "USD"),
        ("half a dozen eggs", 6, None),
        ("up half a percentage point", 0.5, "pp"),
        ("half an hour later", 0.5, "h"),
    ],
)
def test_fractions_of_wholes_and_hyphened_shares(text: str, value: float, unit: str | None) -> None:
    found = only(text)
    assert (found.value, found.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Profit doubled.", [2]),
        ("Sales more than tripled.", [3]),
        ("The stake was halved.", [0.5]),
        ("He won the doubles and both halves.", []),  # nouns, not multipliers
    ],
)
def test_verbs_that_multiply(text: str, values: list[float]) -> None:
    found = find_quantities(text)
    assert [q.value for q in found] == values
    assert all(q.unit == "times" for q in found)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("four times faster", "times"),
        ("3 times as many", "times"),
        ("shot three times", None),
        ("ten times its original budget", "times"),
        ("three times what it was", "times"),
        ("shot three times that night", None),
    ],
)
def test_times_before_a_comparison_is_a_multiple(text: str, unit: str | None) -> None:
    assert only(text).unit == unit


def test_a_year_earlier_is_no_rate() -> None:
    assert only("$10.4bn a year earlier").unit == "USD"


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("was, uh, three point two million", 3_200_000, None, "count"),
        ("set for the twenty-first", 21, None, "ordinal"),
        ("around nine a.m. Pacific", 540, "clock", "time"),
        ("at eleven pm", 1380, "clock", "time"),
    ],
)
def test_spoken_forms_of_scaled_decimals_ordinals_and_hours(
    text: str, value: float, unit: str | None, kind: str
) -> None:
    found = only(text)
    assert (found.value, found.unit, found.kind) == (value, unit, kind)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("it fell by a third", 100 / 3, "%"),
        ("output was cut by half", 50, "%"),
        ("sales grew by half a million", 500_000, None),
    ],
)
def test_by_a_fraction_is_a_share(text: str, value: float, unit: str | None) -> None:
    found = only(text)
    assert (found.value, found.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("latency of 340ms", 340, "ms"), ("won by 0.51s", 0.51, "s"), ("it runs 2h25", 145, "min")],
)
def test_glued_short_units_of_time(text: str, value: float, unit: str) -> None:
    assert (only(text).value, only(text).unit) == (value, unit)


def test_a_verb_after_a_number_names_nothing_counted() -> None:
    assert [q.noun for q in find_quantities("six got through, 38,000 short")] == [None, None]


@pytest.mark.parametrize(
    ("text", "quarter"),
    [("in the quarter ended Sept. 30", 3), ("in the three months to June", 2)],
)
def test_a_quarter_named_by_its_last_month(text: str, quarter: int) -> None:
    found = only(text)
    assert (found.value, found.unit, found.kind) == (quarter, "quarter", "date")


def test_three_months_to_a_month_that_ends_no_quarter_is_a_span() -> None:
    assert [q.unit for q in find_quantities("the three months to July")] == ["month", "month"]


@pytest.mark.parametrize(
    "text", ["cut by a quarter percentage point", "cut by a quarter of a percentage point"]
)
def test_a_part_of_a_percentage_point(text: str) -> None:
    found = only(text)
    assert (found.value, found.unit) == (0.25, "pp")


@pytest.mark.parametrize(
    ("text", "value", "kind", "unit"),
    [
        ("it shipped in twenty nineteen", 20.0, "count", None),  # two numbers, never 39
        ("a hundred bucks more", 100.0, "money", "USD"),
        ("five quid", 5.0, "money", "GBP"),
        ("she makes seventy-five K now", 75_000.0, "count", None),
        ("it ships October third", 1003.0, "date", "month-day"),
        ("on the twenty-first of March", 321.0, "date", "month-day"),
    ],
)
def test_spoken_forms_of_transcripts(text: str, value: float, kind: str, unit: str | None) -> None:
    first = find_quantities(text)[0]
    assert (first.value, first.kind, first.unit) == (value, kind, unit)


def test_every_scale_word_after_digits_has_a_factor() -> None:
    assert not DIGIT_SCALES - set(SCALES)
    assert find_quantities("Q3 revenue $4.21 bln, up 8%")[1].value == 4.21e9
    assert find_quantities("a $1.2 trn plan")[0].value == 1.2e12


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a loss of -4%", -4.0),
        ("compared with negative 4% a year ago", -4.0),
        ("minus 3 degrees", -3.0),
        ("lows of \u221212C", -12.0),
        ("it was -$4m", -4e6),
        ("margin (-3.2%)", -3.2),
        ("- 250 users", 250.0),  # a list's dash, spaced from its number
        ("10-15 people", 10.0),  # a range, not a minus
    ],
)
def test_a_minus_sign_or_word_makes_a_number_negative(text: str, value: float) -> None:
    assert find_quantities(text)[0].value == value


def test_a_dash_inside_a_name_or_a_season_is_no_sign() -> None:
    found = find_quantities("COVID-19 cases in the 2020-21 season")
    assert [(q.text, q.value) for q in found if q.unit != "code"] == [("2020", 2020), ("21", 21)]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "Rund 45.000 Unternehmen und 1.200 Kommunen, Inflation 2,4 Prozent.",
            [45_000, 1_200, 2.4],
        ),
        ("The lap took 1.200 seconds and 45.000 more.", [1.2, 45.0]),  # no decimal comma here
        ("Ein Paket von 2,5 Milliarden Euro", [2.5e9]),
    ],
)
def test_a_document_that_writes_decimal_commas_groups_thousands_with_dots(
    text: str, values: list[float]
) -> None:
    assert [q.value for q in find_quantities(text)] == values


def test_the_convention_is_the_whole_documents_not_the_sentences() -> None:
    source = "Die Inflation lag bei 2,4 Prozent.\nRund 45.000 Unternehmen haben Anträge gestellt."
    assert check_document(source, "About 45,000 companies applied.")[0].supported
    assert not check_document(source, "About 45 companies applied.")[0].supported


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("CVC is paying about twice the unit's annual sales.", 2.0),
        ("EPS of $1.07, roughly double the prior-year level.", 2.0),
        ("twice as many people", 2.0),
        ("Twice As Many Voters Turn Out", 2.0),
        ("triple the price", 3.0),
    ],
)
def test_twice_and_double_before_a_comparison_are_multiples(text: str, value: float) -> None:
    multiples = [q for q in find_quantities(text) if q.unit == "times"]
    assert [q.value for q in multiples] == [value]


def test_twice_as_a_count_of_events_and_a_double_murder_are_no_multiples() -> None:
    assert find_quantities("He met her twice.") == []
    assert find_quantities("a double murder") == []


@pytest.mark.parametrize(
    "text",
    ["Haaland scored twice as City came from behind.", "She voted twice as the law allowed."],
)
def test_twice_before_a_clause_that_as_opens_is_no_multiple(text: str) -> None:
    assert all(q.unit != "times" for q in find_quantities(text))


@pytest.mark.parametrize("text", ["finished around 8,000th out of 18,000", "the 1,000th customer"])
def test_an_ordinal_with_a_thousands_separator_is_read_not_crashed_on(text: str) -> None:
    assert [q.value for q in find_quantities(text)][-1] in (18_000.0, 1_000.0)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Kappa's around point seven one now", [0.71]),
        ("it was point six four last time", [0.64]),
        ("point two of the agenda", [2.0]),  # one digit word: an item, not a decimal
        ("dot fifty", [50.0]),
        ("somewhere around nine and a half thousand", [9500.0]),
        ("two and a half million people", [2_500_000.0]),
    ],
)
def test_spoken_decimals_and_halves_of_a_scale(text: str, values: list[float]) -> None:
    assert [q.value for q in find_quantities(text)] == pytest.approx(values)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("profit of between €310m and €340m", 310e6, 340e6, "EUR"),
        ("between $310 million and $340 million", 310e6, 340e6, "USD"),
        ("between $1.26 and $1.29 billion", 1.26e9, 1.29e9, "USD"),
        ("$5-$6 a share", 5.0, 6.0, "USD"),
    ],
)
def test_a_money_range_with_the_currency_on_both_ends(
    text: str, low: float, high: float, unit: str
) -> None:
    quantity = find_quantities(text)[0]
    assert (quantity.low, quantity.high, quantity.unit) == (low, high, unit)


def test_between_with_no_range_keeps_its_currency() -> None:
    first = find_quantities("between $40 and two women")[0]
    assert (first.text, first.unit) == ("$40", "USD")


def test_a_rate_before_what_it_leaves_out_is_still_a_rate() -> None:
    found = find_quantities("$10.4bn a year before. It costs $1,710 per month before add-ons.")
    assert [(q.text, q.unit) for q in found] == [
        ("$10.4bn", "USD"),  # a point in time: "a year before"
        ("$1,710 per month", "USD per month"),
    ]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("5.6 billion Swiss francs", "CHF"),
        ("200 Canadian dollars", "CAD"),
        ("3 million US dollars", "USD"),
        ("40 million roubles", "RUB"),
        ("12 billion baht", "THB"),
    ],
)
def test_a_currency_named_in_words_is_money(text: str, unit: str) -> None:
    found = only(text)
    assert (found.kind, found.unit) == ("money", unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("a 12-cent increase", 0.12, "USD"),
        ("a 50-pence coin", 0.5, "GBP"),
        ("a 5-euro note", 5, "EUR"),
    ],
)
def test_a_coin_written_with_a_hyphen_is_money(text: str, value: float, unit: str) -> None:
    found = only(text)
    assert (found.kind, found.value, found.unit) == ("money", value, unit)


def test_a_weight_in_pounds_with_a_hyphen_is_no_money() -> None:
    assert only("a 10-pound bag").kind != "money"


def test_a_currency_name_several_countries_use_names_none() -> None:
    assert only("5 million pesos").kind == "count"  # Mexico's, Argentina's, the Philippines'


@pytest.mark.parametrize(
    ("text", "half"),
    [
        ("Revenue rose 3% in the first half of the year.", 1.0),
        ("In the second half of 2024, sales rose.", 2.0),
        ("First-half profit fell.", 1.0),
        ("the first half of its fiscal year", 1.0),
    ],
)
def test_a_half_of_a_year_is_a_period(text: str, half: float) -> None:
    halves = [q for q in find_quantities(text) if q.unit == "half-year"]
    assert [q.value for q in halves] == [half]


@pytest.mark.parametrize(
    "text", ["City led 2-0 in the first half of the match.", "A first-half goal won it."]
)
def test_a_half_of_a_match_is_no_period(text: str) -> None:
    assert all(q.unit != "half-year" for q in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The bank cut rates by half a point to 10.75%.", 0.5),
        ("a quarter-point cut", 0.25),
        ("a half-point hike", 0.5),
        ("it raised rates by a quarter point", 0.25),
        ("by half a percentage point", 0.5),
        ("raised rates by three quarters of a point", 0.75),
        ("by three quarters of a percentage point", 0.75),
    ],
)
def test_part_of_a_point_is_percentage_points(text: str, value: float) -> None:
    points = [q for q in find_quantities(text) if q.unit == "pp"]
    assert [(q.kind, q.value) for q in points] == [("percent", value)]


@pytest.mark.parametrize(
    ("text", "value"), [("a quarter of the points", 25.0), ("half the points", 50.0)]
)
def test_a_share_of_points_stays_a_share(text: str, value: float) -> None:
    assert [(q.unit, q.value) for q in find_quantities(text)] == [("%", value)]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("They finished second in the West.", True),
        ("the second-seeded Ruud", True),
        ("They sit in second place.", True),
        ("his second goal of the night", False),
        ("a second term in office", False),
    ],
)
def test_second_as_a_position_is_an_ordinal(text: str, read: bool) -> None:
    ordinals = [q for q in find_quantities(text) if q.kind == "ordinal" and q.value == 2]
    assert bool(ordinals) is read


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("She came second in the 200m.", "m", 200.0),
        ("He won the 400m in 49 seconds.", "m", 400.0),
        ("It passed the 5m users it wanted.", None, 5_000_000.0),
    ],
)
def test_the_race_distance_is_metres_and_a_count_is_millions(
    text: str, unit: str | None, value: float
) -> None:
    found = next(q for q in find_quantities(text) if q.text.endswith("m"))
    assert (found.unit, found.value) == (unit, value)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Median wait was 47 minutes in February, down from 58 in January.", "min"),
        ("Profit fell to 1.14 billion euros, missing the forecast of 1.29 billion.", "EUR"),
        ("Detection took 9 minutes; our alerting target is 5.", "min"),
        ("Income rose to 286 million pounds from 219 million, helped by yields.", "GBP"),
        ("Cover was around thirty-six percent; last year it was closer to twenty-four.", "%"),
        ("Support was 52 per cent in March, down from 58.", "%"),  # "per cent" has no cents
        ("The wait fell from 47 minutes to 35.", "min"),
    ],
)
def test_a_bare_figure_set_against_a_measured_one_takes_its_unit(text: str, unit: str) -> None:
    found = [q for q in find_quantities(text) if q.kind not in ("date", "time")]
    assert [q.unit for q in found] == [unit, unit]


@pytest.mark.parametrize(
    "text",
    [
        "It cost 45 cents, up from 40.",  # a sub-unit: 40 what?
        "He ran 10 km in 2019 and 12 people joined him.",  # a noun of its own
        "They spent $5 million on 3,000 homes.",  # no link word
        "Customers paying more than $100,000 a year grew to 1,430.",  # no end of a move
    ],
)
def test_a_figure_with_its_own_thing_keeps_no_borrowed_unit(text: str) -> None:
    assert find_quantities(text)[-1].unit is None


@pytest.mark.parametrize(
    ("text", "approx"),
    [
        ("They rode 320 kilometres over six days.", None),  # the span it took
        ("Sales rose 5% over three years.", None),
        ("The trial lasted over six days.", "over"),  # more than
    ],
)
def test_over_after_an_amount_is_the_span_it_took(text: str, approx: str | None) -> None:
    span = next(q for q in find_quantities(text) if q.kind == "duration")
    assert span.approx == approx


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Occupancy fell 2 points, to 71%.", "pp"),
        ("It was 71%, down 2 points from last year.", "pp"),
        ("He scored 30 points and shot 55%.", None),  # a player's points
    ],
)
def test_points_beside_a_rate_are_percentage_points(text: str, unit: str | None) -> None:
    points = next(q for q in find_quantities(text) if q.value in (2.0, 30.0))
    assert points.unit == unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [("twenty hours a week", "h per week"), ("two hours a day", "h per day")],
)
def test_a_span_a_period_is_a_rate(text: str, unit: str) -> None:
    found = only(text)
    assert (found.kind, found.unit) == ("rate", unit)


def test_a_span_then_a_point_in_time_is_no_rate() -> None:
    assert [q.unit for q in find_quantities("jailed for 6 years a decade ago")] == [
        "year",
        "decade",
    ]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("up from £3,960 at the March meeting", [3]),
        ("the May figures were revised", [5]),
        ("the March on Washington drew crowds", []),
        ("troops march 20 miles", []),
    ],
)
def test_may_and_march_before_a_common_noun_are_months(text: str, months: list[float]) -> None:
    found = [q.value for q in find_quantities(text) if q.unit == "month"]
    assert found == months


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("8 or 9pm", [20 * 60, 21 * 60]),
        ("from 9 to 11am", [9 * 60, 11 * 60]),
        ("from 11 to 1pm", [11 * 60, 13 * 60]),
    ],
)
def test_a_bare_hour_before_a_time_shares_its_half_of_the_day(
    text: str, minutes: list[float]
) -> None:
    found = find_quantities(text)
    assert [(q.kind, q.value) for q in found] == [("time", m) for m in minutes]


def test_a_count_before_a_time_stays_a_count() -> None:
    assert [q.kind for q in find_quantities("3 people by 9pm")] == ["count", "time"]


def test_the_next_speakers_name_is_no_counted_noun() -> None:
    found = find_quantities(
        "Mark: Actually Ellie's bringing her boyfriend so 12\nGran: I've ordered"
    )
    assert [(q.value, q.noun) for q in found] == [(12, None)]


def test_a_moves_start_is_priced_by_the_period_of_its_end() -> None:
    found = find_quantities("The internet goes up from £32 to £38 a month from March")
    assert [(q.value, q.unit) for q in found if q.kind == "rate"] == [
        (32, "GBP per month"),
        (38, "GBP per month"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("im Oktober 2024", [("month", 10), ("year", 2024)]),
        ("am Mittwoch", [("weekday", 2)]),
        ("bis 31. Dezember", [("month-day", 1231)]),
        ("Der Vertrag gilt ab Mai", [("month", 5)]),
    ],
)
def test_german_months_and_weekdays_are_dates(text: str, found: list[tuple[str, float]]) -> None:
    assert [(q.unit, q.value) for q in find_quantities(text)] == found


def test_a_day_then_a_stop_then_an_english_month_is_no_date() -> None:
    assert [q.kind for q in find_quantities("It rose 3. October was quiet.")] == ["count", "date"]
