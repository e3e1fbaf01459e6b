"""The on-disk corpus: one gzip'd JSON file per document, named by its SHA-256.

Plain JSON so that a later reader can open a record without this code; one file per
document so that a crash can only ever lose the document being written, and writes go
through a temporary file and ``os.replace`` so no record is ever half-written.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from diarium.corpus.errors import CorpusRecordError
from diarium.corpus.model import Document

SUFFIX = ".json.gz"


class CorpusStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, doc_id: str) -> Path:
        return self.root / doc_id[:2] / f"{doc_id}{SUFFIX}"

    def has(self, doc_id: str) -> bool:
        return self.path_for(doc_id).is_file()

    def put(self, doc: Document, *, durable: bool = True) -> Path:
        """Write one record atomically. ``durable=False`` skips the per-file fsync for
        callers that call ``sync()`` once per batch before relying on the records."""
        path = self.path_for(doc.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".{doc.id[:12]}.", suffix=".tmp", dir=path.parent)
        try:
            with (
                os.fdopen(fd, "wb") as raw,
                gzip.GzipFile(
                    filename=f"{doc.id}.json", mode="wb", fileobj=raw, compresslevel=6, mtime=0
                ) as gz,
            ):
                gz.write(data)
                gz.flush()
                raw.flush()
                if durable:
                    os.fsync(raw.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    @staticmethod
    def sync() -> None:
        """Flush every record written without fsync to disk (one call for a batch)."""
        os.sync()

    def get(self, doc_id: str) -> Document:
        """The stored document; ``CorpusRecordError`` names a record that cannot be read."""
        path = self.path_for(doc_id)
        try:
            with gzip.open(path, "rb") as fh:
                raw = fh.read()
        except FileNotFoundError:
            raise
        except (OSError, EOFError, zlib.error) as exc:
            raise CorpusRecordError(path, f"not a complete gzip file: {exc}") from exc
        try:
            doc = Document.from_dict(json.loads(raw))
        except (ValueError, UnicodeDecodeError) as exc:
            raise CorpusRecordError(path, f"not JSON: {exc}") from exc
        except (KeyError, TypeError, AttributeError) as exc:
            raise CorpusRecordError(path, f"not a document record: {exc!r}") from exc
        if doc.id != doc_id:
            raise CorpusRecordError(path, f"holds document {doc.id[:12]}, not {doc_id[:12]}")
        return doc

    def scan(self) -> Iterator[tuple[str, Document | CorpusRecordError]]:
        """Every record, read: a damaged one comes back as its error, so a walk over
        the whole corpus (reindex, check) names it and goes on."""
        for doc_id in self.ids():
            try:
                yield doc_id, self.get(doc_id)
            except CorpusRecordError as exc:
                yield doc_id, exc

    def leftovers(self) -> list[Path]:
        """Temporary files of writes that never finished (a killed run)."""
        if not self.root.is_dir():
            return []
        return sorted(self.root.glob("*/.*.tmp"))

    def ids(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if sub.is_dir():
                for path in sorted(sub.glob(f"*{SUFFIX}")):
                    yield path.name[: -len(SUFFIX)]

    def find_prefix(self, prefix: str) -> list[str]:
        """Ids starting with ``prefix`` (users type the first few hex digits)."""
        prefix = prefix.lower()
        if len(prefix) < 2:
            return [i for i in self.ids() if i.startswith(prefix)]
        sub = self.root / prefix[:2]
        if not sub.is_dir():
            return []
        return sorted(p.name[: -len(SUFFIX)] for p in sub.glob(f"{prefix}*{SUFFIX}"))

    def count(self) -> int:
        return sum(1 for _ in self.ids())

    def documents(self) -> Iterator[Document]:
        for doc_id in self.ids():
            yield self.get(doc_id)

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.root.rglob(f"*{SUFFIX}"))
