"""The admin reads wholly in the chosen language (Django's own catalogue lacks some messages in
Greek and Catalan: ours provide them) and shows the portal's favicon."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Start typing to filter",
    "Show counts",
    "Hide counts",
    "Toggle theme",
    "Breadcrumbs",
    "Sidebar",
    "Django administration",
]


@pytest.mark.parametrize("language", ["el", "ca"])
def test_the_admin_index_has_no_english_left_and_links_the_favicon(client, lead_staff, language):
    client.force_login(lead_staff)
    with translation.override(language):
        index = client.get("/admin/", headers={"accept-language": language})
        changelist = client.get("/admin/news/article/", headers={"accept-language": language})
    for response in (index, changelist):
        page = response.content.decode()
        assert response.status_code == 200
        assert f'lang="{language}"' in page
        left = [text for text in ENGLISH if text in page]
        assert left == [], left
        assert 'rel="icon" href="/static/img/favicon.svg"' in page
    with translation.override(language):
        assert translation.gettext("Start typing to filter…") in changelist.content.decode()


def test_the_admin_javascript_catalogue_is_greek(client, lead_staff):
    """The selector widgets and the calendar of the admin: Django's JavaScript catalogue lacks
    them in Greek, ours (locale/el/LC_MESSAGES/djangojs.po) provides them."""
    client.force_login(lead_staff)
    catalogue = client.get("/admin/jsi18n/", headers={"accept-language": "el"}).content.decode()
    # The key, with its Greek value beside it (written as JSON: escaped or not).
    assert '"Choose all %s": "\\u0395' in catalogue or '"Choose all %s": "Ε' in catalogue
