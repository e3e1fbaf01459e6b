"""Public bodies: municipal organs, municipalities and cities, regions, state agencies.

Organ names end in a known head noun ("-nämnden", "-styrelsen", "fullmäktige"), may
be coordinated ("Barn- och utbildningsnämnden") and may name an owner
("Kommunstyrelsens förvaltning", "Länsstyrelsen i Stockholms län"). The canonical value
is capitalised, definite and without genitive -s, so "kommunstyrelsens" and
"Kommunstyrelsen" are one body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from diarium.extractors.entities.lexicons import (
    agencies,
    attendance_labels,
    body_heads,
    cued_unions,
    for_name_heads,
    generic_heads,
    municipal_company_words,
    municipalities,
    municipality_aliases,
    organ_adjectives,
    organisations,
)


@dataclass(frozen=True)
class BodyMatch:
    start: int
    end: int
    text: str
    value: str


def _genitive_free(word: str) -> str:
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _organ_pattern() -> re.Pattern[str]:
    heads = "|".join(
        f"[{h[0]}{h[0].upper()}]{re.escape(h[1:])}"
        for h in sorted(body_heads(), key=len, reverse=True)
    )
    adjectives = "|".join(organ_adjectives())
    # One word of a coordination ("Barn-, kultur- och utbildningsnämnden"); no capital
    # inside it, so a table cell glued to the name ("StyrelseArbetsmarknads-") is left out.
    word = r"[A-ZÅÄÖ]?[a-zåäöé]+"
    # A name starts after a non-letter, or where a flattened table glued two cells
    # together ("Nämnd/StyrelseArbetsmarknads- och socialnämnden").
    start = r"(?:(?<![\w-])|(?<=[a-zåäö])(?=[A-ZÅÄÖ]))"
    return re.compile(
        # An owner in the genitive: "Södertörnskommunernas samarbetskommitté",
        # "kommunstyrelsens arbetsutskott".
        rf"{start}(?:(?:[A-ZÅÄÖ][a-zåäö]+s|[a-zåäö]+(?:styrelsens|nämndens))\s+(?=[a-zåäö]))?"
        rf"(?:(?:(?i:{adjectives})\s+(?=[a-zåäö]))?"
        # "barn-och ungdomsnämnden": the space after the hyphen is often lost.
        # "PBL-kommittén", "IT-nämnden": an abbreviation joined by a hyphen.
        rf"(?:{word}-(?:,\s*{word}-)*\s*och\s+)?(?:[A-ZÅÄÖ]{{2,5}}-)?[a-zåäöA-ZÅÄÖ]*(?:{heads})s?)"
        rf"(?:\s+(?:förvaltning(?:en)?s?|kontor(?:et)?s?|kansli(?:et)?s?))?"
        rf"(?P<proper>(?<=Förbundet|förbundet)[ \t]+[A-ZÅÄÖ][a-zåäö]+(?:[ \t]+län)?"
        rf"(?![ \t]+[A-ZÅÄÖ]))?"
        rf"(?P<place>\s+i\s+[A-ZÅÄÖ][a-zåäö]+(?:\s+[A-ZÅÄÖ][a-zåäö]+(?=\s+(?:kommun|stad|län)))?"
        rf"(?:\s+(?:kommun|stad|län)s?)?)?(?![\w])"
    )


# Every name in the long lexicon alternations starts with a capital. Saying so first lets
# the regex engine skip other positions at once instead of trying hundreds of names
# there (measured: the place pattern 5x faster).
_CAPITAL = "(?=[A-ZÅÄÖ])"


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    table = municipalities()
    official = sorted(set(table.values()), key=len, reverse=True)
    names = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    written = [n.rsplit(" ", 1)[0] for n in official] + list(municipality_aliases())
    stems = "|".join(re.escape(n) for n in sorted(written, key=len, reverse=True))
    return re.compile(
        rf"{_CAPITAL}(?<![\w-])(?:(?P<official>(?:{stems})[ \t]*\n?[ \t]*kommun)s?"
        rf"|(?P<caps>(?:{stems.upper()})[ \t]+KOMMUN)"
        rf"|(?P<city>{names})s?\s+(?:stad|Stad|STAD)s?"
        rf"|Region\s+(?P<region>[A-ZÅÄÖ][a-zåäö]+(?:\s+läns?|\s+Härjedalens?)?)"
        # County councils before 2019: "Landstinget i Uppsala län", "Landstinget Sörmland",
        # "Stockholms läns landsting".
        rf"|Landstinget\s+(?P<council>i\s+[A-ZÅÄÖ][a-zåäö]+(?:\s+[A-ZÅÄÖ][a-zåäö]+)?\s+län"
        rf"|[A-ZÅÄÖ][a-zåäö]+(?:\s+[A-ZÅÄÖ][a-zåäö]+)?)"
        rf"|(?P<county>[A-ZÅÄÖ][a-zåäö]+\s+läns)\s+landsting(?:et)?s?"
        # ... and in a letterhead's capitals: "ÖREBRO LÄNS LANDSTING".
        rf"|(?P<county_caps>[A-ZÅÄÖ]{{3,}}\s+LÄNS)\s+LANDSTING(?:ET)?)(?![\w])"
    )


@lru_cache(maxsize=1)
def _official_by_upper() -> dict[str, str]:
    """Upper-case written stem ("FALU", "HUDDINGE") → the list's official name."""
    table = municipalities()
    out = {name.rsplit(" ", 1)[0].upper(): name for name in table.values()}
    for alias, short in municipality_aliases().items():
        out[alias.upper()] = table[short]
    return out


