"""Where the test material lives: the repository, its samples and test data, and
../shared/ beside the repository (the evaluation material only some tests need)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
DATA = TESTS / "data"
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"
SHARED_ABSENT = "../shared/ test material is not present"
# Swedish texts held in the repository: the test corpus's and the samples' (invented).
IN_REPO_TEXTS = sorted(
    [
        *(DATA / "fixture_texts").glob("*.txt"),
        *(REPO / "scripts/sample_texts").glob("*.txt"),
    ]
)
