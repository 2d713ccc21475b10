"""``launchwatch where``, ``reach`` and ``map``: places, ranges and maps on the real Earth."""

from __future__ import annotations

import json
import re
from contextlib import nullcontext
from pathlib import Path

import typer

from ..errors import GeoError
from ._app import JSON_OPTION, app, console

_LAT_LON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def _point_or_place(text: str, what: str):
    """(lat, lon, name) from "LAT,LON" or a gazetteer name; GeoError if neither."""
    # start-up cost: geo's layers, shapely and matplotlib add 0.5 s to every
    # command when imported at the top; only the geo commands need them.
    from ..geo.gazetteer import gazetteer

    match = _LAT_LON.match(text)
    if match:
        lat, lon = float(match[1]), float(match[2])
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 360.0):
            raise GeoError(f"{what} {text!r}: latitude must be within +-90 deg and longitude "
                           "within -180..360 deg.")
        return lat, lon, None
    places = gazetteer()
    place = places.site(text) or places.place(text)
    if place is None:
        raise GeoError(f"{what} {text!r} is not in the gazetteer; give a site name such as "
                       "'Sunan' or coordinates as LAT,LON.")
    return place.lat_deg, place.lon_deg, place.name


def _lat_lon_text(lat_deg: float, lon_deg: float, digits: int = 4) -> str:
    """"40.7238 N, 137.2307 E" with hemispheres instead of signs."""
    return (f"{abs(lat_deg):.{digits}f} {'N' if lat_deg >= 0 else 'S'}, "
            f"{abs(lon_deg):.{digits}f} {'E' if lon_deg >= 0 else 'W'}")


def _busy(as_json: bool, message: str):
    return nullcontext() if as_json else console.status(message)


