"""What the directory says about each network's period, as one whole sentence per state, with
its months in the form each language needs there (common.dates)."""

from django.utils.translation import pgettext_lazy

from cities.models import Network
from common.dates import Month, say

PERIOD = {
    Network.State.RUNNING: pgettext_lazy(
        "network directory",
        # xgettext:no-python-brace-format
        "Runs from {start} to {end}.",
    ),
    Network.State.UPCOMING: pgettext_lazy(
        "network directory",
        # xgettext:no-python-brace-format
        "Starts in {start} and runs until {end}.",
    ),
    Network.State.CONCLUDED: pgettext_lazy(
        "network directory",
        # xgettext:no-python-brace-format
        "Ran from {start} to {end}.",
    ),
}


def period(network: Network, state: Network.State) -> str:
    """ "Runs from September 2026 to August 2028." """
    return say(PERIOD[state], start=Month(network.start_date), end=Month(network.end_date))
