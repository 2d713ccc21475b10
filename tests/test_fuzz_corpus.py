"""Every input a fuzzer found (or a finding of the reliability review reproduced) stays a
regression test: each target handles it without an exception other than a user-facing
``LaunchwatchError``, within the fuzzers' time bound (1 s per 10 KB).

``make fuzz`` (fuzz/run.py) adds the inputs it finds under tests/fuzz_corpus/TARGET/.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fuzz.run import bound_s  # noqa: E402
from fuzz.targets import TARGETS, run  # noqa: E402

CORPUS = ROOT / "tests" / "fuzz_corpus"
CASES = sorted(p for p in CORPUS.glob("*/*") if p.is_file() and p.parent.name in TARGETS)


def test_the_corpus_has_a_case_for_every_reader_that_once_failed() -> None:
    assert {p.parent.name for p in CASES} >= {"extract", "jsonl"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_found_input_is_handled_in_time(case: Path) -> None:
    data = case.read_bytes()
    run(case.parent.name, data)  # warm: the first call loads the lexicons and layers
    started = time.perf_counter()
    run(case.parent.name, data)
    assert time.perf_counter() - started <= bound_s(len(data))
