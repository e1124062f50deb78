"""Narrative events found in prose (``pipeline.layouts.prose``): which sentences tell a dated
incident, where an event's text starts and ends, and what is background.

Every paragraph here is written for the test; none is copied from a report.
"""

from __future__ import annotations

import pytest

from pipeline.layouts.detect import segment_text


def events(text: str) -> list[str]:
    return [e.text for e in segment_text(text).events]


def dates(text: str) -> list[tuple[str | None, str | None]]:
    """(the words that date each event, its EDTF date)."""
    return [(e.date_mention.evidence.text if e.date_mention else None,
             e.date_mention.edtf if e.date_mention else None) for e in segment_text(text).events]


# --- an event and the sentences that go on telling it --------------------------------------------


def test_the_toll_and_the_claim_belong_to_the_event_and_background_ends_it():
    text = ("Report\n\nOn 3 March 2021, gunmen stormed a market in Kalo, killing nine traders. "
            "The attackers also burned two trucks. A local militia claimed responsibility for the "
            "attack. Since 2018, the district has faced repeated raids. The market reopened.\n")
    assert events(text) == [
        "On 3 March 2021, gunmen stormed a market in Kalo, killing nine traders. The attackers "
        "also burned two trucks. A local militia claimed responsibility for the attack."
    ]


def test_a_second_dated_incident_starts_a_new_event():
    text = ("Report\n\nOn 4 June 2019, a roadside bomb hit a patrol near Sefa, wounding three "
            "soldiers. The patrol was returning to its base. On 9 June 2019, rebels abducted "
            "two nurses in Orru. Their families were told to pay a ransom.\n")
    assert events(text) == [
        "On 4 June 2019, a roadside bomb hit a patrol near Sefa, wounding three soldiers. The "
        "patrol was returning to its base.",
        "On 9 June 2019, rebels abducted two nurses in Orru.",
    ]


def test_a_sentence_with_no_act_of_the_incident_ends_it():
    text = ("Report\n\nOn 2 May 2017, militants shelled the town of Pel. Pel lies on the main "
            "road to the coast and hosts a large market.\n")
    assert events(text) == ["On 2 May 2017, militants shelled the town of Pel."]


def test_a_claim_dated_later_is_still_the_claim_of_the_incident_told():
    text = ("Report\n\nOn 8 October 2015, two bombs exploded at a bus station in Marda, killing "
            "eleven people. The group on Saturday claimed responsibility for the bombings.\n")
    assert events(text) == [
        "On 8 October 2015, two bombs exploded at a bus station in Marda, killing eleven "
        "people. The group on Saturday claimed responsibility for the bombings."
    ]


def test_a_quotation_goes_on_to_its_end():
    text = ("Report\n\nOn 14 May 2022, gunmen attacked a clinic in Sori. A nurse said: \"They "
            "came at dawn. We hid in the storeroom. Nobody came to help us.\"\n")
    assert events(text) == [
        "On 14 May 2022, gunmen attacked a clinic in Sori. A nurse said: \"They came at dawn. We "
        "hid in the storeroom. Nobody came to help us.\""
    ]


# --- how a date is stated ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "On 12 June, soldiers killed four rebels near Ambo.",  # no year anywhere
        "Assailants 14 Feb killed a village chief in Sanga town.",  # agency shorthand
        "Six people were killed Monday in Tiri, a town near the border.",  # a weekday, no "on"
        "Gunmen attacked a checkpoint outside Nuru on Saturday, 9 July, killing two guards.",
        "Churches had been bombed in Lesa from as early as March 1999, when a chapel was hit.",
        "On Christmas Eve 2012, a bomb exploded outside a church in Kota, killing five people.",
        "September 2014 witnessed a wave of kidnappings in the hills around Doma.",
        "The interior ministry on Tuesday (March 3, 2020) said that rebels had killed 40 people.",
    ],
)
def test_a_sentence_dated_to_a_day_or_a_month_is_an_event(sentence):
    assert events(f"Report\n\n{sentence}\n") == [sentence]


