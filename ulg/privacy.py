"""The people a ULG's records name, and who may read them.

Contact persons and action owners who are persons are read only as the one personal-data rule
(``cities.permissions.may_see_personal_data``) allows: every page, export, report and email
that shows an owner takes it from ``owner_for``. And a contact person finds themselves in
"My data" (``contact_person``).
"""

from collections.abc import Iterable
from functools import reduce
from operator import or_

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.permissions import may_see_personal_data
from privacy.registry import export_section

from .models import Organisation, Outcome

#: Shown instead of the name of an action's owner to those who may not read it.
HIDDEN_PERSON = _("A person (name not shown)")


def owner_for(
    user,
    outcome: Outcome,
    *,
    host_city_id: int | None = None,
    hidden: str | None = None,
    answers: dict | None = None,
) -> str:
    """The action's owner as ``user`` may see it: an organisation by name, a person by name
    only to lead staff and the host city's coordinators (else ``hidden``, by default a note
    that the name is not shown). ``user`` None: no reader in particular (a report). The host
    defaults to the outcome's meeting's."""
    if outcome.owner_organisation_id:
        return outcome.owner_organisation.name
    if not outcome.owner_person:
        return ""
    if host_city_id is None:
        host_city_id = outcome.meeting.host_city_id
    if answers is None:
        allowed = may_see_personal_data(user, host_city_id)
    else:  # asked once per host city of a list
        if host_city_id not in answers:
            answers[host_city_id] = may_see_personal_data(user, host_city_id)
        allowed = answers[host_city_id]
    if allowed:
        return outcome.owner_person
    return str(HIDDEN_PERSON) if hidden is None else hidden


def show_owners(
    user, outcomes: Iterable[Outcome], *, host_city_id: int | None = None
) -> list[Outcome]:
    """Sets ``owner_shown`` (what templates and exports print) on each outcome."""
    outcomes, answers = list(outcomes), {}
    for outcome in outcomes:
        outcome.owner_shown = owner_for(user, outcome, host_city_id=host_city_id, answers=answers)
    return outcomes


@export_section("ulg_contact_person")
def contact_person(user) -> list[dict]:
    emails = set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    emails |= {user.email} if user.email else set()
    if not emails:
        return []
    matches = reduce(or_, (Q(contact_email__iexact=email) for email in sorted(emails)))
    organisations = Organisation.objects.filter(matches).select_related("city__network")
    return [
        {
            "network": str(organisation.city.network.name),
            "city": organisation.city.name,
            "organisation": organisation.name,
            "contact_name": organisation.contact_name,
            "contact_email": organisation.contact_email,
            "joined_on": organisation.joined_on,
            "left_on": organisation.left_on,
        }
        for organisation in organisations.order_by("city__order", "name")
    ]
