"""Outputs the network publishes (Investment Plans, the transferability study, the final report):
a deliverable's file that lead staff chose to make public. Everything else stays private."""

from django.conf import settings
from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PublishedOutputQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class PublishedOutput(models.Model):
    upload = models.OneToOneField(
        "practices.DeliverableUpload",
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    document_language = models.CharField(
        _("language of the document"), max_length=8, choices=ALL_LANGUAGES
    )
    published_on = models.DateField(_("published on"))
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unticked: the file is private again at once."),
    )
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("A sample document, not a real output.")
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PublishedOutputQuerySet.as_manager()

    class Meta:
        verbose_name = _("published output")
        verbose_name_plural = _("published outputs")
        ordering = ["-published_on", "pk"]
        indexes = [
            models.Index(
                fields=["published_on"], condition=Q(is_published=True), name="output_published"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def deliverable(self):
        return self.upload.deliverable