def test_a_time_after_the_date_before_dates_an_incident():
    text = ("Report\n\nFighters bombed a bridge near Tamo in May 2014. Two months later, the same "
            "group kidnapped a priest in Lere. That December, they raided a prison in Tamo.\n")
    assert dates(text) == [("May 2014", "2014-05"), ("Two months later", "2014-07"),
                           ("That December", "2014-12")]


def test_a_holiday_dates_an_incident():
    text = ("Report\n\nIn 2016, the city saw little violence until a truck drove into a crowd on "
            "New Year's Eve, killing twelve.\n")
    assert dates(text) == [("New Year's Eve", "2016-12-31")]


def test_one_sentence_telling_two_dated_incidents_is_two_events():
    text = ("Report\n\nMilitants 4 Feb attacked a checkpoint near Dosa town, killing three "
            "soldiers, and 9 Feb ambushed a convoy in Wara area.\n")
    assert events(text) == [
        "Militants 4 Feb attacked a checkpoint near Dosa town, killing three soldiers",
        "and 9 Feb ambushed a convoy in Wara area.",
    ]


def test_a_second_month_opens_an_event_only_with_a_clause_of_its_own():
    two = ("Report\n\nIn March 2011, 20 people died in an attack on a hotel in Bira and 35 people "
           "were killed in a bombing at the port of Bira in June 2012.\n")
    assert len(events(two)) == 2
    one = ("Report\n\nIn March 2011, the army launched Operation Dune, which replaced Operation "
           "Reef in June 2012.\n")
    assert dates(one) == [("March 2011", "2011-03")]


def test_the_day_a_source_spoke_does_not_date_the_incident():
    text = ("Report\n\nTwelve villagers were killed on Friday in an attack on Beno, officials "
            "said on Saturday.\n")
    assert [d[0] for d in dates(text)] == ["on Friday"]
    said_only = ("Report\n\nThe new checkpoints show how much the army fears the rebels, "
                 "diplomats said on Tuesday.\n")
    assert events(said_only) == []


def test_a_quote_about_the_same_day_goes_on_telling_the_incident():
    text = ("Report\n\nAt least seven farmers were killed on Sunday, 4 April, in Moro. "
            "\u201cGunmen arrived on Sunday at dawn and shot them,\u201d a resident told "
            "reporters Monday.\n")
    assert len(events(text)) == 1


def test_a_month_heading_gives_the_year_of_the_prose_under_it():
    text = "Monitor\n\nJanuary 2023\n\nRegion\n\nRebels 9 Jan attacked a convoy near Lusa town.\n"
    assert dates(text) == [("9 Jan", "2023-01-09")]


def test_a_weekday_is_not_resolved_against_a_year_alone():
    text = "Attacks in 2016\n\nOn Tuesday, gunmen shot dead a judge in Waro.\n"
    found = segment_text(text).events
    assert len(found) == 1 and found[0].date_mention.start is None


# --- the opening of a news article ----------------------------------------------------------------


def test_the_opening_sentence_of_an_article_tells_its_incident_without_a_date():
    text = ("Blast in Tarsa\n\nAn explosion at a bus station in Tarsa has left 14 people dead and "
            "30 wounded after a bomb hidden in a bag went off.\n\nPolice had earlier said eight "
            "people died in Monday's blast.\n")
    assert events(text) == [
        "An explosion at a bus station in Tarsa has left 14 people dead and 30 wounded after a "
        "bomb hidden in a bag went off."
    ]


def test_a_statistic_opening_an_article_is_no_incident():
    text = ("Review\n\nOver the past ten years, armed groups have killed more than 3,000 civilians "
            "in the northern provinces.\n")
    assert events(text) == []


def test_a_long_title_line_is_the_articles_opening():
    text = ("Four people were killed Tuesday in Hara, a town near the northern border. A regional "
            "official said militants were behind the attack.\nThe town had been calm for months.\n")
    assert events(text)[:1] == [
        "Four people were killed Tuesday in Hara, a town near the northern border. A regional "
        "official said militants were behind the attack."
    ]


