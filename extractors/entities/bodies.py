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
    agency_kinds,
    association_kinds,
    attendance_labels,
    body_heads,
    cued_unions,
    for_name_heads,
    generic_heads,
    indefinite_determiners,
    meeting_place_labels,
    municipal_company_words,
    municipalities,
    municipality_aliases,
    named_after_heads,
    office_heads,
    organ_adjectives,
    organ_labels,
    organisations,
    place_heads,
    state_name_heads,
    union_cues,
    universities,
)
from diarium.extractors.entities.paragraphs import organ_abbreviations
from diarium.extractors.entities.trie import trie_pattern


@dataclass(frozen=True)
class BodyMatch:
    start: int
    end: int
    text: str
    value: str
    found_by: str = ""  # the strategy that read it, kept as the entity's evidence


def _genitive_free(word: str) -> str:
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _organ_pattern() -> re.Pattern[str]:
    # As a trie: the pattern tries the heads at every letter of a word, longest first.
    heads = trie_pattern({v for h in body_heads() for v in (h, h[0].upper() + h[1:])})
    adjectives = trie_pattern(organ_adjectives())
    # "Kommunstyrelsens förvaltning", "kommunstyrelsens kansli": an owner's office.
    offices = trie_pattern(office_heads())
    # One fixed-width look-behind per head ("Förbundet Sjuhärad", "Stadsdelsnämnden Angered").
    named_after = (
        "(?:"
        + "|".join(f"(?<=[{h[0]}{h[0].upper()}]{re.escape(h[1:])})" for h in named_after_heads())
        + ")"
    )
    # One word of a coordination ("Barn-, kultur- och utbildningsnämnden"); no capital
    # inside it, so a table cell glued to the name ("StyrelseArbetsmarknads-") is left out.
    word = r"[A-ZÅÄÖ]?[a-zåäöé]+"
    # A name starts after a non-letter, or where a flattened table glued two cells
    # together ("Nämnd/StyrelseArbetsmarknads- och socialnämnden").
    start = r"(?:(?<![\w-])|(?<=[a-zåäö])(?=[A-ZÅÄÖ]))"
    return re.compile(
        # An owner in the genitive: "Södertörnskommunernas samarbetskommitté",
        # "kommunstyrelsens arbetsutskott".
        # "Barn- och ungdomsnämndens arbetsutskott": a coordinated owner.
        rf"{start}(?:(?:[A-ZÅÄÖ][a-zåäö]+s|(?:{word}-(?:,\s*{word}-)*\s*och\s+)?"
        rf"[a-zåäö]+(?:styrelsens|nämndens))\s+(?=[a-zåäö]))?"
        rf"(?:(?:(?i:{adjectives})\s+(?=[a-zåäö]))?"
        # "barn-och ungdomsnämnden": the space after the hyphen is often lost.
        # "PBL-kommittén", "IT-nämnden": an abbreviation joined by a hyphen.
        rf"(?:{word}-(?:,\s*{word}-)*\s*och\s+)?(?:[A-ZÅÄÖ]{{2,5}}-)?[a-zåäöA-ZÅÄÖ]*(?:{heads})s?)"
        rf"(?:\s+(?:{offices})s?)?"
        rf"(?P<proper>{named_after}[ \t]+[A-ZÅÄÖ][a-zåäö]+(?:[ \t]+[A-ZÅÄÖ][a-zåäö]+)?"
        rf"(?:[ \t]+län)?(?![ \t]+[A-ZÅÄÖ]))?"
        # "i Botkyrka kommun", "i Västra Götalands län", "i Region Stockholm".
        rf"(?P<place>\s+i\s+(?:Region\s+[A-ZÅÄÖ][a-zåäö]+(?:\s+län)?|[A-ZÅÄÖ][a-zåäö]+"
        rf"(?:\s+[A-ZÅÄÖ][a-zåäö]+(?=\s+(?:kommun|stad|län)))?(?:\s+(?:kommun|stad|län)s?)?))?"
        rf"(?![\w])"
    )


