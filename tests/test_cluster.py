"""Ingest on a real Dask cluster on this machine: the same result as the local pool,
nothing lost or doubled when a worker dies, a poison page reported as its file's failure,
a lost scheduler a clear error with what was stored kept, and a re-run doing only the rest.

A LocalCluster of 2 worker processes with one thread each stands in for N machines; the
scheduler-loss test starts `dask scheduler` and `dask worker` as a user would.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dask
import distributed
import pytest
from click.testing import CliRunner, Result
from fixture_corpus import RIKTLINJER, bad_ocr_text, text_of
from pdf_builder import FULL_PAGE, image_pdf, scan_page

from diarium.cli import main
from diarium.corpus.errors import ClusterError
from diarium.corpus.store import CorpusStore
from diarium.ingest.home import Home
from diarium.ingest.indexing import open_home_index
from diarium.ingest.pipeline import IngestOptions, ingest

pytestmark = pytest.mark.slow

KINDS = ("text", "scanned", "mixed")
POISON_MARK = "poison"
BIN = Path(sys.executable).parent


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    # Two deaths of a worker running the same task make it a KilledWorker (default 3).
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        local = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
    yield local
    local.close()


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The in-repository corpus, one folder per kind (file names repeat across kinds)."""
    folder = tmp_path_factory.mktemp("inbox")
    for kind in KINDS:
        shutil.copytree(corpus_dir / kind, folder / kind)
    return folder


@pytest.fixture(scope="module")
def local_home(tmp_path_factory: pytest.TempPathFactory, inbox: Path) -> Path:
    home = tmp_path_factory.mktemp("local")
    result = run("ingest", "--home", str(home), "--workers", "2", str(inbox))
    assert result.exit_code == 0, result.output
    return home


def documents(home: Path) -> dict[str, dict]:
    store = CorpusStore(Home(home).corpus_dir)
    return {doc_id: store.get(doc_id).to_dict() for doc_id in store.ids()}


def essence(doc: dict) -> dict:
    """What must not depend on where a document was extracted."""
    return {
        "source": doc["source"],
        "n_pages": doc["n_pages"],
        "pages": [(p["number"], p["method"], p["text"], p["raw_text"]) for p in doc["pages"]],
        "metadata": doc["metadata"],
        "entities": doc["entities"],
    }


def heads(home: Path) -> set[str]:
    """Stored documents that stand for their versions in the index (ingest/versions.py:
    a scan of a born-digital decision is indexed once, under the first copy stored)."""
    return {i for i, doc in documents(home).items() if doc["group"] in (None, i)}


def indexed_ids(home: Path) -> list[str]:
    index = open_home_index(Home(home), create=False)
    try:
        return list(index.doc_ids())
    finally:
        index.close()


def test_cluster_ingest_matches_the_local_pool(
    cluster: distributed.LocalCluster, inbox: Path, local_home: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    result = run(
        "ingest", "--home", str(home), "--cluster", cluster.scheduler_address, "--json", str(inbox)
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["failed"] == 0
    assert summary["ingested"] == sum(len(list((inbox / k).glob("*.pdf"))) for k in KINDS) == 8
    assert summary["ocr_pages"] > 0
    local, remote = documents(local_home), documents(home)
    assert sorted(remote) == sorted(local)
    for doc_id, doc in local.items():
        assert essence(remote[doc_id]) == essence(doc), doc["source"]
    assert sorted(indexed_ids(home)) == sorted(heads(home))
    assert len(heads(home)) == len(heads(local_home))

    again = run("ingest", "--home", str(home), "--cluster", cluster.scheduler_address, str(inbox))
    assert again.exit_code == 0, again.output
    assert "Ingested 0 file(s)" in again.output and "skipped 8 already known" in again.output


def _kill_a_worker_running_ocr(client: distributed.Client, pids: dict[str, int]) -> list[str]:
    """Waits until a worker has been running an OCR task for a second, then SIGKILLs it."""
    killed: list[str] = []

    def watch() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            busy = [
                worker
                for worker, keys in client.processing().items()
                if any(str(k).startswith("ocr_page") for k in keys)
            ]
            if busy:
                time.sleep(1.0)
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])
                return
            time.sleep(0.1)

    threading.Thread(target=watch, daemon=True).start()
    return killed


