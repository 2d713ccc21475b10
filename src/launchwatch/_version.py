"""The release, low in the layers so that any module may say which launchwatch wrote it."""

__version__ = "0.1.0"
