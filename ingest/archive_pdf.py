"""Searchable archive copies: the original PDF with an invisible text layer of what
diarium read, aiming at PDF/A-2b.

The original pages are copied as they are (pikepdf): every image stream keeps its
bytes, so the copy shows exactly what the scan showed, and each page's content stream
is kept, wrapped in ``q``/``Q``. After it, on each OCR'd page, comes one Form XObject
drawn by fpdf2 with DejaVu Sans embedded (fpdf2 subsets the font and writes
its ToUnicode map, so copied text is real Unicode): each word of the page's corrected
text (``page.text``: å/ä/ö and § put back, junk left out; not Tesseract's raw output)
in text render mode 3 (invisible), sized and stretched to the box where Tesseract found
it (``page.words``). No second OCR run. An old invisible OCR layer on such a page (the
1990s layer diarium judged worse than its own reading) is taken out of the page's
content stream first, so a viewer finds each word once.

PDF/A-2b needs more than the text: XMP metadata naming the part and conformance, an
OutputIntent with an ICC profile (sRGB, made by Pillow's LittleCMS, so nothing is
downloaded), every font embedded, no encryption. ``pdfa_findings`` checks what can be
checked here without veraPDF.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from diarium.corpus.model import Document, Page
from diarium.extractors.ocr.word_boxes import SCALE

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Where the baseline sits in a word's box, from its bottom, as a share of its height
# (room for descenders: g, j, p, å's ring is above).
BASELINE = 0.22
_WORD_CHARS = re.compile(r"\w+")

Box = tuple[float, float, float, float]


@dataclass
class ArchiveReport:
    """What went into a copy: pages given a text layer, words placed, old layers removed."""

    path: Path
    text_pages: list[int] = field(default_factory=list)
    words: int = 0
    old_layers_removed: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _key(token: str) -> str:
    """A word as the alignment compares it: letters and digits, case folded."""
    return "".join(_WORD_CHARS.findall(token.casefold()))


def _union(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _same_line(a: Box, b: Box) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[3] - a[1], b[3] - b[1])


def _spread(words: list[str], boxes: list[Box]) -> Iterator[tuple[str, Box]]:
    """Several corrected words over several read ones whose counts differ (a hyphen
    joined across a line, a word split in two): each corrected word takes a share of
    the read words in proportion to its length; words sharing one read box split it."""
    if len(words) <= len(boxes):
        total = sum(len(w) for w in words) or 1
        start = 0
        for k, word in enumerate(words):
            if k == len(words) - 1:
                end = len(boxes)
            else:
                done = sum(len(w) for w in words[: k + 1])
                end = max(start + 1, round(len(boxes) * done / total))
                end = min(end, len(boxes) - (len(words) - k - 1))
            group = boxes[start:end]
            # A word joined across a line break is placed on its first line.
            first = [b for b in group if _same_line(b, group[0])]
            yield word, _union(first)
            start = end
        return
    # More corrected words than boxes: split boxes among them.
    per_box: list[list[str]] = [[] for _ in boxes]
    for k, word in enumerate(words):
        per_box[min(len(boxes) - 1, k * len(boxes) // len(words))].append(word)
    for box, share in zip(boxes, per_box, strict=True):
        total = sum(len(w) for w in share) or 1
        x = box[0]
        for word in share:
            w = (box[2] - box[0]) * len(word) / total
            yield word, (x, box[1], x + w, box[3])
            x += w


def placements(page: Page) -> list[tuple[str, Box]]:
    """Each word of the page's corrected text with its box (page fractions, origin top
    left), aligned to the read words the boxes belong to. Words diarium added that were
    never read (none in practice) join the word before them."""
    raw = page.raw_text.split()
    flat = page.words or []
    if not raw or len(flat) != 4 * len(raw):
        return []
    boxes: list[Box] = [
        tuple(v / SCALE for v in flat[i : i + 4])  # type: ignore[misc]
        for i in range(0, len(flat), 4)
    ]
    norm = page.text.split()
    out: list[tuple[str, Box]] = []
    matcher = difflib.SequenceMatcher(
        None, [_key(t) for t in raw], [_key(t) for t in norm], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "delete":  # junk, leaders: read but not in the text
            continue
        if op == "insert":
            if out:
                text, box = out[-1]
                out[-1] = (f"{text} {' '.join(norm[j1:j2])}", box)
            continue
        if i2 - i1 == j2 - j1:
            out.extend(zip(norm[j1:j2], boxes[i1:i2], strict=True))
        else:
            out.extend(_spread(norm[j1:j2], boxes[i1:i2]))
    return out


def _lines(words: list[tuple[str, Box]]) -> list[list[tuple[str, Box]]]:
    """Consecutive words standing on one line, as the text runs."""
    lines: list[list[tuple[str, Box]]] = []
    for word in words:
        prev = lines[-1][-1][1] if lines else None
        if prev is not None and _same_line(prev, word[1]) and word[1][0] >= prev[0]:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _text_layer(pages: list[tuple[float, float, list[tuple[str, Box]]]]) -> bytes:
    """One PDF page per original page (same size), words drawn invisibly at their boxes."""
    from fpdf import FPDF
    from fpdf.enums import TextMode

    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_font("DejaVuSans", fname=str(FONT_PATH))
    for width, height, words in pages:
        pdf.add_page(format=(width, height))
        pdf.text_mode = TextMode.INVISIBLE
        for line in _lines(words):
            # One size and baseline a line, from the line's box, so a reader's text
            # extraction keeps the line whole; each word stretched to its own width.
            top, bottom = min(b[1] for _, b in line), max(b[3] for _, b in line)
            line_h = (bottom - top) * height
            if line_h <= 0:
                continue
            baseline = bottom * height - BASELINE * line_h
            pdf.set_font("DejaVuSans", size=max(1.0, line_h))
            for text, (x0, _y0, x1, _y1) in line:
                box_w = (x1 - x0) * width
                pdf.set_stretching(100)
                natural = pdf.get_string_width(text)
                if box_w <= 0 or natural <= 0:
                    continue
                pdf.set_stretching(max(1.0, 100 * box_w / natural))
                pdf.text(x0 * width, baseline, text)
    return bytes(pdf.output())


def _strip_invisible_text(pdf: object, page: object) -> bool:
    """Take the text objects drawn in render mode 3 (an old OCR layer) out of a page's
    content stream; True if there were any. Images and drawings stay as they are."""
    import pikepdf

    ops = pikepdf.parse_content_stream(page)  # type: ignore[arg-type]
    kept: list[object] = []
    mode_stack = [0]
    block: list[object] | None = None
    invisible = False
    removed = False
    for operands, operator in ops:
        op = str(operator)
        if op == "q":
            mode_stack.append(mode_stack[-1])
        elif op == "Q" and len(mode_stack) > 1:
            mode_stack.pop()
        elif op == "Tr" and operands:
            mode_stack[-1] = int(operands[0])
        if op == "BT":
            block, invisible = [], mode_stack[-1] == 3
        if block is not None:
            block.append(pikepdf.ContentStreamInstruction(operands, operator))
            if op == "Tr" and int(operands[0]) == 3:
                invisible = True
            if op == "ET":
                if invisible:
                    removed = True
                else:
                    kept.extend(block)
                block = None
            continue
        kept.append(pikepdf.ContentStreamInstruction(operands, operator))
    if removed:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))  # type: ignore[attr-defined]
    return removed


def _page_frame(page: object) -> tuple[float, float, float, float]:
    """The page's crop box (x0, y0, width, height): the frame its picture, and so the
    word boxes, were read in."""
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)  # type: ignore[attr-defined]
    return x0, y0, x1 - x0, y1 - y0


def _srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _mark_pdfa(pdf: object, doc: Document) -> None:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    profile = pdf.make_stream(_srgb_profile())
    profile.N = 3
    pdf.Root.OutputIntents = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFA1,
                OutputConditionIdentifier="sRGB",
                Info="sRGB IEC61966-2.1",
                DestOutputProfile=profile,
            )
        ]
    )
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        if doc.metadata.title:
            meta["dc:title"] = doc.metadata.title
        meta["xmp:CreatorTool"] = "diarium"
        meta["pdf:Producer"] = f"diarium (pikepdf {pikepdf.__version__}, fpdf2)"


def archive_path(archive_dir: Path, doc_id: str) -> Path:
    """Where ``ingest --archive-pdf`` keeps a document's copy: ``archive/<id[:2]>/<id>.pdf``."""
    return archive_dir / doc_id[:2] / f"{doc_id}.pdf"


