"""Rendering emails in the recipient's language, and turning a stored row into a message."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from common.languages import absolute, language_of
from common.sites import site_url

from .models import OutboundEmail
from .tokens import unsubscribe_token


@dataclass(frozen=True)
class Attachment:
    name: str
    content: str
    mimetype: str


@dataclass(frozen=True)
class ComposedEmail:
    to_email: str
    language: str
    subject: str
    text: str
    html: str
    headers: dict = field(default_factory=dict)
    attachment: Attachment | None = None


@dataclass(frozen=True)
class Addressee:
    """Someone without an account, known only by an address and the language they used."""

    email: str
    preferred_language: str
    name: str = ""
    pk: None = None

    def get_short_name(self) -> str:
        return self.name


def compose(
    *,
    recipient,
    template: str,
    build: Callable[[], dict],
    folder: str,
    unsubscribe_kind: str | None = None,
) -> ComposedEmail:
    """Render ``<folder>/<template>`` (subject, text, HTML) in the recipient's language: each
    app keeps its emails' templates in its own folder (``notifications/email`` holds only the
    shared ``base.html`` and ``footer.txt``).

    ``build`` runs with that language active, so translated fields, dates and the language
    prefix of every ``reverse()`` come out right. It returns the template context; an
    ``attachment`` key, if present, becomes the email's attachment.
    """
    language = language_of(recipient)
    headers = {"Auto-Submitted": "auto-generated"}
    with translation.override(language):
        context = {"recipient": recipient, "site_url": site_url(), **build()}
        attachment = context.pop("attachment", None)
        if unsubscribe_kind:
            url = absolute(
                reverse(
                    "notifications:unsubscribe",
                    args=[unsubscribe_token(user_id=recipient.pk, kind=unsubscribe_kind)],
                )
            )
            context["unsubscribe_url"] = url
            context["preferences_url"] = absolute(reverse("notifications:preferences"))
            # RFC 2369 and RFC 8058: mail apps show an unsubscribe button that POSTs to the URL.
            headers["List-Unsubscribe"] = f"<{url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        base = f"{folder}/{template}"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    # The same prefix as the account emails, so people can filter all of the portal's mail.
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    return ComposedEmail(
        to_email=recipient.email,
        language=language,
        subject=f"{prefix}{subject}",
        text=text,
        html=html,
        headers=headers,
        attachment=attachment,
    )


def message_for(email: OutboundEmail, *, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_email],
        headers=email.headers,
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.attachment_name:
        message.attach(email.attachment_name, email.attachment_content, email.attachment_type)
    return message
