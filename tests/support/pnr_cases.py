"""Identity numbers and look-alikes as a registrar meets them, for the PNR tests and
``bench/bench_pnr.py``: (sentence, document year, expected numbers as (YYYYMMDD-XXXX,
valid)). Check digits are computed here, by the Luhn rule written out independently of
the code under test; two numbers are the public examples everyone tests with
(Skatteverket's ``19121212-1212``, python-stdnum's ``880320-0016``)."""

from __future__ import annotations


def luhn_ok(digits: str) -> bool:
    doubled = [int(c) * 2 if i % 2 == 0 else int(c) for i, c in enumerate(digits)]
    return sum(d // 10 + d % 10 for d in doubled) % 10 == 0


def check_digit(nine: str) -> str:
    return next(d for d in "0123456789" if luhn_ok(nine + d))


def wrong_digit(nine: str) -> str:
    return str((int(check_digit(nine)) + 3) % 10)


def pnr(yymmdd: str, birth: str, sep: str = "-", century: str = "") -> str:
    """A valid number written as ``[century]yymmdd{sep}birth+check``."""
    return f"{century}{yymmdd}{sep}{birth}{check_digit(yymmdd + birth)}"


def bad(yymmdd: str, birth: str, sep: str = "-") -> str:
    return f"{yymmdd}{sep}{birth}{wrong_digit(yymmdd + birth)}"


V = True
P = False  # probable: wrong check digit near a cue

# Positives: every written form, samordningsnummer, people of 100 or more, the century
# from the document's year, OCR slips of the check digit next to a cue.
POSITIVES: list[tuple[str, int | None, list[tuple[str, bool]]]] = [
    (
        f"Sökande: Anna Berg, {pnr('811218', '987')}, Storgatan 4.",
        2021,
        [(f"19811218-{pnr('811218', '987')[-4:]}", V)],
    ),
    ("Personnummer 19121212-1212", 2020, [("19121212-1212", V)]),
    ("Klagande (880320-0016) har överklagat beslutet.", 2019, [("19880320-0016", V)]),
    (
        f"pnr {pnr('811218', '987', '', '19')} ansökan beviljas",
        2021,
        [(f"19811218-{pnr('811218', '987')[-4:]}", V)],
    ),
    (
        f"Elev född {pnr('070123', '456', '')} går i årskurs 9.",
        2022,
        [(f"20070123-{pnr('070123', '456')[-4:]}", V)],
    ),
    (
        f"Barnet, {pnr('150612', '238', ' ')}, placeras i familjehem.",
        2024,
        [(f"20150612-{pnr('150612', '238')[-4:]}", V)],
    ),
    (
        f"Samordningsnummer {pnr('460271', '123')} (folkbokförd saknas).",
        2023,
        [(f"19460271-{pnr('460271', '123')[-4:]}", V)],
    ),
    (
        f"Ansökan från {pnr('850483', '140', '-', '19')} om bistånd.",
        2020,
        [(f"19850483-{pnr('850483', '140')[-4:]}", V)],
    ),
    (
        f"Den enskilde, {pnr('150101', '123', '+')}, har avlidit.",
        2019,
        [(f"19150101-{pnr('150101', '123')[-4:]}", V)],
    ),
    # The same ten digits: 1915 in a 1995 decision, 2015 in a 2024 one.
    (
        f"Brukare {pnr('150101', '123')} beviljas hemtjänst.",
        1995,
        [(f"19150101-{pnr('150101', '123')[-4:]}", V)],
    ),
    (
        f"Brukare {pnr('150101', '123')} beviljas hemtjänst.",
        2024,
        [(f"20150101-{pnr('150101', '123')[-4:]}", V)],
    ),
    (
        f"Beslut om {pnr('000229', '328')} (skottdag 2000).",
        2010,
        [(f"20000229-{pnr('000229', '328')[-4:]}", V)],
    ),
    (
        f"Namn: Per Ek {pnr('640915', '551', '–')}",
        2001,
        [(f"19640915-{pnr('640915', '551')[-4:]}", V)],
    ),
    (
        f"Namn: Per Ek {pnr('640915', '551', ' — ')}",  # OCR's long dash, spaced
        2001,
        [(f"19640915-{pnr('640915', '551')[-4:]}", V)],
    ),
    (
        f"{pnr('930401', '002')} och {pnr('921130', '881')} är parter.",
        2010,
        [
            (f"19930401-{pnr('930401', '002')[-4:]}", V),
            (f"19921130-{pnr('921130', '881')[-4:]}", V),
        ],
    ),
    # OCR or typing slips of the check digit, next to a cue: probable.
    (f"Personnummer: {bad('811218', '987')}", 2005, [(f"19811218-{bad('811218', '987')[-4:]}", P)]),
    (
        f"Pers.nr {bad('550704', '162', '')} Namn Eva Lund",
        2005,
        [(f"19550704-{bad('550704', '162')[-4:]}", P)],
    ),
    (f"född {bad('030303', '030')}", 2012, [(f"20030303-{bad('030303', '030')[-4:]}", P)]),
]

# Look-alikes: nothing here is an identity number.
NEGATIVES: list[tuple[str, int | None, list[tuple[str, bool]]]] = [
    (f"Organisationsnummer {pnr('556036', '079')} (aktiebolag).", 2021, []),
    (f"Org.nr {pnr('212000', '014')} Ludvika kommun", 2021, []),
    (f"Bostadsrättsföreningen {pnr('769612', '345')}", 2021, []),
    ("Ring 08-123 456 78 eller 070-123 45 67.", 2021, []),
    (f"Tel {pnr('070234', '567', '')}", 2021, []),
    (f"kontakt {pnr('070234', '567', '')} dagtid", 2021, []),
    ("Mobil 0701-23 45 67, växel 0247-130 00.", 2021, []),
    ("Sammanträdet 2021-05-12 1234 deltagare.", 2021, []),
    # A compact date of the document's own time and a clock time (the ten digits pass
    # the check digit): a meeting, not a newborn's number without dash or cue.
    ("Mötet 210512 1400 i kommunhuset.", 2021, []),
    ("Utskrift 2105121830", 2021, []),
    ("Beslutsdatum 2021-05-12 1300", 2021, []),
    ("Dnr KS 2021/1234 och KS-2022/960.103, SN 2019.0456", 2022, []),
    ("Dnr 2019-000123, ärende 2020-001234-56", 2020, []),
    ("Diarienummer BN 2021/000123-214", 2021, []),
    (f"{bad('811218', '987')} står i listan.", 2021, []),
    (f"Bilaga {bad('640915', '551', '')} sidan 2", 2021, []),
    ("Beloppet 1 234 567,89 kr betalas till bankgiro 5050-1055.", 2021, []),
    ("Plusgiro 4 77 88-9, konto 8327-9 123 456 789-0.", 2021, []),
    ("Fastigheten Lugnvik 3:12, postnummer 831 82 Östersund.", 2021, []),
    (f"Faktura {pnr('201305', '123', '', '19')} förfaller.", 2012, []),
    ("Detaljplan 1234567890 antagen.", 2021, []),
    (f"Telefon {pnr('850709', '980', ' ')}", 2021, []),
    (f"OCR-nummer 12{pnr('811218', '987', '')}", 2021, []),
    ("Tidsplan 2021-01-01–2021-12-31, 230101-0000", 2023, []),
]

CASES = POSITIVES + NEGATIVES
