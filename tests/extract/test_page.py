"""The document stage (``extract.page``), one rule at a time, on pages written for these tests.

Every outlet, place and sentence below is invented.  A furniture line is tested *after* the
story has begun, so that it is blanked by its own rule and not only because it comes before the
first prose line (everything before the story is furniture or headline anyway).
"""

from __future__ import annotations

import pytest

from launchwatch.extract.page import normalise, read_page

HEADLINE = "Coastal state fires two rockets into the sea"
LEDE = ("The coastal state fired two short-range rockets into the sea on Friday, the "
        "neighbouring country's defence ministry said.")
SECOND = "Officials said the rockets flew about 300 km before coming down outside the zone."


def kinds(page, original: str) -> list[tuple[str, str]]:
    """(kind, line as stored) for every non-empty line of the page."""
    return [(line.kind, original[line.start:line.end].strip()) for line in page.lines]


def kind_of(page, original: str, text: str) -> str:
    """The kind of the last line that reads ``text``."""
    found = [k for k, line in kinds(page, original) if line == text]
    assert found, f"no line {text!r} in {kinds(page, original)}"
    return found[-1]


def assert_blanked(page, original: str, text: str) -> None:
    """The line is furniture and its characters are spaces in the page text (offsets hold);
    the last line that reads ``text`` when there are several."""
    start = original.rindex(text)
    assert kind_of(page, original, text) == "furniture"
    assert page.text[start:start + len(text)] == " " * len(text)


def assert_offsets_hold(page, original: str) -> None:
    assert len(page.text) == len(page.positions) - 1
    assert [i for i, ch in enumerate(page.text) if ch == "\n"] == \
        [i for i, ch in enumerate(original) if ch == "\n"]


# --- normalisation -----------------------------------------------------------------------

def test_curly_quotes_nbsp_and_en_dash_become_ascii_one_for_one():
    stored = ("The ministry\u2019s spokesman called it \u201ca provocation\u201d\u00a0\u2013 "
              "the third in\u202f10 days.")
    result = normalise(stored)
    assert result.text == ("The ministry's spokesman called it \"a provocation\" - "
                           "the third in 10 days.")
    assert len(result.text) == len(stored)
    assert result.positions == list(range(len(stored) + 1))


def test_a_page_with_only_same_length_changes_keeps_every_offset():
    stored = f"\u201c{HEADLINE}\u201d\n{LEDE.replace(' ', chr(0xA0), 3)}\n"
    page = read_page(stored)
    assert_offsets_hold(page, stored)
    start = page.text.index("fired")
    assert page.original_span(start, start + 5) == (start, start + 5, "fired")


def test_approx_is_written_out_and_maps_back_to_the_stored_abbreviation():
    stored = f"{LEDE}\nThe rockets flew approx. 300 km over the sea, officials said.\n"
    page = read_page(stored)
    assert "approx." not in page.text
    start = page.text.index("approximately 300 km")
    lo, hi, text = page.original_span(start, start + len("approximately 300 km"))
    assert text == "approx. 300 km"
    assert stored[lo:hi] == "approx. 300 km"
    lo, hi, text = page.original_span(start, start + len("approximately"))
    assert text == "approx."


@pytest.mark.parametrize("glued, spaced", [
    ("37mins", "37 mins"),
    ("4,135s", "4,135 s"),
    ("300km", "300 km"),
    ("2hrs", "2 hrs"),
])
def test_a_number_glued_to_its_unit_is_split_and_maps_back_exactly(glued, spaced):
    stored = f"{LEDE}\nOfficials said the rocket stayed aloft for {glued} after the launch.\n"
    page = read_page(stored)
    assert glued not in page.text
    start = page.text.index(spaced)
    lo, hi, text = page.original_span(start, start + len(spaced))
    assert (text, stored[lo:hi]) == (glued, glued)
    # the number alone and the unit alone map back to their own characters
    number = spaced.split()[0]
    assert page.original_span(start, start + len(number))[2] == number
    unit_start = start + len(number) + 1
    assert page.original_span(unit_start, start + len(spaced))[2] == spaced.split()[1]


def test_text_after_a_rewrite_maps_back_with_the_shift():
    stored = "The rocket flew 300km and then 400km.\n"
    result = normalise(stored)
    assert result.text == "The rocket flew 300 km and then 400 km.\n"
    assert len(result.positions) == len(result.text) + 1
    later = result.text.index("400")
    assert result.positions[later] == stored.index("400")
    assert result.positions[-1] == len(stored)


# --- furniture lines ---------------------------------------------------------------------

def story_with(line: str) -> str:
    """Headline, lede, the line under test, a second prose paragraph."""
    return f"{HEADLINE}\n\n{LEDE}\n\n{line}\n\n{SECOND}\n"


