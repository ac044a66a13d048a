"""The archive's sentences about dates, whole, with each date in the form its place needs
(``{% date_phrase "archive:…" %}``, common.dates)."""

from django.utils.translation import pgettext_lazy

PHRASES = {
    "banner": pgettext_lazy(
        "archive banner",
        # xgettext:no-python-brace-format
        "This is the archive of {name} as of {day}.",
    ),
    "closed": pgettext_lazy(
        "network closure",
        # xgettext:no-python-brace-format
        "Closed on {day} by {person}. Nobody can change its data; it sends no email and accepts "
        "no registration.",
    ),
    "reporting_open": pgettext_lazy(
        "network closure",
        # xgettext:no-python-brace-format
        "Final reporting is still open until {day}.",
    ),
}
