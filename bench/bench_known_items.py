"""Known-item search: does the document a member of staff has in mind come first?

Builds a home of the four samples, the real Högsby PDF and the other texts of
``../shared/dev/`` (each written into a born-digital PDF, one PDF page per form-feed
page, in DejaVu Sans Mono so that every letter and the layout survive), ingests it with
``diarium ingest``, then runs searches typed the ways staff type them: case numbers in
other spellings, paragraph citations, names without their accents, topic words. Each
search names the one document it should find; the table gives the rank it got, and the
summary how many came first and the mean reciprocal rank (1/rank, 0 when not in the
first ten).

    .venv/bin/python bench/bench_known_items.py                  # tantivy
    .venv/bin/python bench/bench_known_items.py --engine whoosh
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


@dataclass(frozen=True)
class KnownItem:
    form: str  # what kind of typing this is
    query: str
    expected: str  # file name of the document meant, without ".pdf"
    filters: tuple[tuple[str, str], ...] = ()  # CLI options, e.g. (("--organ", "..."),)


SAMPLE_KS = "protokollsutdrag_detaljplan"
SAMPLE_KFN = "beslut_foreningsbidrag_skannad"
SAMPLE_SIM = "tjansteutlatande_simhall"
SAMPLE_SKOL = "minnesanteckningar_skolskjuts"
HOGSBY = "hogsby_KS_2007-01-08"
LANSSTYRELSEN = "lansstyrelsen-stockholm_01FS_2021-05-12"

ITEMS = [
    # Case numbers, typed another way than printed.
    KnownItem("case number, spaces for separators", "ks 2023 871", SAMPLE_KS),
    KnownItem("case number, body glued to year", "ks2023/871", SAMPLE_KS),
    KnownItem("case number, spaced dash", "KS 2023 - 871", SAMPLE_KS),
    KnownItem("case number, dash and no zero padding", "KFN 2021-93", SAMPLE_KFN),
    KnownItem("case number, spaced slash", "KFN 2023 / 412", SAMPLE_SIM),
    KnownItem("case number among words", "simhall kfn 2023/412", SAMPLE_SIM),
    KnownItem("case number, colon form unpadded", "von 2025:149", "botkyrka_VON_2025-06-16"),
    KnownItem("case number, two-digit year unpadded", "sn 18/98", "upplandsbro_SN_2018-08-28"),
    KnownItem("case number, long form of a short year", "SN 2018/98", "upplandsbro_SN_2018-08-28"),
    KnownItem("case number, serial/yy unpadded", "451/23", "goteborg_SLK_2025-10-17"),
    KnownItem("case number, slash for a dot", "ku 2007/9", HOGSBY),
    KnownItem("case number, serial-year", "6356-2012", "jo_beslut_2014-03-28"),
    KnownItem("case number, ministry unpadded", "m 2020/1159", LANSSTYRELSEN),
    KnownItem("case number, glued code dropped", "730/2024", "molndal_KS_2024-10-02"),
    KnownItem("case number, yy unpadded, no label", "65/24", "goteborg_intraservice_2026-06-15"),
    # Paragraph citations.
    KnownItem("§ with organ abbreviation", "KS § 47", SAMPLE_KS),
    KnownItem("§ with organ name", "kommunstyrelsen § 47", SAMPLE_KS),
    KnownItem("§ with organ and meeting date", "KS 2007-01-08 § 9", HOGSBY),
    KnownItem("§ with year", "§ 228 2024", "molndal_KS_2024-10-02"),
    KnownItem("§ alone", "§ 229", "molndal_KS_2024-10-02"),
    KnownItem("§ with organ, other protocol", "KS § 12", HOGSBY),
    # Names and words typed without their accents.
    KnownItem("name without ü", "Kuhne", HOGSBY),
    KnownItem("name without é", "Sanglen", HOGSBY),
    KnownItem("name without é", "Isabel Hilden", "soderhamn_ASN_2019-01-28"),
    KnownItem("name without é", "Ramden", "regionuppsala_RS_2017-03-21"),
    KnownItem("name without é, as a phrase", '"Kristina Axen Olin"', "stockholm_KF_2002-04-08"),
    KnownItem("name without ä and a word of another page", "Jaghagen energibolag", HOGSBY),
    KnownItem("word without å/ä/ö", "anhorigstod", "botkyrka_VON_2025-06-16"),
    # Topic words, with the deciding organ or a year.
    KnownItem("topic", "riktlinje anhörigstöd", "botkyrka_VON_2025-06-16"),
    KnownItem("topic", "digitaliseringsplan", "goteborg_SLK_2025-10-17"),
    KnownItem("topic", "ramavtal intraservice", "goteborg_intraservice_2026-06-15"),
    KnownItem("topic", "granbarkborre naturreservat", LANSSTYRELSEN),
    KnownItem("topic", "inspelningar åhörare", "jo_beslut_2014-03-28"),
    KnownItem("topic", "ekonomiskt bistånd", "upplandsbro_SN_2018-08-28"),
    KnownItem("topic", "skolskjuts", SAMPLE_SKOL),
    KnownItem(
        "topic with organ filter", "detaljplan", SAMPLE_KS, (("--organ", "Kommunstyrelsen"),)
    ),
    KnownItem("topic with year filter", "bidrag", SAMPLE_KFN, (("--year", "2021"),)),
    KnownItem(
        "latest decision of an organ",
        "beslut",
        SAMPLE_KS,
        (("--organ", "Kommunstyrelsen"), ("--sort", "-date")),
    ),
]


def text_pdf(text: str, path: Path) -> Path:
    """A born-digital PDF of a plain text: one PDF page per form-feed page, lines kept."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("mono", fname=str(FONT))
    pdf.set_font("mono", size=7)
    pdf.set_auto_page_break(True, margin=10)
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages = pages[:-1]
    for page in pages:
        pdf.add_page()
        for line in page.splitlines() or [""]:
            pdf.multi_cell(0, 3.2, line.expandtabs().rstrip() or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def build_inbox(inbox: Path) -> list[str]:
    """The PDFs searched: samples, the real dev PDFs, the other dev texts as PDFs."""
    inbox.mkdir(parents=True, exist_ok=True)
    for pdf in sorted((REPO / "samples").glob("*.pdf")):
        shutil.copy(pdf, inbox / pdf.name)
    real = {pdf.stem for pdf in (SHARED / "dev/pdf").glob("*.pdf")}
    for pdf in sorted((SHARED / "dev/pdf").glob("*.pdf")):
        shutil.copy(pdf, inbox / pdf.name)
    for txt in sorted((SHARED / "dev/texts").glob("*.txt")):
        if txt.stem not in real:
            text_pdf(txt.read_text(encoding="utf-8"), inbox / f"{txt.stem}.pdf")
    return sorted(p.stem for p in inbox.glob("*.pdf"))


def diarium(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diarium", *args], capture_output=True, text=True, check=False
    )


def build_home(home: Path, engine: str) -> None:
    inbox = home.parent / "inbox"
    build_inbox(inbox)
    done = diarium("ingest", "--home", str(home), "--ocr", "auto", str(inbox))
    if done.returncode != 0:
        raise SystemExit(f"ingest failed:\n{done.stdout}\n{done.stderr}")
    if engine != "tantivy":
        done = diarium("reindex", "--home", str(home), "--engine", engine)
        if done.returncode != 0:
            raise SystemExit(f"reindex failed:\n{done.stdout}\n{done.stderr}")


def rank_of(home: Path, item: KnownItem) -> tuple[int | None, int]:
    """The expected document's rank in the first ten (None: not there), and the total."""
    from diarium.app.search import SearchQuery, search
    from diarium.corpus.errors import DiariumError
    from diarium.ingest.home import Home

    filters: dict[str, list[str]] = {}
    sort = "relevance"
    names = {"--organ": "organ", "--year": "year", "--type": "doc_type"}
    for option, value in item.filters:
        if option == "--sort":
            sort = value
        else:
            filters.setdefault(names[option], []).append(value)
    # Only what this version knows is passed (the script also measures older versions,
    # which know no sort and no organ: a search they cannot run counts as not found).
    options = {"sort": sort} if sort != "relevance" else {}
    try:
        result = search(
            Home(home), SearchQuery(text=item.query, filters=filters, limit=10, **options)
        )
    except (DiariumError, TypeError):
        return None, 0
    files = [hit.filename.removesuffix(".pdf") for hit in result.hits]
    return (files.index(item.expected) + 1 if item.expected in files else None), result.total


def main() -> None:
    global SHARED
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["tantivy", "whoosh"], default="tantivy")
    parser.add_argument("--home", type=Path, help="reuse (or build into) this home")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared test material")
    args = parser.parse_args()
    SHARED = args.shared
    if not (SHARED / "dev/texts").is_dir():
        raise SystemExit("../shared/dev/ is not present")
    scratch = Path(tempfile.mkdtemp(prefix="known-items-"))
    home = args.home or scratch / "home"
    try:
        if not (home / "state.json").exists():
            build_home(home, args.engine)
        rows = [(item, *rank_of(home, item)) for item in ITEMS]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    width = max(len(i.query) + sum(len(" ".join(f)) + 1 for f in i.filters) for i in ITEMS)
    print(f"Known-item searches ({args.engine}), {len(ITEMS)} queries\n")
    print(f"| {'query':<{width}} | form | expected | rank | hits |")
    print(f"| {'-' * width} | --- | --- | --- | --- |")
    for item, rank, total in rows:
        shown = " ".join([item.query, *(" ".join(f) for f in item.filters)])
        print(f"| {shown:<{width}} | {item.form} | {item.expected} | {rank or '–'} | {total} |")
    first = sum(1 for _, rank, _ in rows if rank == 1)
    mrr = sum(1 / rank for _, rank, _ in rows if rank) / len(rows)
    print(f"\nfirst: {first} of {len(rows)}   MRR: {mrr:.3f}")


if __name__ == "__main__":
    main()
