"""Tests of launchwatch.store."""
