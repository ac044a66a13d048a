"""A list's length is not asked when the page already knows it, and a list's days read the
same written by ``DayTexts``'s own writer as by Django's ``date_format``."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation

from cities.models import City
from common.dates import DayTexts
from common.paging import count_of, page_of
from tests.factories import CityFactory


def test_days_read_as_django_writes_them_in_every_language():
    days = [dt.date(1999, 1, 1) + dt.timedelta(days=37 * i) for i in range(120)]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for fmt in ("SHORT_DATE_FORMAT", "DATE_FORMAT", "YEAR_MONTH_FORMAT", r"j \d\e n y"):
                texts = DayTexts()
                assert [texts(day, fmt) for day in days] == [
                    formats.date_format(day, fmt) for day in days
                ], (code, fmt)


def _page(number, per_page=3):
    request = RequestFactory().get("/", {} if number is None else {"page": number})
    with CaptureQueriesContext(connection) as queries:
        page = page_of(request, City.objects.order_by("pk"), per_page=per_page)
        figures = (page.number, page.paginator.count, page.has_next(), len(page))
    return figures, len(queries)


@pytest.mark.django_db
def test_a_page_shorter_than_a_page_needs_no_count(network):
    CityFactory.create_batch(7, network=network)
    assert _page(None) == ((1, 7, True, 3), 2)  # a full page: its rows, then the count
    assert _page("3") == ((3, 7, False, 1), 1)  # the last page: its rows give the count
    assert _page("x") == ((1, 7, True, 3), 2)
    assert _page("9")[0] == (3, 7, False, 1)  # past the end: the last page, as Django shows it
    assert _page("0")[0] == (3, 7, False, 1)


@pytest.mark.django_db
def test_a_list_shown_up_to_a_limit_counts_only_when_it_may_go_on(network):
    CityFactory.create_batch(4, network=network)
    cities = City.objects.all()
    with CaptureQueriesContext(connection) as queries:
        assert count_of(cities, first=list(cities[:5]), limit=5) == 4
        assert count_of(cities, first=list(cities[:2]), limit=2) == 4
    assert len(queries) == 3