@app.command()
def where(
    text: str = typer.Argument(..., help="a place or a relative location, in quotes"),
    launch_from: str = typer.Option(None, "--from", metavar="SITE|LAT,LON",
                                    help="launch site: keeps the flight's course past a "
                                         "landmark and orients 'off the coast of'"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Resolve a place or a relative location to a point, its uncertainty and its zone.

    A country, peninsula or island chain is measured from its coast facing the direction
    ("about 3,200 km east of Japan", "off the east coast of the peninsula").

    Example: launchwatch where "about 250 km west of Okushiri Island" --json
    """
    # start-up cost: geo's layers, shapely and matplotlib add 0.5 s to every
    # command when imported at the top; only the geo commands need them.
    from ..geo.geodesy import distance_km
    from ..geo.relative import resolve_relative

    site = _point_or_place(launch_from, "--from")[:2] if launch_from else None
    with _busy(as_json, "Loading coastlines and zones..."):
        location = resolve_relative(text, toward=site, launch_site=site)
        zone = location.zone()
        share = location.japan_eez_share()
    record = {**location.to_record(), "zone": zone.to_record(),
              "inside_japan_eez": zone.inside_japan_eez, "japan_eez_share": round(share, 3)}
    if as_json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{text}[/bold]")
    console.print(f"  point       {_lat_lon_text(location.lat_deg, location.lon_deg)} "
                  f"(± {location.uncertainty_km:,.0f} km)")
    console.print(f"  from        {location.anchor.name} ({location.anchor.kind})")
    if location.coast:
        (lat0, lon0, _), (lat1, lon1, _) = location.coast[0], location.coast[-1]
        span_km = float(distance_km(lat0, lon0, lat1, lon1))
        console.print(f"  coast       facing {location.bearing_deg:.0f} deg, "
                      f"{_lat_lon_text(lat0, lon0, 1)} to {_lat_lon_text(lat1, lon1, 1)} "
                      f"({span_km:,.0f} km)")
        console.print("              measured from its middle; the uncertainty holds the rest")
    if not location.distance_stated:
        console.print(f"  distance    not stated: taken as up to "
                      f"{location.distance_high_km:,.0f} km (200 nautical miles)")
    if location.distance_km > 0 and location.bearing_deg is None:
        console.print("  note        the text gives no direction: the point is the landmark and "
                      "the uncertainty the whole ring; pass --from SITE to orient it")
    surface = zone.country if zone.surface == "land" else (zone.water or "unnamed water")
    console.print(f"  zone        {zone.surface}: {surface}")
    if zone.claimant:
        console.print(f"  waters of   {zone.claimant} ({zone.maritime_zone}, "
                      f"{zone.coast_distance_km:,.0f} km from its coast)")
    verdict = "inside" if zone.inside_japan_eez else "outside"
    console.print(f"  Japan's EEZ {verdict} ({share:.0%} of the rounding area inside)")


def _people(n: int) -> str:
    """1,411,778,724 -> "1.41 billion"; 25,920,000 -> "25.9 million"; below a million as is."""
    if n >= 1_000_000_000:
        return f"{n / 1e9:.2f} billion"
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} million"
    return f"{n:,}"


@app.command()
def reach(
    site: str = typer.Option(..., "--site", metavar="SITE|LAT,LON", help="launch site"),
    range_km: float = typer.Option(..., "--range-km", help="range of the missile, km"),
    countries: int = typer.Option(15, "--countries", min=1,
                                  help="show this many countries (--json gives all)"),
    limit: int = typer.Option(20, "--limit", min=1, help="show this many cities"),
    min_population: int = typer.Option(0, "--min-population", min=0,
                                       help="only cities with at least this many people"),
    as_json: bool = JSON_OPTION,
) -> None:
    """How many people live within range, in which countries, and the largest cities in
    range outside the launching state, with the time of flight to each.

    People are an estimate: each country's population times the share of its city dwellers
    who live within range (GeoNames data; see launchwatch.assess.places_in_reach).

    Example: launchwatch reach --site Sunan --range-km 13000 --json
    """
    from rich.table import Table

    # start-up cost: geo's layers, shapely and matplotlib add 0.5 s to every
    # command when imported at the top; only the geo commands need them.
    from ..assess.places_in_reach import Reach

    lat, lon, name = _point_or_place(site, "--site")
    with _busy(as_json, "Counting people and cities in range..."):
        found = Reach.from_site(name, range_km) if name else \
            Reach.from_point(lat, lon, range_km)
        record = found.to_record(min_population=min_population, limit=limit,
                                 countries=None if as_json else countries)
    if as_json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    state = record["launching_state"]
    people = record["population"]
    where = name or _lat_lon_text(lat, lon)
    console.print(f"[bold]{where}{f' ({state})' if state else ''}, range "
                  f"{record['range_text']}[/bold]")
    abroad = f", {_people(people['outside_launching_state'])} outside {state}" if state else ""
    console.print(f"About {_people(people['in_range'])} people live within range{abroad}, "
                  f"in {people['countries']} countries.")
    console.print(f"[dim]Estimate: {people['method']}.[/dim]")

    by_country = people["by_country"]
    table = Table(title=f"People within range, by country ({len(by_country)} of "
                        f"{people['countries']})", title_justify="left")
    table.add_column("country")
    table.add_column("people in range", justify="right")
    table.add_column("of its people", justify="right")
    for row in by_country:
        label = row["country"] + (" (launching state)" if row["launching_state"] else "")
        table.add_row(label, _people(row["people"]), f"{row['share']:.0%}")
    console.print(table)

    table = Table(title="Largest cities within range" + (f" outside {state}" if state else ""),
                  title_justify="left")
    for column in ("city", "country", "people", "distance", "flight"):
        table.add_column(column, justify="left" if column in ("city", "country") else "right")
    for row in record["largest_cities"]:
        minutes = ("n/a" if row["time_of_flight_s"] is None
                   else f"{row['time_of_flight_s'] / 60.0:.0f} min")
        table.add_row(row["name"], row["country"] or "", _people(row.get("population", 0)),
                      f"{row['distance_km']:,.0f} km", minutes)
    console.print(table)
    console.print("[dim]Flight: minimum-energy free flight, boost phase not included. "
                  "Data: GeoNames (CC BY 4.0).[/dim]")


@app.command(name="map")
def map_(
    out: Path = typer.Option(..., "--out", help="file to write (.png, .pdf or .svg)"),
    site: str = typer.Option(None, "--site", metavar="SITE|LAT,LON", help="launch site"),
    impact: str = typer.Option(None, "--impact", metavar="TEXT|LAT,LON",
                               help="impact point: coordinates or a relative location"),
    range_km: list[float] = typer.Option([], "--range-km", help="range ring(s), km"),
    place: list[str] = typer.Option([], "--place", help="place(s) to label"),
    title: str = typer.Option(None, "--title", help="map title"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Draw a map of a launch: site, impact, ground track, range rings, labelled places.

    Example: launchwatch map --site Sunan --impact "about 2,200 km east of Cape Erimo"
    --range-km 3700 --place Tokyo --place Sapporo --out map.png
    """
    # start-up cost: geo's layers, shapely and matplotlib add 0.5 s to every
    # command when imported at the top; only the geo commands need them.
    from ..geo.gazetteer import Place, gazetteer
    from ..geo.maps import draw_map
    from ..geo.relative import resolve_relative
    from ..geo.rings import RangeRing
    from ..geo.track import GroundTrack

    site_place = None
    if site:
        lat, lon, name = _point_or_place(site, "--site")
        site_place = Place(name=name or site, lat_deg=lat, lon_deg=lon, kind="site")
    with _busy(as_json, "Drawing..."):
        impact_point, impact_location = None, None
        if impact:
            match = _LAT_LON.match(impact)
            if match:
                impact_point = (float(match[1]), float(match[2]))
            else:
                launch = (site_place.lat_deg, site_place.lon_deg) if site_place else None
                impact_location = resolve_relative(impact, toward=launch, launch_site=launch)
                impact_point = (impact_location.lat_deg, impact_location.lon_deg)
        track = None
        if site_place is not None and impact_point is not None:
            track = GroundTrack.geodesic(site_place.lat_deg, site_place.lon_deg, *impact_point)
        rings = [RangeRing.around(site_place.lat_deg, site_place.lon_deg, r)
                 for r in range_km] if site_place is not None else []
        labelled = []
        for name in place:
            found = gazetteer().place(name)
            if found is None:
                raise GeoError(f"--place {name!r} is not in the gazetteer; check the spelling.")
            labelled.append(found)
        if site_place is None and impact_point is None and not labelled:
            raise GeoError("Nothing to draw: give --site, --impact or --place.")
        written = draw_map(out, site=site_place, impact=impact_point, track=track, rings=rings,
                           places=labelled, impact_location=impact_location, title=title)
    record = {"out": str(written),
              "overflown": track.overflown_countries() if track is not None else [],
              "track_length_km": round(track.length_km, 1) if track is not None else None}
    if as_json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        console.print(f"Wrote {written}")
        if record["overflown"]:
            console.print(f"Ground track crosses: {', '.join(record['overflown'])}")
