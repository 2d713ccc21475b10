"""launchwatch.physics"""
