from django import template

from meetings import formatting

register = template.Library()


@register.filter
def meeting_when(meeting) -> str:
    return formatting.meeting_when(meeting)


@register.simple_tag(takes_context=True)
def meeting_event(context, meeting) -> dict:
    """The meeting as a schema.org ``Event`` (JSON-LD data for the page's head)."""
    from meetings.structured_data import event

    network = context.get("network")
    return event(meeting, organiser=network.name if network else "")
