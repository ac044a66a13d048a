import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from common.languages import language_of
from common.sites import site_url
from notifications.emails import ComposedEmail
from notifications.models import Kind
from notifications.services import queue_email

from .emails import in_language, localise_link

#: Links that allauth puts in its emails' context.
EMAIL_LINK_KEYS = ("password_reset_url", "activate_url", "signup_url")


class AccountAdapter(DefaultAccountAdapter):
    """Accounts exist only by invitation from lead staff: public sign-up is closed.

    After login the person's preferred language becomes the interface language; every email
    allauth sends goes out in the recipient's language with links to SITE_URL.
    """

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        return reverse("workspace:home")

    def post_login(self, request, user, **kwargs):
        language = language_of(user)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = super().post_login(request, user, **kwargs)
        if isinstance(response, HttpResponseRedirect):
            response["Location"] = in_language(response["Location"], language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Like every email of the portal, allauth's (address confirmation, password reset) is
        a row in the outbox, sent after the request's transaction commits; its personal link
        leaves the database once the mail server has the message."""
        from .models import User

        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = language_of(user) if user else translation.get_language()
        context = dict(context)
        for key in EMAIL_LINK_KEYS:
            if context.get(key):
                context[key] = localise_link(context[key], language)
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
            "SITE_URL": site_url(),
        }
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html = next(
            (body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"),
            "",
        )
        queue_email(
            kind=Kind.ACCOUNT,
            object_key=template_prefix.rsplit("/", 1)[-1][:64],
            recipient=user,
            occasion=uuid.uuid4().hex,  # every request is its own email
            composed=ComposedEmail(
                to_email=email,
                language=language,
                subject=message.subject,
                text=message.body if message.content_subtype == "plain" else "",
                html=html or (message.body if message.content_subtype == "html" else ""),
                headers={"Auto-Submitted": "auto-generated"},
            ),
            erase_after_sending=True,
        )
