"""Markup typed into a title or a name is shown as text on every page that shows it, in both
languages: the templates' auto-escaping is the only thing between it and the visitor."""

import pytest
from django.urls import reverse
from django.utils import translation

from cities.models import Membership
from practices import services
from tests.factories import (
    ArticleFactory,
    CityFactory,
    MeetingFactory,
    MembershipFactory,
    PracticeFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("el", "en")


def hostile(kind: str) -> str:
    """A name that would run a script and break out of an attribute if it were not escaped."""
    return f'Harbour {kind} <script>steal("{kind}")</script>"><img src=x onerror=steal("{kind}")>'


def assert_escaped(html: str, kind: str) -> None:
    assert f'<script>steal("{kind}")' not in html
    assert f'"><img src=x onerror=steal("{kind}")>' not in html
    # Django's templates write a quote as &quot;, Jinja2's lists (common/jinja.py) as &#34;.
    shown = {
        f"&lt;script&gt;steal({quote}{kind}{quote})&lt;/script&gt;" for quote in ("&quot;", "&#34;")
    }
    assert any(text in html for text in shown), kind


@pytest.fixture
def hostile_network(network, lead_city, lead_staff, settings):
    settings.PAGE_CACHE_ENABLED = False
    city = CityFactory(network=network, name_en=hostile("city"), name_el=hostile("city"))
    practice = PracticeFactory(
        network=network, title_en=hostile("practice"), title_el=hostile("practice")
    )
    transfer = TransferFactory(city=city, practice=practice)
    step = TransferStepFactory(transfer=transfer, title=hostile("step"))
    overdue = TransferStepFactory(transfer=transfer, title=hostile("late step"))
    type(overdue).objects.filter(pk=overdue.pk).update(due_date="2000-01-01")
    article = ArticleFactory(
        title_en=hostile("article"), title_el=hostile("article"), cities=[city]
    )
    meeting = MeetingFactory(
        network=network, host_city=city, title_en=hostile("meeting"), title_el=hostile("meeting")
    )
    coordinator = UserFactory(email="hostile.coordinator@example.org")
    MembershipFactory(user=coordinator, city=city, role=Membership.Role.CITY_COORDINATOR)
    # A change by a person, for the network's changes page.
    services.update_step(
        step=step,
        user=coordinator,
        expected_version=step.version,
        status=step.status,
        progress=50,
        due_date=step.due_date,
        notes="",
    )
    return {
        "city": city,
        "practice": practice,
        "step": step,
        "article": article,
        "meeting": meeting,
        "coordinator": coordinator,
        "lead": lead_staff,
    }


def _get(client, name: str, language: str, *args, query: dict | None = None) -> str:
    with translation.override(language):
        path = reverse(name, args=args)
    response = client.get(path, query or {})
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_lists_and_details_escape_every_name(client, hostile_network, language):
    found = hostile_network
    pages = {
        ("portal:home",): ("city", "article", "meeting"),
        ("portal:progress",): ("city", "practice"),
        ("cities:list",): ("city",),
        ("cities:detail", found["city"].slug): ("city", "practice", "article", "meeting"),
        ("practices:list",): ("practice", "city"),
        ("practices:detail", found["practice"].slug): ("practice", "city"),
        ("news:list",): ("article", "city"),
        ("news:detail", found["article"].slug): ("article",),
        ("meetings:list",): ("meeting",),
        ("meetings:detail", found["meeting"].slug): ("meeting",),
    }
    for (name, *args), kinds in pages.items():
        html = _get(client, name, language, *args)
        for kind in kinds:
            assert_escaped(html, kind)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_escapes_the_query_and_every_hit(client, hostile_network, language):
    hits = _get(client, "portal:search", language, query={"q": "harbour"})
    for kind in ("city", "practice", "article", "meeting"):
        assert_escaped(hits, kind)

    query = hostile("query")
    echoed = _get(client, "portal:search", language, query={"q": query})
    assert_escaped(echoed, "query")
    assert 'value="Harbour query &lt;script&gt;' in echoed


@pytest.mark.parametrize("language", LANGUAGES)
def test_workspace_pages_escape_steps_cities_and_practices(client, hostile_network, language):
    found = hostile_network
    client.force_login(found["coordinator"])
    grouped = _get(client, "workspace:home", language)
    for kind in ("step", "late step", "city", "practice"):
        assert_escaped(grouped, kind)
    flat = _get(client, "workspace:home", language, query={"sort": "title"})
    for kind in ("step", "city", "practice"):
        assert_escaped(flat, kind)
    detail = _get(client, "workspace:step_detail", language, found["step"].pk)
    assert_escaped(detail, "step")

    client.force_login(found["lead"])
    network = _get(client, "workspace:network", language)
    for kind in ("city", "practice", "late step"):
        assert_escaped(network, kind)
    changes = _get(client, "workspace:changes", language)
    for kind in ("step", "city"):
        assert_escaped(changes, kind)
    meetings = _get(client, "workspace_meetings:list", language)
    assert_escaped(meetings, "meeting")
