"""Document-level facts from the first page: type, date, title, municipality, organisation.

Swedish public documents put these in a header block: the organisation (a letterhead
"HÖGSBY KOMMUN", "Länsstyrelsen i Stockholms län", "Justitieombudsmannen"), the type
("SAMMANTRÄDESPROTOKOLL", "TJÄNSTESKRIVELSE", "Föredragningslista"), labelled fields
("Sammanträdesdatum", "Datum", "Dnr", "Beslutat den") and then the subject. The rules read
that block the way a registrar does, and name a document the way a registrar would:
a protocol or an agenda by its organ and meeting date, anything else by its subject line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from diarium.corpus.model import Entity
from diarium.extractors.entities import structure_facts as structure
from diarium.extractors.entities.dates import find_dates
from diarium.extractors.entities.dnr import label_pattern
from diarium.extractors.entities.lexicons import (
    address_patterns,
    agencies,
    authority_verbs,
    deciding_organs,
    doc_type_words,
    header_date_excluded,
    header_date_labels,
    header_labels,
    municipalities,
    organisation_aliases,
    protocol_cues,
    regions,
    report_names,
    subject_openers,
    title_end_headings,
    title_skip_headings,
)
from diarium.extractors.entities.organ import ORGAN_STRATEGIES, _organ
from diarium.extractors.entities.strategies import first_of
from diarium.extractors.layout import DocumentLayout

HEADER_LINES = 30  # non-empty lines read for the type and the title
LETTERHEAD_LINES = 12  # non-empty lines that hold the issuing organisation
# Type words that head a header line ("TJÄNSTESKRIVELSE", "Protokoll"): no title.
_TYPE_LINE_KINDS = (
    "protokoll",
    "protokollsutdrag",
    "tjänsteutlåtande",
    "tjänsteskrivelse",
    "kallelse",
    "beslut",
    "minnesanteckningar",
)


@lru_cache(maxsize=1)
def _header_label_words() -> str:
    """The alternation of header field labels (``data/header_labels.txt``) and case-number
    labels (``data/dnr_labels.txt``)."""
    from diarium.extractors.entities.dnr import label_pattern

    return "|".join([*header_labels(), label_pattern()])


@lru_cache(maxsize=1)
def _label_line() -> re.Pattern[str]:
    """A header line that opens with a field label, a type word or a digit: no title."""
    types = [w for w, k in doc_type_words() if k in _TYPE_LINE_KINDS and " " not in w]
    words = "|".join([_header_label_words(), *map(re.escape, types)])
    return re.compile(rf"(?i)^(?:{words}|\d)")


@lru_cache(maxsize=1)
def _label_only() -> re.Pattern[str]:
    """A line that is a field label alone ("Handläggare", "Dnr:"): the next line is its value."""
    return re.compile(rf"(?i)^(?:{_header_label_words()})[.:]?$")


@lru_cache(maxsize=1)
def _reference_line() -> re.Pattern[str]:
    """A case-number label with its number ("JO dnr 5529-2013", "Vår beteckning 2816/2020"):
    a reference line, not a subject."""
    from diarium.extractors.entities.dnr import label_pattern

    return re.compile(rf"(?i)(?<![\wåäö]){label_pattern()}[.:]?\s*\S*\d")


def _header(text: str, n: int = HEADER_LINES) -> list[str]:
    """The first lines, less attachment file names ("Tjänsteskrivelse Ishall.pdf"), which
    name another document than this one."""
    lines = (ln.strip() for ln in text.splitlines())
    return [ln for ln in lines if ln and not _FILE_NAME.search(ln)][:n]


_FILE_NAME = re.compile(r"(?i)\.(?:pdf|docx?|xlsx?|odt|pptx?)$")


# --- the document's type --------------------------------------------------------------

_PARAGRAPH_START = re.compile(r"^§\s*\d+")
_PARAGRAPH_HEADING = re.compile(r"(?m)^[ \t]*§[ \t]*\d+[ \t]+[A-ZÅÄÖ]")
# A page number a transcript or a text layer puts before the first heading ("1 BESLUT 1(13)").
_PAGE_MARK = re.compile(r"^\d{1,3}\s+(?=[A-ZÅÄÖ])")
# An authority's decision heading: its name in the genitive, then "beslut", alone on a line.
_ISSUER_DECISION = re.compile(r"^[A-ZÅÄÖ][a-zåäö]+s beslut$")
_MEETING_HEADING = re.compile(r"(?i)^sammanträde\s+(?:den\s+)?\d")


# Endings a type word takes in running text: "protokollet", "yttrandet", "kallelsens".
_INFLECTION = r"(?:et|en|t|n|s|ets|ens|ts|ns)?"


@lru_cache(maxsize=1)
def _type_words() -> tuple[re.Pattern[str], dict[str, str]]:
    words = dict(doc_type_words())
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # A number glued on by the layout ("Regeringsbeslut33") does not continue the word.
    return re.compile(rf"(?:{alternation})(?![A-Za-zÅÄÖåäöé])"), words


@lru_cache(maxsize=1)
def _protocol_cue() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in sorted(protocol_cues(), key=len, reverse=True))
    # "Beslutande instans:" heads a steering document's header, not a roll call.
    return re.compile(rf"(?<![\wåäö])(?:{cues})(?![\wåäö])(?![ \t]*instans)")


def _type_word(line: str) -> tuple[str, str] | None:
    pattern, words = _type_words()
    m = pattern.match(line.lower())
    return (m.group(), words[m.group()]) if m else None


def _opens_with_a_paragraph(first_page: str) -> str | None:
    """A page that opens with a paragraph ("§ 227 ...") is minutes."""
    lines = _header(first_page)
    return "protokoll" if lines and _PARAGRAPH_START.match(lines[0]) else None


def _type_word_heading(first_page: str) -> str | None:
    """A type word heading a header line ("TJÄNSTESKRIVELSE", "Föredragningslista",
    "Länsstyrelsens beslut"); "Beslut" only at the very top, since every paragraph of a
    minute has a "Beslut" heading."""
    for n, line in enumerate(_header(first_page)):
        line = _PAGE_MARK.sub("", line)
        if n < 5 and _ISSUER_DECISION.match(line):
            return "beslut"  # "Länsstyrelsens beslut", "Justitiekanslerns beslut"
        found = _type_word(line)
        if found and (found[1] != "beslut" or n < 5 or found[0] != "beslut"):
            return found[1]
    return None


def _protocol_marks(first_page: str) -> str | None:
    """What only minutes carry ("Utses att justera", a roll call), or paragraph headings
    on two lines or more ("§ 1 Val av justerare", "§ 2 Fastställande av dagordning")."""
    if _protocol_cue().search(first_page.lower()):
        return "protokoll"
    return "protokoll" if len(_PARAGRAPH_HEADING.findall(first_page)) >= 2 else None


def _meeting_heading(first_page: str) -> str | None:
    """A meeting heading without minutes' marks ("Sammanträde 2002-04-08" over a list of
    items): an agenda."""
    return "kallelse" if any(_MEETING_HEADING.match(x) for x in _header(first_page)) else None


def _type_word_anywhere(first_page: str) -> str | None:
    """The earliest type word anywhere on the first page, inflected or not ("protokollet",
    "yttrandet"), never the first part of a compound ("yttrandefrihet"), and not
    "beslut", which every proposal uses."""
    text = first_page.lower()
    best: tuple[int, str] | None = None
    for word, kind in doc_type_words():
        if kind == "beslut":
            continue
        m = re.search(rf"(?<![\wåäö]){re.escape(word)}{_INFLECTION}(?![\wåäö])", text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    return best[1] if best else None


TYPE_STRATEGIES = (
    _opens_with_a_paragraph,
    _type_word_heading,
    _protocol_marks,
    _meeting_heading,
    _type_word_anywhere,
)


def doc_type_with_evidence(first_page: str) -> tuple[str | None, str]:
    """The type a registrar would file the document under, and the strategy that read it."""
    return first_of(TYPE_STRATEGIES, first_page)


def doc_type(first_page: str) -> str | None:
    return doc_type_with_evidence(first_page)[0]


# --- the document's date --------------------------------------------------------------

_VERSION = re.compile(r"(?i)\bv\s?\d+\.\d+\b|\bversion\b|\butg(?:åva)?\.?\s*\d")


def _label_pattern() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label, _ in header_date_labels())
    return re.compile(rf"(?i)(?<![\wåäö])(?P<label>{labels})(?![\wåäö])[ \t]*:?")


def _excluded_before(text: str, start: int) -> bool:
    line = text[text.rfind("\n", 0, start) + 1 : start].lower()
    return any(word in line for word in header_date_excluded())


@dataclass
class DateContext:
    """The first page, the document's DATE entities, and the best labelled header date
    as (label rank, offset, ISO date), read once for the date strategies."""

    first_page: str
    dates: list[Entity]
    best_labelled: tuple[int, int, str] | None


def _best_labelled_date(first_page: str) -> tuple[int, int, str] | None:
    """The header date after the best-ranked label ("Senast reviderad" over
    "Sammanträdesdatum" / "Beslutat den" over "Datum" over "Tid"); the date stands after
    the label or, in a form's columns, a few lines below it."""
    ranks = dict(header_date_labels())
    best: tuple[int, int, str] | None = None
    header_end = _offset_after_lines(first_page, 20)
    for m in _label_pattern().finditer(first_page, 0, header_end):
        label = m["label"].lower()
        # A field label opens its line or a column of a form ("   Senast reviderad:"), or
        # ends in a colon ("... (50) Plats och tid: Regionkontoret, den 21 mars 2017").
        at_field = re.search(r"(?:^|\n|[ \t]{2,})$", first_page[max(0, m.start() - 2) : m.start()])
        if not (at_field or m.group().endswith(":")):
            continue
        if _excluded_before(first_page, m.end()) or re.match(
            r"[ \t]+(?:för|när)[ \t]+anslag", first_page[m.end() :]
        ):
            continue
        window = first_page[m.end() : m.end() + 200]
        for d in find_dates(window):
            if len(d.values) == 1 and not _excluded_before(window, d.start):
                key = (ranks[label], m.start(), d.values[0])
                if best is None or key < best:
                    best = key
                break
    return best


