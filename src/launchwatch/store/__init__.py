"""launchwatch.store"""
