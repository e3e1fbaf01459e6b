"""Checking, before any work starts, that Tesseract and its language data are installed."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache


class OcrUnavailableError(Exception):
    """Tesseract or a language's data is missing; the message names the Debian packages."""


@lru_cache(maxsize=8)
def installed_languages() -> frozenset[str]:
    if shutil.which("tesseract") is None:
        raise OcrUnavailableError(
            "tesseract is not installed; install it with "
            "`apt-get install tesseract-ocr tesseract-ocr-swe tesseract-ocr-osd` "
            "(or `make setup`), or ingest with --ocr never"
        )
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    lines = (out.stdout or out.stderr).splitlines()
    return frozenset(line.strip() for line in lines[1:] if line.strip())


def check_ocr_available(lang: str = "swe") -> None:
    have = installed_languages()
    missing = [code for code in lang.split("+") if code not in have]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code}" for code in missing)
        raise OcrUnavailableError(
            f"Tesseract has no data for {', '.join(missing)}; install it with "
            f"`apt-get install {packages}`, or ingest with --ocr never"
        )
