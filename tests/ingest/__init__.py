"""Tests of launchwatch.ingest and the ingest command."""