def test_a_worker_killed_mid_task_loses_and_doubles_nothing(
    cluster: distributed.LocalCluster, inbox: Path, local_home: Path, tmp_path: Path
) -> None:
    scan = inbox / "scanned/sodertorn_verksamhetsplan.pdf"  # 7 pages for the two workers
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    try:
        pids = client.run(os.getpid)
        killed = _kill_a_worker_running_ocr(client, pids)
        home = Home(tmp_path / "home")
        outcomes = []
        summary = ingest(
            home,
            [str(scan)],
            IngestOptions(cluster=cluster.scheduler_address),
            progress=outcomes.append,
        )
        assert killed, "no worker was killed: the test proved nothing"
        client.wait_for_workers(2, timeout=60)
        assert set(client.run(os.getpid).values()) != set(pids.values())
    finally:
        client.close()
    files = [str(scan)]
    assert sorted(o.path for o in outcomes) == files  # every file reported exactly once
    assert [o.status for o in summary.outcomes] == ["ingested"] * len(files)
    stored = documents(home.root)
    assert len(stored) == len(files)
    ids = indexed_ids(home.root)
    assert len(ids) == len(set(ids)) == len(files)
    expected = documents(local_home)
    for doc_id, doc in stored.items():
        assert essence(doc) == essence(expected[doc_id])


class CrashOnPoison(distributed.WorkerPlugin):
    """Test-only: a worker dies the moment it starts OCR of a file named *poison*."""

    name = "test-crash-on-poison"

    def transition(self, key: object, start: str, finish: str, **kwargs: object) -> None:
        if finish == "executing" and str(key).startswith("ocr_page") and POISON_MARK in str(key):
            os._exit(1)


def test_a_page_that_always_kills_its_worker_fails_its_file_only(
    cluster: distributed.LocalCluster, corpus_dir: Path, tmp_path: Path
) -> None:
    import cloudpickle

    folder = tmp_path / "in"
    shutil.copytree(corpus_dir / "text", folder)
    poison = image_pdf(folder / f"{POISON_MARK}_scan.pdf", scan_page(corpus_dir), FULL_PAGE)
    home = tmp_path / "home"
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    try:
        client.register_plugin(CrashOnPoison())
        started = time.monotonic()
        result = run(
            "ingest", "--home", str(home), "--cluster", cluster.scheduler_address, str(folder)
        )
        elapsed = time.monotonic() - started
    finally:
        client.unregister_worker_plugin(CrashOnPoison.name)
        client.close()
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert result.exit_code == 1, result.output
    assert "Ingested 4 file(s)" in result.output and "failed 1." in result.output
    failed = [line for line in result.output.splitlines() if "FAILED" in line]
    assert len(failed) == 1
    assert str(poison) in failed[0]
    assert "OCR of page 1 of poison_scan.pdf" in failed[0] and "killed 2 Dask workers" in failed[0]
    assert elapsed < 120
    assert len(documents(home)) == 4


def _start(*args: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(BIN / "dask"), *args], stdout=out, stderr=out, start_new_session=True
        )


