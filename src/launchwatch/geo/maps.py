"""Static maps (PNG, PDF, SVG) of a launch: site, impact, ground track, range rings, places.

Drawn with matplotlib on a plate carree (longitude/latitude) grid whose aspect is corrected at
the middle latitude, so shapes look right near the map's centre; the basemap is the Natural
Earth country outlines launchwatch already ships, so nothing is fetched (no tile server).  The
view may run past 180 deg (``lon_max`` = 200 shows the Pacific to 160 W): everything drawn is
shifted by whole turns into it.  Japan's EEZ (as Japan claims it, :mod:`.eez`) is drawn as the
contour of :func:`~launchwatch.geo.zones.classify_points` on a grid, from the same code that
answers "inside Japan's EEZ?".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from ..errors import GeoError
from .gazetteer import Place
from .natural_earth import countries
from .relative import RelativeLocation
from .rings import RangeRing
from .track import GroundTrack
from .zones import classify_points


@dataclass(frozen=True)
class MapView:
    """The map's extent in degrees; ``lon_min`` < ``lon_max``, which may exceed 180."""

    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float

    @classmethod
    def around(cls, lat_deg: Sequence[float], lon_deg: Sequence[float],
               margin_deg: float = 4.0) -> MapView:
        """The smallest view holding the points (taking the shorter way round the globe),
        widened by ``margin_deg``."""
        lat = np.asarray(lat_deg, float)
        lon = np.degrees(np.unwrap(np.radians(np.asarray(lon_deg, float))))
        return cls(float(lon.min() - margin_deg), float(lon.max() + margin_deg),
                   float(max(lat.min() - margin_deg, -89.0)),
                   float(min(lat.max() + margin_deg, 89.0)))

    @property
    def centre_lon_deg(self) -> float:
        return 0.5 * (self.lon_min + self.lon_max)

    def shift(self, lon_deg) -> np.ndarray:
        """Longitudes moved by whole turns to lie nearest the view's centre."""
        lon = np.asarray(lon_deg, float)
        return lon + 360.0 * np.round((self.centre_lon_deg - lon) / 360.0)

    def box(self) -> shapely.Polygon:
        return shapely.box(self.lon_min, self.lat_min, self.lon_max, self.lat_max)


def _lon_label(lon_deg: float) -> str:
    lon = (lon_deg + 180.0) % 360.0 - 180.0
    if abs(abs(lon) - 180.0) < 1e-9:
        return "180°"
    return f"{abs(lon):g}°{'E' if lon > 0 else 'W' if lon < 0 else ''}"


def _draw_polygons(ax, geometry, **style) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    for polygon in shapely.get_parts(geometry):
        if not isinstance(polygon, shapely.Polygon) or polygon.is_empty:
            continue
        rings = [np.asarray(polygon.exterior.coords)] + [np.asarray(r.coords)
                                                         for r in polygon.interiors]
        vertices = np.concatenate(rings)
        codes = np.concatenate([[MplPath.MOVETO] + [MplPath.LINETO] * (len(r) - 2)
                                + [MplPath.CLOSEPOLY] for r in rings])
        ax.add_patch(PathPatch(MplPath(vertices, codes), **style))


def _draw_line(ax, view: MapView, lat_deg, lon_deg, **style) -> None:
    """A line given in any longitudes, unwrapped and drawn at every whole-turn copy."""
    lon = np.degrees(np.unwrap(np.radians(np.asarray(lon_deg, float))))
    lon = lon + 360.0 * np.round((view.centre_lon_deg - lon.mean()) / 360.0)
    label = style.pop("label", None)
    for turn in (-360.0, 0.0, 360.0):
        ax.plot(lon + turn, lat_deg, label=label if turn == 0.0 else None, **style)


#: The formats :func:`draw_map` writes, by suffix.
MAP_SUFFIXES = (".png", ".pdf", ".svg")


def _checked_out_path(out: str | Path) -> Path:
    """The path to write, checked before the drawing, which takes seconds, is done: an
    existing folder, a known suffix, not a folder itself.  The folder is not created: a
    mistyped folder name would otherwise leave a map where nobody looks for it."""
    path = Path(out)
    if path.suffix.lower() not in MAP_SUFFIXES:
        raise GeoError(f"A map is written as {', '.join(MAP_SUFFIXES)}; give --out a file name "
                       f"ending in one of them, not {path.name!r}.", path=path)
    if path.is_dir():
        raise GeoError("This is a folder; give a file name inside it, such as "
                       f"{path / ('map' + path.suffix)}.", path=path)
    folder = path.parent
    if not folder.is_dir():
        raise GeoError(f"The folder {str(folder)!r} does not exist; create it first "
                       f"(mkdir -p {folder}) or write the map somewhere else.", path=path)
    return path


