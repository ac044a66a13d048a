from django import template

from cities.selectors import follows_whole_network, is_lead_staff

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_roles(context) -> dict:
    """What the workspace navigation offers the person (the roles are cached on the user)."""
    user = context["request"].user
    return {"follows_network": follows_whole_network(user), "lead_staff": is_lead_staff(user)}
