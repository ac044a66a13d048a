"""Rendering emails in the recipient's language, and turning a stored row into a message.

Every email is some network's: it is composed while that network is served
(``common.sites.serving_network``), so each of its links (the unsubscribe link and the
List-Unsubscribe header, the calendar attachment's address and UID included) starts with the
network's own address, its subject starts with the network's name and its sender is named after
the network.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from common.languages import absolute, language_of
from common.sites import serving_network, site_url

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


def subject_prefix(network) -> str:
    """What every subject of a network's emails starts with, so people can filter its mail."""
    return f"[{network.name}] "


def sender(network_name: str = "") -> str:
    """The From address: the deployment's address, named after the network."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((network_name or name, address)) if address else settings.DEFAULT_FROM_EMAIL


def compose(
    *,
    recipient,
    network,
    template: str,
    build: Callable[[], dict],
    folder: str,
    unsubscribe_kind: str | None = None,
) -> ComposedEmail:
    """Render ``<folder>/<template>`` (subject, text, HTML) in the recipient's language, for
    ``network`` (the network of what the email is about): each app keeps its emails' templates
    in its own folder (``notifications/email`` holds only the shared ``base.html`` and
    ``footer.txt``).

    ``build`` runs with that language active and that network served, so translated fields,
    dates, the language prefix of every ``reverse()`` and the address of every absolute link
    come out right. It returns the template context; an ``attachment`` key, if present, becomes
    the email's attachment.
    """
    language = language_of(recipient)
    headers = {"Auto-Submitted": "auto-generated"}
    with translation.override(language), serving_network(network):
        context = {
            "recipient": recipient,
            "site_url": site_url(),
            "network_name": network.name,
            **build(),
        }
        attachment = context.pop("attachment", None)
        if unsubscribe_kind:
            token = unsubscribe_token(user_id=recipient.pk, kind=unsubscribe_kind, network=network)
            url = absolute(reverse("notifications:unsubscribe", args=[token]))
            context["unsubscribe_url"] = url
            context["preferences_url"] = absolute(reverse("notifications:preferences"))
            # RFC 2369 and RFC 8058: mail apps show an unsubscribe button that POSTs to the URL.
            headers["List-Unsubscribe"] = f"<{url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        base = f"{folder}/{template}"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    return ComposedEmail(
        to_email=recipient.email,
        language=language,
        subject=f"{subject_prefix(network)}{subject}",
        text=text,
        html=html,
        headers=headers,
        attachment=attachment,
    )


def message_for(email: OutboundEmail, *, connection=None) -> EmailMultiAlternatives:
    """The message of a recorded email (read with its ``network``), from the network's name."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=sender(email.network.name),
        to=[email.to_email],
        headers=email.headers,
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.attachment_name:
        message.attach(email.attachment_name, email.attachment_content, email.attachment_type)
    return message
