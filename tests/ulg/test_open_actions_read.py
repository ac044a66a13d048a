"""The workspace's open actions, read with SQL built once per process, are the ORM's."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tests.factories import OutcomeFactory
from ulg import selectors
from ulg.privacy import show_owners

pytestmark = pytest.mark.django_db


def _table(user, actions) -> str:
    context = {"today": timezone.localdate(), "marks_late": True}
    return render_to_string("ulg/_actions_table.html", {**context, "actions": actions})


@pytest.mark.parametrize("language", ["en", "el"])
def test_the_first_open_actions_read_as_the_orm_reads_them(
    coordinator, lead_staff, network, ulg_meeting, police, other_meeting, language
):
    ulg_meeting.title_el = "Δεύτερη συνάντηση"
    ulg_meeting.save()
    soon = timezone.localdate() + dt.timedelta(days=3)
    for number, meeting in enumerate([ulg_meeting, ulg_meeting, other_meeting, ulg_meeting]):
        OutcomeFactory(
            meeting=meeting,
            kind="action",
            text=f"Action <{number}> & more",
            owner_person="" if number == 1 else "Pere Person",
            owner_organisation=police if number == 1 else None,
            due_date=soon - dt.timedelta(days=number),
            status="open",
        )
    done = {"kind": "action", "owner_person": "X", "due_date": soon, "status": "done"}
    OutcomeFactory(meeting=ulg_meeting, **done)
    with translation.override(language):
        for user in (coordinator, lead_staff):
            orm = selectors.open_actions_visible_to(user, network).only(
                *selectors.action_table_columns()
            )[:3]
            expected = show_owners(user, orm)
            read = show_owners(user, selectors.first_open_actions(user, network, 3))
            assert [a.pk for a in read] == [a.pk for a in expected]
            assert read and _table(user, read) == _table(user, expected)
