"""What a relative location states, whatever language it was written in.

"about 250 km west of Okushiri Island", "奥尻島の西約250キロ" and "오쿠시리토 서쪽 약 250㎞"
all state a place, a compass direction and a distance with a qualifier.  Each language's
parser (:mod:`.relative` for English, :mod:`.relative_cjk` for Japanese and Korean) reads its
wording into a :class:`RelativePhrase`; :func:`launchwatch.geo.relative.resolve_relative`
turns that into a point, so the geometry is written once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelativePhrase:
    """A relative location as stated, in English terms.

    ``number`` is the figure as written in ASCII digits ("250", "1,180", "2.5"), None when
    the text states no distance; ``number_high`` the larger figure of a span ("200~250");
    ``unit`` a unit :func:`launchwatch.units.length_km` knows; ``qualifier`` a canonical
    qualifier ("about", "at least", ...; :data:`launchwatch.units.QUALIFIER_WORDS`).
    ``wind`` is the compass word of "west of"; ``coast_wind`` that of "off the west coast
    of" (a wider sector); ``off_coast`` is "off the coast of" with no direction.
    """

    place: str
    number: str | None = None
    number_high: str | None = None
    unit: str = "km"
    qualifier: str | None = None
    wind: str | None = None
    coast_wind: str | None = None
    off_coast: bool = False

    @property
    def has_distance(self) -> bool:
        return self.number is not None

    @property
    def has_direction(self) -> bool:
        return bool(self.wind or self.coast_wind or self.off_coast)