def _labelled_header_date(c: DateContext) -> str | None:
    """A date after a decision, revision, meeting or "Datum" label in the header:
    "Sammanträdesdatum 2019-01-28", "Fastställd av socialnämnden 2017-09-21"."""
    return c.best_labelled[2] if c.best_labelled and c.best_labelled[0] <= 3 else None


def _unlabelled_header_date(c: DateContext) -> str | None:
    """The first single date heading a header line or standing in the first lines, not a
    notice, publication or template date: "Kommunstyrelsen   2024-03-12"."""
    return _unlabelled_date(c.first_page)


def _meeting_time_date(c: DateContext) -> str | None:
    """A date after a meeting-time label ("Plats och tid: ..., den 21 mars 2017")."""
    return c.best_labelled[2] if c.best_labelled else None


def _labelled_date_entity(c: DateContext) -> str | None:
    """A page-one date the entity rules read after a date label ("Datum2019-01-28")."""
    labelled = [d for d in c.dates if d.page == 1 and d.attrs.get("labelled")]
    return labelled[0].value if labelled else None


DATE_STRATEGIES = (
    _labelled_header_date,
    _unlabelled_header_date,
    _meeting_time_date,
    _labelled_date_entity,
)


def document_date_with_evidence(
    first_page: str, dates: list[Entity] | None = None
) -> tuple[str | None, str]:
    """The date the document is dated or decided, and the strategy that found it. A
    period ("2024-12-03 till 2028-12-02") is no document date."""
    context = DateContext(first_page, dates or [], _best_labelled_date(first_page))
    return first_of(DATE_STRATEGIES, context)


def document_date(first_page: str, dates: list[Entity] | None = None) -> str | None:
    return document_date_with_evidence(first_page, dates)[0]


