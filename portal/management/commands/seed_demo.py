import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.seed import (
    DEFAULT_DATA_FILE,
    SeedConflict,
    load_data,
    seed_demo_users,
    seed_network,
)
from registrations.seed import seed_open_meeting

DEFAULT_DEMO_PASSWORD = "citisense-demo"


class Command(BaseCommand):
    help = (
        "Load a network's facts and demo content from a data file, beside the networks already "
        "there; safe to run again (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            type=Path,
            default=DEFAULT_DATA_FILE,
            help="Network data file (JSON). Defaults to the CITISENSE network; another file adds "
            "its network beside the others (e.g. portal/seed/demo-network.json).",
        )
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help="Also create demo accounts (refused unless DJANGO_DEBUG is on).",
        )

    def handle(self, *args, **options):
        if options["with_demo_users"] and not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo users with DJANGO_DEBUG off: they have a known password."
            )
        data = load_data(options["data"])
        try:
            network, report = seed_network(data=data)
        except SeedConflict as conflict:
            raise CommandError(str(conflict)) from conflict
        self.stdout.write(
            f"Network {network.name} ({network.address}): {self._describe(report.created)}"
        )
        if options["with_demo_users"]:
            password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
            users = seed_demo_users(data=data, password=password)
            self.stdout.write(f"Demo users: {self._describe(users.created)}")
            meeting = seed_open_meeting(network=network, data=data)
            if meeting is not None:
                self.stdout.write(
                    "Demo meeting open to registration: "
                    f"{network.address}/en/meetings/{meeting.slug}/"
                )
        self.stdout.write(self.style.SUCCESS("Seed complete."))

    @staticmethod
    def _describe(created: dict[str, int]) -> str:
        if not created:
            return "nothing new"
        return ", ".join(f"{count} {label} created" for label, count in sorted(created.items()))
