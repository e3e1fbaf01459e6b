"""Checking, before any work starts, that Tesseract and its language data are installed.

Both engines read Debian's language data (tesseract-ocr-swe, tesseract-ocr-osd) from
the same folder: ``TESSDATA_PREFIX`` when set, else the folder Debian installs. The
in-process engine (tesserocr) needs no `tesseract` program; the command-line fallback
does.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from functools import lru_cache
from importlib import metadata

# Where Debian's tesseract-ocr-* packages put the language data (bookworm: 5; older: 4.00).
DEBIAN_TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-swe tesseract-ocr-osd"


class OcrUnavailableError(Exception):
    """Tesseract or a language's data is missing; the message names the Debian packages."""


def tessdata_dir() -> str:
    """The folder of ``*.traineddata`` files both engines read."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        return prefix
    for folder in DEBIAN_TESSDATA:
        if os.path.isdir(folder):
            return folder
    return DEBIAN_TESSDATA[0]


def binding_available() -> bool:
    """tesserocr is installed: OCR runs in process. (Found, not imported: `diarium
    check` says which engine is used without loading Tesseract or Pillow.)"""
    return importlib.util.find_spec("tesserocr") is not None


@lru_cache(maxsize=8)
def installed_languages() -> frozenset[str]:
    if binding_available():
        folder = tessdata_dir()
        if not os.path.isdir(folder):
            raise OcrUnavailableError(
                f"Tesseract's language data is missing ({folder} does not exist); install it "
                f"with `{INSTALL}` (or `make setup`), or ingest with --ocr never"
            )
        return frozenset(
            name.removesuffix(".traineddata")
            for name in os.listdir(folder)
            if name.endswith(".traineddata")
        )
    if shutil.which("tesseract") is None:
        raise OcrUnavailableError(
            f"tesseract is not installed; install it with `{INSTALL}` "
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
            f"`apt-get install tesseract-ocr {packages}`, or ingest with --ocr never"
        )


def describe_engine() -> str:
    """One line for ``diarium check``: which engine OCR uses, and why."""
    if binding_available():
        return (
            f"in process (tesserocr {metadata.version('tesserocr')}, one engine per worker), "
            f"language data in {tessdata_dir()}"
        )
    return (
        "command-line fallback (pytesseract, one `tesseract` process per page): the "
        "tesserocr binding is not installed; `pip install tesserocr` reads pages in process"
    )
