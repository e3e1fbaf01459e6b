"""diarium: search for Swedish municipal decisions."""

from __future__ import annotations

from functools import cache


@cache
def installed_version() -> str:
    """diarium's version as installed: the one lookup for ``--version``, the API, the
    provenance of every document and the cluster's check that workers run the same
    code. Every layer may call it: it lives in the namespace package itself."""
    # importlib.metadata costs a few tens of milliseconds to import: read on first use,
    # so a search or `diarium --help` does not pay for it.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("diarium")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+local"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