def write_archive_pdf(original: Path, doc: Document, out: Path) -> ArchiveReport:
    """Write ``out``: ``original`` with a text layer over its OCR'd pages."""
    import pikepdf

    report = ArchiveReport(out)
    with pikepdf.open(original) as pdf:
        layer_pages: list[tuple[float, float, list[tuple[str, Box]]]] = []
        targets: list[int] = []
        for index, pdf_page in enumerate(pdf.pages):
            _x0, _y0, width, height = _page_frame(pdf_page)
            page = doc.pages[index] if index < len(doc.pages) else None
            words = placements(page) if page is not None and page.method == "ocr" else []
            rotate = int(pdf_page.obj.get("/Rotate", 0)) % 360
            if words and rotate:
                # OCR read such a page from its stored scan or from a rendering,
                # whose frames differ by the turn; rather no layer than a wrong one.
                report.notes.append(f"page {index + 1}: turned by /Rotate {rotate}, no text layer")
                words = []
            layer_pages.append((width, height, words))
            if words:
                targets.append(index)
                report.words += len(words)
        if not targets:
            report.notes.append("no OCR'd page with word boxes: nothing to add")
        layer = pikepdf.open(io.BytesIO(_text_layer(layer_pages)))
        for index in targets:
            target = pdf.pages[index]
            if _strip_invisible_text(pdf, target):
                report.old_layers_removed.append(index + 1)
            form = pdf.copy_foreign(layer.pages[index].as_form_xobject())
            name = target.add_resource(form, pikepdf.Name.XObject, prefix="DiariumText")
            x0, y0, _w, _h = _page_frame(target)
            # The page's own content is left as it is, wrapped so its graphics state
            # cannot leak into the layer drawn after it.
            target.contents_add(b"q\n", prepend=True)
            target.contents_add(f"Q q 1 0 0 1 {x0:g} {y0:g} cm {name} Do Q\n".encode())
            report.text_pages.append(index + 1)
        _mark_pdfa(pdf, doc)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        pdf.save(
            tmp,
            min_version="1.7",
            # Existing streams are written as they were read: image bytes untouched.
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            fix_metadata_version=True,
        )
        tmp.replace(out)
    return report


