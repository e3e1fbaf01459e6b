"""Running another checkout's diarium code (the "before" of a before/after figure).

diarium is installed editable with a package-dir map (pyproject.toml): `diarium` comes
from diarium/, `diarium.extractors` from extractors/, and so on. Putting another
checkout on sys.path, or running from its folder, still imports diarium.extractors & co.
from the installed checkout, so a "before" run would quietly measure today's code.
``use_checkout`` loads the packages from the other checkout's folders instead; worker
processes forked after it inherit them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

# The packages and their folders, as pyproject.toml's package-dir has them.
PACKAGES = {
    "diarium": "diarium",
    "diarium.corpus": "corpus",
    "diarium.index": "index",
    "diarium.ingest": "ingest",
    "diarium.extractors": "extractors",
}


def use_checkout(repo: Path) -> None:
    """Import diarium's packages from ``repo`` from now on, in this process."""
    for name, folder in PACKAGES.items():
        spec = importlib.util.spec_from_file_location(
            name, repo / folder / "__init__.py", submodule_search_locations=[str(repo / folder)]
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)


if __name__ == "__main__":
    # python bench/checkout.py REPO ARGS...: the diarium CLI of REPO with ARGS.
    use_checkout(Path(sys.argv[1]).resolve())
    from diarium.cli import main

    sys.argv = ["diarium", *sys.argv[2:]]
    main()
