"""Document metadata as a registrar files it: the type, the document's own date, a title
(a protocol or an agenda by its organ and meeting date, anything else by its subject),
and the issuing organisation — with no municipality for a region, a county board or a
state authority. The first pages are invented in the layouts of real documents from
municipalities, regions and authorities, 1990s to today, through the whole extraction."""

from __future__ import annotations

import pytest

from diarium.extractors.entities import extract_entities

KS_PROTOCOL = """\
KALIX KOMMUN                                   SAMMANTRÄDESPROTOKOLL           1(22)
Kommunstyrelsen
Sammanträdesdatum                              2023-03-06

Plats och tid                                  Kommunhuset, kl 09.00-15.20

Beslutande                                     Tommy Nyström (S), ordförande
                                               Anna Lindberg (C)
                                               Per-Erik Strand (M)

Utses att justera                              Anna Lindberg
Justeringens plats och tid                     Kommunkansliet 2023-03-09

                                               ANSLAG/BEVIS
Anslaget sätts upp                             2023-03-10
Anslaget tas ned                               2023-04-01
"""

AGENDA = """\
FÖREDRAGNINGSLISTA
Bygg- och miljönämnden
Datum: 2024-02-14
Tid: 13.00
Plats: Sammanträdesrum Älgen, Stadshuset

1. Val av justerare
2. Detaljplan för Kv. Ugglan, Dnr BMN 2023/412
3. Delegationsbeslut
"""

TJANSTESKRIVELSE = """\
Tjänsteskrivelse                                                    1 (3)
Datum                    Diarienummer
2019-11-04               KS 2019/0877

Kommunledningskontoret
Maria Ekholm, utredare
maria.ekholm@vaxjo.se

Kommunstyrelsen

Förslag till taxa för tillsyn enligt
alkohollagen 2020

Förslag till beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta taxan.

Sammanfattning
Växjö kommun ska se över taxan. Dokumentet är upprättat 2014-05-02 (mall v2.1).
"""

REGION_PROTOCOL = """\
PROTOKOLL
Regionstyrelsen
Region Gävleborg
Sammanträdesdatum 2021-09-14

Beslutande        Eva Hellstrand (C), ordförande
                  Sara Gille (S)
Övriga deltagare  Lars Sandberg, regiondirektör, Sandvikens kommun
"""

COUNTY_DECISION = """\
BESLUT
Datum                    Beteckning
2022-06-01               526-14567-2022

Länsstyrelsen i Värmlands län
Miljöskyddsenheten

Föreläggande om försiktighetsmått för verksamhet på fastigheten Kil 3:12 i Kils kommun

Beslut
Länsstyrelsen förelägger bolaget att ...
"""

OLD_MINUTES = """\
PROTOKOLL
fört vid sammanträde med kommunfullmäktige i Ljusdals kommun
den 27 maj 1998

Närvarande: se bilaga 1
"""

STEERING_DOC = """\
Riktlinje för inköp och upphandling

Beslutad av:        Kommunfullmäktige
Beslutsdatum:       2016-12-12
Senast reviderad:   2021-04-26
Diarienummer:       KS 2016/311
Gäller för:         Alla nämnder i Lerums kommun
"""

