"""A command loads what it uses: `diarium search` never pays for spaCy, OCR or the web server.

Each command runs as a real process with ``python -X importtime``, which lists every module
the process imported; the test reads that list (no timing: speed is for
bench/bench_startup.py). Every row also names a module the command must load, so a broken
reading of the list cannot pass.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import diarium.commands
from diarium.cli import COMMAND_MODULES, main
from tests.support.paths import REPO

SAMPLES = REPO / "samples"

# Loaded only by the commands that extract (entities, OCR, PDFs), serve, or run on Dask.
NEVER_FOR_READING = {
    "spacy",
    "thinc",
    "faker",
    "pytesseract",
    "tesserocr",
    "PIL",
    "pypdfium2",
    "pdfplumber",
    "pdfminer",
    "hunspell",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "dask",
    "distributed",
    "tqdm",
    # The lexicon a search needs (compound parts in snippets) is read without wordfreq's
    # own imports (extractors/lexicon.py).
    "wordfreq",
    "langcodes",
}
# What only extracting a document needs, beyond what an ingest run loads to start.
EXTRACTION_ONLY = {"spacy", "thinc", "faker", "fastapi", "uvicorn", "dask", "distributed"}
# Nor the index, its engines and the lexicon, for a command that opens no index.
NO_INDEX = NEVER_FOR_READING | {"tantivy", "whoosh", "numpy", "msgpack", "Stemmer", "rapidfuzz"}


def imported(args: list[str], stdin: str = "") -> set[str]:
    """Top-level names of every module `diarium ARGS` imported (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "diarium", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name and name != "package":  # the header row
                names.add(name.split(".")[0])
    return names


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, ingested (text layers only: what is searched does not matter here)."""
    root = tmp_path_factory.mktemp("home")
    result = CliRunner().invoke(
        main, ["ingest", "--home", str(root), "--ocr", "never", str(SAMPLES)]
    )
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize(
    ("args", "must", "never"),
    [
        (["--help"], {"click", "diarium"}, NO_INDEX),
        (["search", "--help"], {"click"}, NO_INDEX),
        (["search", "{home}", "kommun"], {"tantivy", "msgpack"}, NEVER_FOR_READING),
        (["search", "{home}", "--facets", "--json", "beslut"], {"tantivy"}, NEVER_FOR_READING),
        (["search", "{home}", "--dnr", "KS 2023/871"], {"tantivy"}, NEVER_FOR_READING),
        (["stats", "{home}"], {"tantivy"}, NEVER_FOR_READING | {"msgpack"}),
        (["show", "{home}", "KS-2023-00871"], {"tantivy"}, NEVER_FOR_READING),
        (["check", "{home}"], {"tantivy"}, NEVER_FOR_READING),
        (["pii", "{home}"], {"gzip"}, NO_INDEX),
        # Every file already known: nothing is extracted, so no spaCy (a daily re-run).
        (["ingest", "{home}", "--ocr", "never", str(SAMPLES)], {"tantivy"}, EXTRACTION_ONLY),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_command_imports_only_what_it_needs(
    home: Path, args: list[str], must: set[str], never: set[str]
) -> None:
    args = [a for arg in args for a in (["--home", str(home)] if arg == "{home}" else [arg])]
    names = imported(args)
    assert must <= names, f"the import list lacks {must - names}: is it read right?"
    assert not names & never, f"`diarium {' '.join(args)}` imported {sorted(names & never)}"


def test_normalize_needs_no_spacy_ocr_or_index() -> None:
    names = imported(["normalize"], stdin="Beslut i kommunfullmaktige.\n")
    assert "ftfy" in names
    never = (NEVER_FOR_READING - {"wordfreq", "langcodes"}) | {"tantivy", "whoosh"}
    assert not names & never, sorted(names)


def test_every_command_module_is_in_the_lazy_table() -> None:
    """A command added to a module of diarium/commands/ but not to COMMAND_MODULES would
    be missing from `diarium --help`; this names it."""
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(diarium.commands.__path__):
        module = importlib.import_module(f"diarium.commands.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            found[command.name] = module.__name__
    assert found == COMMAND_MODULES
