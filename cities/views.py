from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from meetings.selectors import meetings_hosted_by
from news.selectors import articles_about
from portal.context_processors import network_for
from practices.models import Phase

from .selectors import public_cities, public_city

CITY_NEWS = 5


@require_GET
def city_list(request: HttpRequest) -> HttpResponse:
    cities = public_cities(network=network_for(request))
    return render(request, "cities/city_list.html", {"cities": cities})


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
            "phases": list(Phase),
            "meetings": meetings_hosted_by(city=city),
            "articles": articles_about(city=city, limit=CITY_NEWS),
        },
    )