# --- lines that are no sentence ------------------------------------------------------------------


def test_headlines_inside_a_block_are_no_events():
    text = ("Alert\n\nRegion: Gunmen kill four in Vado on 2 May\nSuspected rebels kill four "
            "farmers in Vado on 2 May; roads closed\nEvent\nOn 2 May, suspected rebels killed four "
            "farmers in Vado. The bodies were found near a well.\n")
    assert events(text) == [
        "On 2 May, suspected rebels killed four farmers in Vado. The bodies were found near a well."
    ]


def test_sentences_split_after_reference_marks():
    text = ("History\n\nOn 3 May 2016, rebels attacked a post in Kiri.[4][5] Between May 2016 "
            "and June 2017, nine posts were attacked. On 9 July 2017, two guards were shot in "
            "Amu.[6]\n")
    assert events(text) == [
        "On 3 May 2016, rebels attacked a post in Kiri.[4][5]",
        "On 9 July 2017, two guards were shot in Amu.[6]",
    ]


def test_a_page_repeating_its_standfirst_gives_one_event():
    standfirst = "At least 30 people were killed when a car bomb exploded in Zara on Friday."
    text = f"News\n\n{standfirst}\n\nPhoto: archive\n\n{standfirst}\n"
    assert events(text) == [standfirst]


# --- background ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # a period's start, named by an incident
        "Since the bombing of the embassy in March 2011, the capital has tightened security.",
        "Here is a list of attacks since the siege of the mall in September 2013.",
        "The following is a timeline of the raids carried out in the province in May 2015.",
        # statistics for a period
        "The air force carried out more than 300 airstrikes between January and August, killing "
        "about 900 fighters.",
        "Between May 2016 and June 2017, nine police posts were attacked across the region.",
        # the start of a war
        "The civil war, which is thought to have begun in June 1990, displaced millions.",
        # a schedule, the future
        "Insecurity grew ahead of local elections due in February.",
        "The curfew will run from Sunday, 9 July, through 9 October.",
        # a poll
        "In a poll conducted in May 2016, 60 percent of residents said they felt unsafe.",
        # a date describing a thing named before it
        "The training mission, launched in April 2013, has trained 5,000 soldiers.",
        "Operation Sand, established as a task force in March 2014, is based in Tilo.",
        # an incident named by its date in passing
        "The Easter Sunday bombings in the capital shattered the country's calm.",
        "The November 2015 hotel attack changed how the city is policed.",
    ],
)
def test_background_is_no_event(sentence):
    assert events(f"Report\n\n{sentence}\n") == []


def test_a_photo_caption_is_no_event():
    text = ("News\n\nMourners lay flowers outside the station in Lira on 4 March.\n\nOn 2 March, a "
            "gunman shot three commuters at the station in Lira.\n")
    assert events(text) == ["On 2 March, a gunman shot three commuters at the station in Lira."]


def test_a_relative_clause_about_something_else_does_not_date_the_sentence():
    text = ("Report\n\nThe army has received drones from its allies and from Operation Gale, which "
            "replaced Operation Flint in August 2014.\n")
    assert events(text) == []
    only_act = ("Report\n\nThe hamlets lie near Dano, which was raided by fighters on Wednesday, "
                "5 July.\n")
    assert len(events(only_act)) == 1


def test_a_weekday_in_the_possessive_names_the_incident_told_unless_its_day_differs():
    same = ("Report\n\nA car bomb killed 14 people at a market in Ruma earlier this week, police "
            "said.\n\nPolice had first said nine people died in Tuesday's bombing.\n")
    assert len(events(same)) == 1
    other = ("Report\n\nOn Monday, gunmen killed five people in Ado. Tuesday's bombing in Ise "
             "killed 20 more.\n")
    assert len(events(other)) == 2


