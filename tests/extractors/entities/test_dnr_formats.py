"""Case-number formats of Swedish registries: one table per format, look-alikes, lookups.

The written forms come from real registries: municipal diaries (Public 360, Ciceron, Lex,
W3D3, Platina, 1990s diaries with classification codes), Göteborg, Mölndal, Botkyrka,
Regeringskansliet, Länsstyrelsen and JO. Each case is run through the whole entity
extraction of a page, so what is asserted is what a document gets.
"""

from __future__ import annotations

import pytest

from diarium.extractors.entities.dnr import (
    canonical_dnr,
    dnr_lookup_keys,
    looks_like_dnr,
    parse_dnr,
)
from diarium.extractors.entities.pipeline import extract_entities


def _dnrs(text: str) -> list[tuple[str, str]]:
    found = extract_entities([text]).entities
    return [(e.text, e.value) for e in found if e.type == "DNR"]


# (text on the page, the number as written, its canonical key)
ANYWHERE = [
    # body, year, serial (Public 360, Ciceron, Platina)
    ("Ärendet KS 2019/0643 avser budget.", "KS 2019/0643", "KS-2019-643"),
    ("Se KS-2022/960.103 för beslutet.", "KS-2022/960.103", "KS-2022-960.103"),
    ("Ärende BN-2023-002242 om bygglov.", "BN-2023-002242", "BN-2023-2242"),
    ("Ärende KS/2019/0001/0009 om taxa.", "KS/2019/0001/0009", "KS-2019-1.9"),
    ("Ärende RÄN-2018-0082 avslutas.", "RÄN-2018-0082", "RÄN-2018-82"),
    ("Ärende KSF 2015/123 om kallelser.", "KSF 2015/123", "KSF-2015-123"),
    # Public 360 document numbers and classification after a dash
    ("Handling KS 2020/00123-4 inkom", "KS 2020/00123-4", "KS-2020-123.4"),
    ("§ 45  Dnr KS 2020/00123-1.2.3", "KS 2020/00123-1.2.3", "KS-2020-123.1.2.3"),
    # body slash year, dot or colon serial (Högsby 2007, Botkyrka VON)
    ("Valärende                 DNR:KU/2007.9", "KU/2007.9", "KU-2007-9"),
    ("Motion                    DNR: KF/2006.366", "KF/2006.366", "KF-2006-366"),
    ("Diarienummer: VON/2025:00149", "VON/2025:00149", "VON-2025-149"),
    ("ersätter riktlinjen VON/2019:82 helt", "VON/2019:82", "VON-2019-82"),
    ("Ärende KS KF/2024:8 om arvoden.", "KS KF/2024:8", "KSKF-2024-8"),
    ("Ärende                 DNR:KNSLI/20014197", "KNSLI/20014197", "KNSLI-2001-4197"),
    # year before the body, zero padding and a classification code kept (Lex, Ciceron)
    ("Dnr 2016/KS 0259 10", "2016/KS 0259 10", "KS-2016-259.10"),
    ("Dnr 2019/KS 0260 005 Remiss", "2019/KS 0260 005", "KS-2019-260.5"),
    # two-digit years (1990s–2010s municipal diaries)
    ("Dnr Ks 97/1155 253", "Ks 97/1155 253", "KS-1997-1155.253"),
    ("2018-08-28 SN 18/0098 Socialnämnden", "SN 18/0098", "SN-2018-98"),
    # year.serial-classification with the diary's code after it
    ("Dnr 2001.653-543 Ks", "2001.653-543 Ks", "KS-2001-653.543"),
    ("Ärende 99.299-308 Ks om vägar", "99.299-308 Ks", "KS-1999-299.308"),
    # compact, year first
    ("Ärende 2016KSM1221.042 gäller", "2016KSM1221.042", "KSM-2016-1221.42"),
    # Regeringskansliet: department letters glued to the year
    ("Beslutat den 12 maj 2021 (dnr M2020/01159).", "M2020/01159", "M-2020-1159"),
    ("Regeringsbeslut Ju2022/02173", "Ju2022/02173", "JU-2022-2173"),
    # Stockholms läns landsting: year and month, then the serial
    ("Landstingsstyrelsen LS 1209-1234 beslut", "LS 1209-1234", "LS-2012-1234.9"),
    ("Ärende HSN 1305-0625 om vårdval", "HSN 1305-0625", "HSN-2013-625.5"),
    # agencies: body, zero-padded serial, two-digit year
    ("Naturvårdsverkets beslut NV-01234-19", "NV-01234-19", "NV-2019-1234"),
    ("Promemoria FA2016/01034/JA", "FA2016/01034/JA", "FA-2016-1034.JA"),
    ("Regeringsbeslut S2014/6324/SFÖ", "S2014/6324/SFÖ", "S-2014-6324.SFÖ"),
    # body, two-digit year, dash, serial and classification (municipal diaries around 2000)
    ("KF § 267 Dnr KS 02-820 107", "KS 02-820 107", "KS-2002-820.107"),
    ("Ärende Bun 03-0123 om skolskjuts", "Bun 03-0123", "BUN-2003-123"),
    # body, year, dash, serial and a classification code after a further dash
    ("Diarienummer KSM-2023-260-214", "KSM-2023-260-214", "KSM-2023-260.214"),
    ("Planuppdrag Dnr KSM2018-835-214 för Näsby 4:1032", "KSM2018-835-214", "KSM-2018-835.214"),
    # body, serial, slash, two-digit year
    ("Länsstyrelsens beslut (MR 406/12 MTN) om tillstånd", "MR 406/12", "MR-2012-406"),
    # body, year, dot, serial
    ("§ 12 Dnr KS 2019.123 Budget", "KS 2019.123", "KS-2019-123"),
    ("Ärende KFN 2016.0123 om bidrag", "KFN 2016.0123", "KFN-2016-123"),
    ("Ärende KS.2019.456 om taxa", "KS.2019.456", "KS-2019-456"),
    # body, serial, four-digit year (regions, landsting)
    ("Ärende VLL 1234-2014 om vårdval", "VLL 1234-2014", "VLL-2014-1234"),
    ("Regionstyrelsen RS 1234-2019 beslut", "RS 1234-2019", "RS-2019-1234"),
    # Justitiekanslern: serial, two-digit year, classification
    ("Inspektion JK 2873-18-2.5 av länsstyrelsen", "JK 2873-18-2.5", "JK-2018-2873.2.5"),
    # a compact number alone in parentheses after an agenda item
    ("avsagt sig uppdraget som ersättare (RV181026).", "RV181026", "RV-2018-1026"),
    ("uppdrag UF2015/33528/UD/AF", "UF2015/33528/UD/AF", "UF-2015-33528.UD.AF"),
]

