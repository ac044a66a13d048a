"""What the domain apps register with the outbox, from their ``AppConfig.ready()``.

The outbox sends, the apps compose: ``notifications`` imports none of them. Each app that emails
on a schedule registers its job here (``send_reminders`` and Celery beat run every job by name),
each app with dates for the personal calendar feed registers a source of events, and each app
with an email a person may switch off says who may receive it.
"""

from collections.abc import Callable, Iterable

from icalendar import Event

#: name → job(now=…) returning how many emails it queued; in registration order.
_JOBS: dict[str, Callable[..., int]] = {}
#: name → source(user, now=…, network=…) returning the person's calendar events in a network.
_FEED_SOURCES: dict[str, Callable[..., Iterable[Event]]] = {}
#: preference field → who it concerns (a person → bool).
_CHOICES: dict[str, Callable[[object], bool]] = {}


def register_job(name: str, job: Callable[..., int]) -> None:
    """A periodic job that decides who gets which email and queues it under a unique key, so
    that running it again, or twice at once, sends nothing twice."""
    _JOBS[name] = job


def jobs() -> dict[str, Callable[..., int]]:
    return dict(_JOBS)


def register_feed_source(name: str, source: Callable[..., Iterable[Event]]) -> None:
    """``source(user, now=…, network=…)`` gives the events of the person's personal calendar
    feed of ``network`` (that network's only), built with the active language set to the
    person's and that network served."""
    _FEED_SOURCES[name] = source


def feed_sources() -> dict[str, Callable[..., Iterable[Event]]]:
    return dict(_FEED_SOURCES)


def register_choice(field: str, *, concerns: Callable[[object], bool]) -> None:
    """An optional email (a ``NotificationPreferences`` field) and whom it may reach: the
    preferences page offers a person only the choices that concern them."""
    _CHOICES[field] = concerns


def choices_for(user) -> list[str]:
    return [field for field, concerns in _CHOICES.items() if concerns(user)]
