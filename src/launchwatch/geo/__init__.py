"""launchwatch.geo"""
