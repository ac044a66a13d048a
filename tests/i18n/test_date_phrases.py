"""Dates inside sentences, in each of the eight languages, checked against sentences written by
hand: the first and last day of a month, a range within a year and one across years, with each
month in the case its place needs (Latvian locative and dative, Greek genitive and accusative),
Italian and Catalan prepositions joined to their article, and Hungarian "a"/"az"."""

import datetime as dt
import re
import zoneinfo
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from django.utils.translation import override

from cities import phrases
from common.dates import FORMS, date_phrase, hungarian_article
from meetings.formatting import imprecise_when

LOCALE = Path(__file__).resolve().parents[2] / "locale"

ACROSS_YEARS = SimpleNamespace(
    name="CITISENSE",
    start_date=dt.date(2024, 9, 1),
    end_date=dt.date(2026, 8, 31),
    final_reporting_closes=dt.date(2027, 2, 26),
    duration_months=24,
)
WITHIN_A_YEAR = SimpleNamespace(
    name="Urban Safety",
    start_date=dt.date(2025, 3, 1),
    end_date=dt.date(2025, 10, 31),
    final_reporting_closes=dt.date(2025, 12, 31),
    duration_months=8,
)

CONCLUDED = {
    "en": (
        "CITISENSE has concluded: it ran from September 2024 to August 2026.",
        "Urban Safety has concluded: it ran from March 2025 to October 2025.",
    ),
    "el": (
        "Το CITISENSE έχει ολοκληρωθεί· λειτούργησε από τον Σεπτέμβριο 2024 έως τον Αύγουστο 2026.",
        "Το Urban Safety έχει ολοκληρωθεί· λειτούργησε από τον Μάρτιο 2025 έως τον Οκτώβριο 2025.",
    ),
    "lv": (
        "CITISENSE ir noslēdzies: tas darbojās no 2024. gada septembra līdz 2026. gada augustam.",
        "Urban Safety ir noslēdzies: tas darbojās no 2025. gada marta līdz 2025. gada oktobrim.",
    ),
    "hu": (
        "A CITISENSE lezárult: 2024. szeptember és 2026. augusztus között működött.",
        "Az Urban Safety lezárult: 2025. március és 2025. október között működött.",
    ),
    "it": (
        "CITISENSE si è concluso: è stato attivo da settembre 2024 ad agosto 2026.",
        "Urban Safety si è concluso: è stato attivo da marzo 2025 a ottobre 2025.",
    ),
    "nl": (
        "CITISENSE is afgelopen: het liep van september 2024 tot augustus 2026.",
        "Urban Safety is afgelopen: het liep van maart 2025 tot oktober 2025.",
    ),
    "es": (
        "CITISENSE ha concluido: estuvo en marcha de septiembre de 2024 a agosto de 2026.",
        "Urban Safety ha concluido: estuvo en marcha de marzo de 2025 a octubre de 2025.",
    ),
    "ca": (
        "CITISENSE ha conclòs: es va desenvolupar del setembre de 2024 a l’agost de 2026.",
        "Urban Safety ha conclòs: es va desenvolupar del març de 2025 a l’octubre de 2025.",
    ),
}

PERIOD = {
    "en": (
        "1 September 2024 to 31 August 2026 (24 months)",
        "1 March 2025 to 31 October 2025 (8 months)",
    ),
    "el": (
        "Από 1 Σεπτεμβρίου 2024 έως 31 Αυγούστου 2026 (24 μήνες)",
        "Από 1 Μαρτίου 2025 έως 31 Οκτωβρίου 2025 (8 μήνες)",
    ),
    "lv": (
        "No 2024. gada 1. septembra līdz 2026. gada 31. augustam (24 mēneši)",
        "No 2025. gada 1. marta līdz 2025. gada 31. oktobrim (8 mēneši)",
    ),
    "hu": (
        "2024. szeptember 1. – 2026. augusztus 31. (24 hónap)",
        "2025. március 1. – 2025. október 31. (8 hónap)",
    ),
    "it": (
        "dal 1º settembre 2024 al 31 agosto 2026 (24 mesi)",
        "dal 1º marzo 2025 al 31 ottobre 2025 (8 mesi)",
    ),
    "nl": (
        "1 september 2024 tot 31 augustus 2026 (24 maanden)",
        "1 maart 2025 tot 31 oktober 2025 (8 maanden)",
    ),
    "es": (
        "Del 1 de septiembre de 2024 al 31 de agosto de 2026 (24 meses)",
        "Del 1 de marzo de 2025 al 31 de octubre de 2025 (8 meses)",
    ),
    "ca": (
        "de l’1 de setembre de 2024 al 31 d’agost de 2026 (24 mesos)",
        "de l’1 de març de 2025 al 31 d’octubre de 2025 (8 mesos)",
    ),
}

