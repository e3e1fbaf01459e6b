"""One decision, several copies: near-identical documents grouped as versions.

The same decision reaches an archive as the born-digital file and a scan of the signed
paper, as a re-export, as a copy with an extra signature page. Their texts are nearly
the same set of word sequences, so each document's text is cut into word 3-grams
(letters and digits, case folded: OCR's line breaks and punctuation do not count) and
summarised by a MinHash signature; datasketch's LSH finds the stored documents whose
signatures are likely close, and a candidate joins the group when

* the estimated Jaccard similarity of the two 3-gram sets is at least
  ``SAME_TEXT`` (copies of one text differ by OCR slips and an extra page; two
  different decisions share boilerplate, not most of their text), and
* the facts a registrar tells decisions apart by do not disagree: the main case number
  and the document date, where both documents have one, and
* where the two texts differ word for word, the words are slips of one another (OCR
  reading ``rn`` for ``m``, a lost ``ä``: a quarter of their letters edited at most),
  not a different word or number, save at
  most one per ``WORDS_PER_REPLACEMENT`` words (OCR also loses a digit or reads a
  short word as another): decisions written from one template differ in exactly those
  (another association, another amount), while copies of one decision differ by slips
  and by blocks one of them lacks (a signature page, a stamp, a cover sheet).

The group's id is the id of its first document (its *head*): only heads are indexed,
so a search shows one hit per decision and facets count decisions, while every version
stays in the corpus, reachable by its id. The signatures and the LSH live in
``HOME/versions/`` (``lsh.pickle``), saved before every index commit; a run killed
in between leaves records the LSH lacks, added from the corpus at the next run
(``catch_up``). ``groups.json`` lists the groups with more than one member, for the
application to name a head's versions.
"""

from __future__ import annotations

import json
import os
import pickle
import re
from pathlib import Path
from typing import Any

from diarium.corpus.errors import CorpusRecordError
from diarium.corpus.model import Document
from diarium.corpus.store import CorpusStore
from diarium.ingest.home import Home

NUM_PERM = 128
# LSH finds candidates above about this similarity; ``SAME_TEXT`` decides.
LSH_THRESHOLD = 0.5
SAME_TEXT = 0.7
SHINGLE = 3
_WORD = re.compile(r"\w+")


def is_version(doc: Document) -> bool:
    """A document grouped under another one (not indexed: its head stands for it)."""
    return doc.group is not None and doc.group != doc.id


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> Any:
    from datasketch import LeanMinHash, MinHash

    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch(list(shingles(text)))
    return LeanMinHash(mh)


