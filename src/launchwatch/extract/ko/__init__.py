"""Korean reports: the Joint Chiefs of Staff's statements as Yonhap, the broadcasters and the
papers relay them, read with Korean rules over Kiwi's morphemes (:class:`KoreanReader`)."""

from .reader import KoreanReader

__all__ = ["KoreanReader"]
