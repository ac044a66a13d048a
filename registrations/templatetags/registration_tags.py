from django import template
from django.utils import timezone

from ..models import RegistrationSettings

register = template.Library()


@register.inclusion_tag("registrations/_meeting_box.html")
def registration_box(meeting):
    """The meeting page's invitation to register, when the organisers set registration up.

    Only settings that change when somebody saves them are shown here (the page is cached);
    the form page itself tells whether it is open right now and how many places are left.
    """
    setup = None
    if meeting.end > timezone.now():
        setup = RegistrationSettings.objects.filter(meeting=meeting, is_open=True).first()
    return {"meeting": meeting, "setup": setup}
