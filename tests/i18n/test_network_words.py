"""The network's own words in every language: the seeded data file gives the partners' languages
the city names, practices, standard step names, indicators and registration questions, marked as
the portal team's translation; Greek pages read the demo content in Greek."""

import json
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from accounts.models import User
from cities.models import City
from common.languages import supplying_language
from indicators.models import Series
from portal.seed import current_totp_code, load_data
from practices.models import Practice, TransferStep

pytestmark = pytest.mark.django_db

#: Per language, written by hand: a practice's title, a standard step's name, an indicator's name
#: and unit, and the demo registration question with one of its options.
WORDS = {
    "lv": {
        "practice": "Vietējā noziedzības novēršanas padome",
        "step": "Izpētīt praksi Pirejā",
        "indicator": "Drošības sajūta",
        "unit": "% respondentu",
        "question": "Kādā statusā jūs ieradīsieties?",
        "option": "Iedzīvotājs",
        "note": "Šajā valodā tulkojusi portāla komanda",
    },
    "hu": {
        "practice": "Helyi Bűnmegelőzési Tanács",
        "step": "A gyakorlat tanulmányozása Pireuszban",
        "indicator": "Biztonságérzet",
        "unit": "% a válaszadók körében",
        "question": "Milyen minőségben érkezik?",
        "option": "Üzlettulajdonos",
        "note": "Erre a nyelvre a portál csapata fordította",
    },
    "nl": {
        "practice": "Lokale raad voor criminaliteitspreventie",
        "step": "De praktijk bestuderen in Piraeus",
        "indicator": "Veiligheidsgevoel",
        "unit": "% van de respondenten",
        "question": "In welke hoedanigheid komt u?",
        "option": "Winkelier",
        "note": "In deze taal vertaald door het portaalteam",
    },
    "es": {
        "practice": "Consejo Local de Prevención de la Delincuencia",
        "step": "Estudiar la práctica en El Pireo",
        "indicator": "Percepción de seguridad",
        "unit": "% de las personas encuestadas",
        "question": "¿En calidad de qué asiste?",
        "option": "Vecino o vecina",
        "note": "Traducido a este idioma por el equipo del portal",
    },
    "ca": {
        "practice": "Consell Local de Prevenció de la Delinqüència",
        "step": "Estudiar la pràctica al Pireu",
        "indicator": "Percepció de seguretat",
        "unit": "% de les persones enquestades",
        "question": "En quina condició hi vens?",
        "option": "Veí o veïna",
        "note": "Traduït a aquest idioma per l'equip del portal",
    },
}
COORDINATORS = {"lv": "liepaja", "hu": "fot", "nl": "geel", "es": "manresa", "ca": "manresa"}


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True  # the demo registration meeting comes with the demo users
    call_command("seed_demo", "--with-demo-users", verbosity=0)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_italian_visitor_reads_about_napoli_in_italian(client, seeded):
    naples = page(client, "/it/cities/naples/")
    assert "<h1>Napoli</h1>" in naples
    assert "Naples" not in naples.split("<main", 1)[1]
    assert "Consiglio locale per la prevenzione della criminalità" in naples
    assert "Percezione di sicurezza" in naples and "% degli intervistati" in naples
    # Our translation, and said so on the page in Italian.
    assert "Tradotto in questa lingua dal team del portale" in naples
    practice = page(client, "/it/practices/local-council-crime-prevention/")
    assert "<h1>Consiglio locale per la prevenzione della criminalità</h1>" in practice
    assert "Tradotto in questa lingua dal team del portale" in practice
    meetings = page(client, "/it/meetings/")
    assert "Riunione transnazionale a Napoli" in meetings


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_partner_languages_read_the_network_in_their_own_words(client, seeded, lang):
    words = WORDS[lang]
    practices = page(client, f"/{lang}/practices/")
    assert words["practice"] in practices
    results = page(client, f"/{lang}/results/")
    assert words["indicator"] in results and words["unit"] in results
    register = page(client, f"/{lang}/meetings/demo-open-ulg-session/register/")
    assert words["question"] in register and words["option"] in register
    practice = page(client, f"/{lang}/practices/local-council-crime-prevention/")
    assert words["note"] in practice

    coordinator = User.objects.get(email=f"coordinator.{COORDINATORS[lang]}@citisense.example")
    client.force_login(coordinator)
    workspace = page(client, f"/{lang}/workspace/")
    assert words["step"] in workspace


def test_greek_pages_read_the_demo_content_in_greek(client, seeded):
    naples = page(client, "/el/cities/naples/")
    assert "Ενδεικτική έρευνα (επίδειξη)" in naples
    assert "Sample survey" not in naples and "Sample value" not in naples
    piraeus = page(client, "/el/cities/piraeus/")
    assert "Δείγμα: Κοινωνικές υπηρεσίες του δήμου" in piraeus
    assert "Demo:" not in piraeus
    # The Greek texts are the network's working language: no note of ours.
    assert "ομάδα της πύλης" not in piraeus
    register = page(client, "/el/meetings/demo-open-ulg-session/")
    assert "[Δείγμα] Ανοιχτή συνάντηση" in register


