"""Japanese launch reports: the Japan Ministry of Defense, the Chief Cabinet Secretary and the
Japanese press, read in Japanese (:class:`JapaneseReader`)."""

from .reader import JapaneseReader

__all__ = ["JapaneseReader"]
