"""launchwatch.ingest"""
