import uuid
from contextlib import nullcontext

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from common.languages import language_of
from common.requests import network_for
from common.sites import serving_network, site_url
from notifications.emails import ComposedEmail, subject_prefix
from notifications.models import Kind
from notifications.services import queue_email

from .emails import in_language, localise_link

#: Links that allauth puts in its emails' context.
EMAIL_LINK_KEYS = ("password_reset_url", "activate_url", "signup_url")


class AccountAdapter(DefaultAccountAdapter):
    """Accounts exist only by invitation from lead staff: public sign-up is closed.

    After login the person's preferred language becomes the interface language; every email
    allauth sends goes out in the recipient's language, as an email of the network whose host
    the request came to (links at its address, its name in the subject and the text).
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

    def format_email_subject(self, subject: str) -> str:
        """The subject starts with the name of the network the email comes from, like every
        other email of the portal (``notifications.emails.subject_prefix``)."""
        network = network_for(allauth_context.request)
        if network is None:
            return super().format_email_subject(subject)
        return f"{subject_prefix(network)}{subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Like every email of the portal, allauth's (address confirmation, password reset) is
        a row in the outbox, sent after the request's transaction commits; its personal link
        leaves the database once the mail server has the message. It is an email of the
        network whose host the request came to."""
        from .models import User

        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = language_of(user) if user else translation.get_language()
        request = allauth_context.request
        network = network_for(request)
        # Without any network yet (a deployment before its first is set up) the links stay at
        # SITE_URL and the email is named after the site.
        links_at = serving_network(network) if network else nullcontext()
        with links_at:
            context = dict(context)
            for key in EMAIL_LINK_KEYS:
                if context.get(key):
                    context[key] = localise_link(context[key], language)
            site = get_current_site(request)
            context = {
                "request": request,
                "email": email,
                "current_site": site,
                **context,
                "SITE_URL": site_url(),
                "network_name": network.name if network else site.name,
            }
            with translation.override(language):
                message = self.render_mail(template_prefix, email, context)
        if network is None:
            # No network, no outbox row to give it: it goes to the mail server directly.
            message.send()
            return
        html = next(
            (body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"),
            "",
        )
        queue_email(
            network=network,
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
