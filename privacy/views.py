import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import FormView, TemplateView

from common.exports import JSON, download
from common.requests import network_for

from .forms import DeleteAccountForm
from .selectors import data_controller, personal_data
from .services import can_delete_own_account, delete_account


class PolicyView(TemplateView):
    template_name = "privacy/policy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["controller"] = data_controller(network_for(self.request))
        context["contact_email"] = settings.PRIVACY_CONTACT_EMAIL
        context["error_reporting"] = bool(settings.SENTRY_DSN)
        context["registration_retention_days"] = settings.REGISTRATION_RETENTION_DAYS
        return context


class MyDataView(LoginRequiredMixin, TemplateView):
    template_name = "privacy/my_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_delete"] = can_delete_own_account(self.request.user)
        return context


@require_GET
@login_required
def export_data(request):
    body = json.dumps(
        personal_data(user=request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    filename = f"citisense-my-data-{timezone.localdate().isoformat()}.json"
    response = download(body, filename=filename, content_type=JSON)
    response["Cache-Control"] = "no-store"
    return response


class DeleteAccountView(LoginRequiredMixin, FormView):
    template_name = "privacy/delete_account.html"
    form_class = DeleteAccountForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_delete_own_account(request.user):
            messages.info(
                request,
                _("Accounts with administration rights are closed by the lead partner's staff."),
            )
            return redirect("privacy:my_data")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        delete_account(user=self.request.user)
        logout(self.request)
        messages.success(self.request, _("Your account has been deleted."))
        return redirect("portal:home")
