"""Emails to a person, always in their preferred language, with absolute links to SITE_URL."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path


def site_url(path: str) -> str:
    """An absolute address on the public site for a path such as ``/el/workspace/``."""
    return f"{settings.SITE_URL}{path}"


def reverse_for(user, viewname: str, **kwargs) -> str:
    """The absolute URL of a view in the person's own language."""
    with translation.override(language_of(user)):
        return site_url(reverse(viewname, **kwargs))


def in_language(url: str, language: str) -> str:
    """The same page under another language prefix (``/en/x/`` → ``/el/x/``).

    Django resolves a prefixed path only while its own language is active, so the URL is
    resolved in the language it is written in before it is reversed in the new one.
    """
    written_in = get_language_from_path(urlsplit(url).path) or translation.get_language()
    with translation.override(written_in):
        return translate_url(url, language)


def localise_link(url: str, language: str) -> str:
    """Moves a link built during someone else's request to SITE_URL and the given language."""
    parts = urlsplit(in_language(url, language))
    site = urlsplit(settings.SITE_URL)
    return urlunsplit((site.scheme, site.netloc, parts.path, parts.query, parts.fragment))


def language_of(user) -> str:
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render_email(
    *, template_prefix: str, to: list[str], context: dict, language: str
) -> EmailMultiAlternatives:
    """Renders ``<prefix>_subject.txt``, ``<prefix>_message.txt`` and ``<prefix>_message.html``."""
    with translation.override(language):
        context = {"SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": language, **context}
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        subject = " ".join(subject.split())
        prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "") or ""
        if prefix and not subject.startswith(prefix):
            subject = prefix + subject
        text = render_to_string(f"{template_prefix}_message.txt", context).strip()
        html = render_to_string(f"{template_prefix}_message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    return message


def send_to_user(*, user, template_prefix: str, context: dict) -> None:
    render_email(
        template_prefix=template_prefix,
        to=[user.email],
        context={"user": user, **context},
        language=language_of(user),
    ).send()
