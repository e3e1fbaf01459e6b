"""Born-digital PDFs with the layouts the page-structure rules read, built with fpdf2.

Each puts real Swedish public-sector material (from ``tests/data/unseen2``: the
Uddevalla annual report's cover, the county council's agenda items, Krokom's
municipality) into a layout a registrar meets every day: a report cover with its name,
year and municipality on separate lines in large type; an agenda whose items carry their
case numbers in a column headed "Beteckning", the municipality only in the running foot;
a letter to a ministry with a letterhead, a reference box (label over value) and its
subject in bold. The text layer is fpdf2's, read back by pypdfium2 like any PDF.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

FIXED = datetime(2024, 1, 1, tzinfo=UTC)


def _pdf(footer: str | None = None, header: str | None = None) -> FPDF:
    class _Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", "", 8)
                self.set_xy(20, 10)
                self.cell(0, 4, header)
                self.set_y(25)

        def footer(self) -> None:
            if footer:
                self.set_font("Helvetica", "", 8)
                self.set_xy(20, -15)
                self.cell(120, 4, footer)
                self.cell(0, 4, f"Sida {self.page_no()}", align="R")

    pdf = _Doc(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=25)
    return pdf


def _body(pdf: FPDF, paragraphs: list[str]) -> None:
    pdf.set_font("Helvetica", "", 10.5)
    for text in paragraphs:
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)


def report_cover(path: Path) -> Path:
    """An annual report: a cover of three large lines and a photo credit, then pages
    with a running foot."""
    pdf = _pdf(footer="Uddevalla kommun - Årsredovisning 2011")
    pdf.add_page()
    pdf.set_y(90)
    pdf.set_font("Helvetica", "B", 32)
    pdf.cell(0, 14, "ÅRSREDOVISNING", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 24)
    pdf.cell(0, 12, "2011", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 18)
    pdf.cell(0, 10, "UDDEVALLA KOMMUN", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(250)
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(0, 4, "Foto: Johanna Petersen, Medieprogrammet åk 3", new_x="LMARGIN", new_y="NEXT")
    for heading in ("Välkommen", "Förvaltningsberättelse"):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        _body(
            pdf,
            [
                "Årsredovisningen riktar sig främst till kommunfullmäktige och andra "
                "förtroendevalda, men också till invånare och andra som vill veta hur året "
                "gick. Den tas fram av kommunstyrelsen och godkänns till sist av "
                "kommunfullmäktige."
            ]
            * 6,
        )
    pdf.output(str(path))
    return path


AGENDA_ROWS = (
    ("1", "Upprop och val av justerare", "", "Ordföranden"),
    ("2", "Anmälan av delegationsbeslut", "2023-00012", "Kommunsekreteraren"),
    ("3", "Arbetsordning för kommunfullmäktige", "2023-00250", "Kanslichefen"),
    ("4", "Ökade resurser till socialnämnden", "2023-00311", "Ekonomichefen"),
    ("5", "Borgensåtagande för Hörby Bostäder AB", "2023-00187", "Ekonomichefen"),
    ("6", "Ändrade förutsättningar för leasingavtal", "2022-01146", "Ekonomichefen"),
    ("7", "Svar på medborgarförslag om belysning", "2023-00079", "Samhällsbyggnadschefen"),
)


def agenda_table(path: Path) -> Path:
    """An agenda: the organ and the meeting date at the top, then a table whose items
    carry unprefixed case numbers under a "Beteckning" heading; the municipality only in
    the running foot."""
    pdf = _pdf(footer="Hörby kommun, Box 3, 242 21 Hörby", header="KALLELSE")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, "Kommunstyrelsen", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10.5)
    pdf.cell(0, 6, "Sammanträde 2023-05-10 kl. 13.00, Hörbysalen", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    widths = (12, 92, 30, 36)
    pdf.set_font("Helvetica", "B", 10)
    for width, text in zip(widths, ("Nr", "Ärende", "Beteckning", "Föredragande"), strict=True):
        pdf.cell(width, 7, text)
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 10)
    for row in AGENDA_ROWS * 3:  # runs onto a second page, where the foot repeats
        for width, text in zip(widths, row, strict=True):
            pdf.cell(width, 7, text)
        pdf.ln(14)
    pdf.output(str(path))
    return path


def letter_to_ministry(path: Path) -> Path:
    """A letter to another body: the sender's letterhead at the top left with its slogan,
    a reference box at the top right (labels over values), the addressee, and the subject
    in bold, which opens with no word a subject line is known by."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(90, 6, "KROKOMS KOMMUN")
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(40, 6, "Datum")
    pdf.cell(0, 6, "Diarienummer", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(90, 5, "Kommunstyrelsen")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(40, 5, "2024-03-12")
    pdf.cell(0, 5, "2024.0117", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 5, "Box 34, 835 21 Krokom", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 5, "Mitt i Jämtland, nära till allt", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(110, 50)
    pdf.set_font("Helvetica", "", 10.5)
    for line in ("Regeringskansliet", "Finansdepartementet", "103 33 Stockholm"):
        pdf.set_x(110)
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(90)
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(
        0,
        7,
        "Statsbidraget till lokal krisberedskap i glesbygd",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(4)
    _body(
        pdf,
        [
            "Kommunstyrelsen i Krokoms kommun begär att regeringen ser över reglerna för "
            "statsbidraget till kommunernas krisberedskap, så att bidraget också kan "
            "användas till reservkraft i glesbygd.",
            "Kommunen har under flera år haft kostnader som inte ryms i nuvarande regler. "
            "En ändring skulle ge kommuner med långa avstånd samma möjligheter som andra.",
        ],
    )
    pdf.output(str(path))
    return path
