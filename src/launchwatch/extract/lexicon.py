"""The extractor's vocabulary, read from the JSON files in ``lexicons/`` and the gazetteer.

Missile names, classes, seas, authorities, countries and the cue words of launch reporting are
data, not code: a reviewer can extend them without touching the rules.  Launch sites are the
gazetteer's (:func:`launchwatch.geo.gazetteer.load_sites`, ``geo/data/sites.json``), the one
list events and the assessment read too; the words that qualify a figure are
:mod:`launchwatch.units`'.  This module loads them once and compiles them into one spaCy
``PhraseMatcher`` whose match labels are ``"KIND|value"`` strings (``"SITE|Sunan"``,
``"CLASS|ICBM"``, ``"CUE|launch_verbs"``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from ..geo.gazetteer import Site, load_sites
from ..model.clock import zone_of
from ..units import QUALIFIER_WORDS


def read_lexicon_file(name: str) -> dict[str, Any]:
    """One of the lexicon files (``lexicons/NAME``) as read from the package; the English,
    Japanese and Korean rules read the same files."""
    text = resources.files("launchwatch.extract").joinpath("lexicons", name).read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=2)
def written_names(kind: str) -> dict[str, str]:
    """Every phrase the lexicons write a ``kind`` of name with ("country" or
    "missile_name"), in lower case, and the name the extractor reports for it: "dprk" ->
    "North Korea", "kn-23" -> "Hwasong-11A".  For filters that take what a person types."""
    if kind == "country":
        entries = [(name, [name, *entry["phrases"]]) for name, entry
                   in read_lexicon_file("countries.json").items() if not name.startswith("_")]
    elif kind == "missile_name":
        entries = [(entry["name"], [entry["name"], *entry["aliases"]])
                   for entry in read_lexicon_file("missiles.json")["missiles"]]
    else:
        raise ValueError(f"the lexicons hold no {kind!r} names")
    # The first entry that writes a phrase keeps it, as the matcher's data lists them.
    return {phrase.lower(): name for name, phrases in reversed(entries) for phrase in phrases}


@dataclass(frozen=True)
class SiteEntry:
    """A launch site as the rules see it: ``country`` is the launching state (a key of
    ``countries.json``), ``specific`` whether the name gives an exact point (a named facility)
    rather than an area (a town, a province), which gives none."""

    name: str
    country: str
    lat_deg: float
    lon_deg: float
    specific: bool
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class MissileEntry:
    name: str
    missile_class: str
    country: str


@dataclass(eq=False)  # hashed by identity: one lexicon per process
class Lexicon:
    """Everything the rules look up, plus the compiled phrase matcher."""

    nlp: Language
    matcher: PhraseMatcher
    countries: dict[str, dict[str, Any]]
    sites: dict[str, SiteEntry]
    missiles: dict[str, MissileEntry]
    seas: dict[str, str]
    cues: dict[str, Any]
    qualifier_by_phrase: dict[str, str] = field(default_factory=dict)

    def timezone_of(self, country: str | None) -> str | None:
        """The zone of the state's launch sites (the model's one map, :data:`STATE_ZONES`)."""
        return zone_of(country)

    def report_timezone_of(self, country: str | None) -> str | None:
        """The zone reports about the state give clock times in when they name none."""
        entry = self.countries.get(country or "")
        if not entry:
            return None
        return entry.get("report_timezone") or zone_of(country)

    def words(self, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cues[key])


def _add(matcher: PhraseMatcher, nlp: Language, label: str, phrases: list[str]) -> None:
    docs = [nlp.make_doc(p) for p in phrases if p]
    if docs:
        matcher.add(label, docs)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon and its matcher, built once per process."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")

    countries = {k: v for k, v in read_lexicon_file("countries.json").items()
                 if not k.startswith("_")}
    for name, entry in countries.items():
        _add(matcher, nlp, f"COUNTRY|{name}", entry["phrases"])

    for name, phrases in read_lexicon_file("authorities.json").items():
        if not name.startswith("_"):
            _add(matcher, nlp, f"AUTH|{name}", phrases)

    sites = _site_entries(load_sites(), countries)
    for entry in sites.values():
        _add(matcher, nlp, f"SITE|{entry.name}", [entry.name, *entry.aliases])

    missiles_data = read_lexicon_file("missiles.json")
    missiles: dict[str, MissileEntry] = {}
    for entry in missiles_data["missiles"]:
        missiles[entry["name"]] = MissileEntry(entry["name"], entry["class"], entry["country"])
        _add(matcher, nlp, f"MISSILE|{entry['name']}", [entry["name"], *entry["aliases"]])
    for cls, phrases in missiles_data["class_phrases"].items():
        if not cls.startswith("_"):
            _add(matcher, nlp, f"CLASS|{cls}", phrases)
    for cls, phrases in missiles_data["standalone_class_phrases"].items():
        _add(matcher, nlp, f"CLASSALONE|{cls}", phrases)

    seas: dict[str, str] = {}
    for entry in read_lexicon_file("seas.json")["seas"]:
        for alias in entry["aliases"]:
            seas[alias.lower()] = entry["name"]
        _add(matcher, nlp, f"SEA|{entry['name']}", entry["aliases"])

    cues = read_lexicon_file("cues.json")
    for key in ("launch_verbs", "reporting_verbs", "landing_verbs", "background_phrases",
                "capability", "superseded", "aggregate", "missile_defence_phrases",
                "outcome_failure", "outcome_failure_acts", "outcome_early_flight",
                "outcome_success", "outcome_partial", "outcome_defence", "unconfirmed"):
        _add(matcher, nlp, f"CUE|{key}", cues[key])
    for kind, phrases in cues["context"].items():
        _add(matcher, nlp, f"CONTEXT|{kind}", phrases)

    qualifier_by_phrase = {phrase: qualifier for qualifier, phrases in QUALIFIER_WORDS.items()
                           for phrase in phrases}
    return Lexicon(nlp=nlp, matcher=matcher, countries=countries, sites=sites,
                   missiles=missiles, seas=seas, cues=cues,
                   qualifier_by_phrase=qualifier_by_phrase)


def _site_entries(places: tuple[Site, ...],
                  countries: dict[str, dict[str, Any]]) -> dict[str, SiteEntry]:
    """The gazetteer's sites keyed by the label their phrases match under.

    A site's own names give one entry, exact unless the site is an area; each of its
    ``area_aliases`` ("Wonsan" for the Kalma airport) gives an entry that names an area, at the
    same point.  The country is the launching state as ``countries.json`` names it (an entry's
    ``territory`` is the Natural Earth name of its land where the two differ).
    """
    state_of = {entry.get("territory", name): name for name, entry in countries.items()}
    entries: dict[str, SiteEntry] = {}
    for site in places:
        state = site.launching_state or ""
        state = state_of.get(state, state)
        entries[site.name] = SiteEntry(site.name, state, site.lat_deg, site.lon_deg,
                                       site.is_exact(), site.aliases)
        for alias in site.area_aliases:
            entries[alias] = SiteEntry(alias, state, site.lat_deg, site.lon_deg, False)
    return entries
