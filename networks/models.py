"""A network's structure that no city owns yet: the standard steps every transfer gets and the
standard questions every registration form starts with.

In a running network these live on each transfer's steps and each meeting's questions; a new
network, copied from an earlier one before it has any city or meeting (``networks.copying``),
keeps them here, and its first transfers and registration forms start from them
(``networks.signals``). Lead staff edit them in the admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.portal_translation import PortalTranslated
from practices.models import Phase
from practices.schedule import validate_within_network
from registrations.models import Question


class StandardStep(PortalTranslated):
    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="standard_steps",
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)

    class Meta:
        verbose_name = _("standard step")
        verbose_name_plural = _("standard steps")
        ordering = ["network", "phase", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "phase", "order"], name="standard_step_unique_place"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.network_id:
            validate_within_network(due_date=self.due_date, network=self.network)


class StandardQuestion(PortalTranslated):
    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="standard_questions",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Question.Kind.choices, default=Question.Kind.SHORT_TEXT
    )
    label = models.CharField(_("question"), max_length=200)
    choices = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    required = models.BooleanField(_("answer required"), default=False)

    class Meta:
        verbose_name = _("standard registration question")
        verbose_name_plural = _("standard registration questions")
        ordering = ["network", "order", "id"]

    def __str__(self) -> str:
        return self.label
