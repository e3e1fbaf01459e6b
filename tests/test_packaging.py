"""diarium installs one top-level package: its folders (index/, corpus/, ...) live under it.

Generic names such as ``index`` or ``corpus`` at the top of site-packages would collide with
any other package or script of that name, so the wheel maps each top-level folder of the
repository to ``diarium.<folder>``.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.support.paths import REPO


def _declared() -> tuple[list[str], dict[str, str]]:
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    return setuptools["packages"], setuptools["package-dir"]


def test_every_package_folder_is_declared() -> None:
    """A new sub-package must be listed in pyproject.toml, or the wheel leaves it out."""
    packages, folders = _declared()
    on_disk = set()
    for name, folder in folders.items():
        for init in (REPO / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(REPO / folder).parts
            on_disk.add(".".join((name, *relative)))
    assert on_disk == set(packages)


@pytest.mark.slow
def test_wheel_has_one_top_level_package(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("diarium-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"diarium"}
    assert "diarium/index/base.py" in names
    assert "diarium/extractors/entities/data/dnr_labels.txt" in names