def _canonical_place(m: re.Match[str]) -> str:
    if m["region"]:
        # "Region Jönköpings läns andel": the genitive of the name's last word.
        return "Region " + re.sub(r"(?<=(?:län|len))s$", "", m["region"])
    if m["council"]:
        return f"Landstinget {m['council']}"
    if m["county"]:
        return f"{m['county']} landsting"
    if m["county_caps"]:
        return f"{m['county_caps'].capitalize()} landsting"
    if m["official"] or m["caps"]:
        written = re.sub(r"(?i)\s+kommun$", "", m["official"] or m["caps"]).upper()
        return _official_by_upper().get(written, f"{written.title()} kommun")
    city = m["city"]
    # "Malmö stad", "Borås stad", "Solna stad" but "Göteborgs stad", "Mölndals stad".
    return f"{city} stad" if city.endswith(("s", "a", "e", "o", "ö", "å")) else f"{city}s stad"


@lru_cache(maxsize=1)
def _agency_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(agencies(), key=len, reverse=True))
    county = r"(?:\s+i\s+[A-ZÅÄÖ][a-zåäö]+s?\s+län)?"
    # Agencies named by their kind of office, also when not listed ("Sjöfartsverket").
    kinds = r"[A-ZÅÄÖ][a-zåäö]{2,}(?:myndigheten|inspektionen|ombudsmannen)"
    return re.compile(
        rf"{_CAPITAL}(?<![\w-])(?P<name>{names}|{kinds}){county}(?P<gen>s|:s)?(?![\w])"
    )


@lru_cache(maxsize=1)
def _one_word_agencies() -> tuple[re.Pattern[str], dict[str, str]]:
    """The ends of one-word agency names ("verket" of "Migrationsverket"), to find them
    written in lower case ("ersättning från migrationsverket") without trying every name
    at every word: a literal ending is found fast, the word around it is looked up."""
    names = {a.lower(): a for a in agencies() if " " not in a and a[1:].islower()}
    tails = sorted({n[-5:] for n in names}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in tails)), names


def _lower_case_agencies(text: str) -> list[tuple[int, int, str]]:
    tails, names = _one_word_agencies()
    found = []
    for m in tails.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        word = text[start : m.end()]
        if word[:1].islower() and word in names and text[start - 1 : start] != "-":
            end = m.end() + (text[m.end() : m.end() + 1] == "s")
            if not text[end : end + 1].isalnum():
                found.append((start, end, names[word]))
    return found


@lru_cache(maxsize=1)
def _canonical_agency() -> dict[str, str]:
    return {a.lower(): a for a in agencies()}


@lru_cache(maxsize=1)
def _organisation_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(organisations(), key=len, reverse=True))
    return re.compile(rf"{_CAPITAL}(?<![\w-])(?P<name>{names})(?::?s)?(?![\w-])")


@lru_cache(maxsize=1)
def _union_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in cued_unions())
    cue = r"(?i:fackliga?|fackförbund(?:et)?|representant|ombud)"
    return re.compile(rf"{cue}[^\n]{{0,40}}?(?<![\w-])(?P<name>{names})(?::?s)?(?![\w-])")


