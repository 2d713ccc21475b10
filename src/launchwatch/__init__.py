"""launchwatch: ballistic-missile launches from public reports, checked and mapped.

This module is the public Python API; everything else may change between releases.
"""

from .errors import (ExtractionError, GeoError, IngestError, LaunchwatchError, PhysicsError,
                     SettingsError, StoreError)
from .model import ContextItem, Evidence, Extraction, Launch, Quantity, Report

__version__ = "0.1.0"

__all__ = sorted([
    "ContextItem",
    "Evidence",
    "Extraction",
    "ExtractionError",
    "GeoError",
    "IngestError",
    "Launch",
    "LaunchwatchError",
    "PhysicsError",
    "Quantity",
    "Report",
    "SettingsError",
    "StoreError",
    "__version__",
])