# Every name in the long lexicon alternations starts with a capital. Saying so first lets
# the regex engine skip other positions at once instead of trying hundreds of names
# there (measured: the place pattern 5x faster).
_CAPITAL = "(?=[A-ZÅÄÖ])"


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    table = municipalities()
    official = sorted(set(table.values()), key=len, reverse=True)
    names = trie_pattern(table)
    written = [n.rsplit(" ", 1)[0] for n in official] + list(municipality_aliases())
    stems = trie_pattern(written)
    stems_upper = trie_pattern(w.upper() for w in written)
    names_upper = trie_pattern(n.upper() for n in table)
    return re.compile(
        rf"{_CAPITAL}(?<![\w-])(?:(?P<official>(?:{stems})[ \t]*\n?[ \t]*kommun)s?"
        rf"|(?P<caps>(?:{stems_upper})[ \t]+KOMMUN)"
        rf"|(?P<caps_city>{names_upper})S?[ \t]+STAD"
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
def _short_by_upper() -> dict[str, str]:
    """Upper-case short name ("GÖTEBORG") → the short name ("Göteborg")."""
    return {name.upper(): name for name in municipalities()}


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
    # "GÖTEBORGS STAD" in a letterhead is Göteborgs stad.
    city = _short_by_upper()[m["caps_city"]] if m["caps_city"] else m["city"]
    # "Malmö stad", "Borås stad", "Solna stad" but "Göteborgs stad", "Mölndals stad".
    return f"{city} stad" if city.endswith(("s", "a", "e", "o", "ö", "å")) else f"{city}s stad"


@lru_cache(maxsize=1)
def _agency_pattern() -> re.Pattern[str]:
    names = trie_pattern(agencies())
    county = r"(?:\s+i\s+[A-ZÅÄÖ][a-zåäö]+s?\s+län)?"
    # Agencies named by their kind of office, also when not listed
    # ("Strålsäkerhetsmyndigheten"), or "Statens" and their kind ("Statens haverikommission").
    kinds = rf"[A-ZÅÄÖ][a-zåäö]{{2,}}(?:{trie_pattern(agency_kinds())})"
    state = (
        r"Statens(?:\s+[a-zåäö]+){0,2}\s+[a-zåäö]*"
        rf"(?:{trie_pattern(state_name_heads())})(?:\s+för\s+[a-zåäö]+)?"
    )
    return re.compile(
        rf"{_CAPITAL}(?<![\w-])(?P<name>{names}|{kinds}|{state}){county}(?P<gen>s|:s)?(?![\w])"
    )


@lru_cache(maxsize=1)
def _one_word_agencies() -> tuple[re.Pattern[str], dict[str, str]]:
    """The ends of one-word agency names ("verket" of "Migrationsverket"), to find them
    written in lower case ("ersättning från migrationsverket") without trying every name
    at every word: a literal ending is found fast, the word around it is looked up."""
    names = {a.lower(): a for a in agencies() if " " not in a and a[1:].islower()}
    tails = sorted({n[-5:] for n in names}, key=len, reverse=True)
    return re.compile(trie_pattern(tails)), names


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
    names = trie_pattern(organisations())
    return re.compile(rf"{_CAPITAL}(?<![\w-])(?P<name>{names})(?::?s)?(?![\w-])")


@lru_cache(maxsize=1)
def _union_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in cued_unions())
    cue = f"(?i:{trie_pattern(union_cues())})"
    return re.compile(rf"{cue}[^\n]{{0,40}}?(?<![\w-])(?P<name>{names})(?::?s)?(?![\w-])")


# An association named after the word for its kind ("Nätverket Rädda Kyrkskolan",
# "stiftelsen Gunnebo Slott"); the name is its capitalised words.
@lru_cache(maxsize=1)
def _named_association() -> re.Pattern[str]:
    kinds = trie_pattern({v for k in association_kinds() for v in (k, k.capitalize())})
    return re.compile(
        rf"(?<![\w-])(?P<kind>{kinds})"
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
        r" för (?:[A-ZÅÄÖ][\w-]+(?: [A-ZÅÄÖ][\w-]+)*|"
        # "Beredningen för hållbar utveckling": an adjective before the task's noun.
        r"(?:[a-zåäö]+(?:bar|ig|isk|lig|ell|al|iv|ad) )?[a-zåäö-]{3,}(?: och [a-zåäö-]{3,})?)"
    )