# An association named after the word for its kind ("Nätverket Rädda Kyrkskolan",
# "stiftelsen Gunnebo Slott"); the name is its capitalised words.
_NAMED_ASSOCIATION = re.compile(
    r"(?<![\w-])(?P<kind>[Nn]ätverket|[Ff]öreningen|[Ss]tiftelsen|[Ii]ntresseföreningen)"
    r"[ \t]+(?P<name>[A-ZÅÄÖ][\w-]+(?:[ \t]+[A-ZÅÄÖ][\w-]+){0,3})"
)

# "Nämnden för intraservice", "Myndigheten för samhällsskydd och beredskap".
@lru_cache(maxsize=1)
def _for_name() -> re.Pattern[str]:
    """Heads from ``data/for_name_heads.txt``; the lookahead on their first letters keeps
    the search cheap on running text."""
    heads = for_name_heads()
    firsts = "".join(sorted({h[0] for h in heads}))
    return re.compile(
        rf"(?=[{firsts}])(?<![\w-])(?:{'|'.join(map(re.escape, heads))})"
        r" för (?:[A-ZÅÄÖ][\w-]+(?: [A-ZÅÄÖ][\w-]+)*|[a-zåäö-]{3,}(?: och [a-zåäö-]{3,})?)"
    )

# The name of a company: capitalised words (with "och") before "AB", genitive "AB:s".
_COMPANY = re.compile(
    r"(?<![\w-])(?P<name>(?:[A-ZÅÄÖ][\wåäöÅÄÖ-]*[ \t]+(?:och[ \t]+)?){1,4})AB(?::s)?(?![\w])"
)


def _companies(text: str) -> list[re.Match[str]]:
    """Company names, read only before an "AB" (the pattern is slow at every word)."""
    out: list[re.Match[str]] = []
    end = 0
    for ab in re.finditer(r"(?<=[ \t])AB(?![\w])", text):
        if ab.start() < end:
            continue
        m = _COMPANY.search(text, max(end, ab.start() - 100), ab.end() + 3)
        if m:
            out.append(m)
            end = m.end()
    return out


def _municipal_company(name: str) -> bool:
    """A company whose name holds its municipality's name and a word of the municipal
    companies' trade ("Tanums Bostäder", "Mölndalsbostäder"), or a municipality's name
    after a word of its own ("Kvarnfallet Mölndal")."""
    words = name.split()
    stems = _municipality_stems()
    trade = municipal_company_words()

    def stem_of(word: str) -> str | None:
        low = word.lower()
        for n in range(len(low), 3, -1):
            if low[:n] in stems:
                return low[n:]
        return None

    rests = [stem_of(w) for w in words]
    # The word is the municipality's name, perhaps with a letter added ("MölnDala").
    own = [rest is not None and len(rest) <= 1 for rest in rests]
    for rest in rests:
        if rest and rest.lstrip("s") and rest.lstrip("s").endswith(trade):
            return True  # "Mölndalsbostäder"
    if any(own) and any(
        not is_own and w.lower().rstrip("s").endswith(trade)
        for w, is_own in zip(words, own, strict=True)
    ):
        return True  # "Tanums Bostäder", "Mölndal Energi", "MölnDala Fastighets"
    # "Kvarnfallet Mölndal": a name of its own before the municipality's.
    return len(words) >= 2 and rests[-1] in ("", "s") and rests[0] is None


@lru_cache(maxsize=1)
def _municipality_stems() -> frozenset[str]:
    table = municipalities()
    stems = {name.lower() for name in table} | {a.lower() for a in municipality_aliases()}
    return frozenset(stems)


_OFFICE = ("förvaltning", "kontor")
# Without an owner in the genitive a body is named in the definite form.
_DEFINITE = {"kommitté": "n", "nämnd": "en", "styrelse": "n", "utskott": "et"}


def _canonical_organ(text: str) -> str:
    """Capitalised, genitive-free name; an owner before its office keeps its -s
    ("Kommunstyrelsens förvaltning"), as does a named owner ("Södertörnskommunernas")."""
    # "barn-och ungdomsnämnden" is written for "barn- och ungdomsnämnden".
    words = re.sub(r"(?<=\w)-och\b", "- och", text).split()
    cut = words.index("i") if "i" in words else len(words)
    out = [w.lower() if n else w for n, w in enumerate(words)]
    last = cut - 1
    if not out[last].endswith(("kommun", "stad", "län")):
        out[last] = _genitive_free(out[last])
    if (
        last > 0
        and out[last].startswith(_OFFICE)
        and not out[last - 1].endswith("s")
        and out[last - 1].endswith(tuple(h for h in body_heads() if len(h) > 5))
    ):
        out[last - 1] += "s"  # "kommunstyrelsen förvaltning" is a slip for the genitive
    # Place names after "i" keep their capitals ("Länsstyrelsen i Västra Götalands län").
    for i in range(cut + 1, len(out)):
        if words[i][0].isupper():
            out[i] = words[i]
    if len(out) == 1:
        for head, ending in _DEFINITE.items():
            if out[0].endswith(head):
                out[0] += ending
    value = " ".join(out)
    return value[0].upper() + value[1:]


