"""The launch's local date and clock time, in the launching state's time zone.

The time is the first clock time of a foreground sentence about the launch.  A time is in the
zone it names ("22:04 UTC", "3:56 p.m. CDT"), else "local" is the launching state's zone, else
the zone in which reports of that state's launches are usually written (Seoul's and Tokyo's
for North Korea), except in the launching state's own media, which write its own.  A date
written beside the time is in the time's zone, and the local day follows from it; other
sources' times are kept as alternatives.
"""

from __future__ import annotations

from datetime import time

from ..model import Launch, local_clock
from .document import lowered, Sentence
from .fields import ClockTime, clock_times, launch_verb_tokens
from .launch_day import day_hint
from .lexicon import Lexicon
from .reading import Reading
from .sources import authority_of

_ABOUT_LAUNCH = frozenset({"launch", "launches", "launched", "fired", "detected"})


def fill_time(reading: Reading, launch: Launch, lexicon: Lexicon) -> None:
    """The launch's local clock time and local date, with the evidence for each."""
    local_zone = lexicon.timezone_of(reading.country)
    times = _clock_times(reading)
    day = reading.launch_day.day
    if times:
        clock, sentence = times[0]
        zone = _zone_of(clock, reading, lexicon)
        # "3:56 p.m. CDT, June 21": a date beside the time is in the time's zone, and
        # the local day follows from it.  A time alone ("22:04 UTC") only moves the
        # clock: the launch day was found elsewhere, in the launching state's terms.
        beside = [d for d in reading.dates.get(sentence.index, [])
                  if d.day is not None and d.is_event_date and not reading.in_background(d.start)]
        if beside and day is not None:
            day, local_time = local_clock(beside[0].day, clock.value, zone, local_zone)
        else:
            _, local_time = local_clock(day, clock.value, zone, local_zone)
            if day is None and zone is not None and local_zone is not None and \
                    zone != local_zone:
                launch.time_zone = zone  # fusion moves the time once the day is known
        launch.time_local = local_time
        launch.evidence["time_local"] = reading.evidence(clock.start, clock.end)
        alternatives = _other_times(reading, lexicon, times, local_time)
        if alternatives:
            launch.alternatives["time_local"] = alternatives
    launch.date_local = day
    if day is None:
        launch.day_hint = day_hint(reading)
    found = reading.launch_day.found
    if found is not None and day is not None and found.start < len(reading.body.doc) \
            and not reading.statement.in_title:
        launch.evidence["date_local"] = reading.evidence(found.start, found.end)


def _clock_times(reading: Reading) -> list[tuple[ClockTime, Sentence]]:
    """The foreground's clock times, in text order, each with its sentence: the statement's,
    and those of sentences about the launch."""
    times: list[tuple[ClockTime, Sentence]] = []
    for sentence in reading.in_text_order():
        words = set(lowered(sentence.span.doc)[sentence.start:sentence.end])
        if sentence is not reading.statement.sentence and not (
                launch_verb_tokens(sentence) or words & _ABOUT_LAUNCH):
            continue
        for clock in clock_times(reading.body, sentence):
            if not reading.in_background(clock.start):
                times.append((clock, sentence))
    return times


def _other_times(reading: Reading, lexicon: Lexicon, times: list[tuple[ClockTime, Sentence]],
                 local_time: time) -> list[dict[str, object]]:
    """Other sources' times that differ from the chosen one, as alternatives."""
    local_zone = lexicon.timezone_of(reading.country)
    _, sentence = times[0]
    alternatives: list[dict[str, object]] = []
    for other, other_sentence in times[1:]:
        if other_sentence is sentence:
            continue  # a second missile of the same salvo, not another source
        _, other_time = local_clock(reading.launch_day.day, other.value,
                                  _zone_of(other, reading, lexicon), local_zone)
        if other_time != local_time:
            alternatives.append({"value": other_time.strftime("%H:%M"),
                                 "reported_by": authority_of(reading, other_sentence)})
    return alternatives


def _zone_of(clock: ClockTime, reading: Reading, lexicon: Lexicon) -> str | None:
    """The zone a clock time is stated in: its own, else the launching state's for "local"
    and in the launching state's own media, else where its launches are usually reported."""
    if clock.zone == "local":
        return lexicon.timezone_of(reading.country)
    if clock.zone is not None:
        return clock.zone
    if reading.publisher_authority == "KCNA":
        return lexicon.timezone_of(reading.country)
    return lexicon.report_timezone_of(reading.country)