# Digit-only forms: found after a label, not in running text without one.
LABELLED = [
    ("Dnr 2023-00250", "2023-00250", "2023-250"),
    ("Dnr 2014/304", "2014/304", "2014-304"),
    ("Dnr 0451/23", "0451/23", "2023-451"),
    ("Diarienr: 0263/20", "0263/20", "2020-263"),
    ("§ 227 Diarienummer 00730/20241.1.2", "00730/2024", "2024-730"),
    ("Ärendenummer 00191/2024", "00191/2024", "2024-191"),
    ("dnr 511-20118-2020", "511-20118-2020", "511-2020-20118"),
    ("Dnr 116-2070-18", "116-2070-18", "116-2018-2070"),
    ("Dnr 403-123456-2012", "403-123456-2012", "403-2012-123456"),
    ("Dnr 8.5-29206/2014", "8.5-29206/2014", "8.5-2014-29206"),
    ("(JO:s ärende dnr 6356-2012)", "6356-2012", "2012-6356"),
    ("Vår beteckning: 2001.653-543", "2001.653-543", "2001-653.543"),
    ("Ärendenr RV180949", "RV180949", "RV-2018-949"),
    ("Dnr\n0100/23", "0100/23", "2023-100"),
    ("Vårt dnr 2019/1234", "2019/1234", "2019-1234"),
    ("Dnr 2019:00123", "2019:00123", "2019-123"),
    ("Dnr 1234-19", "1234-19", "2019-1234"),
    ("Diarienr: 8799-17-4.3 / Beslutsdatum", "8799-17-4.3", "2017-8799.4.3"),
    ("Jordbruksverkets ärende Jnr 3159-2012", "3159-2012", "2012-3159"),
    ("Journalnummer 1234-2019", "1234-2019", "2019-1234"),
    ("Er ref 2019/55", "2019/55", "2019-55"),
    ("Dnr 2019/123-1.2.1", "2019/123-1.2.1", "2019-123.1.2.1"),
    ("Dnr 2019.123", "2019.123", "2019-123"),
    ("Dnr 19/0012", "19/0012", "2019-12"),
    ("Dnr KS19/0012", "KS19/0012", "KS-2019-12"),
    ("Dnr BUN 2019:45", "BUN 2019:45", "BUN-2019-45"),
    # a 1990s diary number without its body code: two-digit year, serial, classification
    ("Ks § 122 Dnr 97-461 105", "97-461 105", "1997-461.105"),
    ("Dnr 02-820 107 Budget", "02-820 107", "2002-820.107"),
    # Länsstyrelsen before 2011 (activity code, two-digit year, serial), as an "ärendebeteckning"
    ("Remiss från länsstyrelsen, ärendebeteckning 505-09-6966", "505-09-6966", "505-2009-6966"),
    ("Ärendebeteckning: 251-10-1234", "251-10-1234", "251-2010-1234"),
]