def _unlabelled_date(first_page: str) -> str | None:
    """The first single date of the header that heads its line or stands in the first
    lines, and is no notice, publication or template date."""
    lines = _header(first_page, 1)
    if lines and _PARAGRAPH_START.match(lines[0]):
        return None  # minutes without their front page: the paragraphs' dates are others'
    header_end = _offset_after_lines(first_page, 15)
    for d in find_dates(first_page[:header_end]):
        line_start = first_page.rfind("\n", 0, d.start) + 1
        line_end = first_page.find("\n", d.end)
        line = first_page[line_start : line_end if line_end >= 0 else len(first_page)]
        # A date heading its line, or one of the first lines ("Kommunstyrelsen 2024-03-12").
        in_top = d.start < _offset_after_lines(first_page, 3)
        single = len(d.values) == 1 and (d.start - line_start <= 15 or in_top)
        if single and not _excluded_before(first_page, d.start) and not _VERSION.search(line):
            return d.values[0]
    return None


def _offset_after_lines(text: str, n: int) -> int:
    """The offset after the n-th non-empty line."""
    seen = 0
    for m in re.finditer(r"[^\n]*\n?", text):
        if m.group().strip():
            seen += 1
            if seen >= n:
                return m.end()
    return len(text)


# --- the title ------------------------------------------------------------------------

_FIELD = re.compile(r"^[A-ZÅÄÖa-zåäö ]{3,30}:")  # "Övriga närvarande: ...", "Titel:..."
_SUBJECT = re.compile(r"(?i)^(?:ärende|rubrik|angående|ang\.|avser)[ \t]*:[ \t]*(?P<s>\S.{4,})$")
_SUBJECT_LABEL = re.compile(r"(?i)^(?:ärende|rubrik|angående|ämne)[ \t]*:?$")
_STATUTE = re.compile(r"^\d{0,4}[A-ZÅÄÖ]{0,6}FS\s+\d{4}:\d+$")
_PARAGRAPH = re.compile(r"^§\s*(?P<n>\d+)\s*(?P<rest>.*)$")
_PAGE_NO = re.compile(r"\d+\s*\(\s*\d+\s*\)|\bsida\b|\bsid\b", re.I)
_PHONE = re.compile(r"^\+?[\d\s-]{7,}$")
_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]\s+|[-•*]\s+)")
_BREADCRUMB_START = re.compile(r"(?i)^[-•*]\s*(?:startsida|start|hem)$")


def _is_body_name(line: str) -> bool:
    from diarium.extractors.entities.bodies import find_bodies

    found = find_bodies(line)
    if any(b.start == 0 and b.end >= len(line) - 1 for b in found):
        return True
    # "Justitieombudsmannen   6488-2012": a letterhead body beside a number.
    return (
        bool(found) and found[0].start == 0 and not re.search(r"[a-zåäö]{3,}", line[found[0].end :])
    )


def _meeting_title(first_page: str, kind: str, date: str | None, org: str | None) -> str | None:
    """ "Protokoll Kommunstyrelsen 2007-01-08"; "Kommunfullmäktige, sammanträde 2002-04-08
    (föredragningslista)"; without the organ, "Protokoll 2017-03-21 (Region Uppsala)"."""
    organ = _organ(first_page)
    if kind == "kallelse":
        if not (organ and date):
            return None
        word = "kallelse" if "kallelse" in first_page.lower() else "föredragningslista"
        return f"{organ}, sammanträde {date} ({word})"
    word = "Protokoll"
    protocol_words = [w for w, k in doc_type_words() if k == "protokoll" and " " not in w]
    for line in _header(first_page, LETTERHEAD_LINES):
        found = next((w for w in protocol_words if re.search(rf"(?i)\b{w}\b", line)), None)
        if found:
            word = found.capitalize()  # "SAMMANTRÄDESPROTOKOLL" → "Sammanträdesprotokoll"
            break
    if organ and date:
        return f"{word} {organ} {date}"
    if date and org:
        return f"{word} {date} ({org})"
    if date:
        return f"{word} {date}"
    # No meeting date written (a transcript lost it): the organ still names the minutes.
    return f"{word} {organ}" if organ else None


def _paragraphs_title(pages: list[str], date: str | None) -> str | None:
    """Minutes that hold only paragraphs: "Kommunstyrelsen 2024-10-02, §§ 227–229"; a
    single paragraph is named by its subject ("§ 47 Detaljplan för ..." → the subject)."""
    numbers = [
        int(m["n"])
        for page in pages
        for line in page.splitlines()
        if (m := _PARAGRAPH.match(line.strip()))
    ]
    if len(set(numbers)) < 2:
        return None
    organ = _organ(pages[0]) if pages else None
    head = " ".join(x for x in (organ, date) if x)
    span = f"§§ {min(numbers)}–{max(numbers)}"
    return f"{head}, {span}" if head else span


@lru_cache(maxsize=1)
def _address_line() -> re.Pattern[str]:
    """A letterhead's address line (``data/address_patterns.txt``): never a title."""
    return re.compile("(?i)^(?:" + "|".join(address_patterns()) + ")")


def _skip(line: str, prev: str, people: set[str], table: dict[str, str]) -> bool:
    """A header line that is no title: a label or its value, a name, an address, a
    number, a date, the letterhead, a page number."""
    lower = line.lower()
    return (
        lower.rstrip(".:") in title_skip_headings()
        or bool(_address_line().match(line))
        or len(line) < 8
        or len(line) > 300
        or bool(_label_only().match(prev))
        or bool(_label_line().match(line))
        or bool(_PHONE.match(line))
        or line in people
        or any(line.startswith(p) for p in people if len(line) < len(p) + 25)
        or bool(_FIELD.match(line))
        or _is_body_name(line)
        or line.isupper()
        or line.endswith((":", ","))
        or any(line.startswith(name) and "kommun" in lower for name in table)
        or bool(re.search(r"\d{4}-\d{2}-\d{2}|@|\bkl\.?\s*\d|www\.|https?:", line))
        # "JO dnr 5529-2013", "Vår beteckning 2816/2020": a reference line, not a subject.
        or bool(_reference_line().search(line))
        or bool(_PAGE_NO.search(line) and len(line.split()) <= 4)
    )