WEB_DECISION = """\
Publiceringsdatum: 2023-01-12
Senast uppdaterad: 2023-01-20

12FS 2022:7
Utkom från trycket den 20 december 2022.
Länsstyrelsen i Skåne läns föreskrifter om ändring i föreskrifterna om skyddsjakt.
Beslutad den 15 december 2022.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            KS_PROTOCOL,
            {
                "doc_type": "protokoll",
                "document_date": "2023-03-06",
                "title": "Sammanträdesprotokoll Kommunstyrelsen 2023-03-06",
                "municipality": "Kalix",
                "organisation": "Kalix kommun",
            },
        ),
        (
            AGENDA,
            {
                "doc_type": "kallelse",
                "document_date": "2024-02-14",
                "title": "Bygg- och miljönämnden, sammanträde 2024-02-14 (föredragningslista)",
            },
        ),
        (
            TJANSTESKRIVELSE,
            {
                "doc_type": "tjänsteskrivelse",
                "document_date": "2019-11-04",
                "title": "Förslag till taxa för tillsyn enligt alkohollagen 2020",
                "municipality": "Växjö",
            },
        ),
        (
            REGION_PROTOCOL,
            {
                "doc_type": "protokoll",
                "document_date": "2021-09-14",
                "title": "Protokoll Regionstyrelsen 2021-09-14",
                "municipality": None,
                "organisation": "Region Gävleborg",
            },
        ),
        (
            COUNTY_DECISION,
            {
                "doc_type": "beslut",
                "document_date": "2022-06-01",
                "title": "Föreläggande om försiktighetsmått för verksamhet på fastigheten Kil 3:12"
                " i Kils kommun",
                "municipality": None,
                "organisation": "Länsstyrelsen i Värmlands län",
            },
        ),
        (
            OLD_MINUTES,
            {
                "doc_type": "protokoll",
                "document_date": "1998-05-27",
                "municipality": "Ljusdal",
            },
        ),
        (
            STEERING_DOC,
            {
                "document_date": "2021-04-26",
                "title": "Riktlinje för inköp och upphandling",
                "municipality": "Lerum",
            },
        ),
        (
            WEB_DECISION,
            {
                "doc_type": "beslut",
                "document_date": "2022-12-15",
                "title": "12FS 2022:7 Länsstyrelsen i Skåne läns föreskrifter om ändring i"
                " föreskrifterna om skyddsjakt",
                "municipality": None,
                "organisation": "Länsstyrelsen i Skåne län",
            },
        ),
    ],
)
def test_metadata(text: str, expected: dict[str, str | None]) -> None:
    md = extract_entities([text]).metadata
    got = {key: getattr(md, key) for key in expected}
    assert got == expected


@pytest.mark.parametrize(
    ("first_line", "kind"),
    [
        ("FÖREDRAGNINGSLISTA", "kallelse"),
        ("Kallelse till sammanträde med socialnämnden", "kallelse"),
        ("KUNGÖRELSE", "kallelse"),
        ("Dagordning", "kallelse"),
        ("Protokollsutdrag", "protokollsutdrag"),
        ("TJÄNSTEUTLÅTANDE", "tjänsteutlåtande"),
        ("Delegationsbeslut", "beslut"),
        ("Yttrande över remiss om ny avfallsplan", "yttrande"),
        ("Minnesanteckningar", "minnesanteckningar"),
        ("§ 112 Dnr 2020/45 Detaljplan för Norra hamnen", "protokoll"),
        # A page number before the heading, and an authority's decision heading.
        ("1 BESLUT 1(4)", "beslut"),
        ("Dnr 123-2019\nJustitiekanslerns beslut", "beslut"),
        ("Länsstyrelsens beslut", "beslut"),
        # A government decision with the layout's number glued on.
        ("Finansdepartementet\nRegeringsbeslut33", "beslut"),
    ],
)
def test_doc_types(first_line: str, kind: str) -> None:
    text = f"{first_line}\nDatum 2020-05-05\nNågot om ärendet.\n"
    assert extract_entities([text]).metadata.doc_type == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A steering document's "Beslutande instans" is no roll call of a meeting.
        (
            "Riktlinjer för dokumenthantering\n- Beslutande instans:\n- Kommunfullmäktige\n"
            "- Beslutsdatum:\n- 2021-02-23\nDetta är ett styrdokument.\n",
            "other",
        ),
        ("Plats och tid Kommunhuset\nBeslutande Anna Ek (S), ordförande\n", "protokoll"),
        # A type word inflected in running text counts, the first part of a compound not.
        ("Ärendet\nNämnden tog del av yttrandet från länsstyrelsen.\n", "yttrande"),
        ("Regionstyrelsen 3 juni 2025\nKulturen främjar yttrandefrihet.\n", "other"),
        ("Ärendet\nEtt nytt kallelseförfarande införs.\n", "other"),
        # A company board's minutes rendered as a web page: a meeting heading over the
        # agenda, then the paragraphs.
        (
            "Sammanträde 2009-03-18\nDatum\n2 Fastställande av dagordning\n3 Anmälan\n"
            "§1 Val av justeringsmän\nOrdföranden utsågs att justera.\n"
            "§2 Fastställande av dagordning\nDagordningen godkändes.\n",
            "protokoll",
        ),
        ("Sammanträde 2009-03-18\n2 Fastställande av dagordning\n3 Anmälan\n", "kallelse"),
    ],
)
def test_doc_type_in_running_text(text: str, kind: str) -> None:
    assert extract_entities([text]).metadata.doc_type == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The town a council meets in is its own, not a municipality an item names.
        (
            "Plats och tid Sessionssalen Tranås, tisdagen den 3 maj 2016 kl 09:00-11:00\n"
            "Beslutande Anna Ek (S), ordförande\n"
            "§ 5 Försäljning av fastigheten Holk 1 i Eksjö kommun\n",
            ("Tranås", "Tranås kommun"),
        ),
        # Where the minutes are kept names the municipality too, also in the genitive.
        (
            "Justeringens plats och tid Rådhuset kl. 09:00\nBeslutande Anna Ek (S)\n"
            "Förvaringsplats för protokollet Staffanstorps rådhus\n"
            "§ 4 Yttrande till Lunds kommun\n",
            ("Staffanstorp", "Staffanstorps kommun"),
        ),
        # A letterhead in capitals still names the issuer.
        (
            "ESLÖVS KOMMUN\nPlats och tid Stadshuset, Höör, kl 18:00\nBeslutande Anna Ek (S)\n",
            ("Eslöv", "Eslövs kommun"),
        ),
    ],
)
def test_municipality_from_the_meeting_place(text: str, expected: tuple[str, str]) -> None:
    md = extract_entities([text]).metadata
    assert (md.municipality, md.organisation) == expected


def test_a_web_pages_breadcrumb_trail_is_no_title() -> None:
    text = (
        "- Startsida\n- Kommun och politik\n- Styrande dokument\n- Policyer\n"
        "- Policy för bredbandsutbyggnad\nPolicy för bredbandsutbyggnad\n"
        "- Beslutande instans:\n- Kommunfullmäktige\n- Beslutsdatum:\n- 2019-05-20\n"
        "Detta är ett styrdokument.\n"
    )
    md = extract_entities([text]).metadata
    assert (md.title, md.doc_type) == ("Policy för bredbandsutbyggnad", "other")


@pytest.mark.parametrize(
    "line",
    [
        "Publicerad 2015-03-12, Uppdaterad 2021-11-18",
        "Senast ändrad 2021-12-23",
        "Uppdaterad 2020-05-04",
    ],
)
def test_a_web_pages_publishing_dates_are_not_the_document_date(line: str) -> None:
    text = f"Direktionen\nDirektionen är förbundets högsta beslutande organ.\n{line}\n"
    assert extract_entities([text]).metadata.document_date is None


def test_notice_dates_are_not_the_document_date() -> None:
    text = "Protokoll\nAnslaget till och med 2020-02-01\nSammanträdesdatum 2020-01-08\n"
    assert extract_entities([text]).metadata.document_date == "2020-01-08"


def test_the_meeting_date_beside_the_organ_wins_over_the_justering() -> None:
    text = (
        "Protokoll\nKommunstyrelsen 2024-03-12\n\nPlats och tid: Stadshuset, kl. 13:00\n"
        "Justeringens plats och tid: Kommunledningskontoret, 2024-03-19\n"
    )
    md = extract_entities([text]).metadata
    assert (md.document_date, md.title) == ("2024-03-12", "Protokoll Kommunstyrelsen 2024-03-12")


def test_a_period_and_a_template_date_are_no_document_date() -> None:
    text = (
        "Lista över gällande avtal\n- Avtalsperiod 2024-12-03 till 2028-12-02\n"
        "Mall ABC123, v3.1, 2014-11-03\n"
    )
    assert extract_entities([text]).metadata.document_date is None


REGION_COMMITTEE = """\
PROTOKOLL
Regionstyrelsens arbetsutskott
Sammanträdesdatum 2022-05-10