@pytest.mark.parametrize(("text", "written", "key"), ANYWHERE)
def test_numbers_with_a_body_code_are_found_in_running_text(
    text: str, written: str, key: str
) -> None:
    assert _dnrs(text) == [(written, key)]


@pytest.mark.parametrize(("text", "written", "key"), LABELLED)
def test_digit_only_numbers_are_found_after_a_label(text: str, written: str, key: str) -> None:
    assert _dnrs(text) == [(written, key)]


@pytest.mark.parametrize(("text", "written", "key"), LABELLED)
def test_digit_only_numbers_need_a_label(text: str, written: str, key: str) -> None:
    unlabelled = text.split(written)[0].split()[:-1]
    assert _dnrs(" ".join([*unlabelled, "summa", written, "kr"])) == []


@pytest.mark.parametrize(
    "text",
    [
        "KU § 317 06-12-05",
        "enligt kommunallagen (1991:900) och SFS 2018:471",
        "01FS 2021:19 Länsstyrelsens föreskrifter",
        "Interpellation Nr 2001:25 av Ann Svensson (s)",
        "Anhörigstöd (NKA) 2011:1 och NKA, 2016:4",
        "Barn som anhöriga 2015:6",
        "fastigheten Fjällbacka 163:18 och Tanum Hede 1:23",
        "Organisationsnummer 556123-4567 och 212000-1256",
        "Telefon 08-786 40 00, fax 0611-34 93 72",
        "tjänster 2026/2030 och Budget 2022/2023 för läsåret 2021/22",
        "JO 1984/85 s. 413 och JO 2011/12 s. 600",
        "prop. 2013/14:1 och bet. 2013/14:KU1",
        "kl. 13:00 15:30 och kl 08.30-09.30",
        "Verksamhetsplan 2026-2028 och 2007-2009",
        "Mallen UBK1005, v2.0, 2014-11-03",
        "Mål nr T 3592-13",
        "SOU 2023:45 och Ds 2019:12",
        "detaljplan Dp 2019/03 för Norremark 3:14",
        "dataskyddsförordningen EU 2016/679 och ISO 27001:2013",
        "Beslut enligt KF § 123/2019 och KS § 45/2020",
        "Beslut KS 2019-12-16 § 12 och KF 2020-01-27 § 3",
        "vecka 12/2021, version 2.1",
        "Mall Rev 2019-01, uppdaterad Dec 2020-03",
        "TEL 08-820 107 00, Tfn 08-820 107, Vx 08-820 100, FAX 08-820 10 71",
        "Postnummer 123 45 Stockholm, belopp 1 234 567 kr och SEK 2019.50",
        "Skolverket SKOLFS 2011:144, Dir. 2019:12, ESV 2019:12, BFS 2011:6, MSBFS 2020:7",
        "Rapport RiR 2019:12 och BUN 2019:45 utan etikett",
        "Version 2019.12 av Budget 2019.123, avsnitt 3.1.2",
        "standarden (ISO14001), (EN1090), momsnr (SE556677) och (COVID19)",
        "Detaljplan DP 03-123 för Hede och E 18-123",
        "Kostnad 19/123 kr, bilaga 2 sid 19/123",
        "enligt EN 1090-2008, ISO 9001-2015, IEC 61508-2010 och SS 1234-2019",
        "Verksamhetsplan KS 2019-2022, BUN 2019-2020 och MSEK 2019.5",
        "Sid 123/45, direktiv 98/34, KF § 123/19, LS 7/05 och Fördelning 1/04",
    ],
)
def test_look_alikes_are_not_case_numbers(text: str) -> None:
    assert _dnrs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Dnr 2026/2030",
        "Dnr 2021/22",
        "Dnr 2007-2009",
    ],
)
def test_a_year_span_after_a_label_is_no_case_number(text: str) -> None:
    assert _dnrs(text) == []


