"""Page noise around and inside a report must not change what is extracted from it.

Each example draws one of the project's sample reports and a random combination of the
perturbations in :mod:`.perturb` (furniture lines, a photo caption, blank-line runs, the headline
repeated, curly quotes, non-breaking spaces), applied to the report's body only: its title,
publication date and URL stay as they are.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from launchwatch.extract import extract_report
from launchwatch.ingest import read_path
from launchwatch.model import Report

from .perturb import NAMES, changed_fields, invariant_fields, perturb

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "reports"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.txt"))


@lru_cache(maxsize=None)
def sample(name: str) -> tuple[Report, dict[str, object]]:
    """The sample report and the fields extracted from it as written."""
    report = next(r for r in read_path(SAMPLES / name) if isinstance(r, Report))
    return report, invariant_fields(extract_report(report))


def test_there_are_samples_to_perturb() -> None:
    assert len(SAMPLE_NAMES) >= 10


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(SAMPLE_NAMES),
       names=st.sets(st.sampled_from(NAMES), min_size=1),
       rng=st.randoms(use_true_random=False))
def test_page_noise_does_not_change_the_extraction(name: str, names: set[str],
                                                    rng: random.Random) -> None:
    report, expected = sample(name)
    text = perturb(report.text, report.title, names, rng)
    noisy = Report.model_validate({**report.model_dump(exclude={"content_hash"}), "text": text})
    got = invariant_fields(extract_report(noisy))
    changed = changed_fields(expected, got)
    assert not changed, (f"{name} with {sorted(names)} changed {changed}\n"
                         f"--- perturbed text (start) ---\n{text[:600]}")