_ACADEMY = re.compile(
    r"(?=[A-ZÅÄÖ])(?<![\w-])(?:[A-ZÅÄÖ][a-zåäö]+s?\s+(?:högskola|universitet)s?|"
    r"(?:Högskolan|Universitetet)\s+i\s+[A-ZÅÄÖ][a-zåäö]+|"
    r"[A-ZÅÄÖ][a-zåäé]+(?:universitetet|högskolan)s?|"
    r"Karolinska\s+[Ii]nstitutet|University\s+of\s+[A-Z][a-z]+|"
    r"[A-ZÅÄÖ][a-zåäö]+s\s+[Hh]andelskammare)(?![\w])"
)


@lru_cache(maxsize=1)
def _attendance_pattern() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label in attendance_labels())
    # The list runs to a blank line; a wrapped text layer spreads it over a few lines.
    return re.compile(rf"(?m)^[ \t]*(?:{labels})\b[:\s]*(?P<rest>(?:[^\n]+\n?){{1,8}})")


@lru_cache(maxsize=1)
def _short_names() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(municipalities(), key=len, reverse=True))
    return re.compile(rf"{_CAPITAL}(?<![\w-])(?:{names})(?![\w-])")


def _affiliations(text: str) -> list[tuple[int, int, str]]:
    """Municipalities named bare in an attendance list ("Botkyrka", "Haninge") stand
    for their municipality as an organisation."""
    table = municipalities()
    found = []
    for line in _attendance_pattern().finditer(text):
        for m in _short_names().finditer(text, line.start("rest"), line.end("rest")):
            found.append((m.start(), m.end(), table[m.group()]))
    return found


@lru_cache(maxsize=1)
def _head_anchor() -> re.Pattern[str]:
    """The heads without their first letter, as plain text ("ämnden", "tyrelsen"): found
    fast in any case and compound, they mark where an organ's name can be."""
    tails = sorted({h.lower()[1:] for h in body_heads()}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in tails))


def _around(
    anchor: re.Pattern[str], pattern: re.Pattern[str], text: str, back: int, ahead: int
) -> list[re.Match[str]]:
    """Matches of a slow pattern, tried only near the fast anchor every match contains."""
    windows: list[list[int]] = []
    for h in anchor.finditer(text):
        lo, hi = max(0, h.start() - back), min(len(text), h.end() + ahead)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    found: list[re.Match[str]] = []
    for lo, hi in windows:
        for m in pattern.finditer(text, lo, hi):
            if not found or m.start() >= found[-1].end():
                found.append(m)
    return found


def _organs(text: str) -> list[re.Match[str]]:
    """Organ names, read only around their heads: the full pattern is slow to try at
    every word of a page, and a name reaches at most a few words before its head
    ("Barn-, kultur- och fritidsnämnden") and after it ("... i Västra Götalands län")."""
    return _around(_head_anchor(), _organ_pattern(), text, 80, 60)


# Every place name holds one of these words; municipality names are at most 20 letters.
_PLACE_ANCHOR = re.compile(r"kommun|KOMMUN|[Ss]tad|STAD|Region|andsting|ANDSTING")
_ACADEMY_ANCHOR = re.compile(r"högskol|Högskol|niversitet|nstitutet|University|andelskammare")


def _agency_value(m: re.Match[str]) -> str:
    name = m["name"]
    canonical = _canonical_agency().get(name.lower(), name[0].upper() + name[1:])
    end = m.end("gen") - len(m["gen"]) if m["gen"] else m.end()
    return canonical + m.string[m.end("name") : end]


_OFFICE_END = re.compile(r"(?:förvaltningen|kontoret|kansliet)s?$")


def _generic(word: str) -> bool:
    """A head written alone ("förvaltningen", "Styrelsens", "Nämnd")."""
    low = word.lower()
    heads = generic_heads()
    return low in heads or (low.endswith("s") and low[:-1] in heads)


