"""Tests of launchwatch.extract and the extract command."""
