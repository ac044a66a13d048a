"""Public pages: the registration form, the emailed confirmation link and the personal page.

Nobody signs in: the links in the registrant's emails are signed, and whoever holds them may
see, cancel or delete that one registration. An altered or outdated link gets a clear page.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common import exports
from common.languages import absolute
from common.requests import network_for
from meetings.calendars import build_calendar
from meetings.selectors import public_meeting

from . import qr, ratelimit, selectors, services
from .emails import public_meeting_url
from .forms import RegistrationForm
from .tokens import ExpiredLink, manage_token, read_confirm_token

Status = services.Status


def _open_meeting(request, slug: str):
    meeting = public_meeting(network=network_for(request), slug=slug)
    setup = selectors.settings_for(meeting) if meeting else None
    if setup is None:
        raise Http404
    setup.meeting = meeting
    return meeting, setup


def _form_page(request, meeting, setup, form, *, status: int = 200, refusal: str = ""):
    window = setup.window()
    context = {
        "meeting": meeting,
        "setup": setup,
        "form": form,
        "window": window,
        "window_message": services.WINDOW_MESSAGES.get(window, ""),
        "refusal": refusal,
        "free_places": selectors.free_places(setup),
    }
    return render(request, "registrations/register.html", context, status=status)


@require_http_methods(["GET", "POST"])
def register(request, slug: str):
    meeting, setup = _open_meeting(request, slug)
    questions = selectors.questions_of(setup)
    if request.method == "GET":
        return _form_page(
            request, meeting, setup, RegistrationForm(setup=setup, questions=questions)
        )
    form = RegistrationForm(request.POST, setup=setup, questions=questions)
    if not ratelimit.ip_allowed(request):
        refusal = _("Too many registrations from your connection. Please try again in an hour.")
        return _form_page(request, meeting, setup, form, status=429, refusal=refusal)
    if not form.is_valid():
        return _form_page(request, meeting, setup, form)
    sent = redirect("registrations:sent", slug=meeting.slug)
    if form.is_bot:
        return sent
    email = form.cleaned_data["email"]
    if not ratelimit.email_allowed(email):
        refusal = _("Too many registrations for this email address. Please try again in an hour.")
        return _form_page(request, meeting, setup, form, status=429, refusal=refusal)
    try:
        services.register(
            meeting=meeting,
            name=form.cleaned_data["name"],
            email=email,
            organisation=form.cleaned_data.get("organisation", ""),
            answers=form.answers(),
            language=get_language(),
        )
    except services.RegistrationRefused as refused:
        return _form_page(request, meeting, setup, form, refusal=refused.message)
    return sent


@require_GET
def sent(request, slug: str):
    meeting, _setup = _open_meeting(request, slug)
    return render(
        request,
        "registrations/sent.html",
        {
            "meeting": meeting,
            "hours": settings.REGISTRATION_CONFIRM_HOURS,
            "console_email": settings.DEBUG and "console" in settings.EMAIL_BACKEND,
        },
    )


def _invalid_link(request, message: str, *, status: int = 400):
    return render(request, "registrations/invalid_link.html", {"message": message}, status=status)


def _personal_url(registration) -> str:
    token = manage_token(registration_id=registration.pk, code=registration.check_in_code)
    return reverse("registrations:manage", args=[token])


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    try:
        registration_id = read_confirm_token(token)
    except ExpiredLink:
        return _invalid_link(
            request,
            _("This confirmation link has expired. Please register again to get a new one."),
            status=410,
        )
    registration = (
        selectors.registration_for_confirmation(registration_id) if registration_id else None
    )
    if registration is None or not _of_this_network(request, registration):
        return _invalid_link(request, _("This confirmation link is not valid."), status=404)
    if registration.status == Status.CANCELLED:
        return _invalid_link(request, _("This registration was cancelled."), status=410)
    if registration.status != Status.PENDING:
        messages.info(request, _("Your registration was already confirmed."))
        return redirect(_personal_url(registration))
    if request.method == "GET":
        return render(
            request,
            "registrations/confirm.html",
            {"registration": registration, "private_page": True},
        )
    try:
        registration, _changed = services.confirm(registration_id=registration.pk)
    except services.RegistrationRefused as refused:
        return _invalid_link(request, refused.message, status=409)
    if registration.status == Status.CONFIRMED:
        messages.success(
            request, _("Thank you: your registration is confirmed and your place is kept.")
        )
    elif registration.status == Status.WAITING:
        messages.info(
            request, _("Thank you: the places are taken, so you are on the waiting list.")
        )
    return redirect(_personal_url(registration))


def _of_this_network(request, registration) -> bool:
    """A registrant's links belong to the meeting's network: on another network's host they
    are not found and change nothing."""
    network = network_for(request)
    return network is not None and registration.meeting.network_id == network.pk


def _link_page(view):
    def wrapped(request, token: str):
        registration = selectors.registration_from_link(token)
        if registration is None or not _of_this_network(request, registration):
            return _invalid_link(
                request,
                _("This link is not valid: it was changed, or the registration no longer exists."),
                status=404,
            )
        return view(request, token, registration)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@never_cache
@require_GET
@_link_page
def manage(request, token: str, registration):
    meeting = registration.meeting
    questions = {
        str(question.pk): question.label
        for question in selectors.questions_of(meeting.registration_settings)
    }
    answers = [
        (questions.get(key, _("Question removed")), value)
        for key, value in registration.answers.items()
    ]
    return render(
        request,
        "registrations/manage.html",
        {
            "registration": registration,
            "meeting": meeting,
            "token": token,
            "answers": answers,
            "position": selectors.waiting_position(registration),
            "is_over": meeting.end <= timezone.now(),
            "retention_days": settings.REGISTRATION_RETENTION_DAYS,
            "private_page": True,
        },
    )


def door_url(registration) -> str:
    """What the QR code holds: the organisers' door page, looking the code up at once."""
    path = reverse("registrations_organise:door", args=[registration.meeting_id])
    return f"{absolute(path)}?code={registration.check_in_code}"


def _qr_response(registration, *, fmt: str) -> HttpResponse:
    if registration.status != Status.CONFIRMED:
        raise Http404
    data = door_url(registration)
    if fmt == "svg":
        response = HttpResponse(qr.as_svg(data), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr.as_png(data), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@_link_page
def qr_svg(request, token: str, registration):
    return _qr_response(registration, fmt="svg")


@require_GET
@_link_page
def qr_png(request, token: str, registration):
    return _qr_response(registration, fmt="png")


@require_GET
@_link_page
def calendar(request, token: str, registration):
    meeting = registration.meeting
    data = build_calendar([meeting], name=meeting.title, url_for=public_meeting_url)
    return exports.download(data, filename=f"{meeting.slug}.ics", content_type=exports.ICS)


@require_POST
@_link_page
def cancel(request, token: str, registration):
    try:
        changed = services.cancel(registration=registration)
    except services.RegistrationRefused as refused:
        messages.error(request, refused.message)
        return redirect("registrations:manage", token=token)
    if changed:
        messages.success(
            request, _("Your registration is cancelled. Thank you for letting us know.")
        )
    else:
        messages.info(request, _("This registration was already cancelled."))
    return redirect("registrations:manage", token=token)


@require_POST
@_link_page
def delete(request, token: str, registration):
    meeting = registration.meeting
    services.delete_registration(registration=registration)
    messages.success(request, _("Your registration and your details have been deleted."))
    return redirect("meetings:detail", slug=meeting.slug)
