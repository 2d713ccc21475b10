"""The map's only background: country outlines from the Natural Earth data the geo package ships.

No tile server is involved: the outlines are simplified once per process (about 0.05 degrees,
some 5 km, plenty at the zooms a launch map uses), kept in memory as GeoJSON and gzip, and
served by the app itself.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from dataclasses import dataclass
from functools import lru_cache

import shapely

from ..geo.natural_earth import countries

SIMPLIFY_DEG = 0.05
GRID_DEG = 0.01

_lock = threading.Lock()


@dataclass(frozen=True)
class Outlines:
    json_bytes: bytes
    gzip_bytes: bytes
    etag: str
    count: int


def outlines() -> Outlines:
    """The country outlines, built on first use (a few seconds) and shared afterwards."""
    with _lock:
        return _build()


@lru_cache(maxsize=1)
def _build() -> Outlines:
    world = countries()
    simple = shapely.set_precision(
        shapely.simplify(world.geometry, SIMPLIFY_DEG, preserve_topology=True), GRID_DEG)
    features = [{"type": "Feature", "properties": {"name": name, "code": code},
                 "geometry": shapely.geometry.mapping(geometry)}
                for name, code, geometry in zip(world.name, world.code, simple)
                if not geometry.is_empty]
    data = json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":")).encode()
    return Outlines(json_bytes=data, gzip_bytes=gzip.compress(data, 6),
                    etag='"' + hashlib.sha256(data).hexdigest()[:20] + '"', count=len(features))
