"""launchwatch.extract"""
