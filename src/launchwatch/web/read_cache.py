"""Answers to reads kept while what they were read from does not change.

A visitor's map, list and event pages are the same for everyone until a write changes them,
and on a store of 5,000 events building them costs milliseconds of CPU each (the map's
aggregates alone about 20 ms), which 32 concurrent clients on two cores turn into seconds of
waiting (issue 12).

:class:`ReadCache` checks a kept answer in two steps:

1. the store's change counter (``version``: :class:`launchwatch.store.queries.ChangeCounter`,
   a few microseconds to read), which moves at every commit, by this process or another.
   While it stands still every kept answer holds, with no query at all;
2. once it has moved, the answer's own *stamp* (``depends``): a cheap reading of just what
   the answer was built from, such as one event's row for its page, or a digest of every
   event for the map.  An answer whose stamp is unchanged is kept; only the others are read
   again.  So storing a report that changes no event keeps the map, and a report that changes
   one event drops that event's page and the lists, not the other events' pages.

The stamp is read *before* the answer, so an answer read while a write commits is kept under
the older stamp and read again at the next request, never kept past the write: a write is
visible to the next read.  A stamp must change whenever what the answer shows changes; an
answer given no stamp is kept only while the counter stands still.  When several requests want
the same missing answer at once (right after a write, every client asks for the map), one reads
it and the others wait for it instead of reading it too.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

Stamp = Callable[[], Hashable]
"""What an answer depends on, read cheaply (:class:`ReadCache`)."""

# Answers kept at most: map variants, list pages, and each event's data and page (a few to a
# few hundred kilobytes each); the least recently used goes first.
MAX_ANSWERS = 1024

_NOTHING = object()  # no answer kept (None may be one)


class _Kept:
    """An answer, the stamp read before it, and the last counter it was known to hold at."""

    __slots__ = ("value", "stamp", "version")

    def __init__(self, value: Any, stamp: Hashable, version: Hashable) -> None:
        self.value = value
        self.stamp = stamp
        self.version = version


class _Reading:
    """An answer one thread is reading, which others wait for."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.failed = False


class ReadCache:
    """Answers by key, each valid while its stamp is unchanged (module docstring); with None for
    a version (a store without a cheap change counter), nothing is kept."""

    def __init__(self, version: Callable[[], Hashable | None], *,
                 max_answers: int = MAX_ANSWERS) -> None:
        self._version = version
        self._max_answers = max_answers
        self._lock = threading.Lock()
        self._answers: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._reading: dict[tuple[Hashable, Hashable], _Reading] = {}

    def peek(self, key: Hashable) -> Any | None:
        """The answer kept for ``key`` if it holds at the change counter as it stands, found
        without a stamp, a read or a wait for another thread; None otherwise (:meth:`get` then
        finds or reads it).  For the event loop, which must not wait on the database."""
        version = self._version()
        held = _NOTHING if version is None else self._holding(key, version)
        return None if held is _NOTHING else held

    def _holding(self, key: Hashable, version: Hashable) -> Any:
        """The value kept for ``key`` that holds at ``version`` (None may be one), else
        _NOTHING."""
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None and kept.version == version:
                self._answers.move_to_end(key)
                return kept.value
        return _NOTHING

    def get(self, key: Hashable, read: Callable[[], T], *, depends: Stamp | None = None) -> T:
        """The answer kept for ``key``, or ``read()``'s, kept for the next request: until the
        change counter moves, or with ``depends``, until ``depends()`` gives another stamp."""
        version = self._version()
        if version is None:
            return read()
        held = self._holding(key, version)
        if held is not _NOTHING:
            return held  # type: ignore[no-any-return]
        # Read outside the lock: a stamp may be a query.
        stamp = depends() if depends is not None else version
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None and kept.stamp == stamp:
                kept.version = version
                self._answers.move_to_end(key)
                return kept.value  # type: ignore[no-any-return]
            reading = self._reading.get((key, stamp))
            reader = reading is None
            if reading is None:
                reading = self._reading[(key, stamp)] = _Reading()
        if not reader:
            reading.done.wait()
            # The reader's error is its own request's; this one reads for itself.
            return read() if reading.failed else reading.value  # type: ignore[no-any-return]
        try:
            reading.value = value = read()
        except BaseException:
            reading.failed = True
            raise
        finally:
            with self._lock:
                del self._reading[(key, stamp)]
                if not reading.failed:
                    self._answers[key] = _Kept(reading.value, stamp, version)
                    self._answers.move_to_end(key)
                    while len(self._answers) > self._max_answers:
                        self._answers.popitem(last=False)
            reading.done.set()
        return value

    def per_version(self, stamp: Callable[..., Hashable]) -> Callable[..., Hashable]:
        """``stamp``, read at most once for the same arguments each time the change counter
        moves: for a stamp that many answers share (a digest of every event costs a few
        milliseconds, and every list and map variant depends on it; an event's data and its
        page depend on the same row).

        The counter is read before the stamp, so a stamp kept for a counter is never older
        than that counter: a write that commits in between leaves a newer stamp, which only
        makes an answer read again.
        """
        lock = threading.Lock()
        seen: list[Hashable | None] = [None]  # the counter the stamps below were read at
        stamps: dict[tuple[Any, ...], Hashable] = {}

        def read(*args: Any) -> Hashable:
            version = self._version()
            with lock:
                if version is None or version != seen[0]:
                    stamps.clear()
                    seen[0] = version
                if args not in stamps:
                    stamps[args] = stamp(*args)
                return stamps[args]

        return read

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
