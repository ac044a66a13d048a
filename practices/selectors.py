"""Read-side queries for practices and transfer progress.

Progress anywhere on the site is the average of the progress of the steps in scope: a transfer's
steps, the steps of one phase, all steps of a city or of a practice. Averages are computed in
the database, so a page costs the same few queries however many steps there are.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from cities.models import Network

from .models import Phase, Practice, Transfer


@dataclass(frozen=True)
class PhaseProgress:
    phase: str
    label: str
    value: int | None


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def step_progress_annotations(steps: str = "steps") -> dict:
    """Average progress overall and per phase over the steps reached through ``steps``.

    ``steps`` is the lookup path from the queried model to its steps ("" on TransferStep).
    """
    prefix = f"{steps}__" if steps else ""
    annotations = {"progress_overall": Avg(f"{prefix}progress")}
    for phase in Phase:
        annotations[f"progress_{phase.value}"] = Avg(
            f"{prefix}progress", filter=Q(**{f"{prefix}phase": phase})
        )
    return annotations


def attach_progress(obj) -> None:
    """Turn the raw averages annotated on ``obj`` into rounded numbers for templates."""
    obj.overall = _rounded(obj.progress_overall)
    obj.phases = [
        PhaseProgress(phase.value, phase.label, _rounded(getattr(obj, f"progress_{phase.value}")))
        for phase in Phase
    ]


def transfers_with_progress() -> QuerySet[Transfer]:
    return (
        Transfer.objects.select_related("city", "practice")
        .annotate(**step_progress_annotations(), step_count=Count("steps"))
        .order_by("city__order", "city__slug", "practice__order", "practice__slug")
    )


def _finish(practices: list[Practice]) -> list[Practice]:
    for practice in practices:
        attach_progress(practice)
        for transfer in practice.transfers.all():
            attach_progress(transfer)
    return practices


def public_practices(*, network: Network | None) -> list[Practice]:
    """The network's practices, each with the cities transferring it and their progress."""
    if network is None:
        return []
    practices = (
        Practice.objects.filter(network=network)
        .annotate(**step_progress_annotations("transfers__steps"))
        .prefetch_related(Prefetch("transfers", queryset=transfers_with_progress()))
        .order_by("order", "slug")
    )
    return _finish(list(practices))


def public_practice(*, network: Network | None, slug: str) -> Practice | None:
    if network is None:
        return None
    practices = _finish(
        list(
            Practice.objects.filter(network=network, slug=slug)
            .annotate(**step_progress_annotations("transfers__steps"))
            .prefetch_related(Prefetch("transfers", queryset=transfers_with_progress()))
        )
    )
    return practices[0] if practices else None
