"""Demo data of the URBACT Local Groups: member organisations and the close-out (attendance,
outcomes) of demo meetings, all marked as demo and with generic names only."""

from datetime import date

from meetings.models import Meeting
from ulg.models import Attendance, Organisation, Outcome, SectorAttendance


def seed_ulg(data: dict, network, cities: dict, report) -> None:
    for item in data.get("ulg_organisations", {}).get("items", []):
        _, created = Organisation.objects.get_or_create(
            city=cities[item["city"]],
            name=item["name"],
            defaults={
                "sector": item["sector"],
                "joined_on": date.fromisoformat(item["joined_on"]),
                "listed_publicly": item.get("listed_publicly", False),
                "is_demo": True,
            },
        )
        report.count("ULG organisations", created)
    for item in data["meetings"]:
        if item.get("closeout"):
            meeting = Meeting.objects.get(network=network, slug=item["slug"])
            _seed_closeout(meeting, item["closeout"], report)


def _seed_closeout(meeting: Meeting, closeout: dict, report) -> None:
    """Recorded once: what people changed afterwards is never reset."""
    register = {o.name: o for o in Organisation.objects.filter(city_id=meeting.host_city_id)}
    attendance, created = Attendance.objects.get_or_create(
        meeting=meeting, defaults={"people": closeout["people"]}
    )
    report.count("meeting close-outs", created)
    if not created:
        return
    attendance.organisations.set([register[name] for name in closeout.get("organisations", [])])
    for sector, people in closeout.get("sectors", {}).items():
        SectorAttendance.objects.create(attendance=attendance, sector=sector, people=people)
    for item in closeout.get("outcomes", []):
        outcome = Outcome(
            meeting=meeting,
            kind=item["kind"],
            text=item["text"],
            owner_organisation=register.get(item.get("owner", "")),
            due_date=date.fromisoformat(item["due_date"]) if item.get("due_date") else None,
            status=item.get("status", ""),
        )
        outcome.full_clean()
        outcome.save()
        report.count("meeting outcomes", True)
