"""Checking claims against a source: each status, its evidence, what readers rely on."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefing.schema import NumberCheck, Source
from briefing.sentences import split_sentences
from briefing.verify import check_claim, check_document, index_sources

SOURCE = (
    "About 11,000 North Korean troops arrived in the Kursk region on Thursday. "
    "Ukraine holds 460 square miles of the region. "
    "Officials said 80% of 10,000 conscripts had finished training. "
    "The unit lost 2,998 men and 120 tanks in August 2024. "
    "The siege lasted 268 days. "
    "Two women were arrested. "
    "The war began in 1950 and the armistice followed in 2013. "
    "Prices rose from $33 per share to $35.80."
)


def check_one(claim: str, source: str = SOURCE) -> NumberCheck:
    checks = check_document(source, claim)
    assert len(checks) == 1, checks
    return checks[0]


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("About 11,000 troops arrived in Kursk.", "exact"),
        ("Nearly 3,000 men were lost by the unit.", "rounded"),
        ("The unit lost about 3,000 men.", "rounded"),
        ("Ukraine holds about 1,200 square kilometres of the region.", "converted"),
        ("Some 8,000 conscripts finished training.", "derived"),
        ("The siege lasted 9 months.", "converted"),
        ("The armistice came 63 years later.", "derived"),
        ("The unit lost 3,118 in all.", "derived"),
        ("The unit lost 5,000 men.", "unsupported"),
        ("Ukraine holds 460 troops in the region.", "mismatch"),
        ("The war began in 1951.", "unsupported"),
        ("Troops arrived on Friday.", "unsupported"),
        ("Troops arrived on Thursday.", "exact"),
    ],
)
def test_statuses(claim: str, status: str) -> None:
    assert check_one(claim).status == status


def test_supported_and_how_follow_the_status() -> None:
    good, bad = check_one("About 11,000 troops arrived."), check_one("The unit lost 5,000 men.")
    assert (good.supported, good.how) == (True, "exact")
    assert (bad.supported, bad.how, bad.evidence) == (False, None, None)


def test_evidence_is_the_supporting_sentence() -> None:
    checked = check_one("Ukraine holds 460 square miles.")
    assert checked.evidence is not None
    assert checked.evidence.sentence_id == "S2"
    assert checked.evidence.quote == "460 square miles"
    assert checked.evidence.text.startswith("Ukraine holds")


def test_derived_numbers_show_their_arithmetic() -> None:
    checked = check_one("Some 8,000 conscripts finished training.")
    assert checked.arithmetic == "(80%) x 10,000 = 8,000"


def test_offsets_point_into_the_claim() -> None:
    claim = "Officials said 11,000 troops came; 460 square miles are held."
    for checked in check_document(SOURCE, claim):
        assert claim[checked.start : checked.end] == checked.text


def test_a_year_is_never_a_count() -> None:
    checked = check_one("The unit lost 2024 men.")
    assert checked.status == "mismatch"


def test_a_value_said_of_something_else_is_a_mismatch() -> None:
    source = "Two women were arrested. The three suspects had two dogs."
    assert check_one("Two men were arrested.", source).status == "mismatch"
    assert check_one("Two people were arrested.", source).supported


def test_listed_entities_count() -> None:
    source = "Steve: see you at Kings? Carly: sure, Friday."
    checked = check_one("Two friends, Steve and Carly, meet at Kings.", source)
    assert (checked.status, checked.arithmetic) == ("derived", "Steve + Carly = 2")


def test_cited_sentences_are_tried_first() -> None:
    source = Source(
        name="s",
        text="A",
        sha256="",
        sentences=split_sentences(
            "The first raid killed 12 people. A second raid killed 12 people."
        ),
    )
    index = index_sources([source])
    checked = check_claim("The second raid killed 12 people.", ["S2"], index)[0]
    assert checked.evidence is not None
    assert checked.evidence.sentence_id == "S2"


def test_ranges_are_checked_end_by_end() -> None:
    source = "Sales should grow 4% at least and 7% at most."
    assert check_one("Sales should grow 4-7%.", source).supported
    assert not check_one("Sales should grow 4-9%.", source).supported


def test_spoken_forms_in_transcripts() -> None:
    source = "Manager: the product costs will be not more than twelve Euros and fifty centimes."
    assert check_one("It may cost at most 12.50 Euros.", source).supported
    assert check_one("We ordered twenty - five machines.", "We need 25 machines.").supported


def test_tokenized_text() -> None:
    source = "the 23 - year - old was fined # 2,500 ."
    assert check_one("A 23-year-old was fined.", source).supported
    assert check_one("He was fined £2,500.", source).supported


def test_headline_rounding_and_paraphrase() -> None:
    source = "The couple were 2,300 miles away. They spent $400,000 on clothes."
    assert check_one("They're 2K Miles Away", source).status == "rounded"
    assert check_one("Spent $400K on Clothes", source).status == "exact"


def test_money_percent_changes() -> None:
    source = "The suite costs $499/month, with a 15% discount for new customers."
    assert check_one("The suite costs $424.15 for new customers.", source).status == "derived"


# --- properties ---------------------------------------------------------------------------------

NOUNS = st.sampled_from(["troops", "tanks", "villages", "drones", "shells"])
VALUES = st.integers(min_value=2, max_value=5_000_000)


@settings(max_examples=60, deadline=None)
@given(VALUES, NOUNS, st.sampled_from(["{:,}", "{}"]))
def test_a_claim_copied_from_the_source_is_supported(value: int, noun: str, form: str) -> None:
    sentence = f"Officials counted {form.format(value)} {noun} near the border."
    checks = check_document(f"{SOURCE} {sentence}", sentence)
    assert checks
    assert all(check.supported for check in checks)


@settings(max_examples=60, deadline=None)
@given(VALUES, VALUES, NOUNS)
def test_a_changed_number_absent_from_the_source_is_never_supported(
    value: int, changed: int, noun: str
) -> None:
    assume(abs(changed - value) > 0.3 * value and changed > 100)
    source = f"Officials counted {value:,} {noun} near the border."
    checked = check_one(f"Officials counted {changed:,} {noun} near the border.", source)
    assert not checked.supported


RULES_SOURCE = (
    "Revenue rose 19% to $101 million, and the firm expects to open over 100 stores. "
    "Its outlook is approximately $7.50 per share. "
    "Exactly half the staff voted, and nearly one in eight left. "
    "The home side won 4-1 on Saturday. "
    "1. Starter plan. 2. Growth plan. 3. Premium plan. 4. Team plan. 5. Firm plan. "
    "Our third product is a scanner. "
    "Shaun, 22, was jailed. "
    "The deductible is $1,000. "
    "There were eight episodes and five tours. "
    "A cap has saved £600m."
)


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Revenue rose 20%.", False),  # a plain claim rounds at its last written digit
        ("Revenue rose about 20%.", True),  # a hedge allows the looser rounding
        ("Revenue was $100 million.", False),
        ("The firm expects to open over 80 stores.", False),  # a hedged source is not widened
        ("The outlook is approximately $7.60 per share.", False),
        ("Half the staff voted.", True),
        ("50% of the staff voted.", True),  # "half" reads as a share
        ("Almost 12.5% left.", True),
        ("The side won 4-1.", True),
        ("The side scored 4 goals.", False),  # half of a score is not a count
        ("The company offers five plans.", True),  # the last list marker counts the items
        ("It offers a 2-week trial.", False),  # a list marker is no duration
        ("It sells three products.", False),  # an ordinal is not a count
        ("He was missing for 22 years.", False),  # a bare age is not a duration
        ("The deductible is $2,000.", False),  # doubling needs "each" or "twice" in the source
        ("They discussed three venues.", False),  # eight - five counts different things
        ("The cap saves £600m a year.", False),  # a rate is not an amount
        ("The cap has saved £600m.", True),
    ],
)
def test_context_and_precision_rules(claim: str, supported: bool) -> None:
    checks = check_document(RULES_SOURCE, claim)
    assert checks, claim
    assert checks[0].supported is supported, checks[0]


def test_doubling_stated_in_the_source_is_derived() -> None:
    checked = check_one("She was born with 12 fingers.", "She has six fingers on each hand.")
    assert (checked.status, checked.arithmetic) == ("derived", "six x 2 = 12")


CHAT = (
    "Maya: Are you free on Saturday?\n"
    "Tom: Maybe. 6? 9?\n"
    "Maya: Let's say 6.\n"
    "Lena: Count me in, what should I bring?\n"
    "Tom: Bring snacks."
)
PODCAST = (
    "Hey, how are you doing today? Good, thanks for having me. So what are you working on? "
    "A short film, you know, we shot it in Lisbon. Did you like working there? I loved it."
)


@pytest.mark.parametrize(
    ("source", "claim", "supported"),
    [
        (CHAT, "A chat between three friends about Saturday.", True),  # three speaker labels
        (CHAT, "A chat between two friends about Saturday.", False),
        (CHAT, "Three people plan a party.", True),
        (CHAT, "They will meet at 6 pm.", True),  # a bare hour in a short turn
        (CHAT, "They will meet at 9 pm.", False),  # "9?" only asks
        (PODCAST, "A conversation between two people about a film.", True),  # a dialogue
        (PODCAST, "A conversation between three people about a film.", False),
        (PODCAST, "Two films were shot in Lisbon.", False),  # counts things, not speakers
        ("Agent: Hello. Client: Hi. Agent: Bye.", "A call between two agents.", False),
        (SOURCE, "A conversation between two officials.", False),  # prose is no dialogue
    ],
)
def test_speakers_of_a_transcript_are_counted(source: str, claim: str, supported: bool) -> None:
    checks = check_document(source, claim)
    assert checks, claim
    assert checks[0].supported is supported, checks[0]


@pytest.mark.parametrize(
    ("source", "claim"),
    [
        ("Fans queued before Sunday's final at the stadium.", "The final is on Sunday."),
        ("Jo: Beer tonight? TGIF!", "They drink on Friday."),
        ("Her baby is among the five missing, a nurse said.", "Five babies are missing."),
        ("Our sales forecast for 2021 remains unchanged.", "The forecast for 2021 holds."),
    ],
)
def test_possessive_weekdays_plural_stems_and_years_taken_for_counts(
    source: str, claim: str
) -> None:
    assert all(check.supported for check in check_document(source, claim))


@pytest.mark.parametrize(
    ("source", "claim", "supported"),
    [
        ("More than 30 lawmakers face inquiries.", "Inquiries into 30 members.", True),
        ("Police hold two suspects.", "Police hold two tourists.", True),  # both name people
        ("Two men and two women were held.", "Two women were held.", True),
        ("The fund reached £50,000 last week.", "The fund hit £50, 000.", True),
        ("The fund reached £50,000 last week.", "The fund hit £60, 000.", False),
    ],
)
def test_people_nouns_and_spaced_thousands(source: str, claim: str, supported: bool) -> None:
    checks = check_document(source, claim)
    assert len(checks) == 1, checks
    assert checks[0].supported is supported, checks[0]


def test_alternatives_are_not_amounts_to_add() -> None:
    source = "Press the remote's button, the two or the three, and it records the signal."
    assert check_one("The remote has five buttons.", source).status != "derived"


def test_money_and_cents_is_one_amount() -> None:
    source = "The product will cost no more than twelve Euros and fifty centimes."
    assert check_one("It costs at most 12.50 Euros.", source).supported
    assert not check_one("It costs at most 12 Euros.", source).supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The finish costs about €1.60.", True),
        ("The finish costs about €1.80.", False),
    ],
)
def test_cents_said_after_the_currency_word_join_it(claim: str, supported: bool) -> None:
    source = "Designer: The titanium-look finish alone is about one euro sixty."
    assert check_one(claim, source).supported is supported


@pytest.mark.parametrize(("claim", "supported"), [("in 2011", True), ("in 2012", False)])
def test_a_hyphened_spoken_year(claim: str, supported: bool) -> None:
    source = "HOST: What year was that? GUEST: Twenty-eleven. I'd just been laid off."
    assert check_one(f"She opened the bakery {claim}.", source).supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [("at 7:30 pm", True), ("at 7:30", True), ("at 8:30 pm", False)],
)
def test_a_clock_time_said_without_am_or_pm_backs_either(claim: str, supported: bool) -> None:
    source = "Ben: yes! 7pm at Lucca's?\nAnna: I thought we said 7:30\nBen: oh right."
    assert check_one(f"They will meet {claim}.", source).supported is supported


def test_a_month_after_starting_is_a_month() -> None:
    source = "Sara: the rent goes from 1,650 to 1,780 starting March"
    checks = check_document(source, "The rent rises to 1,780 in March.")
    assert [c.status for c in checks] == ["exact", "exact"]


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The last model sold 1.9 million.", True),
        ("The last model sold 1.9 billion.", False),
        ("The last model sold 2.9 million.", False),
    ],
)
def test_a_spoken_decimal_carries_the_scale_said_before(claim: str, supported: bool) -> None:
    source = (
        "JAMIE: They sold, what, two point four million in the first weekend?\n"
        "PRIYA: Yeah, and for context, the last model did one point nine."
    )
    assert check_one(claim, source).supported is supported


def test_a_hyphened_name_is_no_count() -> None:
    source = "The air force kept its F-16 fleet flying."
    assert not check_one("The air force kept 16 jets flying.", source).supported
    assert check_one("It kept its F-16 fleet.", source).supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The storm hit in December 1947.", True),
        ("The storm hit in December 1948.", False),
        ("His first half took 1:58.", True),  # "one fifty-eight"
        ("His second half took 2:14.", True),  # "two fourteen"
        ("His second half took 2:15.", False),
    ],
)
def test_spoken_years_and_times(claim: str, supported: bool) -> None:
    source = (
        "NARRATOR: The storm was in forty-seven. December forty-seven.\n"
        "MIKE: First half was one fifty-eight.\nDEV: And the second?\nMIKE: Two fourteen."
    )
    checks = [c for c in check_document(source, claim) if c.kind in ("date", "time")]
    assert checks[-1].supported is supported, checks


def test_victims_add_up_across_people_nouns() -> None:
    source = "The bus crash killed four pupils and two teachers on the coast road."
    checked = check_one("6 dead in bus crash", source)
    assert (checked.status, checked.arithmetic) == ("derived", "four + two = 6")
    assert not check_one("6 buses crashed on the coast road", source).supported


def test_a_derivation_yields_to_a_direct_statement_of_the_same_thing() -> None:
    source = (
        "The club won the league in 2008 and again in 2012. A third league title in nine years "
        "would be a record."
    )

    def years(claim: str) -> NumberCheck:
        return next(c for c in check_document(source, claim) if c.unit == "year")

    assert not years("They chase a third league title in four years.").supported
    assert years("They chase a third league title in nine years.").supported
    assert years("They won it again four years later.").status == "derived"


def test_a_bound_is_not_truncated() -> None:
    source = "The product must cost no more than 12.50 euros, and sales reached 68.73 million."
    assert not check_one("It may cost at most 12 euros.", source).supported
    assert check_one("Sales reached 68 million.", source).supported  # a plain value may be cut


def test_a_dated_article_names_years_in_words() -> None:
    source = (
        "(Mar 3, 2013 9:00 AM) The navy will station ships in the Arctic next year. "
        "Poverty hit 14% last year, the highest since 1997."
    )
    assert check_one("Navy's 2014 goal: the Arctic", source).supported
    assert all(c.supported for c in check_document(source, "Poverty hit a 15-year high in 2012"))
    undated = "The navy will station ships in the Arctic next year."
    assert not check_one("Navy's 2014 goal: the Arctic", undated).supported


def test_a_year_shifted_by_a_span_beside_it_is_derived() -> None:
    source = "A 2008 study gave the fault a 99% chance of a big quake within 30 years."
    checked = check_one("Big quake will rock the coast by 2038", source)
    assert (checked.status, checked.arithmetic) == ("derived", "2008 + 30 years = 2038")
    assert not check_one("Big quake will rock the coast by 2040", source).supported


def test_people_arrested_in_two_places_add_up() -> None:
    source = "Police arrested 51 people in Spain and 24 in France after a long inquiry."
    assert check_one("75 arrested in smuggling bust", source).status == "derived"
    assert not check_one("75 raids in smuggling bust", source).supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("18 killed in Baghdad blasts", True),  # at least five + 13, three sentences apart
        ("22 killed in Baghdad blasts", False),  # 13 killed + nine injured: two fates
        ("26 killed in Baghdad blasts", False),  # 13 + 13: one group named twice
    ],
)
def test_a_headline_tallies_one_fate_across_the_article(claim: str, supported: bool) -> None:
    source = (
        "A suicide bomber killed at least five people at the gate. "
        "Police sealed off the area. Officials said nine people were injured in the crush. "
        "Traffic was diverted for hours. A second bomb killed 13 women on a bus. "
        "The 13 women worked for the ministry."
    )
    assert check_one(claim, source).supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("22 dead or injured in Baghdad blasts", True),  # 13 killed + nine injured
        ("14 killed and wounded in Baghdad blasts", True),  # at least five + nine
        ("18 dead or injured in Baghdad blasts", False),  # five + 13: both deaths
        ("22 dead or missing in Baghdad blasts", False),  # nobody went missing
    ],
)
def test_a_tally_of_two_fates_adds_one_count_of_each(claim: str, supported: bool) -> None:
    source = (
        "A suicide bomber killed at least five people at the gate. "
        "Police sealed off the area. Officials said nine people were injured in the crush. "
        "Traffic was diverted for hours. A second bomb killed 13 women on a bus."
    )
    assert check_one(claim, source).supported is supported


def test_a_bare_degrees_claim_rounds_either_scale() -> None:
    source = "The station recorded a temperature of 18.3C—64.94F on Thursday."
    assert check_one("The station reaches 65 degrees", source).status == "rounded"
    assert check_one("The station reaches 18 degrees", source).status == "rounded"
    assert not check_one("The station reaches 70 degrees", source).supported


@pytest.mark.parametrize(
    ("source", "claim", "supported"),
    [
        ("Shares rose from the offer price of $33 per share to $35.80.", "Shares jump 8%", True),
        ("Shares rose from the offer price of $33 per share to $35.80.", "Shares jump 12%", False),
        ("Censors trimmed the film from 169 minutes to 130.", "Censors cut 23% of the film", True),
        (
            "The film runs 169 minutes; censors cut 130 scenes.",
            "Censors cut 23% of the film",
            False,
        ),
    ],
)
def test_a_percent_change_of_a_stated_move_is_derived(
    source: str, claim: str, supported: bool
) -> None:
    assert check_one(claim, source).supported is supported


def test_spans_of_one_unit_add_up_but_a_span_said_twice_does_not() -> None:
    snow = "A record 10 inches fell in 60 minutes, followed by another 5 inches in 30 minutes."
    assert check_one("Snowfall in 90 minutes", snow).status == "derived"
    talk = "This is a 10 minutes break. Ten minutes of silence follow."
    assert not check_one("A 20-minute meditation", talk).supported


def test_words_for_parts_of_a_century_and_the_year_just_below() -> None:
    assert check_one("Worst in 25 years", "The worst in more than a quarter-century.").supported
    assert check_one("Reunited 69 years later", "They had not met for almost 70 years.").supported
    assert not check_one(
        "Reunited 68 years later", "They had not met for almost 70 years."
    ).supported
    assert not check_one("Reunited 69 years later", "They had not met for 70 years.").supported


def test_a_scaled_sum_may_round_to_one_decimal() -> None:
    source = "It will pay $800 million in fines. It will also give $528 million to Germany."
    assert check_one("It will pay $1.3B in fines", source).status == "derived"
    assert not check_one("It will pay $1.4B in fines", source).supported
    assert not check_one("It will pay 1,300 fines", source).supported


def test_a_hedged_span_rounds_into_another_unit() -> None:
    source = "The girl survived for more than 43 hours in the wrecked car."
    assert check_one("Girl survives 2 days in car", source).status == "derived"
    assert not check_one("Girl survives 4 days in car", source).supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("H1 revenue grew 3% to CHF 5.6bn.", True),
        ("H1 revenue grew 3% to $5.6bn.", False),  # francs, not dollars
        ("H2 revenue grew 3%.", False),
    ],
)
def test_a_half_year_and_a_currency_in_words(claim: str, supported: bool) -> None:
    source = "Revenue rose 3% in the first half of the year to 5.6 billion Swiss francs."
    assert all(c.supported for c in check_document(source, claim)) is supported


def test_a_bare_dollar_sign_may_write_another_countrys_dollars() -> None:
    source = "The fine was 200 Canadian dollars, and the bail C$5,000."
    assert all(c.supported for c in check_document(source, "A $200 fine and $5,000 bail."))
    assert not check_document(source, "A fine of 200 euros.")[0].supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The ceasefire lasted two weeks.", True),
        ("The ceasefire lasted 14 days.", True),
        ("The ceasefire lasted about half a month.", True),
        ("The ceasefire lasted three weeks.", False),
        ("The ceasefire lasted 15 days.", False),
    ],
)
def test_a_span_between_two_dates_is_derived(claim: str, supported: bool) -> None:
    source = "The ceasefire, agreed on 3 March, collapsed on 17 March."
    assert check_one(claim, source).supported is supported


def test_dates_far_apart_make_no_span() -> None:
    source = (
        "Talks opened on 3 March. Delegates arrived from 12 countries. "
        "The hotel was full. Rain fell all week. A deal was signed on 17 March."
    )
    assert not check_one("The talks lasted two weeks.", source).supported


def test_a_rate_cut_by_part_of_a_point_is_checked() -> None:
    source = "Mexico's central bank cut its benchmark rate by a quarter percentage point to 10.75%."
    assert check_document(source, "Banxico cuts by a quarter point to 10.75%")[0].supported
    assert not check_document(source, "Banxico cuts by half a point to 10.75%")[0].supported


def test_a_finishing_position_is_checked() -> None:
    source = "The team finished the season 56-26, good for third in the Western Conference."
    checks = check_document(source, "They went 56-26 and finished second in the West.")
    assert [c.text for c in checks if not c.supported] == ["second"]


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The House passed the bill 218-212.", True),  # the vote written out in words
        ("The House passed the bill 212-218.", False),  # its sides swapped
        ("The House passed the bill 218-210.", False),
    ],
)
def test_a_vote_the_source_writes_out_is_a_tally(claim: str, supported: bool) -> None:
    source = "The bill received 218 votes in favor and 212 against."
    assert all(c.supported for c in check_document(source, claim)) is supported


@pytest.mark.parametrize(
    ("text", "values"), [("Arsenal lost 1-3 to City.", [1.0, 3.0]), ("a 1-3 defeat", [1.0, 3.0])]
)
def test_a_score_in_rising_order_is_no_range(text: str, values: list[float]) -> None:
    from briefing.numbers import find_quantities

    assert [(q.value, q.low) for q in find_quantities(text)] == [(v, None) for v in values]


def test_a_price_per_seat_times_the_seats_asked_for_next_door() -> None:
    source = (
        "Marco quoted the Pro tier at $36 per seat per month on an annual contract. "
        "Dana asked for 350 seats to allow for seasonal hires."
    )
    checks = check_document(source, "350 seats would cost $12,600 per month.")
    assert [c.status for c in checks] == ["exact", "derived"]
    assert not check_document(source, "350 seats would cost $13,600 per month.")[1].supported


def test_a_noun_of_another_kind_of_figure_is_no_rival() -> None:
    source = (
        "The board voted to award a $1.34 billion contract to build the 8.2-mile Crestline "
        "light-rail extension."
    )
    assert check_one("Board Awards $1.34 Billion Crestline Rail Contract", source).supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Kestrel has roughly 7,500 employees.", True),  # 450 is about 6% of them
        ("Kestrel has roughly 9,000 employees.", False),
    ],
)
def test_a_whole_implied_by_a_part_and_its_share(claim: str, supported: bool) -> None:
    source = "Kestrel will reduce headcount by about 6%, or roughly 450 positions, this year."
    assert check_one(claim, source).supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [("They averaged roughly 53 km a day.", True), ("They averaged roughly 60 km a day.", False)],
)
def test_a_distance_over_a_span_is_a_daily_rate(claim: str, supported: bool) -> None:
    source = "We rode three hundred and twenty kilometres over six days."
    assert check_one(claim, source).supported is supported


def test_hours_a_week_times_weeks() -> None:
    source = "We have budget for two more annotators for ten weeks, twenty hours a week."
    assert check_one("Each would work about 200 hours.", source).status == "derived"
    assert not check_one("Each would work about 300 hours.", source).supported


@pytest.mark.parametrize(
    ("claim", "supported"), [("It launched in 1958.", True), ("It launched in 1968.", False)]
)
def test_a_spoken_two_digit_year_after_in(claim: str, supported: bool) -> None:
    source = "Host: When it launched in fifty-eight it was the largest ship on the Great Lakes."
    assert check_one(claim, source).supported is supported


def test_a_spoken_count_after_in_is_no_year_for_a_count_claim() -> None:
    source = "Guest: We saw it in fifty-eight cases out of a hundred."
    assert check_one("It appeared in 58 cases.", source).supported


@pytest.mark.parametrize(
    ("claim", "number", "supported"),
    [
        ("Roux had three points, with two goals and an assist.", "two", True),
        ("Roux scored twice in the win.", "twice", True),
        ("Roux scored three times in the win.", "three", False),
    ],
)
def test_scored_twice_is_two_goals(claim: str, number: str, supported: bool) -> None:
    source = "Captain Evan Roux scored twice and assisted on a third as Northfield won 4-1."
    check = next(c for c in check_document(source, claim) if c.text == number)
    assert check.supported is supported


@pytest.mark.parametrize(
    ("source", "claim", "supported"),
    [
        ("More than 410,000 customers lost power.", "Over 400,000 customers lost power.", True),
        ("At least 1,240 people were killed.", "At least 1,200 people were killed.", True),
        ("Fewer than 2,950 people applied.", "Fewer than 3,000 people applied.", True),
        ("More than 2,100 firefighters came.", "More than 3,000 firefighters came.", False),
        ("More than 1,900 firefighters came.", "More than 1,000 firefighters came.", False),
        ("Net debt will fall below $25 billion.", "Net debt will fall below $30 billion.", False),
        ("More than 410,000 customers lost power.", "Under 500,000 customers lost power.", False),
    ],
)
def test_a_bound_may_loosen_the_sources_bound_at_its_own_place(
    source: str, claim: str, supported: bool
) -> None:
    assert check_one(claim, source).supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Four players are confirmed for Thursday.", True),  # says what the 4 are
        ("Four players are coming on Thursday.", False),  # a small count needs shared words
        ("Ten players are confirmed for Thursday.", False),
    ],
)
def test_a_participle_after_a_count_says_what_it_counts(claim: str, supported: bool) -> None:
    source = "Aisha: me, you two, Dan said yes, Liam maybe, so 4 confirmed 1 maybe. Pitch is £60."
    checks = [c for c in check_document(source, claim) if c.kind != "date"]
    assert all(c.supported for c in checks) is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Booker shot below 35% from the field.", False),  # 24 is his points, not a rate
        ("Booker scored 24.", True),
    ],
)
def test_a_bounded_percentage_is_no_bound_on_a_bare_count(claim: str, supported: bool) -> None:
    source = "Devin Booker scored 24 but shot just 8 of 21 from the field."
    assert check_one(claim, source).supported is supported


def test_a_bare_count_may_still_state_a_percentage_in_chat() -> None:
    source = "Eli: that's like 10%?? Nora: yeah exactly 10. for 3 of us that's an extra £48"
    assert check_one("The rent rises exactly 10%.", source).supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Nine of the fourteen economists expected a cut.", True),  # the source's "9 of 14"
        ("Nine of the fifteen economists expected a cut.", False),
    ],
)
def test_a_part_of_a_whole_is_matched_as_a_pair(claim: str, supported: bool) -> None:
    source = (
        "Economists polled before the decision had unanimously expected no change; 9 of 14 had "
        "forecast a first cut in the second quarter of next year."
    )
    assert all(c.supported for c in check_document(source, claim)) is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The cabin weekend cost $255 per person.", True),  # "$255 each"
        ("The cabin weekend cost $1,020 per person.", False),  # the total is no one's share
    ],
)
def test_a_price_per_person_is_the_sources_price_each(claim: str, supported: bool) -> None:
    source = "Sam: So total is $1,020, 4 of us = $255 each. Pete: I owe $255 then."
    assert check_one(claim, source).supported is supported


def test_a_german_source_backs_an_english_claim() -> None:
    source = (
        "Die Regierung beschloss im Oktober 2024 ein Paket von 2,5 Milliarden Euro. Am Mittwoch "
        "stimmten 1.200 Kommunen zu."
    )
    claim = "In October 2024 the government approved 2.5 billion euros; 1,200 towns agreed on Wednesday."
    checks = check_document(source, claim)
    assert [c.status for c in checks] == ["exact"] * 5