def draw_map(out: str | Path, *, site: Place | None = None,
             impact: tuple[float, float] | None = None, track: GroundTrack | None = None,
             rings: Sequence[RangeRing] = (), places: Sequence[Place] = (),
             impact_location: RelativeLocation | None = None, title: str | None = None,
             view: MapView | None = None, japan_eez: bool = True, dpi: int = 150) -> Path:
    """Draw and save a map; the format follows the suffix of ``out`` (.png, .pdf, .svg).

    ``impact_location`` draws the rounding uncertainty of a relative location around the
    impact.  The view, unless given, is framed on the site, the impact, the track, the places
    and the impact's uncertainty, never on the rings: a ring of an intercontinental range
    would shrink the flight to a corner (a ring that covers the Earth is not drawn at all).
    Returns the path written; the folder of ``out`` must exist (:class:`GeoError` if not).
    """
    out = _checked_out_path(out)
    # A bare Figure: no pyplot, so no global backend or figure registry is touched.
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    lats: list[float] = []
    lons: list[float] = []
    if site is not None:
        lats.append(site.lat_deg), lons.append(site.lon_deg)
    if impact is not None:
        lats.append(impact[0]), lons.append(impact[1])
    if track is not None:
        lats.extend(track.lat_deg.tolist()), lons.extend(track.lon_deg.tolist())
    for place in places:
        lats.append(place.lat_deg), lons.append(place.lon_deg)
    if impact_location is not None and impact_location.bearing_deg is not None:
        for lon, lat in impact_location.sector_polygon_lon_lat():
            lats.append(lat), lons.append(lon)
    if view is None:
        if not lats:
            view = MapView(-180.0, 180.0, -80.0, 85.0)
        else:
            view = MapView.around(lats, lons)

    fig = Figure(figsize=(11, 7.5))
    ax = fig.subplots()
    ax.set_facecolor("#dfeaf3")
    data = countries()
    # Detail finer than a pixel or so only slows the drawing (and bloats a PDF).
    tolerance_deg = (view.lon_max - view.lon_min) / 3000.0
    for turn in (-360.0, 0.0, 360.0):
        shifted_box = shapely.box(view.lon_min - turn, view.lat_min, view.lon_max - turn,
                                  view.lat_max)
        near = shapely.intersects(data.geometry, shifted_box)
        for geometry in data.geometry[near]:
            clipped = shapely.clip_by_rect(geometry, *shifted_box.bounds)
            clipped = shapely.simplify(clipped, tolerance_deg, preserve_topology=True)
            clipped = shapely.transform(clipped, lambda xy, t=turn: xy + np.array([t, 0.0]))
            _draw_polygons(ax, clipped, facecolor="#f2efe6", edgecolor="#7d7d7d", lw=0.5)

    if japan_eez:
        step = max((view.lon_max - view.lon_min) / 500.0, 0.02)
        grid_lon = np.arange(view.lon_min, view.lon_max + step, step)
        grid_lat = np.arange(view.lat_min, view.lat_max + step, step)
        lon2, lat2 = np.meshgrid(grid_lon, grid_lat)
        inside = classify_points(lat2, (lon2 + 180.0) % 360.0 - 180.0).inside_japan_eez
        if inside.any():
            ax.contourf(lon2, lat2, inside.astype(float), levels=[0.5, 1.5],
                        colors=["#8fb8de"], alpha=0.35)
            ax.contour(lon2, lat2, inside.astype(float), levels=[0.5], colors=["#2c6aa0"],
                       linewidths=0.8, linestyles="--")
            ax.plot([], [], color="#2c6aa0", ls="--", lw=0.8,
                    label="Japan's EEZ as claimed (approximation)")

    for ring in rings:
        if ring.covers_earth:
            # No line: it would be a dot at the antipode.  The legend says why.
            ax.plot([], [], color="#b5651d", lw=1.0, ls="-.",
                    label=f"{ring.range_km:,.0f} km range: any point on Earth (no ring)")
            continue
        _draw_line(ax, view, ring.lat_deg, ring.lon_deg, color="#b5651d", lw=1.0, ls="-.",
                   label=f"{ring.range_km:,.0f} km range")
    if track is not None:
        _draw_line(ax, view, track.lat_deg, track.lon_deg, color="#c0392b", lw=1.8,
                   label=f"ground track ({track.length_km:,.0f} km)")
    if impact_location is not None and impact_location.bearing_deg is not None:
        outline = np.asarray(impact_location.sector_polygon_lon_lat())
        _draw_line(ax, view, outline[:, 1], outline[:, 0], color="#c0392b", lw=0.8, ls=":",
                   label="impact area (rounding of the report)")
    if site is not None:
        ax.plot(view.shift(site.lon_deg), site.lat_deg, marker="^", ms=10, color="#1b1b1b",
                ls="none", label=f"launch: {site.name}")
    if impact is not None:
        ax.plot(view.shift(impact[1]), impact[0], marker="X", ms=10, color="#c0392b",
                ls="none", label="impact")
    for place in places:
        x = float(view.shift(place.lon_deg))
        ax.plot(x, place.lat_deg, marker="o", ms=4, color="#333333")
        ax.annotate(place.name, (x, place.lat_deg), xytext=(4, 3), textcoords="offset points",
                    fontsize=8)

    ax.set_xlim(view.lon_min, view.lon_max)
    ax.set_ylim(view.lat_min, view.lat_max)
    mid_lat = 0.5 * (view.lat_min + view.lat_max)
    ax.set_aspect(1.0 / max(np.cos(np.radians(mid_lat)), 0.2))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda t, _: _lon_label(t)))
    ax.yaxis.set_major_formatter(FuncFormatter(
        lambda t, _: f"{abs(t):g}°{'N' if t > 0 else 'S' if t < 0 else ''}"))
    ax.grid(color="white", lw=0.5)
    if title:
        ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, framealpha=0.9)
    ax.text(0.99, 0.01, "Coastlines: Natural Earth 1:10m. Ground track: geodesic.",
            transform=ax.transAxes, ha="right", va="bottom", fontsize=6, color="#555555")
    try:
        fig.savefig(out, dpi=dpi, bbox_inches="tight")
    except OSError as exc:
        raise GeoError(f"The map could not be written ({exc.strerror or exc}); check that the "
                       "folder is writable and the disk not full.", path=out) from None
    return out