@dataclass
class TitleContext:
    """What the title strategies read: the header lines (less a web page's breadcrumb
    trail), the type, the names of people on page one, the organisation and date."""

    first_page: str
    lines: list[str]
    kind: str | None
    people: set[str]
    organisation: str | None
    date: str | None
    pages: list[str]
    layout: DocumentLayout | None = None


def _statute_title(c: TitleContext) -> str | None:
    """A statute book's number over its title: "01FS 2021:19" + "Länsstyrelsen i
    Stockholms läns tillkännagivande av ..."."""
    for n, line in enumerate(c.lines):
        if _STATUTE.match(line):
            rest = [x for x in c.lines[n + 1 : n + 4] if not find_dates(x) and len(x) > 20]
            if rest:
                return f"{line} {rest[0].rstrip('.')}"
    return None


def _paragraphs_only_title(c: TitleContext) -> str | None:
    """Minutes that open with a paragraph and hold only paragraphs: "Kommunstyrelsen
    2024-10-02, §§ 227–229"."""
    if c.kind not in ("protokoll", "kallelse") or not c.lines:
        return None
    if not _PARAGRAPH_START.match(c.lines[0]):
        return None
    return _paragraphs_title(c.pages or [c.first_page], c.date)


def _meeting_name(c: TitleContext) -> str | None:
    """A protocol or agenda is named by its organ and meeting date: "Protokoll
    Kommunstyrelsen 2007-01-08", "Kommunfullmäktige, sammanträde 2002-04-08 (kallelse)"."""
    if c.kind not in ("protokoll", "kallelse"):
        return None
    return _meeting_title(c.first_page, c.kind, c.date, c.organisation)


def _flattened_header_subject(c: TitleContext) -> str | None:
    """A header a transcript ran into one long line ("Tjänsteskrivelse Handläggare ...
    Datum ... Dnr ... Revidering av riktlinjer ..."): the subject after the fields."""
    if c.kind in ("protokoll", "kallelse") or not c.lines or len(c.lines[0]) <= FLAT_LINE:
        return None
    return _flat_subject(c.lines[0], c.people)


def _paragraph_subject(c: TitleContext) -> str | None:
    """An extract of minutes: the subject of its paragraph ("§ 47 Detaljplan för ...")."""
    for line in c.lines:
        paragraph = _PARAGRAPH.match(line)
        if paragraph and len(paragraph["rest"]) > 5 and paragraph["rest"][0].isupper():
            rest = re.sub(rf"(?i)^{label_pattern()}.*$", "", paragraph["rest"]).strip()
            if rest:
                return rest
    return None


def _labelled_subject(c: TitleContext) -> str | None:
    """A subject field: "Ärende: Revidering av ...", or "Ärende" over the subject."""
    lines = c.lines
    for n, line in enumerate(lines):
        subject = _SUBJECT.match(line)
        if subject:
            return subject["s"].strip()
        if _SUBJECT_LABEL.match(line) and n + 1 < len(lines) and len(lines[n + 1]) > 5:
            return _with_continuation(lines, n + 1)
    return None


def _subject_opener(c: TitleContext) -> str | None:
    """A line that opens as subjects do ("Yttrande över ...", "Beslut om ...", "Svar på
    remiss ..."), even below a type-word line that carries the header's fields."""
    for n, line in enumerate(c.lines):
        if _openers().match(line) and line[0].isupper() and not _end_headings().match(line):
            subject = _with_continuation(c.lines, n)
            if len(subject.split()) >= 3:
                return subject
    return None


def _type_word_line(c: TitleContext) -> str | None:
    """The type word followed by the subject on its line: "Tjänsteskrivelse Revidering av
    riktlinjer", "Beslut enligt delegationsordning för Kommunstyrelsen <subject>"."""
    if not c.kind:
        return None
    for n, line in enumerate(c.lines):
        found = _type_word(line)
        # "Utdrag ur protokoll vid sammanträde 2018-03-13": the meeting is no subject.
        rest = _MEETING_REST.sub("", line[len(found[0]) :]) if found else ""
        if (
            found
            and found[1] == c.kind
            and line[:1].isupper()
            and len(re.findall(r"[A-Za-zÅÄÖåäö]{2,}", _PAGE_NO.sub("", rest))) >= 2
        ):
            subject = _DELEGATION_FORMULA.sub("", _with_continuation(c.lines, n))
            return _TRAILING_HEADING.sub("", subject) or None
    return None


def _first_heading_line(c: TitleContext) -> str | None:
    """The first header line that is no label, value, name, address, number, date,
    letterhead or page number: a report's cover title, with the lines that continue it."""
    table = municipalities()
    lines = list(c.lines)
    for n, line in enumerate(lines):
        line = _LIST_MARK.sub("", line).replace("**", "").strip()
        if _skip(line, lines[n - 1] if n else "", c.people, table):
            continue
        if _running_text(line) or _category_heading(line):
            continue
        words = line.split()
        if len(words) >= 2 and line[0].isupper() and (not line.endswith(".") or len(words) > 12):
            lines[n] = line
            return _with_continuation(lines, n)
    return None


def _running_text(line: str) -> bool:
    """Prose, not a heading: two sentences ("... vägnar. Beslut som ...") or an authority
    speaking ("Skatteverket avstyrker förslaget ...", ``data/authority_verbs.txt``)."""
    return _is_sentence(line) or bool(_authority_speech().match(line))


def _category_heading(line: str) -> bool:
    """A web page's section name, a body's genitive and a type word in the plural
    ("Skatteverkets yttranden", "Kommunstyrelsens protokoll"): the list the document sits
    in, not its title."""
    words = line.split()
    if len(words) != 2 or not words[0].endswith("s") or not words[0][:1].isupper():
        return False
    second = words[1].lower()
    return any(second.startswith(w) for w, _kind in doc_type_words() if " " not in w)


# The period after a report's name: "2011", "2023–2026", "januari–juni 2024", "tertial 2 2024".
_REPORT_PERIOD = re.compile(
    r"(?i)^(?:(?:[a-zåäö]+|kvartal \d|tertial \d)\s*[–-]\s*)?(?:[a-zåäö]+\s+)?"
    r"(?:per\s+\d{1,2}\s+[a-zåäö]+\s+)?(?:19|20)\d\d(?:\s*[–/-]\s*(?:19|20)?\d\d)?"
)