STARTS = {
    "en": "CITISENSE starts on 1 September 2024.",
    "el": "Το CITISENSE ξεκινά στις 1 Σεπτεμβρίου 2024.",
    "lv": "CITISENSE sākas 2024. gada 1. septembrī.",
    "hu": "A CITISENSE 2024. szeptember 1. napján indul.",
    "it": "CITISENSE inizia il 1º settembre 2024.",
    "nl": "CITISENSE start op 1 september 2024.",
    "es": "CITISENSE comienza el 1 de septiembre de 2024.",
    "ca": "CITISENSE comença l’1 de setembre de 2024.",
}

# The network ended on 31 August 2026; final reporting open until 26 February 2027.
ENDED = {
    "en": ("ended on 31 August 2026.", "open until 26 February 2027;"),
    "el": ("έληξε στις 31 Αυγούστου 2026.", "ως τις 26 Φεβρουαρίου 2027·"),
    "lv": ("beidzās 2026. gada 31. augustā.", "līdz 2027. gada 26. februārim;"),
    "hu": ("A hálózat 2026. augusztus 31. napján véget ért.", "2027. február 26. napjáig"),
    "it": ("si è conclusa il 31 agosto 2026.", "aperta fino al 26 febbraio 2027;"),
    "nl": ("is op 31 augustus 2026 geëindigd.", "staat open tot 26 februari 2027;"),
    "es": ("finalizó el 31 de agosto de 2026.", "abierto hasta el 26 de febrero de 2027;"),
    "ca": ("va acabar el 31 d’agost de 2026.", "oberts fins al 26 de febrer de 2027;"),
}

# An organisation in the ULG register since 8 October 2024, which left on 11 January 2025;
# another since 1 January 2025.
SINCE_AND_LEFT = {
    "en": ("since 8 October 2024", "left on 11 January 2025", "since 1 January 2025"),
    "el": ("από 8 Οκτωβρίου 2024", "αποχώρησε στις 11 Ιανουαρίου 2025", "από 1 Ιανουαρίου 2025"),
    "lv": (
        "kopš 2024. gada 8. oktobra",
        "izstājās 2025. gada 11. janvārī",
        "kopš 2025. gada 1. janvāra",
    ),
    "hu": ("2024. október 8. óta", "kilépett: 2025. január 11.", "2025. január 1. óta"),
    "it": ("dall’8 ottobre 2024", "uscita l’11 gennaio 2025", "dal 1º gennaio 2025"),
    "nl": ("sinds 8 oktober 2024", "vertrokken op 11 januari 2025", "sinds 1 januari 2025"),
    "es": (
        "desde el 8 de octubre de 2024",
        "salió el 11 de enero de 2025",
        "desde el 1 de enero de 2025",
    ),
    "ca": (
        "des del 8 d’octubre de 2024",
        "va sortir l’11 de gener de 2025",
        "des de l’1 de gener de 2025",
    ),
}

