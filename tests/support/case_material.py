"""One case's documents as a registrar files them, for the case page and citation tests.

None of the shared material holds several documents of one case, so these are written
the way Swedish municipalities write them: the tjänsteskrivelse that starts case
KS 2023/0412, the arbetsutskott's minutes proposing a decision, the kommunstyrelse's
minutes deciding it (§ 198 on 2023-09-26), the fullmäktige minutes that cite that
decision by organ, date and §, and an older fullmäktige decision (another case) that the
new one cites as "beslut i KF § 173 2020-12-08". Dates are written out of filing order on
purpose: the case page must sort them.
"""

from __future__ import annotations

from pathlib import Path

CASE_PRINTED = "KS 2023/0412"
CASE_KEY = "KS-2023-412"
OLD_CASE_PRINTED = "KS 2020/0531"

# (file name, pages): each page a list of lines.
CASE_DOCUMENTS: dict[str, list[list[str]]] = {
    "kf_protokoll_2023-10-23.pdf": [
        [
            "Härnösands kommun",
            "PROTOKOLL",
            "Kommunfullmäktige",
            "Sammanträdesdatum 2023-10-23",
            "§ 151 Val av justerare",
            "Till justerare utses Anna Lindqvist.",
            "§ 152 Ny taxa för bygglov",
            f"Dnr {CASE_PRINTED}",
            "Ärendet har beretts av kommunstyrelsen, se KS 2023-09-26 § 198.",
            "Taxan ersätter den taxa som antogs genom beslut i KF § 173 2020-12-08.",
            "Beslut",
            "Kommunfullmäktige beslutar att anta ny taxa för bygglov från den 1 januari 2024.",
        ]
    ],
    "ks_protokoll_2023-09-26.pdf": [
        [
            "Härnösands kommun",
            "PROTOKOLL",
            "Kommunstyrelsen",
            "Sammanträdesdatum 2023-09-26",
            "§ 197 Delårsrapport",
            "Kommunstyrelsen lägger rapporten till handlingarna.",
            "§ 198 Ny taxa för bygglov",
            f"Dnr {CASE_PRINTED}",
            "Arbetsutskottet har föreslagit en ny taxa för bygglov.",
            "Beslut",
            "Kommunstyrelsen beslutar föreslå kommunfullmäktige att anta ny taxa för bygglov.",
        ]
    ],
    "tjansteskrivelse_taxa.pdf": [
        [
            "Härnösands kommun",
            "Samhällsbyggnadsförvaltningen",
            "TJÄNSTESKRIVELSE",
            "Datum 2023-08-14",
            f"Dnr {CASE_PRINTED}",
            "Ny taxa för bygglov",
            "Förslag till beslut",
            "Kommunfullmäktige antar ny taxa för bygglov.",
            "Sammanfattning",
            "Taxan har inte räknats om sedan 2020 och täcker inte kostnaderna.",
            f"Nuvarande taxa beslutades i ärende {OLD_CASE_PRINTED}.",
        ]
    ],
    "ksau_protokoll_2023-09-12.pdf": [
        [
            "Härnösands kommun",
            "PROTOKOLL",
            "Kommunstyrelsens arbetsutskott",
            "Sammanträdesdatum 2023-09-12",
            "§ 87 Ny taxa för bygglov",
            f"Dnr {CASE_PRINTED}",
            "Förvaltningen har tagit fram ett förslag till ny taxa.",
            "Beslut",
            "Arbetsutskottet föreslår kommunstyrelsen att föreslå fullmäktige att anta taxan.",
        ]
    ],
    "kf_protokoll_2020-12-08.pdf": [
        [
            "Härnösands kommun",
            "PROTOKOLL",
            "Kommunfullmäktige",
            "Sammanträdesdatum 2020-12-08",
            "§ 172 Budget 2021",
            "Kommunfullmäktige fastställer budgeten.",
            "§ 173 Taxa för bygglov",
            f"Dnr {OLD_CASE_PRINTED}",
            "Beslut",
            "Kommunfullmäktige beslutar att anta taxa för bygglov från den 1 januari 2021.",
        ]
    ],
}
# The case's documents in date order, as their files are named.
CASE_ORDER = [
    "tjansteskrivelse_taxa.pdf",
    "ksau_protokoll_2023-09-12.pdf",
    "ks_protokoll_2023-09-26.pdf",
    "kf_protokoll_2023-10-23.pdf",
]


def write_case_documents(folder: Path) -> list[Path]:
    """The five PDFs, born-digital (fpdf2), into ``folder``."""
    from tests.support.web_support import text_pdf

    return [text_pdf(folder / name, pages) for name, pages in CASE_DOCUMENTS.items()]
