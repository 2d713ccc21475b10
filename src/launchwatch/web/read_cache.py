"""Answers to reads kept while the store does not change.

A visitor's map, list and event pages are the same for everyone until the next write, and on
a store of 5,000 events building them costs milliseconds of CPU each (the map's aggregates
alone about 20 ms), which 32 concurrent clients on two cores turn into seconds of waiting
(issue 12).  :class:`ReadCache` keeps each answer with the store's change counter
(:class:`launchwatch.store.queries.ChangeCounter`) as it was before the answer was read, and
drops every answer as soon as the counter moves: a write is visible to the next read, from
this process or any other.

An answer read while a write commits is kept under the counter read before it, so it is read
again at the next request, never kept past the write.  When several requests want the same
missing answer at once (right after a write, every client asks for the map), one reads it and
the others wait for it instead of reading it too.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

# Answers kept at most: map variants, list pages and event pages, each a few to a few hundred
# kilobytes; the least recently used goes first.
MAX_ANSWERS = 512


class _Reading:
    """An answer one thread is reading, which others wait for."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.failed = False


class ReadCache:
    """Answers by key, valid while ``version()`` gives the number it gave when they were read;
    with None for a version (a store without a cheap change counter), nothing is kept."""

    def __init__(self, version: Callable[[], Hashable | None], *,
                 max_answers: int = MAX_ANSWERS) -> None:
        self._version = version
        self._max_answers = max_answers
        self._lock = threading.Lock()
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._seen: Hashable | None = None
        self._reading: dict[tuple[Hashable, Hashable], _Reading] = {}

    def get(self, key: Hashable, read: Callable[[], T]) -> T:
        """The answer kept for ``key``, or ``read()``'s, kept for the next request."""
        version = self._version()
        if version is None:
            return read()
        with self._lock:
            if version != self._seen:
                self._answers.clear()
                self._seen = version
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]  # type: ignore[no-any-return]
            reading = self._reading.get((version, key))
            reader = reading is None
            if reading is None:
                reading = self._reading[(version, key)] = _Reading()
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
                del self._reading[(version, key)]
                if not reading.failed and self._seen == version:
                    self._answers[key] = reading.value
                    while len(self._answers) > self._max_answers:
                        self._answers.popitem(last=False)
            reading.done.set()
        return value

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
