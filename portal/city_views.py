"""The partner cities' public pages: they show the cities' transfers, meetings and news, so
they live here, with the other pages that span apps."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cities.about import network_facts
from common.paging import CITIES_PER_PAGE, page_of
from common.requests import network_for
from meetings.rows import meeting_rows
from meetings.selectors import meetings_hosted_by
from news.rows import article_rows
from news.selectors import articles_about
from practices.public_cities import public_cities_with_progress, public_city
from practices.rows import transfer_table
from practices.selectors import attach_progress

from .city_cards import city_cards

CITY_NEWS = 5
CITY_MEETINGS = 5


@require_GET
def city_list(request: HttpRequest) -> HttpResponse:
    page = page_of(
        request, public_cities_with_progress(network=network_for(request)), per_page=CITIES_PER_PAGE
    )
    for city in page:
        attach_progress(city)
    cards = city_cards(page.object_list, with_population=True)
    return render(request, "cities/city_list.html", {"cards": cards, "page_obj": page})


@require_GET
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = public_city(network=network_for(request), slug=slug)
    if city is None:
        raise Http404
    return render(
        request,
        "cities/city_detail.html",
        {
            "city": city,
            "transfer_table": transfer_table(city.shown_transfers, by="practice"),
            "meetings": meeting_rows(meetings_hosted_by(city=city, limit=CITY_MEETINGS)),
            # Rows as the news list writes them: links, dates and languages once per list.
            "articles": article_rows(articles_about(city=city, limit=CITY_NEWS)),
        },
    )


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    """The network's programme, period, budget, partners and people, each with its source."""
    network = network_for(request)
    if network is None:
        raise Http404
    return render(request, "cities/about.html", {"facts": network_facts(network=network)})