def _report_name_line(c: TitleContext) -> str | None:
    """A report's cover as text: one of the first lines opens with a report's name
    (``data/report_names.txt``), often in capitals; the title is the name, its period and
    the municipality right after it ("ÅRSREDOVISNING 2011 UDDEVALLA KOMMUN" → "Årsredovisning
    2011 Uddevalla kommun"), not a photo caption that follows ("ÅRSREDOVISNING 2013
    Invigning av ..." → "Årsredovisning 2013")."""
    for line in c.lines[:3]:
        cased = structure.sentence_case(line) if line.isupper() else _caps_head(line)
        lower = cased.lower()
        name = next((w for w in report_names() if lower.startswith(w)), None)
        if name is None or (len(lower) > len(name) and lower[len(name)].isalpha()):
            continue
        rest = cased[len(name) :].strip()
        period = _REPORT_PERIOD.match(rest)
        if not period:
            continue
        title = f"{cased[: len(name)]} {period.group()}"
        after = rest[period.end() :].split()
        if (
            len(after) >= 2
            and after[1].lower() in ("kommun", "stad")
            and after[0] in municipalities()
        ):
            title += f" {after[0]} {after[1].lower()}"
        return title
    return None


def _caps_head(line: str) -> str:
    """A line whose head is in capitals ("ÅRSREDOVISNING 2013 Invigning av ..."), with that
    head in sentence case."""
    head = re.match(r"^[A-ZÅÄÖ][A-ZÅÄÖ -]+(?=\s\d|$)", line)
    if not head or len(head.group().strip()) < 4:
        return line
    return structure.sentence_case(head.group().strip()) + line[len(head.group().rstrip()) :]


# A cover a transcript ran into one line: short parts ended by full stops ("Vännäs
# kommun. Granskning av ... . Revisionsrapport. KPMG AB September 2015").
COVER_LINE = 250


def _cover_parts(lines: list[str]) -> list[str]:
    """The header lines, with a first line that is a flattened cover split at its full
    stops, and a transcript's page number before it ("1 Delegationsreglemente") dropped."""
    if not lines:
        return lines
    first = _PAGE_MARK.sub("", lines[0]) if re.match(r"^\d{1,3}\s+[A-ZÅÄÖ]", lines[0]) else lines[0]
    parts = [p.strip() for p in re.split(r"\.\s+(?=[A-ZÅÄÖ])", first)]
    if len(first) <= COVER_LINE and len(parts) >= 3 and all(len(p.split()) <= 12 for p in parts):
        return parts + lines[1:]
    return [first, *lines[1:]]


TITLE_STRATEGIES = (
    _statute_title,
    _paragraphs_only_title,
    _meeting_name,
    structure.cover_title,
    _report_name_line,
    _flattened_header_subject,
    _paragraph_subject,
    _labelled_subject,
    _subject_opener,
    _type_word_line,
    structure.largest_heading,
    _first_heading_line,
)


def title_with_evidence(
    first_page: str,
    kind: str | None,
    people: set[str] | None = None,
    organisation: str | None = None,
    date: str | None = None,
    pages: list[str] | None = None,
    layout: DocumentLayout | None = None,
) -> tuple[str | None, str]:
    """The title and the name of the strategy that found it (``TITLE_STRATEGIES``)."""
    lines = _cover_parts(_header(first_page))
    if lines and _BREADCRUMB_START.match(lines[0]):
        # A web page's breadcrumb trail ("- Startsida", "- Kommun och politik", ...) is
        # navigation; the page's own heading follows it.
        while lines and _LIST_MARK.match(lines[0]):
            lines = lines[1:]
    context = TitleContext(
        first_page, lines, kind, people or set(), organisation, date, pages or [], layout
    )
    return first_of(TITLE_STRATEGIES, context)


def title(
    first_page: str,
    kind: str | None,
    people: set[str] | None = None,
    organisation: str | None = None,
    date: str | None = None,
    pages: list[str] | None = None,
) -> str | None:
    return title_with_evidence(first_page, kind, people, organisation, date, pages)[0]


# --- a header that a transcript ran into one line -----------------------------------

FLAT_LINE = 300  # a first "line" this long is a whole header (and more) run together
_CAPS_WORD = re.compile(r"(?<![\wåäö])[A-ZÅÄÖ]{2,}(?![\wåäö])(?!\s+\d{4}:\d)")
_PAGE_OF = re.compile(r"\b\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|/\s*\d{1,3}\b)")


@lru_cache(maxsize=1)
def _flat_labels() -> re.Pattern[str]:
    """A field label, capitalised as a header writes it ("Handläggare", "Vår beteckning"),
    inside a header run into one line."""
    return re.compile(rf"(?<![\wåäö])(?=[A-ZÅÄÖ])(?i:{_header_label_words()})(?![\wåäö])")


@lru_cache(maxsize=1)
def _openers() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(subject_openers(), key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\wåäö])(?:{words})(?![\wåäö])")


@lru_cache(maxsize=1)
def _end_headings() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(title_end_headings(), key=len, reverse=True))
    # "Länsstyrelsens beslut", "Kommunstyrelsens beslut": an issuer's decision heading.
    return re.compile(rf"(?<![\wåäö])(?:{words}|[A-ZÅÄÖ][a-zåäö]+s beslut)(?![\wåäö])")


