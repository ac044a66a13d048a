from django import template

from meetings import formatting

register = template.Library()


@register.filter
def meeting_when(meeting) -> str:
    return formatting.meeting_when(meeting)
