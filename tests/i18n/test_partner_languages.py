"""The partner cities' own languages: prefixes, a person's language, translated content with
marked fallbacks, dates and amounts, search without accents, and bad language values."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext, override

from accounts import services as account_services
from cities.models import FactSource, Membership
from common.collation import sort_key
from tests.factories import (
    ArticleFactory,
    CityFactory,
    MembershipFactory,
    TransferStepFactory,
    UserFactory,
)
from tests.public.helpers import tags

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


@pytest.fixture
def manresa(network):
    city = CityFactory(
        network=network,
        slug="manresa",
        country="ES",
        language="ca",
        timezone="Europe/Madrid",
        name_el="Μανρέσα",
        name_en="Manresa",
        name_ca="Manresa",
        name_es="Manresa",
        description_el="Πόλη της Καταλονίας.",
        description_en="A Catalan town at the heart of the Bages area.",
        description_ca="Ciutat catalana situada al cor del Bages.",
        description_es="Ciudad catalana en el corazón del Bages.",
        ulg_description_el="Τοπική αστυνομία και σύλλογοι.",
        ulg_description_en="Local police and neighbourhood associations.",
        budget=Decimal("1234.56"),
    )
    # A budget is shown only with its source.
    FactSource.objects.create(
        network=network,
        city=city,
        fact=FactSource.Fact.CITY_BUDGET,
        title="Demo source",
        read_on=dt.date(2026, 12, 2),
    )
    return city


def test_an_unknown_language_prefix_answers_404(client, manresa):
    for path in ("/fr/", "/de/cities/manresa/", "/xx/workspace/", "/pt-br/news/"):
        assert client.get(path).status_code == 404, path
    assert client.get("/ca/cities/manresa/").status_code == 200


def test_language_values_outside_the_eight_are_ignored(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response["Location"] == "/el/"  # neither the cookie nor the header's French
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ca"
    assert client.get("/")["Location"] == "/ca/"  # a cookie with one of ours counts
    response = client.post("/i18n/setlang/", {"language": "klingon", "next": "/en/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ca"  # not changed
    for param in ("lang", "language"):
        html = client.get(f"/es/?{param}=zz").content.decode()
        assert '<html lang="es">' in html


def test_the_manresa_page_in_catalan_marks_the_english_fallback(client, manresa):
    html = client.get("/ca/cities/manresa/").content.decode()
    assert '<html lang="ca">' in html
    assert "Ciutat catalana situada al cor del Bages." in html
    # Nobody wrote the Local Group's text in Catalan: English, marked as English.
    assert re.search(r'<div class="prose" lang="en">\s*<p>Local police', html)
    assert "Τοπική αστυνομία" not in html
    # The page's own text is not marked: it is in the page's language.
    assert "<h1>Manresa</h1>" in html
    with override("ca"):
        assert gettext("Budget") in html
    spanish = client.get("/es/cities/manresa/").content.decode()
    assert "Ciudad catalana en el corazón del Bages." in spanish


def test_a_language_with_no_text_falls_back_to_english_then_greek(client, network):
    CityFactory(network=network, slug="greek-only", name_el="Ελληνική", name_en="")
    html = client.get("/it/cities/greek-only/").content.decode()
    assert '<h1 lang="el">Ελληνική</h1>' in html


@pytest.mark.parametrize(
    ("language", "amount", "day"),
    [
        ("en", "€1,234.56", "3 October 2024"),
        ("el", "1.234,56 €", "3 Οκτωβρίου 2024"),
        ("it", "1.234,56 €", "3 ottobre 2024"),
        ("es", "1.234,56 €", "3 de octubre de 2024"),
        ("ca", "1.234,56 €", "3 d’octubre de 2024"),
        ("lv", "1\xa0234,56 €", "2024. gada 3. oktobris"),
        ("hu", "1\xa0234,56 €", "2024. október 3."),
        ("nl", "€ 1.234,56", "3 oktober 2024"),
    ],
)
def test_amounts_and_dates_follow_the_language(client, manresa, language, amount, day):
    from django.template import Context, Template

    html = client.get(f"/{language}/cities/manresa/").content.decode()
    assert amount in html
    with override(language):
        assert Template("{{ day|date }}").render(Context({"day": dt.date(2024, 10, 3)})) == day


def test_sorting_follows_the_language():
    words = ["zona", "čats", "cits", "dārzs", "ņe", "nāk"]
    assert sorted(words, key=lambda w: sort_key(w, "lv")) == [
        "cits",
        "čats",
        "dārzs",
        "nāk",
        "ņe",
        "zona",
    ]
    assert sorted(["ñu", "nube", "oso"], key=lambda w: sort_key(w, "es")) == ["nube", "ñu", "oso"]
    assert sorted(["ólom", "olaj", "öröm", "pad"], key=lambda w: sort_key(w, "hu")) == [
        "olaj",
        "ólom",
        "öröm",
        "pad",
    ]
    # Hungarian's double letters are letters of their own: "cs" after every other "c…".
    assert sorted(
        ["csak", "cukor", "dzsungel", "dzéta", "dobos", "szél", "sün"],
        key=lambda w: sort_key(w, "hu"),
    ) == [
        "cukor",
        "csak",
        "dobos",
        "dzéta",
        "dzsungel",
        "sün",
        "szél",
    ]
    # Elsewhere accents do not move a word: Catalan "àvia" sorts among the a's.
    assert sorted(["bé", "àvia", "casa"], key=lambda w: sort_key(w, "ca")) == [
        "àvia",
        "bé",
        "casa",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stored search documents")
@pytest.mark.parametrize(
    ("language", "title", "query"),
    [
        ("ca", "Seguretat als barris de Manresa", "SEGURETAT barris"),
        ("es", "Participación ciudadana en la prevención", "participacion prevencion"),
        ("it", "Sicurezza urbana e città più vivibili", "citta"),
        ("lv", "Drošība Liepājas apkaimēs", "drosiba liepajas"),
        ("hu", "Közbiztonság Fóton", "kozbiztonsag foton"),
        ("nl", "Veiligheid in Geel: één aanpak", "een aanpak"),
    ],
)
def test_search_finds_words_regardless_of_accents(client, network, language, title, query):
    ArticleFactory(
        slug=f"local-{language}",
        title_el="Άρθρο",
        title_en="An article",
        **{f"title_{language}": title},
    )
    html = client.get(f"/{language}/search/", {"q": query}).content.decode()
    assert f'href="/{language}/news/local-{language}/"' in html
    assert title in html


def test_preferred_language_offers_all_eight():
    from accounts.models import User

    assert [code for code, _name in User._meta.get_field("preferred_language").choices] == (
        LANGUAGES
    )


@pytest.mark.parametrize("language", ["it", "es", "ca", "lv"])
def test_sign_in_leads_to_the_workspace_in_the_persons_language(client, city, language):
    person = UserFactory(email=f"{language}@example.org", preferred_language=language)
    MembershipFactory(user=person, city=city, role=Membership.Role.CITY_COORDINATOR)
    response = client.post("/en/accounts/login/", {"login": person.email, "password": PASSWORD})
    assert response["Location"] == f"/{language}/workspace/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f'<html lang="{language}">' in page.content.decode()


def test_an_invitation_defaults_to_the_citys_language(
    lead_staff, network, django_capture_on_commit_callbacks
):
    naples = CityFactory(network=network, slug="napoli", language="it")
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        result = account_services.invite(
            email="nuovo@example.org",
            city=naples,
            role=Membership.Role.CITY_COORDINATOR,
            user=lead_staff,
        )
    assert result.invitation.user.preferred_language == "it"
    (message,) = mail.outbox
    with override("it"):
        assert gettext("Follow this link to choose your password:") in message.body
        assert str(Membership.Role.CITY_COORDINATOR.label) in message.body
    assert "/it/accounts/" in message.body
    # Lead staff may still choose another language.
    chosen = account_services.invite(
        email="altro@example.org",
        city=naples,
        role=Membership.Role.CITY_COORDINATOR,
        user=lead_staff,
        preferred_language="en",
    )
    assert chosen.invitation.user.preferred_language == "en"


def test_the_admin_invitation_form_offers_the_citys_language_first(client, lead_staff):
    client.force_login(lead_staff)
    html = client.get("/admin/accounts/invitation/add/").content.decode()
    options = [
        option["value"]
        for option in tags(html, "option")
        if option.get("value") in ["", *LANGUAGES]
    ]
    assert options[: len(LANGUAGES) + 1] == ["", *LANGUAGES]


def test_the_admin_shows_only_the_language_tabs_that_matter(client, lead_staff, manresa):
    client.force_login(lead_staff)
    html = client.get(f"/admin/cities/city/{manresa.pk}/change/").content.decode()
    names = {f["name"] for f in tags(html, "input") + tags(html, "textarea") if f.get("name")}
    # The required pair, the city's own language and the one somebody wrote in.
    assert {"name_el", "name_en", "name_ca", "name_es"} <= names
    assert not [name for name in names if re.fullmatch(r"name_(it|lv|hu|nl)", name)]
    # Others are one click away, and kept when the form is posted.
    assert "?languages=lv" in html
    with_latvian = client.get(f"/admin/cities/city/{manresa.pk}/change/?languages=lv")
    assert 'name="name_lv"' in with_latvian.content.decode()
    nothing_new = client.get(f"/admin/cities/city/{manresa.pk}/change/?languages=xx,lv2")
    assert 'name="name_lv"' not in nothing_new.content.decode()


def test_the_admin_requires_greek_and_english_only(client, lead_staff):
    client.force_login(lead_staff)
    html = client.get("/admin/news/article/add/?languages=ca").content.decode()
    inputs = {field.get("name"): field for field in tags(html, "input")}
    assert "required" in inputs["title_el"] and "required" in inputs["title_en"]
    assert "required" not in inputs["title_ca"]
    assert "title_lv" not in inputs


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_daily_digest_is_written_in_the_coordinators_language(
    language, city, django_capture_on_commit_callbacks
):
    from practices.digests import queue_daily_digests

    person = UserFactory(email=f"digest-{language}@example.org", preferred_language=language)
    MembershipFactory(user=person, city=city, role=Membership.Role.CITY_COORDINATOR)
    TransferStepFactory(
        transfer__city=city, title="Map the dark spots", due_date=timezone.localdate()
    )
    with django_capture_on_commit_callbacks(execute=True):
        queue_daily_digests()
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    with override(language):
        expected = gettext("Please update the progress in the workspace when a step moves on.")
    assert expected in message.body
    assert f"/{language}/workspace/" in message.body
    if language not in ("el", "en"):
        with override("el"):
            assert gettext(
                "Please update the progress in the workspace when a step moves on."
            ) not in (message.body), "the Greek fallback, not the language's own catalogue"


def test_a_password_reset_email_is_written_in_the_persons_language(
    client, db, django_capture_on_commit_callbacks
):
    person = UserFactory(email="reset@example.org", preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        client.post("/en/accounts/password/reset/", {"email": person.email})
    (message,) = mail.outbox
    with override("es"):
        assert gettext(
            "If you did not ask for this, ignore this email: your password stays as it is."
        ) in (message.body)
    assert "/es/accounts/" in message.body


def test_a_translation_added_in_the_admin_is_saved_and_shown(client, lead_staff, manresa):
    client.force_login(lead_staff)
    page = client.get(f"/admin/cities/city/{manresa.pk}/change/?languages=lv")
    form = page.context["adminform"].form
    data = {
        name: form.initial.get(name) if form.initial.get(name) is not None else ""
        for name in form.fields
    }
    data.update(
        {
            "name_lv": "Manresa",
            "description_lv": "Katalonijas pilsēta Bages apgabala sirdī.",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(f"/admin/cities/city/{manresa.pk}/change/?languages=lv", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    manresa.refresh_from_db()
    assert manresa.description_lv == "Katalonijas pilsēta Bages apgabala sirdī."
    html = client.get("/lv/cities/manresa/").content.decode()
    assert "Katalonijas pilsēta Bages apgabala sirdī." in html
    # The tab stays now that it has text.
    assert (
        'name="name_lv"' in client.get(f"/admin/cities/city/{manresa.pk}/change/").content.decode()
    )


def test_the_workspace_sort_options_are_in_the_pages_language(client, coordinator):
    client.force_login(coordinator)
    for language, descending in [
        ("es", "Fecha límite (descendente)"),
        ("en", "Due date (descending)"),
    ]:
        html = client.get(f"/{language}/workspace/").content.decode()
        assert f">{descending}</option>" in html, language


def test_the_switcher_names_each_language_in_itself(client, db):
    html = client.get("/it/").content.decode()
    names = [a.get("lang") for a in tags(html, "a") if a.get("hreflang")]
    assert names == LANGUAGES
    for name in (
        "Ελληνικά",
        "English",
        "Italiano",
        "Latviešu",
        "Magyar",
        "Nederlands",
        "Español",
        "Català",
    ):
        assert f">{name}</a>" in html
