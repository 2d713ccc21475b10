"""The event filters of the command line (``events list``, ``export``): options that read as
the HTTP API's query parameters and go through the same parser
(:func:`launchwatch.api.event_query`)."""

from __future__ import annotations

from dataclasses import dataclass

import typer

from ..api import EventQuery, Store, event_query

COUNTRY_OPTION = typer.Option(None, "--country", help="only this launching state: a name or "
                              "an alias, e.g. 'North Korea' or DPRK")
SINCE_OPTION = typer.Option(None, "--since", metavar="DATE", help="only launches on or after "
                            "this local date: 2022, 2022-03 or 2022-03-15")
UNTIL_OPTION = typer.Option(None, "--until", metavar="DATE", help="only launches on or before "
                            "this local date (a year or a month: to its end)")
CLASS_OPTION = typer.Option(None, "--class", help="only this missile class (SRBM, MRBM, IRBM, "
                            "ICBM, SLBM, SLV, cruise, hypersonic, MLRS, unknown)")
MISSILE_OPTION = typer.Option(None, "--missile", help="only this missile: its name or an "
                              "alias, e.g. Hwasong-11A or KN-23")
SITE_OPTION = typer.Option(None, "--site", help="only launches from this site (repeat for "
                           "several), e.g. Sunan")
OUTCOME_OPTION = typer.Option(None, "--outcome", help="only tests with this outcome: success, "
                              "failure, partial, or unknown (no source says)")


@dataclass(frozen=True)
class Filters:
    """The filter options as written; :meth:`query` checks them against the store."""

    country: str | None = None
    since: str | None = None
    until: str | None = None
    missile_class: str | None = None
    missile: str | None = None
    sites: tuple[str, ...] = ()
    outcome: str | None = None

    @property
    def any(self) -> bool:
        return any((self.country, self.since, self.until, self.missile_class, self.missile,
                    self.sites, self.outcome))

    def query(self, store: Store) -> EventQuery:
        """The query, or :class:`~launchwatch.errors.SettingsError` naming a bad value and
        the values there are (the CLI's exit code 2)."""
        return event_query(store, country=self.country, since=self.since, until=self.until,
                           missile_class=self.missile_class, missile_name=self.missile,
                           sites=self.sites, outcome=self.outcome)
