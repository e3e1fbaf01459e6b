"""Identity-number detection: precision and recall on the table of written forms and
look-alikes (``tests/support/pnr_cases.py``), and what detection and masking cost per page.

Precision/recall count (number, valid-or-probable) pairs: a number found that the table
does not list is a false positive, one listed and not found a false negative.
The cost is timed on the shared real texts (``../shared/dev/texts``, the seeds), each
page scanned as ingest does it: entity detection once, masking for the index once.
Usage: python bench/bench_pnr.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"


def table_scores() -> None:
    from diarium.extractors.entities.pnr import find_pnrs
    from tests.support.pnr_cases import NEGATIVES, POSITIVES

    tp = fp = fn = 0
    misses: list[str] = []
    for text, year, expected in POSITIVES + NEGATIVES:
        got = {(m.value, m.valid) for m in find_pnrs(text, year)}
        want = set(expected)
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            misses.append(f"  {text!r}: got {sorted(got)}, want {sorted(want)}")
    n_pos = sum(len(e) for _, _, e in POSITIVES)
    print(
        f"table: {len(POSITIVES)} sentences with {n_pos} numbers (every written form, "
        f"samordningsnummer, 100+, century by document year, probable slips), "
        f"{len(NEGATIVES)} look-alike sentences"
    )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    for line in misses:
        print(line)


FORMS = ("YYMMDD-XXXX", "YYYYMMDD-XXXX", "YYMMDDXXXX", "YYYYMMDDXXXX", "YYMMDD XXXX", "+")


def _random_number(rng: random.Random) -> tuple[str, str, int]:
    """(as written, YYYYMMDD-XXXX, document year) in a random form."""
    from tests.support.pnr_cases import check_digit

    form = rng.choice(FORMS)
    doc_year = rng.randint(1990, 2026)
    if form == "+":
        year = rng.randint(doc_year - 115, doc_year - 100)
    else:
        year = rng.randint(doc_year - 99, doc_year)
    birth = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
    if birth.year != year:
        birth = birth.replace(day=1)
    day = birth.day + (60 if rng.random() < 0.2 else 0)
    yymmdd = f"{year % 100:02d}{birth.month:02d}{day:02d}"
    serial = f"{rng.randint(1, 999):03d}"
    number = yymmdd + serial + check_digit(yymmdd + serial)
    value = f"{year}{number[2:6]}-{number[6:]}"
    written = {
        "YYMMDD-XXXX": f"{number[:6]}-{number[6:]}",
        "YYYYMMDD-XXXX": f"{year // 100}{number[:6]}-{number[6:]}",
        "YYMMDDXXXX": number,
        "YYYYMMDDXXXX": f"{year // 100}{number}",
        "YYMMDD XXXX": f"{number[:6]} {number[6:]}",
        "+": f"{number[:6]}+{number[6:]}",
    }[form]
    return written, value, doc_year


def _look_alike(rng: random.Random, kind: str) -> tuple[str, int]:
    """A look-alike sentence of one kind, and its document year."""
    from tests.support.pnr_cases import check_digit

    d = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    year = rng.randint(1990, 2026)
    if kind == "organisationsnummer":
        nine = f"{rng.choice('25789')}{d(1)}{rng.randint(2, 9)}{d(6)}"
        return f"Organisationsnummer {nine[:6]}-{nine[6:]}{check_digit(nine)}", year
    if kind == "phone":
        return rng.choice(
            [
                f"Tel 0{d(1)}-{d(3)} {d(2)} {d(2)}",
                f"Ring 07{d(1)}-{d(3)} {d(2)} {d(2)}",
                f"telefon 08-{d(3)} {d(3)} {d(2)}",
                f"Mobil 07{d(8)}",
                f"tel. 0{d(9)}",
            ]
        ), year
    if kind == "date + four digits":
        date = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
        return f"Sammanträde {date.isoformat()} {d(4)}", year
    if kind == "compact date + time":
        date = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
        return f"Mötet {date:%y%m%d} {rng.randint(8, 20):02d}{rng.choice(['00', '15', '30'])}", year
    if kind == "case number":
        return rng.choice(
            [
                f"Dnr KS {year}/{d(4)}",
                f"Dnr {year}-{d(6)}",
                f"SN {year}.{d(4)}",
                f"BN-{year}-{d(6)}-214",
            ]
        ), year
    # A number of the right shape whose check digit fails, with no cue.
    written, _, doc_year = _random_number(rng)
    last = str((int(written[-1]) + rng.randint(1, 9)) % 10)
    return f"Bilaga {written[:-1]}{last} sidan 2", doc_year


LOOK_ALIKES = (
    "organisationsnummer",
    "phone",
    "date + four digits",
    "compact date + time",
    "case number",
    "wrong check digit, no cue",
)


def generated(n: int, seed: int) -> None:
    """Random numbers in random forms (half after a cue word), and random look-alikes."""
    from diarium.extractors.entities.pnr import find_pnrs

    rng = random.Random(seed)
    hits = 0
    for i in range(n):
        written, value, year = _random_number(rng)
        cue = "Personnummer " if i % 2 else "Beslut gäller "
        found = [(m.value, m.valid) for m in find_pnrs(f"{cue}{written}, Storgatan 4.", year)]
        hits += found == [(value, True)]
    print(f"generated (seed {seed}): recall {hits / n:.3f} on {n} valid numbers in random forms")
    for kind in LOOK_ALIKES:
        false = sum(bool(find_pnrs(*_look_alike(rng, kind))) for _ in range(n))
        print(f"  look-alike {kind:<27} taken for a number {false}/{n} ({false / n:.1%})")


def real_pages() -> list[str]:
    texts = sorted((SHARED / "dev" / "texts").glob("*.txt")) + sorted(
        (SHARED / "seeds").rglob("*.txt")
    )
    pages: list[str] = []
    for path in texts:
        pages += [p for p in path.read_text(encoding="utf-8").split("\f") if p.strip()]
    return pages


def cost(rounds: int) -> None:
    from diarium.corpus.model import Document, Metadata, Page, Provenance
    from diarium.extractors.entities.pnr import find_pnrs
    from diarium.extractors.masking import document_pnrs, masked_document

    pages = real_pages()
    if not pages:
        print("no shared texts found; cost not measured")
        return
    docs = [
        Document(str(n), "x.pdf", "x.pdf", [Page(1, p, p)], Metadata(), Provenance("0", ""))
        for n, p in enumerate(pages)
    ]
    chars = sum(len(p) for p in pages)
    runs: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        for doc in docs:
            find_pnrs(doc.pages[0].text, 2021)  # the entity component
            document_pnrs(doc)  # the index's keyed hashes
            masked_document(doc, keep_date=False)  # the index's text
        runs.append(time.perf_counter() - start)
    per_page = statistics.median(runs) / len(pages) * 1e3
    found = sum(len(find_pnrs(p, 2021)) for p in pages)
    print(
        f"cost on {len(pages)} real pages ({chars / len(pages):.0f} chars/page, "
        f"{found} numbers found in them): {per_page:.3f} ms/page "
        f"(median of {rounds} rounds; detection, hashing list and index masking)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--generated", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    table_scores()
    generated(args.generated, args.seed)
    cost(args.rounds)


if __name__ == "__main__":
    main()
