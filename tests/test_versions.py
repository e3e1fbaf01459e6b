"""One decision, several copies: near-identical documents grouped as versions, one hit
in search, each version still reachable by its id."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from diarium.cli import main

FONTS = "/usr/share/fonts/truetype/dejavu/"
BODY = (
    "Kultur- och fritidsnämnden beslutar att bevilja Rönnskärs båtklubb ett bidrag om "
    "{amount} kronor för upprustning av klubbhuset under {year}. Ärendet har beretts av "
    "förvaltningen som konstaterar att föreningen uppfyller villkoren i kommunens "
    "riktlinjer för föreningsbidrag. Medlen tas ur anslaget för anläggningsbidrag. "
    "Beslutet får överklagas genom laglighetsprövning enligt 13 kap. kommunallagen. "
    "Ordföranden konstaterar att nämnden är beslutför och att protokollet justeras "
    "den 20 mars. Yttrande har lämnats av fritidsgården och av idrottsrådet, som båda "
    "tillstyrker ansökan med hänvisning till föreningens ungdomsverksamhet."
)


def decision(path: Path, dnr: str, date: str, *, amount: str = "45 000", font: str = "DejaVuSans",
             signature_page: bool = False, year: str = "2024") -> Path:
    pdf = FPDF()
    pdf.add_font(font, fname=FONTS + f"{font}.ttf")
    pdf.set_font(font, size=11)
    pdf.add_page()
    pdf.multi_cell(0, 7, f"BESLUT\nDatum {date}\nDiarienummer {dnr}\n\n"
                   "Bidrag till Rönnskärs båtklubb\n\n" + BODY.format(amount=amount, year=year))
    if signature_page:
        pdf.add_page()
        pdf.multi_cell(0, 7, "Justerandes signatur\n\nAnna Lind, ordförande\nPer Holm, justerare")
    pdf.output(str(path))
    return path


def cli(*args: str) -> dict:
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def records(home: Path) -> dict[str, dict]:
    import gzip

    return {
        p.name.split(".")[0]: json.loads(gzip.decompress(p.read_bytes()))
        for p in (home / "corpus").glob("*/*.json.gz")
    }


def test_copies_are_one_hit_with_versions_and_templates_stay_apart(tmp_path: Path) -> None:
    inbox, home = tmp_path / "inbox", tmp_path / "home"
    inbox.mkdir()
    decision(inbox / "a_original.pdf", "KFN 2024/113", "2024-03-14")
    decision(inbox / "b_med_signatur.pdf", "KFN 2024/113", "2024-03-14", signature_page=True)
    decision(inbox / "c_reexport.pdf", "KFN 2024/113", "2024-03-14", font="DejaVuSerif")
    # The same template, another decision: another case number and date.
    decision(inbox / "d_annat.pdf", "KFN 2024/207", "2024-05-02", amount="12 000")
    data = cli("ingest", "--home", str(home), "--workers", "1", str(inbox))
    assert data["ingested"] == 4
    docs = {Path(r["filename"]).stem: r for r in records(home).values()}
    copies = ("a_original", "b_med_signatur", "c_reexport")
    # One group; its head is whichever copy was stored first (files run in parallel).
    (head,) = {docs[n]["group"] for n in copies}
    assert head in {docs[n]["id"] for n in copies}
    assert docs["d_annat"]["group"] == docs["d_annat"]["id"]

    result = cli("search", "--home", str(home), "--facets", "båtklubb")
    hits = {h["id"]: h for h in result["hits"]}
    assert set(hits) == {head, docs["d_annat"]["id"]}
    assert sorted(hits[head]["versions"]) == sorted(
        docs[n]["id"] for n in copies if docs[n]["id"] != head
    )
    assert hits[docs["d_annat"]["id"]]["versions"] == []
    assert result["total"] == 2 and result["facets"]["year"] == {"2024": 2}
    # Every version is still reachable by its id.
    for name in copies:
        shown = cli("show", "--home", str(home), docs[name]["id"][:12])
        assert shown["id"] == docs[name]["id"]
    # The index holds what the corpus says it should: check finds nothing to repair.
    assert CliRunner().invoke(main, ["check", "--home", str(home)]).exit_code == 0


@pytest.mark.slow
def test_corpus_copies_group_by_document(tmp_path: Path, corpus_dir: Path) -> None:
    """The in-repository corpus: born-digital, scanned, mixed and bad-OCR copies of its
    documents."""
    inbox, home = tmp_path / "inbox", tmp_path / "home"
    inbox.mkdir()
    picked = [
        *sorted((corpus_dir / "text").glob("*.pdf")),
        corpus_dir / "scanned/huddinge_ks_samverkan.pdf",
        *sorted((corpus_dir / "mixed").glob("*.pdf")),
        *sorted((corpus_dir / "badocr").glob("*.pdf")),
        *sorted((corpus_dir / "badtext").glob("*.pdf")),
    ]
    for pdf in picked:
        shutil.copy(pdf, inbox / f"{pdf.parent.name}_{pdf.name}")
    data = cli("ingest", "--home", str(home), "--workers", "2", str(inbox))
    assert data["failed"] == 0
    group_of_seed: dict[str, set[str]] = {}
    for rec in records(home).values():
        seed = rec["filename"].split("_", 1)[1]  # less the kind folder
        group_of_seed.setdefault(seed, set()).add(rec["group"])
    # Every document's copies in one group, and no group shared by two documents.
    assert all(len(groups) == 1 for groups in group_of_seed.values()), group_of_seed
    heads = [next(iter(g)) for g in group_of_seed.values()]
    assert len(set(heads)) == len(heads) == 5
