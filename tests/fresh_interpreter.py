"""What a statement imports, run in an interpreter of its own: this test process has imported
everything already, so only a fresh one can show what a module pulls in."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable


def modules_loaded(statement: str, modules: Iterable[str]) -> list[str]:
    """Those of ``modules`` that a fresh interpreter holds after running ``statement``
    (which fails the test with its error if it raises)."""
    wanted = sorted(modules)
    code = f"import sys\n{statement}\nprint('\\n'.join(m for m in {wanted!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()
