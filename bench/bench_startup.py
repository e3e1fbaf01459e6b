"""Wall time of short `diarium` commands run as processes: what a user waits for at a prompt.

Each command runs as `python -m diarium ...` in a fresh process, N times; the figure is the
median. Two ways Python may start:
  * as is: with PYTHONDONTWRITEBYTECODE as the environment has it (set here, so diarium's
    own modules are compiled from source in every process; installed packages have theirs);
  * bytecode: every module read from a cache of compiled files (PYTHONPYCACHEPREFIX, a
    scratch folder filled by one untimed run), as on a machine where .pyc files were
    written; the source tree is left without .pyc files.
`--tree DIR` (repeatable) runs the same commands from other checkouts of the repository
(e.g. `git archive <commit> | tar -x -C DIR`) in the same rounds, interleaved, so before and
after are measured side by side on the same machine at the same time.

Usage: python bench/bench_startup.py [--runs 7] [--home DIR] [--tree DIR ...]
       [--modes asis,bytecode]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


def commands(home: Path) -> dict[str, list[str]]:
    h = ["--home", str(home)]
    return {
        "--help": ["--help"],
        "search kommun": ["search", *h, "kommun"],
        "search --facets --json": ["search", *h, "--facets", "--json", "beslut"],
        "search --dnr": ["search", *h, "--dnr", "KS 2023/871"],
        "stats": ["stats", *h],
        "show": ["show", *h, "KS-2023-00871"],
        "ingest (all known)": ["ingest", *h, str(SAMPLES)],
    }


def environment(mode: str, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX",)}
    if mode == "bytecode":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_once(tree: Path, args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    # cwd first on sys.path: `python -m diarium` imports the tree's own packages.
    done = subprocess.run(
        [sys.executable, "-m", "diarium", *args], cwd=tree, env=env, capture_output=True
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(
            f"{tree}: diarium {' '.join(args)} exited {done.returncode}: "
            f"{done.stderr.decode(errors='replace')[-500:]}"
        )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--home", type=Path, help="an existing home (default: samples/ ingested)")
    parser.add_argument(
        "--tree",
        type=Path,
        action="append",
        default=[],
        help="another checkout to measure beside this one (repeatable)",
    )
    parser.add_argument("--modes", default="asis,bytecode")
    args = parser.parse_args()

    trees = [*[t.resolve() for t in args.tree], REPO]
    scratch = Path(tempfile.mkdtemp(prefix="diarium-bench-startup-"))
    try:
        home = args.home
        if home is None:
            home = scratch / "home"
            subprocess.run(
                [sys.executable, "-m", "diarium", "ingest", "--home", str(home), str(SAMPLES)],
                cwd=REPO,
                check=True,
                capture_output=True,
            )
        cmds = commands(home)
        width = max(len(name) for name in cmds)
        for mode in args.modes.split(","):
            envs = {t: environment(mode, scratch / f"pycache-{n}") for n, t in enumerate(trees)}
            times: dict[tuple[Path, str], list[float]] = {}
            for tree in trees:  # untimed: fills the bytecode cache, warms the file cache
                for cmd in cmds.values():
                    run_once(tree, cmd, envs[tree])
            for _ in range(args.runs):
                for name, cmd in cmds.items():
                    for tree in trees:
                        times.setdefault((tree, name), []).append(run_once(tree, cmd, envs[tree]))
            print(f"\n{mode}: median wall time of {args.runs} runs, seconds")
            print(f"{'command':<{width}}  " + "  ".join(f"{t.name[-14:]:>14}" for t in trees))
            for name in cmds:
                cells = [f"{statistics.median(times[(t, name)]):>14.3f}" for t in trees]
                print(f"{name:<{width}}  " + "  ".join(cells))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
