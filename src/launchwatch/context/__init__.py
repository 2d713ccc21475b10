"""The context stage: context events (a shipped calendar, what reports say, users' calendars),
the context around each launch, and timing statistics against a baseline chance would give."""
