import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import validate_timezone
from common.portal_translation import PortalTranslated
from common.search import SearchDocuments, document_indexes
from common.uploads import RandomUploadName, private_storage


class MeetingQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start")


class Meeting(PortalTranslated, SearchDocuments):
    # The site search's documents (search_<lang>) come from SearchDocuments, kept by
    # portal.search_index on every save.
    class Kind(models.TextChoices):
        TRANSNATIONAL = "transnational", _("Transnational meeting")
        LOCAL_ULG = "local_ulg", _("URBACT Local Group meeting")
        ONLINE = "online", _("Online meeting")
        THEMATIC_WORKSHOP = "thematic_workshop", _("Thematic workshop")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    class Precision(models.TextChoices):
        """How precisely the meeting's date is known: pages, calendars and reminders show it
        no more precisely than that, so nothing is invented."""

        TIME = "time", _("Exact days and times")
        DAY = "day", _("Exact days, times not published")
        MONTH = "month", _("Month only")
        UNDATED = "undated", _("Date not published (start and end bound when it took place)")

    #: Precisions with known days: the only ones a calendar file can carry.
    CALENDAR_PRECISIONS = frozenset({Precision.TIME, Precision.DAY})

    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120)  # unique within the network
    agenda = models.TextField(_("agenda"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    timezone = models.CharField(
        _("venue time zone"),
        max_length=64,
        default="Europe/Athens",
        validators=[validate_timezone],
        help_text=_("Times are shown in the venue's local time."),
    )
    host_city = models.ForeignKey(
        "cities.City",
        verbose_name=_("host city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_meetings",
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=16,
        choices=Precision.choices,
        default=Precision.TIME,
        help_text=_(
            "As precisely as the source says. For a month, start and end fall in that month; "
            "for an undated meeting they bound the period when it took place."
        ),
    )
    is_demo = models.BooleanField(
        _("demo content"), default=False, help_text=_("Sample content, not a reported fact.")
    )
    source_title = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_read_on = models.DateField(_("source read on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    # iCalendar SEQUENCE: raised on every change people must see, so calendars replace the event.
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    minutes = models.FileField(
        _("minutes"),
        upload_to=RandomUploadName("minutes"),
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    minutes_summary = models.TextField(_("summary of the minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start"]
        indexes = [
            # The public lists: a network's public meetings by date.
            models.Index(
                fields=["network", "start"],
                condition=Q(is_public=True),
                name="meeting_public_start",
            ),
            *document_indexes(),
        ]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="meeting_unique_slug"),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The meeting must end after it starts.")})

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_start(self):
        return self.start.astimezone(self.tzinfo)

    @property
    def local_end(self):
        return self.end.astimezone(self.tzinfo)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def has_times(self) -> bool:
        return self.date_precision == self.Precision.TIME

    @property
    def has_days(self) -> bool:
        """Its days are known, so calendar files and reminders can carry it."""
        return self.date_precision in self.CALENDAR_PRECISIONS


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starts_at = models.TimeField(_("time (venue)"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "starts_at", "id"]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    class RSVP(models.TextChoices):
        INVITED = "invited", _("Invited")
        ATTENDING = "attending", _("Attending")
        DECLINED = "declined", _("Declined")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    rsvp = models.CharField(_("answer"), max_length=16, choices=RSVP.choices, default=RSVP.INVITED)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["meeting", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="participation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.meeting}"