UNDATED_MEETING = {
    "en": "Date not published (between October 2024 and October 2025)",
    "el": "Η ημερομηνία δεν έχει δημοσιευτεί (μεταξύ Οκτωβρίου 2024 και Οκτωβρίου 2025)",
    "lv": "Datums nav publicēts (starp 2024. gada oktobri un 2025. gada oktobri)",
    "hu": "A dátum nem nyilvános (2024. október és 2025. október között)",
    "it": "Data non pubblicata (tra ottobre 2024 e ottobre 2025)",
    "nl": "Datum niet gepubliceerd (tussen oktober 2024 en oktober 2025)",
    "es": "Fecha no publicada (entre octubre de 2024 y octubre de 2025)",
    "ca": "Data no publicada (entre l’octubre de 2024 i l’octubre de 2025)",
}

LANGUAGES = sorted(CONCLUDED)


@pytest.mark.parametrize("language", LANGUAGES)
def test_network_dates_in_whole_sentences(language):
    with override(language):
        assert phrases.concluded(ACROSS_YEARS) == CONCLUDED[language][0]
        assert phrases.concluded(WITHIN_A_YEAR) == CONCLUDED[language][1]
        assert phrases.period(ACROSS_YEARS) == PERIOD[language][0]
        assert phrases.period(WITHIN_A_YEAR) == PERIOD[language][1]
        assert phrases.starts(ACROSS_YEARS) == STARTS[language]
        ended = phrases.ended(ACROSS_YEARS)
        assert all(part in ended for part in ENDED[language]), ended


@pytest.mark.parametrize("language", LANGUAGES)
def test_since_and_left(language):
    with override(language):
        written = (
            date_phrase("since", day=dt.date(2024, 10, 8)),
            date_phrase("left", day=dt.date(2025, 1, 11)),
            date_phrase("since", day=dt.date(2025, 1, 1)),
        )
    assert written == SINCE_AND_LEFT[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_meeting_known_only_between_two_months(language):
    zone = zoneinfo.ZoneInfo("Europe/Athens")
    meeting = SimpleNamespace(
        date_precision="undated",
        local_start=dt.datetime(2024, 10, 1, tzinfo=zone),
        local_end=dt.datetime(2025, 10, 31, tzinfo=zone),
    )
    with override(language):
        assert imprecise_when(meeting) == UNDATED_MEETING[language]


def test_latvian_month_counts_take_their_plural_forms():
    with override("lv"):
        one = phrases.period(SimpleNamespace(**{**vars(ACROSS_YEARS), "duration_months": 21}))
        zero = phrases.period(SimpleNamespace(**{**vars(ACROSS_YEARS), "duration_months": 0}))
    assert one.endswith("(21 mēnesis)") and zero.endswith("(0 mēnešu)")


@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("CITISENSE", "a"),
        ("Európai Unió", "az"),
        ("URBACT", "az"),
        ("„Urban Safety”", "az"),
        ("Pireusz", "a"),
        ("MÁV", "az"),  # em-á-vé: an abbreviation read letter by letter
        ("ULG", "az"),
        ("KSH", "a"),
        ("1", "az"),
        ("2", "a"),
        ("5", "az"),
        ("15", "a"),
        ("50", "az"),
        ("1000", "az"),
    ],
)
def test_hungarian_article_follows_the_first_sound(word, article):
    assert hungarian_article(word) == article


PLACEHOLDER = re.compile(r"\{(\w+)(?:\.(\w+))?\}")


@pytest.mark.parametrize("language", ["el", "lv", "hu", "it", "nl", "es", "ca"])
def test_catalogues_use_only_known_dates_and_forms(language):
    """The sentences whose dates the translation puts in a case (no msgfmt check for them):
    each translation names only the English sentence's placeholders, in a known form."""
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    checked = 0
    for entry in po:
        if "no-python-brace-format" not in entry.flags:
            continue
        names = {name for name, _form in PLACEHOLDER.findall(entry.msgid + entry.msgid_plural)}
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in filter(None, translations):
            for name, form in PLACEHOLDER.findall(text):
                assert name in names, (entry.msgid, text)
                assert not form or form in FORMS, (entry.msgid, text)
            checked += 1
    assert checked > 10


