"""The corpus store: round trips, atomic writes, and records readable without diarium."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from diarium.corpus.model import Document, Entity, Metadata, Page, Provenance
from diarium.corpus.store import CorpusStore


def _doc(doc_id: str = "ab" + "0" * 62) -> Document:
    return Document(
        id=doc_id,
        source="/archive/kf-protokoll.pdf",
        filename="kf-protokoll.pdf",
        pages=[
            Page(
                number=1, text="Kommunfullmäktige beslutar", raw_text="Kommunfullmiktige beslutar"
            ),
            Page(number=2, text="Justerare: Åsa de Mander", raw_text="Justerare: Åsa de Mander"),
        ],
        metadata=Metadata(title="Protokoll", document_date="2022-05-19", doc_type="protokoll"),
        provenance=Provenance(diarium_version="test", extracted_at="2022-05-19T10:00:00+00:00"),
        entities=[
            Entity("PERSON", "Åsa de Mander", "Åsa de Mander", 2, 11, 24, {"role": "justerare"})
        ],
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    doc = _doc()
    store.put(doc)
    assert store.has(doc.id)
    assert store.get(doc.id) == doc
    assert list(store.ids()) == [doc.id]


def test_record_is_plain_gzip_json_with_the_contract_fields(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    doc = _doc()
    path = store.put(doc)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    assert data["text"] == "Kommunfullmäktige beslutar\fJusterare: Åsa de Mander"
    assert data["n_pages"] == 2
    assert data["pages"][0]["raw_text"] == "Kommunfullmiktige beslutar"


def test_failed_write_leaves_old_record_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = CorpusStore(tmp_path)
    doc = _doc()
    store.put(doc)
    changed = Document.from_dict({**doc.to_dict(), "filename": "renamed.pdf"})

    def broken_fsync(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("diarium.corpus.store.os.fsync", broken_fsync)
    with pytest.raises(OSError):
        store.put(changed)
    assert store.get(doc.id).filename == "kf-protokoll.pdf"
    assert [p.name for p in store.path_for(doc.id).parent.iterdir()] == [f"{doc.id}.json.gz"]


def test_find_prefix(tmp_path: Path) -> None:
    store = CorpusStore(tmp_path)
    store.put(_doc("ab12" + "0" * 60))
    store.put(_doc("ab34" + "0" * 60))
    assert store.find_prefix("ab1") == ["ab12" + "0" * 60]
    assert len(store.find_prefix("ab")) == 2
    assert store.find_prefix("ff") == []
