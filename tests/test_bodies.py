"""Public bodies as a registrar names them: nämnder, utskott, förvaltningar,
municipalities, regions, county boards, ministries, agencies, courts, kommunalförbund,
municipal companies, universities, associations and unions, each folded to one canonical
name; internal units, parties, generic heads and private companies left out. The cases
are invented in the manner of documents from municipalities and authorities all over
the country."""

from __future__ import annotations

import pytest

from diarium.extractors.entities.bodies import find_bodies


def bodies(text: str) -> list[str]:
    return [b.value for b in find_bodies(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Högsby kommun", ["Högsby kommun"]),
        ("Mölndals stad och Göteborgs Stads nämnder", ["Mölndals stad", "Göteborgs stad"]),
        ("Region Uppsala", ["Region Uppsala"]),
        ("Malmö stad och Solna stad", ["Malmö stad", "Solna stad"]),
        ("Länsstyrelsen i Stockholms län", ["Länsstyrelsen i Stockholms län"]),
        ("Länsstyrelsen i Västra Götalands läns beslut", ["Länsstyrelsen i Västra Götalands län"]),
        ("yttrande till Miljödepartementet", ["Miljödepartementet"]),
        ("enligt Naturvårdsverkets vägledning", ["Naturvårdsverket"]),
        ("ersättning från migrationsverket", ["Migrationsverket"]),
        ("Sjöfartsverket och Folkhälsomyndigheten", ["Sjöfartsverket", "Folkhälsomyndigheten"]),
        ("Förvaltningsrätten i Luleå", ["Förvaltningsrätten i Luleå"]),
        ("Högsta förvaltningsdomstolen", ["Högsta förvaltningsdomstolen"]),
        ("Kommunförbundet Fyrbodal", ["Kommunförbundet Fyrbodal"]),
        ("Samordningsförbundet Västerbotten har", ["Samordningsförbundet Västerbotten"]),
        ("Tanums Bostäder AB", ["Tanums Bostäder AB"]),
        ("Mölndal Energi AB:s årsredovisning", ["Mölndal Energi AB"]),
        ("Kvarnfallet Mölndal AB:s bolagsordning", ["Kvarnfallet Mölndal AB"]),
        ("Skellefteåbostäder AB", ["Skellefteåbostäder AB"]),
        (
            "Linnéuniversitetet och Uppsala universitet",
            ["Linnéuniversitetet", "Uppsala universitet"],
        ),
        ("Högskolan i Gävle", ["Högskolan i Gävle"]),
        ("facklig representant för Vision", ["Vision"]),
        ("Företagarnas förslag", ["Företagarna"]),
        ("FN:s barnkonvention", ["FN"]),
        ("Nämnden för intraservice", ["Nämnden för intraservice"]),
        ("Nätverket Rädda Kyrkskolan", ["Nätverket Rädda Kyrkskolan"]),
        ("Till tekniskt utskott utses", ["Tekniskt utskott"]),
        ("Tekniska nämnden", ["Tekniska nämnden"]),
        ("kommunstyrelsens kansli", ["Kommunstyrelsens kansli"]),
        # The municipality an organ's name ends in is a body of its own as well.
        ("Kommunfullmäktige i Kalix kommun", ["Kommunfullmäktige i Kalix kommun", "Kalix kommun"]),
        (
            "Region Kalmar län och Region Jämtland Härjedalen",
            ["Region Kalmar län", "Region Jämtland Härjedalen"],
        ),
        ("Kommunförbundet Kalmar län", ["Kommunförbundet Kalmar län"]),
        ("beretts av kommunstyrelsens arbetsutskott", ["Kommunstyrelsens arbetsutskott"]),
        ("Vid tekniska förvaltningen", ["Tekniska förvaltningen"]),
        ("anmälan till IVO", ["IVO"]),
        ("Landstinget i Uppsala län", ["Landstinget i Uppsala län"]),
        (
            "Landstinget Sörmland och Stockholms läns landsting",
            ["Landstinget Sörmland", "Stockholms läns landsting"],
        ),
        # An office named with the place it serves: the place is no part of its name.
        (
            "inom vård- och omsorgsförvaltningen i Botkyrka kommun",
            ["Vård- och omsorgsförvaltningen", "Botkyrka kommun"],
        ),
        # Table cells glued together by an HTML rendering.
        ("Nämnd/StyrelseArbetsmarknads- och socialnämnden", ["Arbetsmarknads- och socialnämnden"]),
        # Organs in an agenda heading set in capitals.
        (
            "§ 12 SAMMANTRÄDESTIDER FÖR KOMMUNSTYRELSEN OCH KOMMUNSTYRELSENS ARBETSUTSKOTT 2025",
            ["Kommunstyrelsen", "Kommunstyrelsens arbetsutskott"],
        ),
        ("BARN- OCH UTBILDNINGSNÄMNDEN\nProtokoll", ["Barn- och utbildningsnämnden"]),
        # State authorities known by one name, in the genitive too.
        ("Justitiekanslerns beslut i ärendet", ["Justitiekanslern"]),
        ("yttrande från Skogsstyrelsen", ["Skogsstyrelsen"]),
        ("Polisen inledde en förundersökning", ["Polisen"]),
        # Agencies of the 1990s and 2000s, in the genitive too.
        ("enligt Ekonomistyrningsverkets föreskrifter", ["Ekonomistyrningsverket"]),
        ("avseende Arbetsmarknadsverket och Vägverket", ["Arbetsmarknadsverket", "Vägverket"]),
        # A coordination whose hyphen lost its space, folded to the written-out name.
        ("Revisionsrapport, barn-och ungdomsnämndens styrning", ["Barn- och ungdomsnämnden"]),
        ("Protokoll från kultur-och fritidsnämnden", ["Kultur- och fritidsnämnden"]),
        # The municipal advisory councils (råd) by name.
        ("Anmälan av handikapprådets protokoll", ["Handikapprådet"]),
        ("yttrande från pensionärsrådet", ["Pensionärsrådet"]),
        # National associations of municipalities under their older names, and the one
        # region not named "Region X".
        ("enligt Sveriges Kommuner och Landsting", ["Sveriges Kommuner och Landsting"]),
        ("Svenska Kommunförbundets cirkulär", ["Svenska Kommunförbundet"]),
        ("Västra Götalandsregionens delårsrapport", ["Västra Götalandsregionen"]),
        # A region named "Region X län" in the genitive.
        ("Region Jönköpings läns andel av garantin", ["Region Jönköpings län"]),
        ("Region Jämtland Härjedalens beslut", ["Region Jämtland Härjedalen"]),
        # An abbreviation joined to the head by a hyphen.
        ("Slutbetänkande av PBL-kommittén (SOU 2005:77)", ["PBL-kommittén"]),
        ("IT-nämnden och VA-nämndens beslut", ["IT-nämnden", "VA-nämnden"]),
        # A county council's letterhead in capitals.
        ("ÖREBRO LÄNS LANDSTING PROTOKOLL 2009", ["Örebro läns landsting"]),
    ],
)
def test_bodies(text: str, expected: list[str]) -> None:
    assert bodies(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A state agency's own organ, and the agency.
        ("Skatteverkets styrelse beslutade", ["Skatteverkets styrelse", "Skatteverket"]),
        ("Trafikverkets insynsråd sammanträdde", ["Trafikverkets insynsråd", "Trafikverket"]),
        ("yttrande från Statens jordbruksverk", ["Statens jordbruksverk"]),
        ("Strålsäkerhetsmyndighetens föreskrifter", ["Strålsäkerhetsmyndigheten"]),
        ("remiss från Statens haverikommission", ["Statens haverikommission"]),
        ("Statens veterinärmedicinska anstalts rapport", ["Statens veterinärmedicinska anstalt"]),
        # Committees with long names: a coordinated owner, a task with its adjective.
        ("Barn- och ungdomsnämndens arbetsutskott", ["Barn- och ungdomsnämndens arbetsutskott"]),
        ("Beredningen för hållbar utveckling", ["Beredningen för hållbar utveckling"]),
        ("Kommunens revisorer granskar", ["Kommunens revisorer"]),
        # A region's organ, and the region.
        (
            "Hälso- och sjukvårdsnämnden i Region Stockholm",
            ["Hälso- och sjukvårdsnämnden i Region Stockholm", "Region Stockholm"],
        ),
        # A municipal company with its trade word in lower case, cut to its own words.
        ("Logistik, Eskilstuna kommunfastighet AB, Per", ["Eskilstuna kommunfastighet AB"]),
        ("Avtalet med Tanums Bostäder AB gäller", ["Tanums Bostäder AB"]),
        # A logo's text: the municipality's name alone at the top of a page.
        (
            "Järfälla\nSocialförvaltningen\nTjänsteskrivelse",
            ["Järfälla kommun", "Socialförvaltningen"],
        ),
        # A city's letterhead in capitals.
        ("GÖTEBORGS STAD\nStadsledningskontoret", ["Göteborgs stad", "Stadsledningskontoret"]),
        # Municipal councils with an adjective before their head.
        ("Kommunala pensionärsrådet (KPR) informerades", ["Kommunala pensionärsrådet"]),
        # A county board's deciding organ.
        (
            "Miljöprövningsdelegationen vid Länsstyrelsen i Stockholms län",
            ["Miljöprövningsdelegationen", "Länsstyrelsen i Stockholms län"],
        ),
        # Courts by their place, and by their seat.
        ("Uppsala tingsrätts dom", ["Uppsala tingsrätt"]),
        ("överklagas till Förvaltningsrätten i Malmö", ["Förvaltningsrätten i Malmö"]),
        ("Kammarrätten i Göteborg ändrade", ["Kammarrätten i Göteborg"]),
        (
            "Mark- och miljödomstolen vid Nacka tingsrätt",
            ["Mark- och miljödomstolen", "Nacka tingsrätt"],
        ),
        ("enligt HFD 2015 ref. 12", ["HFD"]),
        # Universities and colleges, named or by their place.
        ("Högskolan i Borås", ["Högskolan i Borås"]),
        ("Linnéuniversitetets rapport", ["Linnéuniversitetet"]),
        ("forskare vid KTH:s avdelning", ["KTH"]),
        (
            "Karolinska Institutet och Umeå universitet",
            ["Karolinska Institutet", "Umeå universitet"],
        ),
        ("Sveriges lantbruksuniversitet", ["Sveriges lantbruksuniversitet"]),
        # A proper name after the head.
        ("Stadsdelsnämnden Västra Göteborg beslutade", ["Stadsdelsnämnden Västra Göteborg"]),
        ("Samordningsförbundet Östra Södertörn beslutar", ["Samordningsförbundet Östra Södertörn"]),
        ("Kommunalförbundet Sjuhärad", ["Kommunalförbundet Sjuhärad"]),
        # An organ by its abbreviation, where a registrar reads a name.
        ("Fastställd av SN 48/65        Dnr: 2013-000005.700", ["Socialnämnden"]),
        ("KSAU 2018-03-12\nProtokoll", ["Kommunstyrelsens arbetsutskott"]),
        ("enligt KF § 12", ["Kommunfullmäktige"]),
        ("Beslutande organ: BUN", ["Barn- och utbildningsnämnden"]),
    ],
)
def test_public_sector_bodies(text: str, expected: list[str]) -> None:
    assert bodies(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # An organ's abbreviation as a case number's code is no name.
        "Dnr KS 2019/0643",
        "KS-2022/960.103",
        "ärende SBN 2023.145 om bygglov",
        # An office where a meeting is held is the building.
        "Plats och tid: Regionkontoret, den 21 mars 2017, kl. 13:00",
        # A kind of body, not a particular one.
        "vid personlig inställelse inför en taxeringsnämnd",
        "varje nämnd ansvarar för sin budget",
        # Delegation of a decision is no delegation as a body.
        "rätt till vidaredelegation enligt delegationen",
        # "Statens" before an ordinary noun is no agency.
        "Statens bidrag till kommunerna",
    ],
)
def test_an_abbreviation_as_a_case_numbers_code_names_no_organ(text: str) -> None:
    assert bodies(text) == []


