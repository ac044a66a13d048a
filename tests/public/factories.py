import datetime as dt

import factory

from meetings.models import AgendaItem
from tests.factories import MeetingFactory


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n)
    starts_at = dt.time(10, 0)
    title_en = factory.Sequence(lambda n: f"Agenda item {n}")
    title_el = factory.Sequence(lambda n: f"Θέμα {n}")
