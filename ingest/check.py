"""``diarium check``: the whole home verified against its source of truth, the corpus.

Every corpus record is read and decoded; every page of the index is read back; the
two are compared document by document (each stored document in the index exactly once,
with all its pages; nothing in the index that the corpus lacks). Each finding says what
repairs it, so an operator can act without reading code: a damaged index or state is
rebuilt by ``diarium reindex``, documents stored but not indexed are taken in by the
next ingest (or a reindex), a damaged record by ingesting its PDF again.
"""

from __future__ import annotations

import os
import shlex
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diarium.corpus.errors import CorpusRecordError, DiariumError
from diarium.corpus.store import CorpusStore
from diarium.ingest.home import Home
from diarium.ingest.indexing import guarded, open_home_index
from diarium.ingest.versions import is_version

REINDEX = "run `diarium reindex`"


@dataclass
class Finding:
    kind: str  # state | record | index | missing | orphan | duplicate | pages | leftover
    subject: str  # the file or document it is about
    problem: str
    remedy: str

    def line(self) -> str:
        return f"  {self.kind:<9} {self.subject}: {self.problem} — {self.remedy}"


@dataclass
class CheckReport:
    documents: int = 0
    indexed: int = 0
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    ocr_engine: str = ""  # which Tesseract OCR uses (in process, or the command-line fallback)

    @property
    def ok(self) -> bool:
        return not any(f.kind != "leftover" for f in self.findings)

    def of(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "documents": self.documents,
            "indexed": self.indexed,
            "pages": self.pages,
            "findings": [f.__dict__ for f in self.findings],
            "ocr_engine": self.ocr_engine,
        }

    def lines(self) -> list[str]:
        head = (
            f"Checked {self.documents} corpus record(s) and {self.pages} indexed page(s) "
            f"of {self.indexed} document(s): "
        )
        engine = [f"OCR: {self.ocr_engine}"] if self.ocr_engine else []
        if not self.findings:
            return [head + "all good.", *engine]
        out = [head + f"{len(self.findings)} finding(s).", *engine]
        out.extend(f.line() for f in self.findings)
        remedies = sorted({f.remedy for f in self.findings if f.kind != "leftover"})
        if remedies:
            out.append("To repair: " + "; ".join(remedies) + ".")
        return out


def check_home(home: Home) -> CheckReport:
    from diarium.extractors.ocr.availability import describe_engine
    from diarium.ingest.report import printable

    report = CheckReport(ocr_engine=describe_engine())
    problem = home.state_problem()
    if problem:
        report.findings.append(Finding("state", str(home.state_path), problem, REINDEX))
    store = CorpusStore(home.corpus_dir)
    pages_of: dict[str, int] = {}
    for doc_id, item in store.scan():
        report.documents += 1
        if isinstance(item, CorpusRecordError):
            report.findings.append(
                Finding(
                    "record",
                    printable(str(item.path)),
                    item.reason,
                    "ingest the original PDF again: "
                    f"`diarium ingest --home {_q(home.root)} PDF-OR-FOLDER` (a known file "
                    "whose record is damaged is read again and the record replaced)",
                )
            )
        elif not is_version(item):  # versions are not indexed: their head is
            pages_of[doc_id] = item.n_pages
    for tmp in store.leftovers():
        report.findings.append(
            Finding(
                "leftover", str(tmp), "a write that never finished", "the next ingest removes it"
            )
        )
    report.findings.extend(killed_run_leftovers(home))
    damaged_ids = {doc_id for doc_id in store.ids() if doc_id not in pages_of}
    if not home.index_dir.exists():
        if report.documents:
            report.findings.append(
                Finding("index", str(home.index_dir), "there is no index", REINDEX)
            )
        return report
    try:
        index = open_home_index(home, create=False)
        with guarded(home):
            seen = Counter(index.stored_pages())
    except DiariumError as exc:
        report.findings.append(Finding("index", str(home.index_dir), exc.message, REINDEX))
        return report
    report.indexed = len(seen)
    report.pages = sum(seen.values())
    for doc_id, n_pages in pages_of.items():
        got = seen.get(doc_id, 0)
        if got == 0:
            report.findings.append(
                Finding(
                    "missing",
                    doc_id,
                    "stored but not in the index",
                    "run `diarium ingest` (any path) or `diarium reindex`",
                )
            )
        elif got > n_pages:
            report.findings.append(
                Finding("duplicate", doc_id, f"{got} pages indexed for {n_pages}", REINDEX)
            )
        elif got < n_pages:
            report.findings.append(
                Finding("pages", doc_id, f"{got} of {n_pages} pages indexed", REINDEX)
            )
    for doc_id in sorted(set(seen) - set(pages_of) - damaged_ids):
        report.findings.append(
            Finding("orphan", doc_id, "in the index but not in the corpus", REINDEX)
        )
    return report


def killed_run_leftovers(home: Home) -> list[Finding]:
    """What a run killed outright leaves in the home besides half-written records: a
    rebuilt index never swapped in (``diarium.index.new``), an old index never removed
    (``diarium.index.old``), a scratch folder of page images (``tmp/run-PID``); each with the
    command that removes it."""
    found: list[Finding] = []
    fresh = home.root / "diarium.index.new"
    old = home.root / "diarium.index.old"
    if fresh.exists():
        found.append(
            Finding(
                "leftover",
                str(fresh),
                f"an index rebuild that never finished ({_size(fresh)})",
                f"`diarium reindex --home {_q(home.root)}` starts over and removes it, "
                f"or `rm -r {_q(fresh)}`",
            )
        )
    if old.exists():
        if home.index_dir.exists():
            remedy = f"`rm -r {_q(old)}` (the index in use is {home.index_dir})"
        else:
            remedy = f"run `diarium reindex --home {_q(home.root)}`"
        found.append(
            Finding(
                "leftover" if home.index_dir.exists() else "index",
                str(old),
                f"the index a killed reindex was replacing ({_size(old)})",
                remedy,
            )
        )
    if home.temp_root.is_dir():
        for scratch in sorted(home.temp_root.iterdir()):
            if _running(scratch.name):
                continue
            found.append(
                Finding(
                    "leftover",
                    str(scratch),
                    f"the scratch folder of a run that was killed ({_size(scratch)})",
                    f"the next `diarium ingest --home {_q(home.root)}` removes it, "
                    f"or `rm -r {_q(scratch)}`",
                )
            )
    return found


def _running(name: str) -> bool:
    """Whether ``run-PID`` belongs to a process that is still alive (a run in progress)."""
    pid = name.removeprefix("run-")
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _size(path: Path) -> str:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return f"{total / 1e6:.1f} MB" if total >= 100_000 else f"{total:,} bytes"


def _q(path: Path) -> str:
    """A path as a shell word, so the printed command works as printed."""
    return shlex.quote(str(path))