Närvarande
Peter Olofsson (S), ordförande
Övriga deltagare
Anna Lindström, Skellefteå kommun, §§ 3-4
Lena Ek, regiondirektör

Region Västerbotten
"""

KF_NOTICE = """\
KUNGÖRELSE
Kommunfullmäktige i Nässjö kommun sammanträder torsdagen den 25 januari 2024 kl. 18.30
i Stadshuset, Sessionssalen.

Ärenden
1. Val av justerare
2. Årsredovisning 2023 för Höglandets kommunalförbund
"""


@pytest.mark.parametrize("text", [REGION_PROTOCOL, REGION_COMMITTEE])
def test_an_attendees_municipality_is_not_the_documents(text: str) -> None:
    md = extract_entities([text]).metadata
    assert md.municipality is None
    assert md.organisation.startswith("Region ")


def test_a_notice_of_a_council_meeting() -> None:
    md = extract_entities([KF_NOTICE]).metadata
    assert (md.doc_type, md.document_date, md.municipality) == ("kallelse", "2024-01-25", "Nässjö")
    assert md.title == "Kommunfullmäktige, sammanträde 2024-01-25 (föredragningslista)"


def test_a_subject_under_its_label() -> None:
    text = (
        "TJÄNSTESKRIVELSE\nDatum 2020-03-03\nÄrende\nÖversyn av taxor för bygglov\n"
        "Förslag till beslut\nMiljö- och byggnadsnämnden beslutar att anta taxan.\n"
    )
    md = extract_entities([text]).metadata
    assert (md.doc_type, md.title) == ("tjänsteskrivelse", "Översyn av taxor för bygglov")


def test_a_county_council_has_no_municipality() -> None:
    text = "Landstinget i Uppsala län\nPROTOKOLL\nLandstingsstyrelsen\nDatum 1999-02-16\n"
    md = extract_entities([text]).metadata
    assert (md.municipality, md.organisation) == (None, "Landstinget i Uppsala län")
    assert md.title == "Protokoll Landstingsstyrelsen 1999-02-16"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nothing but the meeting place names the municipality: a council meets at home.
        (
            "Kommunfullmäktige 1999-03-22\nPlats och tid Folkets Hus, Kramfors, kl 18.00\n"
            "Utses att justera Anna Berg (s)\n",
            ("Kramfors", "Kramfors kommun"),
        ),
        # A county council meeting in a town has no municipality.
        (
            "PROTOKOLL Landstingsstyrelsen Tid Måndagen den 10 november 2008 "
            "Plats Sessionssalen, Kiruna\nLandstingsdirektörens rapport\n",
            (None, None),
        ),
        # "Tid och plats" and the address where the minutes are kept.
        (
            "1 (40) Tid och plats Stadshuset, sessionssalen Kl 18 Beslutande Se bilaga "
            "Protokollet finns hos Stadskansliet Adress Stadshuset Storgatan 1 Sundsvall",
            ("Sundsvall", "Sundsvalls kommun"),
        ),
        # Nothing but the council's own company names the municipality.
        (
            "Sammanträde 2023-11-22\n1 Återrapport om Lerums Bostäder AB\n"
            "Kommunledningsutskottets förslag till beslut\n",
            ("Lerum", "Lerums kommun"),
        ),
        # A kommunalförbund meets in a member's town: that town is not its municipality.
        (
            "Protokoll förbundsstyrelsen\nPlats och tid Stadshuset, Falkenberg, kl 08.30\n"
            "Utses att justera Eva Ek (S)\n",
            (None, None),
        ),
        # A county board's decision about a reserve in a municipality: no municipality.
        (
            "BESLUT\nBeslut om naturreservatet Storkärret i Ljusdals kommun\n"
            "Länsstyrelsens beslut\nLänsstyrelsen beslutar att bilda naturreservatet.\n",
            (None, "Länsstyrelsen"),
        ),
    ],
)
def test_municipality_from_the_page(text: str, expected: tuple) -> None:
    md = extract_entities([text]).metadata
    assert (md.municipality, md.organisation) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A delegation decision: the formula and the next heading are no part of the subject.
        (
            "DELEGATIONSBESLUT\nDatum 2021-02-03\nBeslut enligt delegationsordning för "
            "Kommunstyrelsen Ändring av attestordning för 2021 Beslut\n",
            "Ändring av attestordning för 2021",
        ),
        # Minutes whose meeting date is not written: the organ names them.
        (
            "SAMMANTRÄDESPROTOKOLL Sida 1(12) Byggnadsnämnden\nPlats och tid Rådhuset\n"
            "Utses att justera Eva Ek (S)\n",
            "Sammanträdesprotokoll Byggnadsnämnden",
        ),
    ],
)
def test_titles_of_other_shapes(text: str, expected: str) -> None:
    assert extract_entities([text]).metadata.title == expected


def test_an_attachment_file_name_is_neither_type_nor_title() -> None:
    text = (
        "Sammanträde 2024-02-14\n\n1 Budgetuppföljning\nKommunstyrelsens förslag till beslut\n"
        "Bilagor\nTjänsteskrivelse Budgetuppföljning januari.pdf\n"
    )
    md = extract_entities([text]).metadata
    assert md.doc_type == "kallelse"
    assert md.title is None or not md.title.endswith(".pdf")


# Headers that a PDF transcript ran into one line (docplayer, text layers of scanned
# forms): the subject stands between the header's fields and the first section heading.
FLAT_TITLES = [
    # A county board's decision: a subject opener, ended by the issuer's decision heading.
    (
        "1 BESLUT 1(9) Kontaktperson Naturavdelningen Anna Berg Enligt sändlista "
        "Beslut om bildande av naturreservatet Ryssbergen i Bromölla kommun "
        "Länsstyrelsens beslut Länsstyrelsen förklarar med stöd av 7 kap. 4 § miljöbalken "
        "det område som avgränsats på bifogad karta som naturreservat. Reservatets namn ska "
        "vara Ryssbergen. Föreskrifter gäller enligt bilaga 2 till detta beslut.",
        "Beslut om bildande av naturreservatet Ryssbergen i Bromölla kommun",
    ),
    # A tjänsteskrivelse: type word, officer, addressed organ, subject, "Förslag till beslut".
    (
        "1 Tjänsteskrivelse BUN Handläggare: Per Lundqvist Barn- och utbildningsnämnden "
        "Skolskjuts för elever i gymnasiesärskolan läsåret 2024/25 Förslag till beslut "
        "Barn- och utbildningsnämnden godkänner förvaltningens förslag till riktlinjer för "
        "skolskjuts. Ärendet Förvaltningen har sett över riktlinjerna för skolskjuts och "
        "föreslår att elever i gymnasiesärskolan får samma rätt som i grundsärskolan.",
        "Skolskjuts för elever i gymnasiesärskolan läsåret 2024/25",
    ),
    # A statement to a ministry: a name with a role after a comma, the subject ended by
    # the ministry's case number.
    (
        "1 Vår beteckning Infrastrukturdepartementet STOCKHOLM YTTRANDE 1(4) Handläggare, "
        "titel Jonas Ek, trafikplanerare Nationell plan för transportinfrastrukturen "
        "2026–2037 I2025/00417 Infrastrukturdepartementet har gett Luleå kommun tillfälle att "
        "yttra sig över förslaget. Kommunen anser att planen behöver prioritera Norrbotniabanan "
        "och underhållet av det befintliga vägnätet i länet under hela planperioden.",
        "Nationell plan för transportinfrastrukturen 2026–2037",
    ),
    # A subject ended by "Sammanfattning", the header holding a date and a case number.
    (
        "Tjänsteskrivelse Datum 2019-05-14 Dnr KS 2019/212 Kommunledningsförvaltningen "
        "Karin Holm Kommunstyrelsen Revidering av riktlinjer för representation och gåvor "
        "Sammanfattning Riktlinjerna för representation antogs 2012 och behöver ses över. "
        "Förvaltningen föreslår att riktlinjerna revideras enligt bilaga och att de gäller "
        "för samtliga nämnder och bolag i Växjö kommun från och med den 1 juli 2019.",
        "Revidering av riktlinjer för representation och gåvor",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FLAT_TITLES)
def test_subject_of_a_header_run_into_one_line(text: str, expected: str) -> None:
    assert extract_entities([text]).metadata.title == expected


def test_running_text_of_a_flat_page_is_no_subject() -> None:
    # No heading, no field: the first run of words is a sentence, not a subject.
    text = (
        "1 YTTRANDE 1(2) Kommunen har tagit del av remissen och lämnar följande synpunkter. "
        "Förslaget innebär att ansvaret för tillsynen flyttas till staten. Kommunen anser "
        "att det riskerar att försämra den lokala kännedomen om verksamheterna och att "
        "handläggningstiderna blir längre för de enskilda som berörs av tillsynen i länet."
    )
    title = extract_entities([text]).metadata.title
    assert title is None or not title.startswith("Kommunen har tagit del")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A type-word line carrying the header's fields; the subject opens a later line
        # ("Yttrande över ...") and runs on over lines in lower case.
        (
            "Yttrande Datum 2022-03-09 Diarienummer 1204/2022 Ert diarienummer "
            "S2021/07805 Socialdepartementet\nTrafikverket, 781 89 Borlänge\n\n"
            "Yttrande över betänkandet En ny lag om\nfärdtjänst och riksfärdtjänst (SOU 2021:85)\n"
            "Trafikverkets ställningstagande\nTrafikverket tillstyrker förslagen.\n",
            "Yttrande över betänkandet En ny lag om färdtjänst och riksfärdtjänst (SOU 2021:85)",
        ),
        # An extract named by the meeting only: the subject is the next heading.
        (
            "Utdrag ur protokoll vid sammanträde 2021-11-04\n\n"
            "Närvarande: Justitieråden Anna Berg och Per Holm\n\n"
            "Ändrade regler om offentlighet vid tillsyn över skolor\n\n"
            "Enligt en lagrådsremiss den 14 oktober 2021 har regeringen beslutat inhämta "
            "Lagrådets yttrande.\n",
            "Ändrade regler om offentlighet vid tillsyn över skolor",
        ),
        # An authority's reference line ("JO dnr 812-2019") is no title.
        (
            "JO dnr 812-2019\n\nKritik mot Socialnämnden i Tranemo kommun för handläggningen "
            "av ett ärende om bistånd\n\nBeslutet i korthet: En kvinna ansökte om bistånd.\n",
            "Kritik mot Socialnämnden i Tranemo kommun för handläggningen av ett ärende om bistånd",
        ),
    ],
)
def test_subject_below_a_reference_or_meeting_line(text: str, expected: str) -> None:
    assert extract_entities([text]).metadata.title == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nothing names the municipality but its own company on the second page.
        (
            "1(30) Plats och tid Sessionssalen, stadshuset, kl 13:00-16:10 Beslutande "
            "Anna Ek (S), ordförande Per Lind (M) Utses att justera Per Lind (M) Anslag/Bevis "
            "Organ Kommunstyrelsen\f2(30) Övriga närvarande Eva Berg, VD Köpings "
            "Kommunfastigheter AB, Ola Sand, kommundirektör",
            "Köping",
        ),
        # Two towns' companies: no owner can be told.
        (
            "1(30) Plats och tid Sessionssalen, kl 13:00 Beslutande Anna Ek (S), ordförande "
            "Utses att justera Per Lind (M)\f2(30) Gäster: Köpings Kommunfastigheter AB och "
            "Arboga Kommunteknik AB",
            None,
        ),
    ],
)
def test_municipality_from_its_own_company(text: str, expected: str | None) -> None:
    assert extract_entities(text.split("\f")).metadata.municipality == expected
