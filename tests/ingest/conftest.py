from __future__ import annotations

import pytest

from .helpers import FakeExtractor


@pytest.fixture
def fake_extractor() -> FakeExtractor:
    return FakeExtractor()