def _flat_subject(line: str, people: set[str]) -> str | None:
    """The subject of a tjänsteskrivelse, beslut or yttrande whose header a transcript ran
    into one line ("1 Tjänsteskrivelse KFN Handläggare: N N Kultur- och föreningsnämnden
    <subject> Sammanfattning ...").

    A subject opener ("Beslut om", "Yttrande över") starts it where one stands; otherwise
    it is the first run of words after the type word that no header element (a label, a
    name, a body, a case number, a date, a page number, a word in capitals) interrupts.
    It ends at the next section heading ("Sammanfattning", "Länsstyrelsens beslut") or
    header element; a run that reaches the cut without either is running text."""
    from diarium.extractors.entities.bodies import find_bodies
    from diarium.extractors.entities.dnr import find_structured

    text = _PAGE_MARK.sub("", line)[:1500]
    dnrs = [(m.start, m.end) for m in find_structured(text)]
    headings = [m.start() for m in _end_headings().finditer(text)]
    for m in _openers().finditer(text):
        if not text[m.start()].isupper() or m.start() in headings:
            continue  # "Förslag till beslut" is a heading, not a subject
        ends = [p for p in headings if p > m.start()] + [s for s, _ in dnrs if s > m.start()]
        if ends:
            subject = text[m.start() : min(ends)].strip(" ,.;:-")
            if 3 <= len(subject.split()) <= 40:
                return subject
    spans: list[tuple[int, int]] = list(dnrs)
    type_end = None
    pattern, _ = _type_words()
    for m in pattern.finditer(text.lower()):
        if m.start() == 0 or not text[m.start() - 1].isalpha():
            spans.append((m.start(), m.end()))
            type_end = m.end() if type_end is None else type_end
    for rx in (_flat_labels(), _CAPS_WORD, _PAGE_OF):
        spans += [(m.start(), m.end()) for m in rx.finditer(text)]
    spans += [(d.start, d.end) for d in find_dates(text)]
    for name in people:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    for b in find_bodies(text):
        before = text[: b.start].split()[-1:] or [""]
        if not before[0][:1].islower():  # "av Naturvårdsverket" belongs to the subject
            spans.append((b.start, b.end))
    spans.sort()
    pos = type_end or 0
    for start, end in spans:
        if start > pos:
            gap = text[pos:start]
            cut = next((p - pos for p in headings if pos < p < start), None)
            subject = (gap[:cut] if cut else gap).strip()
            if subject.startswith(","):  # "Eva Lindahl, miljöcontroller <subject>": a role
                subject = _LEADING_ROLE.sub("", subject)
            subject = _balanced(subject.strip(" ,.;:-"))
            if (
                cut != 0
                and subject[:1].isupper()
                and 3 <= len(subject.split()) <= 40
                and not _is_sentence(subject)
            ):
                return subject
        pos = max(pos, end)
    return None


_LEADING_ROLE = re.compile(r"^,\s*(?:[a-zåäö][\wåäö-]*[ ,]+)+(?=[A-ZÅÄÖ])")


def _balanced(text: str) -> str:
    """Without a bracket left open or unopened at either end."""
    text = text.lstrip("(") if text.count("(") > text.count(")") else text
    return text.rstrip("(").strip()


def _is_sentence(text: str) -> bool:
    """Running text, not a heading: a full stop inside, or a finite verb near the start."""
    return bool(re.search(r"\.\s+[A-ZÅÄÖ]", text))


_MEETING_REST = re.compile(
    r"(?i)^\s*(?:(?:vid|från)\s+(?:sammanträde(?:t)?|mötet?)\s*)?(?:den\s+)?"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+[a-zåäö]+\s+\d{4})?\s*$"
)
_DELEGATION_FORMULA = re.compile(
    r"^Beslut (?:enligt|i enlighet med|fattat med stöd av) (?:gällande )?delegationsordning"
    r"(?:en)?(?: för [A-ZÅÄÖ][\wåäö-]+(?: [a-zåäö]+(?:utskott|nämnd)\w*)?)?\s+"
)
_TRAILING_HEADING = re.compile(r"\s+(?:Beslut|Ärendet|Sammanfattning|Bakgrund)$")


# A cover's period line under its title: "2023", "2023–2026", "januari–juni 2024".
_PERIOD_LINE = re.compile(
    r"(?i)^(?:(?:[a-zåäö]+|kvartal \d|tertial \d)\s*[–-]\s*)?(?:[a-zåäö]+\s+)?"
    r"(?:19|20)\d\d(?:\s*[–/-]\s*(?:19|20)?\d\d)?$"
)


def _with_continuation(lines: list[str], n: int) -> str:
    """A title broken over lines continues on lines that start in lower case; a cover's
    title also takes the period line right under it ("Uppföljning av äldreomsorgen" over
    "2023")."""
    text = lines[n]
    for nxt in lines[n + 1 : n + 5]:
        if _PERIOD_LINE.match(nxt) and not re.search(r"(?:19|20)\d\d", text):
            text = f"{text} {nxt}"
            break
        if not nxt[:1].islower() or text.endswith((".", ":")) or len(text) > 250:
            break
        text = f"{text} {nxt}"
    text = re.sub(r",\s*(?:inklusive|bl\.a\.|t\.ex\.)[^,]*:?$", "", text).rstrip(":").strip()
    return _GENITIVE_SPLIT.sub(r"\1\2", text)


# A genitive cannot stand before a definite plural ("Södertörns kommunerna"): such a pair
# is a compound split in two ("Södertörnskommunerna"). Only the title is mended here;
# the page text is kept as written.
_GENITIVE_SPLIT = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+s) ([a-zåäö]+(?:erna|arna|orna)s?)\b")


def organisation_from_title(title: str | None) -> str | None:
    """A document of a joint body names it in the title ("... med Södertörnskommunernas
    samarbetskommitté"): that body is the organisation when no municipality is."""
    if not title:
        return None
    from diarium.extractors.entities.bodies import find_bodies

    # A plain organ ("Kommunstyrelsen") says nothing of whose it is.
    found = [b for b in find_bodies(title) if " " in b.value]
    return found[0].value if found else None


# --- municipality and organisation ----------------------------------------------------


@lru_cache(maxsize=1)
def _official_to_short() -> dict[str, str]:
    return {v: k for k, v in municipalities().items()}