def _disagree(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


# Two differing words within this many edits per letter (at least one edit) are taken
# for one word read differently: OCR slips change a letter or two (rn/m, a lost ä),
# while names from one template (Gnosjö/Insjön, Bjärnum/Järpen) differ by more.
SLIP_EDITS_PER_LETTER = 0.25
_DIGITS = re.compile(r"\d")


def _different_words(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are different words or numbers, not one read twice."""
    from rapidfuzz.distance import Levenshtein

    if _DIGITS.search(a) and _DIGITS.search(b):
        return "".join(_DIGITS.findall(a)) != "".join(_DIGITS.findall(b))
    allowed = max(1, int(max(len(a), len(b)) * SLIP_EDITS_PER_LETTER))
    return Levenshtein.distance(a, b) > allowed


# Replacements by another word tolerated between copies: one per this many words
# (none in a text shorter than this, where one word may be the whole difference).
WORDS_PER_REPLACEMENT = 300


def substantive_differences(text_a: str, text_b: str) -> list[str]:
    """Where two near-identical texts say different things (a word or number replaced
    by another), ignoring slips and blocks only one of them has."""
    import difflib

    a, b = _WORD.findall(text_a.casefold()), _WORD.findall(text_b.casefold())
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        # Compared without spaces: OCR splits and joins words (``bj å rk``).
        left, right = "".join(a[i1:i2]), "".join(b[j1:j2])
        if _different_words(left, right):
            out.append(f"{left!r} / {right!r}")
    return out


def same_decision_text(text_a: str, text_b: str) -> bool:
    a, b = _WORD.findall(text_a.casefold()), _WORD.findall(text_b.casefold())
    if a == b:
        return True  # the same words (a re-saved or re-sent copy): nothing to align
    words = min(len(a), len(b))
    return len(substantive_differences(text_a, text_b)) <= words // WORDS_PER_REPLACEMENT


class VersionIndex:
    """The LSH over every stored document's signature, loaded once per ingest run."""

    def __init__(self, home: Home, store: CorpusStore | None = None) -> None:
        from datasketch import MinHashLSH

        self.store = store or CorpusStore(home.corpus_dir)
        self.dir = home.root / "versions"
        self.changed = False
        state: dict[str, Any] | None = None
        try:
            with open(self.dir / "lsh.pickle", "rb") as fh:
                state = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            state = None
        if state and state.get("num_perm") == NUM_PERM:
            self.lsh = state["lsh"]
            self.docs: dict[str, dict[str, Any]] = state["docs"]
            self.ungrouped: set[str] = state.get("ungrouped", set())
        else:
            self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
            self.docs = {}
            self.ungrouped = set()

    def catch_up(self, store: CorpusStore) -> int:
        """Add stored documents the LSH does not know: those of a run killed between
        storing them and saving the LSH, with the group their record holds. Records
        from before grouping (no ``group``) are remembered as such and left alone, so
        each is read once. Returns how many were added."""
        added = 0
        for doc_id in store.ids():
            if doc_id in self.docs or doc_id in self.ungrouped:
                continue
            try:
                doc = store.get(doc_id)
            except CorpusRecordError:
                continue
            if doc.group is None:
                self.ungrouped.add(doc_id)
            else:
                self._insert(doc, doc.group, signature(doc.text))
                added += 1
            self.changed = True
        return added

    def assign(self, doc: Document) -> str:
        """The group ``doc`` belongs to (its own id when it is the first of its text);
        ``doc`` is added to the index. Known documents keep their group."""
        if doc.id in self.docs:
            return str(self.docs[doc.id]["group"])
        sig = signature(doc.text)
        group = doc.id
        # The most similar candidate first, and one word alignment per group: the
        # alignment is the costly step, and a group's copies share one text.
        candidates = []
        for other in self.lsh.query(sig):
            known = self.docs[other]
            if _disagree(known["dnr"], doc.metadata.dnr) or _disagree(
                known["date"], doc.metadata.document_date
            ):
                continue
            similarity = sig.jaccard(known["sig"])
            if similarity >= SAME_TEXT:
                candidates.append((similarity, other))
        tried: set[str] = set()
        for _similarity, other in sorted(candidates, reverse=True):
            other_group = str(self.docs[other]["group"])
            if other_group in tried:
                continue
            tried.add(other_group)
            if self._same_text(doc, other):
                group = other_group
                break
        self._insert(doc, group, sig)
        return group

    def _same_text(self, doc: Document, other_id: str) -> bool:
        try:
            other = self.store.get(other_id)
        except (CorpusRecordError, OSError):
            return False  # cannot compare: rather two hits than a wrong group
        return same_decision_text(doc.text, other.text)

    def _insert(self, doc: Document, group: str, sig: Any) -> None:
        self.lsh.insert(doc.id, sig)
        self.docs[doc.id] = {
            "group": group,
            "sig": sig,
            "dnr": doc.metadata.dnr,
            "date": doc.metadata.document_date,
        }
        self.changed = True

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for doc_id, rec in self.docs.items():
            out.setdefault(str(rec["group"]), []).append(doc_id)
        return {g: sorted(ids, key=lambda i: (i != g, i)) for g, ids in out.items() if len(ids) > 1}

    def save(self) -> None:
        if not self.changed:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / f".lsh.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            pickle.dump(
                {
                    "num_perm": NUM_PERM,
                    "lsh": self.lsh,
                    "docs": self.docs,
                    "ungrouped": self.ungrouped,
                },
                fh,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        os.replace(tmp, self.dir / "lsh.pickle")
        tmp = self.dir / f".groups.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(self.groups()), encoding="utf-8")
        os.replace(tmp, self.dir / "groups.json")
        self.changed = False


def read_groups(home: Home) -> dict[str, list[str]]:
    """Head id → every version's id (head first), for groups of two or more."""
    path: Path = home.root / "versions" / "groups.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
