"""Ground tracks and the territory they cross.

A :class:`GroundTrack` is the sequence of sub-missile points, west or east, from launch to
impact.  :meth:`GroundTrack.geodesic` builds the track of a flight that keeps to the geodesic
between the two points (what Japan's MoD maps draw); a trajectory from the physics engine can
pass its own points (Earth's rotation bends a real track off the geodesic by some tens of km
over an IRBM flight).  :meth:`GroundTrack.overflights` lists the countries whose land the track
passes over, in order, with where it enters and leaves: the 2017 Hwasong-12 flights crossed
Hokkaido, the 2022-10-04 flight Aomori Prefecture.

Crossing land is not the same as violating airspace at altitude; the list says which territory
lies beneath, which is what governments report ("passed over Japan").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .geodesy import distance_km, geodesic_line, wrap_lon_deg
from .natural_earth import countries
from .zones import land_layer


@dataclass(frozen=True)
class Overflight:
    """One passage over one country's land along a track."""

    country: str
    entry_lat_deg: float
    entry_lon_deg: float
    exit_lat_deg: float
    exit_lon_deg: float
    entry_along_km: float  # distance along the track from the launch point
    exit_along_km: float

    @property
    def length_km(self) -> float:
        return self.exit_along_km - self.entry_along_km

    def to_record(self) -> dict[str, Any]:
        return {"country": self.country,
                "entry": {"lat_deg": self.entry_lat_deg, "lon_deg": self.entry_lon_deg,
                          "along_km": self.entry_along_km},
                "exit": {"lat_deg": self.exit_lat_deg, "lon_deg": self.exit_lon_deg,
                         "along_km": self.exit_along_km},
                "length_km": self.length_km}


@dataclass(frozen=True)
class GroundTrack:
    """Points beneath a flight: ``lat_deg``, ``lon_deg`` of shape (n,), n >= 2, launch first."""

    lat_deg: np.ndarray
    lon_deg: np.ndarray

    @classmethod
    def geodesic(cls, launch_lat_deg: float, launch_lon_deg: float, impact_lat_deg: float,
                 impact_lon_deg: float, step_km: float = 2.0) -> GroundTrack:
        """The geodesic track, a point every ``step_km`` (2 km by default: a strait or an
        island narrower than that may be missed)."""
        lat, lon = geodesic_line(launch_lat_deg, launch_lon_deg, impact_lat_deg,
                                 impact_lon_deg, step_km)
        return cls(lat, wrap_lon_deg(lon))

    @property
    def along_km(self) -> np.ndarray:
        """Cumulative distance from the first point, km, shape (n,)."""
        steps = distance_km(self.lat_deg[:-1], self.lon_deg[:-1], self.lat_deg[1:],
                            self.lon_deg[1:])
        return np.concatenate([[0.0], np.cumsum(steps)])

    @property
    def length_km(self) -> float:
        return float(self.along_km[-1])

    def overflights(self, *, include_launch_country: bool = False) -> list[Overflight]:
        """Passages over land, in flight order.  The launching country (whose land the track
        starts on) is left out, wherever the track crosses it, unless
        ``include_launch_country``."""

        owner = land_layer().lookup(self.lat_deg, self.lon_deg)
        names = countries().name
        along = self.along_km
        # Runs of equal owner: starts where the owner changes.
        change = np.flatnonzero(np.diff(owner) != 0) + 1
        starts = np.concatenate([[0], change])
        ends = np.concatenate([change, [owner.size]]) - 1
        passages = []
        for start, end in zip(starts, ends):
            if owner[start] < 0:
                continue
            if owner[start] == owner[0] and not include_launch_country:
                continue
            passages.append(Overflight(
                country=str(names[owner[start]]),
                entry_lat_deg=float(self.lat_deg[start]), entry_lon_deg=float(self.lon_deg[start]),
                exit_lat_deg=float(self.lat_deg[end]), exit_lon_deg=float(self.lon_deg[end]),
                entry_along_km=float(along[start]), exit_along_km=float(along[end])))
        return passages

    def overflown_countries(self) -> list[str]:
        """Countries whose land the track crosses after leaving the launching country,
        each once, in order."""
        seen: list[str] = []
        for passage in self.overflights():
            if passage.country not in seen:
                seen.append(passage.country)
        return seen

    def to_geojson(self) -> dict[str, Any]:
        """A GeoJSON Feature: a LineString (a MultiLineString when it crosses 180 deg)."""
        lon = self.lon_deg
        jumps = np.flatnonzero(np.abs(np.diff(lon)) > 180.0) + 1
        parts = [np.column_stack([lo, la]).tolist()
                 for lo, la in zip(np.split(lon, jumps), np.split(self.lat_deg, jumps))]
        geometry = ({"type": "LineString", "coordinates": parts[0]} if len(parts) == 1 else
                    {"type": "MultiLineString", "coordinates": parts})
        return {"type": "Feature", "geometry": geometry,
                "properties": {"length_km": self.length_km,
                               "overflown": self.overflown_countries()}}
