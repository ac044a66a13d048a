"""The host names a network answers on, and how a request's host picks its network.

One deployment serves several networks. A request is served by the network that claims its
host name; a host no network claims (but that ``ALLOWED_HOSTS`` lets through) is served by the
deployment's default network (``settings.DEFAULT_NETWORK``, a slug), so that a deployment with
one network needs no host names at all. ``DEFAULT_NETWORK = ""`` says there is no default:
such a request is refused with 400.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from common.hosts import forget_claimed_hosts

#: A host name as typed in an address bar, without scheme, port or path.
validate_host_name = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
    _("Enter a host name such as “citisense.example”, without “https://”, port or path."),
)


def host_name(host: str) -> str:
    """``request.get_host()`` without its port, lower case: ``Demo.localhost:8000`` →
    ``demo.localhost``."""
    host = host.strip().lower()
    if host.startswith("["):  # an IPv6 literal keeps its brackets
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def address_on(host: str | None) -> str:
    """The public address of a host name, with the deployment's scheme and port
    (``SITE_URL``'s): the default network without host names is at ``SITE_URL`` itself."""
    if not host:
        return settings.SITE_URL
    parts = urlsplit(settings.SITE_URL)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


class NetworkHost(models.Model):
    """A host name one network answers on. Each host name belongs to one network only."""

    network = models.ForeignKey(
        "cities.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="hosts",
    )
    host = models.CharField(
        _("host name"),
        max_length=253,
        unique=True,
        validators=[validate_host_name],
        error_messages={"unique": _("Another network already answers on this host name.")},
        help_text=_("For example “citisense.example”, without “https://”, port or path."),
    )
    is_primary = models.BooleanField(
        _("main address"),
        default=False,
        help_text=_("Links in emails, feeds, calendars and open data use the main address."),
    )

    class Meta:
        verbose_name = _("host name")
        verbose_name_plural = _("host names")
        ordering = ["-is_primary", "host"]
        constraints = [
            models.UniqueConstraint(
                fields=["network"],
                condition=models.Q(is_primary=True),
                name="one_main_host_per_network",
                violation_error_message=_("A network has one main address."),
            ),
        ]

    def __str__(self) -> str:
        return self.host

    def clean(self) -> None:
        self.host = (self.host or "").strip().lower()
        if self.host and self.host.startswith(("http://", "https://")):
            raise ValidationError({"host": validate_host_name.message})


@receiver(post_save, sender=NetworkHost)
@receiver(post_delete, sender=NetworkHost)
def _hosts_changed(**kwargs) -> None:
    forget_claimed_hosts()
