from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from notifications.jobs import run_all


class Command(BaseCommand):
    help = _(
        "Run every reminder job once: meeting reminders, daily and weekly digests, and a resend "
        "of emails whose send task was lost. Safe to run at any time: nothing is sent twice."
    )

    def handle(self, *args, **options):
        for job, count in run_all().items():
            self.stdout.write(f"{job}: {count}")
