"""What the fuzzers feed: the extractor and every reader, each a function of raw bytes.

A target takes the fuzzer's bytes, turns them into the input it reads (text for the
extractor, a file of the right suffix for a reader) and runs it.  A user mistake is a
``LaunchwatchError`` (it names the file and says what to do) and counts as handled; any other
exception is a defect the fuzzer reports.  Used by ``fuzz/run.py`` (atheris, coverage-guided,
``make fuzz``) and by ``tests/test_fuzz_corpus.py`` (every input a fuzzer ever found kept as a
regression test).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from launchwatch.errors import LaunchwatchError
from launchwatch.exchange.cns_reader import read_cns_csv
from launchwatch.extract import extract_report
from launchwatch.ingest import read_path
from launchwatch.model import Report

_SCRATCH = Path(tempfile.mkdtemp(prefix="launchwatch-fuzz-"))


def extract(data: bytes) -> None:
    """The extractor on the bytes as text (undecodable bytes replaced, as readers do)."""
    text = data.decode("utf-8", errors="replace")
    extraction = extract_report(Report(source="fuzz", text=text))
    extraction.to_record()


def _reader(suffix: str) -> Callable[[bytes], None]:
    def read(data: bytes) -> None:
        path = _SCRATCH / f"input{suffix}"
        path.write_bytes(data)
        for item in read_path(path):
            if isinstance(item, Report):
                item.model_dump()
    read.__name__ = f"read{suffix.replace('.', '_')}"
    return read


def cns(data: bytes) -> None:
    path = _SCRATCH / "input.csv"
    path.write_bytes(data)
    read_cns_csv(path)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "extract": extract,
    "text": _reader(".txt"),
    "html": _reader(".html"),
    "jsonl": _reader(".jsonl"),
    "feed": _reader(".xml"),
    "cns": cns,
}


def run(target: str, data: bytes) -> None:
    """Run ``target`` on ``data``; a LaunchwatchError (a user mistake, reported) is fine."""
    try:
        TARGETS[target](data)
    except LaunchwatchError:
        pass