def _scheduler_and_workers(where: Path, n: int) -> tuple[str, list[subprocess.Popen[bytes]]]:
    """`dask scheduler` and `dask worker` processes as the README starts them."""
    where.mkdir(parents=True, exist_ok=True)
    file = where / "scheduler.json"
    log = where / "dask.log"
    scheduler = _start(
        "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
        "--scheduler-file", str(file), log=log,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert file.exists(), log.read_text()
    address = json.loads(file.read_text())["address"]
    workers = _start(
        "worker", address, "--nworkers", str(n), "--nthreads", "1", "--no-dashboard", log=log
    )
    return address, [scheduler, workers]


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def test_scheduler_gone_is_a_clear_error_and_a_rerun_does_the_rest(
    corpus_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(corpus_dir / "text", folder / "text")
    scanned = corpus_dir / "scanned/sodertorn_utvecklingsprogram.pdf"
    shutil.copy(scanned, folder / "scan.pdf")
    home = Home(tmp_path / "home")
    address, processes = _scheduler_and_workers(tmp_path / "first", 1)
    try:
        done = []

        def kill_scheduler_after_two(outcome: object) -> None:
            done.append(outcome)
            if len(done) == 2:
                os.kill(processes[0].pid, signal.SIGKILL)

        with pytest.raises(ClusterError, match="lost the Dask scheduler") as caught:
            ingest(home, [str(folder)], IngestOptions(cluster=address), kill_scheduler_after_two)
        assert caught.value.exit_code == 7
    finally:
        _stop(processes)
    stored = set(CorpusStore(home.corpus_dir).ids())
    assert 2 <= len(stored) < 5
    # Stored before the loss: searchable (as themselves, or as their version's head).
    assert set(indexed_ids(home.root)) == heads(home.root)

    address, processes = _scheduler_and_workers(tmp_path / "second", 2)
    try:
        result = run("ingest", "--home", str(home.root), "--cluster", address, str(folder))
    finally:
        _stop(processes)
    assert result.exit_code == 0, result.output
    assert f"Ingested {5 - len(stored)} file(s)" in result.output
    assert f"skipped {len(stored)} already known" in result.output
    assert len(list(CorpusStore(home.corpus_dir).ids())) == 5
    # The scan is a version of text/003: four decisions in the index.
    assert set(indexed_ids(home.root)) == heads(home.root) and len(heads(home.root)) == 4


def test_unreachable_scheduler_exits_6_naming_the_address(tmp_path: Path) -> None:
    pdf = next((Path(__file__).parents[1] / "samples").glob("*.pdf"))
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = CliRunner().invoke(
            main, ["ingest", "--home", str(tmp_path), "--cluster", "tcp://127.0.0.1:1", str(pdf)]
        )
    assert result.exit_code == 7
    assert "cannot reach a Dask scheduler at tcp://127.0.0.1:1" in result.output


def test_renormalize_on_the_cluster_matches_the_local_rebuild(
    cluster: distributed.LocalCluster, corpus_dir: Path, tmp_path: Path
) -> None:
    """Stored texts are blanked, so only a re-normalization from the raw text (run on
    the workers) brings them back; the result must equal the local `reindex
    --renormalize` record for record, and the rebuilt index must find them."""
    folder = tmp_path / "in"
    shutil.copytree(corpus_dir / "text", folder)
    shutil.copy(corpus_dir / "badtext/socialnamnd_riktlinjer.pdf", folder / "bad.pdf")
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert run("ingest", "--home", str(local), "--ocr", "never", str(folder)).exit_code == 0
    originals = documents(local)
    store = CorpusStore(Home(local).corpus_dir)
    for doc_id in list(store.ids()):
        doc = store.get(doc_id)
        for page in doc.pages:
            page.text = ""
        store.put(doc)
    shutil.copytree(local, remote)

    assert run("reindex", "--home", str(local), "--renormalize").exit_code == 0
    result = run("reindex", "--home", str(remote), "--renormalize", "--cluster",
                 cluster.scheduler_address)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Re-indexed 5 document(s)" in result.output
    rebuilt_here, rebuilt_there = documents(local), documents(remote)
    assert sorted(rebuilt_there) == sorted(originals)
    for doc_id, doc in rebuilt_there.items():
        assert essence(doc) == essence(rebuilt_here[doc_id]) == essence(originals[doc_id])
    bad = next(i for i, d in rebuilt_there.items() if d["source"].endswith("bad.pdf"))
    # The PDF's mangled words stored raw; the text repaired from them.
    mangled = bad_ocr_text(text_of(RIKTLINJER)).split("\f")[0]
    assert rebuilt_there[bad]["pages"][0]["raw_text"].split() == mangled.split()
    assert "Socialnämnden" in rebuilt_there[bad]["pages"][0]["text"]
    found = run("search", "--home", str(remote), "--json", '"ekonomiskt bistånd"')
    assert bad in [hit["id"] for hit in json.loads(found.output)["hits"]]
