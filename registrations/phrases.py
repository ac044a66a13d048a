"""When registration opens, as whole sentences with the day and time in the form their place
needs (``{% date_phrase "registrations:…" when=… %}``, common.dates)."""

from django.utils.translation import pgettext_lazy

PHRASES = {
    "opens": pgettext_lazy(
        "registration",
        # xgettext:no-python-brace-format
        "Opens on {when}.",
    ),
    "it_opens": pgettext_lazy(
        "registration",
        # xgettext:no-python-brace-format
        "It opens on {when}.",
    ),
}
