"""Each city's URBACT Local Group: its member organisations, and what its meetings recorded.

A contact person (name, email) is private: only the city's coordinators and lead staff see it,
it is never shown on a public page, and it goes with the organisation's row.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PUBLIC_AUTHORITY = "public_authority", _("Public authority")
    POLICE = "police", _("Police")
    EDUCATION = "education", _("Education")
    CIVIL_SOCIETY = "civil_society", _("Civil society / NGO")
    RESIDENTS = "residents", _("Residents")
    BUSINESS = "business", _("Business")
    ACADEMIA = "academia", _("Academia")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    city = models.ForeignKey(
        "cities.City",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="ulg_organisations",
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    listed_publicly = models.BooleanField(
        _("may be listed publicly"),
        default=False,
        help_text=_("Only with the organisation's agreement: its name on the public city page."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_demo = models.BooleanField(
        _("demo"), default=False, help_text=_("Sample data of the demo, not a real organisation.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ULG organisation")
        verbose_name_plural = _("ULG organisations")
        ordering = ["city__order", "name"]
        constraints = [
            models.UniqueConstraint(
                "city", Lower("name"), name="ulg_organisation_name_unique_per_city"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="ulg_organisation_leaves_after_joining",
            ),
        ]
        indexes = [models.Index(fields=["contact_email"], name="ulg_org_contact_email")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = " ".join(self.name.split())
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("An organisation cannot leave before it joined.")})
        if self.city_id and self.name:
            twins = Organisation.objects.filter(city_id=self.city_id, name__iexact=self.name)
            if twins.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"name": _("This organisation is already in the city's register.")}
                )

    def validate_constraints(self, exclude=None):
        # clean() says the same in the person's language; the database still has the last word.
        pass

    def is_member_on(self, day) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on >= day)


class Attendance(models.Model):
    """Who came to a meeting: the number of people and the ULG organisations present."""

    meeting = models.OneToOneField(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="ulg_attendance",
    )
    people = models.PositiveIntegerField(_("number of people"))
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations present"),
        blank=True,
        related_name="attendances",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return str(self.meeting)


class SectorAttendance(models.Model):
    """Optional: how many of the people came from each sector."""

    attendance = models.ForeignKey(
        Attendance, verbose_name=_("attendance"), on_delete=models.CASCADE, related_name="sectors"
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    people = models.PositiveIntegerField(_("number of people"))

    class Meta:
        verbose_name = _("attendance by sector")
        verbose_name_plural = _("attendance by sector")
        ordering = ["attendance", "sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["attendance", "sector"], name="ulg_sector_attendance_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_sector_display()}: {self.people}"


class Outcome(models.Model):
    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        INFORMATION = "information", _("Information")
        ACTION = "action", _("Action")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="ulg_outcomes",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("text"))
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owner (organisation)"),
        null=True,
        blank=True,
        # An organisation that owns actions is given up by recording when it left.
        on_delete=models.PROTECT,
        related_name="actions",
    )
    owner_person = models.CharField(
        _("owner (person)"),
        max_length=200,
        blank=True,
        help_text=_("A name, kept private like the contact persons."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="action")
                | (
                    Q(due_date__isnull=False)
                    & ~Q(status="")
                    & (Q(owner_organisation__isnull=False) | ~Q(owner_person=""))
                ),
                name="ulg_action_has_owner_due_date_and_status",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_date"], condition=Q(status="open"), name="ulg_open_actions_due"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_action(self) -> bool:
        return self.kind == self.Kind.ACTION

    @property
    def owner_label(self) -> str:
        if self.owner_organisation_id:
            return self.owner_organisation.name
        return self.owner_person

    def clean(self) -> None:
        errors = {}
        if self.is_action:
            has_organisation = bool(self.owner_organisation_id)
            if not has_organisation and not self.owner_person.strip():
                errors["owner_organisation"] = _(
                    "An action needs an owner: an organisation or a person."
                )
            elif has_organisation and self.owner_person.strip():
                errors["owner_person"] = _("Choose an organisation or a person, not both.")
            if not self.due_date:
                errors["due_date"] = _("An action needs a due date.")
            if not self.status:
                self.status = self.Status.OPEN
        else:
            # Decisions and information have no owner, due date or status.
            self.owner_organisation = None
            self.owner_person = ""
            self.due_date = None
            self.status = ""
        if errors:
            raise ValidationError(errors)