def test_an_agencys_genitive_before_an_ordinary_noun_is_the_agency_alone() -> None:
    assert bodies("Skatteverkets yttrande") == ["Skatteverket"]


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Skatteverkets styrelse", "agency_organs"),
        ("Kommunstyrelsen", "municipal_organs"),
        ("Fastställd av SN 48/65", "abbreviated_organs"),
        ("Uppsala tingsrätt", "universities_and_courts"),
        ("Botkyrka kommun", "municipalities_and_regions"),
    ],
)
def test_each_body_names_the_strategy_that_found_it(text: str, evidence: str) -> None:
    assert find_bodies(text)[0].found_by == evidence


@pytest.mark.parametrize(
    "text",
    [
        "förvaltningen föreslår att nämnden beslutar",
        "Nämnd / styrelse",
        "Kontoret har beretts tillfälle att yttra sig",
        "avtal med CGI Sverige AB och Telia Cygate AB",
        "Lundbergs Fastigheter AB",
        "Nätverket för kvalitet",
        "Socialdemokraterna och Moderaterna",
        "föreningen Direkt",
        "kraftverket och reningsverket",
        # A council member's title is a person's, not a council.
        "kommunalrådet och oppositionsrådet",
        # Headings in capitals that name no organ.
        "ANSLAG/BEVIS SAMMANTRÄDESPROTOKOLL",
        "TJÄNSTESKRIVELSE FÖRVALTNINGEN",
    ],
)
def test_not_bodies(text: str) -> None:
    assert bodies(text) == []
