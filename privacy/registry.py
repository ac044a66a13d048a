"""What the data export contains: one section per kind of personal data.

An app that keeps more about a person registers a section from its ``AppConfig.ready``::

    from privacy.registry import export_section

    @export_section("reminders")
    def reminders(user):
        return [...]  # JSON-serialisable; dates as ISO strings or datetime objects

Each section function must run a fixed number of queries, whatever the person did.
"""

from collections.abc import Callable
from typing import Any

SECTIONS: dict[str, Callable[[Any], Any]] = {}


def export_section(name: str):
    def register(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
        SECTIONS[name] = function
        return function

    return register