def _organisation_of(value: str) -> tuple[str | None, str | None] | None:
    """(municipality short name or None, organisation) when a body is an organisation
    that issues documents: a municipality or city, a region, a county board, an agency;
    an organ of a municipality stands for it ("kommunfullmäktige i Ljusdals kommun")."""
    official_to_short = _official_to_short()
    owner = re.search(r" i (?P<place>[^ ].* (?:kommun|stad))$", value)
    if owner and not value.startswith("Länsstyrelsen"):
        value = owner["place"]
    if value in official_to_short:
        return official_to_short[value], value
    city = re.fullmatch(r"(?P<name>.+?)s? stad", value)
    if city and city["name"] in municipalities():
        return city["name"], value
    if value in organisation_aliases():
        return None, organisation_aliases()[value]
    if (
        value.startswith(("Region ", "Länsstyrelsen i ", "Landstinget "))
        or value.endswith(" landsting")
        or value.endswith("regionen")
        or value in regions()
        or value in agencies()
    ):
        return None, value
    return None


Place = tuple[str | None, str | None]  # (municipality short name, organisation)


@dataclass
class PlaceContext:
    """What the municipality strategies read: the pages, the BODY entities, the bodies
    written out that are issuing organisations, and those on page one with theirs."""

    pages: list[str]
    bodies: list[Entity]
    written: list[Entity]
    page_one: list[tuple[Entity, Place]]
    layout: DocumentLayout | None = None

    @property
    def first(self) -> str:
        return self.pages[0] if self.pages else ""


def _county_board_decides(c: PlaceContext) -> Place | None:
    """ "Länsstyrelsens beslut", "Länsstyrelsen beslutar": a municipality the county
    board names is the one concerned, not the issuer."""
    if not _COUNTY_BOARD_DECIDES.search(c.first):
        return None
    boards = [b.value for b in c.bodies if b.value.startswith("Länsstyrelsen i ")]
    return None, boards[0] if boards else "Länsstyrelsen"


@lru_cache(maxsize=1)
def _authority_speech() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in authority_verbs())
    return re.compile(rf"(?:^|(?<=[.!?:]\s)|(?<=\n))(?P<body>[A-ZÅÄÖ][\w-]+)\s+(?:{verbs})\b")


def _authority_speaks(c: PlaceContext) -> Place | None:
    """A state authority speaks of itself at a sentence start on page one ("Länsstyrelsen
    anser att ...", "Skatteverket tillstyrker ..."): the document is its own, and a
    municipality in the address block is the addressee, not the issuer. Not where a
    municipal organ speaks so too ("Kommunstyrelsen beslutar")."""
    speakers = [m["body"] for m in _authority_speech().finditer(c.first)]
    state = [s for s in speakers if s in agencies() or s == "Länsstyrelsen" or s in regions()]
    municipal = [s for s in speakers if s not in state]
    if not state or any(
        s.lower().endswith(deciding_organs()) or s.lower().endswith("förvaltningen")
        for s in municipal
    ):
        return None
    if state[0] == "Länsstyrelsen":
        boards = [b.value for b in c.bodies if b.value.startswith("Länsstyrelsen i ")]
        return None, boards[0] if boards else "Länsstyrelsen"
    known = _organisation_of(state[0])  # "JO" → "Riksdagens ombudsmän"
    return None, known[1] if known else state[0]


def _letterhead_in_capitals(c: PlaceContext) -> Place | None:
    """A municipality written in capitals ("HUDDINGE KOMMUN") is the letterhead, wherever
    the page layout put it."""
    return next((org for b, org in c.page_one if b.text.isupper() and org[0]), None)


def _council_meeting_place(c: PlaceContext) -> Place | None:
    """A council meets in its own municipality: the town of "Plats och tid" outranks a
    municipality an agenda item names ("Försäljning av fastigheten i Helsingborgs kommun"
    in Bjuv's minutes); not for a region or a kommunalförbund."""
    if _REGION_WORDS.search(c.first) or _FEDERATION.search(c.first):
        return None
    place = _meeting_place(c.first)
    if place and any(org[0] for _b, org in c.page_one):
        return place, municipalities()[place]
    return None


def _letterhead_body(c: PlaceContext) -> Place | None:
    """An issuing organisation in the page's first lines: "Botkyrka kommun",
    "Länsstyrelsen i Stockholms län", "Region Uppsala"."""
    letterhead_end = _offset_after_lines(c.first, LETTERHEAD_LINES)
    return next((org for b, org in c.page_one if b.start < letterhead_end), None)


def _first_municipality_on_page_one(c: PlaceContext) -> Place | None:
    """The first municipality written out anywhere on page one."""
    return next((org for _b, org in c.page_one if org[0]), None)


def _municipality_named_twice(c: PlaceContext) -> Place | None:
    """The one municipality the document names, at least twice."""
    counts = Counter(
        org for b in c.written if (org := _organisation_of(b.value)) and org[0] is not None
    )
    if counts:
        org, n = counts.most_common(1)[0]
        if n >= 2 and len(counts) == 1:
            return org
    return None


def _only_municipality_named(c: PlaceContext) -> Place | None:
    """The one municipality the whole document names, once, written out ("Hörby kommun"
    in the foreword of an annual report whose cover names none)."""
    orgs = {org for b in c.written if (org := _organisation_of(b.value)) and org[0] is not None}
    return orgs.pop() if len(orgs) == 1 else None


def _region_by_its_words(c: PlaceContext) -> Place | None:
    """A region known by its words ("regiondirektör", "Regionens hus") and its town."""
    return (None, _region_by_town(c.first)) if _REGION_WORDS.search(c.first) else None


def _authority_without_municipality(c: PlaceContext) -> Place | None:
    """An authority named on page one, or a kommunalförbund (which meets in one of its
    members' towns): no municipality is guessed from a meeting place."""
    return (None, None) if c.page_one or _FEDERATION.search(c.first) else None


def _meeting_place_or_own_company(c: PlaceContext) -> Place | None:
    """The last resort: the town of the meeting place, or the one municipality whose own
    companies the document names ("Tyresö Bostäder AB")."""
    place = _meeting_place(c.first) or _company_owner(c.bodies) or _company_owner_written(c.pages)
    return (place, municipalities()[place]) if place else None


PLACE_STRATEGIES = (
    _county_board_decides,
    _authority_speaks,
    structure.structure_place,
    _letterhead_in_capitals,
    _council_meeting_place,
    _letterhead_body,
    _first_municipality_on_page_one,
    _municipality_named_twice,
    _only_municipality_named,
    _region_by_its_words,
    _authority_without_municipality,
    _meeting_place_or_own_company,
)


