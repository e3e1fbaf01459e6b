"""Small PDFs built byte by byte around a scan of the test corpus, for cases no corpus PDF shows."""

from __future__ import annotations

import zlib
from pathlib import Path

from PIL import Image

A4 = (595.44, 841.92)
# The placement of an upright image filling an A4 page.
FULL_PAGE = (A4[0], 0.0, 0.0, A4[1], 0.0, 0.0)


def scan_page(corpus: Path) -> Image.Image:
    """The first page of a corpus scan, as its stored 300 dpi greyscale image."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(corpus / "scanned/huddinge_ks_samverkan.pdf")
    image = next(iter(pdf[0].get_objects()))
    return image.get_bitmap(render=False).to_pil().convert("L")  # type: ignore[attr-defined]


def _image_object(pixels: Image.Image, extra: str = "") -> bytes:
    data = zlib.compress(pixels.convert("L").tobytes())
    head = (
        f"<< /Type /XObject /Subtype /Image /Width {pixels.width} /Height {pixels.height} "
        f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode {extra} "
        f"/Length {len(data)} >>\nstream\n"
    )
    return head.encode() + data + b"\nendstream"


def image_pdf(
    path: Path,
    pixels: Image.Image,
    matrix: tuple[float, ...],
    *,
    decode: str = "",
    soft_mask: Image.Image | None = None,
    page: tuple[float, float] = A4,
) -> Path:
    """A one-page PDF drawing ``pixels`` (greyscale, Flate) with the given matrix; a
    ``decode`` array and a ``soft_mask`` (transparency, 0 = see-through) if given."""
    content = ("q " + " ".join(f"{v:.2f}" for v in matrix) + " cm /Im0 Do Q").encode()
    extra = decode + (" /SMask 6 0 R" if soft_mask is not None else "")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page[0]} {page[1]}] "
        "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        _image_object(pixels, extra),
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    if soft_mask is not None:
        objects.append(_image_object(soft_mask))
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    path.write_bytes(bytes(out) + trailer.encode())
    return path
