"""The personal calendar feed: the events every registered source (meetings, due dates…) has
for the person, in their language, in one calendar document."""

import datetime as dt

from django.contrib.sites.models import Site
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.calendars import calendar_document
from common.languages import language_of

from .registry import feed_sources


def personal_feed(user, *, now: dt.datetime | None = None) -> bytes:
    now = now or timezone.now()
    with translation.override(language_of(user)):
        events = [event for source in feed_sources().values() for event in source(user, now=now)]
        name = _("%(network)s – %(name)s") % {
            "network": Site.objects.get_current().name,
            "name": user.get_full_name(),
        }
        return calendar_document(events, name=name)
