from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from html import escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from cities.selectors import follows_whole_network, is_lead_staff
from portal.escaping import escape_text
from practices.models import Phase, Status

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_roles(context) -> dict:
    """What the workspace navigation offers the person (the roles are cached on the user)."""
    user = context["request"].user
    return {"follows_network": follows_whole_network(user), "lead_staff": is_lead_staff(user)}


# The step and deliverable tables and the network matrix have a row per item (hundreds for lead
# staff): their bodies are written in Python, one tag per table, with the same markup the
# templates had, escaped with ``portal.escaping``. Labels, the date format and the link patterns
# are looked up once per language, dates formatted once per table.

_SENTINEL = 987654321
_OVERDUE_ROW = ' class="is-overdue"'


@lru_cache(maxsize=16)
def _vocabulary(language: str, script_prefix: str) -> dict:
    return {
        "status": {value: escape(str(label)) for value, label in Status.choices},
        "phase": {value: escape(str(label)) for value, label in Phase.choices},
        "short_date": get_format("SHORT_DATE_FORMAT"),
        "overdue": escape(_("Overdue")),
        "unfinished": escape(_("Not completed when the network ended")),
        "whole_network": escape(_("Whole network")),
        "uploaded": escape(_("uploaded")),
        # Most cells of the network matrix are empty: their markup is built once per language.
        "empty_cell": (
            '<td><span class="muted" aria-hidden="true">—</span>'
            f'<span class="visually-hidden">{escape(_("Not transferred"))}</span></td>'
        ),
        "step_url": reverse("workspace:step_detail", args=[_SENTINEL]),
        "deliverable_url": reverse("workspace:deliverable_detail", args=[_SENTINEL]),
        "home_url": reverse("workspace:home"),
    }


def _words() -> dict:
    return _vocabulary(get_language(), get_script_prefix())


def _link(words, name: str, pk: int) -> str:
    return words[name].replace(str(_SENTINEL), str(pk))


@lru_cache(maxsize=4096)
def _short_date(day, language: str, date_format: str) -> str:
    # Rows repeat a few due dates and days of change; formatting each is most of a row's cost.
    return escape(dateformat.format(day, date_format))


class _Dates:
    """Short dates in the active language."""

    def __init__(self, words):
        self.language = get_language()
        self.format = words["short_date"]

    def __getitem__(self, day) -> str:
        return _short_date(day, self.language, self.format)


def _badge(item, words) -> str:
    status = item.status
    badge = f'<span class="badge status-{escape(status)}">{words["status"][status]}</span>'
    if item.is_overdue:
        badge += f' <span class="badge overdue">{words["overdue"]}</span>'
    elif item.is_unfinished_at_end:
        badge += f' <span class="badge unfinished">{words["unfinished"]}</span>'
    return badge


@register.simple_tag
def status_badge(item) -> SafeString:
    return mark_safe(_badge(item, _words()))


def _due(day, dates: _Dates) -> str:
    if not day:
        return "—"
    return f'<time datetime="{day.isoformat()}">{dates[day]}</time>'


def _step_row(step, show_transfer: bool, words, dates: _Dates) -> str:
    transfer_cells = ""
    if show_transfer:
        transfer = step.transfer
        transfer_cells = (
            f"<td>{escape_text(transfer.city.name)}</td><td>{escape_text(transfer.practice.title)}</td>"
            f"<td>{words['phase'][step.phase]}</td>"
        )
    changed = dates[timezone.localtime(step.updated_at).date()]
    if step.updated_by_name:
        changed = f"{changed} · {escape_text(step.updated_by_name)}"
    progress = int(step.progress)
    return (
        f"<tr{_OVERDUE_ROW if step.is_overdue else ''}>"
        f'<td><a href="{_link(words, "step_url", step.pk)}">{escape_text(step.title)}</a></td>'
        f"{transfer_cells}"
        f"<td>{_badge(step, words)}</td>"
        f'<td><progress value="{progress}" max="100" aria-hidden="true"></progress> '
        f"{progress}%</td>"
        f"<td>{_due(step.due_date, dates)}</td>"
        f'<td class="small">{changed}</td>'
        "</tr>"
    )


@register.simple_tag
def step_rows(steps, show_transfer=False) -> SafeString:
    words = _words()
    dates = _Dates(words)
    return mark_safe("".join(_step_row(step, show_transfer, words, dates) for step in steps))


def _deliverable_row(deliverable, words, dates: _Dates) -> str:
    city = escape_text(deliverable.city.name) if deliverable.city_id else words["whole_network"]
    return (
        f"<tr{_OVERDUE_ROW if deliverable.is_overdue else ''}>"
        f'<td><a href="{_link(words, "deliverable_url", deliverable.pk)}">'
        f"{escape_text(deliverable.display_title)}</a></td>"
        f"<td>{city}</td><td>{words['phase'][deliverable.phase]}</td>"
        f"<td>{_badge(deliverable, words)}</td><td>{_due(deliverable.due_date, dates)}</td>"
        f"<td>{words['uploaded'] if deliverable.file else '—'}</td>"
        "</tr>"
    )


@register.simple_tag
def deliverable_rows(deliverables) -> SafeString:
    words = _words()
    dates = _Dates(words)
    return mark_safe("".join(_deliverable_row(item, words, dates) for item in deliverables))


def _matrix_cell(cell, words) -> str:
    """One cell of the network matrix: a transfer's progress, steps done and overdue."""
    if not cell:
        return words["empty_cell"]
    # As the template's floatformat did: halves round up.
    progress = Decimal(str(cell.avg_progress or 0)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    done = _("%(done)s of %(total)s steps done") % {
        "done": cell.done_count,
        "total": cell.step_count,
    }
    overdue = ""
    if cell.overdue_count:
        text = ngettext("%(counter)s overdue", "%(counter)s overdue", cell.overdue_count) % {
            "counter": cell.overdue_count
        }
        overdue = f'<div><span class="badge overdue">{escape(text)}</span></div>'
    elif getattr(cell, "unfinished_count", 0):
        text = ngettext(
            "%(counter)s not completed when the network ended",
            "%(counter)s not completed when the network ended",
            cell.unfinished_count,
        ) % {"counter": cell.unfinished_count}
        overdue = f'<div><span class="badge unfinished">{escape(text)}</span></div>'
    return (
        f'<td><div><progress value="{progress}" max="100" aria-hidden="true"></progress> '
        f"<strong>{progress}%</strong></div>"
        f'<div class="small muted">{escape(done)}</div>{overdue}</td>'
    )


@register.simple_tag
def matrix_rows(rows) -> SafeString:
    """The body of the network matrix: a row per city, a cell per practice."""
    words = _words()
    home = words["home_url"]
    html = []
    for row in rows:
        cells = "".join(_matrix_cell(cell, words) for cell in row.cells)
        html.append(
            f'<tr><th scope="row"><a href="{home}?city={row.city.pk}">'
            f"{escape_text(row.city.name)}</a></th>{cells}</tr>"
        )
    return mark_safe("".join(html))