# The name of a company: capitalised words (with "och") before "AB", genitive "AB:s".
# Later words may be lower case ("Eskilstuna kommunfastighet AB"); the municipal-company
# test and the shortest name that passes it keep the name to the company's own words.
_COMPANY = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÅÄÖ][\wåäöÅÄÖ-]*[ \t]+(?:(?:och[ \t]+)?[\wåäöÅÄÖ-]+[ \t]+){0,3})"
    r"AB(?::s)?(?![\w])"
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
        and out[last].startswith(office_heads())
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


def _any_initial_case(name: str) -> str:
    """A listed name whose later words may be written capitalised or not ("Karolinska
    institutet", "Karolinska Institutet")."""
    first, *rest = name.split(" ")
    words = [f"[{w[0].lower()}{w[0].upper()}]{re.escape(w[1:])}" for w in rest]
    return r"\s+".join([re.escape(first), *words])


@lru_cache(maxsize=1)
def _academy_pattern() -> re.Pattern[str]:
    """A place's university, college or court (``data/place_heads.txt``), "Högskolan i X",
    a compound ending in one ("Linnéuniversitetet"), or a listed name."""
    heads = "|".join(f"[{h[0]}{h[0].upper()}]{re.escape(h[1:])}" for h in place_heads())
    listed = "|".join(_any_initial_case(u) for u in sorted(universities(), key=len, reverse=True))
    return re.compile(
        rf"(?=[A-ZÅÄÖ])(?<![\w-])(?:{listed}|"
        rf"[A-ZÅÄÖ][a-zåäö]+s?\s+(?P<head>{heads})|"
        r"(?:Högskolan|Universitetet)\s+i\s+[A-ZÅÄÖ][a-zåäö]+|"
        r"[A-ZÅÄÖ][a-zåäé]+(?:universitetet|högskolan)|"
        r"University\s+of\s+[A-Z][a-z]+)(?P<gen>:?s)?(?![\w])"
    )


@lru_cache(maxsize=1)
def _attendance_pattern() -> re.Pattern[str]:
    labels = "|".join(re.escape(label) for label in attendance_labels())
    # The list runs to a blank line; a wrapped text layer spreads it over a few lines.
    return re.compile(rf"(?m)^[ \t]*(?:{labels})\b[:\s]*(?P<rest>(?:[^\n]+\n?){{1,8}})")


@lru_cache(maxsize=1)
def _short_names() -> re.Pattern[str]:
    names = trie_pattern(municipalities())
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
    return re.compile(trie_pattern(tails))


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
_ACADEMY_ANCHOR = re.compile(
    r"högskol|Högskol|niversitet|nstitut|University|andelskammare|ingsrätt|ovrätt|KTH|SLU|Konstfack"
)


def _agency_value(m: re.Match[str]) -> str:
    name = m["name"]
    canonical = _canonical_agency().get(name.lower(), name[0].upper() + name[1:])
    end = m.end("gen") - len(m["gen"]) if m["gen"] else m.end()
    return canonical + m.string[m.end("name") : end]


@lru_cache(maxsize=1)
def _office_end() -> re.Pattern[str]:
    """A name ending in an office's head in the definite form ("... förvaltningen")."""
    definite = [h for h in office_heads() if h.endswith(("en", "et"))]
    return re.compile(rf"(?:{trie_pattern(definite)})s?$")


def _generic(word: str) -> bool:
    """A head written alone ("förvaltningen", "Styrelsens", "Nämnd")."""
    low = word.lower()
    heads = generic_heads()
    return low in heads or (low.endswith("s") and low[:-1] in heads)


