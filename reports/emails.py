"""The content of the reports' emails, composed in the recipient's language for the reporting
period's network (every link at that network's address)."""

import datetime as dt

from django.urls import reverse
from django.utils.formats import date_format

from common.languages import absolute
from meetings.formatting import LONG_DATE
from notifications.emails import ComposedEmail, compose

FOLDER = "reports/email"


def report_url(period_id: int, city_slug: str) -> str:
    return absolute(reverse("reports:city_report", args=[period_id, city_slug]))


def period_url(period_id: int) -> str:
    return absolute(reverse("reports:period", args=[period_id]))


def transition(recipient, *, report, transition) -> ComposedEmail:
    def build() -> dict:
        return {
            "report": report,
            "city": report.city.name,
            "period": report.period,
            "status": transition.get_to_status_display(),
            "to_status": transition.to_status,
            "actor": transition.actor.get_full_name() if transition.actor else "",
            "comment": transition.comment,
            "url": report_url(report.period_id, report.city.slug),
        }

    return compose(
        recipient=recipient,
        network=report.period.network,
        template="transition",
        build=build,
        folder=FOLDER,
    )


def reminder(recipient, *, period, city, days: int) -> ComposedEmail:
    def build() -> dict:
        return {
            "period": period,
            "city": city.name,
            "days": days,
            "due_date": date_format(period.due_date, LONG_DATE),
            "url": report_url(period.pk, city.slug),
        }

    return compose(
        recipient=recipient, network=period.network, template="reminder", build=build, folder=FOLDER
    )


def overdue(recipient, *, period, cities: list, today: dt.date) -> ComposedEmail:
    def build() -> dict:
        return {
            "period": period,
            "cities": [city.name for city in cities],
            "due_date": date_format(period.due_date, LONG_DATE),
            "days_late": (today - period.due_date).days,
            "url": period_url(period.pk),
        }

    return compose(
        recipient=recipient, network=period.network, template="overdue", build=build, folder=FOLDER
    )