def test_a_field_label_with_its_value_lines_below() -> None:
    page = (
        " Beslutad av:      Gäller för:             Diarienummer:\n"
        "                                                          beslutet:\n"
        " Stadsdirektör     Stadsledningskontoret   0451/23\n"
        "                                                          2023-02-22\n"
    )
    assert _dnrs(page) == [("0451/23", "2023-451")]


def test_a_column_heading_and_the_numbers_of_its_series() -> None:
    page = (
        "Föredragningslista\n"
        "Nr  Ärende                                   Beteckning\n"
        "1   Val av justerare\n"
        "2   Budget 2024                              2023-00250\n"
        "3   Motion om cykelvägar                     2023-00311\n"
        "4   Taxa för bygglov 2024-2026               2023-01022\n"
    )
    assert [w for w, _ in _dnrs(page)] == ["2023-00250", "2023-00311", "2023-01022"]


def test_a_column_whose_first_rows_carry_no_number() -> None:
    page = (
        "Föredragningslista\nNr\nÄrende\nBeteckning\n"
        "1\nVal av justerare\n2\nGodkännande av dagordningen\n3\nInformation\n"
        "4\nBudget 2024\n2023-00250\n5\nMotion om cykelvägar\n2023-00311\n"
    )
    assert [w for w, _ in _dnrs(page)] == ["2023-00250", "2023-00311"]


def test_a_column_heading_among_other_headings() -> None:
    page = (
        "Nr  Ärende                         Beteckning    Föredragande\n"
        "1   Budget 2024                    2023-00250    Ekonomichef\n"
        "2   Motion om cykelvägar           2023-00311    Gatuchef\n"
    )
    assert [w for w, _ in _dnrs(page)] == ["2023-00250", "2023-00311"]


def test_a_lower_case_label_ending_a_line_of_prose_heads_nothing() -> None:
    page = "Området har enligt planens\nbeteckning\nbyggrätt för 2019/123 kvm och 0045/19 m.\n"
    assert _dnrs(page) == []
    assert _dnrs("Avtalet med Telia, dnr\n0100/23, gäller") == [("0100/23", "2023-100")]


def test_numbers_listed_after_a_label() -> None:
    page = "Ärendet avser Dnr 2019/123, 2019/124 och 2019/130 samt budget 2020/2021."
    assert [w for w, _ in _dnrs(page)] == ["2019/123", "2019/124", "2019/130"]


def test_a_label_in_prose_does_not_head_a_column() -> None:
    page = "Planens beteckning framgår av kartan.\nBudget 2019/456 och 2023-00250 kr\n"
    assert _dnrs(page) == []


def test_parenthesised_numbers_of_the_documents_series() -> None:
    page = (
        "Ramavtal Funktionstjänst Legitimering\n(0065/24)\n"
        "Ramavtal datahall 2026-2029\nDnr 0133/25\n"
        "Registrator domännamn 2025 Dnr 0226/25 (25/12)\n"
    )
    assert sorted(w for w, _ in _dnrs(page)) == ["0065/24", "0133/25", "0226/25"]


