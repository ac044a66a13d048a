import json

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from common.exports import CSV, JSON, Table, csv_text, download
from common.languages import absolute
from common.paging import HOME_CITIES, PROGRESS_CITIES_PER_PAGE, page_of
from common.requests import network_for
from meetings.rows import meeting_rows
from meetings.selectors import upcoming_public_meetings
from news.rows import article_rows
from news.selectors import latest_article_summaries
from practices.models import Phase
from practices.public_cities import public_cities

from .city_cards import city_cards
from .rows import progress_table
from .search import MAX_QUERY_LENGTH, hit_rows, search
from .selectors import (
    network_progress,
    progress_cities,
    progress_matrix,
    progress_records,
)


@require_GET
def root(request: HttpRequest) -> HttpResponse:
    """``/``: the visitor's language from Accept-Language (or their earlier choice), else Greek."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = HttpResponseRedirect(reverse("portal:home"))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = network_for(self.request)
        context["cities"] = city_cards(public_cities(network=network, limit=HOME_CITIES))
        context["total"] = network_progress(network=network) if network else None
        context["articles"] = article_rows(
            latest_article_summaries(network=network, limit=3), with_cities=False
        )
        context["meetings"] = meeting_rows(upcoming_public_meetings(network=network, limit=3))
        return context


class ProgressView(TemplateView):
    template_name = "portal/progress.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        network = network_for(self.request)
        page = page_of(
            self.request, progress_cities(network=network), per_page=PROGRESS_CITIES_PER_PAGE
        )
        context["page_obj"] = page
        context["table"] = progress_table(progress_matrix(network=network, cities=list(page)))
        context["phases"] = list(Phase)
        return context


def _download_name(request: HttpRequest, extension: str) -> str:
    network = network_for(request)
    slug = network.slug if network else "network"
    return f"{slug}-progress-{translation.get_language()}.{extension}"


@require_GET
def progress_csv(request: HttpRequest) -> HttpResponse:
    records = progress_records(progress_matrix(network=network_for(request)))
    columns = ["city", "city_name", "country", "practice", "practice_title", "steps", "progress"]
    columns += [f"progress_{phase.value}" for phase in Phase]
    rows = ([record.get(column) for column in columns] for record in records)
    return download(
        csv_text([Table(None, columns, rows)]),
        filename=_download_name(request, "csv"),
        content_type=CSV,
    )


@require_GET
def progress_json(request: HttpRequest) -> HttpResponse:
    matrix = progress_matrix(network=network_for(request))
    network = matrix.network
    document = {
        "network": network.name if network else None,
        "language": translation.get_language(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "source": absolute(reverse("portal:progress")),
        "progress": matrix.total.overall if matrix.total else None,
        "phases": [phase.value for phase in Phase],
        "transfers": progress_records(matrix),
    }
    return download(
        json.dumps(document, ensure_ascii=False, indent=2),
        filename=_download_name(request, "json"),
        content_type=JSON,
        attachment=False,
    )


class SearchView(TemplateView):
    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        context["query"] = query
        network = network_for(self.request)
        context["hits"] = hit_rows(search(query=query, network=network)) if query else []
        return context


@require_GET
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    from .sitemaps import SITEMAPS

    return sitemap(request, sitemaps={name: cls(request) for name, cls in SITEMAPS.items()})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/accounts/", f"Disallow: /{code}/search/"]
    lines += ["", f"Sitemap: {absolute(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    template = loader.get_template("404.html")
    return HttpResponse(template.render({"request_path": request.path}, request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without context processors or database access: the error may be the database."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_path": request.path}))
