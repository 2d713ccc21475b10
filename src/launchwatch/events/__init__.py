"""launchwatch.events"""
