"""The personal calendar feed: the events every registered source (meetings, due dates…) has
for the person in one network, in their language, in one calendar document, its links at that
network's address."""

import datetime as dt

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.calendars import calendar_document
from common.languages import language_of
from common.sites import serving_network

from .registry import feed_sources


def personal_feed(user, *, network, now: dt.datetime | None = None) -> bytes:
    now = now or timezone.now()
    with translation.override(language_of(user)), serving_network(network):
        events = [
            event
            for source in feed_sources().values()
            for event in source(user, now=now, network=network)
        ]
        name = _("%(network)s – %(name)s") % {
            "network": network.name,
            "name": user.get_full_name(),
        }
        return calendar_document(events, name=name)