@pytest.mark.parametrize(
    ("language", "read_on", "withdrawn"),
    [
        ("en", "read on 8 October 2025", "This city left the network on 1 June 2025."),
        (
            "el",
            "διαβάστηκε στις 8 Οκτωβρίου 2025",
            "Η πόλη αποχώρησε από το δίκτυο στις 1 Ιουνίου 2025.",
        ),
        (
            "lv",
            "skatīts 2025. gada 8. oktobrī",
            "Šī pilsēta izstājās no tīkla 2025. gada 1. jūnijā.",
        ),
        (
            "hu",
            "megtekintve: 2025. október 8.",
            "A város 2025. június 1. napján kilépett a hálózatból.",
        ),
        (
            "it",
            "consultata l’8 ottobre 2025",
            "Questa città ha lasciato la rete il 1º giugno 2025.",
        ),
        (
            "nl",
            "geraadpleegd op 8 oktober 2025",
            "Deze stad heeft het netwerk op 1 juni 2025 verlaten.",
        ),
        (
            "es",
            "consultada el 8 de octubre de 2025",
            "Esta ciudad dejó la red el 1 de junio de 2025.",
        ),
        (
            "ca",
            "consultada el 8 d’octubre de 2025",
            "Aquesta ciutat va deixar la xarxa l’1 de juny de 2025.",
        ),
    ],
)
def test_an_apps_own_date_phrases(language, read_on, withdrawn):
    with override(language):
        assert date_phrase("cities:read_on", day=dt.date(2025, 10, 8)) == read_on
        assert date_phrase("cities:withdrawn", day=dt.date(2025, 6, 1)) == withdrawn


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "Opens on 1 March 2026, 09:30."),
        ("lv", "Atveras 2026. gada 1. martā plkst. 09:30."),
        ("it", "Apertura il 1º marzo 2026 alle 09:30."),
        ("ca", "S'obre l’1 de març de 2026 a les 9:30."),
        ("hu", "Megnyílik: 2026. március 1. 09:30."),
    ],
)
def test_a_day_and_its_time(language, written):
    opens = dt.datetime(2026, 3, 1, 9, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Riga"))
    with override(language):
        assert date_phrase("registrations:opens", when=opens) == written


#: The archive's sentences: the day until which final reporting is open (a month's last day and a
#: month's first), and the day an archive shows.
ARCHIVE = {
    "el": (
        "Η τελική αναφορά είναι ακόμη ανοιχτή έως τις 28 Φεβρουαρίου 2027.",
        "Αυτό είναι το αρχείο του CITISENSE όπως ήταν στις 1 Μαρτίου 2027.",
    ),
    "en": (
        "Final reporting is still open until 28 February 2027.",
        "This is the archive of CITISENSE as of 1 March 2027.",
    ),
    "it": (
        "La rendicontazione finale è ancora aperta fino al 28 febbraio 2027.",
        "Questo è l’archivio di CITISENSE com’era il 1º marzo 2027.",
    ),
    "lv": (
        "Noslēguma ziņošana vēl ir atvērta līdz 2027. gada 28. februārim.",
        "Šis ir CITISENSE arhīvs, kāds tas bija 2027. gada 1. martā.",
    ),
    "es": (
        "El informe final sigue abierto hasta el 28 de febrero de 2027.",
        "Este es el archivo de CITISENSE tal como estaba el 1 de marzo de 2027.",
    ),
    "ca": (
        "Els informes finals encara són oberts fins al 28 de febrer de 2027.",
        "Aquest és l’arxiu de CITISENSE tal com era l’1 de març de 2027.",
    ),
}


@pytest.mark.parametrize("language", sorted(ARCHIVE))
def test_the_archive_sentences(language):
    with override(language):
        said = (
            date_phrase("archive:reporting_open", day=dt.date(2027, 2, 28)),
            date_phrase("archive:banner", name="CITISENSE", day=dt.date(2027, 3, 1)),
        )
    assert said == ARCHIVE[language]
