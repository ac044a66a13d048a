"""Contact persons in "My data": the organisations whose contact email is one of the person's."""

from functools import reduce
from operator import or_

from allauth.account.models import EmailAddress
from django.db.models import Q

from privacy.registry import export_section

from .models import Organisation


@export_section("ulg_contact_person")
def contact_person(user) -> list[dict]:
    emails = set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    emails |= {user.email} if user.email else set()
    if not emails:
        return []
    matches = reduce(or_, (Q(contact_email__iexact=email) for email in sorted(emails)))
    organisations = Organisation.objects.filter(matches).select_related("city")
    return [
        {
            "city": organisation.city.name,
            "organisation": organisation.name,
            "contact_name": organisation.contact_name,
            "contact_email": organisation.contact_email,
            "joined_on": organisation.joined_on,
            "left_on": organisation.left_on,
        }
        for organisation in organisations.order_by("city__order", "name")
    ]
