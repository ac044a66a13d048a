import functools

from django import template
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import conditional_escape, escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from modeltranslation.utils import get_language

from meetings.formatting import imprecise_when
from portal.languages import language_versions as _language_versions
from portal.languages import supplying_language
from practices.models import Phase

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in every language: for the switcher, hreflang links and the canonical link."""
    request = context.get("request")
    return _language_versions(request) if request is not None else []


@register.simple_tag
def lang_attr(obj, field: str) -> str:
    """` lang="el"` when the value shown is a fallback from another language, else nothing."""
    lang = supplying_language(obj, field)
    return format_html(' lang="{}"', lang) if lang != get_language() else ""


@register.simple_tag(takes_context=True)
def nav_current(context, namespace: str, url_name: str = "") -> str:
    """aria-current for a main-menu link: "page" on that very page, "true" within its section."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != namespace:
        return ""
    if url_name:
        return mark_safe(' aria-current="page"') if match.url_name == url_name else ""
    return mark_safe(' aria-current="page"' if match.url_name == "list" else ' aria-current="true"')


@register.filter
def rich(value: str) -> SafeString:
    """Staff-written rich text (sanitised when saved): HTML as is, plain text as paragraphs."""
    text = (value or "").strip()
    if not text:
        return mark_safe("")
    # Trusted: these fields are sanitised with nh3 when saved.
    if text.startswith("<"):
        return mark_safe(text)
    return mark_safe(linebreaks(text))


@functools.lru_cache(maxsize=8)
def _bar_texts(language: str) -> tuple[str, dict[str, str]]:
    """The bars' fixed words, translated and escaped once per language rather than per bar."""
    # Plain strings: a lazy label would be translated again each time a bar is written.
    phases = {phase.value: escape(str(phase.label)) for phase in Phase}
    return escape(str(_("no steps yet"))), phases


def _bar(value, label_html: str, size: str = "") -> str:
    # Plain string formatting rather than format_html: the progress table holds hundreds of
    # bars, and only the label (escaped by the caller) and the value need escaping.
    classes = f"bar bar-{size}" if size else "bar"
    label_html = f'<span class="bar-label">{label_html}</span>' if label_html else ""
    if value is None:
        shown = f'<span class="bar-value bar-none">{_bar_texts(get_language())[0]}</span>'
    else:
        value = value if isinstance(value, int) else escape(value)
        shown = (
            f'<progress max="100" value="{value}" aria-hidden="true"></progress>'
            f'<span class="bar-value">{value}%</span>'
        )
    return f'<span class="{classes}">{label_html}{shown}</span>'


@register.simple_tag
def progress_bar(value, label: str = "", size: str = "") -> SafeString:
    """A labelled progress bar, built in Python: an included template costs ten times as much."""
    return mark_safe(_bar(value, escape(label) if label else "", size))


@register.simple_tag
def progress_breakdown(obj, label: str = "") -> SafeString:
    """The large overall bar of an object with progress (``attach_progress``) and a small bar
    per phase: one cell of the progress table."""
    phase_labels = _bar_texts(get_language())[1]
    phases = "".join(
        f"<li>{_bar(phase.value, phase_labels[phase.phase], 'small')}</li>" for phase in obj.phases
    )
    return mark_safe(
        f"{_bar(obj.overall, conditional_escape(label) if label else '', 'large')}"
        f'<ul class="phase-bars phase-bars-compact">{phases}</ul>'
    )


@register.simple_tag
def progress_matrix_rows(matrix) -> SafeString:
    """The body rows of the public progress table: one per city, a cell per practice.

    Built in Python like the bars: a page holds a few hundred cells, and the same markup from
    template loops costs several times as much to render.
    """
    overall, not_transferred, withdrawn = (
        escape(text) for text in (_("Overall"), _("not transferred"), _("Withdrawn"))
    )
    empty_cell = f'<td><span class="not-transferred">{not_transferred}</span></td>'
    rows = []
    for row in matrix.rows:
        city = row.city
        link = format_html(
            '<a href="{}"{}>{}</a>',
            reverse("cities:detail", args=[city.slug]),
            lang_attr(city, "name"),
            city.name,
        )
        note = f'<span class="meta"> · {withdrawn}</span>' if city.status == "withdrawn" else ""
        cells = "".join(
            f"<td>{progress_breakdown(transfer, overall)}</td>" if transfer else empty_cell
            for transfer in row.cells
        )
        rows.append(
            f'<tr><th scope="row">{link}{note}</th>{cells}<td>{_bar(city.overall, "")}</td></tr>'
        )
    return mark_safe("\n".join(rows))


@register.simple_tag
def progress_matrix_columns(matrix) -> SafeString:
    """The practices' column headers of the progress table (see ``progress_matrix_rows``)."""
    return mark_safe(
        "".join(
            format_html(
                '<th scope="col"><a href="{}"{}>{}</a></th>',
                reverse("practices:detail", args=[practice.slug]),
                lang_attr(practice, "title"),
                practice.title,
            )
            for practice in matrix.practices
        )
    )


@register.simple_tag
def progress_matrix_totals(matrix) -> SafeString:
    """The practices' progress over all cities, the footer of the progress table."""
    return mark_safe(
        "".join(f"<td>{_bar(practice.overall, '')}</td>" for practice in matrix.practices)
    )


def _utc_offset(moment) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _time_tag(moment, text: str) -> str:
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), text)


@register.simple_tag
def venue_time(meeting) -> str:
    """When a meeting runs, in the venue's local time, with its offset from UTC (only as
    precisely as the meeting's date was published)."""
    start, end = meeting.local_start, meeting.local_end
    imprecise = imprecise_when(meeting)
    if imprecise is not None:
        return format_html('<time datetime="{}">{}</time>', start.date().isoformat(), imprecise)
    day, clock = get_format("DATE_FORMAT"), get_format("TIME_FORMAT")
    start_text = f"{dateformat.format(start, day)}, {dateformat.time_format(start, clock)}"
    if start.date() == end.date():
        end_text = dateformat.time_format(end, clock)
        separator = "–"
    else:
        end_text = f"{dateformat.format(end, day)}, {dateformat.time_format(end, clock)}"
        separator = " – "
    zone = _("venue time, %(offset)s") % {"offset": _utc_offset(start)}
    return format_html(
        '{}{}{} <span class="time-zone">({})</span>',
        _time_tag(start, start_text),
        separator,
        _time_tag(end, end_text),
        zone,
    )
