"""launchwatch.assess"""
