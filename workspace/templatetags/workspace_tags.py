from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from cities.selectors import follows_whole_network, is_lead_staff
from practices.models import Phase, Status

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_roles(context) -> dict:
    """What the workspace navigation offers the person (the roles are cached on the user)."""
    user = context["request"].user
    return {"follows_network": follows_whole_network(user), "lead_staff": is_lead_staff(user)}


# The step and deliverable tables have a row per item (hundreds for lead staff): their rows are
# written in Python, with the same markup the templates had. Labels, the date format and the
# link pattern are looked up once per language, not once per row.

_SENTINEL = 987654321


@lru_cache(maxsize=16)
def _vocabulary(language: str, script_prefix: str) -> dict:
    return {
        "status": {value: str(label) for value, label in Status.choices},
        "phase": {value: str(label) for value, label in Phase.choices},
        "short_date": get_format("SHORT_DATE_FORMAT"),
        "overdue": _("Overdue"),
        "whole_network": _("Whole network"),
        "uploaded": _("uploaded"),
        # Most cells of the network matrix are empty: their markup is built once per language.
        "empty_cell": format_html(
            '<td><span class="muted" aria-hidden="true">—</span>'
            '<span class="visually-hidden">{}</span></td>',
            _("Not transferred"),
        ),
        "step_url": reverse("workspace:step_detail", args=[_SENTINEL]),
        "deliverable_url": reverse("workspace:deliverable_detail", args=[_SENTINEL]),
    }


def _words() -> dict:
    return _vocabulary(get_language(), get_script_prefix())


def _short_date(value, words) -> str:
    return dateformat.format(value, words["short_date"])


def _link(words, name: str, pk: int) -> str:
    return words[name].replace(str(_SENTINEL), str(pk))


@register.simple_tag
def status_badge(item) -> SafeString:
    words = _words()
    badge = format_html(
        '<span class="badge status-{}">{}</span>', item.status, words["status"][item.status]
    )
    if item.is_overdue:
        badge += format_html(' <span class="badge overdue">{}</span>', words["overdue"])
    return badge


def _due(day, words) -> SafeString:
    if not day:
        return mark_safe("—")
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), _short_date(day, words))


@register.simple_tag
def step_row(step, show_transfer=False) -> SafeString:
    words = _words()
    transfer_cells = ""
    if show_transfer:
        transfer_cells = format_html(
            "<td>{}</td><td>{}</td><td>{}</td>",
            step.transfer.city.name,
            step.transfer.practice.title,
            words["phase"][step.phase],
        )
    changed = _short_date(timezone.localtime(step.updated_at), words)
    if step.updated_by:
        changed = format_html("{} · {}", changed, step.updated_by.get_full_name())
    return format_html(
        "<tr{}>"
        '<td><a href="{}">{}</a></td>{}'
        "<td>{}</td>"
        '<td><progress value="{}" max="100" aria-hidden="true"></progress> {}%</td>'
        "<td>{}</td>"
        '<td class="small">{}</td>'
        "</tr>",
        mark_safe(' class="is-overdue"') if step.is_overdue else "",
        _link(words, "step_url", step.pk),
        step.title,
        transfer_cells,
        status_badge(step),
        step.progress,
        step.progress,
        _due(step.due_date, words),
        changed,
    )


@register.simple_tag
def deliverable_row(deliverable) -> SafeString:
    words = _words()
    return format_html(
        "<tr{}>"
        '<td><a href="{}">{}</a></td>'
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "</tr>",
        mark_safe(' class="is-overdue"') if deliverable.is_overdue else "",
        _link(words, "deliverable_url", deliverable.pk),
        deliverable.display_title,
        deliverable.city.name if deliverable.city else words["whole_network"],
        words["phase"][deliverable.phase],
        status_badge(deliverable),
        _due(deliverable.due_date, words),
        words["uploaded"] if deliverable.file else "—",
    )


@register.simple_tag
def matrix_cell(cell) -> SafeString:
    """One cell of the network matrix: a transfer's progress, steps done and overdue."""
    if not cell:
        return _words()["empty_cell"]
    # As the template's floatformat did: halves round up.
    progress = Decimal(str(cell.avg_progress or 0)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    done = _("%(done)s of %(total)s steps done") % {
        "done": cell.done_count,
        "total": cell.step_count,
    }
    overdue = ""
    if cell.overdue_count:
        overdue = format_html(
            '<div><span class="badge overdue">{}</span></div>',
            ngettext("%(counter)s overdue", "%(counter)s overdue", cell.overdue_count)
            % {"counter": cell.overdue_count},
        )
    return format_html(
        '<td><div><progress value="{}" max="100" aria-hidden="true"></progress> '
        "<strong>{}%</strong></div>"
        '<div class="small muted">{}</div>{}</td>',
        progress,
        progress,
        done,
        overdue,
    )