def test_text_in_one_language_keeps_its_lang_mark(client, seeded):
    # The demo news stays in Greek and English: Latvian pages show it in English, marked so.
    news = page(client, "/lv/news/transferability-study-completed/")
    assert '<h1 lang="en">Transferability study completed</h1>' in news
    # Organisations keep the name their city gives them, marked with the city's language.
    english = page(client, "/en/cities/piraeus/")
    assert 'lang="el">Δείγμα: Κοινωνικές υπηρεσίες του δήμου' in english
    # A step a coordinator named in Latvian only is read in Latvian everywhere, marked lang="lv".
    step = TransferStep.objects.filter(transfer__city__slug="liepaja").first()
    TransferStep.objects.filter(pk=step.pk).update(
        **{f"title_{code}": None for code in ("el", "en", "it", "hu", "nl", "es", "ca")},
        title_lv="Mūsu pašu solis",
    )
    step.refresh_from_db()
    with translation.override("el"):
        assert step.title == "Mūsu pašu solis"
        assert supplying_language(step, "title") == "lv"


def test_admin_and_data_say_which_texts_are_our_translation(seeded):
    naples = City.objects.get(slug="naples")
    assert naples.name_it == "Napoli" and naples.name_el == "Νάπολη"
    assert naples.portal_translations == ["it", "lv", "hu", "nl", "es", "ca"]
    assert naples.is_portal_translation("it") and not naples.is_portal_translation("el")
    practice = Practice.objects.get(slug="curim")
    assert "lv" in practice.portal_translations
    assert "portal_translations" in json.dumps(load_data())


def test_the_admin_says_which_languages_are_our_translation(client, seeded):
    lead = User.objects.get(email="lead@citisense.example")
    response = client.post(
        "/en/accounts/login/", {"login": lead.email, "password": "citisense-demo"}
    )
    client.post(response["Location"], {"code": current_totp_code(lead)})
    naples = City.objects.get(slug="naples")
    form = page(client, f"/admin/cities/city/{naples.pk}/change/")
    # The admin speaks the lead's Greek.
    assert "μετάφραση της ομάδας της πύλης" in form.lower()
    assert re.search(r'name="portal_translations" value="it"[^>]*checked', form)
    assert not re.search(r'name="portal_translations" value="el"[^>]*checked', form)


def test_loading_again_adds_the_new_languages_without_undoing_edits(seeded):
    """A database seeded before the step names were translated gets them; a renamed step and
    recorded values keep what people wrote."""
    liepaja = TransferStep.objects.filter(transfer__city__slug="liepaja")
    old = {f"title_{code}": None for code in ("el", "it", "lv", "hu", "nl", "es", "ca")}
    liepaja.update(**old, portal_translations="")
    renamed = liepaja.order_by("pk").first()
    TransferStep.objects.filter(pk=renamed.pk).update(title_en="Our own first step")
    Series.objects.update(baseline_source_el=None)
    versions = dict(liepaja.values_list("pk", "version"))

    call_command("seed_demo", verbosity=0)

    studied = liepaja.exclude(pk=renamed.pk).filter(phase="understand", order=1).first()
    assert studied.title_lv == "Izpētīt praksi Pirejā" and studied.title_el
    assert "lv" in studied.portal_translations
    renamed.refresh_from_db()
    assert renamed.title_en == "Our own first step" and renamed.title_lv is None
    assert dict(liepaja.values_list("pk", "version")) == versions  # nobody's edit is undone
    assert Series.objects.filter(baseline_source_el="Ενδεικτική έρευνα (επίδειξη)").exists()


def test_another_networks_data_file_loads_with_its_own_words(tmp_path, settings):
    """Nothing of CITISENSE in the code: a small network with one city and one practice, in
    Greek and English only, and no demo meeting."""
    data = {
        "network": {
            "slug": "other",
            "name": "OTHER",
            "programme": "URBACT IV",
            "network_type": "innovation_transfer",
            "start_date": "2025-01-01",
            "end_date": "2026-12-31",
            "total_budget": "100000.00",
            "tagline": {"el": "Άλλο δίκτυο", "en": "Another network"},
        },
        "cities": [
            {
                "slug": "kalamata",
                "order": 1,
                "country": "GR",
                "role": "lead_partner",
                "language": "el",
                "name": {"el": "Καλαμάτα", "en": "Kalamata"},
                "latitude": "37.04",
                "longitude": "22.11",
                "timezone": "Europe/Athens",
            }
        ],
        "practices": [
            {
                "slug": "gardens",
                "order": 1,
                "layer": "governance",
                "title": {"el": "Κοινοτικοί κήποι", "en": "Community gardens"},
            }
        ],
        "step_templates": [
            {
                "phase": "understand",
                "order": 1,
                "due_date": "2025-06-30",
                "title": {"el": "Γνωριμία", "en": "Get to know it"},
            }
        ],
        "transfers": {},
        "deliverables": [],
        "meetings": [],
        "articles": [],
        "demo_users": {"lead_staff": [], "coordinator_email": "c.{slug}@other.example"},
    }
    path = tmp_path / "other.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    settings.DEBUG = True
    call_command("seed_demo", "--data", str(path), "--with-demo-users", verbosity=0)
    city = City.objects.get(slug="kalamata")
    assert city.name_en == "Kalamata" and city.portal_translations == []
    assert not city.is_portal_translation("en")
    assert Practice.objects.get(slug="gardens").title_el == "Κοινοτικοί κήποι"
