"""What a page looks like while it is rendered into the archive: the banner, no sign-in, one
page per list (a static server cannot answer ``?page=``); the live site is untouched."""

import datetime as dt

import pytest
from django.test import override_settings

from common.static_build import archive_of
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@override_settings(PAGE_CACHE_ENABLED=False)
def test_an_archived_list_is_one_page_with_the_banner_and_no_sign_in(client, network):
    ArticleFactory.create_batch(12)
    live = client.get("/en/news/").content.decode()
    assert "?page=2" in live and "/en/accounts/login/" in live
    assert "This is the archive of" not in live
    with archive_of(network, as_of=dt.date(2027, 3, 15), languages=("en", "ca")):
        page = client.get("/en/news/").content.decode()
    assert f"This is the archive of {network.name} as of 15 March 2027." in page
    assert "?page=" not in page and "/en/accounts/login/" not in page
    assert page.count('class="list-item"') == 12
    # The language switcher offers only the archived languages.
    assert 'hreflang="ca"' in page and 'hreflang="it"' not in page
