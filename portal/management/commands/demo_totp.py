from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.seed import current_totp_code


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo staff account (development only)."

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default="lead@citisense.example")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp only runs with DJANGO_DEBUG on.")
        user = get_user_model().objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"No account {options['email']}.")
        try:
            self.stdout.write(current_totp_code(user))
        except user.authenticator_set.model.DoesNotExist as error:
            raise CommandError(f"{user.email} has no authenticator app.") from error