def test_a_table_header_row_labels_the_value_row() -> None:
    page = "BESLUT\nSid\nDatum Dnr\n1 (8)\n2014-03-28 6356-2012\nJustitieombudsmannen   6488-2012\n"
    assert sorted(w for w, _ in _dnrs(page)) == ["6356-2012", "6488-2012"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("ks 97/1155", "Dnr Ks 97/1155 253"),
        ("Ks 97/1155 253", "Dnr Ks 97/1155 253"),
        ("rv 180949", "RV180949"),
        ("ks 2016/259", "2016/KS 0259 10"),
        ("ks 2022/960", "KS-2022/960.103"),
        ("2022/960", "KS-2022/960.103"),
        ("0451/23", "451/23"),
        ("451/23", "0451/23"),
        ("von/2025:149", "VON/2025:00149"),
        ("ku/2007.9", "DNR:KU/2007.9"),
        ("m2020/1159", "M2020/01159"),
        ("6356-2012", "6356-2012"),
        ("730/2024", "00730/2024"),
        ("sn 18/98", "SN 18/0098"),
        ("ks 2001/653", "2001.653-543 Ks"),
    ],
)
def test_a_typed_number_finds_the_written_one(typed: str, written: str) -> None:
    assert looks_like_dnr(typed)
    assert dnr_lookup_keys(typed)[0] in dnr_lookup_keys(written)
    # The index stores canonical keys and derives its lookup keys from them.
    stored = canonical_dnr(written)
    assert stored is not None
    assert dnr_lookup_keys(typed)[0] in dnr_lookup_keys(stored)


@pytest.mark.parametrize(
    "typed", ["Ks 97/1155 253", "2016/KS 0259 10", "0451/23", "RV180949", "511-20118-2020"]
)
def test_parse_keeps_every_part(typed: str) -> None:
    parts = parse_dnr(typed)
    assert parts is not None
    assert dnr_lookup_keys(parts.key())[0] == parts.key().lower()


def test_a_plain_year_and_serial_vouches_for_no_other_number() -> None:
    page = "Se ärende Dnr 2019/456.\nEnligt dataskyddsförordningen (EU) 2016/679 och 2014/24/EU."
    assert [w for w, _ in _dnrs(page)] == ["2019/456"]


def test_a_protocol_page_with_its_look_alikes() -> None:
    page = (
        "VÄXJÖ KOMMUN                    SAMMANTRÄDESPROTOKOLL            1 (12)\n"
        "Sammanträdesdatum 2021-03-16\n"
        "Plats och tid  Kommunhuset, kl. 08.30–12.00, ajournering 10.15-10.30\n"
        "§ 45  Dnr KS 2020/00123\n"
        "Yttrande över remiss (Fi2020/04512) om förordning (2020:1234)\n"
        "Enligt 2 kap. 3 § kommunallagen (2017:725) och SOU 2020:15 samt Ds 2019:3.\n"
        "Avtalet med Växjö Energi AB (org.nr 556526-8559) gäller 2021–2024.\n"
        "Kontakt: Per Olsson, tel 0470-412 34, 070-123 45 67.\n"
        "Fastigheten Norremark 3:14 berörs, planprogram 2019-2022.\n"
        "Budget 2021/2022, läsåret 2021/22, prop. 2019/20:1.\n"
        "Se även diarienummer BUN 2018/0321 samt SBN-2021-00055.\n"
        "Rapport 2020:3. Mål nr T 1234-20, Migrationsverkets dnr 1234-2021.\n"
    )
    assert [w for w, _ in _dnrs(page)] == [
        "KS 2020/00123",
        "Fi2020/04512",
        "BUN 2018/0321",
        "SBN-2021-00055",
        "1234-2021",
    ]


def test_the_number_under_a_heading_label_is_the_documents_own() -> None:
    page = (
        "TJÄNSTESKRIVELSE 1 (2) (jfr KS 2017/0012)\n"
        "Datum Vår beteckning Er beteckning\n"
        "Lena Bergström\n"
        "2018-08-28 SN 18/0098 Socialnämnden\n"
        "Revidering av riktlinjer.\n"
    )
    assert extract_entities([page]).metadata.dnr == "SN-2018-98"


def test_forms_only_trusted_right_after_a_label_are_not_read_under_a_heading() -> None:
    page = "Datum Dnr\nkl 13-15 enligt lagen (1991:900)\n"
    assert _dnrs(page) == []
