"""A list of transfers with their progress as plain rows (``practices/_transfer_table.html``):
a city's page lists its transfers by practice, a practice's page by city.

Each row's link, name and bars are prepared here once per list: one ``reverse()`` for the
list, the phases' labels read once, the percentages given as text (see issue 26). The markup
stays in the template.
"""

from collections.abc import Iterable
from typing import Literal, TypedDict

from modeltranslation.utils import get_language

from common.languages import supplying_language
from common.links import slug_linker

from .models import Phase, Transfer


class TransferRow(TypedDict):
    url: str
    name: str
    lang: str  # the language of the name when it is not the page's (a fallback), else ""
    overall: str | None  # the rounded percentage as shown, None without steps
    phases: list[str | None]  # likewise, one per phase in the order of ``TransferTable.phases``


class TransferTable(TypedDict):
    by: str
    phases: list[str]  # the phases' labels
    rows: list[TransferRow]


def _shown(value: int | None) -> str | None:
    return None if value is None else str(value)


def transfer_table(
    transfers: Iterable[Transfer], *, by: Literal["practice", "city"]
) -> TransferTable:
    """Transfers with ``attach_progress`` done, each row naming its practice (``by="practice"``)
    or its city."""
    language = get_language()
    field = "title" if by == "practice" else "name"
    link = slug_linker("practices:detail" if by == "practice" else "cities:detail")
    rows: list[TransferRow] = []
    for transfer in transfers:
        named = transfer.practice if by == "practice" else transfer.city
        lang = supplying_language(named, field)
        rows.append(
            {
                "url": link(named.slug),
                "name": getattr(named, field),
                "lang": lang if lang != language else "",
                "overall": _shown(transfer.overall),
                "phases": [_shown(phase.value) for phase in transfer.phases],
            }
        )
    return {"by": by, "phases": [str(phase.label) for phase in Phase], "rows": rows}
