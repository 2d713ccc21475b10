"""launchwatch.assess: physics and geography applied to one event.

:mod:`.reach` - what a missile of a given range reaches from a site: the geodesic range ring,
the places within it (nearest first) and the ballistic time of flight to each.
"""

from .reach import PlaceInReach, PlacesInReach, Reach

__all__ = sorted(["PlaceInReach", "PlacesInReach", "Reach"])
