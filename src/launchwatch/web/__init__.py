"""launchwatch.web"""
