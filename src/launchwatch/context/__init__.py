"""launchwatch.context"""
