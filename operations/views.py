from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def admin_login(request):
    """The admin has no login form of its own: it signs in through the site's login, which
    asks staff for their second factor. Signed-in staff go on to where they were heading."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        return render(request, "operations/admin_forbidden.html", status=403)
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
