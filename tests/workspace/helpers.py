import datetime as dt

from django.utils import timezone

from cities.models import Membership
from practices.models import (
    Deliverable,
    DeliverableUpload,
    StepComment,
    StepEvidence,
    TransferStep,
)
from tests.factories import (
    CityFactory,
    DeliverableFactory,
    MembershipFactory,
    PracticeFactory,
    TransferFactory,
    TransferStepFactory,
    UserFactory,
)


def snapshot() -> dict:
    """Everything a workspace request could change, to prove that a refused one changed nothing."""
    return {
        "steps": list(
            TransferStep.objects.order_by("pk").values_list(
                "pk", "transfer_id", "status", "progress", "due_date", "notes", "version"
            )
        ),
        "deliverables": list(
            Deliverable.objects.order_by("pk").values_list(
                "pk", "status", "due_date", "file", "version"
            )
        ),
        "evidence": list(StepEvidence.objects.order_by("pk").values_list("pk", "file")),
        "uploads": list(DeliverableUpload.objects.order_by("pk").values_list("pk", "file")),
        "comments": StepComment.objects.count(),
        "step_history": TransferStep.history.count(),
        "deliverable_history": Deliverable.history.count(),
    }


def in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def step_edit_data(step, **overrides) -> dict:
    data = {
        "status": step.status,
        "progress": step.progress,
        "due_date": step.due_date.isoformat() if step.due_date else "",
        "notes": step.notes,
        "version": step.version,
    }
    data.update(overrides)
    return data


def html(response) -> str:
    return response.content.decode()


def save_step(step, user, *, version: int | None = None, **changes):
    """Saves a step through the service as a person would, from its current saved values.

    ``version`` is the version the person started from (the current one when not given)."""
    from practices import services

    current = TransferStep.objects.get(pk=step.pk)
    fields = {
        "status": current.status,
        "progress": current.progress,
        "due_date": current.due_date,
        "notes": current.notes,
    }
    fields.update(changes)
    return services.update_step(
        step=current,
        user=user,
        expected_version=current.version if version is None else version,
        **fields,
    )


def fill_network(network, cities=5, practices=5, steps_per_transfer=6):
    practice_list = [PracticeFactory(network=network) for _ in range(practices)]
    coordinators = []
    for _ in range(cities):
        city = CityFactory(network=network)
        for practice in practice_list:
            transfer = TransferFactory(city=city, practice=practice)
            for i in range(steps_per_transfer):
                TransferStepFactory(
                    transfer=transfer, phase=["understand", "adapt", "reuse"][i % 3]
                )
        DeliverableFactory(city=city, kind="draft_investment_plan")
        DeliverableFactory(city=city, kind="final_investment_plan")
        coordinators.append(city)
    return coordinators


def coordinator_of(city):
    user = UserFactory()
    MembershipFactory(user=user, city=city, role=Membership.Role.CITY_COORDINATOR)
    return user
