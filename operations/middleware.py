from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .health import health_response
from .mfa import has_totp, mfa_required


def build_permissions_policy(policy: dict[str, list[str]]) -> str:
    def allow_list(origins: list[str]) -> str:
        return " ".join(origin if origin in {"self", "*"} else f'"{origin}"' for origin in origins)

    return ", ".join(f"{feature}=({allow_list(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Adds the ``Permissions-Policy`` header built from ``settings.PERMISSIONS_POLICY``."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = build_permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class HealthCheckMiddleware:
    """Answers ``GET /healthz`` itself: before host validation, sessions and the per-request
    transaction, so that a probe from a load balancer works and a database outage is reported
    rather than raised."""

    PATHS = frozenset({"/healthz", "/healthz/"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in self.PATHS and request.method in {"GET", "HEAD"}:
            return health_response()
        return self.get_response(request)


class StaffMFARequiredMiddleware:
    """Staff and lead staff without an authenticator app are sent to set one up.

    Until they have, they reach only their account pages (sign-in, sign-out, two-factor set-up,
    password) and the language switch: not the admin, not the workspace, nothing that acts with
    their powers on a password alone.
    """

    ALLOWED_URL_NAME_PREFIXES = ("account_", "mfa_")
    ALLOWED_URL_NAMES = frozenset({"set_language", "privacy:policy"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match and (
            match.view_name in self.ALLOWED_URL_NAMES
            or (match.url_name or "").startswith(self.ALLOWED_URL_NAME_PREFIXES)
        ):
            return None
        if not mfa_required(user) or has_totp(user):
            return None
        if request.method == "GET":
            messages.warning(
                request,
                _(
                    "Staff accounts must use two-factor authentication. "
                    "Set up an authenticator app to continue."
                ),
            )
        return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.path})}")