def find_bodies(text: str) -> list[BodyMatch]:
    found: list[BodyMatch] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str) -> None:
        value = " ".join(value.split())  # a name broken over two lines is one name
        if all(end <= s or start >= e for s, e in taken):
            found.append(BodyMatch(start, end, text[start:end], value))
            taken.append((start, end))

    for m in _agency_pattern().finditer(text):
        add(m.start(), m.end(), _agency_value(m))
    for start, end, value in _lower_case_agencies(text):
        add(start, end, value)
    for m in _organisation_pattern().finditer(text):
        add(m.start(), m.end(), m["name"])
    if any(name in text for name in cued_unions()):
        for m in _union_pattern().finditer(text):
            add(m.start("name"), m.end(), m["name"])
    for m in _around(_ACADEMY_ANCHOR, _ACADEMY, text, 30, 30):
        add(m.start(), m.end(), _genitive_free(m.group()))
    for m in _companies(text):
        name = " ".join(m["name"].split())
        if _municipal_company(name):
            add(m.start(), m.end(), f"{name} AB")
    associations = ("ätverket", "öreningen", "tiftelsen")
    for m in _NAMED_ASSOCIATION.finditer(text) if any(a in text for a in associations) else ():
        if m["kind"][0].isupper():
            add(m.start(), m.end(), m.group())
        elif " " in m["name"]:  # "föreningen Direkt ..." alone is too little to go on
            add(m.start("name"), m.end(), m["name"])
    for m in _for_name().finditer(text):
        add(m.start(), m.end(), m.group())
    organs = _organs(text)
    # "hos vård- och omsorgsförvaltningen i Botkyrka kommun": an office is named without
    # the place it serves; the municipality is then a body of its own.
    with_place = [
        o
        for o in organs
        if o["place"]
        and not (
            o.group()[0].islower()
            and _OFFICE_END.search(o.group(), 0, o.start("place") - o.start())
        )
    ]
    for m in _around(_PLACE_ANCHOR, _place_pattern(), text, 30, 30):
        if any(o.start() <= m.start() and m.end() <= o.end() for o in with_place):
            continue  # part of "Kommunfullmäktige i Stockholms stad"
        add(m.start(), m.end(), _canonical_place(m))
    for start, end, value in _affiliations(text):
        add(start, end, value)
    for m in organs:
        keep_place = m in with_place
        organ_end = (
            m.start("proper") if m["proper"] else m.start("place") if m["place"] else m.end()
        )
        organ = text[m.start() : organ_end]
        words = organ.split()
        if len(words) == 1 and _generic(words[0]):
            continue
        if (
            words[0][0].islower()
            and len(words) == 1
            and not any(organ.lower().rstrip("s").endswith(h.rstrip("s")) for h in body_heads())
        ):
            continue
        if keep_place:
            place = re.sub(r"(kommun|stad|län)s$", r"\1", m["place"])
            add(m.start(), m.end(), _canonical_organ(f"{organ}{place}"))
        elif m["proper"]:
            add(m.start(), m.end(), f"{_canonical_organ(organ)} {m['proper'].strip()}")
        else:
            add(m.start(), organ_end, _canonical_organ(organ))
    # Organs in a heading set in capitals ("SAMMANTRÄDESDAGAR FÖR KOMMUNSTYRELSEN OCH
    # KOMMUNSTYRELSENS ARBETSUTSKOTT"): read in lower case, kept at their place.
    for run in _CAPS_RUN.finditer(text):
        lowered = run.group().lower()
        for m in _organs(lowered):
            if m["place"] or m["proper"]:
                continue
            words = m.group().split()
            if len(words) == 1 and _generic(words[0]):
                continue
            if not any(m.group().rstrip("s").endswith(h.rstrip("s")) for h in body_heads()):
                continue
            add(run.start() + m.start(), run.start() + m.end(), _canonical_organ(m.group()))
    found.sort(key=lambda b: b.start)
    return found


# Two or more words in capitals (a heading, a letterhead), "OCH" and commas between them.
_CAPS_RUN = re.compile(
    r"(?<![\wÅÄÖåäö])[A-ZÅÄÖ]{2,}(?:(?:,?[ \t]|-[ \t]?)(?:OCH[ \t])?[A-ZÅÄÖ]{2,})+(?![\wåäö])"
    r"|(?<![\wÅÄÖåäö])[A-ZÅÄÖ]{6,}(?![\wÅÄÖåäö])"
)
