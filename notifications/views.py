from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from common import exports
from common.languages import absolute
from common.requests import network_for

from . import services
from .feeds import personal_feed
from .forms import PreferencesForm
from .models import Kind
from .registry import choices_for
from .selectors import preferences_by_token
from .tokens import calendar_feed_token, read_calendar_feed_token, read_unsubscribe_token


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = services.preferences_for(request.user)
    form = PreferencesForm(
        request.POST or None, instance=current, relevant_fields=choices_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.update_preferences(user=request.user, choices=form.choices())
        messages.success(request, _("Your email choices were saved."))
        return redirect("notifications:preferences")
    feed_url = ""
    if current.calendar_token:
        # The feed of the network this page is opened on, at that network's address.
        token = calendar_feed_token(key=current.calendar_token, network=network_for(request))
        feed_url = absolute(reverse("notifications:calendar_feed", args=[token]))
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "preferences": current,
            "feed_url": feed_url,
            "webcal_url": feed_url.replace("https://", "webcal://", 1).replace(
                "http://", "webcal://", 1
            ),
        },
    )


@login_required
@require_POST
def calendar_feed_settings(request):
    action = request.POST.get("action")
    if action == "regenerate":
        services.regenerate_calendar_token(user=request.user)
        messages.success(
            request,
            _("Your calendar feed has a new address. The old address no longer works."),
        )
    elif action == "revoke":
        services.revoke_calendar_token(user=request.user)
        messages.success(request, _("Your calendar feed was switched off."))
    else:
        messages.error(request, _("Unknown action."))
    return redirect("notifications:preferences")


def calendar_feed(request, token: str):
    """The secret feed address is the only key: calendar apps cannot sign in. It holds the
    events of one network, the one it was made on: opened on another network's host, it is not
    found."""
    network = network_for(request)
    found = preferences_by_token(read_calendar_feed_token(token, network=network) or "")
    if found is None:
        raise Http404
    response = exports.download(
        personal_feed(found.user, network=network),
        filename="calendar.ics",
        content_type=exports.ICS,
        attachment=False,
    )
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # RFC 8058: mail apps POST here without a session; the signed token is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """The link of one network's email: on another network's host it is not found and changes
    nothing."""
    decoded = read_unsubscribe_token(token, network=network_for(request))
    if decoded is None:
        raise Http404
    user_id, kind = decoded
    done = False
    if request.method == "POST":
        if services.unsubscribe(user_id=user_id, kind=kind) is None:
            raise Http404
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"kind_label": Kind(kind).label, "done": done},
    )
