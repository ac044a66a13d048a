from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.search import SearchDocuments, document_indexes
from common.uploads import RandomUploadName


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may read: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def of(self, network) -> "ArticleQuerySet":
        """The articles of one network (none without a network): what its site shows."""
        return self.filter(network=network) if network is not None else self.none()


class Article(SearchDocuments):
    # The site search's documents (search_<lang>) come from SearchDocuments, kept by
    # portal.search_index on every save.
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="articles",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120)  # unique within the network
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"))
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("Sample content, not a reported fact.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("The article is public from this moment on, once published."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    cities = models.ManyToManyField(
        "cities.City", verbose_name=_("cities"), blank=True, related_name="articles"
    )
    cover_image = models.ImageField(
        _("cover image"), upload_to=RandomUploadName("news"), blank=True, max_length=255
    )
    cover_alt = models.CharField(_("cover image description"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        indexes = [
            # The public lists: a network's published articles, newest first.
            models.Index(
                fields=["network", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_published_newest",
            ),
            *document_indexes(),
        ]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="article_unique_slug"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
