from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.admin_scope import NetworkScopedAdmin, scope_queryset
from cities.models import City, Membership
from cities.selectors import is_lead_staff
from common.languages import localized_fields

from . import services
from .forms import InvitationForm
from .models import Invitation, User


class MembershipInline(NetworkScopedAdmin, admin.TabularInline):
    """The person's roles in the networks of the person looking: a lead of network B does not
    learn what the person does in network A."""

    network_path = "city__network"
    model = Membership
    extra = 0
    autocomplete_fields = ["city"]
    fk_name = "user"


@admin.register(User)
class UserAdmin(NetworkScopedAdmin, DjangoUserAdmin):
    """Lead staff see the people who hold a role in their networks (a person in two networks
    is seen by the lead staff of both, each with the roles of their own network only). An
    account with no role anywhere is the superusers'. Lead staff add people by inviting them
    (an invitation is for one network), and only a superuser makes another superuser."""

    network_path = "memberships__city__network"
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "preferred_language",
        "is_staff",
        "is_active",
        "last_login",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "preferred_language", "groups"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "preferred_language", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ["last_login", "date_joined"]

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser and super().has_add_permission(request)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields


@admin.register(Invitation)
class InvitationAdmin(NetworkScopedAdmin, admin.ModelAdmin):
    """Lead staff invite people here; saving the form sends the email."""

    network_path = "city__network"

    form = InvitationForm
    list_display = [
        "email",
        "city",
        "role",
        "status",
        "sent_at",
        "send_count",
        "expires_at",
        "invited_by",
    ]
    list_filter = ["role", "city", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "user__full_name", *localized_fields("city__name")]
    list_select_related = ["city", "invited_by", "user"]
    actions = ["resend"]
    readonly_fields = [
        "email",
        "user",
        "city",
        "role",
        "invited_by",
        "created_at",
        "sent_at",
        "send_count",
        "expires_at",
        "accepted_at",
    ]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["email", "full_name", "preferred_language", "city", "role"]
        return self.readonly_fields

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and is_lead_staff(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        cities = scope_queryset(City.objects.order_by("order", "slug"), request)

        class InvitationFormInTheirNetworks(form):
            """The cities of the person's networks only (the form lists every city)."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "city" in self.fields:
                    self.fields["city"].queryset = cities

        return InvitationFormInTheirNetworks

    def has_change_permission(self, request, obj=None) -> bool:
        # Nothing on an invitation is edited by hand: it is re-sent or deleted.
        return False if obj is not None else super().has_change_permission(request, obj)

    @admin.display(description=_("status"))
    def status(self, obj: Invitation) -> str:
        if obj.is_accepted:
            return _("accepted")
        if obj.is_expired():
            return _("expired")
        return _("waiting")

    def save_form(self, request, form, change):
        try:
            result = services.invite(
                email=form.cleaned_data["email"],
                city=form.cleaned_data["city"],
                role=form.cleaned_data["role"],
                user=request.user,
                full_name=form.cleaned_data["full_name"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except services.InvitationError as error:
            raise _InviteFailed(str(error)) from error
        self._result = result
        return result.invitation

    def save_model(self, request, obj, form, change):
        pass  # The service has saved it.

    def save_related(self, request, form, formsets, change):
        pass

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except _InviteFailed as error:
            self.message_user(
                request,
                _("The invitation was not sent: %(reason)s") % {"reason": error},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())

    def response_add(self, request, obj, post_url_continue=None):
        result = self._result
        if result.created_user:
            text = _("%(email)s was invited to %(city)s; the email with the link is on its way.")
        elif obj.token_hash:
            text = _("The invitation to %(email)s for %(city)s was sent again with a new link.")
        else:
            text = _(
                "%(email)s already has an account: the role in %(city)s was added and they "
                "were told by email."
            )
        self.message_user(request, text % {"email": obj.email, "city": obj.city}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:accounts_invitation_changelist"))

    @admin.action(description=_("Send the selected invitations again"), permissions=["resend"])
    def resend(self, request, queryset):
        sent = 0
        for invitation in queryset.select_related("user", "city"):
            try:
                services.resend_invitation(invitation=invitation, user=request.user)
            except services.InvitationError as error:
                self.message_user(request, f"{invitation.email}: {error}", messages.ERROR)
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation was sent again.",
                    "%(count)d invitations were sent again.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )

    def has_resend_permission(self, request) -> bool:
        return is_lead_staff(request.user)


class _InviteFailed(Exception):
    pass
