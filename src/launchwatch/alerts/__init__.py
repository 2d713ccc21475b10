"""launchwatch.alerts"""
