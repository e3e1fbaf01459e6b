"""People in the shapes Swedish minutes, agendas and letters write them: attendance lists
and tables that PDF and HTML extraction flatten, party letters before or after a name,
roles after a comma, signature blocks, pairs joined by "och" — and the look-alikes that
are not people (vacant seats, pseudonyms, cited authors, places, bodies, role words).
The cases are invented in the manner of real documents from other municipalities."""

from __future__ import annotations

import pytest

from diarium.extractors.entities.people import find_people


def names(text: str) -> list[str]:
    return [p.value for p in find_people(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A flattened attendance list: the next given name opens the next person.
        ("Närvarande Inger Jonsson Bernt Söderman", ["Inger Jonsson", "Bernt Söderman"]),
        # A role word between two names is neither's surname.
        (
            "Staffan Granström Ordförande Maidie Lundqvist (S)",
            ["Staffan Granström", "Maidie Lundqvist"],
        ),
        # A capitalised role word inside a flattened list ends the name before it.
        (
            "Kommundirektör Lars Berg Kommunplanerare Eva Holm Kommunsekreterare Ann Ek",
            ["Lars Berg", "Eva Holm", "Ann Ek"],
        ),
        # Older given names (Gunn) and ones from the rest of Europe (Sabine) open a name.
        ("Övriga Daniel Nyberg Sabine Falk Monica Berg (kd)",
         ["Daniel Nyberg", "Sabine Falk", "Monica Berg"]),
        ("Gunilla Tholin, kd, ersätter Gunn Tholin, kd", ["Gunilla Tholin", "Gunn Tholin"]),
        # A case-number label before an agenda item is no given name.
        ("Ärendelista 115 Dnr Val av justerare Dnr Fastställande av dagordning", []),
        # A genitive before the owner's party letters and what the member owns.
        ("Per Anderssons (KD) interpellation om vården och Eva Lindbergs (C) motion om skolan",
         ["Per Andersson", "Eva Lindberg"]),
        ("Lisa Sundbergs (M) fråga om parkering", ["Lisa Sundberg"]),
        # ... but a verb after the party letters leaves the name whole.
        ("Anna Kelemen Ejstes (MP) ersätter Göran Larsson (MP)",
         ["Anna Kelemen Ejstes", "Göran Larsson"]),
        # Role words before a name: the older "suppleanten", a definite role suffix.
        ("med instämmande av suppleanten Mehdi Oguzsoy, följande", ["Mehdi Oguzsoy"]),
        ("bygglovarkitekten Natasa Ribic och praktikanten Kristina Östman",
         ["Natasa Ribic", "Kristina Östman"]),
        ("Ersättare Peter Nyman Alicja Zawadska Sune Svensson",
         ["Peter Nyman", "Alicja Zawadska", "Sune Svensson"]),
        # Short forms used as given names open a name after a unit's name and a comma.
        ("Christian Hansen, Medarbetarcentrum Janne Petersson, Regionutvecklare",
         ["Christian Hansen", "Janne Petersson"]),
        # Party letters before the name, in a list of elected members.
        ("Ordinarie\n(C) Ewa Engdahl\n(FP) Brigitte Kühne\n", ["Ewa Engdahl", "Brigitte Kühne"]),
        # Party letters after, a role after a comma, a note after that.
        ("Thure Sandén (M), Ordförande deltar ej §§ 4-6", ["Thure Sandén"]),
        ("Vivianne Macdisi (S), 1:e vice ordförande", ["Vivianne Macdisi"]),
        # An unknown given name with a role after the comma.
        ("Nedim Kovač, förvaltningschef", ["Nedim Kovač"]),
        ("borgarrådet Alf Samuelsson", ["Alf Samuelsson"]),
        # Both of a pair joined by "och", the second with a rare given name.
        (
            "motion från Erland Svensson (V) och Katarina Schewenius-Lundin (Mp)",
            ["Erland Svensson", "Katarina Schewenius-Lundin"],
        ),
        ("Utses att justera: Patrik Köhler och Zlatko Hodžić", ["Patrik Köhler", "Zlatko Hodžić"]),
        # Double and hyphenated surnames, a hyphenated given name.
        ("Eva-Mai Mineur Tynong (SD)", ["Eva-Mai Mineur Tynong"]),
        ("Annett Öhman Karlsson (s) om hemtjänsten", ["Annett Öhman Karlsson"]),
        # Table cells run together by an HTML rendering.
        ("Utses att justeraIsabel Hildén", ["Isabel Hildén"]),
        ("UnderskriftLaila Nabb", ["Laila Nabb"]),
        # A name split over two lines: a table cell, and a wrapped sentence.
        ("§§\n12-13\nBjörn\nCelind (C)\n", ["Björn Celind"]),
        ("Till vice ordförande utses Roger\n   Samuelsson.", ["Roger Samuelsson"]),
        ("Ordföranden kallar Göran\nIsacsson (M) att tjänstgöra", ["Göran Isacsson"]),
        # Two-column signature block: a wide gap is a column boundary.
        (
            "Justerande   ..........................   ..........................\n"
            "             Kajsa Öberg                  Rasmus Hjalmarsson",
            ["Kajsa Öberg", "Rasmus Hjalmarsson"],
        ),
        (
            "Ordinarie                        Ersättare\n"
            "Gunilla Jäghagen                 Barbro Sanglén\n"
            "Ola Löfström                     Klaus Leidecker\n",
            ["Gunilla Jäghagen", "Barbro Sanglén", "Ola Löfström", "Klaus Leidecker"],
        ),
        # A roll call in prose: "X för Y", comma lists.
        (
            "Som ersättare inträder: Sten Svensson för Birgitta Nilsson, Håkan Fäldt för "
            "Inge Garstedt och Marianne Giheden för Ilse Chlad.",
            [
                "Sten Svensson",
                "Birgitta Nilsson",
                "Håkan Fäldt",
                "Inge Garstedt",
                "Marianne Giheden",
                "Ilse Chlad",
            ],
        ),
        # A hyphenated given name broken after its hyphen.
        (
            "Gunnar Henningsson för John- Jacob Engellau",
            ["Gunnar Henningsson", "John-Jacob Engellau"],
        ),
        # Particles and genitives.
        ("Justerare: Åsa de Mander", ["Åsa de Mander"]),
        ("enligt Max Ljungbergs\nagerande vid sammanträdet", ["Max Ljungberg"]),
        # A role word before the name.
        ("Socialchef Elisabeth Rågård", ["Elisabeth Rågård"]),
        # A minute's attendance in one column, a substitute, staff with titles.
        (
            "Ledamöter\nAnders Nordin (S), ordförande\nSara Heelge Vikmång (S)\n"
            "Tjänstgörande ersättare\nKarl Nilsson (SD) ersätter Lisa Berg (SD)\n"
            "Övriga närvarande\nMaria Holm, kommundirektör\nDragan Petrović, nämndsekreterare",
            [
                "Anders Nordin",
                "Sara Heelge Vikmång",
                "Karl Nilsson",
                "Lisa Berg",
                "Maria Holm",
                "Dragan Petrović",
            ],
        ),
        # A flattened roll call with no separators: the next given name opens the next
        # person, a capitalised form label or role word ends a name.
        (
            "Beslutande Karin Paulsson Jöran Hägglund Övriga deltagande Helena Flodin Utses "
            "att justera",
            ["Karin Paulsson", "Jöran Hägglund", "Helena Flodin"],
        ),
        (
            "Övriga deltagande Kommunchef Ingemar Karlsson Kommunsekreterare Astrid Edström",
            ["Ingemar Karlsson", "Astrid Edström"],
        ),
        # Staff listed name first, role after without a comma; an unknown given name too.
        (
            "Övriga Behrouz Alami Förvaltningschef Maria Olsson Utredare, Malin Johnson "
            "Förvaltningsekonom",
            ["Behrouz Alami", "Maria Olsson", "Malin Johnson"],
        ),
        # Party letters without brackets before each name; an accented given name.
        (
            "Beslutande S Ulla Lätt S Per Rosendahl V Madeléne Jensen SD Yvonne Kindström",
            ["Ulla Lätt", "Per Rosendahl", "Madeléne Jensen", "Yvonne Kindström"],
        ),
        # A double given name written joined, as old minutes and text layers do.
        (
            "Bo Danielsson för MonaLisa Norrman, RosMarie Jönsson Neckö (s)",
            ["Bo Danielsson", "MonaLisa Norrman", "RosMarie Jönsson Neckö"],
        ),
        # An attendance heading before a name; the first half of a compound organ after one.
        (
            "Tjänstemän Lisebritt Karlsson (S) ersätter Morten Ryan (S)",
            ["Lisebritt Karlsson", "Morten Ryan"],
        ),
        (
            "Handläggare: Nina Simonen Kultur- och föreningsnämnden",
            ["Nina Simonen"],
        ),
        # A middle initial with or without its full stop; a consultant's company is no person.
        (
            "Övriga deltagande Ulf Gejhammar, Gejhammar Management AB, Eva R Stensson, "
            "kommunsekreterare",
            ["Ulf Gejhammar", "Eva R Stensson"],
        ),
        (
            "Bertil Göransson (c) och Bengt J. Jönsson (kd)",
            ["Bertil Göransson", "Bengt J. Jönsson"],
        ),
        # A motion by two members, one with a rare given name.
        (
            "Motion från Rune Åberg (V) och Ghazaleh Tabrizi (V) om fritidsbanken",
            ["Rune Åberg", "Ghazaleh Tabrizi"],
        ),
    ],
)
def test_people(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bengt-Ivar Fransson (M), ersättare för Vakant (M)",
        "Anmälan från Mattias R. (JO:s ärende)",
        "Winqvist, M. (2011). Anhörigstöd i praktiken.",
        "Kommunstyrelsen i Huddinge kommun",
        "Ordinarie Ersättare Paragraf",
        "Vård- och omsorgsnämnden Botkyrka",
        "Sammanträdesdatum Plats och tid",
        "Del 2 Mark och miljö",
        "Region Gävleborg och Länsstyrelsen Dalarna",
        "Förskolan ligger vid Olof Palmes gata",
        "Karl Johans torg",
        # Internal units in a letterhead before the contact person's name.
        "Kontaktperson Miljöavdelningen Naturskyddsenheten",
        "Handläggare Ekonomiavdelningen Redovisningsenheten",
        # Ordinary words before a role word or after a bare letter are no names.
        "Ekonomi Personal Controller",
        "Bilaga C Stora Torget",
        "M Stora Torget",
        "Kulturhuset Projektledare",
    ],
)
def test_not_people(text: str) -> None:
    found = names(text)
    assert found in ([], ["Bengt-Ivar Fransson"])


def test_party_and_role_are_kept() -> None:
    (p,) = find_people("Lena Wahlgren (M), ordförande")
    assert p.attrs == {"party": "M", "role": "ordförande"}
    (q,) = find_people("(KD) Ingemar Bergquist")
    assert q.attrs["party"] == "KD"


def test_offsets_point_at_the_name() -> None:
    text = "Beslutande  Anna Lind (S)\nUtses att justeraIsabel Hildén"
    for p in find_people(text):
        assert text[p.start : p.end] == p.text
        assert p.text.split()[0] == p.value.split()[0]


def test_the_name_lists_read_from_fakers_source_are_fakers_lists() -> None:
    """The lists are read with ``ast`` to spare every ingest worker Faker's import; they
    must stay exactly what the imported provider holds."""
    from faker.providers.person.sv_SE import Provider

    from diarium.extractors.entities.lexicons import faker_sv_names

    lists = faker_sv_names()
    assert lists["first_names_female"] == tuple(Provider.first_names_female)
    assert lists["first_names_male"] == tuple(Provider.first_names_male)
    assert lists["last_names"] == tuple(Provider.last_names)
