"""What pages say about the network's dates, as whole sentences in each language, with each
date in the form its place in the sentence needs (common.dates): "Tīkla darbība beidzās
2026. gada 31. augustā", "A CITISENSE 2024. szeptember 1-jén indul" is never glued together."""

from django.utils.translation import npgettext, pgettext, pgettext_lazy

from common.dates import Day, Month, say

from .models import Network

# Short phrases for ``{% date_phrase "cities:…" day=… %}``.
PHRASES = {
    "read_on": pgettext_lazy(
        "the day a source was read",
        # xgettext:no-python-brace-format
        "read on {day}",
    ),
    "withdrawn": pgettext_lazy(
        "a city's withdrawal",
        # xgettext:no-python-brace-format
        "This city left the network on {day}.",
    ),
}

REPORTING_CLOSED = pgettext_lazy(
    "network lifecycle",
    # xgettext:no-python-brace-format
    "Final reporting closed on {closes}: your workspace can be read but no longer changed. "
    "Lead staff can still correct it.",
)
ENDED = pgettext_lazy(
    "network lifecycle",
    # xgettext:no-python-brace-format
    "The network ended on {end}. Final reporting is open until {closes}; open steps are shown "
    "as not completed when the network ended.",
)


def reporting_closed(network: Network) -> str:
    return say(REPORTING_CLOSED, closes=Day(network.final_reporting_closes))


def ended(network: Network) -> str:
    return say(ENDED, end=Day(network.end_date), closes=Day(network.final_reporting_closes))


def concluded(network: Network) -> str:
    # xgettext:no-python-brace-format
    sentence = pgettext("network lifecycle", "{name} has concluded: it ran from {start} to {end}.")
    return say(
        sentence, name=network.name, start=Month(network.start_date), end=Month(network.end_date)
    )


def starts(network: Network) -> str:
    # xgettext:no-python-brace-format
    sentence = pgettext("network lifecycle", "{name} starts on {start}.")
    return say(sentence, name=network.name, start=Day(network.start_date))


def period(network: Network) -> str:
    """The network's dates and length: "1 September 2024 to 31 August 2026 (24 months)"."""
    months = network.duration_months
    sentence = npgettext(
        "the network's period",
        # xgettext:no-python-brace-format
        "{start} to {end} ({months} month)",
        # xgettext:no-python-brace-format
        "{start} to {end} ({months} months)",
        months,
    )
    return say(sentence, start=Day(network.start_date), end=Day(network.end_date), months=months)


def ran_from_to(network: Network) -> str:
    """The results page's opening, about the whole network's run."""
    sentence = pgettext(
        "results of a concluded network",
        # xgettext:no-python-brace-format
        "Where each city stood when the network ended, after running from {start} to {end}: "
        "what it transferred, its indicators against the baseline and its Investment Plan.",
    )
    return say(sentence, start=Month(network.start_date), end=Month(network.end_date))
