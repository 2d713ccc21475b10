"""launchwatch.assess: physics and geography applied to one event.

* :mod:`.assessor` - the assessor role (:class:`Assessor`) and :class:`EngineAssessor`, which
  computes an event's :class:`~launchwatch.model.Assessment`;
* :mod:`.places_in_reach` - what a missile of a given range reaches from a site: the geodesic
  range ring, the people within it by country (an estimate), the largest cities in it outside
  the launching state and the ballistic time of flight to each.

Importing it is cheap: :mod:`.places_in_reach` (NumPy, pyproj, the gazetteer) loads on first use
(PEP 562), so that the pipeline, which every command imports, does not pay for it.
"""

from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "Assessor": ".assessor", "CountryInReach": ".places_in_reach", "EngineAssessor": ".assessor",
    "PlaceInReach": ".places_in_reach", "PlacesInReach": ".places_in_reach",
    "Reach": ".places_in_reach",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
