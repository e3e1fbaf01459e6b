"""Version grouping on a home's corpus: which documents share a group, against the seed
each file was made from (the shared corpus names files ``NNN_<hash>.pdf`` after their
seed), and what grouping costs per document (MinHash signature + LSH query + insert).

    python bench/bench_versions.py HOME [--runs 5]

Prints, per seed, the groups its copies fell into; pairs of copies of one seed left
apart; groups that mix seeds; the Jaccard estimates within and across seeds; and the
median time per document over ``--runs`` regroupings of the whole corpus in memory.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from diarium.corpus.store import CorpusStore
from diarium.ingest.home import Home
from diarium.ingest.versions import VersionIndex, signature, substantive_differences


def seed_of(filename: str) -> str:
    head = filename.split("_", 1)[0]
    return head if head.isdigit() else filename


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    store = CorpusStore(Path(args.home) / "corpus")
    docs = [d for _id, d in store.scan() if not isinstance(d, Exception)]
    docs.sort(key=lambda d: d.source)
    by_seed: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        by_seed[seed_of(d.filename)].append(d.id)
    times = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            index = VersionIndex(Home(Path(tmp)), store)
            started = time.perf_counter()
            for d in docs:
                index.assign(d)
            times.append((time.perf_counter() - started) / len(docs))
            started = time.perf_counter()
            index.save()
            saved = time.perf_counter() - started
    # The groups the current rules make, regrouping in stored order (the last run).
    group = {d.id: str(index.docs[d.id]["group"]) for d in docs}

    name = {d.id: f"{Path(d.source).parent.name}/{d.filename}" for d in docs}
    print(f"{len(docs)} documents, {len(by_seed)} seeds")
    apart = mixed = 0
    for seed, ids in sorted(by_seed.items()):
        groups = sorted({group[i] for i in ids})
        apart += len(groups) - 1
        print(f"  seed {seed}: {len(ids)} copies in {len(groups)} group(s): "
              + "; ".join(", ".join(name[i] for i in ids if group[i] == g) for g in groups))
    members: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        members[group[d.id]].add(seed_of(d.filename))
    mixed = sum(1 for seeds in members.values() if len(seeds) > 1)
    print(f"copies of one seed left apart: {apart}; groups mixing seeds: {mixed}")
    sigs = {d.id: signature(d.text) for d in docs}
    within, across = [], []
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            j = sigs[a.id].jaccard(sigs[b.id])
            same = seed_of(a.filename) == seed_of(b.filename)
            (within if same else across).append(j)
            if same:
                diffs = substantive_differences(a.text, b.text)
                print(f"  {name[a.id]} ~ {name[b.id]}: Jaccard {j:.3f}, "
                      f"{len(a.text.split())} words, replaced by another word: "
                      f"{len(diffs)} {'; '.join(diffs)}")
    if within:
        median = statistics.median(within)
        print(f"Jaccard within a seed: min {min(within):.3f} median {median:.3f}")
    if across:
        print(f"Jaccard across seeds: max {max(across):.3f} median {statistics.median(across):.3f}")
    pages = sum(d.n_pages for d in docs) / len(docs)
    print(f"grouping cost: {statistics.median(times) * 1000:.2f} ms per document "
          f"(median of {args.runs} runs, {pages:.1f} pages a document); save {saved * 1000:.1f} ms")


if __name__ == "__main__":
    main()
