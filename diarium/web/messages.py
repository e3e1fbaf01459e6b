"""The pages speak Swedish: an error the application raises (in English, for the CLI and
the logs) is shown on a page as a Swedish sentence that says what went wrong and what to
do. Each rule reads the facts it needs (a date, a length) from the application's message;
an error no rule knows gets its kind's Swedish sentence, never the English text."""

from __future__ import annotations

import re
from collections.abc import Callable

from diarium.app.disclosure import public_text
from diarium.corpus.errors import (
    DiariumError,
    DisclosureRefusedError,
    DocumentNotFoundError,
    HomeLockedError,
    IndexMissingError,
    IndexNeedsRebuildError,
    UsageError,
)

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]

# Most specific first; the first rule that matches the message gives the sentence.
RULES: tuple[Rule, ...] = (
    (
        re.compile(r"the query is ([\d,]+) characters long; the most diarium takes is ([\d,]+)"),
        lambda m: f"Sökningen är {m[1].replace(',', ' ')} tecken lång, men högst "
        f"{m[2].replace(',', ' ')} tecken går att söka på. Sök på några ord eller en fras "
        "ur dokumentet.",
    ),
    (
        re.compile(r"the query nests parentheses (\d+) deep; the most diarium takes is (\d+)"),
        lambda m: f"Sökningen har parenteser i {m[1]} nivåer, men högst {m[2]} går. "
        "Förenkla sökningen.",
    ),
    (
        re.compile(r"ranges such as \[a TO z\]"),
        lambda m: "Intervall som [a TO z] går inte att söka med. Använd datumfälten "
        "Från och Till för att avgränsa i tid.",
    ),
    (
        re.compile(r"'([^']*)' is not a date; write it as an ISO date"),
        lambda m: f"”{m[1]}” är inget datum. Skriv det som ÅÅÅÅ-MM-DD (till exempel "
        "2024-03-05), ÅÅÅÅ-MM eller ÅÅÅÅ.",
    ),
    (
        re.compile(r"^from ([\d-]+) is after to ([\d-]+)"),
        lambda m: f"Från-datumet {m[1]} ligger efter till-datumet {m[2]}, så inget dokument "
        "kan matcha. Byt plats på datumen.",
    ),
    (
        re.compile(r"year '([^']*)' is not a year"),
        lambda m: f"”{m[1]}” är inget årtal. Ange året med fyra siffror, till exempel 2023.",
    ),
    (
        re.compile(r"'([^']*)' cannot be read as a case number"),
        lambda m: f"”{m[1]}” går inte att läsa som ett diarienummer. Skriv det som "
        "registratorn gör, till exempel KS 2022/960.",
    ),
    (
        re.compile(r"'([^']*)' is not a case number"),
        lambda m: f"”{m[1]}” är inget diarienummer. Skriv det som det står på handlingen, "
        "till exempel KS 2022/960.",
    ),
    (
        re.compile(r"no document holds case number (\S+)"),
        lambda m: f"Inget dokument i arkivet har diarienumret {m[1]}. Sök på ärendets "
        "rubrik eller på en del av numret.",
    ),
    (
        re.compile(r"the original PDF of (.+) is no longer at "),
        lambda m: f"Originalfilen till {m[1]} finns inte längre där den lästes in. Texten "
        "finns kvar i arkivet; kontakta den som sköter diarium om du behöver originalet.",
    ),
    (
        re.compile(r"is no longer the PDF that was ingested as (.+); its text"),
        lambda m: f"Filen där {m[1]} lästes in är inte längre samma PDF (den har bytts ut). "
        "Texten finns kvar i arkivet; kontakta den som sköter diarium om du behöver originalet.",
    ),
    (
        re.compile(r"page (\d+) is beyond the first (\d+) documents"),
        lambda m: f"Sida {m[1]} ligger bortom de första {m[2]} dokumenten. Avgränsa "
        "sökningen med ett filter i stället.",
    ),
    (
        re.compile(r"(page|per) '([^']*)' is not a number from 1 to (\d+)"),
        lambda m: f"”{m[2]}” är inget sidnummer från 1 till {m[3]}.",
    ),
    (
        re.compile(r"unknown filter"),
        lambda m: "Adressen innehåller ett filter som inte finns. Börja om från sökrutan.",
    ),
)

# A refused original: the file named (its name passed the disclosure gate), no CLI command.
REFUSED = re.compile(r"^(?P<file>.+?) holds personal identity numbers")


# The sentence for an error no rule knows, by its kind (most specific first).
BY_KIND: tuple[tuple[type[DiariumError], str], ...] = (
    (
        DisclosureRefusedError,
        "Dokumentet innehåller personnummer, så originalfilen (PDF) visas inte. Texten, med "
        "personnumren dolda, finns på dokumentsidan. Behöver du originalet, kontakta "
        "registraturen eller arkivet.",
    ),
    (
        IndexMissingError,
        "Arkivet har inget sökindex ännu. Be den som sköter diarium att läsa in dokumenten.",
    ),
    (
        IndexNeedsRebuildError,
        "Sökindexet behöver byggas om. Be den som sköter diarium att bygga om det; "
        "inga dokument går förlorade.",
    ),
    (HomeLockedError, "Arkivet uppdateras just nu. Försök igen om en stund."),
    (
        DocumentNotFoundError,
        "Dokumentet finns inte i arkivet (eller inte längre där). Sök efter det igen.",
    ),
    (UsageError, "Sökningen gick inte att tolka. Ändra den och försök igen."),
)
FALLBACK = "Något gick fel i diarium. Försök igen om en stund."


def swedish(exc: DiariumError) -> str:
    """The Swedish sentence a page shows for ``exc``."""
    if isinstance(exc, DisclosureRefusedError):
        named = REFUSED.match(exc.message)
        if named:
            return public_text(
                f"{named['file']} innehåller personnummer, så originalfilen (PDF) visas inte. "
                "Texten, med personnumren dolda, finns på dokumentsidan. Behöver du "
                "originalet, kontakta registraturen eller arkivet."
            )
    else:
        for pattern, sentence in RULES:
            found = pattern.search(exc.message)
            if found:
                return public_text(sentence(found))
    for kind, sentence_of_kind in BY_KIND:
        if isinstance(exc, kind):
            return sentence_of_kind
    return FALLBACK