def municipality_with_evidence(
    pages: list[str], bodies: list[Entity], layout: DocumentLayout | None = None
) -> tuple[Place, str]:
    """(municipality short name, organisation) and the strategy that found them. A bare
    name in an attendance list ("Botkyrka") is a participant's municipality, not the
    document's own, and a body after a name and a comma is an attendee's."""
    first = pages[0] if pages else ""
    written = [b for b in bodies if len(b.text.split()) > 1 or b.value in organisation_aliases()]
    page_one = [
        (b, org)
        for b in written
        if b.page == 1 and (org := _organisation_of(b.value)) and not _affiliation(first, b)
    ]
    context = PlaceContext(pages, bodies, written, page_one, layout)
    place, name = first_of(PLACE_STRATEGIES, context)
    return (place or (None, None)), name


def municipality(pages: list[str], bodies: list[Entity]) -> Place:
    return municipality_with_evidence(pages, bodies)[0]


def _company_owner(bodies: list[Entity]) -> str | None:
    """The one municipality whose own companies the document names ("Tyresö Bostäder AB"
    in an agenda of Tyresö's): a council discusses its own companies, not others'."""
    owners = {
        name
        for b in bodies
        if b.value.endswith(" AB")
        and (name := re.sub(r"s$", "", b.value.split()[0])) in municipalities()
    }
    return owners.pop() if len(owners) == 1 else None


# "Eskilstuna Kommunfastighet AB", "Köpings Kommunteknik AB": a company that says it is
# the municipality's own in its name.
_OWN_COMPANY = re.compile(
    r"\b(?P<name>[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?) [Kk]ommun[a-zåäö]+ AB\b"
)


def _company_owner_written(pages: list[str]) -> str | None:
    """The one municipality whose own company ("<Town> Kommunfastighet AB") the first
    pages name, where the body finder left the company out."""
    owners = {
        name
        for page in pages[:3]
        for m in _OWN_COMPANY.finditer(page)
        for name in (m["name"], re.sub(r"s$", "", m["name"]))
        if name in municipalities()
    }
    return owners.pop() if len(owners) == 1 else None


_FEDERATION = re.compile(r"(?i)förbund(?:et|ets|sstyrelsen|sstyrelsens|sdirektör)")
_COUNTY_BOARD_DECIDES = re.compile(r"Länsstyrelsens beslut|Länsstyrelsen beslutar")
_PLACE_LINE = re.compile(
    r"(?<![\wåäö])(?:Plats och tid|Tid och plats|Adress|(?:Protokollets )?[Ff]örvaringsplats"
    r"(?: för protokollet)?)[ \t]+(?P<rest>[^\n]{1,80})"
)


def _meeting_place(first_page: str) -> str | None:
    """The municipality a protocol's "Plats och tid" or the keeping place of its minutes
    names ("Folkets Hus, Norrtälje, kl 18", "Förvaringsplats ... Staffanstorps rådhus"),
    where nothing else names the document's own: a council meets in its own municipality."""
    for m in _PLACE_LINE.finditer(first_page):
        place = re.split(r"(?i)\bkl\b|\d{1,2}[.:]\d{2}", m["rest"])[0]
        for word in re.findall(r"[A-ZÅÄÖ][\w-]+", place):
            if word in municipalities():
                return word
            if word.endswith("s") and word[:-1] in municipalities():
                return word[:-1]  # "Staffanstorps rådhus"
    return None


def _affiliation(page: str, body: Entity) -> bool:
    """A body after a name and a comma on its line ("Anna Lindström, Skellefteå kommun")
    is an attendee's organisation, not the document's."""
    line = page[page.rfind("\n", 0, body.start) + 1 : body.start]
    return bool(re.search(r"[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][\w-]+(?: \([^)]*\))?,", line))


_REGION_WORDS = re.compile(
    r"(?i)(?<![\wåäö])(?:regionens\s+hus|regionkontoret|regiondirektör|regionstyrelsen|"
    r"regionfullmäktige|regionråd|landstingsstyrelsen?|landstingsfullmäktige|landstinget|"
    r"landstingsdirektör(?:en|ens)?)"
)


def _region_by_town(first_page: str) -> str | None:
    if not _REGION_WORDS.search(first_page):
        return None
    for region, town in regions().items():
        if re.search(rf"(?<![\wåäö-]){re.escape(town)}(?![\wåäö-])", first_page):
            return region
    return None


def strategy_doc(name: str) -> str:
    """The first sentence of the docstring of the strategy called ``name``: what layout it
    reads, for ``diarium extract --explain``."""
    from diarium.extractors.entities import dnr_shape

    everything = (
        *TYPE_STRATEGIES,
        *DATE_STRATEGIES,
        *TITLE_STRATEGIES,
        *PLACE_STRATEGIES,
        *ORGAN_STRATEGIES,
        *dnr_shape.POSITIONS,
    )
    for strategy in everything:
        if strategy.__name__.lstrip("_") == name:
            doc = " ".join((strategy.__doc__ or "").split())
            return doc.split(". ")[0].rstrip(".") + "."
    return _OTHER_EVIDENCE.get(name, "")


# Evidence names that are not strategy functions of their own.
_OTHER_EVIDENCE = {
    "labelled_known_format": "A case number of a format in data/dnr_formats.tsv, after its "
    "label or under its heading.",
    "known_format": "A case number of a format in data/dnr_formats.tsv that carries an organ "
    "code, in running text.",
    "same_series": "A number of the same series (shape and width) as the document's labelled ones.",
    "column": "A number of the series of the first one under a column heading, further down "
    "the column.",
    "layout_column": "A case number in a table cell under a column headed by a case-number "
    'label ("Beteckning", "Ärendenummer"), read from the page layout.',
    "layout_field": "A case number beside or under its label in a form, read from the page "
    'layout ("Dnr    KS 2023/12").',
    "organisation_from_title": "A joint body the title names is the organisation when no "
    "municipality is.",
}
