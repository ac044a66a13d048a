from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.locking import Versioned
from common.models import DemoMarked, EditableContent
from common.portal_translation import PortalTranslated
from common.search import SearchDocuments, document_indexes
from common.uploads import RandomUploadName, private_storage

from .schedule import DueDateMixin, ProgressQuerySet, Status, validate_within_network
from .step_history import StepHistoricalRecords, StepHistoryNetwork


class Phase(models.TextChoices):
    """URBACT's transfer journey."""

    UNDERSTAND = "understand", _("Understand")
    ADAPT = "adapt", _("Adapt")
    REUSE = "reuse", _("Re-use")


class Practice(PortalTranslated, SearchDocuments):
    # The site search's documents (search_<lang>) come from SearchDocuments, kept by
    # portal.search_index on every save.
    """One component of the good practice the network transfers."""

    class Layer(models.TextChoices):
        GOVERNANCE = "governance", _("Governance")
        DIGITAL = "digital", _("Digital")
        SOCIAL_SPATIAL = "social_spatial", _("Social and spatial")

    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    title = models.CharField(_("title"), max_length=200)
    # Unique within the network: a network copied from another keeps its practices' slugs.
    slug = models.SlugField(_("slug"), max_length=100)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    layer = models.CharField(_("layer"), max_length=32, choices=Layer.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["order", "slug"]
        indexes = [
            models.Index(fields=["network", "order", "slug"], name="practice_network_order"),
            *document_indexes(),
        ]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="practice_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.title


#: The transfer's tallies of its steps (kept by practices.progress), in the order indexes hold them.
TALLY_FIELDS = [
    *(f"tally_steps_{phase}" for phase in Phase.values),
    *(f"tally_progress_{phase}" for phase in Phase.values),
    "tally_done",
]


class Transfer(DemoMarked):
    """A city's commitment to adapt and re-use one practice."""

    city = models.ForeignKey(
        "cities.City", verbose_name=_("city"), on_delete=models.CASCADE, related_name="transfers"
    )
    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.PROTECT, related_name="transfers"
    )
    adaptation_notes = models.TextField(_("local adaptation"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Tallies of the transfer's steps, kept by practices.progress whenever a step changes: pages
    # average progress over transfers (hundreds of rows) instead of steps (tens of thousands).
    tally_steps_understand = models.PositiveIntegerField(default=0, editable=False)
    tally_steps_adapt = models.PositiveIntegerField(default=0, editable=False)
    tally_steps_reuse = models.PositiveIntegerField(default=0, editable=False)
    tally_progress_understand = models.PositiveIntegerField(default=0, editable=False)
    tally_progress_adapt = models.PositiveIntegerField(default=0, editable=False)
    tally_progress_reuse = models.PositiveIntegerField(default=0, editable=False)
    tally_done = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["city__order", "practice__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "practice"], name="transfer_unique_city_practice"
            ),
        ]
        # Pages add up the tallies per city and per practice (the home page, the lists of cities
        # and practices, the progress matrix): from these indexes alone, not from the wide rows
        # (every language of every text) of every transfer of the network.
        indexes = [
            models.Index(fields=["city"], include=TALLY_FIELDS, name="transfer_city_tallies"),
            models.Index(
                fields=["practice"], include=TALLY_FIELDS, name="transfer_practice_tallies"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.practice}"

    def clean(self) -> None:
        if self.city_id and self.practice_id and self.city.network_id != self.practice.network_id:
            raise ValidationError(_("The city and the practice belong to different networks."))


class TransferStep(DueDateMixin, EditableContent, Versioned, PortalTranslated):
    Status = Status
    NETWORK_LOOKUP = "transfer__city__network"

    transfer = models.ForeignKey(
        Transfer, verbose_name=_("transfer"), on_delete=models.CASCADE, related_name="steps"
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    notes = models.TextField(_("notes"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = StepHistoricalRecords(excluded_fields=["updated_at"], bases=[StepHistoryNetwork])

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer step")
        verbose_name_plural = _("transfer steps")
        ordering = ["transfer", "phase", "order", "id"]
        indexes = [
            # Every workspace filter (phase, status, due dates) reads this index, never the
            # table: it holds what the filters test and which transfer each step belongs to.
            models.Index(
                fields=["transfer", "phase", "status", "due_date"],
                include=["progress"],
                name="step_transfer_filters",
            ),
            # Overdue and due-soon lists: open steps by due date. With the transfer, the network
            # page's count of overdue steps reads this index alone, not the table.
            models.Index(
                fields=["due_date", "id"],
                include=["transfer"],
                condition=~Q(status="done"),
                name="step_open_due",
            ),
            # The sort orders the workspace offers.
            models.Index(fields=["due_date", "id"], name="step_due_date"),
            models.Index(fields=["progress", "id"], name="step_progress"),
            models.Index(fields=["status", "id"], name="step_status"),
            models.Index(fields=["title", "id"], name="step_title"),
            models.Index(fields=["updated_at", "id"], name="step_updated_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="step_progress_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=Q(status="done", progress=100)
                | (~Q(status="done") & Q(progress__lt=100)),
                name="step_done_exactly_at_100",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def network_end_date(self):
        return self.transfer.city.network.end_date

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.progress is None or not 0 <= self.progress <= 100:
            # The field's own validators say so, once, in Django's words for every language.
            pass
        elif self.status == Status.DONE and self.progress != 100:
            errors.setdefault("progress", []).append(
                _("A step marked done must be at 100% progress.")
            )
        elif self.status != Status.DONE and self.progress == 100:
            errors.setdefault("status", []).append(
                _("A step at 100% progress must be marked done.")
            )
        if errors:
            raise ValidationError(errors)
        if self.transfer_id:
            validate_within_network(due_date=self.due_date, network=self.transfer.city.network)


class Deliverable(DueDateMixin, EditableContent, Versioned):
    """What the transfer journey asks of each city, or of the network as a whole."""

    class Kind(models.TextChoices):
        TRANSFERABILITY_STUDY = "transferability_study", _("Transferability study")
        DRAFT_INVESTMENT_PLAN = "draft_investment_plan", _("Draft investment plan")
        FINAL_INVESTMENT_PLAN = "final_investment_plan", _("Final investment plan")
        FINAL_NETWORK_REPORT = "final_network_report", _("Final network report")
        OTHER = "other", _("Other")

    NETWORK_LEVEL_KINDS = frozenset({Kind.TRANSFERABILITY_STUDY, Kind.FINAL_NETWORK_REPORT})

    Status = Status
    NETWORK_LOOKUP = "network"

    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="deliverables",
    )
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliverables",
        help_text=_("Leave empty for a network-level deliverable."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the name of the kind."),
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    file = models.FileField(
        _("file"),
        upload_to=RandomUploadName("deliverables"),
        storage=private_storage,
        blank=True,
        max_length=255,
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["due_date", "city__order", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "city", "kind"],
                condition=~Q(kind="other") & Q(city__isnull=False),
                name="deliverable_unique_city_kind",
            ),
            models.UniqueConstraint(
                fields=["network", "kind"],
                condition=~Q(kind="other") & Q(city__isnull=True),
                name="deliverable_unique_network_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_title} · {self.city}" if self.city_id else str(self.display_title)

    @property
    def display_title(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def network_end_date(self):
        return self.network.end_date

    def clean(self) -> None:
        if self.kind == self.Kind.OTHER and not self.title:
            raise ValidationError({"title": _("Give a title to a deliverable of another kind.")})
        if self.city_id and self.network_id and self.city.network_id != self.network_id:
            raise ValidationError({"city": _("The city is not a partner of this network.")})
        if self.network_id:
            validate_within_network(due_date=self.due_date, network=self.network)


def _uploader():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class PrivateFile(models.Model):
    """A file kept in private storage: only permission-checking views serve it."""

    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


class StepEvidence(PrivateFile):
    """A document, photo or spreadsheet that shows what was done for a step."""

    step = models.ForeignKey(
        TransferStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(
        _("file"),
        upload_to=RandomUploadName("evidence"),
        storage=private_storage,
        max_length=255,
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = _uploader()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["-uploaded_at", "-id"]


class DeliverableUpload(PrivateFile):
    """Every file uploaded for a deliverable; the newest one is the deliverable's file."""

    deliverable = models.ForeignKey(
        Deliverable,
        verbose_name=_("deliverable"),
        on_delete=models.CASCADE,
        related_name="uploads",
    )
    file = models.FileField(
        _("file"),
        upload_to=RandomUploadName("deliverables"),
        storage=private_storage,
        max_length=255,
    )
    uploaded_by = _uploader()

    class Meta:
        verbose_name = _("deliverable upload")
        verbose_name_plural = _("deliverable uploads")
        ordering = ["-uploaded_at", "-id"]


class StepComment(models.Model):
    """Feedback from lead staff or the lead expert, read by the city's coordinators."""

    step = models.ForeignKey(
        TransferStep, verbose_name=_("step"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("step comment")
        verbose_name_plural = _("step comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]