@pytest.mark.parametrize("line", [
    "https://www.example-wire.test/world/asia/coastal-rockets-2023",
    "www.example-daily.test/news/12345",
    "URL: https://news.example.test/a/b",
])
def test_url_lines_are_blanked(line):
    stored = story_with(line)
    page = read_page(stored)
    assert_blanked(page, stored, line)
    assert_offsets_hold(page, stored)


@pytest.mark.parametrize("line", [
    "March 3, 2023, 9:15 AM",
    "Updated: 2023-03-03 09:15 KST",
    "Fri, 03 Mar 2023 09:15:00 GMT",
    "Posted on 3 March 2023",
    "Defence 20:33 Mar 03, 2023",
])
def test_date_only_lines_are_blanked(line):
    stored = story_with(line)
    assert_blanked(read_page(stored), stored, line)


@pytest.mark.parametrize("line", ["By Jane Example", "BY JANE EXAMPLE",
                                  "By Jane Example, Staff Reporter"])
def test_bylines_are_blanked(line):
    stored = story_with(line)
    assert_blanked(read_page(stored), stored, line)


@pytest.mark.parametrize("line", [
    "Soldiers watch the rockets lift off from the coast. (Photo: Example Wire)",
    "A rocket rises from its launcher in this undated file photo.",
    "A launcher vehicle is seen at the range on Friday.",
    "A rocket on its launcher at the coastal range / AFP",
    "Photo by Example Agency",
])
def test_captions_and_photo_credits_are_blanked(line):
    stored = story_with(line)
    assert_blanked(read_page(stored), stored, line)


@pytest.mark.parametrize("line", ["Advertisement", "ADVERTISEMENT", "Share",
                                  "Share this article", "Share on social media", "Tweet",
                                  "Related stories", "Read more: coastal tensions",
                                  "Copyright 2023 Example Wire. All rights reserved.", "* * *"])
def test_advertisement_share_and_similar_lines_are_blanked(line):
    stored = story_with(line)
    assert_blanked(read_page(stored), stored, line)


@pytest.mark.parametrize("line", ["Home | World | Asia", "Home > World > Asia",
                                  "News | Defence | Region | Opinion"])
def test_menus_are_blanked(line):
    stored = story_with(line)
    assert_blanked(read_page(stored), stored, line)


def test_a_wire_tag_is_blanked_and_the_headline_read_without_it():
    stored = f"(2nd LD) {HEADLINE}\n\n{LEDE}\n"
    page = read_page(stored)
    assert page.headline == HEADLINE
    assert page.text[:len("(2nd LD)")] == " " * len("(2nd LD)")
    start, end = page.headline_span
    assert stored[start:end] == HEADLINE


@pytest.mark.parametrize("tag", ["(LEAD)", "(URGENT)", "(4th LD)"])
def test_other_wire_tags_are_blanked_too(tag):
    stored = f"{tag} {HEADLINE}\n\n{LEDE}\n"
    assert read_page(stored).headline == HEADLINE


def test_a_broadcaster_tag_is_blanked_and_its_sentence_kept_as_prose():
    lede = f"[Anchor Lead] {LEDE}"
    stored = f"{HEADLINE}\n\n{lede}\n\n[Reporter] {SECOND}\n"
    page = read_page(stored)
    assert kind_of(page, stored, lede) == "prose"
    start = stored.index("[Anchor Lead]")
    assert page.text[start:start + len("[Anchor Lead]")] == " " * len("[Anchor Lead]")
    second = stored.index("[Reporter]")
    assert page.text[second:second + len("[Reporter]")] == " " * len("[Reporter]")
    assert LEDE in page.text and SECOND in page.text
    assert "[" not in page.text


def test_a_header_date_string_before_the_headline_is_blanked():
    stored = f" date 2023-03-24 {HEADLINE}\n\n{LEDE}\n"
    page = read_page(stored)
    assert page.headline == HEADLINE
    start, end = page.headline_span
    assert stored[start:end] == HEADLINE
    assert "2023-03-24" not in page.text


def test_a_header_date_string_on_its_own_line_is_blanked():
    stored = story_with(" date 2023-03-24 ")
    page = read_page(stored)
    assert "2023-03-24" not in page.text
    assert_offsets_hold(page, stored)


@pytest.mark.parametrize("copy", [HEADLINE, HEADLINE.upper(), f"\u201c{HEADLINE}\u201d"])
def test_a_duplicated_headline_line_is_blanked(copy):
    stored = f"{HEADLINE}\n\n{LEDE}\n\n{copy}\n\n{SECOND}\n"
    page = read_page(stored)
    assert page.headline == HEADLINE
    assert_blanked(page, stored, copy)


def test_a_duplicated_headline_with_a_full_stop_is_blanked():
    copy = HEADLINE + "."
    stored = f"{HEADLINE}\n\n{LEDE}\n\n{copy}\n\n{SECOND}\n"
    assert_blanked(read_page(stored), stored, copy)


