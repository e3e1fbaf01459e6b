"""The README's library example runs as printed: a newcomer who copies it gets a home,
an ingest and a search, not an ImportError."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO


def test_readme_library_example_runs_as_printed(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index("## Using diarium as a library") :]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code, "the README has no library example"
    (tmp_path / "samples").symlink_to(REPO / "samples")
    done = subprocess.run(
        [sys.executable, "-c", code.group(1)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0] == "4 ingested, 0 failed"
    # The case number of the Lugnvik sample, typed as staff type it, finds that decision.
    assert "Detaljplan för Lugnvik" in lines[1] and "page 1" in lines[1]
    assert "2024" in lines[-1]
