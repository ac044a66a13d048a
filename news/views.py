from django.http import Http404
from django.urls import reverse
from django.views.generic import DetailView
from django_filters.views import FilterView

from cities.selectors import partner_cities
from common.languages import translated_columns
from common.paging import ARCHIVE_PER_PAGE
from common.requests import network_for
from common.static_build import archiving

from .filters import ArticleFilter
from .rows import article_rows
from .selectors import article_summaries, attach_city_names, published_article


class ArticleListView(FilterView):
    filterset_class = ArticleFilter
    template_name = "news/article_list.html"
    paginate_by = 10
    # A stale or mistyped filter shows its error and is ignored, rather than emptying the page.
    strict = False

    def get_queryset(self):
        return article_summaries(network=network_for(self.request))

    def get_paginate_by(self, queryset):
        return ARCHIVE_PER_PAGE if archiving() is not None else self.paginate_by

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        network = network_for(self.request)
        # The filter lists every partner: their names and slugs are all it reads.
        kwargs["network"] = network
        kwargs["cities"] = (
            partner_cities(network=network).only("slug", *translated_columns("name"))
            if network
            else None
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attach_city_names(context["object_list"])  # the page's articles, evaluated here
        context["rows"] = article_rows(context["object_list"])
        return context


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        article = published_article(network=network_for(self.request), slug=self.kwargs["slug"])
        if article is None:
            raise Http404
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The article's cities with their addresses: one reverse() for all of them.
        link = reverse("cities:detail", kwargs={"slug": "0"})[: -len("0/")]
        context["cities"] = [
            {"url": f"{link}{city.slug}/", "name": city.name} for city in self.object.cities.all()
        ]
        return context
