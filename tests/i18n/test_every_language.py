"""Every page the benchmark measures, public and workspace, in every language: it answers in
that language with that language's words, and with as many queries as in Greek. Then the
demo's promise: a Latvian coordinator works in Latvian and a visitor reads Manresa in Catalan."""

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext, override

from bench.data import build
from bench.pages import PAGES, address, samples
from notifications.models import OutboundEmail
from practices.models import Transfer
from tests.factories import TransferStepFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MEASURED = [page for page in PAGES if page.kind != "floor"]


def words(language: str, text: str) -> str:
    with override(language):
        return gettext(text)


def _render(page, found, language: str) -> tuple[int, str]:
    client = Client()
    if page.person:
        client.force_login(found[page.person])
    path = address(page, found, language)
    client.get(path)  # the first view fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (page.name, language, response.status_code)
    return len(queries), response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_measured_page_answers_in_the_language_with_the_same_queries(settings, language):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    build(scale=1, tag="a")
    found = samples()
    menu = words(language, "Practices")
    counts = {}
    for page in MEASURED:
        count, html = _render(page, found, language)
        counts[page.name] = count
        assert f'<html lang="{language}">' in html, page.name
        assert f">{menu}</a>" in html, page.name
        if page.url_name == "workspace:home":
            assert words(language, "Steps and deliverables") in html
    greek = {page.name: _render(page, found, "el")[0] for page in MEASURED}
    assert counts == greek, "query counts depend on the language"
    # The language's own words (a missing catalogue would show Greek, Django's fallback).
    assert language in ("el", "en") or menu not in (
        words("el", "Practices"),
        words("en", "Practices"),
    )


def test_a_list_in_catalan_reads_only_catalan_english_and_greek_columns(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    build(scale=1, tag="a")
    found = samples()
    client = Client()
    client.force_login(found["coordinator"])
    client.get("/ca/workspace/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/ca/workspace/").status_code == 200
    steps = [q["sql"] for q in queries.captured_queries if "practices_transferstep" in q["sql"]]
    # A step's own title is read in every language: it is written in whichever language its
    # author works in, and shown in that language where the page's has none.
    others = re.compile(r'(?<!"practices_transferstep")\."(name|title)_(it|lv|hu|nl|es)"')
    assert steps and not [sql for sql in steps if others.search(sql.split(" FROM ", 1)[0])]


@time_machine.travel(dt.datetime(2026, 5, 4, 8, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Athens")))
def test_the_demo_latvian_coordinator_and_the_catalan_manresa_page(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    call_command("seed_demo", "--with-demo-users", verbosity=0)
    liepaja = Transfer.objects.filter(city__slug="liepaja").first()
    TransferStepFactory(
        transfer=liepaja, title="Walk the harbour district", due_date=dt.date(2026, 5, 6)
    )

    # A visitor reads Manresa in Catalan; the demo news stays in English, marked so.
    html = client.get("/ca/cities/manresa/").content.decode()
    assert '<html lang="ca">' in html
    assert "Ciutat catalana situada al cor del Bages" in html
    assert "Policia local" in html and "associacions de veïns" in html
    assert re.search(r'lang="en">CITISENSE gets under way in Paris', html)
    assert "Ciudad catalana" in client.get("/es/cities/manresa/").content.decode()

    # The coordinator of Liepāja works in Latvian from the moment they sign in.
    response = client.post(
        "/en/accounts/login/",
        {"login": "coordinator.liepaja@citisense.example", "password": "citisense-demo"},
    )
    assert response["Location"] == "/lv/workspace/"
    page = client.get(response["Location"])
    assert '<html lang="lv">' in page.content.decode()

    # …and their digest is written in Latvian.
    from practices.digests import queue_daily_digests

    with django_capture_on_commit_callbacks(execute=True):
        queue_daily_digests()
    row = OutboundEmail.objects.get(
        kind="daily_digest", recipient__email="coordinator.liepaja@citisense.example"
    )
    assert row.language == "lv"
    (message,) = [m for m in mail.outbox if m.to == ["coordinator.liepaja@citisense.example"]]
    assert "/lv/workspace/" in message.body
    assert "Walk the harbour district" in message.body
    assert words("lv", "Please update the progress in the workspace when a step moves on.") in (
        message.body
    )
