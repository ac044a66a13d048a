from allauth.account.utils import perform_login
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from common.requests import network_for

from . import services
from .forms import SetPasswordForm


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
class AcceptInvitationView(View):
    """The link in an invitation email: the invitee chooses a password and is signed in."""

    template_name = "accounts/invitation_accept.html"
    invalid_template_name = "accounts/invitation_invalid.html"

    def _invalid(self, request, invitation):
        expired = invitation is not None and not invitation.is_accepted
        return render(
            request,
            self.invalid_template_name,
            {"expired": expired, "invitation": invitation},
            status=410 if expired else 404,
        )

    def dispatch(self, request, *args, token: str, **kwargs):
        self.token = token
        # An invitation is for one network: its link works on that network's host only.
        self.invitation = services.invitation_for_token(token, network=network_for(request))
        if (
            self.invitation is None
            or self.invitation.is_accepted
            or self.invitation.is_expired()
            or not self.invitation.user.is_active
        ):
            return self._invalid(request, self.invitation)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, **kwargs):
        form = SetPasswordForm(user=self.invitation.user)
        return render(request, self.template_name, {"form": form, "invitation": self.invitation})

    def post(self, request, **kwargs):
        form = SetPasswordForm(request.POST, user=self.invitation.user)
        if form.is_valid():
            try:
                user = services.accept_invitation(
                    token=self.token,
                    password=form.cleaned_data["password1"],
                    network=network_for(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your password is set. Welcome to the workspace."))
                # allauth's login runs its stages and the adapter's post_login, which
                # switches to the person's language and sends them to the workspace.
                return perform_login(request, user, email_verification="none")
        return render(request, self.template_name, {"form": form, "invitation": self.invitation})
