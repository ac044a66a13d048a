"""Abstract models for the fields every editable model repeats.

The optimistic-locking fields (``version``) are not here: they come with their own save and
conflict handling."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoMarked(models.Model):
    """Rows the demo seeds: shown with a "demo" mark and removed with the demo content."""

    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("Sample content, not a reported fact.")
    )

    class Meta:
        abstract = True


class Edited(models.Model):
    """Who changed a row last, and when (the history keeps every earlier change)."""

    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class EditableContent(Edited, DemoMarked):
    """Content a coordinator edits and the demo also seeds: steps, deliverables."""

    class Meta:
        abstract = True