class _Page:
    """A text being read for bodies: what the strategies found so far, and the organ
    names several strategies consult, read once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[BodyMatch] = []
        self._organs: list[re.Match[str]] | None = None
        self._with_place: list[re.Match[str]] | None = None
        self._agencies: list[re.Match[str]] | None = None

    def add(self, start: int, end: int, value: str, by: str, nested: bool = False) -> None:
        """Keep a body unless an earlier strategy took its characters; a ``nested`` body
        (a municipality inside an organ's name) may lie inside another one."""
        value = " ".join(value.split())  # a name broken over two lines is one name
        if nested or all(end <= b.start or start >= b.end for b in self.found):
            self.found.append(BodyMatch(start, end, self.text[start:end], value, by))

    @property
    def agencies(self) -> list[re.Match[str]]:
        if self._agencies is None:
            self._agencies = list(_agency_pattern().finditer(self.text))
        return self._agencies

    @property
    def organs(self) -> list[re.Match[str]]:
        if self._organs is None:
            self._organs = _organs(self.text)
        return self._organs

    @property
    def with_place(self) -> list[re.Match[str]]:
        """Organs named with the place they serve ("Kommunfullmäktige i Stockholms stad"),
        but not an office named in lower case before the municipality it works in ("hos
        vård- och omsorgsförvaltningen i Botkyrka kommun"): there the municipality is a
        body of its own."""
        if self._with_place is None:
            self._with_place = [
                o
                for o in self.organs
                if o["place"]
                and not (
                    o.group()[0].islower()
                    and _office_end().search(o.group(), 0, o.start("place") - o.start())
                )
            ]
        return self._with_place


def _agency_organs(page: _Page) -> None:
    """A state agency's own organ, and the agency: "Skatteverkets styrelse", "Trafikverkets
    insynsråd", "Länsstyrelsens miljöprövningsdelegation" (an owner of
    ``data/agencies.txt`` in the genitive before a head of ``data/body_heads.txt``)."""
    for m in page.agencies:
        if m["gen"] != "s":
            continue
        organ = _AGENCY_ORGAN.match(page.text, m.end())
        if organ and _ends_in_a_head(organ["head"]):
            value = f"{_agency_value(m)}s {_genitive_free(organ['head'])}"
            page.add(m.start(), organ.end(), value, "agency_organs")
            page.add(m.start(), m.end(), _agency_value(m), "agency_organs", True)


_AGENCY_ORGAN = re.compile(r"[ \t]+(?P<head>[a-zåäö]+(?:-[a-zåäö]+)?)(?![\wåäö])")


def _listed_agencies(page: _Page) -> None:
    """A state agency, court or county board of ``data/agencies.txt``, or one named by
    its kind of office ("Sjöfartsverket" is listed; "Strålsäkerhetsmyndigheten",
    "Spelinspektionen" are read by their ending), with "i X län" after it."""
    for m in page.agencies:
        page.add(m.start(), m.end(), _agency_value(m), "listed_agencies")


def _agencies_in_lower_case(page: _Page) -> None:
    """A one-word agency written in lower case in running text ("ersättning från
    migrationsverket")."""
    for start, end, value in _lower_case_agencies(page.text):
        page.add(start, end, value, "agencies_in_lower_case")


def _listed_organisations(page: _Page) -> None:
    """An association, union or international body of ``data/organisations.txt``
    ("Hyresgästföreningen", "Röda Korset", "SKR:s" is in agencies)."""
    for m in _organisation_pattern().finditer(page.text):
        page.add(m.start(), m.end(), m["name"], "listed_organisations")


def _cued_unions(page: _Page) -> None:
    """A union whose name is an ordinary word ("Vision", "Kommunal"), only after a union
    cue: "fackliga företrädare för Vision"."""
    if any(name in page.text for name in cued_unions()):
        for m in _union_pattern().finditer(page.text):
            page.add(m.start("name"), m.end(), m["name"], "cued_unions")


def _universities_and_courts(page: _Page) -> None:
    """A place's university, college, court or chamber of commerce ("Umeå universitet",
    "Uppsala tingsrätt", "Högskolan i Gävle", "Linnéuniversitetet"), heads from
    ``data/place_heads.txt``; or one of ``data/universities.txt`` ("Kungliga Tekniska
    högskolan")."""
    for m in _around(_ACADEMY_ANCHOR, _academy_pattern(), page.text, 40, 30):
        value = m.group()[: m.start("gen") - m.start()] if m["gen"] else m.group()
        if m["head"]:  # "Södertörns Högskola" is written for "Södertörns högskola"
            value = value[: m.start("head") - m.start()] + m["head"].lower()
        page.add(m.start(), m.end(), value, "universities_and_courts")


def _municipal_companies(page: _Page) -> None:
    """A municipality's own company ("Tanums Bostäder AB", "Mölndalsbostäder AB"); other
    companies are not public bodies."""
    for m in _companies(page.text):
        words = m["name"].split()
        # The shortest run of words before "AB" that is a municipal company, opening with a
        # capital: "Avtalet med Tanums bostäder AB" is "Tanums bostäder AB".
        for k in range(len(words) - 1, -1, -1):
            name = " ".join(words[k:])
            if words[k][0].isupper() and _municipal_company(name):
                start = page.text.index(words[k], m.start())
                page.add(start, m.end(), f"{name} AB", "municipal_companies")
                break


def _named_associations(page: _Page) -> None:
    """An association named after the word for its kind ("Nätverket Rädda Kyrkskolan",
    "stiftelsen Gunnebo Slott")."""
    if not any(kind[1:] in page.text for kind in association_kinds()):
        return
    for m in _named_association().finditer(page.text):
        if m["kind"][0].isupper():
            page.add(m.start(), m.end(), m.group(), "named_associations")
        elif " " in m["name"]:  # "föreningen Direkt ..." alone is too little to go on
            page.add(m.start("name"), m.end(), m["name"], "named_associations")


def _named_for_their_task(page: _Page) -> None:
    """A body named for its task after a head of ``data/for_name_heads.txt``: "Nämnden
    för intraservice", "Myndigheten för samhällsskydd och beredskap"."""
    for m in _for_name().finditer(page.text):
        page.add(m.start(), m.end(), m.group(), "named_for_their_task")


def _municipalities_and_regions(page: _Page) -> None:
    """A municipality, city, region or county council ("Botkyrka kommun", "HÖGSBY
    KOMMUN", "Malmö stad", "Region Uppsala", "Landstinget i Uppsala län"), from
    ``data/municipalities.csv``; not the place inside an organ's name, which
    ``places_inside_organs`` reads."""
    for m in _around(_PLACE_ANCHOR, _place_pattern(), page.text, 30, 30):
        if any(o.start() <= m.start() and m.end() <= o.end() for o in page.with_place):
            continue
        page.add(m.start(), m.end(), _canonical_place(m), "municipalities_and_regions")


def _attendance_affiliations(page: _Page) -> None:
    """A municipality named bare in an attendance list ("Närvarande: Botkyrka, Haninge")
    stands for that municipality."""
    for start, end, value in _affiliations(page.text):
        page.add(start, end, value, "attendance_affiliations")


def _municipal_organs(page: _Page) -> None:
    """An organ named by a head of ``data/body_heads.txt``: "Kommunstyrelsen",
    "Barn- och utbildningsnämnden", "kommunstyrelsens arbetsutskott", "PBL-kommittén",
    "Södertörnskommunernas samarbetskommitté", "Förvaltningsrätten i Stockholm",
    "Stadsdelsnämnden Västra Göteborg" (a proper name after heads of
    ``data/named_after_heads.txt``). A head alone ("förvaltningen") names no body."""
    text = page.text
    for m in page.organs:
        organ_end = (
            m.start("proper") if m["proper"] else m.start("place") if m["place"] else m.end()
        )
        organ = text[m.start() : organ_end]
        words = organ.split()
        if len(words) == 1 and _generic(words[0]) and not m["proper"]:
            continue  # "förvaltningen", but "Förbundet Sjuhärad"
        if words[0][0].islower() and len(words) == 1 and not _ends_in_a_head(organ):
            continue
        if len(words) == 1 and _a_kind_of_body(text, m.start(), words[0]):
            continue
        if m in page.with_place:
            place = re.sub(r"(kommun|stad|län)s$", r"\1", m["place"])
            page.add(m.start(), m.end(), _canonical_organ(f"{organ}{place}"), "municipal_organs")
        elif m["proper"]:
            value = f"{_canonical_organ(organ)} {m['proper'].strip()}"
            page.add(m.start(), m.end(), value, "municipal_organs")
        else:
            page.add(m.start(), organ_end, _canonical_organ(organ), "municipal_organs")


def _organs_in_capitals(page: _Page) -> None:
    """An organ in a heading set in capitals ("SAMMANTRÄDESDAGAR FÖR KOMMUNSTYRELSEN OCH
    KOMMUNSTYRELSENS ARBETSUTSKOTT"), read in lower case, kept at its place."""
    if not _head_anchor_in_capitals().search(page.text):
        return  # no head in capitals on the page: most pages
    for run in _CAPS_RUN.finditer(page.text):
        for m in _organs(run.group().lower()):
            if m["place"] or m["proper"]:
                continue
            words = m.group().split()
            if len(words) == 1 and _generic(words[0]):
                continue
            if not _ends_in_a_head(m.group()):
                continue
            start, end = run.start() + m.start(), run.start() + m.end()
            page.add(start, end, _canonical_organ(m.group()), "organs_in_capitals")


@lru_cache(maxsize=1)
def _head_anchor_in_capitals() -> re.Pattern[str]:
    """The heads' tails in capitals ("ÄMNDEN", "TYRELSEN"): whether a page has any."""
    return re.compile(trie_pattern({h.upper()[1:] for h in body_heads()}))


def _a_kind_of_body(text: str, start: int, word: str) -> bool:
    """An indefinite organ word after an indefinite determiner names a kind of body:
    "inför en taxeringsnämnd", "varje nämnd" (``data/indefinite_determiners.txt``)."""
    if not word.lower().rstrip("s").endswith(tuple(_DEFINITE)):
        return False
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in indefinite_determiners()


def _abbreviated_organs(page: _Page) -> None:
    """An organ written by its abbreviation (``data/organ_abbreviations.tsv``) where a
    registrar reads it as the organ: after an organ label ("Fastställd av SN 48/65",
    "Beslutande organ: KSAU"), alone on a line or before a date at the top of a page
    ("KSAU 2018-03-12"), or cited by paragraph ("KS § 47", "KF 2024-03-14 § 12"). In
    running text and before a case number ("KS 2019/0643") it is a code, not a name."""
    names = organ_abbreviations()
    for m in _abbreviation_pattern().finditer(page.text):
        written = m["abbr"]
        if not written.isupper():
            continue
        name = names.get(written.lower())
        if name is None:
            continue
        in_header = m.start() < _header_end(page.text)
        if m["label"] or m["cited"] or (in_header and m["alone"]):
            page.add(m.start("abbr"), m.end("abbr"), name, "abbreviated_organs")


LETTERHEAD_LINES = 3  # the top lines of a page, where a logo's text stands


def _municipality_in_letterhead(page: _Page) -> None:
    """A municipality's name alone on one of a page's top lines is its logo's text, the
    organisation itself: "Järfälla", "HUDDINGE" over the document's heading."""
    names = _short_by_upper()
    table = municipalities()
    seen = pos = 0
    text = page.text
    while pos < len(text) and seen < LETTERHEAD_LINES:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if line:
            seen += 1
            short = names.get(line.upper())
            if short is not None and (line == short or line == short.upper()):
                start = text.index(line, pos)
                page.add(start, start + len(line), table[short], "municipality_in_letterhead")
        pos = end + 1


def _places_inside_organs(page: _Page) -> None:
    """The municipality or city an organ's name ends in ("Socialnämnden i Järfälla
    kommun") is a body of its own as well."""
    for o in page.with_place:
        m = _place_pattern().search(page.text, o.start("place"), o.end())
        if m:
            page.add(m.start(), m.end(), _canonical_place(m), "places_inside_organs", True)


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> re.Pattern[str]:
    """An organ's abbreviation in capitals, and what makes it a name: an organ label
    before it (``data/organ_labels.txt``), a paragraph sign after it (perhaps after a
    date), or nothing but a date or the line's end after it."""
    abbreviations = "|".join(
        re.escape(a.upper()) for a in sorted(organ_abbreviations(), key=len, reverse=True)
    )
    labels = "|".join(re.escape(x).replace(r"\ ", r"[ \t]+") for x in organ_labels())
    date = r"\d{4}-\d{2}-\d{2}"
    return re.compile(
        rf"(?=[A-ZÅÄÖ])(?P<label>(?i:{labels})[ \t]*:?[ \t]+)?(?<![\w-])(?P<abbr>{abbreviations})"
        rf"(?![\w-])(?:(?P<cited>[ \t]+(?:{date}[ \t]+)?§)|(?P<alone>[ \t]*(?:{date}[ \t]*)?$))?",
        re.M,
    )


def _header_end(text: str, lines: int = 12) -> int:
    """The offset after the first ``lines`` non-empty lines: the letterhead and header."""
    seen = pos = 0
    while pos < len(text) and seen < lines:
        nxt = text.find("\n", pos)
        nxt = len(text) if nxt < 0 else nxt
        seen += bool(text[pos:nxt].strip())
        pos = nxt + 1
    return pos


# Tried in order; a body whose characters an earlier strategy took is not read again.
BODY_STRATEGIES = (
    _agency_organs,
    _listed_agencies,
    _agencies_in_lower_case,
    _listed_organisations,
    _cued_unions,
    _universities_and_courts,
    _municipal_companies,
    _named_associations,
    _named_for_their_task,
    _municipalities_and_regions,
    _attendance_affiliations,
    _municipal_organs,
    _organs_in_capitals,
    _abbreviated_organs,
    _municipality_in_letterhead,
    _places_inside_organs,
)


def find_bodies(text: str) -> list[BodyMatch]:
    """Every body named in the text, in text order; ``found_by`` names the strategy.

    Cached for the document being read (``forget_texts`` starts a new one): the organ and
    municipality rules ask again about the first page and its header lines that the
    entity components already read."""
    return list(_find_bodies(text))


def forget_texts() -> None:
    """Start a new document: what was read for the last one is not reused."""
    _find_bodies.cache_clear()


@lru_cache(maxsize=128)
def _find_bodies(text: str) -> tuple[BodyMatch, ...]:
    page = _Page(text)
    for strategy in BODY_STRATEGIES:
        strategy(page)
    return tuple(sorted((b for b in page.found if not _a_meeting_place(text, b)), key=_start))


def _start(b: BodyMatch) -> int:
    return b.start


def _a_meeting_place(text: str, b: BodyMatch) -> bool:
    """An office named right after a meeting-place label is the building: "Plats och tid:
    Regionkontoret, den 21 mars 2017" (``data/meeting_place_labels.txt``)."""
    if not b.value.lower().endswith(office_heads()):
        return False
    return bool(_meeting_place_label().search(text, max(0, b.start - 40), b.start))


@lru_cache(maxsize=1)
def _meeting_place_label() -> re.Pattern[str]:
    labels = trie_pattern(meeting_place_labels(), flexible_space=r"[ \t]+")
    return re.compile(rf"(?<![\wåäö])(?:{labels})[ \t]*:?[ \t]*$")


def _ends_in_a_head(name: str) -> bool:
    low = name.lower().rstrip("s")
    return low.endswith(_heads_without_s())


@lru_cache(maxsize=1)
def _heads_without_s() -> tuple[str, ...]:
    return tuple(h.lower().rstrip("s") for h in body_heads())


# Two or more words in capitals (a heading, a letterhead), "OCH" and commas between them.
_CAPS_RUN = re.compile(
    r"(?<![\wÅÄÖåäö])[A-ZÅÄÖ]{2,}(?:(?:,?[ \t]|-[ \t]?)(?:OCH[ \t])?[A-ZÅÄÖ]{2,})+(?![\wåäö])"
    r"|(?<![\wÅÄÖåäö])[A-ZÅÄÖ]{6,}(?![\wÅÄÖåäö])"
)
