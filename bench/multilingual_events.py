"""Ingest eval-real (English) and eval-real-ml (Japanese, Korean) together and compare the fused
events with the labelled launches: one event per launch, whatever language reported it.

Usage: python bench/multilingual_events.py [--shared ../shared] [--cli] [--published] [--verbose]
                                          [--json]

Issue 15's acceptance check: the number of events is within 10 % of the distinct (country,
launch_date_local) pairs of both label files together.  Both sets number their files from
001, so the pages are copied (at run time, into a temporary folder, never into the project)
under names that keep them apart, ``en-017.txt`` and ``ml-017.txt``, and the labels are read
under the same names; the matching, the causes and the printing are bench/real_events.py's.

Printed beside its figures: the labelled launches that pages in more than one language report,
and how many of them became one event holding every language (a launch the Japan Ministry of
Defense, the ROK JCS and a wire all report should be one event, not three).

``--published`` adds a ``Published:`` header from each label's publication date where the
page has none, as ``../shared/tools/score_extract.py`` does: without it many pages give no
launch date at all, and an undated launch is an event of its own however well fusion works;
with it, the figures measure fusion rather than date resolution.

By default the ingest runs in this process (``--api`` of real_events); ``--cli`` runs the
``launchwatch`` command.  Without the two sets under ``--shared`` it prints "skipped" and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import real_events  # noqa: E402
from real_events import Label, Match  # noqa: E402

SETS = {"en": "eval-real", "ml": "eval-real-ml"}
"""Prefix of the copied file names -> the set's folder under --shared."""


def gather(shared: Path, into: Path, published: bool = False,
           ) -> tuple[dict[str, Label], dict[str, str]]:
    """Copy both sets' pages into ``into`` under prefixed names; returns the labels and the
    language of each page (the label's ``language``, "en" for eval-real), by prefixed id."""
    labels: dict[str, Label] = {}
    languages: dict[str, str] = {}
    for prefix, folder in SETS.items():
        root = shared / folder
        for line in (root / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            name = f"{prefix}-{row['id']}"
            labels[name] = Label(name, bool(row["is_launch_report"]), row["country"],
                                 row["launch_date_local"])
            languages[name] = row.get("language") or "en"
            text = (root / "reports" / f"{row['id']}.txt").read_text(encoding="utf-8")
            if published and row.get("published_date") and \
                    not re.search(r"(?im)^published:", text.partition("\n\n")[0]):
                text = f"Published: {row['published_date']}\n" + \
                    (text if re.match(r"[A-Za-z][\w -]*:\s", text) else "\n" + text)
            (into / f"{name}.txt").write_text(text, encoding="utf-8")
    return labels, languages


def across_languages(match: Match, languages: dict[str, str]) -> dict[str, Any]:
    """The labelled pairs reported in more than one language, and whether each is one event
    that holds all of them."""
    rows = []
    for pair, reports in sorted(match.pairs.items()):
        spoken = sorted({languages[r] for r in reports})
        if len(spoken) < 2:
            continue
        events = match.pair_events(pair)
        in_one = [e for e in events
                  if {languages.get(r) for r in e.reporting} >= set(spoken)]
        rows.append({"country": pair[0], "date": pair[1], "languages": spoken,
                     "reports": reports, "events": [e.id for e in events],
                     "one_event_all_languages": bool(in_one) and len(events) == 1})
    return {"pairs": len(rows), "fused": sum(r["one_event_all_languages"] for r in rows),
            "table": rows}


def by_language(match: Match, languages: dict[str, str]) -> Counter:
    """Events counted by the languages of the pages that report them ("en+ja", "ko")."""
    return Counter("+".join(sorted({languages.get(r, "?") for r in e.reporting})) or "none"
                   for e in match.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the folder holding eval-real/ and eval-real-ml/")
    parser.add_argument("--cli", action="store_true",
                        help="run `launchwatch ingest` instead of ingesting in this process")
    parser.add_argument("--published", action="store_true",
                        help="add each label's publication date as a header, as the scorer does")
    parser.add_argument("--verbose", action="store_true", help="also the whole match table")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args()

    missing = [f for f in SETS.values() if not (args.shared / f / "labels.jsonl").is_file()]
    if missing:
        print(f"multilingual_events: skipped, no {', '.join(missing)} under {args.shared}")
        return
    with tempfile.TemporaryDirectory(prefix="lw-bench-ml-") as tmp:
        pages = Path(tmp) / "reports"
        pages.mkdir()
        labels, languages = gather(args.shared, pages, args.published)
        db = Path(tmp) / "multilingual.sqlite3"
        ingested = (real_events.ingest_cli if args.cli else real_events.ingest_api)(pages, db)
        members, refs = real_events.stored_members(db), real_events.stored_refs(db)
    match = real_events.build(labels, ingested.events, members)
    facts = real_events.figures(match, ingested, refs)
    crossing = across_languages(match, languages)
    spoken = by_language(match, languages)
    if args.json:
        print(json.dumps({**facts, "across_languages": crossing,
                          "events_by_language": dict(spoken),
                          "pairs_table": [real_events.pair_row(match, p)
                                          for p in sorted(match.pairs)],
                          "events_table": [real_events.event_row(match, e)
                                           for e in match.events]}, indent=1))
        return
    pages_by_language = Counter(languages.values())
    print("pages: " + ", ".join(f"{n} {lang}" for lang, n in sorted(pages_by_language.items()))
          + " (file names: en-NNN from eval-real, ml-NNN from eval-real-ml)"
          + ("; Published headers added from the labels" if args.published else
             "; files as they are"))
    real_events.print_report(match, facts, args.shared, "launchwatch ingest" if args.cli
                             else "api", args.verbose)
    print()
    print(f"LAUNCHES REPORTED IN MORE THAN ONE LANGUAGE: {crossing['pairs']}, of which "
          f"{crossing['fused']} are one event holding every language")
    for row in crossing["table"]:
        mark = "yes" if row["one_event_all_languages"] else "NO "
        print(f"  {mark} {real_events.short(row['country']):13} {row['date']} "
              f"{'+'.join(row['languages']):9} {' '.join(row['reports'])}"
              f"  -> {' '.join(row['events']) or 'no event'}")
    print()
    print("events by the languages of their reporting pages: " +
          ", ".join(f"{key} {n}" for key, n in sorted(spoken.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
