"""The interpreter's settings for a server under load: pauses and waits that a command or a
test does not notice, and 32 clients do (issue 12's load test, 5,000 events, two cores).

The app applies them when it serves with its warm-up (``launchwatch serve``), not to the
processes that only create it (the tests), since they hold for the whole process.
"""

from __future__ import annotations

import gc
import sys

# How long a thread may hold the interpreter lock while another waits for it (CPython's
# default is 5 ms).  The event loop answers every request; whenever a worker thread does
# Python work (rendering a page after a write, storing and assessing a posted report) or the
# process pool's threads hand a report or its extraction over, each waits up to this long for
# the other at every hand-over.  At 1 ms a posted report's extraction took 16 ms at the median
# and 190 ms at the 99th percentile instead of 23 ms and 380 ms, with a writer beside 32
# readers, and the 503s for a full queue fell from 19 to 5 in 20 s (a busy machine; measured
# with a timing scratch server around this app).
SWITCH_INTERVAL_S = 0.001


def hand_over_sooner() -> None:
    """Shorten the interpreter lock's turns to :data:`SWITCH_INTERVAL_S`."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def freeze_start_up_objects() -> None:
    """Leave what start-up made out of every later garbage collection.

    The server holds about 300,000 objects once warm (FastAPI, pydantic's schemas, spaCy's
    and pandas' modules that the filters' vocabulary and the context statistics import, the
    gazetteer): a full collection walks them all and holds the interpreter for 160 to 250 ms,
    during which no request is answered, every few seconds under load; that was most of the
    reads' p99 (issue 12).  They live as long as the server, so the collector need not look
    at them: one collection now drops start-up's garbage, then :func:`gc.freeze` moves the
    survivors to the permanent generation (the CPython documentation's advice for a server's
    start-up).  Reference counting still frees any of them that is let go.
    """
    gc.collect()
    gc.freeze()