def test_another_incident_on_the_same_day_is_another_event():
    text = ("Report\n\nOn Saturday, 3 May, rebels attacked Ado, killing four. A bomb also exploded "
            "in Ise on Saturday, killing two.\n")
    assert len(events(text)) == 2


def test_an_introduction_counting_a_periods_dead_is_no_incident():
    text = ("Kabul\n\nA look at deadly attacks in Kabul, which have killed more than 500 people "
            "this year:\n\n- Jan 5: A bomb kills 4.\n- Feb 6: A bomb kills 5.\n"
            "- Mar 7: A bomb kills 6.\n")
    assert events(text) == []


def test_a_paragraph_wrapped_at_a_fixed_width_is_one_paragraph():
    lines = [
        "On 3 May 2019, gunmen attacked the market of Kalo in the early morning,",
        "killing nine traders and wounding a dozen others, according to a local",
        "official who spoke to reporters. The attackers fled towards the hills",
        "before soldiers arrived.",
    ]
    assert events("Report\n\n" + "\n".join(lines) + "\n") == [" ".join(lines)]


def test_a_news_brief_in_the_present_tense_tells_events():
    text = "Brief\n\nOn 5 May, gunmen kill three farmers in Doro.\n"
    assert events(text) == ["On 5 May, gunmen kill three farmers in Doro."]


def test_a_birth_date_is_background():
    text = "Profile\n\nBorn in March 1970 in Kano, the commander joined the group in 2003.\n"
    assert events(text) == []


def test_a_caption_with_its_credit_is_no_event():
    text = ("News\n\nFlags fly at half-mast in Lira after the attack on the station on 2 March. "
            "Photo: Agency\n\nOn 2 March, a gunman shot three commuters at the station in Lira.\n")
    assert events(text) == ["On 2 March, a gunman shot three commuters at the station in Lira."]


def test_a_time_before_the_documents_day_dates_an_incident():
    text = ("News\n\nMay 10, 2019\n\nTwo days ago, gunmen stormed a school in Ado, killing four "
            "teachers.\n")
    assert dates(text) == [("Two days ago", "2019-05-08")]


def test_images_named_in_a_sentence_do_not_make_it_a_caption():
    text = ("Report\n\nOn 6 June 2018, the group killed two hostages in Sabo, the army said, citing "
            "images by its media arm.\n")
    assert len(events(text)) == 1


def test_the_opening_incident_compared_with_the_year_so_far_is_still_an_incident():
    text = ("News\n\nA car bomb killed 12 people at a checkpoint in Rafo, the deadliest attack in the "
            "province so far this year.\n")
    assert len(events(text)) == 1


# --- the document's own date: a title line, an address's month, a hedged year -----------------


def test_a_weekday_counts_from_the_date_on_the_title_line():
    text = ("This Article is From Jul 23, 2015\n\nViolence Spreads\n\nA double suicide attack "
            "killed at least 11 people in Maroua on Wednesday, officials said.\n")
    assert dates(text) == [("on Wednesday", "2015-07-22")]


def test_today_in_a_copy_whose_address_names_only_a_month_is_that_month():
    text = ("# source: https://example.org/2016/10/raids.html  publisher: X  retrieved: stored copy\n"
            "Raids\n\nGunmen launched three attacks in Kenya and Somalia today, killing nine.\n")
    events_ = segment_text(text).events
    assert [(e.date_mention.edtf, e.date_mention.evidence.method) for e in events_] == [
        ("2016-10", "rule:today:publication-month")]


def test_without_any_date_of_its_own_today_stays_undated():
    text = "Raids\n\nGunmen launched three attacks in Kenya and Somalia today, killing nine.\n"
    assert dates(text) == [("today", None)]


def test_a_hedged_year_on_a_caption_line_is_no_heading():
    text = ("# source: https://example.org/2016/10/raids.html  publisher: X  retrieved: stored copy\n"
            "Fighters in Kenya sometime in 2015\n\nGunmen launched three attacks in Kenya today, "
            "killing nine.\n")
    assert dates(text) == [("today", "2016-10")]