def pdfa_findings(path: Path) -> list[str]:
    """What keeps ``path`` from PDF/A-2b among the rules checked here: XMP with the
    PDF/A identification, an OutputIntent with an ICC profile, every font (pages and
    their Form XObjects) embedded, no encryption, no LZW, no JavaScript or embedded
    files, a file identifier. An empty list means none of these failed; it is not a
    full validation (veraPDF checks hundreds of rules)."""
    import pikepdf

    found: list[str] = []
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            found.append("encrypted")
        if "/ID" not in pdf.trailer:
            found.append("no file identifier (/ID) in the trailer")
        meta = pdf.open_metadata()
        if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") != "B":
            found.append("XMP lacks pdfaid:part 2 / pdfaid:conformance B")
        intents = pdf.Root.get("/OutputIntents") or []
        if not any(
            i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents
        ):
            found.append("no PDF/A OutputIntent with an ICC profile")
        names = pdf.Root.get("/Names") or {}
        for banned in ("/JavaScript", "/EmbeddedFiles"):
            if banned in names:
                found.append(f"{banned[1:]} in the document's name tree")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and "/LZWDecode" in str(obj.get("/Filter", "")):
                found.append("an LZW-compressed stream")
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream) and obj.get("/Type") == "/Font":
                fonts = [obj]
                if obj.get("/Subtype") == "/Type0":
                    fonts = list(obj.DescendantFonts)
                for font in fonts:
                    if font.get("/Subtype") == "/Type3":
                        continue
                    desc = font.get("/FontDescriptor")
                    if desc is None or not any(
                        k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    ):
                        found.append(f"font {font.get('/BaseFont')} not embedded")
    return sorted(set(found))
