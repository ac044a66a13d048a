"""Rich text is cleaned when saved, in every language column, whatever saves it."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from cities.models import City, Network
from common.languages import localized_fields
from common.sanitize import rich_text_columns, sanitize_html
from meetings.models import Meeting
from news.models import Article
from practices.models import Practice
from tests.factories import (
    ArticleFactory,
    CityFactory,
    MeetingFactory,
    NetworkFactory,
    PracticeFactory,
)
from tests.operations.xss import PAYLOADS, executable_parts

pytestmark = pytest.mark.django_db

CORPUS = "\n".join(PAYLOADS)


def test_the_checker_sees_every_payload_as_dangerous():
    """Guards the guard: each payload, unsanitised, is flagged."""
    for payload in PAYLOADS:
        if payload.startswith("<p>unclosed"):
            continue  # broken markup whose danger is the javascript: link, flagged below
        if "\x00" in payload:
            continue  # only old browsers ran it; it is here to show a NUL never reaches the DB
        if payload.endswith('"alert(1)"'):
            # An unterminated tag runs only when more markup follows, as it does in CORPUS.
            payload += ">"
        assert executable_parts(payload), payload
    assert executable_parts("<p>unclosed <b>bold <i>italic <a href='javascript:alert(1)'>x")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_is_neutralised(payload):
    assert executable_parts(sanitize_html(payload)) == []


def test_ordinary_formatting_survives():
    html = (
        "<h2>Title</h2><p>Some <strong>bold</strong> and <em>stressed</em> text, a "
        '<a href="https://example.org/page" title="Page">link</a> and a '
        '<a href="mailto:office@example.org">mail</a>.</p><ul><li>one</li></ul>'
        '<table><tr><th scope="col">A</th></tr><tr><td colspan="2">1</td></tr></table>'
    )
    cleaned = sanitize_html(html)
    for kept in (
        "<h2>Title</h2>",
        "<strong>bold</strong>",
        "<em>stressed</em>",
        'href="https://example.org/page"',
        'rel="noopener noreferrer"',
        'href="mailto:office@example.org"',
        "<li>one</li>",
        'scope="col"',
        'colspan="2"',
    ):
        assert kept in cleaned, kept


def test_text_with_angle_brackets_stays_readable():
    assert sanitize_html("Budget < 1000 & > 10") == "Budget &lt; 1000 &amp; &gt; 10"


def _records(network):
    city = CityFactory(network=network)
    return [
        (ArticleFactory(), "body"),
        (PracticeFactory(network=network), "description"),
        (city, "description"),
        (network, "description"),
        (MeetingFactory(network=network), "agenda"),
    ]


def test_every_language_column_is_cleaned():
    columns = rich_text_columns(Article, "body")
    assert sorted(columns) == sorted(localized_fields("body"))
    assert len(columns) == len(settings.LANGUAGES) == 8


def test_every_rich_text_column_is_clean_after_save():
    network = NetworkFactory()
    for record, field in _records(network):
        for column in localized_fields(field):
            setattr(record, column, CORPUS)
        record.save()
        stored = type(record).objects.values(field, *localized_fields(field)).get(pk=record.pk)
        assert len(stored) == 1 + len(settings.LANGUAGES)
        for column, value in stored.items():
            assert executable_parts(value) == [], (type(record).__name__, column)
            assert "plain" in value or column == field  # the link text is still there


def test_assigning_through_the_translated_attribute_is_cleaned_too():
    article = ArticleFactory()
    with translation.override("en"):
        article.body = "<p>ok</p><script>alert(1)</script>"
        article.save()
    article.refresh_from_db()
    assert article.body_en == "<p>ok</p>"
    assert "script" not in Article.objects.values_list("body", flat=True).get(pk=article.pk)


def test_create_and_update_or_create_are_cleaned():
    network = NetworkFactory()
    practice, _ = Practice.objects.update_or_create(
        slug="x",
        defaults={
            "network": network,
            "title_en": "X",
            "layer": "digital",
            "description_en": "<img src=x onerror=alert(1)>fine",
        },
    )
    assert Practice.objects.get(pk=practice.pk).description_en == "fine"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_nothing_executable_in_rendered_output(language):
    """Public templates render these fields with |safe; render them the same way."""
    network = NetworkFactory()
    for record, field in _records(network):
        for column in localized_fields(field):
            setattr(record, column, CORPUS)
        record.save()
    template = Template(
        "{% for article in articles %}{{ article.body|safe }}{% endfor %}"
        "{% for practice in practices %}{{ practice.description|safe }}{% endfor %}"
        "{% for city in cities %}{{ city.description|safe }}{% endfor %}"
        "{% for network in networks %}{{ network.description|safe }}{% endfor %}"
        "{% for meeting in meetings %}{{ meeting.agenda|safe }}{% endfor %}"
    )
    with translation.override(language):
        html = template.render(
            Context(
                {
                    "articles": Article.objects.all(),
                    "practices": Practice.objects.all(),
                    "cities": City.objects.all(),
                    "networks": Network.objects.all(),
                    "meetings": Meeting.objects.all(),
                }
            )
        )
    assert "alert" in html or "plain" in html  # the content is there, defused
    assert executable_parts(html) == []


def test_an_article_saved_through_the_admin_is_cleaned(client, lead_staff):
    client.force_login(lead_staff)
    response = client.post(
        reverse("admin:news_article_add"),
        {
            "title_el": "Δοκιμή",
            "title_en": "Test",
            "slug": "xss-test",
            "network": lead_staff.memberships.get().city.network_id,
            "summary_el": "",
            "summary_en": "",
            # Forms refuse NUL characters before anything else; the rest of the corpus goes in.
            "body_el": CORPUS.replace("\x00", ""),
            "body_en": '<p onclick="x()">Hello</p><script>alert(1)</script>',
            "status": "draft",
            "cover_alt_el": "",
            "cover_alt_en": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="xss-test")
    assert article.body_en == "<p>Hello</p>"
    assert executable_parts(article.body_el) == []
