"""Signing in with allauth: email and password, closed sign-up, email verification, password
reset, rate limits, and the person's own language afterwards."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import User
from notifications.models import Kind, OutboundEmail
from portal.seed import current_totp_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def login(client, email, password=PASSWORD, prefix="/en", **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(
        f"{prefix}/accounts/login/" + (f"?{query}" if query else ""),
        {"login": email, "password": password},
    )


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_login_sends_a_greek_speaker_to_the_greek_workspace(client, coordinator):
    coordinator.preferred_language = "el"
    coordinator.save()
    response = login(client, coordinator.email, prefix="/en")
    assert response.status_code == 302
    assert response["Location"] == "/el/workspace/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "el"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert '<html lang="el">' in page.content.decode()


def test_login_keeps_the_requested_page_in_the_persons_language(client, lead_staff):
    response = login(client, lead_staff.email, prefix="/en", next="/en/workspace/network/")
    # Lead staff pass their second factor first; the page they asked for comes after it.
    assert response["Location"].endswith("/accounts/2fa/authenticate/")
    response = client.post(response["Location"], {"code": current_totp_code(lead_staff)})
    assert response["Location"] == "/el/workspace/network/"


def test_login_ignores_an_outside_next(client, coordinator):
    response = login(client, coordinator.email, next="https://evil.example/")
    assert response["Location"] == "/en/workspace/"


def test_login_is_case_insensitive_on_the_email(client, coordinator):
    response = login(client, coordinator.email.upper())
    assert response["Location"] == "/en/workspace/"
    # Signed in as the same person: the workspace greets them, not the sign-in form.
    page = client.get(response["Location"])
    assert page.wsgi_request.user == coordinator
    assert "/accounts/login/" not in page.get("Location", "")


def test_wrong_password_is_refused_in_the_page_language(client, coordinator):
    response = login(client, coordinator.email, password="wrong", prefix="/el")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors
    assert "δεν είναι σωστ" in response.content.decode()


def test_failed_logins_are_rate_limited(client, coordinator):
    for _ in range(5):
        assert login(client, coordinator.email, password="wrong").status_code == 200
    response = login(client, coordinator.email)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_sign_up_is_closed(client, db):
    page = client.get("/en/accounts/signup/")
    assert "Accounts by invitation only" in page.content.decode()
    client.post(
        "/en/accounts/signup/",
        {
            "email": "stranger@example.org",
            "password1": "Xk2!long-pass",
            "password2": "Xk2!long-pass",
        },
    )
    assert not User.objects.filter(email="stranger@example.org").exists()


def test_unverified_email_gets_a_verification_email_in_the_persons_language(
    client, db, django_capture_on_commit_callbacks
):
    person = UserFactory(email="new@example.org", preferred_language="el")
    EmailAddress.objects.filter(user=person).update(verified=False)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        response = login(client, person.email, prefix="/en")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    message = mail.outbox[-1]
    assert message.to == [person.email]
    assert "Επιβεβαιώστε" in message.subject
    url = next(u for u in links(message.body) if "/confirm-email/" in u)
    assert url.startswith(f"{settings.SITE_URL}/el/accounts/confirm-email/")
    html = message.alternatives[0][0]
    assert url in html
    path = url[len(settings.SITE_URL) :]
    assert client.get(path).status_code == 200
    client.post(path)
    assert EmailAddress.objects.get(user=person).verified
    assert login(client, person.email)["Location"] == "/el/workspace/"


def test_password_reset_email_is_in_the_persons_language_and_works(
    client, coordinator, django_capture_on_commit_callbacks
):
    coordinator.preferred_language = "el"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        response = client.post("/en/accounts/password/reset/", {"email": coordinator.email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    # Recorded in the outbox like every email; the reset link left the database once sent.
    row = OutboundEmail.objects.get(kind=Kind.ACCOUNT, recipient=coordinator)
    assert (row.status, row.subject) == (OutboundEmail.Status.SENT, message.subject)
    assert "/password/reset/key/" not in row.body_text + row.body_html
    # Its subject names the network it comes from (the one of the host it was asked on).
    assert message.subject.startswith(f"[{coordinator.memberships.get().city.network.name}] ")
    assert "νέο κωδικό" in message.subject
    url = next(u for u in links(message.body) if "/password/reset/key/" in u)
    assert url.startswith(f"{settings.SITE_URL}/el/accounts/password/reset/key/")
    assert message.alternatives[0][1] == "text/html"
    # The reset page keeps the key in the session and redirects to a form without it.
    form_page = client.get(url[len(settings.SITE_URL) :], follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else url
    done = client.post(action, {"password1": "Fresh-pass-2026!", "password2": "Fresh-pass-2026!"})
    assert done.status_code == 302
    client.logout()
    assert login(client, coordinator.email, password="Fresh-pass-2026!").status_code == 302
    assert "_auth_user_id" in client.session


def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
    assert not OutboundEmail.objects.exists()


def test_password_change_needs_the_old_password(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": "wrong", "password1": "Another-pass-77", "password2": "Another-pass-77"},
    )
    assert response.status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.check_password(PASSWORD)


def test_logout(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


ANONYMOUS_PAGES = ["account_login", "account_reset_password", "account_reset_password_done"]
SIGNED_IN_PAGES = ["account_change_password", "account_email", "account_logout"]


@pytest.mark.parametrize("language", ["el", "en"])
def test_account_pages_are_in_the_site_design_and_language(client, coordinator, language):
    texts = {"el": "Σύνδεση", "en": "Sign in"}
    for signed_in, names in ((False, ANONYMOUS_PAGES), (True, SIGNED_IN_PAGES)):
        if signed_in:
            client.force_login(coordinator)
        for name in names:
            path = f"/{language}{reverse(name)[3:]}"
            response = client.get(path)
            assert response.status_code == 200, path
            page = response.content.decode()
            assert f'<html lang="{language}">' in page, path
            assert 'class="site-header"' in page, path
            # One stylesheet for every page, allauth's included.
            assert page.count('rel="stylesheet"') == 1 and "css/site.css" in page, path
            assert "<script" not in page and 'style="' not in page, path
    client.logout()
    assert texts[language] in client.get(f"/{language}/accounts/login/").content.decode()