def test_a_sentence_that_opens_with_by_is_prose_not_a_byline():
    line = "By Monday evening, officials had confirmed the launch of two rockets."
    stored = story_with(line)
    assert kind_of(read_page(stored), stored, line) == "prose"


@pytest.mark.parametrize("line", [
    "Comments by the minister followed the launch of two rockets on Friday.",
    "Listen as officials said the rockets flew 300 km before landing.",
])
def test_a_sentence_that_opens_with_a_furniture_word_is_prose(line):
    stored = story_with(line)
    assert kind_of(read_page(stored), stored, line) == "prose"


def test_a_sentence_that_mentions_a_photo_inside_stays_prose():
    line = "Video released by the state broadcaster showed two rockets rising from the pad."
    stored = story_with(line)
    assert kind_of(read_page(stored), stored, line) == "prose"


# --- headline ----------------------------------------------------------------------------

def test_the_headline_is_the_line_before_the_story_and_leaves_the_body():
    stored = f"{HEADLINE}\n\n{LEDE}\n"
    page = read_page(stored)
    assert page.headline == HEADLINE
    assert kind_of(page, stored, HEADLINE) == "headline"
    assert HEADLINE not in page.text
    assert page.headline_span == (0, len(HEADLINE))


def test_the_headline_is_the_line_that_speaks_of_a_launch_even_after_a_menu():
    stored = ("Home | World | Asia\nWorld News Today\n" f"{HEADLINE}\n"
              "Most Read Stories This Week\n\n" f"{LEDE}\n")
    page = read_page(stored)
    assert page.headline == HEADLINE
    assert kind_of(page, stored, "Home | World | Asia") == "furniture"
    assert kind_of(page, stored, "World News Today") == "furniture"
    assert kind_of(page, stored, HEADLINE) == "headline"
    start, end = page.headline_span
    assert stored[start:end] == HEADLINE
    assert page.paragraph_starts == [stored.index(LEDE)]


def test_without_a_launch_line_the_first_headline_like_line_is_taken():
    stored = ("Coastal tensions rise again\n\nThe ministry said on Friday that its ships had "
              "left the northern port for routine patrols.\n")
    assert read_page(stored).headline == "Coastal tensions rise again"


def test_a_report_with_a_title_header_keeps_it():
    stored = f"World News Today\n{HEADLINE}\n\n{LEDE}\n"
    page = read_page(stored, title="Rockets splash down off the coast")
    assert page.headline is None and page.headline_span is None
    # the lines before the story are furniture, not a second title
    assert kind_of(page, stored, HEADLINE) == "furniture"
    assert LEDE in page.text


def test_a_body_copy_of_the_title_header_is_blanked():
    stored = f"{LEDE}\n\n{HEADLINE}\n\n{SECOND}\n"
    page = read_page(stored, title=HEADLINE)
    assert_blanked(page, stored, HEADLINE)


# --- paragraphs --------------------------------------------------------------------------

def test_prose_paragraphs_start_at_each_prose_line():
    stored = f"{HEADLINE}\n\n{LEDE}\n\n{SECOND}\n"
    page = read_page(stored)
    assert page.paragraph_starts == [stored.index(LEDE), stored.index(SECOND)]


def test_hard_wrapped_lines_inside_the_story_stay_one_paragraph():
    wrapped = ("Officials said the rockets flew about 300 km before they came down in\n"
               "the sea outside the economic zone, and that ships and aircraft had\n"
               "been warned in advance.")
    stored = f"{HEADLINE}\n\n{LEDE}\n\n{wrapped}\n\nA third paragraph follows here, "\
             "officials said.\n"
    page = read_page(stored)
    assert page.paragraph_starts == [stored.index(LEDE), stored.index(wrapped),
                                     stored.index("A third")]
    assert all(kind == "prose" for kind, _ in kinds(page, stored)[1:])


def test_a_hard_wrapped_lede_stays_one_paragraph():
    wrapped = ("The coastal state fired two short-range rockets into the sea on Friday, the\n"
               "neighbouring country's defence ministry said, adding that the rockets\n"
               "flew about 300 km.")
    stored = f"{HEADLINE}\n\n{wrapped}\n\n{SECOND}\n"
    page = read_page(stored)
    assert page.headline == HEADLINE
    assert page.paragraph_starts == [stored.index(wrapped), stored.index(SECOND)]
    assert "fired two short-range rockets" in page.text


def test_a_line_wrapped_before_a_proper_noun_stays_in_its_paragraph():
    wrapped = ("Officials said the rockets flew about 300 km before they came down near\n"
               "Cape Example, outside the economic zone.")
    stored = f"{HEADLINE}\n\n{LEDE}\n\n{wrapped}\n"
    page = read_page(stored)
    assert page.paragraph_starts == [stored.index(LEDE), stored.index(wrapped)]
