from django.urls import reverse

from common.languages import absolute


def meeting_url(meeting) -> str:
    """A meeting's page in the workspace, as an absolute link (calendars, emails)."""
    return absolute(reverse("workspace_meetings:detail", args=[meeting.pk]))
