"""``launchwatch extract``: print what the extractor finds in report files."""

from __future__ import annotations

import json
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import typer
from rich.markup import escape

from ..errors import IngestError
from ..model import Extraction
from ..ingest import read_paths
from ._app import app, console, console_err


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="report files or folders"),
    published: str = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                  help="publication date for reports that carry none"),
    as_json: bool = typer.Option(True, "--json/--table",
                                 help="one JSON object per report (default) or a table"),
    lang: str = typer.Option(None, "--lang", metavar="CODE",
                             help="read every report as this language (ISO 639-1: en, ja, "
                             "ko) instead of detecting it"),
    explain: bool = typer.Option(False, "--explain",
                                 help="after each report, say why it is or is not a launch "
                                 "report and where its publication date came from (on "
                                 "stderr; with --table, below the table)"),
) -> None:
    """Extract the launches each report describes.

    Example: launchwatch extract --explain samples/reports/01-sunan-pair-fourth-test.txt
    """
    # start-up cost: the extractor loads spaCy and its lexicons (+0.8 s measured on every
    # command if imported at the top), so only `extract` pays for it.
    from ..extract import extract_report
    from ..extract.extractor import MAX_REPORT_CHARS

    fallback = _published_option(published)
    language = language_option(lang)
    failed = 0
    for item in read_paths(paths):
        if isinstance(item, IngestError):
            console_err.print(f"[red]error:[/red] {item}", highlight=False)
            failed += 1
            continue
        report = item
        from_option = report.published is None and fallback is not None
        if from_option:
            report = report.model_copy(update={"published": fallback})
        if language is not None:
            report = report.model_copy(update={"language": language})
        # Any exception: a bug the extractor hits on one report must not end the batch; it is
        # reported like a reading error (file and reason on one line) and the exit code says so.
        try:
            extraction = extract_report(report)
            record = extraction.to_record()
        except Exception as exc:  # noqa: BLE001
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())
            console_err.print(f"[red]error:[/red] {escape(report.source)}: the extractor failed "
                              f"on it ({escape(reason)})", highlight=False, soft_wrap=True)
            failed += 1
            continue
        if len(report.text) > MAX_REPORT_CHARS and not explain:
            # Said once per file on stderr (--explain lists it among the reasons): what the
            # extractor found may be in the part it did not read.
            console_err.print(f"note: {escape(report.source)}: only the first "
                              f"{MAX_REPORT_CHARS:,} of its {len(report.text):,} characters "
                              "were read", highlight=False, soft_wrap=True)
        if as_json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            _print_table(record)
        if explain:
            text = explanation(extraction, from_option=from_option)
            if as_json:
                # stdout stays pure JSON lines; the explanation is for the person reading.
                sys.stdout.flush()
                print(text, file=sys.stderr, flush=True)
            else:
                console.print(text, markup=False, highlight=False, emoji=False,
                              soft_wrap=True)
    if failed:
        raise typer.Exit(1)


_WIDTH = 80
_PUBLISHED_FROM = {
    "header": "the report's header",
    "url": "the page's URL",
    "date-line": "a date line at the top of the page",
    "dateline": "the story's dateline",
    "header-string": "a 'date YYYY-MM-DD' string on the page",
}


def explanation(extraction: Extraction, from_option: bool = False,
                width: int = _WIDTH) -> str:
    """Why ``extraction`` is (or is not) a launch report, and where its date came from: the
    report's source, then the verdict, each reason and the publication date, indented and
    wrapped at ``width`` characters."""
    def wrap(text: str, first: str, rest: str) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width=width, initial_indent=first,
                             subsequent_indent=rest, break_on_hyphens=False) or [first.rstrip()]

    verdict = "launch report" if extraction.is_launch_report else "not a launch report"
    # The source on a line of its own, whole (a path is not broken), then the verdict.
    lines = [extraction.source, f"  {verdict}"]
    for reason in extraction.reasons:
        lines += wrap(reason, "  - ", "    ")
    published = extraction.published
    if published is None:
        where = "unknown (no date in a header, and none found on the page)"
    else:
        source = "the --published option" if from_option and published.source == "header" \
            else _PUBLISHED_FROM.get(published.source, published.source)
        where = f"{published.day.isoformat()}, from {source}"
        if published.evidence is not None:
            where += f': "{published.evidence.text.strip()}"'
    lines += wrap(f"published: {where}", "  ", "    ")
    return "\n".join(lines)


def language_option(value: str | None) -> str | None:
    """``--lang`` as the extractor writes languages, or exit 2 naming the codes it knows."""
    if not value:
        return None
    # start-up cost: the language module loads lingua's detector library; only a command
    # given --lang pays for it here.
    from ..extract.language import valid_language

    try:
        return valid_language(value)
    except ValueError as exc:
        console_err.print(f"[red]error:[/red] --lang: {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None


def _published_option(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        console_err.print(f"[red]error:[/red] --published: {value!r} is not a date; "
                          "write it as YYYY-MM-DD", highlight=False)
        raise typer.Exit(2) from None


def _print_table(record: dict) -> None:
    from rich.table import Table

    table = Table(title=record["source"], show_lines=False)
    table.add_column("field")
    table.add_column("value")
    table.add_column("evidence")
    table.add_row("is_launch_report", str(record["is_launch_report"]), "")
    for launch in record["launches"]:
        for key, value in launch.items():
            if key in {"evidence", "qualifiers", "alternatives"} or value in (None, []):
                continue
            evidence = launch["evidence"].get(key, {}).get("text", "")
            qualifier = launch["qualifiers"].get(key)
            shown = f"{qualifier} {value}" if qualifier else str(value)
            table.add_row(key, shown, evidence)
    for item in record["context"]:
        table.add_row(f"context ({item['kind']})", item["text"], "")
    console.print(table)
