"""The next network is created from the admin: a button on a network's page opens the form of
``networks.copying.copy_structure``. The standard steps and questions are edited here too."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from cities.admin import NetworkAdmin
from cities.admin_scope import NetworkScopedAdmin
from cities.models import Network
from cities.selectors import is_lead_staff
from common.forms import add_model_errors
from common.translation_admin import LanguageTabsAdmin

from .copying import copy_structure
from .forms import CopyNetworkForm
from .models import StandardQuestion, StandardStep


class NetworkWithCopyAdmin(NetworkAdmin):
    change_form_template = "networks/admin/network_change_form.html"

    def get_urls(self):
        # Named in this app, not "cities": copying writes a new network and only reads the
        # source, which may be closed (the closed network's admin guard is for its own data).
        copy = self.admin_site.admin_view(self.copy_view)
        return [
            path("<path:object_id>/copy/", copy, name="networks_copy_structure"),
            *super().get_urls(),
        ]

    def copy_view(self, request, object_id):
        source = self.get_object(request, unquote(object_id))
        if source is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not is_lead_staff(request.user, source):
            raise PermissionDenied
        form = CopyNetworkForm(request.POST or None, source=source)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                network = copy_structure(
                    source=source,
                    user=request.user,
                    name=data["name"],
                    slug=data["slug"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    hosts=form.host_names(),
                    lead_city_name=data["lead_city_name"],
                    lead_city_country=data["lead_city_country"],
                )
            except ValidationError as error:
                add_model_errors(form, error)
            else:
                self.message_user(
                    request,
                    _(
                        "%(network)s was created with the structure of %(source)s. You are its "
                        "lead staff: invite its partners and staff."
                    )
                    % {"network": network, "source": source},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:cities_network_change", args=[network.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Create the next network from %(network)s") % {"network": source},
            "form": form,
            "source": source,
            "opts": self.opts,
            "original": source,
        }
        return TemplateResponse(request, "networks/admin/copy_network.html", context)


admin.site.unregister(Network)
admin.site.register(Network, NetworkWithCopyAdmin)


@admin.register(StandardStep)
class StandardStepAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "network"
    list_display = ["title", "phase", "order", "due_date", "network"]
    list_filter = ["network", "phase"]
    ordering = ["network", "phase", "order"]


@admin.register(StandardQuestion)
class StandardQuestionAdmin(NetworkScopedAdmin, LanguageTabsAdmin):
    network_path = "network"
    list_display = ["label", "kind", "required", "order", "network"]
    list_filter = ["network"]
