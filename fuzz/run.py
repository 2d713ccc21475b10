"""Fuzz the extractor and every reader: coverage-guided (atheris), then at scale (Hypothesis).

Usage: python fuzz/run.py [--seconds 600] [--targets extract,text,...] [--examples 2000]

Each target gets an equal share of ``--seconds`` under atheris (libFuzzer's coverage-guided
mutation, in a child process per target, seeded with the project's sample reports), then
``--examples`` Hypothesis inputs.  It prints, per target, inputs per second, the slowest
input, the inputs over the time bound (1 s per 10 KB) and every exception.  Each input that
raised or ran over the bound is saved under tests/fuzz_corpus/TARGET/, where
tests/test_fuzz_corpus.py keeps it as a regression test.  The exit code is 1 when any target
found something.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

TARGET_NAMES = ("extract", "text", "html", "jsonl", "feed", "cns")

CORPUS = ROOT / "tests" / "fuzz_corpus"
SEEDS = ROOT / "samples"


def bound_s(size: int) -> float:
    """The time an input may take: 1 s per 10 KB, and at least 1 s."""
    return max(1.0, size / 10_240)


def keep(target: str, data: bytes, why: str) -> Path:
    """Save an input that raised or was slow as a regression case."""
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{why}-{hashlib.sha256(data).hexdigest()[:16]}"
    path.write_bytes(data)
    return path


class Watch:
    """Counts inputs and keeps the slowest, the slow ones and the failures of one target."""

    def __init__(self, target: str) -> None:
        self.target, self.inputs, self.busy_s = target, 0, 0.0
        self.slowest = (0.0, 0)
        self.slow: list[str] = []
        self.failures: list[str] = []

    def one(self, data: bytes) -> None:
        from fuzz.targets import run  # loaded after atheris has hooked the imports it guides

        started = time.perf_counter()
        try:
            run(self.target, data)
        except Exception as exc:  # noqa: BLE001 - a fuzzer's job is to find these
            self.failures.append(f"{type(exc).__name__}: {exc} ({keep(self.target, data, 'crash')})")
            raise
        finally:
            took = time.perf_counter() - started
            self.inputs += 1
            self.busy_s += took
            self.slowest = max(self.slowest, (took, len(data)))
            if took > bound_s(len(data)):
                self.slow.append(f"{took:.2f} s for {len(data)} bytes "
                                 f"({keep(self.target, data, 'slow')})")

    def summary(self, seconds: float) -> dict:
        return {"target": self.target, "inputs": self.inputs,
                "inputs_per_s": round(self.inputs / seconds, 1) if seconds else 0.0,
                "slowest_s": round(self.slowest[0], 3), "slowest_bytes": self.slowest[1],
                "slow": self.slow, "failures": self.failures}


def atheris_child(target: str, seconds: int, report: Path) -> None:
    """Run inside a child process: atheris on one target until ``seconds`` have passed."""
    import atheris  # the fuzzer is a development tool, loaded only when fuzzing

    # Coverage guidance: launchwatch's modules are instrumented as they are imported, so that
    # libFuzzer keeps the inputs that reach new code in them.
    with atheris.instrument_imports(include=["launchwatch"]):
        import fuzz.targets  # noqa: F401
    watch = Watch(target)
    started = time.perf_counter()

    def write_report() -> None:
        report.write_text(json.dumps(watch.summary(time.perf_counter() - started)))

    def one_input(data: bytes) -> None:
        try:
            watch.one(data)
        finally:
            if watch.inputs % 200 == 0:
                write_report()

    seeds = CORPUS / target
    seeds.mkdir(parents=True, exist_ok=True)
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"launchwatch-fuzz-{target}"
    work.mkdir(exist_ok=True)
    for sample in sorted(SEEDS.rglob("*"))[:40]:
        if sample.is_file():
            (work / sample.name).write_bytes(sample.read_bytes()[:20_000])
    import atexit
    atexit.register(write_report)
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-rss_limit_mb=4096",
                   "-max_len=65536", f"-artifact_prefix={work}/", str(work), str(seeds)],
                  one_input)
    atheris.Fuzz()


def hypothesis_phase(target: str, examples: int) -> dict:
    """``examples`` Hypothesis inputs: arbitrary text and bytes, and report-shaped text."""
    from hypothesis import HealthCheck, given, settings, strategies as st

    watch = Watch(target)
    words = st.sampled_from(["North", "Korea", "fired", "missile", "km", "1,000", "Monday",
                             "\n\n", "(", ")", '"', "%", "<b>", "&amp;", "Title:", ":", "--"])
    inputs = st.one_of(st.binary(max_size=4096),
                       st.text(max_size=4096).map(lambda t: t.encode("utf-8", "surrogatepass")),
                       st.lists(words, max_size=400).map(lambda w: " ".join(w).encode()))

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    def each(data: bytes) -> None:
        try:
            watch.one(data)
        except Exception:  # noqa: BLE001 - recorded by watch.one; go on with the next input
            pass

    started = time.perf_counter()
    each()
    return watch.summary(time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600, help="atheris time, all targets")
    parser.add_argument("--targets", default=",".join(TARGET_NAMES))
    parser.add_argument("--examples", type=int, default=2000, help="Hypothesis inputs each")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()
    if args.child:
        atheris_child(args.child, args.seconds, args.report)
        return 0
    targets = [t for t in args.targets.split(",") if t]
    share = max(5, args.seconds // max(1, len(targets)))
    found = False
    for target in targets:
        report = Path(os.environ.get("TMPDIR", "/tmp")) / f"launchwatch-fuzz-{target}.json"
        report.unlink(missing_ok=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--child", target, "--seconds", str(share),
                        "--report", str(report)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=share + 120, check=False)
        atheris = json.loads(report.read_text()) if report.exists() else {
            "target": target, "inputs": 0, "failures": ["the fuzzer did not report"]}
        scaled = hypothesis_phase(target, args.examples)
        for phase, result in (("atheris", atheris), ("hypothesis", scaled)):
            found |= bool(result.get("failures") or result.get("slow"))
            print(f"{target:8s} {phase:10s} {result.get('inputs', 0):7d} inputs "
                  f"{result.get('inputs_per_s', 0):8.1f}/s  slowest "
                  f"{result.get('slowest_s', 0):.3f} s ({result.get('slowest_bytes', 0)} B)  "
                  f"exceptions {len(result.get('failures', []))}  over bound "
                  f"{len(result.get('slow', []))}")
            for line in result.get("failures", []) + result.get("slow", []):
                print(f"    {line}")
        print(f"{target:8s} done in {time.perf_counter() - started:.0f} s", flush=True)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
